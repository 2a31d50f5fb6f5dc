"""`kiosk studio [FOLDER]`: the content studio, a desktop window for staff to edit a bundle's
authoring folder with a live preview, then build or publish it."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    studio = sub.add_parser(
        "studio",
        help="edit a bundle's content in a window, with a live preview (no FOLDER: start "
        "from a copy of the built-in content)",
    )
    studio.add_argument(
        "folder", type=Path, nargs="?", metavar="FOLDER", help="the authoring folder to edit"
    )
    studio.set_defaults(handler=cmd_studio)


def cmd_studio(args: argparse.Namespace) -> int:
    from kiosk.app.studio_run import run_studio  # deferred: Qt

    return run_studio(args.folder)

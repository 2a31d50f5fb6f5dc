"""`kiosk studio [FOLDER]`: the content studio, a desktop window for staff to edit a bundle's
authoring folder with a live preview, then build or publish it."""

from __future__ import annotations

import argparse
import sys
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


NOT_IN_KIOSK_BUILD = (
    "The content studio is not part of the kiosk build. Install the kiosk package on the "
    "office PC and run `kiosk studio` there (docs/studio.md)."
)


def cmd_studio(args: argparse.Namespace) -> int:
    from kiosk.paths import qml_dir

    if not (qml_dir() / "StudioWindow.qml").is_file():  # the frozen kiosk leaves it out
        print(NOT_IN_KIOSK_BUILD, file=sys.stderr)
        return 1
    from kiosk.app.studio_run import run_studio  # deferred: Qt

    return run_studio(args.folder)

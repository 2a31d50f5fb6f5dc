"""`kiosk render-check FILE...`: the child process kiosk/store/render.py starts at install."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "render-check", help="draw images with Qt and print those it cannot show (used by install)"
    )
    check.add_argument("files", type=Path, nargs="+", metavar="FILE")
    check.set_defaults(handler=cmd_render_check)


def cmd_render_check(args: argparse.Namespace) -> int:
    from kiosk.ui.render_check import problems  # deferred: Qt

    found = problems(args.files)
    for problem in found:
        print(problem)
    return 1 if found else 0

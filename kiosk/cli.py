"""The `kiosk` command: runs the patient app, and the staff and authoring sub-commands.

Exit codes for every sub-command: 0 success, 1 refusal or invalid input (with the reason),
2 bad usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

Handler = Callable[[argparse.Namespace], int]


class _NotPlain(Exception):
    """The arguments are not just the patient app's options: the full parser decides."""


class _PatientAppParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotPlain(message)


def size_arg(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x", 1))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 1080x1920, not {value!r}"
        ) from None
    if not (320 <= width <= 7680 and 320 <= height <= 7680):
        raise argparse.ArgumentTypeError("width and height must be between 320 and 7680 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    from kiosk.commands import bundle as bundle_commands
    from kiosk.commands import fleet as fleet_commands
    from kiosk.commands import keys as keys_commands
    from kiosk.commands import render_check as render_check_commands
    from kiosk.commands import screenshots as screenshot_commands
    from kiosk.commands import staff as staff_commands
    from kiosk.commands import usage as usage_commands

    parser = _app_options(argparse.ArgumentParser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    bundle_commands.add_parser(sub)
    screenshot_commands.add_parser(sub)
    keys_commands.add_parser(sub)
    staff_commands.add_parser(sub)
    render_check_commands.add_parser(sub)
    usage_commands.add_parser(sub)
    fleet_commands.add_parser(sub)
    return parser


def _app_options(kind: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """A parser of the patient app's own options (no sub-commands)."""
    parser = kind(
        prog="kiosk",
        description="Clinic waiting-room kiosk. Without a sub-command, runs the patient app.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the kiosk's data folder (installed bundles, settings, logs); also KIOSK_DATA_DIR",
    )
    parser.add_argument(
        "--import-dir",
        type=Path,
        help="a folder staff mode looks in for .kbundle files, besides USB drives; "
        "also KIOSK_IMPORT_DIR",
    )
    parser.add_argument("--windowed", action="store_true", help="run in a window, not fullscreen")
    parser.add_argument("--size", type=size_arg, help="window size for --windowed, e.g. 1080x1920")
    parser.add_argument(
        "--bundle", type=Path, help="preview an authoring folder; reloads when a file changes"
    )
    parser.add_argument(
        "--audio",
        choices=("system", "null"),
        default="system",
        help="where narration plays: the system's sound output (PulseAudio, else ALSA), or "
        "null: silently at real speed (tests, machines without sound)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start offscreen, wait for the first frame, print one JSON line and exit",
    )
    parser.set_defaults(command=None)
    return parser


def _plain_app_args(argv: list[str]) -> argparse.Namespace | None:
    """The patient app's arguments, parsed without building the sub-commands' parsers (23 of
    them cost a kiosk start ~50 ms); None when argv asks for help or does not parse (a
    sub-command is an argument this parser does not know), so that the full parser answers."""
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    try:
        return _app_options(_PatientAppParser).parse_args(argv)
    except _NotPlain:
        return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _plain_app_args(argv)
    if args is not None:
        return _run_app(args)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    if args.command is not None:
        parser.parse_args([args.command, "--help"])
    return _run_app(args)


def _run_app(args: argparse.Namespace) -> int:
    from kiosk.app.run import run  # deferred: sub-commands must not pay for loading Qt

    return run(args)

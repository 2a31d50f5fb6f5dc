"""`kiosk staff ...`: staff tasks that need a keyboard (setting the PIN)."""

from __future__ import annotations

import argparse
import getpass
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="staff tasks: set the PIN, the opening hours")
    actions = staff.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_pin = actions.add_parser(
        "set-pin",
        help="set the staff PIN (asked twice; read from standard input when it is not a terminal)",
    )
    set_pin.set_defaults(handler=cmd_set_pin)
    from kiosk.commands import schedule  # hours-usage: `kiosk staff schedule ...`

    schedule.add_parser(actions)


def _read_pin(prompt: str) -> str | None:
    """One PIN, never echoed. Without a terminal (scripts, tests) one line of standard input."""
    if sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):
            return None
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


def cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff.pin import PinError  # deferred: the patient app never pays for these
    from kiosk.staff.service import Staff

    first = _read_pin("New staff PIN: ")
    second = _read_pin("The same PIN again: ") if first is not None else None
    if first is None or second is None:
        print("kiosk staff set-pin: no PIN was given; nothing changed.", file=sys.stderr)
        return 1
    if first != second:
        print("kiosk staff set-pin: the two PINs differ; nothing changed.", file=sys.stderr)
        return 1
    try:
        Staff.open(args.data_dir).set_pin(first)
    except PinError as exc:
        print(f"kiosk staff set-pin: {exc} Nothing changed.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kiosk staff set-pin: the PIN could not be saved ({exc.strerror}).", file=sys.stderr)
        return 1
    print("The staff PIN is set.")
    return 0

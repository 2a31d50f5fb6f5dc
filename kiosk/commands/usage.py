"""`kiosk usage export --out FILE.csv`: the anonymous usage counts as CSV (stick or folder)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    usage = sub.add_parser("usage", help="anonymous usage counts: export them as CSV")
    actions = usage.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help='write every count to a CSV file (counts below 5 as "fewer than 5")'
    )
    export.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.paths import data_dir
    from kiosk.usage.export import export_csv
    from kiosk.usage.store import USAGE_NAME

    database = data_dir(args.data_dir) / USAGE_NAME
    if not database.is_file():
        print(f"kiosk usage export: No usage has been counted yet ({database}).", file=sys.stderr)
        return 1
    try:
        rows = export_csv(database, args.out)
    except OSError as exc:
        print(
            f"kiosk usage export: {args.out} could not be written ({exc.strerror or exc}).",
            file=sys.stderr,
        )
        return 1
    except sqlite3.Error as exc:
        print(f"kiosk usage export: the counts could not be read ({exc}).", file=sys.stderr)
        return 1
    print(f"Wrote {rows} row{'s' if rows != 1 else ''} to {args.out}.")
    return 0

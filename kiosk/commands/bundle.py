"""`kiosk bundle ...`: validate, build, verify and manage content bundles."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.content.manifest import json_schema
from kiosk.content.validate import validate_folder


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bundle = sub.add_parser("bundle", help="validate, build, verify and install content bundles")
    actions = bundle.add_subparsers(dest="action", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="check a bundle folder or .kbundle file")
    validate.add_argument("path", type=Path, help="an authoring folder or a .kbundle file")
    validate.add_argument(
        "--no-readability", action="store_true", help="skip the reading-level checks"
    )
    validate.set_defaults(handler=cmd_validate)

    schema = actions.add_parser("schema", help="print the JSON Schema of bundle.toml")
    schema.set_defaults(handler=cmd_schema)


def cmd_validate(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.exists():
        print(f"kiosk bundle validate: {path} does not exist")
        return 2
    if path.is_file():
        from kiosk.content.distribution import validate_archive

        _, problems = validate_archive(path, readability_checks=not args.no_readability)
    else:
        _, problems = validate_folder(path, readability_checks=not args.no_readability)
    for problem in problems.items:
        print(problem)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        print(f"{path}: invalid, {errors} error(s), {warnings} warning(s)")
        return 1
    print(f"{path}: valid, {warnings} warning(s)")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0

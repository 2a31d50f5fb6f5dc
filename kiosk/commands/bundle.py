"""`kiosk bundle ...`: validate, build, verify and manage content bundles."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.problems import BundleError

if TYPE_CHECKING:
    from kiosk.content.signing import KeyFileError

# The schema, validation, authoring, verify and signing modules are imported by the commands that
# use them: `kiosk` without a sub-command builds this parser too, and the patient app's start
# must not load pydantic or cryptography (bench/bench_ui.py).


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

    build = actions.add_parser("build", help="validate a folder and write a signed .kbundle")
    build.add_argument("src", type=Path, help="the authoring folder")
    build.add_argument(
        "--key", type=Path, required=True, help="the private key (.key) to sign with"
    )
    build.add_argument("-o", "--out", type=Path, required=True, help="the .kbundle file to write")
    build.add_argument(
        "--no-readability", action="store_true", help="skip the reading-level checks"
    )
    build.add_argument(
        "--release",
        action="store_true",
        help="refuse a bundle with draft pages (no clinician's review recorded)",
    )
    _add_narration_option(build)
    build.set_defaults(handler=cmd_build)

    seal = actions.add_parser(
        "seal", help="sign a folder in place (manifest.json and manifest.sig inside it)"
    )
    seal.add_argument("src", type=Path, help="the authoring folder")
    seal.add_argument("--key", type=Path, required=True, help="the private key (.key) to sign with")
    seal.add_argument("--no-readability", action="store_true", help="skip the reading-level checks")
    _add_narration_option(seal)
    seal.set_defaults(handler=cmd_seal)

    verify = actions.add_parser(
        "verify", help="check the signature and every file of a .kbundle (or sealed folder)"
    )
    verify.add_argument("path", type=Path, help="a .kbundle file or a sealed folder")
    verify.add_argument(
        "--trust", type=Path, nargs="+", required=True, metavar="PUBLIC", help="trusted .pub keys"
    )
    verify.set_defaults(handler=cmd_verify)

    _add_store_actions(actions)
    _add_review_sheet(actions)


def _add_narration_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--narration",
        choices=("auto", "required", "none"),
        default="auto",
        help="make narration/ with espeak-ng and oggenc: when they are installed (auto, the "
        "default: otherwise a warning), or else fail (required); none keeps the folder's own",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.content.validate import validate_folder

    path: Path = args.path
    if not path.exists():
        print(f"kiosk bundle validate: {path} does not exist")
        return 2
    if path.is_file():
        from kiosk.commands.archive_lint import validate_archive

        _, problems = validate_archive(path, readability_checks=not args.no_readability)
        if _print_signature(path, args.data_dir) == "bad":
            problems.error(path.name, "manifest.sig", "the signature does not check out")
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


def _print_signature(path: Path, data_dir: Path | None) -> str:
    """Prints whether the archive's signature checks out against this kiosk's trusted keys."""
    from kiosk.content.signature_report import signature_report
    from kiosk.staff.service import Staff

    report = signature_report(path, Staff.open(data_dir).store.trusted_keys())
    print(report.message)
    return report.verdict


def cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.content.manifest import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _missing(command: str, *paths: Path) -> bool:
    """Reports arguments that name nothing: bad usage (exit 2), not a bad bundle."""
    missing = [path for path in paths if not path.exists()]
    for path in missing:
        print(f"kiosk bundle {command}: {path} does not exist", file=sys.stderr)
    return bool(missing)


def _refused(exc: BundleError | KeyFileError) -> int:
    if isinstance(exc, BundleError):
        print(exc.summary, file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
    else:
        print(exc, file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    from kiosk.content.authoring import build_bundle
    from kiosk.content.signing import KeyFileError, load_private_key

    if _missing("build", args.src, args.key, args.out.absolute().parent):
        return 2
    try:
        built = build_bundle(
            args.src,
            load_private_key(args.key),
            args.out,
            readability_checks=not args.no_readability,
            release=args.release,
            narration=args.narration,
        )
    except (BundleError, KeyFileError) as exc:
        return _refused(exc)
    for warning in built.warnings:
        print(warning)
    manifest = built.manifest
    print(
        f"Built {built.path}: {manifest.id} version {manifest.version}, "
        f"{len(manifest.files)} files, signed by key {manifest.signer}."
    )
    return 0


def cmd_seal(args: argparse.Namespace) -> int:
    from kiosk.content.authoring import seal_folder
    from kiosk.content.signing import KeyFileError, load_private_key

    if _missing("seal", args.src, args.key):
        return 2
    try:
        sealed = seal_folder(
            args.src,
            load_private_key(args.key),
            readability_checks=not args.no_readability,
            narration=args.narration,
        )
    except (BundleError, KeyFileError) as exc:
        return _refused(exc)
    for warning in sealed.warnings:
        print(warning)
    manifest = sealed.manifest
    print(
        f"Sealed {args.src}: {manifest.id} version {manifest.version}, "
        f"{len(manifest.files)} files, signed by key {manifest.signer}."
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from kiosk.content.signing import KeyFileError, load_public_key
    from kiosk.content.verify import verify_bundle, verify_folder

    path: Path = args.path
    if _missing("verify", path, *args.trust):
        return 2
    try:
        trusted = [load_public_key(key) for key in args.trust]
        info = verify_folder(path, trusted) if path.is_dir() else verify_bundle(path, trusted)
    except (BundleError, KeyFileError) as exc:
        return _refused(exc)
    print(f"{path}: the signature and all {info.file_count} files check out.")
    print(f"id: {info.id}")
    print(f"version: {info.version}")
    print(f"signer: {info.signer}")
    print(f"built_at: {info.built_at.isoformat()}")
    print(f"pages: {info.page_count}")
    return 0


# -- the store of installed bundles: install, list, rollback -----------------------------------


def _add_store_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    install = actions.add_parser(
        "install", help="verify a .kbundle against the trusted keys and make it the active bundle"
    )
    install.add_argument("file", type=Path, metavar="FILE", help="the .kbundle file")
    install.set_defaults(handler=cmd_install)

    listing = actions.add_parser(
        "list", help="show the active bundle, the previous ones and the built-in one"
    )
    listing.add_argument("--json", action="store_true", help="print one JSON document")
    listing.set_defaults(handler=cmd_list)

    rollback = actions.add_parser("rollback", help="make the previous bundle active again")
    rollback.set_defaults(handler=cmd_rollback)


def _progress_printer() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        print(f"\rCopying... {percent:3d}%", end="" if done < total else "\n", file=sys.stderr)

    return show


def cmd_install(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff
    from kiosk.store.bundle_store import StoreError

    path: Path = args.file
    if not path.is_file():
        print(f"kiosk bundle install: {path} does not exist", file=sys.stderr)
        return 2
    staff = Staff.open(args.data_dir)
    try:
        diff = staff.preview_install(path)
        if not diff.blocked:
            old, new = f"{diff.old_id} version {diff.old_version}", f"version {diff.new_version}"
            print(
                f"{old} -> {new}"
                if not diff.replaces_other_bundle
                else f"{old} -> {diff.new_id} {new}"
            )
            for label, pages in (
                ("added", diff.added),
                ("changed", diff.changed),
                ("removed", diff.removed),
            ):
                if pages:
                    print(f"pages {label}: {', '.join(pages)}")
        active = staff.install(path, _progress_printer(), preview=diff)
    except StoreError as exc:
        return _refused(exc)
    print(
        f"Installed {active.id} version {active.version} (signed by key {active.info.signer}); "
        "it is now the active bundle."
    )
    return 0


def _bundle_json(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "version": info.version,
        "signer": info.signer,
        "built_at": info.built_at.isoformat(),
        "pages": info.page_count,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff
    from kiosk.store.bundle_store import StoreError

    store = Staff.open(args.data_dir).store
    problem: str | None = None
    try:
        installed = store.list_installed()
    except StoreError as exc:
        installed, problem = [], exc.summary
    try:
        builtin: dict[str, Any] = _bundle_json(store.builtin_info())
    except BundleError as exc:
        builtin = {"problem": exc.summary}
    try:
        serving = store.open_active()
        served: dict[str, Any] = {
            **_bundle_json(serving.info),
            "source": serving.source,
            "path": str(serving.path),
            "fallback_reason": serving.fallback_reason,
        }
    except BundleError as exc:
        served = {"problem": exc.summary}
    rows = [
        {
            "role": item.role,
            "folder": item.folder,
            "installed_at": item.installed_at.isoformat(),
            **(_bundle_json(item.info) if item.info else {}),
            "problem": item.problem,
        }
        for item in installed
    ]
    if args.json:
        document = {"serving": served, "installed": rows, "builtin": builtin, "problem": problem}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    if problem:
        print(f"Problem: {problem}")
    if "problem" in served:
        print(f"Serving: nothing ({served['problem']})")
    else:
        print(f"Serving: {served['id']} version {served['version']} ({served['source']})")
        if served["fallback_reason"]:
            print(f"  because: {served['fallback_reason']}")
    if not rows:
        print("Installed: none")
    for row in rows:
        what = f"{row['id']} version {row['version']}" if "id" in row else row["folder"]
        state = f"DAMAGED: {row['problem']}" if row["problem"] else f"signed by {row['signer']}"
        print(f"{row['role'].capitalize()}: {what}, installed {row['installed_at']}, {state}")
    if "problem" in builtin:
        print(f"Built-in: DAMAGED: {builtin['problem']}")
    else:
        print(f"Built-in: {builtin['id']} version {builtin['version']}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff
    from kiosk.store.bundle_store import StoreError

    try:
        active = Staff.open(args.data_dir).rollback()
    except StoreError as exc:
        return _refused(exc)
    where = " (the built-in content)" if active.source == "builtin" else ""
    print(f"Rolled back: {active.id} version {active.version}{where} is now active.")
    return 0


# -- the clinical review sheet -----------------------------------------------------------------


def _add_review_sheet(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sheet = actions.add_parser(
        "review-sheet",
        help="write a printable HTML review sheet of every page, for a clinician to sign",
    )
    sheet.add_argument("src", type=Path, metavar="BUNDLE", help="the authoring folder")
    sheet.add_argument("-o", "--out", type=Path, required=True, help="the .html file to write")
    sheet.set_defaults(handler=cmd_review_sheet)


def cmd_review_sheet(args: argparse.Namespace) -> int:
    from kiosk.atomic import write_bytes
    from kiosk.content.review_sheet import review_sheet

    if _missing("review-sheet", args.src, args.out.absolute().parent):
        return 2
    try:
        document = review_sheet(args.src)
    except BundleError as exc:
        return _refused(exc)
    write_bytes(args.out, document.encode("utf-8"))
    print(f"Wrote {args.out}. Open it in a web browser to read it or print it.")
    return 0

"""`kiosk keys ...`: signing keys for content bundles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.content.problems import BundleError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="create the keys that sign content bundles")
    actions = keys.add_subparsers(dest="action", metavar="ACTION", required=True)

    generate = actions.add_parser(
        "generate", help="create a key pair: NAME.key (private, keep it secret) and NAME.pub"
    )
    generate.add_argument(
        "--out", type=Path, required=True, help="folder for the two files (created if needed)"
    )
    generate.add_argument("--name", default="kiosk", help="file name of the keys (default: kiosk)")
    generate.set_defaults(handler=cmd_generate)

    trust = actions.add_parser(
        "trust", help="trust a public key (.pub) for the bundles installed on this kiosk"
    )
    trust.add_argument("public_key", type=Path, metavar="PUBLIC_KEY", help="the .pub file")
    trust.set_defaults(handler=cmd_trust)

    untrust = actions.add_parser(
        "untrust", help="stop trusting a key: its bundles are no longer installed or shown"
    )
    untrust.add_argument("key_id", metavar="ID", help="the key id (16 hex digits)")
    untrust.set_defaults(handler=cmd_untrust)

    listing = actions.add_parser("list", help="the ids of the keys trusted on this kiosk")
    listing.set_defaults(handler=cmd_list)


def cmd_generate(args: argparse.Namespace) -> int:
    # Deferred, like every command's heavy imports: `kiosk` alone builds this parser too.
    from kiosk.content.signing import KeyFileError, generate_keypair, key_id, load_public_key

    try:
        private_path, public_path = generate_keypair(args.out, args.name)
        ident = key_id(load_public_key(public_path))
    except KeyFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    # Paths and the key id only: the private key itself is never printed.
    print(f"private key: {private_path} (keep it secret; it signs bundles)")
    print(f"public key: {public_path} (give it to each kiosk that should trust these bundles)")
    print(f"key id: {ident}")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff
    from kiosk.store.errors import StoreError  # deferred: only this command needs the store

    path: Path = args.public_key
    if not path.is_file():
        print(f"kiosk keys trust: {path} does not exist", file=sys.stderr)
        return 2
    try:
        ident = Staff.open(args.data_dir).trust_key(path)
    except StoreError as exc:
        print(exc.summary, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"The key could not be saved ({exc.strerror}).", file=sys.stderr)
        return 1
    print(f"Key {ident} is now trusted for bundles installed on this kiosk.")
    return 0


def cmd_untrust(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff
    from kiosk.store.errors import StoreError

    staff = Staff.open(args.data_dir)
    try:
        staff.untrust_key(args.key_id)
    except StoreError as exc:
        print(exc.summary, file=sys.stderr)
        return 1
    try:
        served = staff.describe_active()
    except BundleError as exc:
        print(f"Key {args.key_id} is no longer trusted. Nothing can be shown: {exc.summary}")
        return 1
    print(
        f"Key {args.key_id} is no longer trusted. The kiosk now shows {served.id} version "
        f"{served.version} ({served.source})."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from kiosk.staff.service import Staff

    ids = Staff.open(args.data_dir).trusted_key_ids()
    print("\n".join(ids) if ids else "No key is trusted yet.")
    return 0

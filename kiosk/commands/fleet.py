"""`kiosk fleet ...`: the content team's TUF repository, and each kiosk's updates from it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROLES = ("root", "targets", "snapshot", "timestamp")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fleet = sub.add_parser("fleet", help="publish bundles to every kiosk, and take updates")
    actions = fleet.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="content team: create a repository and its keys in DIR")
    init.add_argument("dir", type=Path, metavar="DIR")
    init.add_argument("--root-keys", type=int, default=1, help="number of root keys (default 1)")
    init.add_argument(
        "--root-threshold", type=int, default=1, help="root keys needed to sign (default 1)"
    )
    init.set_defaults(handler=cmd_init)

    publish = actions.add_parser("publish", help="content team: offer a bundle to every kiosk")
    publish.add_argument("dir", type=Path, metavar="DIR")
    publish.add_argument("bundle", type=Path, metavar="BUNDLE.kbundle")
    publish.set_defaults(handler=cmd_publish)

    refresh = actions.add_parser(
        "refresh", help="content team: re-sign before expiry (at least once a week)"
    )
    refresh.add_argument("dir", type=Path, metavar="DIR")
    refresh.set_defaults(handler=cmd_refresh)

    rotate = actions.add_parser("rotate-key", help="content team: replace the keys of a role")
    rotate.add_argument("dir", type=Path, metavar="DIR")
    rotate.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    rotate.set_defaults(handler=cmd_rotate)

    join = actions.add_parser("join", help="kiosk: take updates from a fleet repository")
    join.add_argument("root", type=Path, metavar="ROOT.json", help="the repository's root.json")
    join.add_argument("source", metavar="SOURCE", help="its URL, or the published folder")
    join.add_argument(
        "--every", type=int, default=30, metavar="MINUTES", help="check every (default 30)"
    )
    join.set_defaults(handler=cmd_join)

    check = actions.add_parser("check", help="kiosk: check for an update now, install it")
    check.add_argument("--from", dest="source", help="another copy (e.g. a USB stick's folder)")
    check.set_defaults(handler=cmd_check)


def _fail(message: str) -> int:
    print(f"kiosk fleet: {message}", file=sys.stderr)
    return 1


def cmd_init(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import FleetRepository, RepositoryError

    repo = FleetRepository(args.dir)
    try:
        root = repo.init(root_keys=args.root_keys, root_threshold=args.root_threshold)
    except (RepositoryError, OSError) as exc:
        return _fail(str(exc))
    # Where the keys are, never the keys themselves.
    print(f"Created a fleet repository in {args.dir}.")
    print(f"Private keys: {repo.keys_dir} (keep secret, back up; never publish this folder).")
    print(f"Publish this folder: {repo.metadata_dir.parent}")
    print(f"Give kiosks this file to join: {repo.metadata_dir / 'root.json'}")
    print(f"Root threshold: {root.signed.roles['root'].threshold} of {args.root_keys} keys.")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from kiosk.fleet.keys import RepositoryKeyError
    from kiosk.fleet.repository import FleetRepository, RepositoryError, read_offer

    try:
        offer = FleetRepository(args.dir).publish(args.bundle, read_offer(args.bundle))
    except (RepositoryError, RepositoryKeyError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename or args.bundle}: {exc.strerror}")
    print(f"Published {offer.bundle_id} version {offer.version}.")
    print(f"Now copy {args.dir / 'repository'} to the web server, share or stick (docs/fleet.md).")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from kiosk.fleet.keys import RepositoryKeyError
    from kiosk.fleet.repository import FleetRepository, RepositoryError

    try:
        renewed = FleetRepository(args.dir).refresh()
    except (RepositoryError, RepositoryKeyError, OSError) as exc:
        return _fail(str(exc))
    print(f"Re-signed: {', '.join(renewed)}. Copy the repository folder out again.")
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    from kiosk.fleet.keys import RepositoryKeyError
    from kiosk.fleet.repository import FleetRepository, RepositoryError

    try:
        old, new = FleetRepository(args.dir).rotate_key(args.role)
    except (RepositoryError, RepositoryKeyError, OSError) as exc:
        return _fail(str(exc))
    print(f"The {args.role} key was replaced: revoked {', '.join(k[:16] for k in old)}; ")
    print(f"new {', '.join(k[:16] for k in new)}. Copy the repository folder out again.")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from kiosk.fleet.client import FleetClient, JoinError
    from kiosk.fleet.config import INTERVAL_MAX, INTERVAL_MIN
    from kiosk.staff.service import Staff

    if not INTERVAL_MIN <= args.every <= INTERVAL_MAX:
        return _fail(f"--every must be from {INTERVAL_MIN} to {INTERVAL_MAX} minutes.")
    try:
        config = FleetClient(Staff.open(args.data_dir)).join(args.root, args.source, args.every)
    except JoinError as exc:
        return _fail(str(exc))
    print(f"This kiosk takes updates from {config.source} every {config.interval_minutes} min.")
    print(f"Trusted root fingerprint: {config.root_sha256}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.fleet.client import FleetClient
    from kiosk.staff.service import Staff

    result = FleetClient(Staff.open(args.data_dir)).check(args.source)
    if result.outcome == "refused":
        return _fail(result.message)
    print(result.message)
    return 0

"""`kiosk screenshots --out DIR`: every screen x language x layout x text size (x theme) as PNG."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from kiosk.app.screenshots import LAYOUTS, SCREENS

    shots = sub.add_parser(
        "screenshots",
        help="render every screen of the patient app to PNG (offscreen)",
        description="Renders every screen x language x layout x text size x theme to PNG.",
    )
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument(
        "--layout", action="append", choices=sorted(LAYOUTS), help="only these layouts"
    )
    shots.add_argument("--language", action="append", help="only these languages")
    shots.add_argument(
        "--text-size",
        action="append",
        type=int,
        choices=(100, 150, 200),
        help="only these text sizes (percent)",
    )
    shots.add_argument("--screen", action="append", choices=SCREENS, help="only these screens")
    shots.add_argument("--no-high-contrast", action="store_true", help="normal theme only")
    shots.add_argument("--bundle", type=Path, help="an authoring folder instead of the default")
    shots.add_argument("--here", default="maywood", help="this kiosk's location id ('' for none)")
    shots.add_argument(
        "--contact-sheet", type=Path, help="also write a contact sheet of the shots to this PNG"
    )
    shots.set_defaults(handler=cmd_screenshots)


def cmd_screenshots(args: argparse.Namespace) -> int:
    from kiosk.app.screenshots import LAYOUTS, SCREENS, contact_sheet, render
    from kiosk.content.problems import BundleError

    steps = [{100: 0, 150: 1, 200: 2}[p] for p in (args.text_size or (100, 150, 200))]
    try:
        written = render(
            args.out,
            layouts=args.layout or list(LAYOUTS),
            languages=args.language,
            steps=steps,
            themes=(False,) if args.no_high_contrast else (False, True),
            screens=args.screen or list(SCREENS),
            location_id=args.here or None,
            bundle_folder=args.bundle,
        )
    except BundleError as exc:
        print(f"kiosk screenshots: {exc}")
        return 1
    print(f"{len(written)} screenshots in {args.out}")
    if args.contact_sheet:
        print(f"contact sheet: {contact_sheet(written, args.contact_sheet)}")
    return 0

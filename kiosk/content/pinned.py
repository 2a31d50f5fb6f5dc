"""The built-in bundle, trusted by what it is rather than by a key.

The built-in bundle ships inside the app (read-only in the frozen build). It is sealed like any
bundle (manifest.json + manifest.sig, so every code path reads it the same way), but with a
one-time key that is generated for the seal and thrown away: nobody holds it, so nobody can sign
anything else with it. What makes it trusted is its seal digest (SHA-256 of manifest.sig and
manifest.json), recorded in the package itself (kiosk/builtin_pin.py): the app accepts exactly
the built-in content it was released with. `scripts/seal-default-bundle` re-seals and re-pins.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.atomic import write_bytes
from kiosk.content.authoring import seal_folder
from kiosk.content.narration_build import NarrationMode
from kiosk.content.problems import BundleError
from kiosk.content.sealed import read_seal
from kiosk.content.signed_manifest import VerifiedBundle, parse_manifest
from kiosk.content.trust_roots import check_pin
from kiosk.content.verify import verified_files

PIN_MODULE = Path(__file__).resolve().parent.parent / "builtin_pin.py"


def verify_pinned(folder: Path, pin: str) -> VerifiedBundle:
    """The built-in bundle, verified: its seal is the pinned one and every file matches it."""
    seal = read_seal(folder)
    check_pin(seal, pin)
    return verified_files(folder, parse_manifest(seal.manifest))


def seal_builtin(
    src: Path,
    *,
    pin_module: Path = PIN_MODULE,
    readability_checks: bool = True,
    narration: NarrationMode = "none",
    built_at: dt.datetime | None = None,
) -> str:
    """Seals `src` with a one-time key (never written anywhere), pins the seal in `pin_module`,
    and returns the pin. `narration="required"` makes its narration anew first."""
    seal_folder(
        src,
        Ed25519PrivateKey.generate(),
        readability_checks=readability_checks,
        narration=narration,
        built_at=built_at,
    )
    pin = read_seal(src).digest
    text = (
        '"""The built-in bundle\'s seal digest; written by scripts/seal-default-bundle."""\n\n'
        f'SEAL_DIGEST = "{pin}"\n'
    )
    try:
        write_bytes(pin_module, text.encode("ascii"))
    except OSError as exc:
        raise BundleError(
            f"The pin could not be written to {pin_module} ({exc.strerror})."
        ) from exc
    return pin

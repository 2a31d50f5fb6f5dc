"""What a kiosk trusts without asking staff, and what it never trusts.

- The built-in bundle: by its seal digest, pinned in the package (kiosk/builtin_pin.py,
  written by scripts/seal-default-bundle); see kiosk/content/pinned.py.
- Never a key whose private half is public. dcbcc9d89dae8be8 signed the built-in bundle
  until its private key was found committed to the source repository (issue 12).

Standard library only: the patient app's start checks both.
"""

from __future__ import annotations

import hmac

from kiosk.content.problems import BundleError
from kiosk.content.sealed import Seal

PUBLICLY_KNOWN_KEYS = frozenset({"dcbcc9d89dae8be8"})

NOT_PINNED = (
    "The built-in content is not the one this app version was released with "
    "(its seal digest differs)."
)


def check_pin(seal: Seal, pin: str) -> None:
    """The seal is exactly the pinned one (BundleError otherwise)."""
    if not hmac.compare_digest(seal.digest, pin):
        raise BundleError(NOT_PINNED)

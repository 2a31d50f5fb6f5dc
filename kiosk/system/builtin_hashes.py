"""The kiosk's process hashes with Python's own SHA-256, not OpenSSL's.

`import hashlib` (or `hmac`, or `secrets`, which imports hmac) loads OpenSSL's libcrypto through
`_hashlib`: 3.3 MiB of resident memory and ~4 ms of the start, measured, for a start that hashes
~130 KB (the bundle's files but its narration, and the ready copy's HMAC). Python's built-in
SHA-256 hashes that in under a millisecond; a staff install of a whole 8 MB bundle takes ~45 ms
with it. hashlib and hmac fall back to the built-in hashes by design when `_hashlib` cannot be
imported (Python builds without OpenSSL); `use_builtin_hashes` makes them do so, then lifts the
block, so `ssl` and the `cryptography` package (staff mode, fleet updates) load OpenSSL as usual
when they are needed.
"""

from __future__ import annotations

import sys


def use_builtin_hashes() -> bool:
    """Imports hashlib and hmac on Python's own hashes; False when they were already imported
    (a test run, or an embedding process), which keeps whatever they use."""
    if "hashlib" in sys.modules or "hmac" in sys.modules:
        return False
    sys.modules["_hashlib"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import hashlib  # noqa: F401
        import hmac  # noqa: F401
    finally:
        del sys.modules["_hashlib"]
    return True

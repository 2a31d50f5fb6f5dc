"""QR codes made with segno, as rows of "1" (dark) and "0" (light) modules.

The bundle's codes are made once, when the bundle is validated, and kept in its ready copy:
segno imports urllib, http and email (about 5 MiB), which the patient app then never loads.
"""

from __future__ import annotations

from functools import lru_cache

from kiosk.content.qr_matrix import QUIET_ZONE, QrRows, is_qr_rows

__all__ = ["QUIET_ZONE", "QrRows", "is_qr_rows", "qr_rows"]


# Making a code takes tens of milliseconds; the studio's live checks re-validate on every
# keystroke, with the same website and locations each time.
@lru_cache(maxsize=64)
def qr_rows(text: str) -> QrRows:
    import segno  # deferred: validation needs it, the patient app's start does not

    code = segno.make(text, error="m", micro=False)
    return tuple(
        "".join("1" if dark else "0" for dark in row)
        for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    )

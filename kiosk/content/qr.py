"""QR codes made on the device with segno, as rows of "1" (dark) and "0" (light) modules.

The bundle's website code is made once, when the bundle is validated, and kept in its ready
copy: segno imports urllib, http and email (about 5 MiB), which the patient app then never
loads. The quiet zone (four light modules) is included.
"""

from __future__ import annotations

QUIET_ZONE = 4
QrRows = tuple[str, ...]


def qr_rows(text: str) -> QrRows:
    import segno  # deferred: validation needs it, the patient app's start does not

    code = segno.make(text, error="m", micro=False)
    return tuple(
        "".join("1" if dark else "0" for dark in row)
        for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    )


def is_qr_rows(rows: object) -> bool:
    """A square of 0/1 strings, as qr_rows makes (checked when a ready copy is read)."""
    return (
        isinstance(rows, tuple)
        and len(rows) > 2 * QUIET_ZONE
        and all(isinstance(r, str) and len(r) == len(rows) and set(r) <= {"0", "1"} for r in rows)
    )

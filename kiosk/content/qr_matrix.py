"""A QR code as the bundle keeps it: rows of "1" (dark) and "0" (light) modules, quiet zone
included. Standard library only: the patient app reads these from the ready copy at every start,
while segno (kiosk/content/qr.py) runs only when a bundle is validated."""

from __future__ import annotations

QUIET_ZONE = 4
QrRows = tuple[str, ...]


def is_qr_rows(rows: object) -> bool:
    """A square of 0/1 strings, as qr_rows makes (checked when a ready copy is read)."""
    return (
        isinstance(rows, tuple)
        and len(rows) > 2 * QUIET_ZONE
        and all(isinstance(r, str) and len(r) == len(rows) and set(r) <= {"0", "1"} for r in rows)
    )

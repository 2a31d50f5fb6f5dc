"""The CSV that staff take away: the same counts as the chart, small ones as "fewer than 5"."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from kiosk import atomic
from kiosk.usage.store import connect, export_rows

HEADER = ("period", "hours", "event", "page", "language", "count")


def csv_text(db: sqlite3.Connection) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(export_rows(db))
    return buffer.getvalue()


def export_csv(database: Path, out: Path) -> int:
    """Writes every count to `out` atomically (a pulled stick keeps the old file or the whole
    new one); returns the number of rows. Raises OSError or sqlite3.Error with the reason."""
    db = connect(database)
    try:
        text = csv_text(db)
    finally:
        db.close()
    atomic.write_bytes(out, text.encode("utf-8"))
    return text.count("\n") - 1

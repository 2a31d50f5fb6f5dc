"""Usage counts in SQLite (`usage.sqlite3` in the data folder): counts, never people.

One row per day, 4-hour bucket (or none), event, page and language holds a count; nothing finer
than the bucket, no order of events, nothing about a touch. Writes are single transactions in
WAL mode, so a kill -9 leaves the last committed counts and a full disk loses only the batch
that did not fit. Daily rows older than 13 months are rolled up into monthly rows.

Every count that leaves this module goes through `shown()`: below 5 it is None, which the chart
and the CSV show as "fewer than 5".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

USAGE_NAME = "usage.sqlite3"
PAGE_VIEW, QR_SHOWN, LANGUAGE_SWITCH, LISTEN_PLAY, IDLE_RESET = (
    "page_view",
    "qr_shown",
    "language_switch",
    "listen_play",  # reserved: the Listen button of the speech issue records it
    "idle_reset",
)
EVENTS = (PAGE_VIEW, QR_SHOWN, LANGUAGE_SWITCH, LISTEN_PLAY, IDLE_RESET)
THRESHOLD = 5
FEWER = "fewer than 5"
NO_BUCKET = -1
BUCKET_HOURS = 4
KEPT_MONTHS = 13

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL, bucket INTEGER NOT NULL, event TEXT NOT NULL,
    page TEXT NOT NULL, language TEXT NOT NULL, n INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (day, bucket, event, page, language)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS monthly (
    month TEXT NOT NULL, event TEXT NOT NULL, page TEXT NOT NULL, language TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (month, event, page, language)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Key:
    """What one count is about. `bucket` is the 4-hour slot (0 = 00:00-04:00), or NO_BUCKET."""

    day: dt.date
    event: str
    page: str = ""
    language: str = ""
    bucket: int = NO_BUCKET


def shown(n: int) -> int | None:
    """The count as it may leave the database: None below the threshold."""
    return n if n >= THRESHOLD else None


def shown_text(n: int | None) -> str:
    return FEWER if n is None else str(n)


def bucket_of(hour: int) -> int:
    return hour // BUCKET_HOURS


def bucket_text(bucket: int) -> str:
    if bucket == NO_BUCKET:
        return ""
    start = bucket * BUCKET_HOURS
    return f"{start:02d}:00-{start + BUCKET_HOURS:02d}:00"


def oldest_kept_day(today: dt.date) -> dt.date:
    """The first day of the month 12 months back: this month and 12 before keep daily rows."""
    months = today.year * 12 + today.month - 1 - (KEPT_MONTHS - 1)
    return dt.date(months // 12, months % 12 + 1, 1)


def connect(path: Path) -> sqlite3.Connection:
    """Opens (and creates) the database in WAL mode. NORMAL sync is safe with WAL: a crash
    can lose the last commits, never corrupt the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
    except sqlite3.Error:
        db.close()
        raise
    return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def add_counts(db: sqlite3.Connection, counts: Mapping[Key, int]) -> None:
    """Adds the counts in one transaction: all of them or, on an error, none."""
    rows = [
        (k.day.isoformat(), k.bucket, k.event, k.page, k.language, n)
        for k, n in counts.items()
        if n > 0
    ]
    with transaction(db):
        db.executemany(
            "INSERT INTO daily VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            rows,
        )


def roll_up(db: sqlite3.Connection, today: dt.date) -> int:
    """Moves daily rows older than 13 months into monthly sums; returns how many it moved."""
    cutoff = oldest_kept_day(today).isoformat()
    with transaction(db):
        db.execute(
            "INSERT INTO monthly SELECT substr(day, 1, 7), event, page, language, sum(n) "
            "FROM daily WHERE day < ? GROUP BY 1, 2, 3, 4 "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            (cutoff,),
        )
        moved = db.execute("DELETE FROM daily WHERE day < ?", (cutoff,)).rowcount
    return int(moved)


def daily_totals(
    db: sqlite3.Connection, event: str, last: dt.date, days: int
) -> list[tuple[dt.date, int | None]]:
    """The count of `event` on each of the `days` days up to `last` (zero days included)."""
    first = last - dt.timedelta(days=days - 1)
    found = dict(
        db.execute(
            "SELECT day, sum(n) FROM daily WHERE event = ? AND day BETWEEN ? AND ? GROUP BY day",
            (event, first.isoformat(), last.isoformat()),
        ).fetchall()
    )
    out = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        n = int(found.get(day.isoformat(), 0))
        out.append((day, 0 if n == 0 else shown(n)))
    return out


def totals_by(
    db: sqlite3.Connection, column: str, event: str, last: dt.date, days: int
) -> list[tuple[str, int | None]]:
    """Counts of `event` per page or per language over the period, most first."""
    if column not in ("page", "language"):
        raise ValueError(column)
    first = last - dt.timedelta(days=days - 1)
    rows = db.execute(
        f"SELECT {column}, sum(n) AS total FROM daily WHERE event = ? AND day BETWEEN ? AND ? "  # noqa: S608
        f"GROUP BY {column} ORDER BY total DESC, {column}",
        (event, first.isoformat(), last.isoformat()),
    ).fetchall()
    return [(str(name), shown(int(total))) for name, total in rows]


def export_rows(db: sqlite3.Connection) -> Iterable[tuple[str, str, str, str, str, str]]:
    """Every count, monthly roll-ups first: (period, hours, event, page, language, count)."""
    for month, event, page, language, n in db.execute(
        "SELECT month, event, page, language, n FROM monthly ORDER BY 1, 2, 3, 4"
    ):
        yield month, "", event, page, language, shown_text(shown(n))
    for day, bucket, event, page, language, n in db.execute(
        "SELECT day, bucket, event, page, language, n FROM daily ORDER BY 1, 2, 3, 4, 5"
    ):
        yield day, bucket_text(bucket), event, page, language, shown_text(shown(n))

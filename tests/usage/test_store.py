"""Usage counts in real SQLite: counting, the "fewer than 5" rule, roll-up, the CSV, the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.usage.export import HEADER, export_csv
from kiosk.usage.store import (
    FEWER,
    IDLE_RESET,
    PAGE_VIEW,
    Key,
    add_counts,
    connect,
    daily_totals,
    oldest_kept_day,
    roll_up,
    totals_by,
)
from kiosk.usage.writer import UsageWriter

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(tmp_path / "usage.sqlite3")
    yield connection
    connection.close()


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def views(day: dt.date, page: str, n: int, language: str = "en", bucket: int = -1) -> Counter[Key]:
    return Counter({Key(day, PAGE_VIEW, page, language, bucket): n})


def test_counts_add_up_per_day_page_and_language(db: sqlite3.Connection) -> None:
    add_counts(db, views(TODAY, "what-is-clonus", 7))
    add_counts(db, views(TODAY, "what-is-clonus", 5))
    add_counts(db, views(TODAY, "what-is-clonus", 6, language="es"))
    add_counts(db, views(TODAY - dt.timedelta(days=1), "stretching", 9))
    add_counts(db, Counter({Key(TODAY, IDLE_RESET, "", "en"): 8}))
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert totals_by(db, "page", PAGE_VIEW, TODAY, 7) == [("what-is-clonus", 18), ("stretching", 9)]
    assert totals_by(db, "language", PAGE_VIEW, TODAY, 7) == [("en", 21), ("es", 6)]
    totals = daily_totals(db, PAGE_VIEW, TODAY, 7)
    assert len(totals) == 7 and totals[-1] == (TODAY, 18) and totals[-2][1] == 9
    assert totals[0] == (TODAY - dt.timedelta(days=6), 0)
    assert daily_totals(db, IDLE_RESET, TODAY, 1) == [(TODAY, 8)]


def test_counts_below_five_never_leave_the_database(db: sqlite3.Connection, tmp_path: Path) -> None:
    add_counts(db, views(TODAY, "rare-page", 4))
    add_counts(db, views(TODAY, "common-page", 5))
    add_counts(db, views(TODAY - dt.timedelta(days=2), "rare-page", 1, language="es"))
    assert totals_by(db, "page", PAGE_VIEW, TODAY, 7) == [("common-page", 5), ("rare-page", 5)]
    assert totals_by(db, "language", PAGE_VIEW, TODAY, 7) == [("en", 9), ("es", None)]
    assert daily_totals(db, PAGE_VIEW, TODAY, 3)[0] == (TODAY - dt.timedelta(days=2), None)
    out = tmp_path / "usage.csv"
    export_csv(tmp_path / "usage.sqlite3", out)
    rows = read_csv(out)
    assert tuple(rows[0]) == HEADER
    counts = {(r[0], r[3], r[4]): r[5] for r in rows[1:]}
    assert counts == {
        ("2026-11-27", "rare-page", "es"): FEWER,
        ("2026-11-29", "common-page", "en"): "5",
        ("2026-11-29", "rare-page", "en"): FEWER,
    }
    assert all(not r[5].isdigit() or int(r[5]) >= 5 for r in rows[1:])


def test_four_hour_buckets_are_kept_apart_and_shown_as_hours(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    add_counts(db, views(TODAY, "a", 6, bucket=2))
    add_counts(db, views(TODAY, "a", 7, bucket=4))
    assert totals_by(db, "page", PAGE_VIEW, TODAY, 1) == [("a", 13)]
    export_csv(tmp_path / "usage.sqlite3", tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")[1:]
    assert [(r[1], r[5]) for r in rows] == [("08:00-12:00", "6"), ("16:00-20:00", "7")]


def test_thirteen_months_are_kept_then_rolled_up_by_month(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    assert oldest_kept_day(TODAY) == dt.date(2025, 11, 1)
    add_counts(db, views(dt.date(2025, 10, 3), "old", 3))
    add_counts(db, views(dt.date(2025, 10, 30), "old", 4, bucket=1))
    add_counts(db, views(dt.date(2025, 9, 30), "old", 9))
    add_counts(db, views(dt.date(2025, 11, 1), "kept", 6))
    assert roll_up(db, TODAY) == 3
    assert db.execute("SELECT min(day) FROM daily").fetchone() == ("2025-11-01",)
    assert db.execute("SELECT month, page, n FROM monthly ORDER BY month").fetchall() == [
        ("2025-09", "old", 9),
        ("2025-10", "old", 7),  # two days and two buckets, one row
    ]
    assert roll_up(db, TODAY) == 0  # nothing twice
    export_csv(tmp_path / "usage.sqlite3", tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")[1:]
    assert [(r[0], r[5]) for r in rows] == [("2025-09", "9"), ("2025-10", "7"), ("2025-11-01", "6")]


def test_the_writer_records_off_the_calling_thread_and_rolls_up_daily(tmp_path: Path) -> None:
    days = iter([dt.date(2026, 12, 1)] * 1 + [dt.date(2026, 12, 2)] * 100)
    path = tmp_path / "usage.sqlite3"
    with connect(path) as setup:
        add_counts(setup, views(dt.date(2025, 1, 5), "ancient", 5))
    setup.close()
    writer = UsageWriter(path, today=lambda: next(days))
    for _ in range(30):
        writer.record(Key(TODAY, PAGE_VIEW, "p", "en"))
    assert writer.flush()
    writer.close()
    assert writer.written == 30 and writer.dropped == 0
    db = connect(path)
    assert db.execute("SELECT n FROM daily WHERE page = 'p'").fetchone() == (30,)
    assert db.execute("SELECT month, n FROM monthly").fetchall() == [("2025-01", 5)]
    db.close()


def test_cli_export_writes_the_csv_and_explains_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    db = connect(data / "usage.sqlite3")
    add_counts(db, views(TODAY, "a", 12))
    db.close()
    out = tmp_path / "stick" / "usage.csv"
    out.parent.mkdir()
    assert main(["--data-dir", str(data), "usage", "export", "--out", str(out)]) == 0
    assert "1 row" in capsys.readouterr().out
    assert out.read_text().splitlines()[1].endswith(",a,en,12")
    missing = tmp_path / "no-such-folder" / "usage.csv"
    assert main(["--data-dir", str(data), "usage", "export", "--out", str(missing)]) == 1
    assert "could not be written" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "empty"), "usage", "export", "--out", str(out)]) == 1
    assert "No usage has been counted" in capsys.readouterr().err

"""`kiosk staff schedule show|set|close-day|off`, and a running kiosk following the file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.schedule.storage import SCHEDULE_NAME
from tests.schedule.conftest import NY, HoursKioskFactory, WallClock
from tests.ui.helpers import FakeClock


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "staff", "schedule", *args])


def test_set_show_and_close_a_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(data, "show") == 0
    assert "stays on all the time" in capsys.readouterr().out
    assert (
        run(
            data,
            "set",
            "--day",
            "mon-fri=08:00-12:00,13:00-17:30",
            "--day",
            "sat=09:00-12:00",
            "--wake-minutes",
            "3",
            "--timezone",
            "America/New_York",
        )
        == 0
    )
    assert "Monday: 08:00-12:00, 13:00-17:30" in capsys.readouterr().out
    assert run(data, "close-day", "2026-12-25") == 0
    stored = json.loads((data / SCHEDULE_NAME).read_text())
    assert stored["week"]["friday"] == ["08:00-12:00", "13:00-17:30"]
    assert stored["week"]["sunday"] == []
    assert stored["closed_days"] == ["2026-12-25"]
    assert stored["wake_minutes"] == 3
    capsys.readouterr()
    assert run(data, "show") == 0
    out = capsys.readouterr().out
    assert "Saturday: 09:00-12:00" in out and "Closed days: 2026-12-25" in out
    assert "America/New_York" in out
    assert run(data, "close-day", "2026-12-25", "--reopen") == 0
    assert json.loads((data / SCHEDULE_NAME).read_text())["closed_days"] == []
    assert run(data, "off") == 0
    assert not (data / SCHEDULE_NAME).exists()


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("mon=18:00-08:00", "start before end"),
        ("funday=08:00-09:00", "days are mon, tue"),
        ("fri-mon=08:00-09:00", "run forward"),
        ("mon 08:00", "expected DAYS=RANGES"),
        ("mon=08:00-12:00,11:00-13:00", "overlap"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str, words: str
) -> None:
    data = tmp_path / "data"
    assert run(data, "set", "--day", spec) == 1
    err = capsys.readouterr().err
    assert words in err and "Nothing changed." in err
    assert not (data / SCHEDULE_NAME).exists()
    assert run(data, "set", "--timezone", "Mars/Base") == 1
    assert "not a known time zone" in capsys.readouterr().err


def test_a_running_kiosk_follows_the_file_the_cli_writes(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, data_dir: Path, wall: WallClock
) -> None:
    wall.set(dt.datetime(2026, 11, 30, 10, 0, tzinfo=NY))  # open on Mondays
    kiosk = make_hours_kiosk(clock=FakeClock())
    hours = kiosk.hours_usage.hours  # type: ignore[union-attr]
    assert run(data_dir, "set", "--day", "mon=closed") == 0
    qtbot.waitUntil(lambda: hours.schedule is not None and hours.schedule.week[0] == ())
    wall.advance(minutes=5)
    qtbot.waitUntil(hours.is_sleeping, timeout=3000)

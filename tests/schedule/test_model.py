"""The opening-hours model: open and closed, closed days, wake minutes, both DST days."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.schedule.model import Range, Schedule, should_sleep
from kiosk.schedule.storage import describe_now, load_schedule, save_schedule, to_json

NY = ZoneInfo("America/New_York")
UTC = dt.UTC


def weekdays(text: str, *, weekend: str = "") -> Schedule:
    day = tuple(Range.parse(t) for t in text.split(","))
    end = tuple(Range.parse(t) for t in weekend.split(",")) if weekend else ()
    return Schedule(week=(day,) * 5 + (end, end), timezone="America/New_York")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


def test_open_inside_a_range_and_closed_outside() -> None:
    clinic = weekdays("08:00-12:00,13:00-17:30")
    assert clinic.is_open(at(2026, 11, 30, 8, 0))  # a Monday
    assert not clinic.is_open(at(2026, 11, 30, 7, 59))
    assert not clinic.is_open(at(2026, 11, 30, 12, 30))  # lunch
    assert clinic.is_open(at(2026, 11, 30, 17, 29))
    assert not clinic.is_open(at(2026, 11, 30, 17, 30))
    assert not clinic.is_open(at(2026, 12, 5, 10, 0))  # Saturday
    # The same instant given in UTC is judged in New York time.
    assert clinic.is_open(at(2026, 11, 30, 9, 0).astimezone(UTC))


def test_a_closed_day_stays_closed_and_the_next_opening_skips_it() -> None:
    clinic = weekdays("08:00-18:00").with_closed_day(dt.date(2026, 12, 25))
    assert not clinic.is_open(at(2026, 12, 25, 10, 0))  # a Friday, a holiday
    assert clinic.next_change(at(2026, 12, 24, 18, 0)) == at(2026, 12, 28, 8, 0)
    assert clinic.with_closed_day(dt.date(2026, 12, 25), closed=False).is_open(
        at(2026, 12, 25, 10, 0)
    )


def test_spring_forward_day_closes_at_the_local_hour() -> None:
    # 2026-03-08: New York skips 02:00-03:00 (UTC-5 before, UTC-4 after). Sunday open too.
    clinic = weekdays("08:00-18:00", weekend="08:00-18:00")
    opening = clinic.next_change(at(2026, 3, 8, 0, 30))
    assert opening == at(2026, 3, 8, 8, 0)
    assert opening is not None and opening.astimezone(UTC).hour == 12  # EDT, not EST
    closing = clinic.next_change(opening)
    assert closing is not None and closing.astimezone(UTC) == dt.datetime(
        2026, 3, 8, 22, tzinfo=UTC
    )
    # The previous day's closing was an hour later in UTC.
    saturday = clinic.next_change(at(2026, 3, 7, 9, 0))
    assert saturday is not None and saturday.astimezone(UTC) == dt.datetime(
        2026, 3, 7, 23, tzinfo=UTC
    )


def test_a_range_starting_in_the_skipped_hour_opens_when_the_clock_jumps() -> None:
    early = Schedule(week=((Range.parse("02:30-05:00"),),) * 7, timezone="America/New_York")
    opening = early.next_change(at(2026, 3, 8, 1, 0))
    # 01:59 EST is followed by 03:00 EDT = 07:00 UTC: open from that instant.
    assert opening is not None and opening.astimezone(UTC) == dt.datetime(2026, 3, 8, 7, tzinfo=UTC)
    assert early.is_open(opening)
    # (Arithmetic in UTC: Python adds and subtracts aware times in wall-clock time.)
    assert not early.is_open(opening.astimezone(UTC) - dt.timedelta(seconds=1))


def test_fall_back_day_opens_and_closes_at_the_local_hours() -> None:
    # 2026-11-01: 01:00-02:00 happens twice (UTC-4, then UTC-5).
    clinic = weekdays("08:00-18:00", weekend="08:00-18:00")
    opening = clinic.next_change(at(2026, 11, 1, 0, 30))
    assert opening is not None and opening.astimezone(UTC) == dt.datetime(
        2026, 11, 1, 13, tzinfo=UTC
    )
    closing = clinic.next_change(opening)
    assert closing is not None and closing.astimezone(UTC) == dt.datetime(
        2026, 11, 1, 23, tzinfo=UTC
    )
    # Walk the day minute by minute in UTC: open exactly 10 hours of it.
    start = dt.datetime(2026, 11, 1, 4, tzinfo=UTC)  # local midnight, EDT
    minutes_open = sum(clinic.is_open(start + dt.timedelta(minutes=m)) for m in range(25 * 60))
    assert minutes_open == 10 * 60


def test_the_kiosk_sleeps_outside_hours_only_after_the_wake_minutes() -> None:
    clinic = weekdays("08:00-18:00").with_wake_minutes(5)
    evening = at(2026, 11, 30, 20, 0)
    assert should_sleep(clinic, evening, None)
    assert not should_sleep(clinic, evening, evening - dt.timedelta(minutes=4))
    assert should_sleep(clinic, evening, evening - dt.timedelta(minutes=5))
    assert not should_sleep(clinic, at(2026, 11, 30, 10, 0), None)  # open: never
    assert not should_sleep(None, evening, None)  # no schedule: always on


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("18:00-08:00", "start before end"),
        ("8-9", "not a time like 08:00"),
        ("08:00-25:00", "not a time of day"),
        ("08:60-09:00", "not a time of day"),
    ],
)
def test_bad_ranges_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Range.parse(text)


def test_overlapping_ranges_and_unknown_zones_are_refused() -> None:
    with pytest.raises(ValueError, match="monday overlap"):
        Schedule(week=((Range.parse("08:00-12:00"), Range.parse("11:00-13:00")),) + ((),) * 6)
    with pytest.raises(ValueError, match="not a known time zone"):
        Schedule(timezone="Mars/Olympus_Mons")


def test_saved_and_loaded_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    clinic = weekdays("08:00-12:00,13:00-24:00").with_closed_day(dt.date(2026, 12, 25))
    save_schedule(path, clinic)
    assert load_schedule(path) == (clinic, None)
    assert json.loads(path.read_text())["week"]["monday"] == ["08:00-12:00", "13:00-24:00"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not readable JSON"),
        (b'{"week": {"funday": []}}', "weekday names"),
        (b'{"week": {"monday": ["17:00-08:00"]}}', "start before end"),
        (b'{"wake_minutes": 0}', "wake_minutes"),
        (b'{"closed_days": ["Christmas"]}', "dates like"),
    ],
)
def test_a_damaged_schedule_is_reported_and_the_kiosk_stays_on(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    schedule, warning = load_schedule(path)
    assert schedule is None  # always on
    assert warning is not None and reason in warning and "stays on" in warning
    assert (tmp_path / "schedule.json.damaged").read_bytes() == content


def test_describe_now_says_when_it_changes() -> None:
    clinic = weekdays("08:00-18:00")
    assert (
        describe_now(clinic, at(2026, 11, 30, 10, 0)) == "Open now; closes Monday 2026-11-30 18:00."
    )
    assert (
        describe_now(clinic, at(2026, 12, 4, 19, 0)) == "Closed now; opens Monday 2026-12-07 08:00."
    )
    assert "stays on all the time" in describe_now(None, at(2026, 11, 30, 10, 0))
    assert to_json(clinic)["week"]["sunday"] == []

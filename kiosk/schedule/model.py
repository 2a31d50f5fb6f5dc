"""Opening hours: open ranges per weekday, closed days, and how long a touch wakes the kiosk.

Everything is reckoned in local wall-clock time of the schedule's time zone (zoneinfo), so a
clinic that opens at 08:00 opens at 08:00 on both daylight-saving days. A range that starts in
the hour skipped in spring opens when the clock jumps past its start.

Standard library only (no Qt): the CLI and the tests use it as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_MINUTES = 24 * 60
WAKE_MIN, WAKE_MAX, WAKE_DEFAULT = 1, 120, 5
_LOOKAHEAD_DAYS = 15  # beyond two weeks of closed days, "next change" is not worth saying


@dataclass(frozen=True, order=True)
class Range:
    """Open from `start` to `end`, minutes after local midnight (end 1440 = midnight)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= DAY_MINUTES):
            raise ValueError(f"{self.text()} is not a range within one day (start before end)")

    @classmethod
    def parse(cls, text: str) -> Range:
        """'08:00-12:30' -> Range(480, 750); '24:00' is allowed as an end."""
        try:
            start, end = (part.strip() for part in text.split("-", 1))
            return cls(_minutes(start), _minutes(end))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not an opening range like 08:00-17:30 ({exc})") from None

    def contains(self, minute: int) -> bool:
        return self.start <= minute < self.end

    def text(self) -> str:
        return f"{clock_text(self.start)}-{clock_text(self.end)}"


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise ValueError(f"{text!r} is not a time like 08:00")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or value > DAY_MINUTES:
        raise ValueError(f"{text!r} is not a time of day")
    return value


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """`week[i]` holds the open ranges of weekday i (0 = Monday), sorted and not overlapping."""

    week: tuple[tuple[Range, ...], ...] = field(default_factory=lambda: ((),) * 7)
    closed_days: frozenset[dt.date] = frozenset()
    wake_minutes: int = WAKE_DEFAULT
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week has seven days")
        for name, ranges in zip(WEEKDAYS, self.week, strict=True):
            ordered = sorted(ranges)
            if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
                raise ValueError(f"the opening ranges of {name} overlap")
        if not (WAKE_MIN <= self.wake_minutes <= WAKE_MAX) or isinstance(self.wake_minutes, bool):
            raise ValueError(f"wake_minutes must be from {WAKE_MIN} to {WAKE_MAX} minutes")
        self.zone()  # raises for an unknown zone

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ValueError, OSError, KeyError) as exc:  # KeyError: ZoneInfoNotFoundError
            raise ValueError(f"{self.timezone!r} is not a known time zone") from exc

    def local(self, when: dt.datetime) -> dt.datetime:
        if when.tzinfo is None:
            raise ValueError("the time must carry its time zone")
        return when.astimezone(self.zone())

    def ranges_on(self, day: dt.date) -> tuple[Range, ...]:
        return () if day in self.closed_days else self.week[day.weekday()]

    def is_open(self, when: dt.datetime) -> bool:
        local = self.local(when)
        minute = local.hour * 60 + local.minute
        return any(r.contains(minute) for r in self.ranges_on(local.date()))

    def next_change(self, when: dt.datetime) -> dt.datetime | None:
        """The first moment after `when` at which the kiosk opens or closes (None: not within
        two weeks). Changes happen only at range ends and midnights, so those are the
        candidates."""
        now_open = self.is_open(when)
        for candidate in self._candidates(when):
            if candidate > when and self.is_open(candidate) != now_open:
                return candidate
        return None

    def _candidates(self, when: dt.datetime) -> Iterator[dt.datetime]:
        zone = self.zone()
        first = self.local(when).date()
        for offset in range(_LOOKAHEAD_DAYS):
            day = first + dt.timedelta(days=offset)
            minutes = {0, *(m for r in self.ranges_on(day) for m in (r.start, r.end))}
            for minute in sorted(minutes):
                naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
                yield first_instant_at(naive, zone)

    def with_day(self, weekday: int, ranges: tuple[Range, ...]) -> Schedule:
        week = list(self.week)
        week[weekday] = tuple(sorted(ranges))
        return _replace(self, week=tuple(week))

    def with_closed_day(self, day: dt.date, closed: bool = True) -> Schedule:
        days = self.closed_days | {day} if closed else self.closed_days - {day}
        return _replace(self, closed_days=frozenset(days))

    def with_wake_minutes(self, minutes: int) -> Schedule:
        return _replace(self, wake_minutes=minutes)


def _replace(schedule: Schedule, **changes: Any) -> Schedule:
    return dataclasses.replace(schedule, **changes)


def first_instant_at(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The first instant at which the local clock shows `naive` or later: `naive` itself (its
    first occurrence in the autumn's repeated hour), or the end of the spring's skipped hour."""
    for step in range(0, 4 * 60 + 1):  # no zone skips more than a few hours
        wall = naive + dt.timedelta(minutes=step)
        aware = wall.replace(tzinfo=zone, fold=0)
        if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == wall:
            return aware
    raise ValueError(f"{naive} does not exist in {zone.key}")


def should_sleep(
    schedule: Schedule | None, now: dt.datetime, last_touch: dt.datetime | None
) -> bool:
    """Outside hours and untouched for `wake_minutes`: the kiosk sleeps. No schedule (or a
    damaged one): it never sleeps."""
    if schedule is None or schedule.is_open(now):
        return False
    if last_touch is None:
        return True
    return now - last_touch >= dt.timedelta(minutes=schedule.wake_minutes)

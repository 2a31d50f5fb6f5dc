"""The schedule's file, `schedule.json` in the data folder, replaced atomically like settings.json.

No file means no schedule: the kiosk stays on all the time. A damaged file is kept aside as
`schedule.json.damaged`, reported in one sentence for staff, and the kiosk stays on (it never
goes dark because of a typo).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any

from kiosk import atomic, statefile
from kiosk.schedule.model import WEEKDAYS, Range, Schedule, clock_text

SCHEDULE_NAME = "schedule.json"
_KEYS = {"week", "closed_days", "wake_minutes", "timezone"}


def local_zone_name() -> str:
    """The machine's IANA time zone: $TZ, else where /etc/localtime points, else UTC."""
    env = os.environ.get("TZ", "").lstrip(":")
    if ("/" in env) or env == "UTC":
        return env
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "/zoneinfo/" in target:
            return target.split("/zoneinfo/", 1)[1]
    return "UTC"


def to_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "week": {
            name: [r.text() for r in ranges]
            for name, ranges in zip(WEEKDAYS, schedule.week, strict=True)
        },
        "closed_days": sorted(day.isoformat() for day in schedule.closed_days),
        "wake_minutes": schedule.wake_minutes,
        "timezone": schedule.timezone,
    }


def from_json(raw: object) -> Schedule:
    """A schedule from parsed JSON; ValueError says in plain words what does not fit."""
    if not isinstance(raw, dict):
        raise ValueError("the schedule is not a JSON object")
    unknown = sorted(str(key) for key in raw if key not in _KEYS)
    if unknown:
        raise ValueError(f"unknown keys in the schedule: {', '.join(unknown)}")
    week_raw = raw.get("week", {})
    if not isinstance(week_raw, dict) or not set(week_raw) <= set(WEEKDAYS):
        raise ValueError(f"'week' must map weekday names ({', '.join(WEEKDAYS)}) to ranges")
    week = tuple(_ranges(name, week_raw.get(name, [])) for name in WEEKDAYS)
    days = raw.get("closed_days", [])
    if not isinstance(days, list) or not all(isinstance(d, str) for d in days):
        raise ValueError("'closed_days' must be a list of dates like 2026-12-25")
    try:
        closed = frozenset(dt.date.fromisoformat(d) for d in days)
    except ValueError:
        raise ValueError("'closed_days' must be a list of dates like 2026-12-25") from None
    wake = raw.get("wake_minutes", 5)
    if not isinstance(wake, int) or isinstance(wake, bool):
        raise ValueError("'wake_minutes' must be a whole number of minutes")
    zone = raw.get("timezone") or local_zone_name()
    if not isinstance(zone, str):
        raise ValueError("'timezone' must be a name like America/New_York")
    return Schedule(week=week, closed_days=closed, wake_minutes=wake, timezone=zone)


def _ranges(name: str, value: object) -> tuple[Range, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f'{name}: a list of ranges like "08:00-17:30"')
    return tuple(sorted(Range.parse(v) for v in value))


def load_schedule(path: Path) -> tuple[Schedule | None, str | None]:
    """The schedule (None: always on) and, when the file was damaged, one sentence for staff."""
    try:  # never a FIFO, a device or a link; size-capped (kiosk/statefile.py)
        data = statefile.read_bytes(path)
    except statefile.StateFileError as exc:
        return None, f"The opening hours could not be read ({exc}); the kiosk stays on."
    if data is None:
        return None, None
    try:  # bounded numbers and nesting
        return from_json(statefile.parse_json(data, path.name)), None
    except statefile.StateFileError:
        reason = "the file is not readable JSON"
    except ValueError as exc:
        reason = str(exc)
    with contextlib.suppress(OSError):  # a read-only disk must not stop the kiosk
        path.replace(path.with_name(path.name + ".damaged"))
    return (
        None,
        f"The opening hours were damaged ({reason}); the kiosk stays on until they are set again.",
    )


def save_schedule(path: Path, schedule: Schedule) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_json(path, to_json(schedule))


def describe_week(schedule: Schedule) -> list[str]:
    """One line per weekday, e.g. 'Monday: 08:00-12:00, 13:00-17:30' or 'Sunday: closed'."""
    return [
        f"{name.capitalize()}: {', '.join(r.text() for r in ranges) or 'closed'}"
        for name, ranges in zip(WEEKDAYS, schedule.week, strict=True)
    ]


def describe_now(schedule: Schedule | None, now: dt.datetime) -> str:
    """'Open now; closes Monday 18:00.' and the like."""
    if schedule is None:
        return "No opening hours are set: the kiosk stays on all the time."
    state = "Open now" if schedule.is_open(now) else "Closed now"
    change = schedule.next_change(now)
    if change is None:
        return f"{state}; no change in the next two weeks."
    local = change.astimezone(schedule.zone())
    verb = "closes" if schedule.is_open(now) else "opens"
    clock = clock_text(local.hour * 60 + local.minute)
    when = f"{WEEKDAYS[local.weekday()].capitalize()} {local.date().isoformat()} {clock}"
    return f"{state}; {verb} {when}."

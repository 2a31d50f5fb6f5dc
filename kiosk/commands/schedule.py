"""`kiosk staff schedule show|set|close-day`: the opening hours from a keyboard.

    kiosk staff schedule show
    kiosk staff schedule set --day mon-fri=08:00-12:00,13:00-17:30 --day sat=closed \\
        --wake-minutes 5 --timezone America/New_York
    kiosk staff schedule close-day 2026-12-25 [--reopen]
    kiosk staff schedule off          (always on: no opening hours)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kiosk.schedule.model import WEEKDAYS, Range, Schedule
from kiosk.schedule.storage import (
    SCHEDULE_NAME,
    describe_now,
    describe_week,
    load_schedule,
    local_zone_name,
    save_schedule,
)

_SHORT = [name[:3] for name in WEEKDAYS]


def add_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schedule = actions.add_parser("schedule", help="opening hours: show, set, close a day")
    steps = schedule.add_subparsers(dest="step", metavar="STEP", required=True)
    steps.add_parser("show", help="the week, closed days and what happens next").set_defaults(
        handler=cmd_show
    )
    change = steps.add_parser("set", help="set days, wake minutes or the time zone")
    change.add_argument(
        "--day",
        action="append",
        default=[],
        metavar="DAYS=RANGES",
        help="e.g. mon-fri=08:00-12:00,13:00-17:30 or sun=closed (repeatable)",
    )
    change.add_argument("--wake-minutes", type=int, help="how long a touch wakes it (1-120)")
    change.add_argument("--timezone", help="an IANA zone such as America/New_York")
    change.set_defaults(handler=cmd_set)
    close = steps.add_parser("close-day", help="closed all day on DATE (a holiday)")
    close.add_argument("date", type=dt.date.fromisoformat, help="YYYY-MM-DD")
    close.add_argument("--reopen", action="store_true", help="open on DATE after all")
    close.set_defaults(handler=cmd_close_day)
    steps.add_parser("off", help="no opening hours: always on").set_defaults(handler=cmd_off)


def _path(args: argparse.Namespace) -> Path:
    from kiosk.paths import data_dir

    return data_dir(args.data_dir) / SCHEDULE_NAME


def _fail(message: str) -> int:
    print(f"kiosk staff schedule: {message}", file=sys.stderr)
    return 1


def _current(path: Path) -> tuple[Schedule, str | None]:
    stored, warning = load_schedule(path)
    return stored or Schedule(timezone=local_zone_name()), warning


def cmd_show(args: argparse.Namespace) -> int:
    schedule, warning = load_schedule(_path(args))
    if warning:
        print(warning)
    print(describe_now(schedule, dt.datetime.now(dt.UTC)))
    if schedule is not None:
        print(f"Time zone: {schedule.timezone}; a touch wakes it for {schedule.wake_minutes} min.")
        print("\n".join(describe_week(schedule)))
        days = ", ".join(d.isoformat() for d in sorted(schedule.closed_days)) or "none"
        print(f"Closed days: {days}")
    return 0


def parse_days(spec: str) -> tuple[list[int], tuple[Range, ...]]:
    """'mon-fri=08:00-12:00,13:00-17:30' -> ([0..4], ranges); 'sun=closed' -> ([6], ())."""
    days, sep, ranges = spec.partition("=")
    if not sep:
        raise ValueError(f"{spec!r}: expected DAYS=RANGES, e.g. mon-fri=08:00-17:30")
    first, _, last = days.strip().lower().partition("-")
    if first not in _SHORT or (last and last not in _SHORT):
        raise ValueError(f"{days!r}: days are {', '.join(_SHORT)} or a span like mon-fri")
    start, end = _SHORT.index(first), _SHORT.index(last or first)
    if end < start:
        raise ValueError(f"{days!r}: the span must run forward through the week")
    if ranges.strip().lower() == "closed":
        return list(range(start, end + 1)), ()
    return list(range(start, end + 1)), tuple(Range.parse(r) for r in ranges.split(","))


def cmd_set(args: argparse.Namespace) -> int:
    path = _path(args)
    schedule, _ = _current(path)
    try:
        for spec in args.day:
            weekdays, ranges = parse_days(spec)
            for weekday in weekdays:
                schedule = schedule.with_day(weekday, ranges)
        if args.wake_minutes is not None:
            schedule = schedule.with_wake_minutes(args.wake_minutes)
        if args.timezone is not None:
            schedule = Schedule(
                week=schedule.week,
                closed_days=schedule.closed_days,
                wake_minutes=schedule.wake_minutes,
                timezone=args.timezone,
            )
    except ValueError as exc:
        return _fail(f"{exc}. Nothing changed.")
    return _save(path, schedule)


def cmd_close_day(args: argparse.Namespace) -> int:
    path = _path(args)
    schedule, _ = _current(path)
    return _save(path, schedule.with_closed_day(args.date, closed=not args.reopen))


def cmd_off(args: argparse.Namespace) -> int:
    try:
        _path(args).unlink(missing_ok=True)
    except OSError as exc:
        return _fail(f"the opening hours could not be removed ({exc.strerror}).")
    print("No opening hours: the kiosk stays on all the time.")
    return 0


def _save(path: Path, schedule: Schedule) -> int:
    try:
        save_schedule(path, schedule)
    except OSError as exc:
        return _fail(f"the opening hours could not be saved ({exc.strerror}). Nothing changed.")
    print("\n".join(describe_week(schedule)))
    print(describe_now(schedule, dt.datetime.now(dt.UTC)))
    return 0

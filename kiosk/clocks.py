"""The three kinds of clock the kiosk injects (tests pass fakes), one name each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

MonotonicClock = Callable[[], float]
"""`time.monotonic`: intervals that must not jump with the wall clock (taps, idle, staff corner)."""

EpochClock = Callable[[], float]
"""`time.time`: instants kept across restarts (the PIN backoff, the start-up guard)."""

WallClock = Callable[[], dt.datetime]
"""An aware UTC datetime: what staff read (the staff log, install records)."""

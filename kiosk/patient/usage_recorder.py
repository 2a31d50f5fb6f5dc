"""Turns what patients do into anonymous counts: which page, which language, which day.

It listens to AppState's and the idle monitor's signals and hands a `Key` to the UsageWriter's
queue; the writer's own thread touches the disk. Nothing here knows who, where on the screen,
in which order, or at what minute (at most a 4-hour bucket, when `buckets` is on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.state import LOCATION, LOCATIONS, PAGE, AppState
from kiosk.usage.store import (
    IDLE_RESET,
    LANGUAGE_SWITCH,
    NO_BUCKET,
    PAGE_VIEW,
    QR_SHOWN,
    Key,
    bucket_of,
)
from kiosk.usage.writer import UsageWriter

_OPENING_OPS = frozenset({"push", "forward", "backward"})  # back and home open nothing new


class UsageRecorder(QObject):
    def __init__(
        self,
        state: AppState,
        idle: IdleMonitor,
        writer: UsageWriter,
        *,
        buckets: bool = False,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._writer = writer
        self._buckets = buckets
        self._now = now
        # The session's language: the idle time-out reaches this after the reset has already
        # switched back to the default language.
        self._session_language = state.current_language()
        state.navigated.connect(self._navigated)
        state.languageChosen.connect(self._language_chosen)
        idle.timedOut.connect(lambda: self._record(IDLE_RESET, language=self._session_language))

    @property
    def writer(self) -> UsageWriter:
        return self._writer

    def _record(
        self, event: str, page: str = "", *, bucketed: bool = False, language: str = ""
    ) -> None:
        local = self._now()
        bucket = bucket_of(local.hour) if bucketed and self._buckets else NO_BUCKET
        language = language or self._state.current_language()
        self._writer.record(Key(local.date(), event, page, language, bucket))

    @Slot(str, dict)
    def _navigated(self, op: str, route: dict[str, str]) -> None:
        if op != "reset":
            self._session_language = self._state.current_language()
        if op not in _OPENING_OPS:
            return
        screen = route.get("screen", "")
        if screen == PAGE:
            self._record(PAGE_VIEW, route.get("id", ""), bucketed=True)
        elif screen == LOCATIONS:
            self._record(PAGE_VIEW, "locations", bucketed=True)
        elif screen == LOCATION:
            self._record(PAGE_VIEW, f"location:{route.get('id', '')}", bucketed=True)
            self._record(QR_SHOWN, route.get("id", ""))  # every town's page shows the code

    @Slot(str)
    def _language_chosen(self, code: str) -> None:
        self._session_language = code
        self._record(LANGUAGE_SWITCH)

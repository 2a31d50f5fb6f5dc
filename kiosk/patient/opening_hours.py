"""The kiosk asleep outside opening hours: a dark, still closed screen and the display off.

`should_sleep` (kiosk/schedule) decides; this QObject asks it on a slow timer and on every
schedule change, tells QML (`sleeping`) and the display power interface, and wakes on the first
touch: the attract screen then shows for the schedule's wake minutes after the last touch. The
event loop keeps running while asleep, so the watchdog's pings go on (kiosk/app/supervision.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.schedule.model import Schedule, should_sleep
from kiosk.system.display_power import DisplayPower
from kiosk.ui.input_events import INPUT_EVENTS
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

CHECK_MS = 20_000  # how often the clock is looked at: a closing time is late by at most this
# The end of a touch wakes: its press went to the closed screen, so nothing that appears on
# waking (the attract screen) sees a whole tap and starts a session by itself.
WAKING_EVENTS = frozenset(
    {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.KeyPress}
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@QmlElement
@QmlUncreatable("made by the app")
class OpeningHours(QObject):
    sleepingChanged = Signal()
    scheduleChanged = Signal()
    fellAsleep = Signal()  # the wiring resets the patient session then
    wokeUp = Signal()

    def __init__(
        self,
        schedule: Schedule | None,
        power: DisplayPower,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._schedule = schedule
        self._power = power
        self._now = now
        self._sleeping = False
        self._held = False
        self._last_touch: dt.datetime | None = now()  # a fresh start counts as a touch
        self._timer = QTimer(self, interval=check_ms)
        self._timer.setObjectName("openingHoursTimer")
        self._timer.timeout.connect(self.check)
        self._update_timer()

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    @property
    def power(self) -> DisplayPower:
        return self._power

    def set_schedule(self, schedule: Schedule | None) -> None:
        self._schedule = schedule
        self.scheduleChanged.emit()
        self._update_timer()
        self.check()

    @Slot(bool)
    def hold(self, held: bool) -> None:
        """Staff mode is open: never fall asleep under it."""
        self._held = held
        if held:
            self.poke()

    def _update_timer(self) -> None:
        if self._schedule is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    @Slot()
    def check(self) -> None:
        asleep = not self._held and should_sleep(self._schedule, self._now(), self._last_touch)
        if asleep != self._sleeping:
            self._set_sleeping(asleep)

    def poke(self) -> None:
        self._last_touch = self._now()

    @Slot()
    def wake(self) -> None:
        self.poke()
        if self._sleeping:
            self._set_sleeping(False)

    def _set_sleeping(self, sleeping: bool) -> None:
        self._sleeping = sleeping
        self._power.set_on(not sleeping)
        self.sleepingChanged.emit()
        (self.fellAsleep if sleeping else self.wokeUp).emit()

    def stop(self) -> None:
        """Teardown: the display comes back on, the timer stops."""
        self._timer.stop()
        if self._sleeping:
            self._set_sleeping(False)
        self._power.close()

    def is_sleeping(self) -> bool:
        return self._sleeping

    def _get_sleeping(self) -> bool:
        return self._sleeping

    sleeping = Property(bool, _get_sleeping, notify=sleepingChanged)


class WakeFilter(QObject):
    """On the window: a touch wakes a sleeping kiosk, and any input counts as a touch. It
    never eats the event, so the staff corner sees its taps while closed too."""

    def __init__(self, hours: OpeningHours, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hours = hours

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in WAKING_EVENTS and self._hours.is_sleeping():
            self._hours.wake()
        elif kind in INPUT_EVENTS:
            self._hours.poke()
        return False

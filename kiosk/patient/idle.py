"""Idle detection: after `idle_seconds` without a touch, warn; after the warning, reset.

An event filter on the application feeds every press, release, touch and wheel event into
`poke()`. While the warning shows, only `extend()` (the "I'm still here" button) counts, so a
patient can extend the time any number of times (WCAG 2.2.1), and a stray touch on the dimmed
screen neither dismisses nor resets anything.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.clocks import MonotonicClock
from kiosk.ui.input_events import INPUT_EVENTS
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the app")
class IdleMonitor(QObject):
    warningVisibleChanged = Signal()
    secondsLeftChanged = Signal()
    activeChanged = Signal()
    warningShown = Signal()
    extended = Signal()
    timedOut = Signal()

    def __init__(
        self,
        idle_seconds: float,
        warning_seconds: float,
        clock: MonotonicClock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._idle_ms = max(1, round(idle_seconds * 1000))
        self._warning_s = warning_seconds
        self._clock = clock
        self._active = False
        self._warning = False
        self._deadline = 0.0
        self._seconds_left = 0
        self._idle = QTimer(self, singleShot=True, interval=self._idle_ms)
        self._idle.timeout.connect(self._show_warning)
        self._end = QTimer(self, singleShot=True, interval=max(1, round(warning_seconds * 1000)))
        self._end.timeout.connect(self._time_out)
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self._update_seconds)

    # -- inputs ------------------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        """Only a patient session is timed; the attract screen is idle by definition."""
        if active == self._active:
            return
        self._active = active
        if active:
            self._idle.start()
        else:
            self.stop()
        self.activeChanged.emit()

    def set_idle_seconds(self, idle_seconds: float) -> None:
        """A new idle time (from the staff panel); a running count starts again with it."""
        self._idle_ms = max(1, round(idle_seconds * 1000))
        self._idle.setInterval(self._idle_ms)

    @Slot()
    def poke(self) -> None:
        if self._active and not self._warning:
            self._idle.start()

    @Slot()
    def extend(self) -> None:
        if self._warning:
            self._set_warning(False)
            self._end.stop()
            self._tick.stop()
            self.extended.emit()
        if self._active:
            self._idle.start()

    def warn_now(self) -> None:
        """Shows the warning at once (screenshots and tests)."""
        self._active = True
        self._idle.stop()
        self._show_warning()

    def stop(self) -> None:
        self._idle.stop()
        self._end.stop()
        self._tick.stop()
        self._set_warning(False)

    # -- timers ------------------------------------------------------------------------------
    @Slot()
    def _show_warning(self) -> None:
        if not self._active:
            return
        self._deadline = self._clock() + self._warning_s
        self._update_seconds()
        self._set_warning(True)
        self._end.start()
        self._tick.start()
        self.warningShown.emit()

    @Slot()
    def _update_seconds(self) -> None:
        left = max(0, math.ceil(self._deadline - self._clock()))
        if left != self._seconds_left:
            self._seconds_left = left
            self.secondsLeftChanged.emit()

    @Slot()
    def _time_out(self) -> None:
        self.stop()
        self.timedOut.emit()

    def _set_warning(self, on: bool) -> None:
        if on != self._warning:
            self._warning = on
            self.warningVisibleChanged.emit()

    # -- QML ---------------------------------------------------------------------------------
    def _get_warning(self) -> bool:
        return self._warning

    def _get_seconds(self) -> int:
        return self._seconds_left

    def _get_active(self) -> bool:
        return self._active

    def is_running(self) -> bool:
        return any(t.isActive() for t in (self._idle, self._end, self._tick))

    warningVisible = Property(bool, _get_warning, notify=warningVisibleChanged)
    secondsLeft = Property(int, _get_seconds, notify=secondsLeftChanged)
    active = Property(bool, _get_active, notify=activeChanged)


class InputActivityFilter(QObject):
    """The window's event filter: any touch, click, wheel or key press is activity."""

    def __init__(self, monitor: IdleMonitor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._monitor = monitor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._monitor.poke()
        return False

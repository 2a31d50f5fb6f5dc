"""Tremor-tolerant activation: the rules every tappable target of the patient app follows.

The QML side acts on release only (TapHandler), lets a touch wander up to the slop before it
becomes a scroll, and asks this guard before acting. The guard ignores:

- a second activation of the same target within the debounce interval (a tremor's double tap);
- any activation within the interval after one that changed the page, because the second tap of
  a shaky finger lands on whatever replaced the target it meant to hit.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.clocks import MonotonicClock
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the app")
class TapGuard(QObject):
    accepted = Signal(str)
    rejected = Signal(str)

    def __init__(
        self,
        interval_ms: int = 600,
        clock: MonotonicClock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._interval = interval_ms / 1000.0
        self._clock = clock
        self._last_key = ""
        self._last_time = -1e9
        self._last_navigation = -1e9

    @property
    def interval_ms(self) -> int:
        return round(self._interval * 1000)

    @Slot(str, result=bool)
    def accept(self, key: str) -> bool:
        """Whether the target named `key` may act on this tap."""
        now = self._clock()
        if now - self._last_navigation < self._interval or (
            key == self._last_key and now - self._last_time < self._interval
        ):
            self.rejected.emit(key)
            return False
        self._last_key, self._last_time = key, now
        self.accepted.emit(key)
        return True

    @Slot()
    def note_navigation(self) -> None:
        """The page changed: ignore every tap for one interval."""
        self._last_navigation = self._clock()

    @Slot()
    def reset(self) -> None:
        self._last_key = ""
        self._last_time = self._last_navigation = -1e9

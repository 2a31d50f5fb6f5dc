"""The hidden way into staff mode: five taps in the top-left corner within three seconds.

The QML item `staffCorner` (invisible, one target in size, above everything) calls `tap()`; the
staff panel itself connects to `staffRequested`.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.clocks import MonotonicClock
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

TAPS = 5
WINDOW_SECONDS = 3.0


@QmlElement
@QmlUncreatable("made by the app")
class StaffHook(QObject):
    staffRequested = Signal()

    def __init__(
        self, clock: MonotonicClock = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._taps: deque[float] = deque(maxlen=TAPS)

    @Slot()
    def tap(self) -> None:
        now = self._clock()
        self._taps.append(now)
        if len(self._taps) == TAPS and now - self._taps[0] <= WINDOW_SECONDS:
            self._taps.clear()
            self.staffRequested.emit()

    @Slot()
    def reset(self) -> None:
        self._taps.clear()

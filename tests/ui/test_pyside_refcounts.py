"""PySide6 6.12.0 on CPython 3.11 (PYSIDE-3474) took a reference from None on every wrapped call
that returns nothing and from True on every Signal.emit(); after a few thousand calls the
interpreter aborted ("deallocating None"). The pinned PySide6 must not: these counts must not
drift. (From CPython 3.12 on None and True are immortal and these tests pass anyway.)"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal, Slot

CALLS = 5000
# A few references may come and go in the interpreter itself; the bug cost one per call.
TOLERANCE = 50


class Receiver(QObject):
    """A real QObject with a signal and a void slot, connected through Qt."""

    changed = Signal()
    valueChanged = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.received = 0
        self.changed.connect(self.on_changed)
        self.valueChanged.connect(self.on_value)

    @Slot()
    def on_changed(self) -> None:
        self.received += 1

    @Slot(int)
    def on_value(self, _value: int) -> None:
        self.received += 1


def test_void_calls_keep_the_count_of_none(qapp: object) -> None:
    timer, receiver = QTimer(), Receiver()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        timer.setInterval(5)  # C++ void setters and slots, called from Python
        receiver.setObjectName("receiver")
        timer.stop()
        receiver.on_changed()  # a Python void slot called directly
        receiver.valueChanged.emit(i)  # ... and through Qt
    drift = sys.getrefcount(None) - before
    assert abs(drift) < TOLERANCE, f"None lost {-drift} references in {CALLS} rounds of calls"
    assert receiver.received == 2 * CALLS


def test_signal_emits_keep_the_count_of_true(qapp: object) -> None:
    receiver = Receiver()
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(CALLS):
        receiver.changed.emit()
    true_drift = sys.getrefcount(True) - before_true
    false_drift = sys.getrefcount(False) - before_false
    assert abs(true_drift) < TOLERANCE, f"True lost {-true_drift} references in {CALLS} emits"
    assert abs(false_drift) < TOLERANCE, f"False lost {-false_drift} references"
    assert receiver.received == CALLS

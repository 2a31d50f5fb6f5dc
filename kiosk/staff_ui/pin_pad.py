"""The PIN pad's state: the digits typed (QML only ever learns how many), the check, and the
lock after too many wrong PINs, counted down in plain words in the patient's language."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.clocks import MonotonicClock
from kiosk.staff.pin import PIN_MAX_DIGITS, PIN_MIN_DIGITS, PinCheck
from kiosk.staff.service import Staff
from kiosk.staff_ui.jobs import JobRunner
from kiosk.staff_ui.texts import FALLBACK, locked_message, pad_texts
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantMap

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("made by the app")
class PinPad(QObject):
    changed = Signal()  # digits, message, lock or language
    pinChecked = Signal(str)  # the check's reason: "ok", "wrong", "locked", "not-set", "error"
    accepted = Signal()  # the right PIN: open the panel
    cancelled = Signal()

    def __init__(
        self,
        staff: Staff,
        jobs: JobRunner,
        *,
        clock: MonotonicClock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._jobs = jobs
        self._clock = clock
        self._language = FALLBACK
        self._showing = False
        self._digits = ""
        self._message: Callable[[], str] | None = None  # words are made in the current language
        self._locked_until = 0.0
        self._after_wrong = False
        self._checking = False
        self._tick = QTimer(self, interval=1000)
        self._tick.setObjectName("staffLockTimer")
        self._tick.timeout.connect(self._update_lock)

    # -- from the panel ----------------------------------------------------------------------
    def show(self) -> None:
        """A fresh pad; it says at once when no PIN is set or the lock is still on."""
        self._showing = True
        self._digits = ""
        self._message = None
        self._locked_until = 0.0
        try:
            is_set = self._staff.pin.is_set()
            wait = self._staff.pin.wait_seconds()
        except OSError:
            is_set, wait = True, 0.0  # the check itself will say what it can
        if not is_set:
            self._say("not_set")
        elif wait > 0:
            self._lock_for(wait, after_wrong=False)
        self.changed.emit()

    def hide(self) -> None:
        self._showing = False
        self._digits = ""
        self._message = None
        self._tick.stop()
        self.changed.emit()

    def set_language(self, language: str) -> None:
        if language != self._language:
            self._language = language
            self.changed.emit()

    def is_running(self) -> bool:
        return self._tick.isActive()

    # -- keys ---------------------------------------------------------------------------------
    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if (
            not self._showing
            or self._locked()
            or self._checking
            or len(digit) != 1
            or not digit.isdigit()
            or len(self._digits) >= PIN_MAX_DIGITS
        ):
            return
        self._digits += digit
        if self._message is not None and not self._locked():
            self._message = None
        self.changed.emit()

    @Slot()
    def erase(self) -> None:
        if self._showing and self._digits:
            self._digits = self._digits[:-1]
            self.changed.emit()

    @Slot()
    def cancel(self) -> None:
        if self._showing:
            self.cancelled.emit()

    @Slot()
    def submit(self) -> None:
        staff = self._staff
        if not self._showing or self._locked() or self._checking:
            return
        if len(self._digits) < PIN_MIN_DIGITS:
            self._say("too_short", count=PIN_MIN_DIGITS)
            self.changed.emit()
            return
        pin, self._digits = self._digits, ""
        self._checking = True
        self.changed.emit()
        self._jobs.run("pin", lambda _p: staff.check_pin(pin), self._checked, self._failed)

    # -- the check ----------------------------------------------------------------------------
    def _checked(self, result: PinCheck) -> None:
        self._checking = False
        self.pinChecked.emit(result.reason)
        if not self._showing:
            return  # cancelled meanwhile
        if result.ok:
            self.accepted.emit()
            return
        if result.reason == "not-set":
            self._say("not_set")
        elif result.reason == "locked":
            self._lock_for(result.wait_seconds, after_wrong=False)
        elif result.wait_seconds > 0:
            self._lock_for(result.wait_seconds, after_wrong=True)
        else:
            self._say("wrong")
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.error("the PIN check failed: %s", type(exc).__name__)  # never the PIN itself
        self._checking = False
        self.pinChecked.emit("error")
        if self._showing:
            self._say("failed")
            self.changed.emit()

    def _say(self, key: str, **values: object) -> None:
        self._message = lambda: pad_texts(self._language)[key].format(**values)

    # -- the lock -----------------------------------------------------------------------------
    def _lock_for(self, seconds: float, *, after_wrong: bool) -> None:
        self._locked_until = self._clock() + seconds
        self._after_wrong = after_wrong
        self._message = self._lock_message
        self._tick.start()

    def _lock_message(self) -> str:
        left = max(0.0, self._locked_until - self._clock())
        return locked_message(left, self._language, wrong=self._after_wrong)

    def _locked(self) -> bool:
        return self._locked_until > self._clock()

    @Slot()
    def _update_lock(self) -> None:
        if not self._showing or not self._locked():
            self._tick.stop()
            if self._showing:
                self._locked_until = 0.0
                self._say("again")
        self.changed.emit()

    # -- QML ----------------------------------------------------------------------------------
    def _get_length(self) -> int:
        return len(self._digits)

    def _get_max(self) -> int:
        return PIN_MAX_DIGITS

    def _get_min(self) -> int:
        return PIN_MIN_DIGITS

    def _get_message(self) -> str:
        if self._checking:
            return pad_texts(self._language)["checking"]
        return self._message() if self._message is not None else ""

    def _get_problem(self) -> bool:
        return self._message is not None and not self._checking

    def _get_locked(self) -> bool:
        return self._locked()

    def _get_checking(self) -> bool:
        return self._checking

    def _get_texts(self) -> dict[str, str]:
        return dict(pad_texts(self._language))

    length = Property(int, _get_length, notify=changed)
    maxLength = Property(int, _get_max, constant=True)
    minLength = Property(int, _get_min, constant=True)
    message = Property(str, _get_message, notify=changed)
    problem = Property(bool, _get_problem, notify=changed)
    locked = Property(bool, _get_locked, notify=changed)
    checking = Property(bool, _get_checking, notify=changed)
    texts = Property(QVariantMap, _get_texts, notify=changed)

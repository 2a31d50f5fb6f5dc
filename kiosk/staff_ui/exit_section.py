"""The Exit section: the only ways out of the fullscreen kiosk app, each asked twice.

- **Exit to desktop** logs the exit and leaves the event loop with `EXIT_TO_DESKTOP` (0). Under
  systemd the unit needs `RestartPreventExitStatus=0` for the desktop to stay (with
  `Restart=always` alone systemd starts the app again after `RestartSec`);
- **Restart** logs it and leaves with `EXIT_RESTART` (75, EX_TEMPFAIL), which any restart
  policy (`Restart=always`, `on-failure`, or `RestartForceExitStatus=75`) restarts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.staff.service import Staff
from kiosk.staff_ui.jobs import JobRunner
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

EXIT_TO_DESKTOP = 0
EXIT_RESTART = 75  # EX_TEMPFAIL: "try again", the supervisor starts the app again
ACTIONS = {"exit": EXIT_TO_DESKTOP, "restart": EXIT_RESTART}


@QmlElement
@QmlUncreatable("made by the app")
class ExitSection(QObject):
    confirmingChanged = Signal()
    leaving = Signal(int)  # the exit code, just before the event loop is left

    def __init__(self, staff: Staff, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff = staff
        self._jobs = jobs
        self._confirming = ""  # "exit" | "restart" | ""
        self._exit_fn: Callable[[int], None] | None = None

    def set_exit_function(self, exit_fn: Callable[[int], None] | None) -> None:
        """None: `QGuiApplication.exit` (leaves the event loop even when the fullscreen window
        refuses to close, unlike `quit()`)."""
        self._exit_fn = exit_fn

    def cancel_confirm(self) -> None:
        if self._confirming:
            self._confirming = ""
            self.confirmingChanged.emit()

    @Slot(str)
    def ask(self, action: str) -> None:
        if action in ACTIONS and not self._jobs.running():
            self._confirming = action
            self.confirmingChanged.emit()

    @Slot()
    def cancel(self) -> None:
        self.cancel_confirm()

    @Slot()
    def confirm(self) -> None:
        action = self._confirming
        self.cancel_confirm()
        if action not in ACTIONS or self._jobs.running():
            return
        code = ACTIONS[action]
        if code == EXIT_TO_DESKTOP:
            self._staff.exit_staff_mode(quit_app=True)
        else:
            self._staff.log.record("restart", "Staff restarted the kiosk app.")
        self.leaving.emit(code)
        (self._exit_fn or QGuiApplication.exit)(code)

    def _get_confirming(self) -> str:
        return self._confirming

    confirming = Property(str, _get_confirming, notify=confirmingChanged)

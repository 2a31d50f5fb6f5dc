"""The trusted keys, in the Content section: which keys this kiosk accepts bundles from, which
one signs the content showing now, and stopping trusting one (behind a confirmation).

Untrusting runs on the job runner like every store action; the store falls back at once to the
newest kept bundle whose signer is still trusted, else the built-in content, and records it in
the staff log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.staff.service import Activated, Staff
from kiosk.staff_ui.jobs import JobRunner, Progress
from kiosk.staff_ui.notice import Notice
from kiosk.staff_ui.words import reason_of, untrust_question
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the app")
class KeysSection(QObject):
    keysChanged = Signal()
    confirmingChanged = Signal()
    untrustFinished = Signal(bool)
    activated = Signal(object)  # the Activated bundle patients see after an untrust

    def __init__(
        self,
        staff: Staff,
        jobs: JobRunner,
        notice: Notice,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._jobs = jobs
        self._notice = notice
        self._today = today
        self._ids: list[str] = []
        self._active: dict[str, Any] = {}  # the Content section's description of the active one
        self._confirming = ""  # the key staff are asked about

    def refresh(self) -> None:
        """Lists the trusted keys again (a directory listing: quick, on the GUI thread)."""
        try:
            self._ids = self._staff.trusted_key_ids()
        except OSError:
            self._ids = []
        self.keysChanged.emit()

    def set_active(self, active: dict[str, Any]) -> None:
        """What the Content section says is showing: its signer's row names it."""
        self._active = active
        self.keysChanged.emit()

    def cancel_confirm(self) -> None:
        if self._confirming:
            self._confirming = ""
            self.confirmingChanged.emit()

    @Slot(str)
    def ask(self, ident: str) -> None:
        """The first tap of Stop trusting: the question shows."""
        if ident in self._ids and not self._jobs.running():
            self._confirming = ident
            self.confirmingChanged.emit()

    @Slot()
    def cancelUntrust(self) -> None:
        self.cancel_confirm()

    @Slot()
    def untrust(self) -> None:
        """The second tap: stops trusting the key on the worker."""
        ident = self._confirming
        if not ident:
            return
        self.cancel_confirm()
        if self._jobs.running("install", "rollback", "untrust"):
            return
        staff, today = self._staff, self._today()

        def work(_progress: Progress) -> Activated:
            return staff.untrust_and_load(ident, today)

        self._notice.clear()
        self._jobs.run(
            "untrust",
            work,
            lambda done: self._untrusted(ident, done),
            self._untrust_failed,
        )

    def _untrusted(self, ident: str, done: Activated) -> None:
        self.refresh()
        self.activated.emit(done)
        active = done.active
        showing = (
            "the built-in content"
            if active.source == "builtin"
            else f"{active.id} version {active.version}"
        )
        self._notice.say(
            f"Key {ident} is no longer trusted. Patients see {showing} from the next start screen.",
            "ok",
        )
        self.untrustFinished.emit(True)

    def _untrust_failed(self, exc: BaseException) -> None:
        self.refresh()
        self._notice.say(f"Still trusted: {reason_of(exc)}", "problem")
        self.untrustFinished.emit(False)

    # -- QML ------------------------------------------------------------------------------------
    def _get_keys(self) -> list[dict[str, str]]:
        signer = self._active.get("signer")
        title = self._active.get("title")
        rows = []
        for ident in self._ids:
            signs = ""
            if ident == signer and not self._active.get("loading"):
                signs = (
                    f"Signs the content showing now: {title}, version {self._active['version']}."
                )
            rows.append({"id": ident, "signs": signs})
        return rows

    def _get_question(self) -> str:
        return untrust_question(self._confirming) if self._confirming else ""

    keys = Property(QVariantList, _get_keys, notify=keysChanged)
    question = Property(str, _get_question, notify=confirmingChanged)

"""The Content section: what patients see now (the active bundle) and rolling back.

Describing the active bundle checks its signature and hashes every file, so it runs on the job
runner and the section says "One moment" meanwhile; after an install or a rollback the
description the job made is shown as it is, without a second look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.staff.service import Activated, Staff
from kiosk.staff_ui.jobs import JobRunner, Progress
from kiosk.staff_ui.notice import Notice
from kiosk.staff_ui.words import plain_date, plain_time, reason_of, storage_words, unreviewed
from kiosk.store.records import Description
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantMap

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

LOADING: dict[str, Any] = {"loading": True}


def describe(d: Description) -> dict[str, Any]:
    """The active bundle in staff's words, for StaffContentSection.qml."""
    if d.source == "builtin":
        source = "The built-in content, shipped with the kiosk app."
    elif d.source == "previous":
        source = "An earlier bundle: the newest one could not be used."
    else:
        source = f"Installed {plain_time(d.installed_at)}."
    if d.previous:
        target = d.previous[0]
    elif d.source != "builtin":
        target = "the built-in content"
    else:
        target = ""
    return {
        "title": d.title,
        "id": d.id,
        "version": d.version,
        "signer": d.signer,
        "source": source,
        "installed": plain_time(d.installed_at),
        "fallback": d.fallback_reason or "",
        "pageCount": d.page_count,
        "reviewsDue": [f"{r.page_id}: review was due {plain_date(r.due)}" for r in d.reviews_due],
        "rollbackTarget": target,
        "draftCount": len(d.drafts),
        "drafts": unreviewed(d.drafts),
        "storageProblem": storage_words(d.storage_problem),
    }


@QmlElement
@QmlUncreatable("made by the app")
class ContentSection(QObject):
    activeChanged = Signal()
    confirmingChanged = Signal()
    rollbackFinished = Signal(bool)
    activated = Signal(object)  # the Activated bundle after a rollback

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
        self._active: dict[str, Any] = dict(LOADING)
        self._confirming = False

    def refresh(self) -> None:
        """Looks at the active bundle again (on the worker); "One moment" meanwhile."""
        if self._jobs.running("describe"):
            return
        staff, today = self._staff, self._today()

        def work(_progress: Progress) -> Description:
            return staff.describe_active(today)

        self._set_active(dict(LOADING))
        self._jobs.run("describe", work, self.show, self._not_described)

    def show(self, description: Description) -> None:
        self._set_active(describe(description))

    def _not_described(self, exc: BaseException) -> None:
        self._set_active({"problem": reason_of(exc)})

    def _set_active(self, active: dict[str, Any]) -> None:
        self._active = active
        self.activeChanged.emit()

    def active_now(self) -> dict[str, Any]:
        """What `active` says, for Python (the trusted keys name the active bundle's signer)."""
        return dict(self._active)

    def cancel_confirm(self) -> None:
        if self._confirming:
            self._confirming = False
            self.confirmingChanged.emit()

    # -- rolling back ---------------------------------------------------------------------------
    @Slot()
    def ask(self) -> None:
        """The first tap of Roll back: the question shows."""
        if self._active.get("rollbackTarget") and not self._jobs.running():
            self._confirming = True
            self.confirmingChanged.emit()

    @Slot()
    def cancelRollback(self) -> None:
        self.cancel_confirm()

    @Slot()
    def rollBack(self) -> None:
        """The second tap: rolls back on the worker."""
        if not self._confirming:
            return
        self.cancel_confirm()
        if self._jobs.running("install", "rollback"):
            return
        staff, today = self._staff, self._today()

        def work(_progress: Progress) -> Activated:
            return staff.roll_back(today)

        self._notice.clear()
        self._jobs.run("rollback", work, self._rolled_back, self._rollback_failed)

    def _rolled_back(self, done: Activated) -> None:
        active = done.active
        label = "the built-in content" if active.source == "builtin" else "it"
        self.show(done.description)
        self.activated.emit(done)
        self._notice.say(
            f"Rolled back to {active.id} version {active.version}. Patients see {label} "
            "from the next start screen.",
            "ok",
        )
        self.rollbackFinished.emit(True)

    def _rollback_failed(self, exc: BaseException) -> None:
        self.refresh()
        self._notice.say(f"Not rolled back: {reason_of(exc)}", "problem")
        self.rollbackFinished.emit(False)

    # -- QML ------------------------------------------------------------------------------------
    def _get_active(self) -> dict[str, Any]:
        return dict(self._active)

    def _get_confirming(self) -> bool:
        return self._confirming

    active = Property(QVariantMap, _get_active, notify=activeChanged)
    confirming = Property(bool, _get_confirming, notify=confirmingChanged)

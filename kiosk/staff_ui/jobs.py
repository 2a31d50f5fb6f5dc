"""Runs staff mode's slow work off the GUI thread: the argon2 PIN check, describing the active
bundle (its signature and every file's hash), looking at drives, verifying, installing and
rolling back bundles.

One worker thread of its own `QThreadPool` runs the jobs in the order they were started (so two
store actions never overlap); results, failures and progress come back to the GUI thread as
queued signals and are handed to the callbacks given with each job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Property, QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.content.problems import BundleError
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Work = Callable[[Progress], object]

BUSY_TEXT = {  # what the panel's header says while a job of that kind runs, by priority
    "install": "Installing…",
    "rollback": "Rolling back…",
    "untrust": "Stopping trusting the key…",
    "preview": "Checking the bundle…",
    "scan": "Looking for bundle files…",
}


class _JobSignals(QObject):
    """Emitted from the worker thread; connected queued to the runner on the GUI thread."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, float, float)


class _Job(QRunnable):
    def __init__(self, token: int, work: Work, signals: _JobSignals) -> None:
        super().__init__()
        self._token = token
        self._work = work
        self._signals = signals

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self._signals.progress.emit(self._token, float(done), float(total))

        try:
            result = self._work(progress)
        except Exception as exc:  # every failure is reported to staff, none may kill the app
            self._signals.failed.emit(self._token, exc)
        else:
            self._signals.done.emit(self._token, result)


@dataclass
class _Pending:
    kind: str
    on_done: Callable[[Any], None]
    on_failed: Callable[[BaseException], None]
    on_progress: Callable[[float], None] | None


@QmlElement
@QmlUncreatable("made by the app")
class JobRunner(QObject):
    busyChanged = Signal()
    finished = Signal(str)  # a job of this kind came back (done or failed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _JobSignals(self)
        # Emitted on the worker only, so Qt queues them to this object's (the GUI) thread; no
        # Qt.ConnectionType named at start (kiosk/ui/qt_values.py).
        self._signals.done.connect(self._job_done)
        self._signals.failed.connect(self._job_failed)
        self._signals.progress.connect(self._job_progress)
        self._jobs: dict[int, _Pending] = {}
        self._next_token = 0

    def run(
        self,
        kind: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Callable[[float], None] | None = None,
    ) -> None:
        """Starts `work(progress)` on the worker; `on_progress` gets 0..1 on the GUI thread."""
        token = self._next_token
        self._next_token += 1
        self._jobs[token] = _Pending(kind, on_done, on_failed, on_progress)
        self.busyChanged.emit()
        self._pool.start(_Job(token, work, self._signals))

    def running(self, *kinds: str) -> bool:
        """Whether a job of any of these kinds (of any kind, when none is named) is pending."""
        return any(not kinds or job.kind in kinds for job in self._jobs.values())

    def forget(self) -> None:
        """Waits for the job running now and drops every result still to come (teardown)."""
        self._pool.clear()
        self._pool.waitForDone(30_000)
        if self._jobs:
            self._jobs.clear()
            self.busyChanged.emit()

    def _finish(self, token: int) -> _Pending | None:
        pending = self._jobs.pop(token, None)
        if pending is not None:
            self.busyChanged.emit()
            self.finished.emit(pending.kind)
        return pending

    @Slot(int, object)
    def _job_done(self, token: int, result: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            pending.on_done(result)

    @Slot(int, object)
    def _job_failed(self, token: int, exc: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            assert isinstance(exc, BaseException)
            if not isinstance(exc, BundleError | OSError):
                log.error("staff action %s failed", pending.kind, exc_info=exc)
            pending.on_failed(exc)

    @Slot(int, float, float)
    def _job_progress(self, token: int, done: float, total: float) -> None:
        pending = self._jobs.get(token)
        if pending is not None and pending.on_progress is not None and total > 0:
            pending.on_progress(min(1.0, done / total))

    def _get_busy(self) -> bool:
        return bool(self._jobs)

    def _get_busy_text(self) -> str:
        kinds = {job.kind for job in self._jobs.values()}
        return next((text for kind, text in BUSY_TEXT.items() if kind in kinds), "")

    busy = Property(bool, _get_busy, notify=busyChanged)
    busyText = Property(str, _get_busy_text, notify=busyChanged)

"""The staff panel's "Updates" section, and the background updater behind it.

The checks run in the poller's own thread (kiosk/fleet/poller.py), never on the GUI thread; each
result comes back as a queued signal. A bundle installed in the background is loaded in that
thread too and handed to the patient app through `bundleActivated`, which AppState applies at
the next return to the attract screen, as for an install from staff mode. TUF is imported at the
first check, never at start.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.fleet.config import DEFAULT_INTERVAL_MINUTES, FleetConfig, FleetPaths, Status
from kiosk.fleet.poller import Poller
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

if TYPE_CHECKING:
    from kiosk.content.bundle import Bundle
    from kiosk.fleet.client import CheckResult
    from kiosk.staff.service import Staff

Drives = Callable[[], list[tuple[Path, str]]]  # (folder, label for staff) of mounted drives
QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1
REPOSITORY_NAMES = ("repository", ".")  # a stick holds DIR/repository, or its contents
STOP_SECONDS = 30.0


def published_folder(drive: Path) -> Path | None:
    """The published fleet repository on a drive, if it holds one."""
    for name in REPOSITORY_NAMES:
        folder = drive / name
        if (folder / "metadata" / "timestamp.json").is_file():
            return folder.resolve()
    return None


def _when(iso: str | None) -> str:
    if not iso:
        return "never"
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return "unknown"
    return moment.strftime("%-d %b %Y, %H:%M")


@QmlElement
@QmlUncreatable("made by the app")
class UpdatesSection(QObject):
    changed = Signal()
    checkingChanged = Signal()
    bundleActivated = Signal(object)  # a Bundle installed in the background
    checkFinished = Signal(str)  # the outcome: installed, up-to-date, refused
    joinFinished = Signal(str)  # "" when joined, else why not
    _finished = Signal(object)  # from the poller thread
    _joined = Signal(str)  # from the join thread

    def __init__(
        self,
        staff: Staff | None,
        *,
        drives: Drives,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("updatesSection")
        self._staff = staff
        self._paths = FleetPaths(staff.data_dir) if staff is not None else None
        self._drives = drives  # the same drives and import folder as Import
        self._config: FleetConfig | None = None
        self._status = Status()
        self._sticks: list[dict[str, str]] = []
        self._checking = False
        # Emitted on their own threads only: Qt queues them to the GUI thread (no
        # Qt.ConnectionType named at start, kiosk/ui/qt_values.py).
        self._finished.connect(self._on_finished)
        self._joined.connect(self._on_joined)
        self._join_problem = ""
        self._poller: Poller[Any] | None = None
        if staff is not None:
            self._poller = Poller(self._check, self._finished.emit, self._interval_seconds)
        self._reload()

    # -- the background thread -------------------------------------------------------------
    def start(self) -> None:
        if self._poller is not None:
            self._poller.start()

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop(STOP_SECONDS)

    def _interval_seconds(self) -> float:
        assert self._paths is not None
        config = FleetConfig.load(self._paths)
        return 60.0 * (config.interval_minutes if config else DEFAULT_INTERVAL_MINUTES)

    def _check(self, source: str | None) -> tuple[CheckResult, Bundle | None] | None:
        """In the poller's thread: one check, and the content of a bundle it installed."""
        assert self._staff is not None and self._paths is not None
        if FleetConfig.load(self._paths) is None:
            return None  # not joined: nothing to ask, and no TUF to load
        from kiosk.content.validate import load_folder
        from kiosk.fleet.client import FleetClient

        result = FleetClient(self._staff).check(source)
        bundle = None
        if result.outcome == "installed" and result.active is not None:
            bundle = load_folder(result.active.path)
        return result, bundle

    @Slot(object)
    def _on_finished(self, payload: tuple[CheckResult, Bundle | None] | None) -> None:
        self._set_checking(False)
        self._reload()
        if payload is None:
            self.checkFinished.emit("not-joined")
            return
        result, bundle = payload
        if bundle is not None:
            self.bundleActivated.emit(bundle)
        self.checkFinished.emit(result.outcome)

    def _set_checking(self, value: bool) -> None:
        if value != self._checking:
            self._checking = value
            self.checkingChanged.emit()

    # -- for QML ---------------------------------------------------------------------------
    def _reload(self) -> None:
        if self._paths is not None:
            self._config = FleetConfig.load(self._paths)
            self._status = Status.load(self._paths)
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        """Reads the fleet's config and last status, and looks for drives with a repository."""
        try:
            drives = list(self._drives())
        except OSError:
            drives = []
        self._sticks = [
            {"folder": str(published), "label": label}
            for folder, label in drives
            if (published := published_folder(folder)) is not None
        ]
        self._reload()

    @Slot()
    def checkNow(self) -> None:
        if self._poller is not None and self._config is not None and not self._checking:
            self._set_checking(True)
            self._poller.check_now()

    @Slot(str)
    def joinFrom(self, folder: str) -> None:
        """Trusts the root on a USB stick's published repository and takes updates from it.

        Trust on first use, by staff: what it can install must still be signed by a bundle key
        this kiosk trusts, and the root's fingerprint is shown for staff to compare.
        """
        if self._staff is None or self._config is not None or self._checking:
            return
        self._set_checking(True)
        threading.Thread(target=self._join, args=(Path(folder),), daemon=True).start()

    def _join(self, folder: Path) -> None:
        assert self._staff is not None
        from kiosk.fleet.client import FleetClient, JoinError  # TUF: not at start

        try:
            FleetClient(self._staff).join(folder / "metadata" / "root.json", str(folder))
        except (JoinError, OSError) as exc:
            self._joined.emit(str(exc))
            return
        self._joined.emit("")

    @Slot(str)
    def _on_joined(self, problem: str) -> None:
        self._join_problem = problem
        self._set_checking(False)
        self._reload()
        self.joinFinished.emit(problem)

    @Slot(str)
    def updateFrom(self, folder: str) -> None:
        """One check against a USB stick's copy, with the same keys and rollback protection."""
        if self._poller is not None and self._config is not None and not self._checking:
            self._set_checking(True)
            self._poller.check_now(folder)

    def _get_joined(self) -> bool:
        return self._config is not None

    def _get_source(self) -> str:
        return self._config.source if self._config else ""

    def _get_fingerprint(self) -> str:
        return self._config.root_sha256[:16] if self._config else ""

    def _get_every(self) -> int:
        return self._config.interval_minutes if self._config else 0

    def _get_last_check(self) -> str:
        return _when(self._status.checked_at)

    def _get_last_success(self) -> str:
        return _when(self._status.succeeded_at)

    def _get_offered(self) -> str:
        return self._status.offered or "nothing yet"

    def _get_installed(self) -> str:
        return self._status.installed or "not checked yet"

    def _get_refusal(self) -> str:
        return self._status.refusal or ""

    def _get_join_problem(self) -> str:
        return self._join_problem

    def _get_sticks(self) -> list[dict[str, str]]:
        return self._sticks

    def _get_checking(self) -> bool:
        return self._checking

    joined = Property(bool, _get_joined, notify=changed)
    source = Property(str, _get_source, notify=changed)
    fingerprint = Property(str, _get_fingerprint, notify=changed)
    everyMinutes = Property(int, _get_every, notify=changed)
    lastCheck = Property(str, _get_last_check, notify=changed)
    lastSuccess = Property(str, _get_last_success, notify=changed)
    offered = Property(str, _get_offered, notify=changed)
    installed = Property(str, _get_installed, notify=changed)
    refusal = Property(str, _get_refusal, notify=changed)
    sticks = Property(QVariantList, _get_sticks, notify=changed)
    joinProblem = Property(str, _get_join_problem, notify=changed)
    checking = Property(bool, _get_checking, notify=checkingChanged)

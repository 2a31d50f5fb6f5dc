"""The Import section: bundle files on drives and in the import folder; choosing one verifies it
and shows what would change; Install copies it with a progress bar. All of it on the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.staff.drives import (
    MAX_LISTED,
    Found,
    ImportSource,
    find_bundle_files,
    mounted_import_sources,
    source_of,
)
from kiosk.staff.service import Activated, Staff
from kiosk.staff_ui.jobs import JobRunner, Progress
from kiosk.staff_ui.notice import Notice
from kiosk.staff_ui.words import reason_of
from kiosk.store.records import Diff
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList, QVariantMap

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

Drives = Callable[[], list[ImportSource]]


def where(source: ImportSource, *, detail: bool = False) -> str:
    """'on drive KINGSTON', 'in the import folder' (with its path when `detail`)."""
    if source.label.startswith("drive"):
        return f"on {source.label}"
    return f"in {source.label} ({source.folder})" if detail else f"in {source.label}"


def sources_text(sources: Sequence[ImportSource]) -> str:
    if not sources:
        return "No USB drive is connected and no import folder is set."
    places = [where(s, detail=True) for s in sources]
    if len(places) > 1:
        places[-1] = "and " + places[-1]
    return "Looked " + (", " if len(places) > 2 else " ").join(places) + "."


def found_note(found: Found) -> str:
    """What the list leaves out, in plain words ("" when it shows everything)."""
    if not found.complete:
        return (
            "The drive holds too many files to look through them all, so only some bundle "
            "files are listed. Put the bundle file at the top of a drive with fewer files."
        )
    if found.more:
        return (
            f"There are more than {MAX_LISTED} bundle files; the first {MAX_LISTED} by name "
            "are listed. Take the ones you do not need off the drive to see the rest."
        )
    return ""


def diff_words(diff: Diff) -> dict[str, Any]:
    if diff.replaces_other_bundle:
        versions = (
            f"Replaces {diff.old_id} version {diff.old_version} with "
            f"{diff.new_id} version {diff.new_version}"
        )
    else:
        versions = f"{diff.new_id}: version {diff.old_version} → {diff.new_version}"
    return {
        "state": "blocked" if diff.blocked else "ready",
        "file": diff.path.name,
        "versions": versions,
        "signer": diff.signer,
        "added": list(diff.added),
        "changed": list(diff.changed),
        "removed": list(diff.removed),
        "reason": diff.blocked or "",
    }


@QmlElement
@QmlUncreatable("made by the app")
class ImportSection(QObject):
    bundlesChanged = Signal()
    diffChanged = Signal()
    progressChanged = Signal()
    scanFinished = Signal()
    previewFinished = Signal()
    installFinished = Signal(bool)
    activated = Signal(object)  # the Activated bundle after an install

    def __init__(
        self,
        staff: Staff,
        jobs: JobRunner,
        notice: Notice,
        *,
        import_dir: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._jobs = jobs
        self._notice = notice
        self._import_dir = import_dir
        self._today = today
        self._drives: Drives = mounted_import_sources
        self._sources: list[ImportSource] = []
        self._found = Found((), more=False, complete=True)
        self._scanned = False
        self._selected = -1
        self._diff: Diff | None = None
        self._diff_error = ""
        self._installing = False
        self._progress = 0.0

    def set_drive_scanner(self, drives: Drives) -> None:
        """Where drives come from (tests look at their USB folder alone)."""
        self._drives = drives

    def sources(self) -> list[ImportSource]:
        """The drives, then the import folder: where staff bring files and take them away."""
        try:
            found = list(self._drives())  # reads the mounts: call it off the GUI thread
        except OSError:
            found = []
        if self._import_dir is not None:
            found.append(ImportSource(self._import_dir, "the import folder"))
        return found

    # -- looking for bundle files ---------------------------------------------------------------
    @Slot()
    def scan(self) -> None:
        if self._jobs.running("scan", "install"):
            return

        def work(_progress: Progress) -> tuple[list[ImportSource], Found]:
            sources = self.sources()
            return sources, find_bundle_files([s.folder for s in sources])

        self._select(-1)
        self._jobs.run("scan", work, self._scanned_bundles, self._scan_failed)

    def _scanned_bundles(self, result: tuple[list[ImportSource], Found]) -> None:
        self._sources, self._found = result
        self._scanned = True
        self.bundlesChanged.emit()
        self.scanFinished.emit()

    def _scan_failed(self, exc: BaseException) -> None:
        self._found = Found((), more=False, complete=True)
        self._scanned = True
        self.bundlesChanged.emit()
        self._notice.say(f"The drives could not be read: {reason_of(exc)}", "problem")
        self.scanFinished.emit()

    # -- choosing one ---------------------------------------------------------------------------
    def _select(self, index: int) -> None:
        self._selected = index
        self._diff = None
        self._diff_error = ""
        self._progress = 0.0
        self.bundlesChanged.emit()
        self.diffChanged.emit()
        self.progressChanged.emit()

    @Slot(int)
    def selectBundle(self, index: int) -> None:
        if self._installing or not 0 <= index < len(self._found.paths):
            return
        self._notice.clear()
        self._select(index)
        staff, path = self._staff, self._found.paths[index]

        def work(_progress: Progress) -> Diff:
            diff = staff.preview_install(path)
            if diff.blocked:
                staff.log.record("refusal", diff.blocked, file=path.name)
            return diff

        self._jobs.run("preview", work, self._previewed, self._preview_failed)

    def _previewed(self, diff: Diff) -> None:
        if self._selected >= 0 and self._found.paths[self._selected] == diff.path:
            self._diff = diff
            self.diffChanged.emit()
        self.previewFinished.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        self._diff = None
        self._diff_error = reason_of(exc)
        self.diffChanged.emit()
        self.previewFinished.emit()

    # -- installing -----------------------------------------------------------------------------
    @Slot()
    def install(self) -> None:
        diff = self._diff
        if diff is None or diff.blocked or self._jobs.running("install", "rollback", "preview"):
            return
        staff, today = self._staff, self._today()

        def work(progress: Progress) -> Activated:
            return staff.install_and_load(diff.path, progress, diff, today)

        self._installing = True
        self._progress = 0.0
        self.progressChanged.emit()
        self._notice.clear()
        self._jobs.run("install", work, self._installed, self._install_failed, self._moved)

    def _moved(self, value: float) -> None:
        if value != self._progress:
            self._progress = value
            self.progressChanged.emit()

    def _installed(self, done: Activated) -> None:
        self._select(-1)
        self._installing = False
        self._progress = 1.0
        self.progressChanged.emit()
        self.activated.emit(done)
        self._notice.say(
            f"Installed {done.active.id} version {done.active.version}. Patients see it from "
            "the next start screen.",
            "ok",
        )
        self.installFinished.emit(True)

    def _install_failed(self, exc: BaseException) -> None:
        self._installing = False
        self._progress = 0.0
        self.progressChanged.emit()
        self._notice.say(
            f"Not installed: {reason_of(exc)} The kiosk still shows the same content.", "problem"
        )
        self.installFinished.emit(False)

    # -- QML ------------------------------------------------------------------------------------
    def _get_bundles(self) -> list[dict[str, Any]]:
        out = []
        for index, path in enumerate(self._found.paths):
            source = source_of(path, self._sources)
            place = where(source) if source else str(path.parent)
            out.append(
                {
                    "index": index,
                    "name": path.name,
                    "where": place[:1].upper() + place[1:],
                    "selected": index == self._selected,
                }
            )
        return out

    def _get_scanned(self) -> bool:
        return self._scanned

    def _get_sources_text(self) -> str:
        return sources_text(self._sources)

    def _get_found_note(self) -> str:
        return found_note(self._found)

    def _get_diff(self) -> dict[str, Any]:
        if self._diff_error:
            return {"state": "refused", "reason": self._diff_error}
        if self._diff is None:
            return {"state": "none" if self._selected < 0 else "checking"}
        return diff_words(self._diff)

    def _get_installing(self) -> bool:
        return self._installing

    def _get_progress(self) -> float:
        return self._progress

    bundles = Property(QVariantList, _get_bundles, notify=bundlesChanged)
    scanned = Property(bool, _get_scanned, notify=bundlesChanged)
    sourcesText = Property(str, _get_sources_text, notify=bundlesChanged)
    foundNote = Property(str, _get_found_note, notify=bundlesChanged)
    diff = Property(QVariantMap, _get_diff, notify=diffChanged)
    installing = Property(bool, _get_installing, notify=progressChanged)
    progress = Property(float, _get_progress, notify=progressChanged)

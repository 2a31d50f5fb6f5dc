"""`kiosk --bundle FOLDER`: preview an authoring folder and reload it live when a file changes.

The patient app keeps showing the last version that was valid (and the page the author is on);
the problems of an invalid save show as a readable overlay, never as a crash.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Property, QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.content.bundle import Bundle
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

DEBOUNCE_MS = 250


@QmlElement
@QmlUncreatable("made by the app")
class BundlePreview(QObject):
    problemsChanged = Signal()
    reloaded = Signal()  # a valid version was applied
    failed = Signal()  # a save made the bundle invalid
    bundleLoaded = Signal(object)  # a valid version (a Bundle), to show at once

    def __init__(
        self,
        folder: Path,
        *,
        readability_checks: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._readability = readability_checks
        self._problems: list[str] = []
        self._summary = ""
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self._watch()

    @property
    def folder(self) -> Path:
        return self._folder

    def load(self) -> Bundle | None:
        """Validates the folder; the bundle when valid, else None with the problems shown."""
        try:
            from kiosk.content.validate import validate_folder  # only previews pay for it

            bundle, problems = validate_folder(self._folder, readability_checks=self._readability)
        except Exception as exc:  # a preview must never crash on what an author saved
            self._set_problems(f"{self._folder}: could not be read", [repr(exc)])
            return None
        if bundle is None:
            errors = problems.errors
            self._set_problems(
                f"{self._folder}: {len(errors)} problem(s). Fix and save: the preview reloads. "
                "Showing the last version that was valid.",
                [str(p) for p in errors],
            )
            return None
        self._set_problems("", [])
        return bundle

    @Slot()
    def reload(self) -> None:
        self._watch()  # editors that save by renaming drop the old file from the watcher
        bundle = self.load()
        if bundle is None:
            self.failed.emit()
            return
        self.bundleLoaded.emit(bundle)
        self.reloaded.emit()

    @Slot(str)
    def _schedule(self, _path: str = "") -> None:
        self._debounce.start()

    def _watch(self) -> None:
        paths = [self._folder, *(p for p in self._folder.rglob("*") if not p.is_symlink())]
        wanted = {str(p) for p in paths if p.exists()}
        current = set(self._watcher.files()) | set(self._watcher.directories())
        stale = sorted(current - wanted)
        if stale:
            self._watcher.removePaths(stale)
        new = sorted(wanted - current)
        if new:
            self._watcher.addPaths(new)

    def _set_problems(self, summary: str, problems: list[str]) -> None:
        if (summary, problems) != (self._summary, self._problems):
            self._summary, self._problems = summary, problems
            self.problemsChanged.emit()

    def stop(self) -> None:
        self._debounce.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _get_problems(self) -> list[str]:
        return list(self._problems)

    def problem_list(self) -> list[str]:
        return list(self._problems)

    def _get_summary(self) -> str:
        return self._summary

    problems = Property(QVariantList, _get_problems, notify=problemsChanged)
    summary = Property(str, _get_summary, notify=problemsChanged)

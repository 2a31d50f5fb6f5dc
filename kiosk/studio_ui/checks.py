"""The live checks beside the form: the problems `kiosk bundle validate` would list for the
folder as it is now (each tied to the field to fix), and each page's reading level per language.
They run a moment after the last keystroke (kiosk/studio/checks.py does the checking)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.content.bundle import Bundle
from kiosk.studio.checks import LiveChecks, ReadingLevel
from kiosk.studio_ui import outline
from kiosk.studio_ui.studio import Studio
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList, QVariantMap

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

DEBOUNCE_MS = 100  # typing goes on: check once it pauses


@QmlElement
@QmlUncreatable("made by the app")
class StudioChecks(QObject):
    changed = Signal()

    def __init__(self, studio: Studio, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._studio = studio
        self._core = LiveChecks(studio.folder)
        self._problems: list[dict[str, str]] = []
        self._levels: dict[str, dict[str, Any]] = {}
        self._revision = 0
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        studio.edited.connect(self._schedule)
        self.run()

    @property
    def core(self) -> LiveChecks:
        return self._core

    @Slot(str)
    def _schedule(self, _path: str = "") -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._core.close()

    @Slot()
    def run(self) -> None:
        """Checks the folder as it is now (saved or not) and shows the result."""
        result = self._core.run()
        self._problems = [
            {
                "path": p.path or "",
                "where": self._studio.describe(p.path) if p.path else p.where,
                "message": p.message,
                "severity": p.severity,
            }
            for p in sorted(result.problems, key=lambda p: p.severity != "error")
        ]
        self._levels = _levels(result.reading)
        self._revision += 1
        self.changed.emit()

    def bundle_for_preview(self) -> Bundle:
        """The folder as it is now, unsaved edits and all, as the kiosk would show it."""
        return self._core.snapshot_bundle()

    def first_page(self) -> str:
        """The first page, where the disclaimer shows under the text (as on every page)."""
        bundle = self.bundle_for_preview()
        pages = (*bundle.about, *bundle.treatments)
        return pages[0].id if pages else ""

    def errors(self) -> list[str]:
        """The problems that refuse a build, in words."""
        return [f"{p['where']}: {p['message']}" for p in self._problems if p["severity"] == "error"]

    @Slot(str, int, result=int)
    def countFor(self, entry: str, _revision: int) -> int:
        return sum(
            1
            for p in self._problems
            if p["severity"] == "error" and p["path"] and outline.entry_of(p["path"]) == entry
        )

    @Slot(str, int, result=QVariantMap)
    def levelFor(self, path: str, _revision: int) -> dict[str, Any]:
        return self._levels.get(path, {"text": "", "over": False})

    def _get_problems(self) -> list[dict[str, str]]:
        return self._problems

    def _get_revision(self) -> int:
        return self._revision

    def _get_error_count(self) -> int:
        return sum(1 for p in self._problems if p["severity"] == "error")

    problems = Property(QVariantList, _get_problems, notify=changed)
    errorCount = Property(int, _get_error_count, notify=changed)
    revision = Property(int, _get_revision, notify=changed)


def _levels(reading: tuple[ReadingLevel, ...]) -> dict[str, dict[str, Any]]:
    """Per page and language: its reading level(s) in words with the aim, and whether over it."""
    out: dict[str, dict[str, Any]] = {}
    for level in reading:
        limit = f"; {level.limit}" if level.limit else ""
        words = f"{level.metric} {level.value:.1f} (aim: {level.expected}{limit})"
        found = out.setdefault(level.path, {"text": "Reading level: " + words, "over": False})
        if not found["text"].endswith(words):
            found["text"] += "; " + words
        found["over"] = found["over"] or level.level != "ok"
    return out

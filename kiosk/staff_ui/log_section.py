"""The Staff log section: installs, rollbacks, refusals, PIN failures and exits, newest first."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.staff.service import Staff
from kiosk.staff_ui.words import plain_time
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

LOG_COUNT = 100
LOG_PREFIX = {"refusal": "Refused: "}  # log messages that do not say what they are


@QmlElement
@QmlUncreatable("made by the app")
class LogSection(QObject):
    changed = Signal()

    def __init__(self, staff: Staff, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff = staff
        self._entries: list[dict[str, str]] = []

    @Slot()
    def refresh(self) -> None:
        """Reads the newest entries again (one small file)."""
        entries = []
        for entry in self._staff.recent_log(LOG_COUNT):
            text = LOG_PREFIX.get(entry.action, "") + entry.message
            file = entry.details.get("file") if entry.details else None
            if file and str(file) not in text:
                text += f" (file: {file})"
            entries.append({"when": plain_time(entry.at), "action": entry.action, "text": text})
        self._entries = entries
        self.changed.emit()

    def _get_entries(self) -> list[dict[str, str]]:
        return list(self._entries)

    entries = Property(QVariantList, _get_entries, notify=changed)

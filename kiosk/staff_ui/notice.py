"""The one message at the top of the staff panel: what the last action did, in one sentence."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal

from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the app")
class Notice(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._kind = ""  # "ok" | "problem" | ""

    def say(self, text: str, kind: str) -> None:
        self._text, self._kind = text, kind
        self.changed.emit()

    def clear(self) -> None:
        if self._text:
            self.say("", "")

    def _get_text(self) -> str:
        return self._text

    def _get_kind(self) -> str:
        return self._kind

    text = Property(str, _get_text, notify=changed)
    kind = Property(str, _get_kind, notify=changed)

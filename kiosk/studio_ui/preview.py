"""The preview's pickers that the patient app has no control for: the screen layout, and which
screen follows the field being edited."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@dataclass(frozen=True)
class Layout:
    label: str
    width: int
    height: int


LAYOUTS = (
    Layout("Landscape 1920 x 1080", 1920, 1080),
    Layout("Portrait 1080 x 1920", 1080, 1920),
    Layout("Small 1280 x 800", 1280, 800),
)


@QmlElement
@QmlUncreatable("made by the app")
class StudioPreview(QObject):
    """Which layout the preview draws (the patient screens then lay out for that window size)."""

    layoutChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index = 0

    @property
    def layout(self) -> Layout:
        return LAYOUTS[self._index]

    @Slot(int)
    def chooseLayout(self, index: int) -> None:
        if 0 <= index < len(LAYOUTS) and index != self._index:
            self._index = index
            self.layoutChanged.emit()

    def _get_layouts(self) -> list[str]:
        return [layout.label for layout in LAYOUTS]

    def _get_index(self) -> int:
        return self._index

    def _get_width(self) -> int:
        return self.layout.width

    def _get_height(self) -> int:
        return self.layout.height

    layouts = Property(QVariantList, _get_layouts, constant=True)
    layoutIndex = Property(int, _get_index, notify=layoutChanged)
    layoutWidth = Property(int, _get_width, notify=layoutChanged)
    layoutHeight = Property(int, _get_height, notify=layoutChanged)

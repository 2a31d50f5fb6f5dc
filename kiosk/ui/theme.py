"""Colours for both themes and every size, derived from the window size and the text scale.

All sizes are given for a 1080 px shorter side and scaled with the window's shorter side, so a
1280x800 screen keeps the same proportions as 1920x1080. Content text scales with the patient's
text size (100/150/200 %); the chrome's labels scale half as much so the bar never has to scroll.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QQmlEngine

from kiosk.ui.qml_types import QmlElement, QmlUncreatable
from kiosk.ui.theme_values import COLORS_QML, SIZES_QML, make_values, update_values

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

REFERENCE_SIDE = 1080
FONT_FAMILY = "DejaVu Sans"
MONO_FONT_FAMILY = "DejaVu Sans Mono"  # file paths and field names, where every character counts

# Normal theme: warm paper, dark warm text, deep teal actions (all text pairs >= 4.5:1).
NORMAL: dict[str, str] = {
    "background": "#f7f3ec",
    "surface": "#ffffff",
    "surfaceAlt": "#efe7da",
    "text": "#2a2420",
    "textMuted": "#584c42",
    "heading": "#1d4f4b",
    "accent": "#1f5f5b",
    "textOnAccent": "#ffffff",
    "button": "#ffffff",
    "buttonText": "#2a2420",
    "buttonBorder": "#a89a89",
    "pressed": "#e2d8c8",
    "selected": "#1f5f5b",
    "textOnSelected": "#ffffff",
    "questions": "#fcebc8",
    "questionsBorder": "#c98f2a",
    "disclaimer": "#ece5da",
    "border": "#d3c7b7",
    "scrim": "#b3201a16",
    "dialog": "#ffffff",
    "mapLand": "#ece2cf",
    "mapOtherLand": "#e0d9cc",
    "mapWater": "#a9cfdc",
    "mapRiver": "#6fa6ba",
    "mapLine": "#8a7b6a",
    "mapLabel": "#584c42",
    "marker": "#1f5f5b",
    "textOnMarker": "#ffffff",
    "here": "#a8402a",
    "textOnHere": "#ffffff",
    "attractBlob1": "#e7efe9",
    "attractBlob2": "#f3e6d3",
    "attractBlob3": "#e3ecef",
    "previewBack": "#1d1a17",
    "previewText": "#ffe9a8",
    "qrDark": "#000000",
    "qrLight": "#ffffff",
    # Callouts in page text: "get help right away" and "call your doctor" (kiosk/ui/qml/Callout.qml)
    "emergency": "#fde8e6",
    "emergencyText": "#8f1d14",
    "doctor": "#e6f0f7",
    "doctorText": "#1b4a6e",
    # The paragraph being read aloud (narration): a soft marker under the text
    "reading": "#fff0b8",
    "readingBorder": "#c98f2a",
    # Outside opening hours: dim on black, readable up close, no glow across a dark room
    "closed": "#000000",
    "closedText": "#8c8c8c",
    # The keypad's focus ring (FocusRing.qml): a dark band and a light line inside it, so one of
    # the two stands out (>= 3:1) on every fill and background of the theme.
    "focus": "#0b3d91",
    "focusInner": "#ffffff",
}

# High contrast: black background, white and yellow text (all text pairs >= 7:1).
HIGH_CONTRAST: dict[str, str] = {
    "background": "#000000",
    "surface": "#000000",
    "surfaceAlt": "#000000",
    "text": "#ffffff",
    "textMuted": "#ffffff",
    "heading": "#ffff00",
    "accent": "#ffff00",
    "textOnAccent": "#000000",
    "button": "#000000",
    "buttonText": "#ffffff",
    "buttonBorder": "#ffffff",
    "pressed": "#333333",
    "selected": "#ffff00",
    "textOnSelected": "#000000",
    "questions": "#000000",
    "questionsBorder": "#ffff00",
    "disclaimer": "#000000",
    "border": "#ffffff",
    "scrim": "#e6000000",
    "dialog": "#000000",
    "mapLand": "#000000",
    "mapOtherLand": "#1a1a1a",
    "mapWater": "#003a66",
    "mapRiver": "#4da6ff",
    "mapLine": "#ffffff",
    "mapLabel": "#ffffff",
    "marker": "#ffff00",
    "textOnMarker": "#000000",
    "here": "#ffffff",
    "textOnHere": "#000000",
    "attractBlob1": "#000000",
    "attractBlob2": "#000000",
    "attractBlob3": "#000000",
    "previewBack": "#000000",
    "previewText": "#ffff00",
    "qrDark": "#000000",
    "qrLight": "#ffffff",
    "emergency": "#000000",
    "emergencyText": "#ff8f85",
    "doctor": "#000000",
    "doctorText": "#8fd0ff",
    "reading": "#000000",
    "readingBorder": "#ffff00",
    "closed": "#000000",
    "closedText": "#8c8c8c",
    "focus": "#00ffff",
    "focusInner": "#000000",
}

# Sizes in px at a 1080 px shorter side and 100 % text.
CONTENT_FONTS = {
    "body": 30,
    "heading": 40,
    "title": 54,
    "tileTitle": 32,
    "label": 30,  # buttons inside content
    "greeting": 112,
    "attractHint": 44,
}
CHROME_FONTS = {"chrome": 28}
# The map's labels grow a quarter as fast as content text, up to 150 % (100/112/112 %): larger,
# the towns' pills would touch (the list beside the map has the same names at full size).
MAP_FONTS = {"mapLabel": 28}
SPACING = {
    "target": 72,  # the smallest tappable target
    "gap": 16,  # the smallest space between two targets
    "spacing": 24,  # the space this app uses between targets
    "margin": 40,
    "pad": 20,
    "radius": 18,
    "slop": 24,
}
# Staff mode: sizes from the window only, never the patient's text size.
STAFF_SIZES = {
    "staffSmall": 24,  # text
    "staffBody": 28,
    "staffHeading": 36,
    "staffTitle": 46,
    "staffKeyLabel": 39,  # the PIN pad's digits
    "staffStepLabel": 40,  # the idle time's - and +
    "staffPinLabel": 30,  # the PIN pad's other keys
    "staffKey": 96,  # a PIN key's height, the width of - and +
    "staffPad": 28,  # inside a staff card
    "staffBar": 28,  # the progress bar's height
    "staffDot": 28,  # one typed PIN digit
    "staffDots": 36,  # the row of dots
    "staffValue": 260,  # "300 seconds"
    "staffWhen": 300,  # a log entry's time
    "staffWidth": 1400,  # the panel's widest body
    "scrollBar": 8,
    "scrollBarInset": 6,
    # Opening hours (StaffScheduleSection.qml): a weekday's name, its hours, the picked date
    "staffDayName": 215,
    "staffDayHours": 250,
    "staffPicked": 460,
    # Usage counts (StaffUsageSection.qml): the chart's bars and labels
    "staffChart": 320,  # the bars' height at most
    "staffChartDense": 18,  # a number or date under thirty bars
    "staffChartRoom": 8,  # above the tallest bar's number
    "staffChartLabels": 6,  # between the baseline and the dates
    "staffChartGap": 4,  # between a bar and its number; the thinnest bar
    "staffCountGap": 12,  # between a page's name and its count
}
TEXT_SCALES: tuple[float, ...] = (1.0, 1.5, 2.0)


def chrome_scale(text_scale: float) -> float:
    """The chrome's labels grow half as fast as content text: 100/125/150 %."""
    return 1.0 + (text_scale - 1.0) / 2.0


@QmlElement
@QmlUncreatable("made by the app")
class Theme(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._width = 1920
        self._height = 1080
        self._text_scale = 1.0
        self._high_contrast = False
        self._slop_reference = SPACING["slop"]
        self._color_values: QObject | None = None  # made by attach()
        self._size_values: QObject | None = None
        self.changed.connect(self._refresh)

    def attach(self, engine: QQmlEngine) -> None:
        """Makes the colour and size objects QML reads (kiosk/ui/theme_values.py) in `engine`;
        called before the first view that binds the theme loads."""
        if self._color_values is None:
            self._color_values = make_values(engine, COLORS_QML, self.color_values(), self)
            self._size_values = make_values(engine, SIZES_QML, self.size_values(), self)

    @Slot()
    def _refresh(self) -> None:
        if self._color_values is not None and self._size_values is not None:
            update_values(self._color_values, self.color_values())
            update_values(self._size_values, self.size_values())

    # -- inputs ------------------------------------------------------------------------------
    @Slot(int, int)
    def setWindowSize(self, width: int, height: int) -> None:
        if width <= 0 or height <= 0 or (width, height) == (self._width, self._height):
            return
        self._width, self._height = width, height
        self.changed.emit()

    def set_text_scale(self, scale: float) -> None:
        if scale != self._text_scale:
            self._text_scale = scale
            self.changed.emit()

    def set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.changed.emit()

    def set_slop_reference(self, px: int) -> None:
        self._slop_reference = px
        self.changed.emit()

    # -- derived -----------------------------------------------------------------------------
    def _unit(self) -> float:
        return min(self._width, self._height) / REFERENCE_SIDE

    def _landscape(self) -> bool:
        return self._width > self._height

    def color_values(self) -> dict[str, str]:
        return dict(HIGH_CONTRAST if self._high_contrast else NORMAL)

    def size_values(self) -> dict[str, Any]:
        unit = self._unit()
        out: dict[str, Any] = {}
        for name, px in CONTENT_FONTS.items():
            out[name] = round(px * unit * self._text_scale)
        for name, px in CHROME_FONTS.items():
            out[name] = round(px * unit * chrome_scale(self._text_scale))
            out[name + "Base"] = round(px * unit)
            out[name + "Max"] = round(px * unit * chrome_scale(TEXT_SCALES[-1]))
        for name, px in MAP_FONTS.items():
            out[name] = round(px * unit * (1.0 + (min(self._text_scale, 1.5) - 1.0) / 4.0))
        for name, px in SPACING.items():
            # Targets and gaps round up, so they are never below the minimum.
            out[name] = (
                math.ceil(px * unit) if name in ("target", "gap", "spacing") else round(px * unit)
            )
        for name, px in STAFF_SIZES.items():
            out[name] = round(px * unit)
        out["staffDotBorder"] = max(2, round(3 * unit))
        out.update(self._lines())
        out["dialogWidth"] = 1100 * unit  # the idle dialog at its widest (not rounded: centred)
        out["qrMax"] = round(560 * unit)  # a location's QR code at its largest
        out["pageScrollBar"] = max(8, round(10 * unit))  # a page's position bar
        out["pageScrollBarInset"] = 4
        out["mapRoad"] = max(3.0, 5 * unit)  # the map's coast and river lines
        out["previewSummary"] = round(30 * unit)  # the preview overlay's text
        out["previewLine"] = round(26 * unit)
        out["chartLine"] = 2  # the usage chart's baseline and a "fewer than 5" bar's outline
        # The note on what the kiosk counts (PrivacyNote.qml) grows with text up to 150 %.
        out["privacyNote"] = round(24 * unit * min(self._text_scale, 1.5))
        out["privacyGap"] = round(4 * unit)
        out["slop"] = round(self._slop_reference * unit)
        # The keypad's focus ring, inside a target's edge (no clip cuts it, it moves nothing).
        out["focusRing"] = max(5, round(8 * unit))
        out["focusRingInner"] = max(2, round(3 * unit))
        out["textWidth"] = round(1150 * unit * min(self._text_scale, 1.5))  # line length
        out["tileMin"] = round(300 * unit * (1 + (self._text_scale - 1) * 0.4))
        return out

    def _lines(self) -> dict[str, int]:
        """Border and rule widths: lines stay crisp (not scaled), thicker in high contrast."""
        hc = self._high_contrast
        return {
            "border": 3 if hc else 2,  # buttons, tiles, the rules along the bars, the map's frame
            "dialogBorder": 4 if hc else 0,
            "panelBorder": 2 if hc else 0,  # a page's sections and its disclaimer
            "questionsBorder": 4,  # a page's "questions to ask" box, in both themes
            "qrBorder": 4 if hc else 2,  # the light frame round a QR code
            "calloutBorder": 9 if hc else 4,  # the emergency and call-your-doctor boxes
            "hairline": 1,
        }

    def _get_unit(self) -> float:
        return self._unit()

    def _get_scale(self) -> float:
        return self._text_scale

    def _get_hc(self) -> bool:
        return self._high_contrast

    def _get_landscape(self) -> bool:
        return self._landscape()

    def _get_family(self) -> str:
        return FONT_FAMILY

    def _get_mono_family(self) -> str:
        return MONO_FONT_FAMILY

    def slop(self) -> int:
        return int(self.size_values()["slop"])

    def size(self, name: str) -> int:
        return int(self.size_values()[name])

    def _get_color_values(self) -> QObject | None:
        return self._color_values

    def _get_size_values(self) -> QObject | None:
        return self._size_values

    unit = Property(float, _get_unit, notify=changed)
    textScale = Property(float, _get_scale, notify=changed)
    highContrast = Property(bool, _get_hc, notify=changed)
    landscape = Property(bool, _get_landscape, notify=changed)
    fontFamily = Property(str, _get_family, constant=True)
    monoFontFamily = Property(str, _get_mono_family, constant=True)
    # qmllint is told these are ThemeColors and ThemeSizes, with every name (scripts/qmllint).
    colors = Property(QObject, _get_color_values, constant=True)
    sizes = Property(QObject, _get_size_values, constant=True)

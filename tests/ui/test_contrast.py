"""Contrast: every Text against the background it is drawn on, in both themes (WCAG 2.x
relative luminance): at least 4.5:1 in the normal theme and 7:1 in high contrast."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.patient.ui_settings import UiSettings
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL
from tests.ui.conftest import KioskFactory
from tests.ui.screens import texts, visit

HERE = UiSettings(location_id="maywood", idle_seconds=3600)


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def background(item: QQuickItem, window_color: QColor) -> QColor:
    """The colour a Text is drawn on: its nearest opaque Rectangle ancestor, else the window."""
    parent = item.parentItem()
    while parent is not None:
        if parent.inherits("QQuickRectangle"):
            color = parent.property("color")
            if isinstance(color, QColor) and color.alphaF() >= 0.99:
                return color
        parent = parent.parentItem()
    return window_color


# Text colour on background colour, as the QML uses them.
PAIRS = [
    ("text", "background"),
    ("textMuted", "background"),
    ("heading", "background"),
    ("text", "surface"),
    ("textMuted", "surface"),
    ("heading", "surface"),
    ("buttonText", "button"),
    ("textMuted", "button"),  # a disabled button's label stays readable
    ("textOnAccent", "accent"),
    ("textOnSelected", "selected"),
    ("text", "questions"),
    ("heading", "questions"),
    ("text", "disclaimer"),
    ("text", "pressed"),
    ("textOnHere", "here"),
    ("textOnMarker", "marker"),
    ("mapLabel", "mapLand"),
    ("mapLabel", "mapOtherLand"),
    ("heading", "dialog"),
    ("text", "dialog"),
    ("previewText", "previewBack"),
    ("qrDark", "qrLight"),
]


@pytest.mark.parametrize(("palette", "minimum"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)])
def test_palette_pairs(palette: dict[str, str], minimum: float) -> None:
    low = {
        f"{fg} on {bg}": round(ratio(QColor(palette[fg]), QColor(palette[bg])), 2)
        for fg, bg in PAIRS
        if ratio(QColor(palette[fg]), QColor(palette[bg])) < minimum
    }
    assert not low


@pytest.mark.parametrize(("high_contrast", "minimum"), [(False, 4.5), (True, 7.0)])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_text_on_every_screen(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    size: tuple[int, int],
    high_contrast: bool,
    minimum: float,
) -> None:
    kiosk = make_kiosk(size=size, settings=HERE)
    problems = []
    seen = 0
    for screen in visit(qtbot, kiosk, high_contrast=high_contrast):
        window_color = kiosk.window.color()
        for text in texts(screen.root):
            color = text.property("color")
            assert isinstance(color, QColor)
            back = background(text, window_color)
            seen += 1
            value = ratio(color, back)
            if value < minimum:
                problems.append(
                    f"{screen.name}/{screen.language}: {str(text.property('text'))[:30]!r} "
                    f"{color.name()} on {back.name()} is {value:.2f}:1"
                )
    assert seen > 200
    assert not problems, "\n".join(problems)

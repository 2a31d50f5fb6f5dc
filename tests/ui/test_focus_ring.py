"""The keypad's focus ring: on every control of every screen it shows whole, in the window,
uncut and uncovered (checked on the rendered frame), at 200 % text in portrait and in high
contrast on the small screen; and its two tones stand out on everything a control can be."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import HIGH_CONTRAST, NORMAL
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import find_item
from tests.ui.screens import clip_rect, qml, visit
from tests.ui.test_contrast import ratio
from tests.ui.test_keypad import press, reachable

Key = Qt.Key

# Every fill a control or what is around it can have.
FILLS = ("background", "surface", "button", "accent", "selected", "here", "pressed", "dialog")


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_the_ring_stands_out_on_every_fill(palette: dict[str, str]) -> None:
    focus, inner = QColor(palette["focus"]), QColor(palette["focusInner"])
    assert ratio(focus, inner) >= 7.0
    for fill in FILLS:
        best = max(ratio(focus, QColor(palette[fill])), ratio(inner, QColor(palette[fill])))
        assert best >= 4.5, fill


def ring_samples(ring: QQuickItem) -> list[QPointF]:
    """A point in the middle of the ring's outer band on each of its four sides."""
    band = float(qml(ring, "border.width"))  # type: ignore[arg-type]
    rect = ring.mapRectToScene(QRectF(0, 0, ring.width(), ring.height()))
    mid_x, mid_y, half = rect.center().x(), rect.center().y(), band / 2
    return [
        QPointF(mid_x, rect.top() + half),
        QPointF(mid_x, rect.bottom() - half),
        QPointF(rect.left() + half, mid_y),
        QPointF(rect.right() - half, mid_y),
    ]


def assert_ring_shows(ring: QQuickItem, frame: QImage, window: QRectF, colour: str) -> None:
    name = ring.parentItem().objectName()
    assert ring.isVisible(), name
    assert float(qml(ring, "border.width"))  # type: ignore[arg-type] >= 4, name
    rect = ring.mapRectToScene(QRectF(0, 0, ring.width(), ring.height()))
    assert clip_rect(ring, window).contains(rect), f"{name} is cut at {rect}"
    for point in ring_samples(ring):
        seen = frame.pixelColor(point.toPoint()).name()
        assert seen == colour, f"{name}: {seen} at {point}, not the ring's {colour}"


@pytest.mark.parametrize(
    ("size", "step", "high_contrast"), [((1080, 1920), 2, False), ((1280, 800), 0, True)],
    ids=["portrait-200", "small-high-contrast"],
)  # fmt: skip
def test_the_ring_shows_whole_on_every_control(
    qtbot: QtBot, make_kiosk: KioskFactory, size: tuple[int, int], step: int, high_contrast: bool
) -> None:
    kiosk = make_kiosk(size=size)
    colour = (HIGH_CONTRAST if high_contrast else NORMAL)["focus"]
    for screen in visit(qtbot, kiosk, step=step, high_contrast=high_contrast):
        layout_before = [
            (item.objectName(), item.width(), item.height()) for item in reachable(screen.root)
        ]
        for _ in layout_before:
            focused = press(kiosk, Key.Key_Down)
            assert focused is not None, screen.name
            ring = find_item(focused, "focusRing")
            assert ring is not None, focused.objectName()
            assert_ring_shows(ring, kiosk.window.grabWindow(), screen.window, colour)
        # The ring moved nothing: every control kept its size.
        after = [(i.objectName(), i.width(), i.height()) for i in reachable(screen.root)]
        assert after == layout_before, screen.name

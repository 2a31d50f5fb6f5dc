"""Every screen of the app, for the tests that walk the item tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtQml import QQmlContext, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.screenshots import SCREENS, goto
from kiosk.app.wiring import Kiosk
from tests.ui.helpers import find_item, scene_rect, settle, walk

LAYOUTS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1280, 800)}


@dataclass
class Screen:
    name: str
    language: str
    root: QQuickItem  # what a patient can see and touch now (the dialog when it is up)
    window: QRectF
    window_root: QQuickItem  # everything drawn in the window


def visit(
    qtbot: QtBot, kiosk: Kiosk, *, step: int = 0, high_contrast: bool = False
) -> Iterator[Screen]:
    """Shows every screen in every language, at one text size and theme."""
    kiosk.window.setProperty("transitionDuration", 0)
    for language in kiosk.state.bundle.languages:
        for name in SCREENS:
            kiosk.idle.stop()
            kiosk.state.reset()
            kiosk.state.setLanguage(language)
            kiosk.state.setTextStep(step)
            kiosk.state.setHighContrast(high_contrast)
            goto(kiosk, name)
            settle(qtbot, kiosk)
            kiosk.window.grabWindow()  # a frame: every pending layout is done
            content = kiosk.window.contentItem()
            root = content
            for layer in ("idleDialog", "attractScreen"):
                item = find_item(content, layer)
                if item is not None and item.isVisible():
                    root = item
                    break
            window = QRectF(0, 0, kiosk.window.width(), kiosk.window.height())
            yield Screen(name, language, root, window, content)
    kiosk.idle.stop()


def clip_rect(item: QQuickItem, window: QRectF) -> QRectF:
    """The part of the window where `item` can show: inside every clipping ancestor. (The
    window comes from the caller: the wrapper PySide 6.12 makes for item.window() deletes the
    window when it is garbage-collected.)"""
    rect = QRectF(window)
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
        parent = parent.parentItem()
    return rect


def clip_root(item: QQuickItem) -> QQuickItem | None:
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            return parent
        parent = parent.parentItem()
    return None


def in_flickable(item: QQuickItem) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if parent.inherits("QQuickFlickable"):
            return True
        parent = parent.parentItem()
    return False


def targets(root: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(root) if i.property("kioskTarget") is True]


def texts(root: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(root) if i.inherits("QQuickText") and str(i.property("text")).strip()]


def qml(item: QQuickItem, expression: str) -> object:
    """A property QML knows but PySide cannot convert (enums), evaluated in the item's scope,
    in a context of our own (so nothing of the app's is owned by a Python wrapper)."""
    engine = qmlEngine(item)
    assert engine is not None
    context = QQmlContext(engine.rootContext())  # ours: deleted with its wrapper, harmlessly
    value, _undefined = QQmlExpression(context, item, expression).evaluate()
    return value


def painted_rect(text: QQuickItem) -> QRectF:
    """Where a Text's glyphs are, in scene coordinates (alignment included)."""
    width, height = text.width(), text.height()
    content_w = float(text.property("contentWidth"))
    content_h = float(text.property("contentHeight"))
    align = int(qml(text, "effectiveHorizontalAlignment"))  # type: ignore[call-overload]
    if align & 0x4:  # AlignHCenter
        x = (width - content_w) / 2
    elif align & 0x2:  # AlignRight
        x = width - content_w
    else:
        x = 0.0
    return text.mapRectToScene(QRectF(x, 0, content_w, min(content_h, max(height, content_h))))


def gap_between(a: QRectF, b: QRectF) -> float:
    """The distance between two rectangles (0 when they touch or overlap)."""
    dx = max(b.left() - a.right(), a.left() - b.right(), 0.0)
    dy = max(b.top() - a.bottom(), a.top() - b.bottom(), 0.0)
    if dx > 0 and dy > 0:
        return float((dx * dx + dy * dy) ** 0.5)
    return float(max(dx, dy))


def paint_order(item: QQuickItem) -> Iterator[QQuickItem]:
    """Every visible item under `item` in the order Qt Quick paints them (children by z, then
    in stacking order; below-zero z under their parent)."""
    if not item.isVisible() or item.opacity() == 0:
        return
    children = sorted(item.childItems(), key=lambda child: child.z())
    for child in children:
        if child.z() < 0:
            yield from paint_order(child)
    yield item
    for child in children:
        if child.z() >= 0:
            yield from paint_order(child)


def paints_over(item: QQuickItem) -> bool:
    """Whether an item hides what is under it: a filled rectangle, an image, some text."""
    if item.inherits("QQuickRectangle"):
        return bool(item.property("color").alpha() > 0)
    if item.inherits("QQuickImage"):
        return bool(item.property("source").toString())
    if item.inherits("QQuickText"):
        return bool(str(item.property("text")).strip())
    return False

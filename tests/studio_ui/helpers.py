"""Driving the real studio window: find items by objectName, click them, type into them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp
from tests.ui.helpers import find_item


def find(studio: StudioApp, name: str) -> QQuickItem:
    found = find_item(studio.window.contentItem(), name)
    assert found is not None, f"no item {name!r} in the studio window"
    return found


def click(qtbot: QtBot, studio: StudioApp, name: str) -> QQuickItem:
    """A mouse click at the centre of the item called `name` (scrolled into view first)."""
    item = find(studio, name)
    _scroll_to(item)
    qtbot.waitUntil(lambda: _on_screen(studio, item), timeout=3000)
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(
        studio.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    return item


def type_into(qtbot: QtBot, studio: StudioApp, name: str, text: str) -> QQuickItem:
    """Clicks into the field called `name` and types `text` key by key, as staff would."""
    field = click(qtbot, studio, name)
    qtbot.waitUntil(lambda: field.hasActiveFocus(), timeout=3000)
    type_text(studio, text)
    return field


def type_text(studio: StudioApp, text: str) -> None:
    """Key presses and releases through the window, one per character (accents included)."""
    type_in_window(studio.window, text)


def type_in_window(window: QWindow, text: str) -> None:
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QGuiApplication.sendEvent(window, event)


def select_all_and_delete(studio: StudioApp) -> None:
    QTest.keyClick(studio.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(studio.window, Qt.Key.Key_Delete)


def _scroll_to(item: QQuickItem) -> None:
    """Scrolls the form so that `item` shows (the form is a ScrollView: its Flickable)."""
    parent = item.parentItem()
    while parent is not None and not parent.inherits("QQuickFlickable"):
        parent = parent.parentItem()
    if parent is None:
        return
    content = parent.property("contentItem")
    y = item.mapToItem(content, QPointF(0, 0)).y()
    top = parent.property("contentY")
    if not top <= y <= top + parent.height() - item.height():
        most = max(0.0, parent.property("contentHeight") - parent.height())
        parent.setProperty("contentY", max(0.0, min(y - 40, most)))


def _on_screen(studio: StudioApp, item: QQuickItem) -> bool:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return (
        item.isVisible()
        and 0 <= point.x() < studio.window.width()
        and 0 <= point.y() < (studio.window.height())
    )

"""Driving the real QML window: find items by objectName, tap their centre, wait on signals."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk


class FakeClock:
    """The tap guard's and staff corner's time: tests move it on explicitly."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def stack(kiosk: Kiosk) -> QQuickItem:
    found = kiosk.window.findChild(QQuickItem, "stack")
    assert found is not None
    return found


def page(kiosk: Kiosk) -> QQuickItem:
    current = stack(kiosk).property("currentItem")
    assert isinstance(current, QQuickItem)
    return current


def find_item(root: QQuickItem | None, name: str) -> QQuickItem | None:
    """The first item called `name` in the visual tree under `root` (Repeater delegates are
    not QObject children, so findChild misses them)."""
    if not isinstance(root, QQuickItem):
        return None  # None, or a stale wrapper (test_stale_wrappers.py)
    if root.objectName() == name:
        return root
    for child in root.childItems():
        found = find_item(child, name)
        if found is not None:
            return found
    return None


def find(kiosk: Kiosk, name: str, *, in_page: bool = False) -> QQuickItem:
    """The item called `name`: in the current page first (pages being replaced can hold
    items of the same name), else anywhere in the window."""
    current = stack(kiosk).property("currentItem")
    found = find_item(current, name) if isinstance(current, QQuickItem) else None
    if found is None and not in_page:
        found = find_item(kiosk.window.contentItem(), name)
    assert found is not None, f"no item {name!r}; {what_the_window_holds(kiosk, name)}"
    return found


def what_the_window_holds(kiosk: Kiosk, name: str) -> str:
    """For a failed lookup: the chrome bar's state, the current page, every visual child the
    walk could not enter (named by its wrapper's type only: the repr of a stale wrapper reads
    freed memory) and what Qt's own QObject search finds under `name`."""
    chrome = kiosk.window.findChild(QObject, "chromeLoader")
    loader = (
        f"chrome loader active={chrome.property('active')} item={chrome.property('item')!r}"
        if chrome is not None
        else "no chrome loader"
    )
    odd: list[str] = []

    def visit(item: QQuickItem) -> None:
        for child in item.childItems():
            if isinstance(child, QQuickItem):
                visit(child)
            else:
                odd.append(f"a {type(child).__name__} under {item.objectName() or repr(item)}")

    visit(kiosk.window.contentItem())
    objects = [type(o).__name__ for o in kiosk.window.findChildren(QObject, name)]
    current = stack(kiosk).property("currentItem")
    page_name = current.objectName() if isinstance(current, QQuickItem) else repr(current)
    return f"{loader}; page {page_name!r}; not entered: {odd}; QObject search: {objects}"


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def centre(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def tap(kiosk: Kiosk, item: QQuickItem, clock: FakeClock | None = None, wait: float = 1.0) -> None:
    """A tap (press and release) at the centre of `item`, on the real window. The fake clock
    moves on first, so the tap guard sees a deliberate tap, not a tremor."""
    assert item.isVisible(), f"{item.objectName()} is not visible"
    flick = flickable_of(item)
    if flick is not None and not scene_rect(flick).contains(QPointF(centre(item))):
        scroll_into_view(item)  # as the patient would scroll to it first
    point = centre(item)
    window_rect = QRectF(0, 0, kiosk.window.width(), kiosk.window.height())
    assert window_rect.contains(QPointF(point)), f"{item.objectName()} is off screen at {point}"
    if clock is not None:
        clock.advance(wait)
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def settle(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Waits until the StackView's transition is over."""

    def idle() -> None:
        assert not stack(kiosk).property("busy")

    qtbot.waitUntil(idle, timeout=3000)


def go(qtbot: QtBot, kiosk: Kiosk, item: QQuickItem, clock: FakeClock) -> None:
    """Taps `item` and waits for the page change it causes."""
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        tap(kiosk, item, clock)
    settle(qtbot, kiosk)


def flickable_of(item: QQuickItem) -> QQuickItem | None:
    parent = item.parentItem()
    while parent is not None:
        if parent.inherits("QQuickFlickable"):
            return parent
        parent = parent.parentItem()
    return None


def scroll_into_view(item: QQuickItem) -> None:
    """Scrolls the Flickable around `item` so that all of it shows."""
    flick = flickable_of(item)
    if flick is None:
        return
    content = flick.property("contentItem")
    assert isinstance(content, QQuickItem)
    top = item.mapToItem(content, QPointF(0, 0)).y()
    max_y = max(0.0, float(flick.property("contentHeight")) - flick.height())
    target = min(max(0.0, top - (flick.height() - item.height()) / 2), max_y)
    flick.setProperty("contentY", target)


def walk(root: QQuickItem) -> Iterator[QQuickItem]:
    """Every visible item under `root`, itself included."""
    if not root.isVisible() or root.opacity() == 0:
        return
    yield root
    for child in root.childItems():
        if isinstance(child, QQuickItem):  # None, or a stale wrapper (test_stale_wrappers.py)
            yield from walk(child)


def visible_texts(root: QQuickItem) -> list[str]:
    return [
        str(item.property("text"))
        for item in walk(root)
        if item.inherits("QQuickText") and item.property("text")
    ]


def close_kiosks(kiosks: list[Kiosk]) -> None:
    """Tears down every kiosk a test built, then fails the test on any QML warning they had."""
    for kiosk in kiosks:
        warnings = list(kiosk.qml_warnings)
        kiosk.close()
        assert not warnings, warnings


def tap_at(kiosk: Kiosk, point: QPoint, clock: FakeClock | None = None, wait: float = 1.0) -> None:
    """A tap at a window point, whatever is there (the fake clock moves on first)."""
    if clock is not None:
        clock.advance(wait)
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def press_and_lift(kiosk: Kiosk, press: QPoint, lift: QPoint) -> None:
    """A press at `press`, a move to `lift` and a release there: a finger that slid a little."""
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(kiosk.window, button, none, press)
    QTest.mouseMove(kiosk.window, lift)
    QTest.mouseRelease(kiosk.window, button, none, lift)

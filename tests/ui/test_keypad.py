"""The keypad path (issue 13): every control of every screen in reading order, Enter does what a
tap does, Back, Help, the idle dialog keeps the focus, a touch hides it again."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.screenshots import SCREENS, goto
from kiosk.app.wiring import Kiosk
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, find_item, flickable_of, settle, tap
from tests.ui.screens import targets, visit

Key = Qt.Key


def press(kiosk: Kiosk, key: Key) -> QQuickItem | None:
    """One key on the real window; the control that has the focus after it."""
    QTest.keyClick(kiosk.window, key)
    focused = kiosk.window.activeFocusItem()
    return focused if focused is not None and focused.activeFocusOnTab() else None


def spoken_parts(item: QQuickItem | None) -> list[str]:
    assert item is not None
    return [str(part) for part in item.property("spokenParts")]


def names(items: list[QQuickItem | None]) -> list[str]:
    return [item.objectName() if item is not None else "-" for item in items]


def reachable(root: QQuickItem) -> list[QQuickItem]:
    """What a patient can tap on the layer on top, in the order of the item tree; but "More
    below", which the keypad does not need: the focus scrolls the list (its cue goes away as the
    focus reaches the end of the list)."""
    return [
        item
        for item in targets(root)
        if item.isEnabled() and not item.objectName().startswith("moreBelow")
    ]


def rect_in(item: QQuickItem, flick: QQuickItem) -> QRectF:
    content = flick.property("contentItem")
    assert isinstance(content, QQuickItem)
    return item.mapRectToItem(content, QRectF(0, 0, item.width(), item.height()))


def assert_reading_order(items: list[QQuickItem]) -> None:
    """Within each scrolling list and within the chrome bar: top to bottom, and left to right
    along a row (where the position does not scroll away)."""
    groups: dict[int, list[tuple[str, QRectF]]] = {}
    for item in items:
        flick = flickable_of(item)
        if flick is not None:
            groups.setdefault(id(flick), []).append((item.objectName(), rect_in(item, flick)))
    for group in groups.values():
        for (a, ra), (b, rb) in itertools.pairwise(group):
            same_row = abs(ra.top() - rb.top()) <= 1
            assert rb.top() > ra.top() + 1 or (same_row and rb.left() > ra.left()), (a, b)


@pytest.mark.parametrize(
    ("size", "step"), [((1920, 1080), 0), ((1080, 1920), 2), ((1280, 800), 1)],
    ids=["landscape", "portrait-200", "small-150"],
)  # fmt: skip
def test_a_walk_reaches_every_control_in_reading_order(
    qtbot: QtBot, make_kiosk: KioskFactory, size: tuple[int, int], step: int
) -> None:
    kiosk = make_kiosk(size=size)
    spoken: list[list[str]] = []
    assert kiosk.keypad is not None
    kiosk.keypad.announce.connect(spoken.append)
    for screen in visit(qtbot, kiosk, step=step):
        expected = reachable(screen.root)
        assert expected, screen.name
        first = press(kiosk, Key.Key_Down)  # from nothing: the page's first control
        walked = [first] + [press(kiosk, Key.Key_Down) for _ in expected]
        where = f"{screen.name} {screen.language}"
        assert walked[-1] is first, (where, "|".join(names(walked)), "|".join(names(expected)))
        assert sorted(names(walked[:-1])) == sorted(names(expected)), where
        start = expected.index(first)  # type: ignore[arg-type]
        assert names(walked[:-1]) == names(expected[start:] + expected[:start]), where
        assert_reading_order(expected)
        # Every control was heard as it was reached: the strings it shows (its name, which a
        # screen reader gets too, or the shown parts the name is made of).
        heard = spoken[-len(expected) :]
        assert heard == [spoken_parts(item) for item in walked[1:]], where
        for item, said in zip(walked[1:], heard, strict=True):
            assert said and all(said), item.objectName()  # type: ignore[union-attr]
            name = str(item.property("accessibleName"))  # type: ignore[union-attr]
            assert said == [name] or all(part in name for part in said), name
        # Up walks the same ring backwards.
        back = [press(kiosk, Key.Key_Up) for _ in expected]
        assert names(back) == names(list(reversed(walked[:-1]))), where


FLICKS = ("homeFlick", "pageFlick", "locationList", "locationFlick")


def state_of(kiosk: Kiosk) -> tuple[object, ...]:
    return kiosk.state.snapshot(), kiosk.idle.property("warningVisible")


def flick_of_page(kiosk: Kiosk) -> QQuickItem | None:
    current = find(kiosk, "stack").property("currentItem")
    for name in FLICKS:
        found = find_item(current, name) if isinstance(current, QQuickItem) else None
        if found is not None:
            return found
    return None


def scroll_of(kiosk: Kiosk) -> float:
    """Where the current page is scrolled to (0 for a page that does not scroll)."""
    flick = flick_of_page(kiosk)
    return float(flick.property("contentY")) if flick is not None else 0.0


def top_layer(kiosk: Kiosk) -> QQuickItem:
    content = kiosk.window.contentItem()
    for name in ("idleDialog", "attractScreen"):
        layer = find_item(content, name)
        if layer is not None and layer.isVisible():
            return layer
    return content


def focus_on(kiosk: Kiosk, name: str) -> QQuickItem:
    """Walks the keypad to the control called `name`."""
    for _ in range(200):
        item = press(kiosk, Key.Key_Down)
        if item is not None and item.objectName() == name:
            return item
    raise AssertionError(f"the keypad never reached {name}")


@pytest.mark.parametrize("screen", [s for s in SCREENS if s != "treatment"])
def test_enter_does_what_a_tap_does(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, screen: str
) -> None:
    keys, taps = make_kiosk(), make_kiosk()
    for kiosk in (keys, taps):
        kiosk.window.setProperty("transitionDuration", 0)
    keys.window.requestActivate()  # the keypad's window has the keyboard
    qtbot.waitUntil(keys.window.isActive, timeout=3000)
    goto(keys, screen)
    settle(qtbot, keys)
    controls = names(reachable(top_layer(keys)))
    for name in controls:
        for kiosk in (keys, taps):
            kiosk.idle.stop()
            kiosk.state.reset()
            goto(kiosk, screen)
            settle(qtbot, kiosk)
        focus_on(keys, name)
        flick = flick_of_page(taps)
        if flick is not None:  # the patient who taps has scrolled as far
            flick.setProperty("contentY", scroll_of(keys))
        before = scroll_of(keys), scroll_of(taps)
        accepted: list[str] = []
        keys.guard.accepted.connect(accepted.append)
        clock.advance(1.0)
        press(keys, Key.Key_Return)
        tap(taps, find(taps, name), clock)
        keys.guard.accepted.disconnect(accepted.append)
        assert accepted == [name], name  # through the tap guard, as a tap

        qtbot.waitUntil(lambda n=name, b=before: same_outcome(keys, taps, n, b), timeout=3000)


def same_outcome(keys: Kiosk, taps: Kiosk, name: str, before: tuple[float, float]) -> None:
    assert state_of(keys) == state_of(taps), name
    moved = scroll_of(keys) != before[0], scroll_of(taps) != before[1]
    assert moved[0] == moved[1], name

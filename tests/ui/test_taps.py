"""Tremor-tolerant touch: release not press, 600 ms debounce, 24 px slop, no long press."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.patient.staff_corner import StaffHook
from kiosk.ui.taps import TapGuard
from tests.ui.helpers import FakeClock, centre, find, go, settle, tap

_touchscreen: list[QPointingDevice] = []


def touchscreen() -> QPointingDevice:
    if not _touchscreen:
        _touchscreen.append(QTest.createTouchDevice())
    return _touchscreen[0]


def started(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.state.start()
    settle(qtbot, kiosk)


# -- the guard on its own -----------------------------------------------------------------------
def test_guard_drops_a_second_activation_of_the_same_target_within_600_ms(
    clock: FakeClock,
) -> None:
    guard = TapGuard(600, clock)
    assert guard.accept("a")
    clock.advance(0.3)
    assert not guard.accept("a")
    assert guard.accept("b")  # another target is fine
    clock.advance(0.61)
    assert guard.accept("a")


def test_guard_drops_every_activation_just_after_a_page_change(clock: FakeClock) -> None:
    guard = TapGuard(600, clock)
    assert guard.accept("tile")
    guard.note_navigation()
    clock.advance(0.2)
    assert not guard.accept("nextButton")  # the shaky second tap lands on the new page
    clock.advance(0.5)
    assert guard.accept("nextButton")


def test_staff_corner_needs_five_taps_within_three_seconds(clock: FakeClock) -> None:
    hook = StaffHook(clock)
    seen: list[bool] = []
    hook.staffRequested.connect(lambda: seen.append(True))
    for _ in range(5):
        hook.tap()
        clock.advance(0.8)  # 5 taps over 3.2 s: too slow
    assert not seen
    for _ in range(5):
        hook.tap()
        clock.advance(0.5)
    assert seen == [True]


# -- on the real window -------------------------------------------------------------------------
def test_tap_storm_opens_the_page_once(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    """Five taps within 300 ms on one tile: one page opens, nothing else happens."""
    started(qtbot, kiosk)
    point = centre(find(kiosk, "tile-surgery"))
    clock.advance(1)
    navigations: list[str] = []
    accepted: list[str] = []
    kiosk.state.navigated.connect(lambda op, route: navigations.append(route["id"]))
    kiosk.guard.accepted.connect(accepted.append)
    taps: list[int] = []

    def one_tap() -> None:
        clock.advance(0.06)
        QTest.mouseClick(
            kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
        taps.append(1)
        if len(taps) == 5:
            timer.stop()

    timer = QTimer(interval=60)  # real time too: 5 taps in 300 ms while the page slides in
    timer.timeout.connect(one_tap)
    one_tap()
    timer.start()
    qtbot.waitUntil(lambda: len(taps) == 5, timeout=3000)
    settle(qtbot, kiosk)
    assert navigations == ["surgery"]
    assert accepted == ["tile-surgery"]
    assert kiosk.state.stack[-1] == {"screen": "page", "id": "surgery"}


def test_acts_on_release_not_press(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    started(qtbot, kiosk)
    point = centre(find(kiosk, "contrastButton"))
    clock.advance(1)
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert not kiosk.state.highContrast
    QTest.mouseRelease(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    assert kiosk.state.highContrast


def test_a_double_tap_toggles_once(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    started(qtbot, kiosk)
    button = find(kiosk, "contrastButton")
    tap(kiosk, button, clock)
    tap(kiosk, button, clock, wait=0.25)  # tremor: the same target again, 250 ms later
    assert kiosk.state.highContrast
    tap(kiosk, button, clock, wait=0.7)  # a deliberate second tap
    assert not kiosk.state.highContrast


def test_a_long_hold_is_still_a_tap(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    started(qtbot, kiosk)
    point = centre(find(kiosk, "contrastButton"))
    clock.advance(1)
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    hold = QTimer(singleShot=True, interval=1200)  # longer than any long-press threshold
    with qtbot.waitSignal(hold.timeout, timeout=3000):
        hold.start()
    QTest.mouseRelease(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    assert kiosk.state.highContrast


def touch_drag(qtbot: QtBot, kiosk: Kiosk, start: QPoint, offset: QPoint, steps: int = 6) -> None:
    """A finger put down at `start`, moved by `offset` in `steps` frames (16 ms apart, in real
    time, as a finger would), then lifted."""
    device = touchscreen()
    QTest.touchEvent(kiosk.window, device).press(0, start, kiosk.window).commit()
    done: list[int] = []

    def move() -> None:
        step = len(done) + 1
        point = start + QPoint(offset.x() * step // steps, offset.y() * step // steps)
        QTest.touchEvent(kiosk.window, device).move(0, point, kiosk.window).commit()
        done.append(step)
        if step == steps:
            timer.stop()
            QTest.touchEvent(kiosk.window, device).release(0, point, kiosk.window).commit()

    timer = QTimer(interval=16)
    timer.timeout.connect(move)
    timer.start()
    qtbot.waitUntil(lambda: len(done) == steps, timeout=5000)


def test_a_touch_that_wanders_within_24_px_is_a_tap(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    started(qtbot, kiosk)
    tile = find(kiosk, "tile-medications")
    clock.advance(1)
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        touch_drag(qtbot, kiosk, centre(tile), QPoint(14, 18))  # 22.8 px, shaky but a tap
    settle(qtbot, kiosk)
    assert kiosk.state.routeId == "medications"


def test_a_touch_that_wanders_further_scrolls_instead(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-medications"), clock)
    flick = find(kiosk, "pageFlick", in_page=True)
    clock.advance(1)
    touch_drag(qtbot, kiosk, centre(flick), QPoint(0, -160), steps=10)
    qtbot.waitUntil(lambda: flick.property("contentY") > 40)
    assert kiosk.state.routeId == "medications"  # no tap happened


def test_a_sideways_swipe_turns_the_page(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    start = centre(find(kiosk, "pageSummary", in_page=True))
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        touch_drag(qtbot, kiosk, start, QPoint(-kiosk.window.width() // 3, 20), steps=12)
    settle(qtbot, kiosk)
    assert kiosk.state.routeId == "surgery"
    start = centre(find(kiosk, "pageSummary", in_page=True))
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        touch_drag(qtbot, kiosk, start, QPoint(kiosk.window.width() // 3, -10), steps=12)
    settle(qtbot, kiosk)
    assert kiosk.state.routeId == "botox"


def test_questions_are_one_tap_away(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    flick = find(kiosk, "pageFlick", in_page=True)
    questions = find(kiosk, "questionsSection", in_page=True)
    tap(kiosk, find(kiosk, "questionsButton", in_page=True), clock)

    def questions_in_view() -> None:
        top = questions.mapToItem(flick, questions.position() * 0).y()
        assert 0 <= top < flick.height() - 100

    qtbot.waitUntil(questions_in_view, timeout=3000)


def test_staff_corner_on_the_window(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    corner = find(kiosk, "staffCorner")
    assert (corner.width(), corner.height()) == (72, 72)
    with qtbot.waitSignal(kiosk.staff_corner.staffRequested, timeout=1000):
        for _ in range(5):
            tap(kiosk, corner, clock, wait=0.3)


def test_close_is_refused_in_kiosk_mode(qtbot: QtBot, make_kiosk: object) -> None:
    kiosk = make_kiosk(fullscreen=True)  # type: ignore[operator]
    assert kiosk.window.close() is False
    assert kiosk.window.isVisible()

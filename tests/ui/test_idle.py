"""Idle: the warning appears, can be extended again and again, and then everything resets."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, find_item, go, page, settle, tap, visible_texts

SHORT = UiSettings(idle_seconds=0.5, warning_seconds=1.0)


def elapse(qtbot: QtBot, ms: int) -> None:
    """Lets real time pass by waiting on a timer's signal (idle timing is real time)."""
    timer = QTimer(singleShot=True, interval=ms)
    with qtbot.waitSignal(timer.timeout, timeout=ms + 2000):
        timer.start()


def test_warning_extends_then_resets_everything(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=SHORT)
    state, idle = kiosk.state, kiosk.idle
    defaults = state.snapshot()
    shown: list[int] = []  # recorded from the start: a slow machine may show it early
    idle.warningShown.connect(lambda: shown.append(1))
    assert not idle.property("active")  # the attract screen is not timed

    # A patient starts, switches language, text size and contrast, opens a page and scrolls.
    tap(kiosk, find(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    tap(kiosk, find(kiosk, "lang-es"), clock)
    tap(kiosk, find(kiosk, "textSize-2"), clock)
    tap(kiosk, find(kiosk, "contrastButton"), clock)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    flick = find(kiosk, "pageFlick", in_page=True)
    flick.setProperty("contentY", 400.0)
    assert state.snapshot() != defaults

    # The warning appears with its countdown; "I'm still here" extends, any number of times.
    for round_ in range(2):
        qtbot.waitUntil(lambda n=round_: len(shown) == n + 1, timeout=3000)
        dialog = find(kiosk, "idleDialog")
        assert dialog.isVisible()
        countdown = find(kiosk, "countdown").property("text")
        assert "1" in countdown and "{seconds}" not in countdown
        with qtbot.waitSignal(idle.extended, timeout=1000):
            tap(kiosk, find(kiosk, "stillHereButton"), clock)
        assert not dialog.isVisible()
        assert state.language == "es" and state.screen == "page"

    # Then nobody answers: everything of this patient goes.
    resets: list[int] = []
    state.resetDone.connect(lambda: resets.append(1))
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=3000)
    qtbot.waitUntil(lambda: resets == [1], timeout=3000)
    assert state.snapshot() == defaults
    assert not find(kiosk, "idleDialog").isVisible()
    attract = find_item(kiosk.window.contentItem(), "attractScreen")
    assert attract is not None and attract.isVisible()
    assert kiosk.theme.property("textScale") == 1.0
    assert not kiosk.theme.property("highContrast")
    assert kiosk.window.color().name() != "#000000"
    assert page(kiosk).objectName() == "homeScreen"
    assert find(kiosk, "homeFlick", in_page=True).property("contentY") == 0
    assert not idle.property("active") and not idle.is_running()
    # The next patient starts from a fresh Home in the default language.
    tap(kiosk, attract, clock)
    settle(qtbot, kiosk)
    assert "About clonus" in visible_texts(page(kiosk))


def test_a_touch_restarts_the_idle_time(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(settings=UiSettings(idle_seconds=1.0, warning_seconds=1.0))
    kiosk.state.start()
    settle(qtbot, kiosk)
    shown: list[bool] = []
    kiosk.idle.warningShown.connect(lambda: shown.append(True))
    empty = QPoint(kiosk.window.width() // 2, kiosk.window.height() - 10)  # no target there
    for _ in range(3):  # 3 x 0.5 s, a touch after each: longer than the idle time in all
        elapse(qtbot, 500)
        QTest.mouseClick(
            kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty
        )
    assert not shown
    assert kiosk.state.screen == "home"
    with qtbot.waitSignal(kiosk.idle.warningShown, timeout=3000):
        pass
    kiosk.idle.stop()


def test_no_warning_on_the_attract_screen(qtbot: QtBot) -> None:
    idle = IdleMonitor(0.05, 1.0)
    elapse(qtbot, 150)
    assert not idle.property("warningVisible")
    idle.set_active(True)
    with qtbot.waitSignal(idle.warningShown, timeout=2000):
        pass
    assert idle.property("secondsLeft") == 1
    idle.set_active(False)
    assert not idle.property("warningVisible") and not idle.is_running()


def test_a_kiosk_keeps_at_least_20_seconds_of_warning() -> None:
    assert UiSettings(warning_seconds=5).for_kiosk().warning_seconds == 20
    assert UiSettings().for_kiosk().idle_seconds == 90


def test_still_here_does_not_open_the_tile_behind_the_dialog(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=UiSettings(idle_seconds=0.3, warning_seconds=5.0))
    shown: list[int] = []  # recorded from the start: a slow machine may show it early
    kiosk.idle.warningShown.connect(lambda: shown.append(1))
    tap(kiosk, find(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    assert page(kiosk).objectName() == "homeScreen"
    qtbot.waitUntil(lambda: shown == [1], timeout=3000)
    with qtbot.waitSignal(kiosk.idle.extended, timeout=1000):
        tap(kiosk, find(kiosk, "stillHereButton"), clock)
    settle(qtbot, kiosk)
    assert page(kiosk).objectName() == "homeScreen"
    assert kiosk.state.screen == "home"

"""The keypad path across layers and keys: the idle dialog keeps the focus, Back and Help, keys
keep the session alive, a touch hides the focus, staff mode is not reachable from behind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, find_item, page, settle, tap
from tests.ui.test_idle import elapse
from tests.ui.test_keypad import focus_on, press

Key = Qt.Key


def spoken_by(kiosk: Kiosk) -> list[list[str]]:
    said: list[list[str]] = []
    assert kiosk.keypad is not None
    kiosk.keypad.announce.connect(said.append)
    return said


def enter(kiosk: Kiosk, clock: FakeClock, key: Key = Key.Key_Return) -> None:
    clock.advance(1.0)  # a deliberate press, not a tremor (the tap guard's rule)
    press(kiosk, key)


def test_the_idle_dialog_takes_and_keeps_the_focus(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=UiSettings(idle_seconds=3600, warning_seconds=30))
    said = spoken_by(kiosk)
    kiosk.state.start()
    settle(qtbot, kiosk)
    tile = focus_on(kiosk, "tile-causes")
    kiosk.idle.warn_now()
    # "I'm still here" has the focus; the dialog is read out as it opens, button and all
    # (kiosk/app/narration.py), so the focus adds nothing to it.
    del said[:]
    qtbot.waitUntil(lambda: kiosk.window.activeFocusItem() is find(kiosk, "stillHereButton"))
    assert said == []
    for key in (Key.Key_Down, Key.Key_Up, Key.Key_Tab, Key.Key_Backtab, Key.Key_Escape):
        assert press(kiosk, key) is find(kiosk, "stillHereButton"), key  # nothing behind it
    assert kiosk.idle.property("warningVisible") and kiosk.state.screen == "home"
    with qtbot.waitSignal(kiosk.idle.extended, timeout=1000):
        enter(kiosk, clock, Key.Key_Enter)  # the keypad's Enter
    # The session goes on where it was, the focus back on the tile.
    assert kiosk.state.screen == "home" and not kiosk.idle.property("warningVisible")
    qtbot.waitUntil(lambda: kiosk.window.activeFocusItem() is tile)


def test_enter_opens_back_returns_to_the_control_that_opened(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk()
    kiosk.window.setProperty("transitionDuration", 0)
    said = spoken_by(kiosk)
    enter(kiosk, clock)  # on the attract screen: the first language button, heard first
    assert kiosk.state.is_attract() and said == [["English"]]
    enter(kiosk, clock)
    settle(qtbot, kiosk)
    tile = focus_on(kiosk, "tile-botox")
    enter(kiosk, clock)
    settle(qtbot, kiosk)
    assert kiosk.state.screen == "page" and kiosk.state.routeId == "botox"
    # On the new page the focus is on its first control, and that is heard.
    first = kiosk.window.activeFocusItem()
    assert first is not None and first.objectName() == "questionsButton"
    assert said[-1] == [first.property("accessibleName")]
    # Next with the keypad, again and again: the focus stays on Next.
    nxt = focus_on(kiosk, "nextButton")
    enter(kiosk, clock)
    settle(qtbot, kiosk)
    assert kiosk.state.routeId != "botox"
    assert kiosk.window.activeFocusItem().objectName() == "nextButton"  # type: ignore[union-attr]
    assert nxt is not kiosk.window.activeFocusItem()  # the new page's own button
    for back in (Key.Key_Backspace, Key.Key_Escape):
        clock.advance(1.0)
        press(kiosk, back)
        settle(qtbot, kiosk)
    assert kiosk.state.screen == "home"
    assert kiosk.window.activeFocusItem() is tile  # where the patient left Home
    clock.advance(1.0)
    press(kiosk, Key.Key_Back)  # nothing to go back to on Home: nothing happens
    assert kiosk.state.screen == "home" and kiosk.window.activeFocusItem() is tile


def test_help_says_the_screen_the_keys_and_the_focused_control(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk()
    said = spoken_by(kiosk)
    kiosk.state.start()
    kiosk.state.openPage("botox")
    settle(qtbot, kiosk)
    title = str(find(kiosk, "pageTitle", in_page=True).property("text"))
    keys = "Use the arrow keys to move, Enter to choose, and Back to go back."
    for key in (Key.Key_F1, Key.Key_Help, Key.Key_Asterisk, Key.Key_Question):
        del said[:]
        press(kiosk, key)
        assert said == [[title, keys]], key
    focus_on(kiosk, "nextButton")
    kiosk.state.setLanguage("es")
    del said[:]
    press(kiosk, Key.Key_F1)
    title = str(find(kiosk, "pageTitle", in_page=True).property("text"))
    keys = "Use las flechas para moverse, Intro para elegir y Atrás para volver."
    assert said == [[title, keys, "Siguiente", "Cirugía"]]
    assert title == "Inyecciones de bótox"


def test_keys_keep_the_session_alive(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(settings=UiSettings(idle_seconds=1.0, warning_seconds=1.0))
    kiosk.state.start()
    settle(qtbot, kiosk)
    shown: list[bool] = []
    kiosk.idle.warningShown.connect(lambda: shown.append(True))
    for key in (Key.Key_Down, Key.Key_Up, Key.Key_F1):  # 3 x 0.5 s: longer than the idle time
        elapse(qtbot, 500)
        press(kiosk, key)
    assert not shown
    with qtbot.waitSignal(kiosk.idle.warningShown, timeout=3000):
        pass
    kiosk.idle.stop()


def test_a_touch_hides_the_focus_and_acts_as_before(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk()
    kiosk.state.start()
    settle(qtbot, kiosk)
    ring = find_item(focus_on(kiosk, "tile-causes"), "focusRing")
    assert ring is not None and ring.isVisible()
    tap(kiosk, find(kiosk, "textSize-1"), clock)
    assert not ring.isVisible() and kiosk.window.activeFocusItem() is not None
    assert not kiosk.window.activeFocusItem().activeFocusOnTab()  # type: ignore[union-attr]
    assert kiosk.state.textStep == 1


def test_staff_mode_is_not_reached_from_behind(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, tmp_path: Path
) -> None:
    kiosk = make_kiosk(data_dir=tmp_path / "data")
    kiosk.state.start()
    settle(qtbot, kiosk)
    focus_on(kiosk, "tile-causes")
    kiosk.staff_panel.requestPin()
    qtbot.waitUntil(lambda: find(kiosk, "staffPinPad").isVisible())
    for key in (Key.Key_Return, Key.Key_Down, Key.Key_Backspace):
        enter(kiosk, clock, key)
    # Nothing behind the PIN pad moved or opened, and no patient control kept the focus.
    assert kiosk.state.screen == "home" and page(kiosk).objectName() == "homeScreen"
    assert press(kiosk, Key.Key_Down) is None
    assert kiosk.staff_panel.sections is not None
    kiosk.staff_panel.sections.pin_pad.cancel()
    qtbot.waitUntil(lambda: not kiosk.staff_panel.is_open)
    # Once it has gone, the keypad reaches the patient's controls again.
    assert press(kiosk, Key.Key_Down) is not None

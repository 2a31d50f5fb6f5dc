"""Findings 4, 6 and 7 of the patient-experience issue, through the real window: controls stay
put when a setting changes and a shaky double tap changes one setting; hit areas forgive a press
or lift near the target; Back, Home, Next and the end of a group behave predictably."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import (
    FakeClock,
    centre,
    find,
    go,
    press_and_lift,
    scene_rect,
    settle,
    tap,
    tap_at,
)
from tests.ui.screens import LAYOUTS
from tests.ui.test_taps import touch_drag

CHROME = ("homeButton", "backButton", "lang-en", "lang-es", "textSize-0", "textSize-1")
CHROME_ALL = (*CHROME, "textSize-2", "contrastButton")


def started(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.window.setProperty("transitionDuration", 0)
    kiosk.state.start()
    settle(qtbot, kiosk)


def chrome_rects(kiosk: Kiosk) -> dict[str, QRectF]:
    kiosk.window.grabWindow()  # every pending layout done
    return {name: scene_rect(find(kiosk, name)) for name in CHROME_ALL}


def test_no_setting_moves_a_chrome_button(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    """Finding 4: the bar re-laid out as text grew, under the finger."""
    for size in LAYOUTS.values():
        kiosk = make_kiosk(size=size)
        started(qtbot, kiosk)
        before = chrome_rects(kiosk)
        state = kiosk.state
        for change, value in (
            (state.setTextStep, 1),
            (state.setTextStep, 2),
            (state.setLanguage, "es"),
            (state.setHighContrast, True),
        ):
            change(value)  # type: ignore[operator]
            assert chrome_rects(kiosk) == before, size


def test_a_shaky_double_tap_changes_exactly_one_setting(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 4: a double tap on the largest "A" also switched on high contrast."""
    started(qtbot, kiosk)
    for first, second in (
        ("textSize-2", "textSize-2"),
        ("textSize-1", "textSize-2"),  # the second tap bounces onto the neighbour
        ("textSize-2", "contrastButton"),
        ("contrastButton", "textSize-0"),
        ("lang-es", "lang-en"),
    ):
        kiosk.state.reset()
        started(qtbot, kiosk)
        before = kiosk.state.snapshot()
        tap(kiosk, find(kiosk, first), clock)
        tap_at(kiosk, centre(find(kiosk, second)), clock, wait=0.25)
        after = kiosk.state.snapshot()
        changed = [
            key for key in ("language", "textStep", "highContrast") if after[key] != before[key]
        ]
        assert len(changed) == 1, (first, second, changed)


def test_a_lift_just_outside_the_target_counts(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 6: a release 7 px outside the target was lost."""
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    rect = scene_rect(find(kiosk, "nextButton", in_page=True))
    clock.advance(1)
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        press_and_lift(
            kiosk,
            centre(find(kiosk, "nextButton", in_page=True)),
            QPoint(int(rect.center().x()), int(rect.bottom()) + 7),
        )
    assert kiosk.state.routeId == "surgery"


def test_a_press_in_the_gap_beside_a_target_counts(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 6: a press in the gap between Home and Back was lost."""
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    home = scene_rect(find(kiosk, "homeButton"))
    back = scene_rect(find(kiosk, "backButton"))
    gap = back.left() - home.right()
    assert gap >= 12
    clock.advance(1)
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        tap_at(kiosk, QPoint(int(home.right() + gap / 2 - 2), int(home.center().y())))
    assert kiosk.state.screen == "home"


def test_any_wobble_within_the_target_is_a_tap_where_nothing_scrolls(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 6: a 30 px wobble on the fixed "Next" was lost."""
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    clock.advance(1)
    with qtbot.waitSignal(kiosk.state.navigated, timeout=2000):
        touch_drag(qtbot, kiosk, centre(find(kiosk, "nextButton", in_page=True)), QPoint(30, 8))
    settle(qtbot, kiosk)
    assert kiosk.state.routeId == "surgery"


def test_back_returns_to_the_page_before_a_next(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 7: after Next, Back skipped the page you came from."""
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    go(qtbot, kiosk, find(kiosk, "nextButton", in_page=True), clock)
    go(qtbot, kiosk, find(kiosk, "nextButton", in_page=True), clock)
    assert kiosk.state.routeId == "home-care"
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert kiosk.state.routeId == "surgery"
    assert find(kiosk, "pageTitle", in_page=True).property("text") == "Surgery"
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert kiosk.state.routeId == "botox"
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert kiosk.state.screen == "home"


def test_disabled_home_and_back_look_disabled_in_both_themes(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 7: disabled Home and Back looked enabled (identical in high contrast)."""
    for high_contrast in (False, True):
        kiosk.state.reset()
        started(qtbot, kiosk)
        kiosk.state.setHighContrast(high_contrast)
        shot = kiosk.window.grabWindow()
        for name in ("homeButton", "backButton"):
            button = find(kiosk, name)
            assert not button.isEnabled()
            assert button.opacity() <= 0.5
        lang = scene_rect(find(kiosk, "lang-en"))
        home = scene_rect(find(kiosk, "homeButton"))
        # The enabled button's border is drawn at full strength, the disabled one's faded.
        enabled_edge = shot.pixelColor(int(lang.left()) + 1, int(lang.center().y()))
        disabled_edge = shot.pixelColor(int(home.left()) + 1, int(home.center().y()))
        assert enabled_edge != disabled_edge


def test_the_end_of_the_topics_leads_on_and_next_keeps_its_width(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, default_bundle: Bundle
) -> None:
    """Finding 7: the last page of a group had no way on; Next changed width page to page."""
    started(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, f"tile-{default_bundle.about[0].id}"), clock)
    widths = set()
    pages = [*default_bundle.about, *default_bundle.treatments]
    for expected in pages[1:]:
        widths.add(find(kiosk, "nextButton", in_page=True).width())
        go(qtbot, kiosk, find(kiosk, "nextButton", in_page=True), clock)
        assert kiosk.state.routeId == expected.id  # About leads on to the treatments
    last = find(kiosk, "nextButton", in_page=True)
    widths.add(last.width())
    assert len(widths) == 1
    assert last.property("text") == "All topics"
    go(qtbot, kiosk, last, clock)
    assert kiosk.state.screen == "home"

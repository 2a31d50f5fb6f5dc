"""Findings 5, 9 and 10 of the patient-experience issue, through the real window: every topic
reachable at 200 % with a "More below" cue; the clinic's name and promise on the attract screen,
a title on Home, a map with named rivers and states, a north mark and labels that grow; a
fullscreen window that fills the screen without a window manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk, build_kiosk
from kiosk.content.bundle import Bundle
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import (
    FakeClock,
    close_kiosks,
    find,
    find_item,
    scene_rect,
    settle,
    tap,
    visible_texts,
)
from tests.ui.screens import LAYOUTS


def started(qtbot: QtBot, kiosk: Kiosk, step: int = 0) -> None:
    kiosk.window.setProperty("transitionDuration", 0)
    kiosk.state.start()
    kiosk.state.setTextStep(step)
    settle(qtbot, kiosk)
    kiosk.window.grabWindow()


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_topic_is_reachable_at_200_percent_with_a_cue(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, default_bundle: Bundle, layout: str
) -> None:
    """Finding 5: at 150 % and 200 % the treatments were below the fold with no cue."""
    kiosk = make_kiosk(size=LAYOUTS[layout])
    started(qtbot, kiosk, step=2)
    flick = find(kiosk, "homeFlick", in_page=True)
    cue = find(kiosk, "moreBelowHomeButton", in_page=True)
    assert cue.isVisible(), (kiosk.window.width(), scene_rect(cue))
    wanted = {f"tile-{p.id}" for p in (*default_bundle.about, *default_bundle.treatments)}
    wanted.add("tile-locations")
    seen: set[str] = set()
    for _ in range(30):
        view = scene_rect(flick)
        for name in wanted:
            rect = scene_rect(find(kiosk, name, in_page=True))
            if view.contains(QRectF(rect.left(), rect.top(), rect.width(), min(rect.height(), 80))):
                seen.add(name)
        if not cue.isVisible():
            break
        before = flick.property("contentY")
        tap(kiosk, cue, clock)
        qtbot.waitUntil(lambda before=before: flick.property("contentY") > before)
    assert seen == wanted
    assert not cue.isVisible()  # at the end, no false promise


def test_the_town_list_shows_a_cue_in_portrait_at_200_percent(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    """Finding 5: in portrait at 200 % the town list was cut with no cue."""
    kiosk = make_kiosk(size=LAYOUTS["portrait"], settings=UiSettings(location_id="maywood"))
    started(qtbot, kiosk, step=2)
    kiosk.state.openLocations()
    settle(qtbot, kiosk)
    kiosk.window.grabWindow()
    assert find(kiosk, "moreBelowListButton", in_page=True).isVisible()


def test_the_attract_screen_names_the_clinic_and_what_is_inside(
    qtbot: QtBot, kiosk: Kiosk, default_bundle: Bundle
) -> None:
    """Finding 9: no clinic name or hint of what's inside on the attract screen."""
    settle(qtbot, kiosk)
    attract = find(kiosk, "attractScreen")
    clinic = default_bundle.organization.name
    for index, language in enumerate(default_bundle.languages):
        attract.setProperty("shown", index)  # the greeting cycles through the languages
        texts = visible_texts(attract)
        assert clinic in texts
        assert default_bundle.ui(language)["promise"] in texts
        assert default_bundle.ui(language)["promise"].strip()


def test_home_has_a_title(qtbot: QtBot, kiosk: Kiosk, default_bundle: Bundle) -> None:
    """Finding 9: no title on Home."""
    started(qtbot, kiosk)
    title = find(kiosk, "homeTitle", in_page=True)
    assert title.isVisible() and title.property("text") == default_bundle.organization.name


def test_the_map_names_rivers_and_states_and_points_north(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    """Finding 9: rivers and the state line unlabelled, no north, labels of one size."""
    sizes = []
    for step in (0, 1):
        kiosk = make_kiosk(size=LAYOUTS["portrait"], settings=UiSettings(location_id="maywood"))
        started(qtbot, kiosk, step=step)
        kiosk.state.openLocations()
        settle(qtbot, kiosk)
        kiosk.window.grabWindow()
        the_map = find(kiosk, "schematicMap", in_page=True)
        names = set(visible_texts(the_map))
        assert {"NEW JERSEY", "N"} <= names
        assert any(name.endswith(" R.") for name in names)  # a river
        assert find_item(the_map, "northMark") is not None
        sizes.append(kiosk.theme.property("sizes").property("mapLabel"))
    assert sizes[1] > sizes[0]


def test_fullscreen_fills_the_screen_without_a_window_manager(
    qapp: object, clock: FakeClock, default_bundle: Bundle
) -> None:
    """Finding 10: 1280x800 drawn in the corner of a larger screen. Without a window manager
    nothing resizes a fullscreen window: the kiosk must size it before it shows."""
    kiosk = build_kiosk(
        bundle=default_bundle,
        settings=UiSettings(idle_seconds=3600),
        size=(1280, 800),
        fullscreen=True,
        show=False,
        clock=clock,
        audio=AudioBackend.NULL,
    )
    try:
        screen = kiosk.window.screen().geometry()
        assert (screen.width(), screen.height()) != (1280, 800)
        assert (kiosk.window.width(), kiosk.window.height()) == (screen.width(), screen.height())
        assert kiosk.window.position() == screen.topLeft()
        assert kiosk.theme.property("unit") * 1080 == pytest.approx(
            min(screen.width(), screen.height())
        )
    finally:
        close_kiosks([kiosk])

"""A fresh install (no "You are here" set) and town pages that differ usefully, although the
bundle gives no address, phone or hours: through the real window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.distances import miles_between
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import (
    FakeClock,
    find,
    find_item,
    go,
    page,
    scene_rect,
    scroll_into_view,
    settle,
    visible_texts,
)


def open_town(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, location_id: str) -> list[str]:
    """Home, Find a location, the town's row: what the patient reads on its page."""
    kiosk.state.start()
    settle(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-locations"), clock)
    row = find(kiosk, f"town-{location_id}", in_page=True)
    scroll_into_view(row)
    go(qtbot, kiosk, row, clock)
    return visible_texts(page(kiosk))


def test_a_fresh_install_lists_the_towns_by_name_with_nothing_left_blank(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, default_bundle: Bundle
) -> None:
    kiosk = make_kiosk(settings=UiSettings(location_id=None, idle_seconds=3600))
    kiosk.state.start()
    settle(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-locations"), clock)
    towns = sorted(default_bundle.locations, key=lambda loc: loc.town.casefold())
    rows = [find(kiosk, f"town-{loc.id}", in_page=True) for loc in towns]
    tops = [scene_rect(row).top() for row in rows]
    assert tops == sorted(tops)  # by town name, the order a patient scans
    texts = visible_texts(page(kiosk))
    assert not any("miles" in text or "{" in text for text in texts), texts
    assert "You are here" not in texts
    for loc in towns:  # every town on the map with its name and an ordinary pin
        marker = find(kiosk, f"marker-{loc.id}", in_page=True)
        assert marker.isVisible() and loc.town in visible_texts(marker)
        assert "You are here" not in visible_texts(marker)

    row = find(kiosk, "town-emerson", in_page=True)
    scroll_into_view(row)
    go(qtbot, kiosk, row, clock)
    assert not find(kiosk, "distance", in_page=True).isVisible()
    assert not find(kiosk, "youAreHere", in_page=True).isVisible()
    texts = visible_texts(page(kiosk))
    assert not any(text.strip() == "" or "{" in text for text in texts), texts
    assert "Bergen County" in texts and "Our nearest other offices" in texts


def test_two_town_pages_differ_in_what_a_patient_reads(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, default_bundle: Bundle
) -> None:
    by_id = {loc.id: loc for loc in default_bundle.locations}
    pages = {}
    for town in ("clifton", "emerson"):
        kiosk = make_kiosk(settings=UiSettings(location_id=None, idle_seconds=3600))
        pages[town] = open_town(qtbot, kiosk, clock, town)
    # Beyond the town's own name, each page says something the other does not: its county and
    # its nearest offices with their straight-line distance from this one.
    clifton = set(pages["clifton"]) - {"Clifton, NJ"}
    emerson = set(pages["emerson"]) - {"Emerson, NJ"}
    assert "Passaic County" in clifton - emerson and "Bergen County" in emerson - clifton
    nearest = sorted(
        (loc for loc in default_bundle.locations if loc.id != "emerson"),
        key=lambda loc: miles_between(by_id["emerson"], loc),
    )[:2]
    for loc in nearest:
        miles = f"{miles_between(by_id['emerson'], loc):.1f} miles from this office"
        assert f"{loc.town}, NJ" in emerson and miles in emerson
    assert emerson - clifton and clifton - emerson
    # Nothing invented: no address, phone or hours where the bundle has none.
    for texts in pages.values():
        assert not {"Address", "Phone", "Hours"} & set(texts)


def test_a_nearest_office_opens_its_page_and_back_returns(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=UiSettings(location_id="paramus", idle_seconds=3600))
    open_town(qtbot, kiosk, clock, "maywood")
    nearest = find(kiosk, "nearest-paramus", in_page=True)
    scroll_into_view(nearest)
    go(qtbot, kiosk, nearest, clock)
    assert find(kiosk, "townTitle", in_page=True).property("text") == "Paramus, NJ"
    assert find(kiosk, "youAreHere", in_page=True).isVisible()
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert find(kiosk, "townTitle", in_page=True).property("text") == "Maywood, NJ"


def test_the_town_page_in_spanish_names_the_county_and_offices_in_spanish(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=UiSettings(location_id=None, idle_seconds=3600))
    kiosk.state.start()
    kiosk.state.setLanguage("es")
    settle(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-locations"), clock)
    row = find(kiosk, "town-clifton", in_page=True)
    scroll_into_view(row)
    go(qtbot, kiosk, row, clock)
    texts = visible_texts(page(kiosk))
    assert "Condado de Passaic" in texts and "Nuestras otras sedes más cercanas" in texts
    miles = find_item(page(kiosk), "nearestMiles-maywood")
    assert miles is not None and miles.property("text").endswith("millas de esta sede")

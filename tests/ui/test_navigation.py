"""Attract -> home -> every page, next/previous -> locations -> a town -> back -> home, by taps
on the real window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from tests.ui.helpers import (
    FakeClock,
    find,
    find_item,
    go,
    page,
    scroll_into_view,
    settle,
    tap,
    visible_texts,
    walk,
)


def start(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    attract = find_item(kiosk.window.contentItem(), "attractScreen")
    assert attract is not None and attract.isVisible()
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, attract, clock)
    qtbot.waitUntil(lambda: find_item(kiosk.window.contentItem(), "attractScreen") is None)
    assert kiosk.state.screen == "home"


def test_attract_to_a_treatment(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    start(qtbot, kiosk, clock)
    tile = find(kiosk, "tile-physical-therapy")
    go(qtbot, kiosk, tile, clock)
    assert kiosk.state.screen == "page"
    assert find(kiosk, "pageTitle", in_page=True).property("text") == "Physical therapy"


def test_the_whole_walk(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, default_bundle: Bundle
) -> None:
    start(qtbot, kiosk, clock)
    # Every About page, and back.
    for about in default_bundle.about:
        go(qtbot, kiosk, find(kiosk, f"tile-{about.id}"), clock)
        assert find(kiosk, "pageTitle", in_page=True).property("text") == about.text["en"].title
        assert find(kiosk, "disclaimer", in_page=True) is not None
        go(qtbot, kiosk, find(kiosk, "backButton"), clock)
        assert kiosk.state.screen == "home"

    # The first treatment, then Next through every one and Previous back to the first.
    treatments = default_bundle.treatments
    scroll_into_view(find(kiosk, f"tile-{treatments[0].id}"))
    go(qtbot, kiosk, find(kiosk, f"tile-{treatments[0].id}"), clock)
    for expected in treatments[1:]:
        go(qtbot, kiosk, find(kiosk, "nextButton", in_page=True), clock)
        assert kiosk.state.routeId == expected.id
        title = find(kiosk, "pageTitle", in_page=True).property("text")
        assert title == expected.text["en"].title
        sections = [
            find(kiosk, "questionsSection", in_page=True),
            *(find(kiosk, f"section-{i}", in_page=True) for i in range(4)),
        ]
        assert all(s.isVisible() for s in sections)
    # The last one leads on to all topics.
    assert find(kiosk, "nextButton", in_page=True).property("text") == "All topics"
    for expected in reversed(treatments[:-1]):
        go(qtbot, kiosk, find(kiosk, "previousButton", in_page=True), clock)
        assert kiosk.state.routeId == expected.id
    # The first treatment's Previous is the last About page (one run through every topic).
    last_about = default_bundle.about[-1].text["en"].title
    assert find(kiosk, "previousButton", in_page=True).property("text").endswith(last_about)

    # Home, then Find a location, a town from the list, back, a town on the map.
    go(qtbot, kiosk, find(kiosk, "homeButton"), clock)
    assert kiosk.state.stack == [{"screen": "home", "id": ""}]
    go(qtbot, kiosk, find(kiosk, "tile-locations"), clock)
    assert kiosk.state.screen == "locations"
    go(qtbot, kiosk, find(kiosk, "town-emerson", in_page=True), clock)
    assert (kiosk.state.screen, kiosk.state.routeId) == ("location", "emerson")
    assert find(kiosk, "townTitle", in_page=True).property("text") == "Emerson, NJ"
    qr = find(kiosk, "qrCode", in_page=True)
    qtbot.waitUntil(lambda: qr.property("progress") == 1.0 and qr.implicitWidth() > 0)
    assert str(qr.property("source").toString()).startswith("image://qr/")
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert kiosk.state.screen == "locations"
    go(qtbot, kiosk, find(kiosk, "marker-clifton", in_page=True), clock)
    assert kiosk.state.routeId == "clifton"
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    go(qtbot, kiosk, find(kiosk, "homeButton"), clock)
    assert kiosk.state.screen == "home"
    assert kiosk.state.depth == 1


def test_language_switch_changes_the_visible_text(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    start(qtbot, kiosk, clock)
    assert "About clonus" in visible_texts(page(kiosk))
    tap(kiosk, find(kiosk, "lang-es"), clock)
    qtbot.waitUntil(lambda: "Sobre el clonus" in visible_texts(page(kiosk)))
    assert "About clonus" not in visible_texts(page(kiosk))
    assert "Inicio" in visible_texts(find(kiosk, "chrome"))
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    page_text = kiosk.state.bundle.treatments[1].text
    assert kiosk.state.bundle.treatments[1].id == "physical-therapy"
    title = find(kiosk, "pageTitle", in_page=True)
    assert title.property("text") == page_text["es"].title == "Terapia física"
    tap(kiosk, find(kiosk, "lang-en"), clock)
    qtbot.waitUntil(lambda: title.property("text") == page_text["en"].title)
    assert kiosk.state.routeId == "physical-therapy"  # the same page, now in English


def test_text_size_and_contrast_change(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    start(qtbot, kiosk, clock)
    go(qtbot, kiosk, find(kiosk, "tile-medications"), clock)
    summary = find(kiosk, "pageSummary", in_page=True)
    paragraph = next(
        i for i in walk(summary) if i.inherits("QQuickText") and i.property("text") != "\u2022"
    )

    def size() -> float:
        return float(paragraph.property("font").pixelSize())

    normal = size()
    assert normal >= 28
    tap(kiosk, find(kiosk, "textSize-2"), clock)
    qtbot.waitUntil(lambda: size() >= 2 * normal - 1)
    tap(kiosk, find(kiosk, "textSize-1"), clock)
    qtbot.waitUntil(lambda: abs(size() - 1.5 * normal) <= 1)

    assert kiosk.window.color().name() != "#000000"
    tap(kiosk, find(kiosk, "contrastButton"), clock)
    qtbot.waitUntil(lambda: kiosk.window.color().name() == "#000000")
    assert paragraph.property("color").name() == "#ffffff"
    tap(kiosk, find(kiosk, "contrastButton"), clock)
    qtbot.waitUntil(lambda: kiosk.window.color().name() != "#000000")


def test_attract_language_button_starts_in_that_language(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, find(kiosk, "attract-lang-es"), clock)
    settle(qtbot, kiosk)
    assert kiosk.state.language == "es"
    assert kiosk.state.screen == "home"

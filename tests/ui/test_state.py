"""AppState on its own: navigation, neighbours, a new bundle at the next reset, defaults."""

from __future__ import annotations

import dataclasses

from kiosk.content.bundle import Bundle
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings


def retitled(bundle: Bundle, page_id: str, title: str) -> Bundle:
    pages = []
    for page in bundle.treatments:
        if page.id == page_id:
            text = {lang: dataclasses.replace(t, title=title) for lang, t in page.text.items()}
            page = dataclasses.replace(page, text=text)
        pages.append(page)
    return dataclasses.replace(bundle, treatments=tuple(pages))


def test_navigation_and_neighbours(default_bundle: Bundle) -> None:
    state = AppState(default_bundle)
    ops: list[tuple[str, str]] = []
    state.navigated.connect(lambda op, route: ops.append((op, route["id"])))
    assert state.screen == "attract"
    state.start()
    ids = [p.id for p in default_bundle.treatments]
    last_about = default_bundle.about[-1].id
    state.openPage(ids[0])
    # One run through every topic: the first treatment follows the last About page.
    assert state.neighbours(ids[0]) == (last_about, ids[1])
    assert state.neighbours(ids[-1]) == (ids[-2], "")
    assert state.neighbours(default_bundle.about[0].id)[0] == ""
    state.nextPage()
    state.nextPage()
    state.back()  # the page before the Next
    state.previousPage()  # right after a Next: the same as Back
    state.previousPage()  # on to the last About page
    state.back()
    state.back()
    assert ops == [
        ("start", ""),
        ("push", ids[0]),
        ("forward", ids[1]),
        ("forward", ids[2]),
        ("backward", ids[1]),
        ("backward", ids[0]),
        ("backward", last_about),
        ("backward", ids[0]),
        ("pop", ""),
    ]
    state.openPage("no-such-page")
    assert state.screen == "home"


def test_a_new_bundle_waits_for_the_next_reset(default_bundle: Bundle) -> None:
    state = AppState(default_bundle)
    state.start()
    state.openPage("botox")
    changed: list[bool] = []
    state.bundleChanged.connect(lambda: changed.append(True))
    newer = retitled(default_bundle, "botox", "Botox, new")
    state.set_bundle(newer)
    assert not changed and state.bundle is default_bundle  # the patient keeps reading
    state.reset()
    assert changed == [True] and state.bundle is newer
    state.set_bundle(default_bundle)  # on the attract screen: at once
    assert changed == [True, True] and state.bundle is default_bundle


def test_reset_restores_every_default(default_bundle: Bundle) -> None:
    state = AppState(default_bundle, UiSettings(default_language="es"))
    defaults = state.snapshot()
    assert defaults["language"] == "es"
    state.start()
    state.setLanguage("en")
    state.setTextStep(2)
    state.setHighContrast(True)
    state.openLocations()
    state.openLocation("emerson")
    state.reset()
    assert state.snapshot() == defaults

"""Editing through the real studio window: forms, untranslated marks, live checks, the preview."""

from __future__ import annotations

import tomllib

from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp
from tests.studio_ui.helpers import click, find, type_into
from tests.ui.helpers import visible_texts

MAYWOOD = {
    "address": "123 Maywood Ave",
    "phone": "201-555-0142",
    "hours": "Mon-Fri 8am-5pm",
}
NOTES = {"en": "Parking behind the building.", "es": "Estacionamiento detrás del edificio."}


def fill_in_maywood(qtbot: QtBot, studio: StudioApp) -> None:
    click(qtbot, studio, "outline-location:maywood")
    for key, value in MAYWOOD.items():
        type_into(qtbot, studio, f"field-location.maywood.{key}", value)
    for lang, note in NOTES.items():
        type_into(qtbot, studio, f"field-location.maywood.notes.{lang}", note)


def test_typed_fields_are_saved_with_bundle_toml_comments_and_order_kept(
    qtbot: QtBot, studio: StudioApp
) -> None:
    manifest = studio.studio.folder.root / "bundle.toml"
    before = manifest.read_text(encoding="utf-8")
    fill_in_maywood(qtbot, studio)
    assert studio.window.title().startswith("* ")  # unsaved changes show in the title
    click(qtbot, studio, "saveButton")
    qtbot.waitUntil(lambda: not studio.studio.dirty, timeout=3000)
    after = manifest.read_text(encoding="utf-8")
    maywood = next(loc for loc in tomllib.loads(after)["locations"] if loc["id"] == "maywood")
    assert {key: maywood[key] for key in MAYWOOD} == MAYWOOD
    assert maywood["notes"] == NOTES
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    tables = [line for line in before.splitlines() if line.startswith("[")]
    assert tables == [line for line in after.splitlines() if line.startswith("[")]


def test_the_preview_shows_the_town_page_being_edited_as_it_is_typed(
    qtbot: QtBot, studio: StudioApp
) -> None:
    click(qtbot, studio, "outline-location:maywood")
    patient = studio.preview.state
    qtbot.waitUntil(lambda: (patient.screen, patient.routeId) == ("location", "maywood"))
    type_into(qtbot, studio, "field-location.maywood.phone", "201-555-0142")
    host = find(studio, "previewHost")
    qtbot.waitUntil(lambda: any("201-555-0142" in text for text in visible_texts(host)))
    click(qtbot, studio, "outline-page:botox")
    qtbot.waitUntil(lambda: (patient.screen, patient.routeId) == ("page", "botox"))


def test_a_note_in_english_only_is_marked_untranslated_and_listed(
    qtbot: QtBot, studio: StudioApp
) -> None:
    click(qtbot, studio, "outline-location:maywood")
    mark = find(studio, "untranslated-location.maywood.notes.es")
    assert not mark.isVisible()
    type_into(qtbot, studio, "field-location.maywood.notes.en", NOTES["en"])
    qtbot.waitUntil(mark.isVisible)
    assert "Not translated" in mark.property("text")
    qtbot.waitUntil(
        lambda: any(p["path"] == "location.maywood.notes.es" for p in studio.checks.problems)
    )


def test_the_preview_lays_out_for_the_kiosk_screen_chosen(qtbot: QtBot, studio: StudioApp) -> None:
    host = find(studio, "previewHost")
    patient = studio.preview.theme
    studio.controls.chooseLayout(1)  # portrait 1080 x 1920
    qtbot.waitUntil(lambda: (host.width(), host.height()) == (1080, 1920))
    (content,) = host.childItems()
    assert (content.width(), content.height()) == (1080, 1920)
    assert not patient.property("landscape")  # the patient screens lay out for portrait
    frame = host.parentItem()
    assert host.width() * host.scale() <= frame.width() + 0.5
    assert host.height() * host.scale() <= frame.height() + 0.5

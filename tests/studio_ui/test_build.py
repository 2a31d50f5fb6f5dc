"""Saving, building and installing from the real studio window; refusals change nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp
from kiosk.staff.service import Staff
from tests.content.conftest import KeyPair, make_keypair
from tests.studio_ui.helpers import click, find, select_all_and_delete, type_into, type_text
from tests.studio_ui.test_editing import MAYWOOD, NOTES, fill_in_maywood
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import find as find_kiosk
from tests.ui.helpers import visible_texts

HARD = (
    " Consequently, individuals experiencing persistent neuromuscular hyperexcitability should"
    " systematically communicate comprehensive symptomatology to multidisciplinary"
    " rehabilitation professionals."
)


def build_from_window(
    qtbot: QtBot, studio: StudioApp, target: Path, keys: KeyPair, *, release: bool
) -> str:
    """Opens the build dialog, fills it in as staff would, builds; the result shown."""
    click(qtbot, studio, "buildButton")
    qtbot.waitUntil(lambda: find(studio, "buildStart").isVisible())
    click(qtbot, studio, "buildTarget")
    select_all_and_delete(studio)
    type_text(studio, str(target))
    type_into(qtbot, studio, "buildKey", str(keys.private_path))
    click(qtbot, studio, "buildRelease" if release else "buildDraft")
    result = find(studio, "buildResult")
    before = result.property("text")
    click(qtbot, studio, "buildStart")
    qtbot.waitUntil(lambda: result.property("text") != before, timeout=30_000)
    return str(result.property("text"))


def test_maywood_filled_in_is_built_installed_and_shown_on_the_kiosk_town_page(
    qtbot: QtBot, studio: StudioApp, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    keys = make_keypair(tmp_path / "keys", "clinic")
    fill_in_maywood(qtbot, studio)
    QTest.keyClick(studio.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not studio.studio.dirty)
    usb = tmp_path / "usb"
    usb.mkdir()
    shown = build_from_window(qtbot, studio, usb, keys, release=False)
    assert shown.startswith("Built"), shown
    # Maywood's page says more than its narration did, in both languages: staff are told.
    assert "Read-aloud is left out for 2 pages whose text changed" in shown, shown
    (built,) = usb.glob("*.kbundle")

    data_dir = tmp_path / "kiosk-data"
    staff = Staff(data_dir)
    staff.trust_key(keys.public_path)
    staff.install(built)
    kiosk = make_kiosk(bundle=None, data_dir=data_dir)
    assert kiosk.state.bundle.version == 2  # the studio raised it
    kiosk.state.openLocation("maywood")

    def shown_on_town_page(*values: str) -> None:
        texts = " ".join(visible_texts(find_kiosk(kiosk, "locationDetail")))
        assert all(value in texts for value in values), texts

    qtbot.waitUntil(lambda: shown_on_town_page(*MAYWOOD.values(), NOTES["en"]))
    # Never the old words aloud: no Listen on Maywood, still one on an unchanged town.
    assert not kiosk.narrator.hasPage("location-maywood")
    assert kiosk.narrator.hasPage("location-paramus")
    kiosk.state.setLanguage("es")
    qtbot.waitUntil(lambda: shown_on_town_page(MAYWOOD["address"], NOTES["es"]))


def test_a_page_past_grade_8_is_listed_live_and_the_build_refuses_it(
    qtbot: QtBot, studio: StudioApp, tmp_path: Path
) -> None:
    keys = make_keypair(tmp_path / "keys", "clinic")
    click(qtbot, studio, "outline-page:botox")
    level = find(studio, "level-page.botox.en")
    assert not level.property("font").bold()
    click(qtbot, studio, "field-page.botox.en")
    QTest.keyClick(studio.window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(studio, "\n\n" + HARD * 3)

    def listed() -> None:
        problems = [p for p in studio.checks.problems if p["path"] == "page.botox.en"]
        assert problems and problems[0]["severity"] == "error"
        assert level.property("font").bold()  # the level under the page shows it is over

    qtbot.waitUntil(listed, timeout=5000)
    assert "grade" in level.property("text")
    version = studio.studio.folder.version
    manifest = (studio.studio.folder.root / "bundle.toml").read_bytes()
    shown = build_from_window(qtbot, studio, tmp_path, keys, release=False)
    assert "Nothing was changed" in shown
    assert "reading level" in shown.lower() or "grade" in shown.lower()
    assert list(tmp_path.glob("*.kbundle")) == []
    assert studio.studio.folder.version == version
    assert (studio.studio.folder.root / "bundle.toml").read_bytes() == manifest


def test_a_missing_spanish_translation_is_marked_and_the_build_refuses_it(
    qtbot: QtBot, studio: StudioApp, tmp_path: Path
) -> None:
    keys = make_keypair(tmp_path / "keys", "clinic")
    click(qtbot, studio, "outline-labels")
    mark = find(studio, "untranslated-ui.es.greeting")
    assert not mark.isVisible()
    click(qtbot, studio, "field-ui.es.greeting")
    select_all_and_delete(studio)
    qtbot.waitUntil(mark.isVisible)
    shown = build_from_window(qtbot, studio, tmp_path, keys, release=False)
    assert "Nothing was changed" in shown
    assert list(tmp_path.glob("*.kbundle")) == []

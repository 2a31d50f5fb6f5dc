"""Mistakes cannot lose work: closing asks, kept changes come back, refused text does not go in."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.studio import AUTOSAVE_MS, StudioApp
from kiosk.app.studio_run import start_window
from kiosk.studio.folder import StudioFolder, autosave_path
from kiosk.studio_ui.start import StudioStarter
from tests.studio_ui.helpers import click, find, type_into, type_text
from tests.ui.helpers import find_item


def test_closing_with_unsaved_changes_asks_and_can_keep_editing_or_save(
    qtbot: QtBot, studio: StudioApp
) -> None:
    click(qtbot, studio, "outline-location:maywood")
    type_into(qtbot, studio, "field-location.maywood.phone", "201-555-0142")
    studio.window.close()
    qtbot.waitUntil(lambda: find(studio, "unsavedCancel").isVisible())
    assert studio.window.isVisible()
    cancel = click(qtbot, studio, "unsavedCancel")
    qtbot.waitUntil(lambda: not cancel.isVisible())
    assert studio.window.isVisible() and studio.studio.dirty
    studio.window.close()
    qtbot.waitUntil(lambda: find(studio, "unsavedSave").isVisible())
    click(qtbot, studio, "unsavedSave")
    qtbot.waitUntil(lambda: not studio.window.isVisible())
    saved = StudioFolder.open(studio.studio.folder.root)
    assert saved.get("location.maywood.phone") == "201-555-0142"


def _hours_kept_aside(qtbot: QtBot, studio: StudioApp) -> Path:
    """Types Maywood's hours without saving and waits until the studio keeps them aside;
    returns the folder."""
    root = studio.studio.folder.root
    click(qtbot, studio, "outline-location:maywood")
    type_into(qtbot, studio, "field-location.maywood.hours", "Mon-Fri 8am-5pm")
    qtbot.waitUntil(autosave_path(root).exists, timeout=AUTOSAVE_MS + 3000)
    return root


def test_unsaved_changes_are_kept_beside_the_folder_and_offered_back(
    qtbot: QtBot, studio: StudioApp
) -> None:
    root = _hours_kept_aside(qtbot, studio)
    assert StudioFolder.open(root).get("location.maywood.hours") == ""  # not saved: kept aside

    starter = StudioStarter()
    opened: list[StudioFolder] = []
    starter.opened.connect(opened.append)
    engine, window = start_window(starter)
    try:
        starter.open_or_offer(root)
        window.show()
        qtbot.waitExposed(window)
        question = find_item(window.contentItem(), "recoveryQuestion")
        assert question is not None and "Restore them?" in question.property("text")
        restore = find_item(window.contentItem(), "recoveryRestore")
        assert restore is not None
        centre = restore.mapToScene(QPointF(restore.width() / 2, restore.height() / 2))
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         centre.toPoint())  # fmt: skip
        qtbot.waitUntil(lambda: len(opened) == 1)
    finally:
        shiboken6.delete(engine)
    assert opened[0].get("location.maywood.hours") == "Mon-Fri 8am-5pm"
    assert opened[0].dirty


def test_a_link_typed_into_a_page_does_not_go_in_and_says_why(
    qtbot: QtBot, studio: StudioApp
) -> None:
    click(qtbot, studio, "outline-page:botox")
    before = studio.studio.folder.get("page.botox.en")
    click(qtbot, studio, "field-page.botox.en")
    QTest.keyClick(studio.window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(studio, "\n\nSee [our site](https://town-pt.com)")
    refusal = find(studio, "refusal-page.botox.en")
    qtbot.waitUntil(refusal.isVisible)
    assert "Links cannot be followed" in refusal.property("text")
    kept = studio.studio.folder.get("page.botox.en")
    # Everything up to the bracket that would make it a link went in; that bracket did not.
    assert kept.startswith(before) and kept.endswith("[our site](https://town-pt.com")
    assert find(studio, "field-page.botox.en").property("text") == kept


def test_format_buttons_write_the_formats_a_page_allows(
    qtbot: QtBot, studio: StudioApp, tmp_path: Path
) -> None:
    click(qtbot, studio, "outline-page:botox")
    click(qtbot, studio, "field-page.botox.en")
    QTest.keyClick(studio.window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(studio, "\n\nAsk about it")
    click(qtbot, studio, "format-heading")
    qtbot.waitUntil(lambda: studio.studio.folder.get("page.botox.en").endswith("\n## Ask about it"))
    type_text(studio, "\n\nwords")
    QTest.keyClick(studio.window, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(studio.window, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    click(qtbot, studio, "format-bold")
    qtbot.waitUntil(lambda: studio.studio.folder.get("page.botox.en").endswith("\nwor**ds**"))


def test_closing_without_saving_forgets_the_changes_kept_aside(
    qtbot: QtBot, studio: StudioApp
) -> None:
    root = _hours_kept_aside(qtbot, studio)
    studio.window.close()
    qtbot.waitUntil(lambda: find(studio, "unsavedDiscard").isVisible())
    click(qtbot, studio, "unsavedDiscard")
    qtbot.waitUntil(lambda: not studio.window.isVisible())
    assert not autosave_path(root).exists()
    assert StudioFolder.open(root).get("location.maywood.hours") == ""

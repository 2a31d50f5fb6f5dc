"""`kiosk studio`: a folder that is not a bundle's is refused; without a folder it asks where to
copy the built-in content; an unsafe illustration is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp
from kiosk.app.studio_run import start_window
from kiosk.cli import main
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui.start import StudioStarter
from tests.studio_ui.helpers import type_in_window
from tests.ui.helpers import find_item


def test_a_folder_without_bundle_toml_is_refused_in_words(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["studio", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "is not a bundle folder" in error and "bundle.toml" in error


def test_an_unsafe_illustration_is_refused_with_the_reason_and_changes_nothing(
    studio: StudioApp, tmp_path: Path
) -> None:
    picture = tmp_path / "drawing.svg"
    picture.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        "<script>alert(1)</script><rect width='10' height='10'/></svg>",
        encoding="utf-8",
    )
    before = studio.studio.folder.get("page.botox.illustration")
    reason = studio.actions.replaceIllustration(
        "page.botox.illustration", QUrl.fromLocalFile(str(picture))
    )
    assert "drawing.svg cannot be used on the kiosk" in reason
    assert studio.studio.folder.get("page.botox.illustration") == before
    assert not studio.studio.dirty


def test_without_a_folder_the_studio_asks_where_to_copy_the_built_in_content(
    qapp: object, qtbot: QtBot, tmp_path: Path
) -> None:
    starter = StudioStarter()
    opened: list[StudioFolder] = []
    starter.opened.connect(opened.append)
    engine, window = start_window(starter)
    try:
        window.show()
        qtbot.waitExposed(window)
        where = find_item(window.contentItem(), "startFolder")
        assert where is not None and where.property("text").endswith("Kiosk content")
        wanted = tmp_path / "Clinic content"
        where.forceActiveFocus()
        QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_in_window(window, str(wanted))  # replaces the selected default
        start = find_item(window.contentItem(), "startCopy")
        assert start is not None
        centre = start.mapToScene(QPointF(start.width() / 2, start.height() / 2)).toPoint()
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        qtbot.waitUntil(lambda: len(opened) == 1)
    finally:
        shiboken6.delete(engine)
    assert opened[0].root == wanted
    assert (wanted / "bundle.toml").is_file()


def test_a_build_without_the_studio_s_views_says_so_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The frozen kiosk build leaves the studio's views out (packaging/kiosk.spec)."""
    monkeypatch.setattr("kiosk.paths.qml_dir", lambda: tmp_path)
    assert main(["studio"]) == 1
    assert "not part of the kiosk build" in capsys.readouterr().err

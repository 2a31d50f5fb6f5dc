"""`kiosk studio FOLDER` on a folder that is not a bundle's: a plain refusal, exit code 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from kiosk.app.studio import StudioApp
from kiosk.cli import main


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

"""`kiosk --bundle FOLDER`: live reload keeping the page; problems as an overlay, not a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.paths import default_bundle_dir
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, go, settle


def authoring_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), folder)
    for generated in ("manifest.json", "manifest.sig"):
        (folder / generated).unlink(missing_ok=True)
    return folder


def test_an_edit_reloads_and_keeps_the_page(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, tmp_path: Path
) -> None:
    folder = authoring_copy(tmp_path)
    kiosk = make_kiosk(preview_folder=folder, preview_readability=False, bundle=None)
    preview = kiosk.preview
    assert preview is not None and not preview.property("problems")
    kiosk.state.start()
    settle(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-botox"), clock)
    title = find(kiosk, "pageTitle", in_page=True)
    page = folder / "pages" / "botox.en.md"
    original = page.read_text(encoding="utf-8")

    # An edit: the page shows it at once, and stays the page on screen.
    edited = original.replace("# ", "# Edited: ", 1)
    with qtbot.waitSignal(preview.reloaded, timeout=5000):
        page.write_text(edited, encoding="utf-8")
    qtbot.waitUntil(lambda: str(title.property("text")).startswith("Edited: "))
    assert kiosk.state.routeId == "botox"

    # A mistake: a readable overlay, the last valid version stays on screen.
    manifest = folder / "bundle.toml"
    good = manifest.read_text(encoding="utf-8")
    with qtbot.waitSignal(preview.failed, timeout=5000):
        manifest.write_text(good.replace('id = "botox"', 'id = "Botox!"'), encoding="utf-8")
    overlay = find(kiosk, "previewOverlay")
    assert overlay.isVisible()
    assert "problem" in str(find(kiosk, "previewSummary").property("text"))
    assert any("treatments[2].id" in p for p in preview.property("problems"))
    assert str(title.property("text")).startswith("Edited: ")

    # Fixed again: the overlay goes.
    with qtbot.waitSignal(preview.reloaded, timeout=5000):
        manifest.write_text(good, encoding="utf-8")
    assert not overlay.isVisible()
    assert kiosk.state.routeId == "botox"


def test_a_broken_folder_at_start_shows_the_overlay(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    folder = authoring_copy(tmp_path)
    (folder / "pages" / "surgery.es.md").unlink()
    kiosk = make_kiosk(preview_folder=folder, preview_readability=False)
    assert kiosk.preview is not None
    problems = kiosk.preview.property("problems")
    assert any("surgery.es.md" in p for p in problems)
    assert find(kiosk, "previewOverlay").isVisible()
    assert kiosk.state.bundle.id  # the app runs, on the default bundle

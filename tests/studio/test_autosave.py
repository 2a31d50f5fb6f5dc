"""Unsaved changes survive a crash: kept beside the folder, offered back, gone after a save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.studio.autosave import discard_autosave, find_autosave, recover, write_autosave
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder, autosave_path
from kiosk.studio.illustrations import set_illustration
from tests.content.pngcraft import png
from tests.studio.conftest import files_of

NOW = dt.datetime(2026, 11, 29, 23, 0, tzinfo=dt.UTC)


def test_unsaved_changes_are_offered_back_after_a_crash(
    studio: StudioFolder, tmp_path: Path
) -> None:
    before = files_of(studio.root)
    studio.set("location.maywood.phone", "(201) 555-0134")
    text = studio.get("page.botox.es").replace("# Inyecciones de bótox", "# Bótox", 1)
    studio.set("page.botox.es", text)
    image = tmp_path / "shot.png"
    image.write_bytes(png(8, 8))
    set_illustration(studio, "surgery", image)
    write_autosave(studio, now=NOW)
    del studio  # the studio crashed here

    path = autosave_path(tmp_path / "clinic")
    assert path.parent == tmp_path  # beside the folder, never inside it
    assert files_of(tmp_path / "clinic") == before
    info = find_autosave(tmp_path / "clinic")
    assert info is not None
    assert (info.saved_at, info.pages, info.folder_changed_since) == (NOW, 1, False)

    back = recover(tmp_path / "clinic")
    assert back.dirty
    assert back.get("location.maywood.phone") == "(201) 555-0134"
    assert back.get("page.botox.es") == text
    assert back.get("page.surgery.illustration") == "images/surgery.png"
    back.save()
    assert not path.exists()  # deleted after the save
    assert find_autosave(back.root) is None
    assert (back.root / "images" / "surgery.png").read_bytes() == image.read_bytes()
    assert StudioFolder.open(back.root).get("location.maywood.phone") == "(201) 555-0134"


def test_a_hand_edit_since_the_autosave_is_pointed_out(studio: StudioFolder) -> None:
    studio.set("location.emerson.hours", "Mon-Fri 9am-5pm")
    write_autosave(studio, now=NOW)
    toml = studio.root / "bundle.toml"
    toml.write_text(toml.read_text("utf-8") + "# edited by hand\n", "utf-8")
    info = find_autosave(studio.root)
    assert info is not None and info.folder_changed_since
    discard_autosave(studio.root)
    assert find_autosave(studio.root) is None
    assert StudioFolder.open(studio.root).get("location.emerson.hours") == ""


def test_nothing_unsaved_leaves_no_autosave(studio: StudioFolder) -> None:
    write_autosave(studio, now=NOW)
    assert find_autosave(studio.root) is None
    studio.set("location.emerson.hours", "Mon-Fri 9am-5pm")
    write_autosave(studio, now=NOW)
    studio.save()
    write_autosave(studio, now=NOW)
    assert find_autosave(studio.root) is None


def test_an_autosave_that_cannot_be_written_says_so(studio: StudioFolder) -> None:
    autosave_path(studio.root).mkdir()  # something else is in the way
    studio.set("location.emerson.hours", "Mon-Fri 9am-5pm")
    with pytest.raises(FieldError, match="could not be kept beside the folder"):
        write_autosave(studio, now=NOW)
    assert studio.dirty and studio.get("location.emerson.hours") == "Mon-Fri 9am-5pm"

"""The studio's fields: fill them in, save, reopen; bundle.toml keeps its hand-written layout."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from kiosk.content.validate import validate_folder
from kiosk.paths import default_bundle_dir
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import SaveError, StudioFolder

MAYWOOD = {
    "location.maywood.address": "12 West Pleasant Avenue",
    "location.maywood.phone": "(201) 555-0134",
    "location.maywood.hours": "Mon-Fri 8am-6pm",
    "location.maywood.notes.en": "Parking is behind the building.",
    "location.maywood.notes.es": "El estacionamiento está detrás del edificio.",
}
_KEY = re.compile(r"^(\[\[?[^\]]+\]\]?|[A-Za-z_]+)\s*(=|$)")


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def keys(text: str) -> list[str]:
    """Table headers and keys, in the order the file has them."""
    return [m.group(1) for line in text.splitlines() if (m := _KEY.match(line))]


def test_starting_from_the_builtin_bundle_copies_its_authoring_source(tmp_path: Path) -> None:
    folder = StudioFolder.start_from_builtin(tmp_path / "copy")
    assert not (folder.root / "manifest.json").exists()
    assert not (folder.root / "manifest.sig").exists()
    original = (default_bundle_dir() / "bundle.toml").read_text("utf-8")
    assert (folder.root / "bundle.toml").read_text("utf-8") == original
    assert not folder.dirty
    with pytest.raises(FieldError, match="not empty"):
        StudioFolder.start_from_builtin(tmp_path / "copy")
    (tmp_path / "a-file").write_text("")
    with pytest.raises(FieldError, match="not empty"):
        StudioFolder.start_from_builtin(tmp_path / "a-file")


def test_maywood_filled_in_saved_and_reopened_keeps_values_comments_and_order(
    studio: StudioFolder,
) -> None:
    before = (studio.root / "bundle.toml").read_text("utf-8")
    for path, value in MAYWOOD.items():
        studio.set(path, value)
    assert studio.dirty
    studio.save()
    assert not studio.dirty

    after = (studio.root / "bundle.toml").read_text("utf-8")
    assert comments(after) == comments(before)
    order = keys(before)
    # Each location's table ends with its "lon"; Maywood's is the one at its place in the list.
    place = [loc["id"] for loc in tomllib.loads(before)["locations"]].index("maywood")
    end_of_maywood = [i for i, key in enumerate(order) if key == "lon"][place] + 1
    new = ["address", "phone", "hours", "notes"]
    assert keys(after) == order[:end_of_maywood] + new + order[end_of_maywood:]
    # The new keys sit inside Maywood's table, not after the comments of the next one.
    maywood = after.split('id = "maywood"')[1].split("[[locations]]")[0]
    assert 'address = "12 West Pleasant Avenue"' in maywood
    assert "#" not in maywood

    reopened = StudioFolder.open(studio.root)
    for path, value in MAYWOOD.items():
        assert reopened.get(path) == value
    bundle, problems = validate_folder(studio.root, readability_checks=False)
    assert bundle is not None, problems.errors
    maywood_location = next(loc for loc in bundle.locations if loc.id == "maywood")
    assert maywood_location.address == "12 West Pleasant Avenue"
    assert maywood_location.notes == {
        "en": MAYWOOD["location.maywood.notes.en"],
        "es": MAYWOOD["location.maywood.notes.es"],
    }


def test_hand_edits_and_studio_edits_mix(studio: StudioFolder) -> None:
    studio.set("location.emerson.phone", "(201) 555-0199")
    studio.save()
    toml = studio.root / "bundle.toml"
    text = toml.read_text("utf-8").replace('town = "Clifton"', 'town = "Clifton"  # by hand')
    toml.write_text(text.replace('greeting = "Welcome"', 'greeting = "Hello"'), "utf-8")

    again = StudioFolder.open(studio.root)
    assert again.get("ui.en.greeting") == "Hello"
    assert again.get("location.emerson.phone") == "(201) 555-0199"
    again.set("location.clifton.town", "Clifton City")
    again.save()
    assert 'town = "Clifton City"  # by hand' in toml.read_text("utf-8")


def test_a_refused_value_changes_nothing(studio: StudioFolder) -> None:
    refusals = {
        "location.maywood.lat": ("95", "from -90 to 90"),
        "location.maywood.lon": ("west", "must be a number"),
        "location.maywood.state": ("New Jersey", "two capital letters"),
        "location.maywood.town": ("", "cannot be empty"),
        "location.maywood.link": ("town-pt.com/maywood", "https://"),
        "location.maywood.phone": ("555\n0134", "one line"),
        "organization.website": ("http://town-pt.com", "https://"),
        "languages": ("en, english", "not a language code"),
        "ui.en.greeting": ("Hi\u202e there", "invisible"),
        "ui.fr.greeting": ("Bonjour", "no language"),
        "review.botox": ("Dr. Ruiz", "sign-off"),
    }
    before = {path: studio.get(path) for path in refusals if not path.startswith("ui.fr")}
    for path, (value, reason) in refusals.items():
        with pytest.raises(FieldError, match=re.escape(reason)):
            studio.set(path, value)
    assert {path: studio.get(path) for path in before} == before
    assert not studio.dirty
    with pytest.raises(FieldError, match="no location"):
        studio.get("location.hoboken.town")


def test_page_text_is_saved_only_when_changed(studio: StudioFolder) -> None:
    botox = studio.root / "pages" / "botox.en.md"
    causes = studio.root / "pages" / "causes.en.md"
    causes_stat = causes.stat()
    text = studio.get("page.botox.en")
    studio.set("page.botox.en", text.replace("\n\n", "\n\nA new short line.\n\n", 1))
    with pytest.raises(FieldError, match="Links cannot"):
        studio.set("page.botox.en", text + "\nSee [our site](https://town-pt.com).\n")
    studio.save()
    assert "A new short line." in botox.read_text("utf-8")
    assert causes.stat().st_ino == causes_stat.st_ino  # never rewritten
    assert causes.stat().st_mtime_ns == causes_stat.st_mtime_ns


def test_untranslated_lists_what_one_language_lacks(studio: StudioFolder) -> None:
    assert studio.untranslated() == []
    studio.set("location.maywood.notes.en", "Parking is behind the building.")
    studio.set("ui.es.greeting", "")
    studio.set("page.surgery.es", "")
    assert studio.untranslated() == [
        "page.surgery.es",
        "location.maywood.notes.es",
        "ui.es.greeting",
    ]


def test_fields_describe_every_form_field(studio: StudioFolder) -> None:
    fields = {field.path: field for field in studio.fields()}
    assert fields["location.maywood.address"].label == "Street address"
    assert fields["location.maywood.address"].group == "Location: Maywood"
    assert not fields["location.maywood.address"].required
    assert fields["page.botox.es"].language == "es"
    assert fields["page.botox.es"].multiline
    assert fields["page.disclaimer.en"].kind == "markdown"
    assert "page.disclaimer.illustration" not in fields
    assert fields["review.disclaimer"].kind == "review"
    assert fields["ui.es.touch_to_start"].label == "Touch to start"
    for path in fields:
        studio.get(path)  # every listed field can be read


def test_a_folder_that_cannot_be_written_keeps_the_changes(studio: StudioFolder) -> None:
    text = studio.get("page.botox.en") + "\nOne more line.\n"
    studio.set("page.botox.en", text)
    pages = studio.root / "pages"
    shutil.rmtree(pages)
    pages.write_text("a file where the pages folder was")
    with pytest.raises(SaveError, match="could not be saved"):
        studio.save()
    assert studio.dirty
    assert studio.get("page.botox.en") == text

"""Narration units are what the patient sees, in the order it is shown; the index is strict."""

from __future__ import annotations

import html
import re
from typing import Any

import msgspec
import pytest

from kiosk.content.bundle import Bundle
from kiosk.content.narration_index import NarrationError, NarrationIndex, read_index
from kiosk.content.narration_units import (
    disclaimer_units,
    location_units,
    page_units,
    spoken_parts,
    template_parts,
    text_key,
)
from kiosk.content.validate import validate_folder
from kiosk.paths import default_bundle_dir
from kiosk.patient.locations import Locations
from kiosk.patient.pages import Content


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    loaded, problems = validate_folder(default_bundle_dir(), readability_checks=False)
    assert loaded is not None, problems.errors
    return loaded


def _shown(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _rows_text(blocks: list[dict[str, Any]]) -> list[str]:
    """The texts Paragraphs.qml draws for a page's blocks, top to bottom."""
    out: list[str] = []
    for block in blocks:
        if block["kind"] == "callout":
            out.append(block["label"])
            out += [_shown(row["text"]) for row in block["rows"]]
        else:
            out.append(_shown(block["text"]))
    return [t for t in out if t]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page_id", ["causes", "medications", "home-care"])
def test_page_units_are_what_the_content_page_shows(
    bundle: Bundle, lang: str, page_id: str
) -> None:
    info = Content(bundle, lang).page(page_id, lang)
    seen = [info["title"], *_rows_text(info["summary"])]
    for section in info["sections"]:
        seen += [section["heading"], *_rows_text(section["blocks"])]
    page = next(p for p in bundle.pages if p.id == page_id)
    units = page_units(page.text[lang], bundle.ui(lang))
    assert list(units) == seen
    # A real page: callouts are read with their title, before their text.
    if page_id == "causes":
        assert bundle.ui(lang)["callout_emergency"] in units


def test_disclaimer_units_are_what_every_page_shows_under_it(bundle: Bundle) -> None:
    info = Content(bundle, "es").page("botox", "es")
    seen = [info["disclaimerTitle"], *_rows_text(info["disclaimer"])]
    assert list(disclaimer_units(bundle.disclaimer["es"], bundle.ui("es"))) == seen


def test_location_units_follow_the_town_page(bundle: Bundle) -> None:
    detail = Locations(bundle).detail("clifton", "en")
    (clifton,) = [loc for loc in bundle.locations if loc.id == "clifton"]
    ui = bundle.ui("en")
    units = location_units(clifton, bundle.organization, ui, "en", bundle.locations)
    first, second = detail["nearest"]
    assert units == (
        detail["place"],  # "Clifton, NJ"
        "Passaic County",
        detail["organization"],
        ui["call_for_details"],  # the default bundle has no address, phone or hours
        ui["nearest_offices"],
        first["place"],
        f"{first['miles']:.1f} miles from this office",
        second["place"],
        f"{second['miles']:.1f} miles from this office",
        ui["website"],
        detail["websiteLabel"],
        ui["scan_to_take_home"],
    )
    assert units[0] == "Clifton, NJ"


def test_text_key_is_the_displayed_string_whatever_its_spacing_or_normal_form() -> None:
    assert text_key("Find a location") == text_key(" Find  a\nlocation ")
    assert text_key("Sigo aqu\u00ed") == text_key("Sigo aqui\u0301")  # NFC
    assert text_key("Home") != text_key("home")
    assert re.fullmatch(r"[0-9a-f]{16}", text_key("Home"))


def test_a_string_with_a_placeholder_is_spoken_as_clips() -> None:
    assert template_parts("{miles} miles from here") == ("miles from here",)
    assert template_parts("Starting over in {seconds} seconds") == (
        "Starting over in",
        "seconds",
    )
    assert spoken_parts("A {miles} millas de aquí", {"miles": "12.5"}) == (
        "A",
        "12",
        ".",
        "5",
        "millas de aquí",
    )
    assert spoken_parts("Starting over in {seconds} seconds", {"seconds": "30"}) == (
        "Starting over in",
        "30",
        "seconds",
    )


TEXT_FILE = "narration/en/text-x.ogg"


def _index(**page: Any) -> bytes:
    audio = {"file": "narration/en/page-causes.ogg", "duration": 10.0, "said": "0123456789abcdef"}
    audio.update(page)
    return msgspec.json.encode(
        {
            "format": 1,
            "languages": {
                "en": {
                    "voice": "espeak-ng en-us",
                    "pages": {"causes": audio},
                    "texts": {
                        text_key("Home"): {"file": "narration/en/text-x.ogg", "duration": 0.5}
                    },
                }
            },
        }
    )


def test_index_lookup_by_language_and_page_or_shown_text() -> None:
    index = read_index(_index(cues=[{"unit": 0, "at": 0.0}, {"unit": 1, "at": 2.5}]))
    assert isinstance(index, NarrationIndex)
    page = index.page("en", "causes")
    assert page is not None
    assert [(c.unit, c.at) for c in page.cues] == [(0, 0.0), (1, 2.5)]
    assert index.page("es", "causes") is None
    assert index.page("en", "botox") is None
    clip = index.text("en", "Home ")
    assert clip is not None and clip.file == "narration/en/text-x.ogg"
    assert index.text("en", "Back") is None
    assert index.files() == ("narration/en/page-causes.ogg", "narration/en/text-x.ogg")


@pytest.mark.parametrize(
    ("page", "why"),
    [
        ({"cues": [{"unit": 1, "at": 0.0}, {"unit": 0, "at": 2.0}]}, "reading order"),
        ({"cues": [{"unit": 0, "at": 3.0}, {"unit": 1, "at": 2.0}]}, "reading order"),
        ({"cues": [{"unit": 0, "at": 0.0}, {"unit": 1, "at": 11.0}]}, "after the end"),
        ({"cues": [{"unit": 0, "at": -1.0}]}, ">= 0.0"),
        ({"cues": [{"unit": 0, "at": 0.0}], "duration": 7200.0}, "<= 3600.0"),
        ({"cues": []}, "length >= 1"),
        ({"cues": [{"unit": 0, "at": 0.0}], "file": "../x.ogg"}, "matching regex"),
        ({"cues": [{"unit": 0, "at": 0.0}], "file": "narration/en/page.wav"}, "matching regex"),
        ({"cues": [{"unit": 0, "at": 0.0}], "volume": 1}, "unknown field"),
        ({"cues": [{"unit": "0", "at": 0.0}]}, "Expected `int`"),
    ],
)
def test_a_bad_index_is_refused_with_a_plain_message(page: dict[str, Any], why: str) -> None:
    with pytest.raises(NarrationError, match=r"narration/index\.json cannot be used") as caught:
        read_index(_index(**page))
    assert why in str(caught.value)


def test_an_index_of_another_format_or_not_json_is_refused() -> None:
    with pytest.raises(NarrationError):
        read_index(b'{"format": 2, "languages": {}}')
    with pytest.raises(NarrationError):
        read_index(b"OggS")

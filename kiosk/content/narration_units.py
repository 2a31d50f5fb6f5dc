"""What narration reads, unit by unit, in the order the patient app shows it (no Qt, no schema).

A unit is one piece of text the screen draws on its own: a page's title, a paragraph, a heading,
a list item, a callout's title. The bundle build renders one cue per unit
(kiosk/content/narration_build.py), and the patient app numbers its rows with the same units so
that the paragraph being read can be highlighted. Both sides walk the page the same way:

- a content page: its title, its summary blocks, then per `##` section the heading and the
  section's blocks (the disclaimer under every page is a page of its own, "disclaimer");
- blocks: a paragraph or `###` heading is a unit; a list item is a unit (its first paragraph),
  its further paragraphs and nested lists follow as units; a callout is its title (the UI's
  `callout_<level>` text) and then its blocks;
- rows with no text (a list item that starts with a nested list) are not units.

`text_key` names the clip of any string the kiosk shows: the kiosk hashes what it displays.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

from kiosk.content.bundle import (
    Blocks,
    Bundle,
    Callout,
    Heading,
    ListBlock,
    Location,
    Organization,
    PageText,
    Paragraph,
    Spans,
)
from kiosk.content.distances import miles_text, nearest_others

DISCLAIMER_ID = "disclaimer"
LOCATION_PREFIX = "location-"
# The whole numbers a placeholder ({seconds}, {miles}) can be spoken with, plus the text sizes
# the chrome bar's buttons name (ChromeBar.qml: 100, 150 and 200 %), and the clip for a decimal
# point (its key is text_key(".")): the build renders them all in every language.
SPOKEN_NUMBERS = (*range(121), 150, 200)
DECIMAL_POINT = "."
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Patient-facing strings of the app itself, not of the bundle (ClosedScreen.qml, PrivacyNote.qml),
# per language: the screens show both languages at once, so each line is a clip in its language.
APP_TEXTS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "Closed",
        "Touch the screen to wake it.",
        "This kiosk counts which pages are opened. It does not record who you are.",
    ),
    "es": (
        "Cerrado",
        "Toque la pantalla para encenderla.",
        "Este quiosco cuenta qué páginas se abren. No registra quién es usted.",
    ),
}


def text_key(s: str) -> str:
    """The clip name of a displayed string: 16 hex digits of the SHA-256 of its NFC form with
    whitespace collapsed (so a line break in the source does not change the key)."""
    normal = " ".join(unicodedata.normalize("NFC", s).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def units_key(units: Sequence[str]) -> str:
    """What a page's narration was made from: 16 hex digits of the SHA-256 of its units, each
    as text_key normalises it. Kept in the index, so narration of an earlier text is caught."""
    normal = "\x1f".join(" ".join(unicodedata.normalize("NFC", u).split()) for u in units)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def plain(spans: Spans) -> str:
    """Spans as the words they say: styles dropped, whitespace collapsed."""
    return " ".join("".join(span.text for span in spans).split())


def _row_units(blocks: Blocks) -> Iterator[str]:
    """The rows Paragraphs.qml draws for text blocks (kiosk/patient/pages.py `_rows`)."""
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield plain(block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _row_units(item)


def _block_units(blocks: Blocks, ui: Mapping[str, str]) -> Iterator[str]:
    """A page's blocks (pages.py `blocks`): text rows, and callouts with their title first."""
    for block in blocks:
        if isinstance(block, Callout):
            yield ui[f"callout_{block.level}"]
            yield from _row_units(block.blocks)
        else:
            yield from _row_units((block,))


def _units(texts: Iterator[str]) -> tuple[str, ...]:
    return tuple(t for t in (" ".join(s.split()) for s in texts) if t)


def page_units(text: PageText, ui: Mapping[str, str]) -> tuple[str, ...]:
    """An about or treatment page: title, summary, then each section's heading and blocks."""

    def walk() -> Iterator[str]:
        yield text.title
        yield from _block_units(text.summary, ui)
        for section in text.sections:
            yield section.heading
            yield from _block_units(section.blocks, ui)

    return _units(walk())


def disclaimer_units(text: PageText, ui: Mapping[str, str]) -> tuple[str, ...]:
    """The disclaimer as every page shows it under its sections: its title, then its blocks
    (its `##` headings are not shown, so they are not read)."""

    def walk() -> Iterator[str]:
        yield text.title
        yield from _block_units(text.blocks, ui)

    return _units(walk())


def place(location: Location) -> str:
    """A town page's title, as LocationDetail.qml shows it."""
    return f"{location.town}, {location.state}"


def website_label(organization: Organization) -> str:
    return organization.website.removeprefix("https://").removesuffix("/")


def location_units(
    location: Location,
    organization: Organization,
    ui: Mapping[str, str],
    lang: str,
    locations: Sequence[Location] = (),
) -> tuple[str, ...]:
    """A town page (LocationDetail.qml): what does not depend on where the kiosk stands.
    "You are here" and the distance change with the kiosk's own location: the kiosk speaks them
    as text clips, not as part of the page. `locations`: all of the bundle's, for the nearest
    other offices the page names."""

    def walk() -> Iterator[str]:
        yield place(location)
        if location.county and ui.get("county"):
            yield ui["county"].replace("{county}", location.county)
        yield organization.name
        fields = [
            (key, value)
            for key, value in (
                ("address", location.address),
                ("phone", location.phone),
                ("hours", location.hours),
            )
            if value
        ]
        for key, value in fields:
            yield ui[key]
            yield value
        if not fields:
            yield ui["call_for_details"]
        yield (location.notes or {}).get(lang, "")
        nearest = nearest_others(locations, location) if ui.get("nearest_offices") else []
        if nearest:
            yield ui["nearest_offices"]
        for other, miles in nearest:
            yield place(other)
            yield miles_text(ui.get("miles_from_office", ""), miles)
        yield ui["website"]
        yield website_label(organization)
        yield ui["scan_to_take_home"]

    return _units(walk())


def location_page_id(location_id: str) -> str:
    return LOCATION_PREFIX + location_id


def template_parts(template: str) -> tuple[str, ...]:
    """The fixed words around a string's placeholders ("{miles} miles from here" -> "miles from
    here"): each is a text clip of its own."""
    return _units(iter(_PLACEHOLDER.split(template)))


def spoken_parts(template: str, values: Mapping[str, str]) -> tuple[str, ...]:
    """The clips that say a string with its placeholders filled, in order: fixed words, whole
    numbers, and the decimal point ("12.5" -> "12", ".", "5"). `values` holds each placeholder's
    text as the screen shows it, such as {"miles": "12.5"}."""
    parts: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[at : match.start()])
        number = values.get(match.group()[1:-1], "")
        whole, point, fraction = number.partition(DECIMAL_POINT)
        parts += [whole, point, fraction]
        at = match.end()
    parts.append(template[at:])
    return _units(iter(parts))


def bundle_pages(bundle: Bundle, lang: str) -> dict[str, tuple[str, ...]]:
    """Every narrated page of a bundle in one language: page id -> its units."""
    ui = bundle.ui(lang)
    pages = {page.id: page_units(page.text[lang], ui) for page in bundle.pages}
    pages[DISCLAIMER_ID] = disclaimer_units(bundle.disclaimer[lang], ui)
    for location in bundle.locations:
        units = location_units(location, bundle.organization, ui, lang, bundle.locations)
        pages[location_page_id(location.id)] = units
    return pages

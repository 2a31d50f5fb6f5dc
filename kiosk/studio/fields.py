"""The studio's fields: what each path names, its label in plain words, and the shape it must have.

Paths (each segment an id or a language code, which never hold a dot):

- `organization.name`, `organization.website`
- `languages`: codes separated by commas ("en, es"); the first is the default
- `ui.<lang>.<key>`: a label on the patient screens (keys: kiosk/content/manifest.py UI_KEYS)
- `location.<id>.<field>`: town, state, county, address, phone, hours, link, lat, lon
- `location.<id>.notes.<lang>`: a note for patients about that location
- `page.<page-id>.<lang>`: a page's whole Markdown text (page ids: the about pages, the
  treatments, `disclaimer`)
- `page.<page-id>.illustration`: the page's picture, a path inside the folder (kiosk/studio/
  illustrations.py adds or replaces one)
- `review.<page-id>`: the clinician's review, read only here (kiosk/studio/signoff.py records it)

`check_*` functions check the shape of one value at once and raise FieldError in plain words;
rules that need the whole bundle (a treatment's five sections, reading level) are the live checks'
(kiosk/studio/checks.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from kiosk.content.patterns import is_lang
from kiosk.content.text_check import text_problems

FieldKind = Literal["text", "number", "markdown", "image", "review", "languages"]

LOCATION_TEXT = ("town", "state", "county", "address", "phone", "hours", "link")
LOCATION_NUMBERS = ("lat", "lon")
LOCATION_REQUIRED = frozenset({"town", "state", "lat", "lon"})
LOCATION_LABELS = {
    "town": "Town",
    "state": "State (two letters)",
    "county": "County",
    "address": "Street address",
    "phone": "Phone number",
    "hours": "Opening hours",
    "link": "Web page of this location",
    "lat": "Latitude (map position)",
    "lon": "Longitude (map position)",
}
_RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}
_STATE = re.compile(r"[A-Z]{2}")
_WEBSITE = re.compile(r"https://[^\s/$.?#][^\s]*")
SHORT_MAX = 200
URL_MAX = 500


class FieldError(ValueError):
    """A value a field cannot hold, said in plain words; the field keeps its old value."""


@dataclass(frozen=True)
class FieldInfo:
    path: str
    label: str  # in plain words, for the form
    group: str  # the form section it belongs to ("Practice", "Location: Maywood", ...)
    language: str | None  # the language of its text, None when it has none
    multiline: bool
    required: bool
    kind: FieldKind


def label_of_key(key: str) -> str:
    """`touch_to_start` -> "Touch to start"."""
    return key.replace("_", " ").capitalize()


def check_short(label: str, value: str, *, required: bool) -> None:
    """A one-line text of at most SHORT_MAX characters, empty only where allowed."""
    if not value.strip():
        if required:
            raise FieldError(f"{label} cannot be empty.")
        return
    if "\n" in value or "\r" in value:
        raise FieldError(f"{label} must fit on one line.")
    if len(value) > SHORT_MAX:
        raise FieldError(f"{label} is {len(value)} characters long; at most {SHORT_MAX} fit.")
    _check_visible(label, value)


def _check_visible(label: str, value: str) -> None:
    problems = text_problems(value, prose=False)
    if problems:
        raise FieldError(f"{label} {problems[0]}.")


def check_website(label: str, value: str, *, required: bool) -> None:
    if not value and not required:
        return
    if len(value) > URL_MAX or not _WEBSITE.fullmatch(value):
        raise FieldError(
            f"{label} must be a web address starting with https://, such as https://example.com."
        )


def check_state(value: str) -> None:
    if not _STATE.fullmatch(value):
        raise FieldError("State must be two capital letters, such as NJ.")


def parse_number(name: str, value: str) -> float:
    """A latitude or longitude typed as text, within its range."""
    label = LOCATION_LABELS[name]
    try:
        number = float(value.strip())
    except ValueError:
        raise FieldError(f"{label} must be a number, such as 40.903.") from None
    low, high = _RANGES[name]
    if not math.isfinite(number) or not low <= number <= high:
        raise FieldError(f"{label} must be a number from {low:g} to {high:g}.")
    return number


def parse_languages(value: str) -> list[str]:
    codes = [part.strip() for part in re.split(r"[,\s]+", value) if part.strip()]
    if not codes:
        raise FieldError("At least one language is needed.")
    for code in codes:
        if not is_lang(code):
            raise FieldError(f'"{code}" is not a language code; use codes such as en, es or pt-BR.')
    if len(set(codes)) != len(codes):
        raise FieldError("A language is listed more than once.")
    if len(codes) > 8:
        raise FieldError("A bundle can have at most 8 languages.")
    return codes


def split_path(path: str) -> list[str]:
    parts = path.split(".")
    if not all(parts):
        raise FieldError(f'"{path}" is not a field of the bundle.')
    return parts

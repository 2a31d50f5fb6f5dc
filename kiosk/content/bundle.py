"""A validated bundle as the app shows it: plain frozen dataclasses, every page split per language.

This module imports nothing beyond the standard library on purpose: the patient app builds a
Bundle at every start from the store's ready copy (kiosk/store/ready.py), and loading the
schema (pydantic) or the Markdown parser there would double the start-up time. Validation
(kiosk/content/validate.py) is the only place that turns an authoring folder into a Bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PageKind = Literal["about", "treatment"]


@dataclass(frozen=True)
class Section:
    heading: str
    html: str
    plain: str


@dataclass(frozen=True)
class PageText:
    """One page in one language, split into title, summary and `##` sections."""

    title: str
    summary_html: str
    summary_plain: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Review:
    by: str
    on: dt.date
    due: dt.date


@dataclass(frozen=True)
class Organization:
    name: str
    website: str
    website_qr: tuple[str, ...]  # its QR code: rows of "1"/"0" modules (kiosk/content/qr.py)


@dataclass(frozen=True)
class Location:
    id: str
    town: str
    state: str
    lat: float
    lon: float
    county: str | None = None
    address: str | None = None
    phone: str | None = None
    hours: str | None = None
    notes: Mapping[str, str] | None = None  # language code -> note
    link: str | None = None  # the location's own page, when the bundle gives one
    directions: str = ""  # what its QR code opens (kiosk/content/directions.py)
    directions_qr: tuple[str, ...] = ()  # that code: rows of "1"/"0" modules


@dataclass(frozen=True)
class ContentPage:
    id: str
    kind: PageKind
    illustration: Path
    review: Review
    text: Mapping[str, PageText]  # language code -> text


@dataclass(frozen=True)
class Bundle:
    root: Path
    id: str
    version: int
    languages: tuple[str, ...]  # the first one is the default
    organization: Organization
    locations_illustration: str  # relative to root
    locations: tuple[Location, ...]
    ui_text: Mapping[str, Mapping[str, str]]  # language code -> UI key -> text
    about: tuple[ContentPage, ...]
    treatments: tuple[ContentPage, ...]
    disclaimer: Mapping[str, PageText]

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def pages(self) -> tuple[ContentPage, ...]:
        return self.about + self.treatments

    def ui(self, lang: str) -> Mapping[str, str]:
        return self.ui_text[lang]

    def page_count(self) -> int:
        """Content pages, counted once whatever the number of languages."""
        return len(self.pages) + 1  # + the disclaimer

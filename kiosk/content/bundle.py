"""The bundle model, from validation to screen: plain frozen dataclasses, every page per language.

This module imports nothing beyond the standard library on purpose: the patient app builds a
Bundle at every start from the store's ready copy (kiosk/store/ready.py), and loading the
schema (pydantic) or the Markdown parser there would double the start-up time. The manifest
schema (kiosk/content/manifest.py) validates `Review`, `Organization` and `Location` as they are:
pydantic reads their `__pydantic_config__` and the `Text` / `Range` constraints below, so each
type is defined once. Validation (kiosk/content/validate.py) is the only place that turns an
authoring folder into a Bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from kiosk.content.patterns import ID_MAX_LENGTH, ID_PATTERN, LANG_PATTERN
from kiosk.content.sealed import Digest

PageKind = Literal["about", "treatment"]
CalloutLevel = Literal["emergency", "doctor"]
CALLOUT_LEVELS: tuple[CalloutLevel, ...] = ("emergency", "doctor")

# Unknown keys in bundle.toml are reported (a typo such as `ilustration`), never ignored.
_STRICT: dict[str, str] = {"extra": "forbid"}


# -- constraints the schema applies (they cost nothing when the app builds these types) ---------
@dataclass(frozen=True)
class Text:
    """A string constraint, turned into pydantic's string schema only when the schema is built."""

    pattern: str | None = None
    max_length: int = 200
    strip: bool = True

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)  # pydantic's string schema: a plain dict
        schema.update(min_length=1, max_length=self.max_length, strip_whitespace=self.strip)
        if self.pattern is not None:
            schema["pattern"] = self.pattern
        return schema


@dataclass(frozen=True)
class Range:
    """A number constraint (inclusive bounds), applied by the schema."""

    ge: float
    le: float

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(ge=self.ge, le=self.le)
        return schema


ShortText = Annotated[str, Text()]
StateCode = Annotated[str, Text(pattern=r"^[A-Z]{2}$", strip=False)]
Website = Annotated[str, Text(pattern=r"^https://[^\s/$.?#][^\s]*$", max_length=500, strip=False)]
MapSearch = Annotated[
    str, Text(pattern=r"^https://[^\s/$.?#][^\s]*\{query\}[^\s]*$", max_length=500, strip=False)
]
DEFAULT_DIRECTIONS = "https://www.google.com/maps/search/?api=1&query={query}"
LangCode = Annotated[str, Text(pattern=LANG_PATTERN, strip=False)]
Id = Annotated[str, Text(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, strip=False)]
Latitude = Annotated[float, Range(-90, 90)]
Longitude = Annotated[float, Range(-180, 180)]


# -- what bundle.toml says, as the app uses it -------------------------------------------------
@dataclass(frozen=True)
class Review:
    """A page's clinical review. A draft until a named reviewer and a date are recorded."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    by: ShortText | None = None
    on: dt.date | None = None
    due: dt.date | None = None

    @property
    def is_draft(self) -> bool:
        return self.by is None or self.on is None


@dataclass(frozen=True)
class Organization:
    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    name: ShortText
    website: Website
    # The map search each location's QR code opens; {query} becomes the practice, town and state.
    directions: MapSearch = DEFAULT_DIRECTIONS


@dataclass(frozen=True)
class Location:
    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    id: Id
    town: ShortText
    state: StateCode
    lat: Latitude
    lon: Longitude
    county: ShortText | None = None
    address: ShortText | None = None
    phone: ShortText | None = None
    hours: ShortText | None = None
    notes: Mapping[LangCode, ShortText] | None = None  # language code -> note
    link: Website | None = None  # the location's own page, when the bundle gives one
    # Made at validation (kiosk/content/directions.py), whatever bundle.toml says: what the
    # location's QR code opens, and that code as rows of "1"/"0" modules.
    directions: str = ""
    directions_qr: tuple[str, ...] = ()


# -- page text, parsed from Markdown into the blocks the screen draws (kiosk/content/markup.py) --
@dataclass(frozen=True)
class Span:
    """A run of text with one style. The text is shown as it is: it is never markup."""

    text: str
    strong: bool = False
    emphasis: bool = False


Spans: TypeAlias = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    spans: Spans


@dataclass(frozen=True)
class Heading:
    """A `###` heading inside a section (`#` is the title, `##` starts a section)."""

    spans: Spans


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int  # the first number of an ordered list
    loose: bool  # items separated by blank lines get the space of paragraphs
    items: tuple[tuple[Block, ...], ...]  # each item: its paragraphs and nested lists


@dataclass(frozen=True)
class Callout:
    """A "get help right away" (emergency) or "call your doctor" box, from `> [!EMERGENCY]`."""

    level: CalloutLevel
    blocks: tuple[Block, ...]  # paragraphs and lists


Block: TypeAlias = Paragraph | Heading | ListBlock | Callout
Blocks: TypeAlias = tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: Blocks


@dataclass(frozen=True)
class PageText:
    """One page in one language, split into title, summary and `##` sections."""

    title: str
    summary: Blocks
    sections: tuple[Section, ...]

    @property
    def blocks(self) -> Blocks:
        """Every block of the page after its title, sections' headings left out."""
        return self.summary + tuple(b for s in self.sections for b in s.blocks)


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
    website_qr: tuple[str, ...]  # the website's QR code: rows of "1"/"0" (kiosk/content/qr.py)
    locations_illustration: str  # relative to root
    locations: tuple[Location, ...]
    ui_text: Mapping[str, Mapping[str, str]]  # language code -> UI key -> text
    about: tuple[ContentPage, ...]
    treatments: tuple[ContentPage, ...]
    disclaimer: Mapping[str, PageText]
    disclaimer_review: Review
    # Narration clips whose SHA-256 and size the store left to be checked before each plays
    # (kiosk/content/sealed.py `played_clip`); empty when every file was checked already.
    clip_digests: Mapping[str, Digest] = field(default_factory=dict, compare=False, repr=False)

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

    def drafts(self) -> tuple[str, ...]:
        """The ids of the pages (and "disclaimer") no clinician has reviewed yet."""
        reviews = [(p.id, p.review) for p in self.pages] + [("disclaimer", self.disclaimer_review)]
        return tuple(page_id for page_id, review in reviews if review.is_draft)

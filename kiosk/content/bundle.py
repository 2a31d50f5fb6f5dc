"""A validated bundle as the app uses it: manifest plus every page split per language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.content.manifest import Location, Manifest, Review
from kiosk.content.markup import PageText

PageKind = Literal["about", "treatment"]


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
    manifest: Manifest
    about: tuple[ContentPage, ...]
    treatments: tuple[ContentPage, ...]
    disclaimer: Mapping[str, PageText]

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> int:
        return self.manifest.version

    @property
    def languages(self) -> list[str]:
        return list(self.manifest.languages)

    @property
    def default_language(self) -> str:
        return self.manifest.languages[0]

    @property
    def locations(self) -> list[Location]:
        return list(self.manifest.locations)

    @property
    def pages(self) -> tuple[ContentPage, ...]:
        return self.about + self.treatments

    def ui(self, lang: str) -> Mapping[str, str]:
        return self.manifest.ui[lang]

    def page_count(self) -> int:
        """Content pages, counted once whatever the number of languages."""
        return len(self.pages) + 1  # + the disclaimer

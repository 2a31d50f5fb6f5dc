"""A kiosk Bundle of the unsaved state, for the live preview: always one, even mid-edit.

Validation gives no Bundle while anything is wrong, but the preview must follow the typing: so
this builds the Bundle from the values directly. Pages are parsed by the bundle's own parser
(kiosk/content/markup.py, which keeps results by text, so only the page being typed is parsed
again); a page that does not parse yet (no `# Title` line) shows as it last did; a text not written
yet shows a line saying so, and an empty label shows the first language's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.content.bundle import (
    DEFAULT_DIRECTIONS,
    Bundle,
    ContentPage,
    Location,
    Organization,
    PageKind,
    PageText,
    Paragraph,
    Span,
)
from kiosk.content.directions import with_directions
from kiosk.content.manifest import UI_KEYS
from kiosk.content.markup import split_page
from kiosk.content.qr import qr_rows
from kiosk.studio.document import DISCLAIMER
from kiosk.studio.folder import StudioFolder

NOT_WRITTEN = "This page has no text in this language yet."


def _qr(text: str) -> tuple[str, ...]:
    try:
        return qr_rows(text)
    except ValueError:  # too long for a QR code: the checks say so
        return ()


class SnapshotBuilder:
    """Makes Bundles of one folder's unsaved state; remembers each page's last good parse."""

    def __init__(self, folder: StudioFolder) -> None:
        self.folder = folder
        self._last_good: dict[tuple[str, str], PageText] = {}

    def build(self, root: Path) -> Bundle:
        """The Bundle as the kiosk would show it; `root` holds the files (the mirror)."""
        raw = self.folder.manifest.plain()
        languages = tuple(self.folder.languages)
        organization = _organization(raw.get("organization"))
        return Bundle(
            root=root,
            id=str(raw.get("id", "")),
            version=int(raw.get("version", 1)),
            languages=languages,
            organization=organization,
            website_qr=_qr(organization.website),
            locations_illustration=str(raw.get("locations_illustration", "")),
            locations=tuple(
                with_directions(loc, organization.directions, organization.name)
                for loc in _locations(raw.get("locations"))
            ),
            ui_text=_ui(raw.get("ui"), languages),
            about=self._pages(raw.get("about"), "about", root),
            treatments=self._pages(raw.get("treatments"), "treatment", root),
            disclaimer=self._texts(DISCLAIMER),
            disclaimer_review=self.folder.review(DISCLAIMER),
        )

    def _pages(self, raw: Any, kind: PageKind, root: Path) -> tuple[ContentPage, ...]:
        pages = []
        for entry in raw if isinstance(raw, list) else []:
            page_id = str(entry.get("id", ""))
            pages.append(
                ContentPage(
                    id=page_id,
                    kind=kind,
                    illustration=root / str(entry.get("illustration", "")),
                    review=self.folder.review(page_id),
                    text=self._texts(page_id),
                )
            )
        return tuple(pages)

    def _texts(self, page_id: str) -> dict[str, PageText]:
        return {lang: self._text(page_id, lang) for lang in self.folder.languages}

    def _text(self, page_id: str, lang: str) -> PageText:
        source = self.folder.page_text(page_id, lang)
        page, _ = split_page(source) if source.strip() else (None, [])
        if page is not None:
            self._last_good[(page_id, lang)] = page
            return page
        if source.strip() and (page_id, lang) in self._last_good:
            return self._last_good[(page_id, lang)]
        return PageText(page_id, (Paragraph((Span(NOT_WRITTEN),)),), ())


def _organization(raw: Any) -> Organization:
    values = raw if isinstance(raw, Mapping) else {}
    return Organization(
        name=str(values.get("name", "")),
        website=str(values.get("website", "")),
        directions=str(values.get("directions", DEFAULT_DIRECTIONS)),
    )


def _locations(raw: Any) -> list[Location]:
    out = []
    for entry in raw if isinstance(raw, list) else []:
        notes = entry.get("notes")
        out.append(
            Location(
                id=str(entry.get("id", "")),
                town=str(entry.get("town", "")),
                state=str(entry.get("state", "")),
                lat=_number(entry.get("lat")),
                lon=_number(entry.get("lon")),
                county=_optional(entry, "county"),
                address=_optional(entry, "address"),
                phone=_optional(entry, "phone"),
                hours=_optional(entry, "hours"),
                notes={str(k): str(v) for k, v in notes.items()} if notes else None,
                link=_optional(entry, "link"),
            )
        )
    return out


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _optional(entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return str(value) if value else None


def _ui(raw: Any, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    tables = raw if isinstance(raw, Mapping) else {}
    first = tables.get(languages[0], {}) if languages else {}
    out: dict[str, dict[str, str]] = {}
    for lang in languages:
        own = tables.get(lang, {})
        out[lang] = {key: str(own.get(key) or first.get(key) or "") for key in UI_KEYS}
    return out

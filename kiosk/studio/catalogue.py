"""The list of a folder's fields for the forms, and which of them still need a translation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from kiosk.content.bundle import Review
from kiosk.content.manifest import UI_KEYS
from kiosk.studio.document import DISCLAIMER
from kiosk.studio.fields import (
    LOCATION_LABELS,
    LOCATION_REQUIRED,
    FieldInfo,
    FieldKind,
    label_of_key,
)

if TYPE_CHECKING:
    from kiosk.studio.folder import StudioFolder

PRACTICE = "Practice"
LABELS = "Screen labels"
_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def page_title(folder: StudioFolder, page_id: str) -> str:
    """The page's `# Title` in the first language that has one, else its id."""
    for lang in folder.languages:
        found = _TITLE.search(folder.page_text(page_id, lang))
        if found:
            return found.group(1)
    return page_id


def location_name(folder: StudioFolder, location_id: str) -> str:
    return folder.get(f"location.{location_id}.town") or location_id


def review_words(review: Review) -> str:
    if review.is_draft:
        return "Draft: not reviewed by a clinician yet"
    due = f"; next review due {review.due.isoformat()}" if review.due else ""
    assert review.on is not None
    return f"Reviewed by {review.by} on {review.on.isoformat()}{due}"


def _practice() -> list[FieldInfo]:
    return [
        FieldInfo("organization.name", "Practice name", PRACTICE, None, False, True, "text"),
        FieldInfo("organization.website", "Website", PRACTICE, None, False, True, "text"),
        FieldInfo(
            "languages",
            "Languages (codes such as en, es; the first is the default)",
            PRACTICE,
            None,
            False,
            True,
            "languages",
        ),
    ]


def _pages(folder: StudioFolder) -> list[FieldInfo]:
    out: list[FieldInfo] = []
    for page_id in folder.page_ids():
        group = f"Page: {page_title(folder, page_id)}"
        for lang in folder.languages:
            out.append(
                FieldInfo(f"page.{page_id}.{lang}", "Text", group, lang, True, True, "markdown")
            )
        if page_id != DISCLAIMER:
            path = f"page.{page_id}.illustration"
            out.append(FieldInfo(path, "Illustration", group, None, False, True, "image"))
        out.append(
            FieldInfo(f"review.{page_id}", "Clinical review", group, None, False, False, "review")
        )
    return out


def _locations(folder: StudioFolder) -> list[FieldInfo]:
    out: list[FieldInfo] = []
    for location_id in folder.location_ids():
        group = f"Location: {location_name(folder, location_id)}"
        for key, label in LOCATION_LABELS.items():
            kind: FieldKind = "number" if key in ("lat", "lon") else "text"
            path = f"location.{location_id}.{key}"
            out.append(FieldInfo(path, label, group, None, False, key in LOCATION_REQUIRED, kind))
        for lang in folder.languages:
            path = f"location.{location_id}.notes.{lang}"
            out.append(FieldInfo(path, "Note for patients", group, lang, False, False, "text"))
    return out


def _labels(folder: StudioFolder) -> list[FieldInfo]:
    return [
        FieldInfo(f"ui.{lang}.{key}", label_of_key(key), LABELS, lang, False, True, "text")
        for key in UI_KEYS
        for lang in folder.languages
    ]


def fields(folder: StudioFolder) -> list[FieldInfo]:
    """Every field of the folder, in the order of the forms."""
    return _practice() + _pages(folder) + _locations(folder) + _labels(folder)


def _missing(paths: Iterable[str], value: Callable[[str], str]) -> Iterable[str]:
    """Of one field's paths (one per language), the empty ones, when another one is filled."""
    found = {path: value(path).strip() for path in paths}
    if any(found.values()):
        yield from (path for path, text in found.items() if not text)


def untranslated(folder: StudioFolder) -> list[str]:
    """The fields empty or missing in one language while filled in another."""
    langs = folder.languages
    out: list[str] = []
    for page_id in folder.page_ids():
        out += _missing([f"page.{page_id}.{lang}" for lang in langs], folder.get)
    for location_id in folder.location_ids():
        paths = [f"location.{location_id}.notes.{lang}" for lang in langs]
        out += _missing(paths, folder.get)
    for key in UI_KEYS:
        out += _missing([f"ui.{lang}.{key}" for lang in langs], folder.get)
    return out

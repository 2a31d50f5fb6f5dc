"""bundle.toml as the studio edits it: the tomlkit document and where each part of it lives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import tomlkit
from tomlkit import TOMLDocument
from tomlkit.items import AoT, Table

from kiosk.content.bundle import Review
from kiosk.studio.fields import FieldError
from kiosk.studio.toml_edit import drop, inline, put

DISCLAIMER = "disclaimer"
PAGE_GROUPS = ("about", "treatments")


class ManifestDoc:
    """The parsed bundle.toml, with lookups by page id, location id and language."""

    def __init__(self, text: str) -> None:
        try:
            self.doc: TOMLDocument = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as exc:
            raise FieldError(f"bundle.toml cannot be read: {exc}") from exc

    def dumps(self) -> str:
        return tomlkit.dumps(self.doc)

    def plain(self) -> dict[str, Any]:
        """The values alone, as tomllib would read them."""
        return self.doc.unwrap()

    # -- the parts -----------------------------------------------------------------------
    @property
    def languages(self) -> list[str]:
        langs = self.doc.get("languages")
        return [str(x) for x in langs] if isinstance(langs, list) else []

    def _aot(self, key: str) -> list[Table]:
        value = self.doc.get(key)
        return [t for t in value if isinstance(t, Table)] if isinstance(value, AoT) else []

    def _pages(self) -> Iterator[tuple[str, Table]]:
        for group in PAGE_GROUPS:
            for table in self._aot(group):
                if isinstance(table.get("id"), str):
                    yield str(table["id"]), table
        disclaimer = self.doc.get(DISCLAIMER)
        if isinstance(disclaimer, Table):
            yield DISCLAIMER, disclaimer

    def page_table(self, page_id: str) -> Table:
        for found, table in self._pages():
            if found == page_id:
                return table
        raise FieldError(f'There is no page "{page_id}" in this bundle.')

    def page_stem(self, page_id: str) -> str | None:
        """`pages/x` for the files `pages/x.<lang>.md`; None when bundle.toml names none."""
        stem = self.page_table(page_id).get("text")
        return str(stem) if isinstance(stem, str) else None

    def location_table(self, location_id: str) -> Table:
        for table in self._aot("locations"):
            if table.get("id") == location_id:
                return table
        raise FieldError(f'There is no location "{location_id}" in this bundle.')

    def table(self, *keys: str, create: bool = False) -> Table | None:
        """A nested table such as ("ui", "es"); created (at the end) when asked and missing."""
        current: Any = self.doc
        for key in keys:
            found = current.get(key)
            if not isinstance(found, Table):
                if not create:
                    return None
                found = tomlkit.table()
                current[key] = found
                found = current[key]
            current = found
        return current if isinstance(current, Table) else None

    # -- reviews -------------------------------------------------------------------------
    def review(self, page_id: str) -> Review:
        raw = self.page_table(page_id).get("review")
        if not isinstance(raw, dict):
            return Review()
        return Review(by=_text(raw.get("by")), on=_date(raw.get("on")), due=_date(raw.get("due")))

    def set_review(self, page_id: str, review: Review) -> None:
        values = {
            key: value
            for key, value in (("by", review.by), ("on", review.on), ("due", review.due))
            if value is not None
        }
        table = self.page_table(page_id)
        if values:
            put(table, "review", inline(values))
        else:
            drop(table, "review")


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None

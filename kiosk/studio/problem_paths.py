"""Which studio field a validation problem is about: its file and field path -> a field path.

The validator (kiosk/content/validate.py) names a problem's place by file and by its path in
bundle.toml (`locations[0].lat`, `treatments[2] (en).readability`, `ui.es.greeting`); the studio
names fields by id (`location.maywood.lat`, `page.botox.en`). None when no field holds it.
"""

from __future__ import annotations

import re

from kiosk.content.manifest import MANIFEST_NAME
from kiosk.content.problems import Problem
from kiosk.studio.document import DISCLAIMER, PAGE_GROUPS
from kiosk.studio.folder import StudioFolder

_OWNER = re.compile(
    r"^(?P<group>about|treatments|locations)\[(?P<index>\d+)\]"
    r"(?:\.(?P<field>[a-z_]+))?(?:\.(?P<sub>[a-z_]+))?(?: \((?P<lang>[A-Za-z-]+)\))?"
)
_DISCLAIMER = re.compile(r"^disclaimer(?:\.(?P<field>[a-z_]+))?(?: \((?P<lang>[A-Za-z-]+)\))?")
_UI = re.compile(r"^ui\.(?P<lang>[A-Za-z-]+)\.(?P<key>[a-z_]+)$")
_LOCATION_FIELDS = frozenset(
    {"town", "state", "county", "address", "phone", "hours", "link", "lat", "lon"}
)


class FieldFinder:
    """Maps problems of one folder's state to its field paths."""

    def __init__(self, folder: StudioFolder) -> None:
        self.folder = folder
        raw = folder.manifest.plain()
        self._ids = {group: _ids(raw.get(group)) for group in (*PAGE_GROUPS, "locations")}
        self._page_files: dict[str, str] = {}
        for page_id in folder.page_ids():
            for lang in folder.languages:
                rel = folder.page_file(page_id, lang)
                if rel is not None:
                    self._page_files[rel] = f"page.{page_id}.{lang}"

    def path(self, problem: Problem) -> str | None:
        if problem.file in self._page_files:
            return self._page_files[problem.file]
        if match := _UI.match(problem.path):
            return f"ui.{match['lang']}.{match['key']}"
        if problem.path.startswith(("organization.name", "organization.website")):
            return ".".join(problem.path.split(".")[:2])
        if problem.path.startswith("languages"):
            return "languages"
        if match := _DISCLAIMER.match(problem.path):
            return self._page_field(DISCLAIMER, match["field"], match["lang"])
        if match := _OWNER.match(problem.path):
            return self._owner_field(match)
        return None

    def _owner_field(self, match: re.Match[str]) -> str | None:
        ids = self._ids[match["group"]]
        index = int(match["index"])
        if index >= len(ids) or not ids[index]:
            return None
        if match["group"] == "locations":
            return _location_field(ids[index], match["field"], match["sub"], match["lang"])
        return self._page_field(ids[index], match["field"], match["lang"])

    def _page_field(self, page_id: str, field: str | None, lang: str | None) -> str | None:
        if field == "review":
            return f"review.{page_id}"
        if field == "illustration" and page_id != DISCLAIMER:
            return f"page.{page_id}.illustration"
        if lang is not None:
            return f"page.{page_id}.{lang}"
        return None


def _location_field(
    location_id: str, field: str | None, sub: str | None, lang: str | None
) -> str | None:
    if field == "notes":
        return f"location.{location_id}.notes.{sub or lang}" if (sub or lang) else None
    if field in _LOCATION_FIELDS:
        return f"location.{location_id}.{field}"
    return None


def _ids(raw: object) -> list[str]:
    items = raw if isinstance(raw, list) else []
    return [str(item.get("id", "")) if isinstance(item, dict) else "" for item in items]


def where(problem: Problem) -> str:
    """The problem's place as `kiosk bundle validate` prints it."""
    parts = [part for part in (problem.file, problem.path) if part]
    return ": ".join(parts) if parts else MANIFEST_NAME

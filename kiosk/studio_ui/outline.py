"""What the studio's left list shows (the parts of a bundle, in the order staff think of them)
and how one part's fields are laid out in its form: one row per field, its languages side by
side."""

from __future__ import annotations

from typing import Any

from kiosk.studio.fields import FieldInfo
from kiosk.studio.folder import StudioFolder

DISCLAIMER = "disclaimer"


def entry(key: str, label: str, *, heading: bool = False, indent: int = 0) -> dict[str, Any]:
    return {"key": key, "label": label, "heading": heading, "indent": indent}


def entries(folder: StudioFolder, fields: list[FieldInfo]) -> list[dict[str, Any]]:
    """Organization, Languages, About pages, Treatments, Disclaimer, Locations, Patient labels."""
    titles = {f.path.split(".")[1]: f.group.removeprefix("Page: ") for f in fields if _page(f)}
    towns = {f.path.split(".")[1]: f.group.removeprefix("Location: ") for f in fields if _town(f)}
    groups = folder.manifest.plain()
    out = [entry("organization", "Organization"), entry("languages", "Languages")]
    for group, label in (("about", "About pages"), ("treatments", "Treatments")):
        out.append(entry(group, label, heading=True))
        for table in groups.get(group, []):
            page_id = str(table.get("id", ""))
            if page_id in titles:
                out.append(entry(f"page:{page_id}", titles[page_id], indent=1))
    if DISCLAIMER in titles:
        out.append(entry(f"page:{DISCLAIMER}", "Disclaimer"))
    out.append(entry("locations", "Locations", heading=True))
    out += [entry(f"location:{ident}", town, indent=1) for ident, town in towns.items()]
    out.append(entry("labels", "Patient labels"))
    return out


def _page(field: FieldInfo) -> bool:
    return field.path.startswith("page.")


def _town(field: FieldInfo) -> bool:
    return field.path.startswith("location.")


def entry_of(path: str) -> str:
    """The left-list entry whose form holds the field at `path`."""
    parts = path.split(".")
    head = parts[0]
    if head in ("page", "review") and len(parts) > 1:
        return f"page:{parts[1]}"
    if head == "location" and len(parts) > 1:
        return f"location:{parts[1]}"
    if head == "ui":
        return "labels"
    if head == "languages":
        return "languages"
    return "organization"


def row_key(field: FieldInfo) -> str:
    """Fields that differ only in their language share a row (their path without it)."""
    if field.language is None:
        return field.path
    return ".".join(part for part in field.path.split(".") if part != field.language)


def rows(fields: list[FieldInfo], key: str, folder: StudioFolder) -> list[dict[str, Any]]:
    """The form of one entry: rows of {label, kind, multiline, required, cells}, each cell
    {path, language, value}; languages side by side in the folder's language order."""
    out: dict[str, dict[str, Any]] = {}
    for field in fields:
        if entry_of(field.path) != key:
            continue
        row = out.setdefault(
            row_key(field),
            {
                "key": row_key(field),
                "label": field.label,
                "kind": field.kind,
                "multiline": field.multiline,
                "required": field.required,
                "cells": [],
            },
        )
        row["cells"].append({"path": field.path, "language": field.language or ""})
    for row in out.values():
        for cell in row["cells"]:
            cell["value"] = folder.get(cell["path"])
    return list(out.values())

"""Reading and writing the bundle.toml fields: organization, languages, labels, locations.

Each `set_*` checks the new value's shape first and changes nothing when it is refused. An
optional field set to "" is removed from bundle.toml (the format leaves unknown facts out); a
label set to "" stays, empty, in its place: it is an untranslated label the checks list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.content.manifest import UI_KEYS
from kiosk.studio.document import ManifestDoc
from kiosk.studio.fields import (
    LOCATION_LABELS,
    LOCATION_NUMBERS,
    LOCATION_REQUIRED,
    LOCATION_TEXT,
    FieldError,
    check_short,
    check_state,
    check_website,
    label_of_key,
    parse_languages,
    parse_number,
)
from kiosk.studio.toml_edit import drop, inline, put


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def get_value(raw: Mapping[str, Any], parts: list[str]) -> str:
    """A field's value from bundle.toml's plain values (ManifestDoc.plain())."""
    head, rest = parts[0], parts[1:]
    if head == "organization" and len(rest) == 1 and rest[0] in ("name", "website"):
        return _shown(_table(raw, "organization").get(rest[0]))
    if head == "languages" and not rest:
        languages = raw.get("languages")
        return ", ".join(map(str, languages)) if isinstance(languages, list) else ""
    if head == "ui" and len(rest) == 2:
        return _shown(_table(_table(raw, "ui"), rest[0]).get(rest[1]))
    if head == "location" and len(rest) == 2 and rest[1] in LOCATION_LABELS:
        return _shown(_location(raw, rest[0]).get(rest[1]))
    if head == "location" and len(rest) == 3 and rest[1] == "notes":
        return _shown(_table(_location(raw, rest[0]), "notes").get(rest[2]))
    raise FieldError(f'"{".".join(parts)}" is not a field of the bundle.')


def _table(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, Mapping) else {}


def _location(raw: Mapping[str, Any], location_id: str) -> Mapping[str, Any]:
    locations = raw.get("locations")
    for entry in locations if isinstance(locations, list) else []:
        if isinstance(entry, Mapping) and entry.get("id") == location_id:
            return entry
    raise FieldError(f'There is no location "{location_id}" in this bundle.')


def set_value(doc: ManifestDoc, parts: list[str], value: str) -> None:
    head, rest = parts[0], parts[1:]
    if head == "organization" and len(rest) == 1 and rest[0] in ("name", "website"):
        _set_organization(doc, rest[0], value)
    elif head == "languages" and not rest:
        _set_languages(doc, value)
    elif head == "ui" and len(rest) == 2:
        _set_label(doc, rest[0], rest[1], value)
    elif head == "location" and len(rest) == 2 and rest[1] in LOCATION_LABELS:
        _set_location(doc, rest[0], rest[1], value)
    elif head == "location" and len(rest) == 3 and rest[1] == "notes":
        _set_note(doc, rest[0], rest[2], value)
    else:
        raise FieldError(f'"{".".join(parts)}" is not a field of the bundle.')


def _set_organization(doc: ManifestDoc, key: str, value: str) -> None:
    if key == "name":
        check_short("The practice's name", value, required=True)
    else:
        check_website("The practice's website", value, required=True)
    table = doc.table("organization", create=True)
    assert table is not None
    put(table, key, value)


def _set_languages(doc: ManifestDoc, value: str) -> None:
    doc.doc["languages"] = parse_languages(value)


def _check_language(doc: ManifestDoc, lang: str) -> None:
    if lang not in doc.languages:
        raise FieldError(f'The bundle has no language "{lang}"; add it to the languages first.')


def _set_label(doc: ManifestDoc, lang: str, key: str, value: str) -> None:
    _check_language(doc, lang)
    if key not in UI_KEYS:
        raise FieldError(f'"{key}" is not a label of the patient screens.')
    check_short(label_of_key(key), value, required=False)
    table = doc.table("ui", lang, create=True)
    assert table is not None
    put(table, key, value)


def _set_location(doc: ManifestDoc, location_id: str, key: str, value: str) -> None:
    table = doc.location_table(location_id)
    label = LOCATION_LABELS[key]
    if key in LOCATION_NUMBERS:
        put(table, key, parse_number(key, value))
        return
    assert key in LOCATION_TEXT
    if key == "link":
        check_website(label, value, required=False)
    elif key == "state":
        check_state(value)
    else:
        check_short(label, value, required=key in LOCATION_REQUIRED)
    if value.strip():
        put(table, key, value if key in ("link", "state") else value.strip())
    else:
        drop(table, key)


def _set_note(doc: ManifestDoc, location_id: str, lang: str, value: str) -> None:
    _check_language(doc, lang)
    table = doc.location_table(location_id)
    check_short("The note", value, required=False)
    raw = table.get("notes")
    notes = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    if value.strip():
        notes[lang] = value.strip()
    else:
        notes.pop(lang, None)
    ordered = {code: notes[code] for code in doc.languages if code in notes}
    if ordered:
        put(table, "notes", inline(ordered))
    else:
        drop(table, "notes")

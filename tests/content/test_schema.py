"""The JSON Schema published for editors is the one the model generates."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.content.manifest import UI_KEYS, json_schema

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "bundle-manifest.schema.json"


def test_published_schema_is_up_to_date() -> None:
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert published == json_schema(), (
        "docs/bundle-manifest.schema.json is stale: run "
        "`kiosk bundle schema > docs/bundle-manifest.schema.json`"
    )


def test_schema_lists_every_ui_string_and_forbids_unknown_keys() -> None:
    schema = json_schema()
    ui_strings = schema["properties"]["ui"]["additionalProperties"]
    assert ui_strings["required"] == list(UI_KEYS)
    assert ui_strings["additionalProperties"] is False
    assert schema["additionalProperties"] is False

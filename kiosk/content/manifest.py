"""The authoring manifest (`bundle.toml`): its schema as pydantic models.

Every model forbids unknown keys, so a typo such as `ilustration` is reported instead of being
silently ignored. `Review`, `Organization` and `Location` are the app's own dataclasses
(kiosk/content/bundle.py), validated as they are.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kiosk.content.bundle import Id, LangCode, Location, Organization, Review, ShortText

FORMAT = 1
MANIFEST_NAME = "bundle.toml"

RelPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-./]+$", max_length=200)]

# Every text of the app's chrome; each bundle language must define all of them.
UI_KEYS: tuple[str, ...] = (
    "language_name",
    "greeting",
    "touch_to_start",
    "promise",
    "home",
    "back",
    "next",
    "previous",
    "about_clonus",
    "treatments",
    "find_location",
    "text_size",
    "high_contrast",
    "language",
    "still_there",
    "still_here",
    "resetting_in",
    "you_are_here",
    "website",
    "scan_to_take_home",
    "address",
    "phone",
    "hours",
    "call_for_details",
    "callout_emergency",
    "callout_doctor",
    "jump_to_questions",
    "keypad_help",
    "one_moment",
    "all_topics",
    "more_below",
    "distance",
    "county",
    "nearest_offices",
    "miles_from_office",
    "listen",  # narration (kiosk/patient/narrator.py): the Listen control and its volume
    "pause",
    "resume",
    "volume",
    "quieter",
    "louder",
    "section_what_it_is",
    "section_how_it_can_help",
    "section_what_to_expect",
    "section_things_to_know",
    "section_questions",
)

# The five parts of every treatment page, in order, with the UI key of their heading.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("what_it_is", "section_what_it_is"),
    ("how_it_can_help", "section_how_it_can_help"),
    ("what_to_expect", "section_what_to_expect"),
    ("things_to_know", "section_things_to_know"),
    ("questions", "section_questions"),
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Disclaimer(_Strict):
    text: RelPath
    review: Review = Review()
    names_emergency: bool = Field(
        default=False,
        description="The text names an emergency: every language must have a [!EMERGENCY] callout",
    )


class Page(_Strict):
    id: Id
    text: RelPath = Field(
        description="Page files without the language: `pages/x` means pages/x.<lang>.md"
    )
    illustration: RelPath
    review: Review = Review()
    names_emergency: bool = Field(
        default=False,
        description="The page names an emergency: every language must have a [!EMERGENCY] callout",
    )


class Manifest(_Strict):
    format: Annotated[int, Field(ge=FORMAT, le=FORMAT)]
    id: Id
    version: Annotated[int, Field(ge=1)]
    languages: Annotated[list[LangCode], Field(min_length=1, max_length=8)]
    notices: list[RelPath] = []
    locations_illustration: RelPath
    organization: Organization
    disclaimer: Disclaimer
    about: Annotated[list[Page], Field(min_length=1, max_length=12)]
    treatments: Annotated[list[Page], Field(min_length=1, max_length=12)]
    locations: Annotated[list[Location], Field(min_length=1, max_length=50)]
    ui: dict[LangCode, dict[str, ShortText]]


def json_schema() -> dict[str, Any]:
    """The JSON Schema published for editors (docs/bundle-manifest.schema.json)."""
    schema = Manifest.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kiosk content bundle manifest (bundle.toml)"
    ui = schema["properties"]["ui"]
    ui["additionalProperties"] = {
        "type": "object",
        "properties": {key: {"type": "string"} for key in UI_KEYS},
        "required": list(UI_KEYS),
        "additionalProperties": False,
    }
    return schema

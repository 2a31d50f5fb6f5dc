"""This kiosk's own settings (not part of any bundle), kept in one JSON file in the data folder.

Loading never fails: a missing file gives the defaults, a damaged one is reported, kept aside as
`settings.json.damaged` for whoever investigates, and replaced by the values that could be saved
from it plus defaults.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk import atomic
from kiosk.content.manifest import Id, LangCode, Manifest

SETTINGS_NAME = "settings.json"
IDLE_MIN, IDLE_MAX, IDLE_DEFAULT = 30, 600, 90


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    location_id: Id | None = Field(None, description='the location shown as "You are here"')
    idle_seconds: Annotated[int, Field(ge=IDLE_MIN, le=IDLE_MAX, strict=True)] = IDLE_DEFAULT
    default_language: LangCode | None = Field(None, description="None: the bundle's first one")


def _salvage(raw: Any) -> Settings:
    """The fields that are valid on their own; defaults for the rest."""
    if not isinstance(raw, dict):
        return Settings()
    good: dict[str, Any] = {}
    for name in Settings.model_fields:
        if name in raw:
            try:
                Settings.model_validate({name: raw[name]})
            except ValidationError:
                continue
            good[name] = raw[name]
    return Settings.model_validate(good)


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings and, when the file was damaged, one sentence for staff saying so."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"The settings file could not be read ({exc.strerror}); using defaults."
    raw: Any = None
    try:
        raw = json.loads(data.decode("utf-8"))
        return Settings.model_validate(raw), None
    except (UnicodeDecodeError, json.JSONDecodeError):
        settings = Settings()
        warning = "The settings file was damaged and has been reset to the defaults."
    except ValidationError as exc:
        settings = _salvage(raw)
        fields = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}) or ["the file"]
        warning = f"Some settings were invalid ({', '.join(fields)}) and were reset to defaults."
    # Keep the damaged file for diagnosis, then store what is now in effect. A read-only disk
    # must not stop the kiosk: the settings in memory are still good.
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
        save_settings(path, settings)
    return settings, warning


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_json(path, settings.model_dump(mode="json"))


def check_against(settings: Settings, manifest: Manifest) -> list[str]:
    """Settings the active bundle cannot honour (the app then uses the bundle's defaults)."""
    problems = []
    if settings.location_id is not None and settings.location_id not in {
        loc.id for loc in manifest.locations
    }:
        problems.append(f"The location {settings.location_id!r} is not in the active bundle.")
    if settings.default_language is not None and settings.default_language not in (
        manifest.languages
    ):
        problems.append(f"The language {settings.default_language!r} is not in the active bundle.")
    return problems

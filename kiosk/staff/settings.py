"""This kiosk's own settings (not part of any bundle), kept in one JSON file in the data folder.

Loading never fails: a missing file gives the defaults, a damaged one is reported, kept aside as
`settings.json.damaged` for whoever investigates, and replaced by the values that could be saved
from it plus defaults.

Standard library only: the patient app loads this at every start, and pydantic would add about
180 ms and 20 MiB to it (see bench/bench_ui.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk import atomic
from kiosk.content.patterns import ID_MAX_LENGTH, is_id, is_lang
from kiosk.statefile import StateFileError, parse_json, read_bytes

SETTINGS_NAME = "settings.json"
IDLE_MIN, IDLE_MAX, IDLE_DEFAULT = 30, 600, 90
# Narration: where it plays (kiosk/speech/volume.py says what headphones change) and the volume
# every patient starts with, in steps of 20 %.
NARRATION_OUTPUTS = ("speaker", "headphones", "none")
VOLUME_STEP, VOLUME_DEFAULT = 20, 60


def _optional_id(value: object) -> str | None:
    if value is None or is_id(value):
        return None
    return f"must be an id (lowercase letters, digits and hyphens, at most {ID_MAX_LENGTH})"


def _idle(value: object) -> str | None:
    # Strict, as before: no bool (an int subclass), no float, no numeric string.
    if isinstance(value, int) and not isinstance(value, bool) and IDLE_MIN <= value <= IDLE_MAX:
        return None
    return f"must be a whole number of seconds from {IDLE_MIN} to {IDLE_MAX}"


def _optional_lang(value: object) -> str | None:
    if value is None or is_lang(value):
        return None
    return "must be a language code such as 'en' or 'pt-BR'"


def _narration_output(value: object) -> str | None:
    if value in NARRATION_OUTPUTS:
        return None
    return "must be one of " + ", ".join(NARRATION_OUTPUTS)


def _volume(value: object) -> str | None:
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and VOLUME_STEP <= value <= 100
        and value % VOLUME_STEP == 0
    ):
        return None
    return f"must be a whole percentage from {VOLUME_STEP} to 100 in steps of {VOLUME_STEP}"


# Each field's check: None when the value is fine, else what is wrong with it.
_CHECKS: dict[str, Callable[[object], str | None]] = {
    "location_id": _optional_id,
    "idle_seconds": _idle,
    "default_language": _optional_lang,
    "narration_output": _narration_output,
    "narration_volume": _volume,
}


class InvalidSettings(ValueError):
    """Settings data that does not fit.

    `fields` names the offending keys (unknown ones included; empty when the data is not even a
    JSON object) and `salvaged` holds the valid fields on their own plus defaults for the rest.
    """

    def __init__(self, fields: list[str], salvaged: Settings) -> None:
        super().__init__(f"invalid settings: {', '.join(fields) or 'not a JSON object'}")
        self.fields = fields
        self.salvaged = salvaged


# kw_only: like the pydantic model this replaces, fields are given by name only.
@dataclass(frozen=True, kw_only=True)
class Settings:
    location_id: str | None = None  # the location shown as "You are here"
    idle_seconds: int = IDLE_DEFAULT
    default_language: str | None = None  # None: the bundle's first one
    narration_output: str = "speaker"
    narration_volume: int = VOLUME_DEFAULT  # percent

    def __post_init__(self) -> None:
        for name, check in _CHECKS.items():
            problem = check(getattr(self, name))
            if problem is not None:
                raise ValueError(f"{name} {problem}, not {getattr(self, name)!r}")

    @classmethod
    def from_json(cls, raw: object) -> Settings:
        """Settings from parsed JSON; raises InvalidSettings for anything but a valid object
        with known keys only."""
        if not isinstance(raw, dict):
            raise InvalidSettings([], cls())
        bad = {str(key) for key in raw if key not in _CHECKS}  # unknown keys are typos: report
        good: dict[str, Any] = {}
        for name, check in _CHECKS.items():
            if name in raw:
                if check(raw[name]) is None:
                    good[name] = raw[name]
                else:
                    bad.add(name)
        settings = cls(**good)
        if bad:
            raise InvalidSettings(sorted(bad), settings)
        return settings

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings and, when the file was damaged, one sentence for staff saying so."""
    try:
        data = read_bytes(path)  # bounded size, regular files only, never through a link
        if data is None:
            return Settings(), None
        return Settings.from_json(parse_json(data, path.name)), None
    except StateFileError:  # too big, a FIFO or link, bad JSON, huge numbers, deep nesting
        settings = Settings()
        warning = "The settings file was damaged and has been reset to the defaults."
    except InvalidSettings as exc:
        settings = exc.salvaged
        fields = exc.fields or ["the file"]
        warning = f"Some settings were invalid ({', '.join(fields)}) and were reset to defaults."
    # Keep the damaged file for diagnosis, then store what is now in effect. A read-only disk
    # must not stop the kiosk: the settings in memory are still good.
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
        save_settings(path, settings)
    return settings, warning


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic.write_json(path, settings.to_json(), mode=0o600)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class BundleLike(Protocol):
    """What check_against needs: the manifest and the runtime bundle both have it."""

    @property
    def locations(self) -> Iterable[_HasId]: ...

    @property
    def languages(self) -> Collection[str]: ...


def check_against(settings: Settings, bundle: BundleLike) -> list[str]:
    """Settings the active bundle cannot honour (the app then uses the bundle's defaults)."""
    problems = []
    if settings.location_id is not None and settings.location_id not in {
        loc.id for loc in bundle.locations
    }:
        problems.append(f"The location {settings.location_id!r} is not in the active bundle.")
    if settings.default_language is not None and settings.default_language not in (
        bundle.languages
    ):
        problems.append(f"The language {settings.default_language!r} is not in the active bundle.")
    return problems

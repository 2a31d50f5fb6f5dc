"""What a kiosk keeps about its fleet: where it pulls from, the trusted root, the last check.

Standard library only: the patient app reads this at start (no TUF until the first check).

    <data>/fleet/config.json     {"source", "root_sha256", "interval_minutes", "joined_at"}
    <data>/fleet/root.json       the root given at join (read only): bootstraps every check
    <data>/fleet/metadata/       python-tuf's cache of verified metadata (rollback protection)
    <data>/fleet/downloads/      a bundle being downloaded; emptied before every check
    <data>/fleet/status.json     the last check, for staff
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import atomic

FLEET_FOLDER = "fleet"
TARGET_NAME = "content.kbundle"
DEFAULT_INTERVAL_MINUTES = 30
INTERVAL_MIN, INTERVAL_MAX = 1, 24 * 60


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class FleetPaths:
    data_dir: Path

    @property
    def folder(self) -> Path:
        return self.data_dir / FLEET_FOLDER

    @property
    def config(self) -> Path:
        return self.folder / "config.json"

    @property
    def root(self) -> Path:
        return self.folder / "root.json"

    @property
    def metadata(self) -> Path:
        return self.folder / "metadata"

    @property
    def downloads(self) -> Path:
        return self.folder / "downloads"

    @property
    def status(self) -> Path:
        return self.folder / "status.json"

    @property
    def lock(self) -> Path:
        return self.folder / ".lock"


@dataclass(frozen=True)
class FleetConfig:
    source: str  # an http(s) URL or a folder: the published `repository` folder
    root_sha256: str  # of the root given at join: root.json is checked against it every time
    joined_at: str
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES

    @staticmethod
    def load(paths: FleetPaths) -> FleetConfig | None:
        """None when this kiosk has not joined a fleet (or the file is unreadable)."""
        try:
            raw = json.loads(paths.config.read_bytes())
            config = FleetConfig(
                source=str(raw["source"]),
                root_sha256=str(raw["root_sha256"]),
                joined_at=str(raw["joined_at"]),
                interval_minutes=int(raw.get("interval_minutes", DEFAULT_INTERVAL_MINUTES)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not INTERVAL_MIN <= config.interval_minutes <= INTERVAL_MAX:
            return dataclasses.replace(config, interval_minutes=DEFAULT_INTERVAL_MINUTES)
        return config

    def save(self, paths: FleetPaths) -> None:
        paths.folder.mkdir(parents=True, exist_ok=True)
        atomic.write_json(paths.config, dataclasses.asdict(self))


@dataclass(frozen=True)
class Status:
    """The last check, in words staff can read."""

    source: str = ""
    checked_at: str | None = None  # ISO time of the last check, whatever its outcome
    succeeded_at: str | None = None  # ISO time of the last check TUF verified
    offered: str | None = None  # "clinic-content version 4"
    installed: str | None = None  # what this kiosk had after that check
    refusal: str | None = None  # why the last check installed nothing, in plain words

    @staticmethod
    def load(paths: FleetPaths) -> Status:
        with contextlib.suppress(OSError, ValueError, TypeError):
            raw: Any = json.loads(paths.status.read_bytes())
            fields = {f.name for f in dataclasses.fields(Status)}
            return Status(**{k: v for k, v in raw.items() if k in fields})
        return Status()

    def save(self, paths: FleetPaths) -> None:
        paths.folder.mkdir(parents=True, exist_ok=True)
        atomic.write_json(paths.status, dataclasses.asdict(self))

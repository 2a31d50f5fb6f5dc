"""The staff-action log: what staff did to this kiosk and what the kiosk refused, for the panel.

JSON lines, one entry per action, bounded in size: when the file would pass `max_bytes` it is
rotated to `<name>.1` (the previous `.1` is dropped), so at most two files exist. No patient data
exists, and callers never pass secrets (the PIN is not an argument anywhere here).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.clocks import WallClock
from kiosk.statefile import StateFileError, parse_json, read_bytes

LOG_NAME = "staff-log.jsonl"
DEFAULT_MAX_BYTES = 256 * 1024


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class LogEntry:
    at: dt.datetime
    action: str  # install, refusal, rollback, fallback, pin-failure, staff-enter, exit, ...
    message: str  # one plain sentence, shown as is in the panel
    details: Mapping[str, Any] = field(default_factory=dict)


class StaffLog:
    def __init__(
        self, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, clock: WallClock = utc_now
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.clock = clock

    @property
    def rotated_path(self) -> Path:
        return self.path.with_name(self.path.name + ".1")

    def record(self, action: str, message: str, /, **details: Any) -> None:
        """Appends one entry. A full or read-only disk loses the entry rather than the kiosk."""
        entry: dict[str, Any] = {"at": self.clock().isoformat(), "action": action}
        entry["message"] = message
        if details:
            entry["details"] = details
        line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                if self.path.stat().st_size + len(line) > self.max_bytes:
                    self.path.replace(self.rotated_path)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK
            fd = os.open(self.path, flags, 0o600)
            try:
                os.write(fd, line)  # one write with O_APPEND: lines from two processes don't mix
            finally:
                os.close(fd)
        except OSError:
            pass

    def recent(self, count: int = 100) -> list[LogEntry]:
        """The last `count` entries, newest first; damaged lines are skipped."""
        entries: list[LogEntry] = []
        for path in (self.path, self.rotated_path):
            try:  # never a FIFO, a device or a link; never more than the log can hold
                lines = (read_bytes(path, 2 * self.max_bytes) or b"").splitlines()
            except StateFileError:
                continue
            for raw in reversed(lines):
                entry = _parse(raw)
                if entry is not None:
                    entries.append(entry)
                    if len(entries) >= count:
                        return entries
        return entries


def _parse(raw: bytes) -> LogEntry | None:
    try:
        data = parse_json(raw)
        at = dt.datetime.fromisoformat(data["at"])
        details = data.get("details", {})
        if not isinstance(details, dict):
            details = {}
        return LogEntry(at, str(data["action"]), str(data["message"]), details)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

"""Crash-loop guard: after a few quick crashes at start-up, fall back to the built-in bundle.

Each start is counted as "not yet healthy" in `<data_dir>/startup.json`; the app clears the
count once it has run `healthy_after_s` seconds (or exits cleanly). So the count is the number
of consecutive starts that died early, whatever killed them (an exception, a QML error, the
systemd watchdog, a segfault). When it reaches `max_quick_crashes`, `should_use_builtin()` says
to load the built-in default bundle instead of the installed one; a healthy run clears it and
the next start tries the installed bundle again.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

from kiosk import atomic
from kiosk.statefile import StateFileError, read_json

log = logging.getLogger(__name__)

STATE_NAME = "startup.json"
MAX_QUICK_CRASHES = 3
HEALTHY_AFTER_S = 60.0


class StartupGuard:
    def __init__(
        self,
        data_dir: Path,
        *,
        max_quick_crashes: int = MAX_QUICK_CRASHES,
        healthy_after_s: float = HEALTHY_AFTER_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = data_dir / STATE_NAME
        self.max_quick_crashes = max_quick_crashes
        self.healthy_after_s = healthy_after_s
        self._clock = clock
        self._previous_failures: int | None = None
        self.problem: str | None = None  # why startup.json was unusable, for the staff log

    @property
    def quick_crashes(self) -> int:
        """Consecutive earlier starts that never became healthy (read on the first `begin`)."""
        return self._read() if self._previous_failures is None else self._previous_failures

    def begin(self) -> int:
        """Record this start as pending; returns the number of quick crashes before it."""
        previous = self._read()
        self._previous_failures = previous
        self._write({"unhealthy_starts": previous + 1, "last_start": self._clock()})
        if previous:
            log.warning("%d quick crash(es) at start-up before this start", previous)
        return previous

    def should_use_builtin(self) -> bool:
        return self.quick_crashes >= self.max_quick_crashes

    def mark_healthy(self) -> None:
        """The app ran long enough (or exited cleanly): clear the count."""
        self._previous_failures = 0
        self._write({"unhealthy_starts": 0, "last_healthy": self._clock()})

    def _read(self) -> int:
        # Read defensively (kiosk/statefile.py): a FIFO or a huge number here must not stop
        # the very guard that is meant to catch starts that never get going.
        try:
            data = read_json(self.path)
        except StateFileError as error:
            log.warning("ignoring unusable %s: %s", self.path, error)
            self.problem = str(error)
            return 0
        count = data.get("unhealthy_starts") if isinstance(data, dict) else 0
        return count if isinstance(count, int) and count >= 0 else 0

    def _write(self, data: dict[str, float | int]) -> None:
        # atomic.write_bytes creates its temporary with O_EXCL: never through a planted link.
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic.write_bytes(self.path, json.dumps(data).encode(), mode=0o600)
        except OSError as error:
            log.warning("cannot record start-up state in %s: %s", self.path, error)

"""The background updater: one thread that checks every interval, with jitter.

Fifty kiosks started by the same power cut must not ask the server at the same second, so the
first check comes after 5-25 % of the interval and each next one after 80-120 % of it. The check
itself is passed in: this module loads no TUF (the patient app imports it at start).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_R = TypeVar("_R")
log = logging.getLogger(__name__)
FIRST = (0.05, 0.25)
NEXT = (0.8, 1.2)


class Poller(Generic[_R]):
    def __init__(
        self,
        check: Callable[[str | None], _R],
        on_result: Callable[[_R], None],
        interval_seconds: Callable[[], float],
        *,
        rng: random.Random | None = None,
    ) -> None:
        self._check = check
        self._on_result = on_result
        self._interval = interval_seconds
        self._rng = rng or random.Random()  # noqa: S311 (spreading load, not a secret)
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._requests: list[str | None] = []
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stopped.clear()
            self._thread = threading.Thread(target=self._run, name="fleet-updater", daemon=True)
            self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Asks the thread to end and waits for it (a check under way finishes first)."""
        self._stopped.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def check_now(self, source: str | None = None) -> None:
        """A check as soon as the thread is free; `source` another copy (a USB stick's folder)."""
        with self._lock:
            self._requests.append(source)
        self._wake.set()

    def _next_request(self) -> tuple[bool, str | None]:
        with self._lock:
            if self._requests:
                return True, self._requests.pop(0)
            return False, None

    def _run(self) -> None:
        delay = self._interval() * self._rng.uniform(*FIRST)
        while not self._stopped.is_set():
            asked, source = self._next_request()
            if not asked:
                self._wake.wait(delay)
                self._wake.clear()
                if self._stopped.is_set():
                    break
                asked, source = self._next_request()
            try:
                self._on_result(self._check(source))
            except Exception:  # a bug must not end the updates for good
                log.exception("The update check failed unexpectedly.")
            if not asked:
                delay = self._interval() * self._rng.uniform(*NEXT)

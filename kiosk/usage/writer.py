"""Records usage counts on a thread of its own, so a slow or full disk never holds up a tap.

`record()` only puts the key on a bounded queue (dropping it when the queue is full: a count is
never worth a frozen screen). The thread gathers for two seconds, then adds what has queued up
in one transaction (a kill -9 loses at most those two seconds of counts); when that fails (a
full disk, a locked or damaged file) the batch is dropped, the reason is logged once, and the
next batch tries again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import queue
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from kiosk.usage.store import Key, add_counts, connect, roll_up

log = logging.getLogger(__name__)
QUEUE_LIMIT = 20_000
BATCH_LIMIT = 2_000
GATHER_SECONDS = 2.0  # one write per two seconds at most: never in the middle of every tap
_STOP = object()
_FLUSH = object()


class UsageWriter:
    def __init__(self, path: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._path = path
        self._today = today
        self._queue: queue.Queue[object] = queue.Queue(QUEUE_LIMIT)
        self._db: sqlite3.Connection | None = None
        self._rolled: dt.date | None = None
        self._failing = False
        self.dropped = 0  # counts lost to a full queue or a failed write (for staff and tests)
        self.written = 0
        self._idle = threading.Condition()
        self._hurry = threading.Event()
        self._thread = threading.Thread(target=self._run, name="usage-writer", daemon=True)
        self._thread.start()

    def record(self, key: Key) -> None:
        try:
            self._queue.put_nowait(key)
        except queue.Full:
            self.dropped += 1

    def flush(self, timeout: float = 10.0) -> bool:
        """Writes everything recorded so far now, and waits until it is written or dropped
        (shutdown, tests, bench)."""
        with contextlib.suppress(queue.Full):
            self._queue.put(_FLUSH, timeout=timeout)
        self._hurry.set()
        with self._idle:
            return self._idle.wait_for(lambda: self._queue.unfinished_tasks == 0, timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Writes what is left and ends the thread."""
        with contextlib.suppress(queue.Full):
            self._queue.put(_STOP, timeout=timeout)
        self._hurry.set()
        self._thread.join(timeout)

    @property
    def failing(self) -> bool:
        """True while the last write failed (staff mode says so)."""
        return self._failing

    def _gather(self) -> list[object]:
        """The first item, then whatever else arrives within GATHER_SECONDS; at once when a
        batch is already waiting or a flush or stop was asked for. The thread sleeps meanwhile:
        a tap does not wake it."""
        batch = [self._queue.get()]
        if batch[0] not in (_FLUSH, _STOP) and self._queue.qsize() < BATCH_LIMIT:
            self._hurry.wait(GATHER_SECONDS)
        while len(batch) < BATCH_LIMIT:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        if _FLUSH in batch or _STOP in batch:
            self._hurry.clear()  # kept set until the marker is reached: no waiting before it
        return batch

    def _run(self) -> None:
        while True:
            batch = self._gather()
            stop = _STOP in batch
            keys = Counter(k for k in batch if isinstance(k, Key))
            if keys:
                self._write(keys)
            for _ in batch:
                self._queue.task_done()
            with self._idle:
                self._idle.notify_all()
            if stop:
                break
        if self._db is not None:
            self._db.close()

    def _write(self, keys: Counter[Key]) -> None:
        try:
            if self._db is None:
                self._db = connect(self._path)
            today = self._today()
            if self._rolled != today:
                roll_up(self._db, today)
                self._rolled = today
            add_counts(self._db, keys)
        except (sqlite3.Error, OSError) as exc:
            self.dropped += keys.total()
            if not self._failing:
                log.warning("usage counts could not be saved (%s); the kiosk carries on", exc)
            self._failing = True
            return
        self.written += keys.total()
        if self._failing:
            log.info("usage counts are saved again")
        self._failing = False

"""Child processes for the crash tests: run with `python -m tests.usage.child MODE DB`.

writer: adds one to each of 50 counts per transaction, forever, printing each commit (the parent
        kills it with SIGKILL in the middle).
full:   records through UsageWriter under a small RLIMIT_FSIZE (a full disk), then lifts the
        limit and records again; prints one JSON line with what it saw.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import signal
import sys
from collections import Counter
from pathlib import Path

from kiosk.usage.store import PAGE_VIEW, Key, add_counts, connect
from kiosk.usage.writer import UsageWriter

DAY = dt.date(2026, 11, 29)
KEYS = [Key(DAY, PAGE_VIEW, f"page-{i:02d}", "en") for i in range(50)]


def writer(path: Path) -> None:
    db = connect(path)
    commits = 0
    while True:
        add_counts(db, Counter(KEYS))
        commits += 1
        print(commits, flush=True)


def full(path: Path) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, hard))
    usage = UsageWriter(path, today=lambda: DAY)
    for i in range(40_000):  # distinct pages: the database has to grow
        usage.record(Key(DAY, PAGE_VIEW, f"a-long-page-identifier-{i:06d}", "en"))
        if i % 2000 == 0:
            usage.flush()
    usage.flush()
    failing, dropped = usage.failing, usage.dropped
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # staff free some space
    written_before = usage.written
    for _ in range(10):
        usage.record(KEYS[0])
    usage.flush()
    result = {
        "failed": failing,
        "dropped": dropped,
        "written_before": written_before,
        "written_after": usage.written,
        "failing_after": usage.failing,
    }
    usage.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    {"writer": writer, "full": full}[sys.argv[1]](Path(sys.argv[2]))

"""A kill -9 in the middle of writes and a full disk: the counts stay consistent, the app runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.usage.store import connect

ROOT = Path(__file__).resolve().parents[2]


def child(mode: str, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.usage.child", mode, str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("after_commits", [3, 40])
def test_kill_9_during_writes_leaves_whole_transactions(tmp_path: Path, after_commits: int) -> None:
    db_path = tmp_path / "usage.sqlite3"
    proc = child("writer", db_path)
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        seen = int(line)
        if seen >= after_commits:
            break
    os.kill(proc.pid, signal.SIGKILL)  # mid-write: it commits as fast as it can
    proc.wait(10)
    proc.stdout.close()
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    db = connect(db_path)  # WAL recovery happens here
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts = {n for (n,) in db.execute("SELECT n FROM daily")}
        rows = db.execute("SELECT count(*) FROM daily").fetchone()[0]
    finally:
        db.close()
    # Every transaction added one to each of the 50 counts: all equal, or it was torn.
    assert rows == 50
    assert len(counts) == 1
    assert counts.pop() >= seen


def test_a_full_disk_drops_counts_but_the_writer_carries_on(tmp_path: Path) -> None:
    db_path = tmp_path / "usage.sqlite3"
    proc = child("full", db_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    result = json.loads(out)
    assert result["failed"] is True  # the disk did fill up
    assert result["dropped"] > 0
    assert result["written_before"] > 0  # what fitted before was kept
    assert result["written_after"] == result["written_before"] + 10  # space again: saved again
    assert result["failing_after"] is False
    assert "could not be saved" in err  # logged once, plainly
    db = connect(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        total = db.execute("SELECT sum(n) FROM daily").fetchone()[0]
    except sqlite3.Error as exc:  # pragma: no cover - the assertion's message
        pytest.fail(f"the database is damaged: {exc}")
    finally:
        db.close()
    assert total == result["written_after"]

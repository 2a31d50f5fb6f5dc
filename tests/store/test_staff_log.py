import datetime as dt
from pathlib import Path

from kiosk.staff.log import StaffLog


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def test_records_and_reads_newest_first(tmp_path: Path) -> None:
    log = StaffLog(tmp_path / "log.jsonl", clock=clock)
    log.record("install", "Installed a v2.", bundle="a", version=2)
    log.record("rollback", "Rolled back.")
    entries = log.recent(10)
    assert [e.action for e in entries] == ["rollback", "install"]
    assert entries[1].details == {"bundle": "a", "version": 2}
    assert entries[0].at == clock()
    assert log.recent(1)[0].action == "rollback"


def test_size_is_bounded_and_recent_spans_the_rotation(tmp_path: Path) -> None:
    log = StaffLog(tmp_path / "log.jsonl", max_bytes=2000, clock=clock)
    for i in range(200):
        log.record("pin-failure", f"Wrong PIN number {i}.")
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["log.jsonl", "log.jsonl.1"]
    assert all((tmp_path / f).stat().st_size <= 2000 for f in files)
    entries = log.recent(15)
    assert [e.message for e in entries[:2]] == ["Wrong PIN number 199.", "Wrong PIN number 198."]
    numbers = [int(e.message.split()[-1].rstrip(".")) for e in entries]
    assert numbers == list(range(199, 199 - len(entries), -1))


def test_damaged_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = StaffLog(path, clock=clock)
    log.record("exit", "Staff left.")
    with path.open("ab") as f:
        f.write(b'{"half": \n\xff\n')
    log.record("exit", "Staff left again.")
    assert [e.message for e in log.recent()] == ["Staff left again.", "Staff left."]


def test_unwritable_log_loses_the_entry_not_the_kiosk(tmp_path: Path) -> None:
    (tmp_path / "log.jsonl").mkdir()  # a folder where the file should be
    log = StaffLog(tmp_path / "log.jsonl", clock=clock)
    log.record("exit", "Staff left.")
    assert log.recent() == []

import json
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher

from kiosk.staff.pin import MAX_DELAY, PinError, PinStore, delay_after

# Cheap parameters keep the tests fast; one test below checks the real defaults.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PIN = "482913"


class FakeClock:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def make(path: Path, clock: FakeClock) -> PinStore:
    return PinStore(path / "pin.json", clock=clock, hasher=FAST)


def test_delays_double_from_30_s_to_one_hour() -> None:
    assert [delay_after(n) for n in range(5)] == [0, 0, 0, 0, 0]
    assert [delay_after(n) for n in range(5, 10)] == [30, 60, 120, 240, 480]
    assert delay_after(12) == MAX_DELAY and delay_after(10_000) == MAX_DELAY


def test_default_hash_is_slow_salted_argon2id(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "pin.json")
    store.set_pin(PIN)
    stored = json.loads((tmp_path / "pin.json").read_text())["hash"]
    assert stored.startswith("$argon2id$") and "m=65536" in stored
    assert PIN not in (tmp_path / "pin.json").read_text()
    assert (tmp_path / "pin.json").stat().st_mode & 0o077 == 0
    assert store.check(PIN).ok


def test_not_set(tmp_path: Path) -> None:
    store = make(tmp_path, FakeClock())
    assert not store.is_set()
    assert store.check(PIN).reason == "not-set"


@pytest.mark.parametrize("bad", ["", "123", "1234567890123", "12a4", "١٢٣٤", " 1234"])
def test_pin_format(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PinError) as info:
        make(tmp_path, FakeClock()).set_pin(bad)
    assert bad not in str(info.value) or not bad


def test_backoff_survives_a_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    store = make(tmp_path, clock)
    store.set_pin(PIN)
    for _ in range(4):
        assert store.check("000000").reason == "wrong"
    fifth = store.check("000000")
    assert (fifth.reason, fifth.wait_seconds) == ("wrong", 30)

    restarted = make(tmp_path, clock)  # a new process: only the file carries the state
    locked = restarted.check(PIN)
    assert (locked.ok, locked.reason, locked.wait_seconds) == (False, "locked", 30)
    clock.now += 29
    assert restarted.check(PIN).reason == "locked"
    assert restarted.wait_seconds() == pytest.approx(1)

    clock.now += 1
    sixth = make(tmp_path, clock).check("000000")
    assert (sixth.reason, sixth.wait_seconds) == ("wrong", 60)
    clock.now += 60
    assert make(tmp_path, clock).check(PIN).ok
    assert make(tmp_path, clock).wait_seconds() == 0
    # A success resets the counter: four more free attempts before the next lock.
    for _ in range(4):
        assert store.check("111111").wait_seconds == 0


def test_attempt_counts_even_if_the_process_dies_during_the_check(tmp_path: Path) -> None:
    clock = FakeClock()
    store = make(tmp_path, clock)
    store.set_pin(PIN)

    class Killed(BaseException):
        pass

    class DyingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            raise Killed

    dying = PinStore(tmp_path / "pin.json", clock=clock, hasher=DyingHasher())
    for _ in range(5):
        with pytest.raises(Killed):
            dying.check("000000")
    assert make(tmp_path, clock).check(PIN).reason == "locked"


def test_clock_set_back_cannot_lock_for_longer_than_the_delay(tmp_path: Path) -> None:
    clock = FakeClock()
    store = make(tmp_path, clock)
    store.set_pin(PIN)
    for _ in range(5):
        store.check("000000")
    clock.now -= 365 * 86400
    assert store.wait_seconds() == 30


def test_damaged_file_keeps_staff_mode_shut(tmp_path: Path) -> None:
    (tmp_path / "pin.json").write_text("{oops")
    store = make(tmp_path, FakeClock())
    assert store.check(PIN).reason == "not-set"
    store.set_pin(PIN)
    assert store.check(PIN).ok


def test_set_pin_resets_the_backoff(tmp_path: Path) -> None:
    clock = FakeClock()
    store = make(tmp_path, clock)
    store.set_pin(PIN)
    for _ in range(7):
        store.check("000000")
    store.set_pin("5555")
    assert store.check("5555").ok


def test_a_read_only_disk_lets_staff_in_and_keeps_the_backoff_in_memory(tmp_path: Path) -> None:
    from tests.store.test_read_only import read_only

    clock = FakeClock()
    folder = tmp_path / "data"
    folder.mkdir()
    make(folder, clock).set_pin(PIN)
    with read_only(folder):
        store = make(folder, clock)
        assert store.check(PIN).ok  # staff can get in to see the disk's problem
        for _ in range(4):
            assert store.check("000000").reason == "wrong"
        fifth = store.check("000000")
        assert (fifth.reason, fifth.wait_seconds) == ("wrong", 30)
        assert store.check(PIN).reason == "locked"  # guessing stays slow
        clock.now += 30
        assert store.check(PIN).ok

"""Hostile state files in the data folder: every reader refuses them cleanly and in bounded time."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.schedule.storage import load_schedule
from kiosk.staff.pin import PinStore
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings, load_settings
from kiosk.statefile import StateFileError, read_json
from kiosk.system.startup_guard import StartupGuard
from tests.store.conftest import FAST_HASHER

Plant = Callable[[Path], None]


def _text(text: str) -> Plant:
    return lambda path: path.write_text(text)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


HOSTILE: dict[str, Plant] = {
    "5000 digits": _text(
        '{"failures": ' + "9" * 5000 + ', "unhealthy_starts": ' + "9" * 5000 + "}"
    ),
    "deep nesting": _text("[" * 100_000 + "]" * 100_000),
    "Infinity": _text('{"failures": Infinity, "locked_until": Infinity}'),
    "1e400": _text('{"failures": 1e400, "unhealthy_starts": 1e400, "idle_seconds": 1e400}'),
    "NaN": _text('{"locked_until": NaN}'),
    "fifo": _fifo,
    "link to /dev/zero": _link_to_dev_zero,
    "huge": _text('{"x": "' + "a" * 1_000_000 + '"}'),
    "not utf-8": lambda path: path.write_bytes(b'{"\xff": 1}'),
}


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_reader_refuses_every_hostile_file(tmp_path: Path, plant: Plant) -> None:
    path = tmp_path / "state.json"
    plant(path)
    with pytest.raises(StateFileError):
        read_json(path)


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_settings_fall_back_to_defaults_and_tell_staff(tmp_path: Path, plant: Plant) -> None:
    plant(tmp_path / "settings.json")
    settings, warning = load_settings(tmp_path / "settings.json")
    assert settings == Settings()
    assert warning is not None and "damaged" in warning


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_crash_loop_guard_still_counts_starts(tmp_path: Path, plant: Plant) -> None:
    plant(tmp_path / "startup.json")
    guard = StartupGuard(tmp_path)
    assert guard.begin() == 0
    assert guard.problem is not None
    # The damaged file was replaced: the next starts count up to the fallback as usual.
    assert StartupGuard(tmp_path).begin() == 1
    assert StartupGuard(tmp_path).begin() == 2
    assert StartupGuard(tmp_path).should_use_builtin()


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_damaged_pin_file_keeps_staff_mode_shut_and_is_logged(
    tmp_path: Path, plant: Plant
) -> None:
    staff = Staff(tmp_path / "data", hasher=FAST_HASHER)
    staff.data_dir.mkdir()
    plant(staff.data_dir / "pin.json")
    assert staff.check_pin("1234").reason == "not-set"
    assert staff.recent_log(1)[0].action == "pin-damaged"
    staff.set_pin("1234")
    assert staff.check_pin("1234").ok


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_damaged_store_pointer_serves_the_builtin_bundle(staff: Staff, plant: Plant) -> None:
    staff.store.root.mkdir(parents=True, exist_ok=True)
    plant(staff.store.state_path)
    served = staff.serve()
    assert served.source == "builtin"
    assert served.fallback_reason is not None and "damaged" in served.fallback_reason


def test_pin_store_reads_bounded_numbers(tmp_path: Path) -> None:
    (tmp_path / "pin.json").write_text('{"hash": "x", "failures": 1e400}')
    store = PinStore(tmp_path / "pin.json", hasher=FAST_HASHER)
    assert not store.is_set()
    assert store.problem is not None


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_opening_hours_file_keeps_the_kiosk_on(tmp_path: Path, plant: Plant) -> None:
    plant(tmp_path / "schedule.json")
    schedule, warning = load_schedule(tmp_path / "schedule.json")
    assert schedule is None  # always on
    assert warning is not None and "stays on" in warning

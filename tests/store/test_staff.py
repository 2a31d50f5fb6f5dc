"""The staff service: what it records, and that the PIN never reaches a log or an output."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.staff.drives import find_bundle_files
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings
from kiosk.store.errors import StoreError
from tests.store.conftest import FAST_HASHER, MakeBundle, clock

RIGHT_PIN = "550123987712"
WRONG_PIN = "907214583306"


def every_file_text(folder: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
    )


def test_a_wrong_pin_never_reaches_a_log(
    staff: Staff,
    data_dir: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    staff.set_pin(RIGHT_PIN)
    staff.pin.clock = lambda: 2_000_000_000.0
    for _ in range(5):
        assert not staff.check_pin(WRONG_PIN).ok
    staff.pin.clock = lambda: 2_000_000_030.0  # after the first lock
    assert staff.check_pin(WRONG_PIN).reason == "wrong"
    staff.pin.clock = lambda: 2_000_000_090.0
    assert staff.check_pin(RIGHT_PIN).ok
    staff.exit_staff_mode()

    actions = [e.action for e in staff.recent_log()]
    assert actions[:3] == ["exit", "staff-enter", "pin-failure"]
    assert actions.count("pin-failure") == 6
    assert staff.recent_log()[2].message == (
        "A wrong staff PIN was entered. Staff mode is locked for 60 seconds."
    )
    out, err = capsys.readouterr()
    for pin in (WRONG_PIN, RIGHT_PIN):
        assert pin not in every_file_text(data_dir)
        assert pin not in caplog.text
        assert pin not in out + err


def test_locked_attempts_are_not_checked_or_logged(staff: Staff) -> None:
    staff.set_pin(RIGHT_PIN)
    now = 2_000_000_000.0
    staff.pin.clock = lambda: now
    for _ in range(5):
        staff.check_pin(WRONG_PIN)
    result = staff.check_pin(RIGHT_PIN)
    assert (result.ok, result.reason, result.wait_seconds) == (False, "locked", 30)
    assert [e.action for e in staff.recent_log(6)].count("pin-failure") == 5


def test_backoff_survives_a_restart_of_the_whole_service(
    staff: Staff, data_dir: Path, builtin: Path, builtin_pin: str
) -> None:
    staff.set_pin(RIGHT_PIN)
    now = 2_000_000_000.0
    staff.pin.clock = lambda: now
    for _ in range(5):
        staff.check_pin(WRONG_PIN)
    restarted = Staff(
        data_dir,
        builtin=builtin,
        builtin_pin=builtin_pin,
        pin_clock=lambda: now + 10,
        hasher=FAST_HASHER,
    )
    result = restarted.check_pin(RIGHT_PIN)
    assert (result.reason, result.wait_seconds) == ("locked", 20)


def test_install_refusal_and_rollback_are_logged(
    staff: Staff, make_bundle: MakeBundle, tmp_path: Path
) -> None:
    staff.install(make_bundle(1))
    with pytest.raises(StoreError, match="could not be opened"):
        staff.preview_install(tmp_path / "gone.kbundle")
    staff.install(make_bundle(2))
    staff.rollback()
    entries = staff.recent_log()
    assert [e.action for e in entries][:4] == ["rollback", "install", "refusal", "install"]
    assert entries[0].at == clock()


def test_settings_round_trip_and_damage_are_logged(staff: Staff) -> None:
    assert staff.load_settings() == (Settings(), None)
    staff.save_settings(Settings(location_id="maywood", idle_seconds=45))
    assert staff.load_settings()[0].idle_seconds == 45
    staff.settings_path.write_text("garbage")
    settings, warning = staff.load_settings()
    assert settings == Settings() and warning is not None
    assert [e.action for e in staff.recent_log(2)] == ["settings-damaged", "settings"]


def test_describe_and_find_through_the_service(
    staff: Staff, make_bundle: MakeBundle, tmp_path: Path
) -> None:
    path = make_bundle(1)
    assert find_bundle_files([path.parent]).paths == (path,)
    diff = staff.preview_install(path)
    staff.install(path, preview=diff)
    assert staff.describe_active().version == 1
    assert staff.serve().source == "installed"

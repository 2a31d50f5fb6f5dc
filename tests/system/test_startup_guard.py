"""The crash-loop guard: quick crashes at start-up fall back to the built-in bundle."""

from __future__ import annotations

from pathlib import Path

from kiosk.system.startup_guard import STATE_NAME, StartupGuard


def start(data_dir: Path) -> StartupGuard:
    guard = StartupGuard(data_dir, max_quick_crashes=3, healthy_after_s=1)
    guard.begin()
    return guard


def test_three_quick_crashes_fall_back_to_the_builtin_bundle(tmp_path: Path) -> None:
    for crashes_before in range(3):
        guard = start(tmp_path)  # ... and the process dies before mark_healthy()
        assert guard.quick_crashes == crashes_before
        assert not guard.should_use_builtin()
    assert start(tmp_path).should_use_builtin()


def test_a_healthy_run_clears_the_count(tmp_path: Path) -> None:
    for _ in range(4):
        start(tmp_path)
    guard = start(tmp_path)
    assert guard.should_use_builtin()
    guard.mark_healthy()  # the built-in bundle ran fine
    assert not guard.should_use_builtin()
    assert not start(tmp_path).should_use_builtin()  # next start tries the installed one again


def test_a_crash_after_a_healthy_run_starts_counting_again(tmp_path: Path) -> None:
    start(tmp_path)
    start(tmp_path).mark_healthy()
    assert start(tmp_path).quick_crashes == 0


def test_an_unreadable_state_file_counts_as_no_crash(tmp_path: Path) -> None:
    (tmp_path / STATE_NAME).write_text("{not json", encoding="utf-8")
    assert start(tmp_path).quick_crashes == 0
    (tmp_path / STATE_NAME).write_text('{"unhealthy_starts": -4}', encoding="utf-8")
    assert start(tmp_path).quick_crashes == 0


def test_an_unwritable_data_dir_does_not_stop_the_app(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    guard = StartupGuard(blocked / "data")
    assert guard.begin() == 0
    guard.mark_healthy()
    assert not guard.should_use_builtin()

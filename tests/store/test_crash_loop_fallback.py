"""Repeated crashes at start-up: the app shows the built-in bundle until it runs healthy once."""

from __future__ import annotations

from pathlib import Path

from kiosk.app.wiring import active_bundle
from kiosk.staff.service import Staff
from kiosk.system.startup_guard import StartupGuard
from tests.store.conftest import MakeBundle


def test_a_crash_loop_falls_back_to_the_builtin_bundle_then_recovers(
    staff: Staff, make_bundle: MakeBundle, data_dir: Path
) -> None:
    installed = staff.install(make_bundle(2))
    assert active_bundle(staff).root == installed.path

    for _ in range(3):  # three starts that never became healthy
        StartupGuard(data_dir).begin()
    assert active_bundle(staff).root == staff.store.builtin  # this kiosk's built-in bundle
    assert "failed to start several times" in staff.recent_log(1)[0].message

    StartupGuard(data_dir).mark_healthy()
    assert active_bundle(staff).root == installed.path

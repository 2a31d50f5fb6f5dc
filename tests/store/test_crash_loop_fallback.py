"""Repeated crashes at start-up: the app shows the built-in bundle until it runs healthy once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.app.run import run, start
from kiosk.cli import build_parser
from kiosk.paths import default_bundle_dir
from kiosk.staff.service import Staff
from kiosk.store.choice import choose_bundle
from kiosk.system.startup_guard import StartupGuard
from tests.store.conftest import MakeBundle


def test_a_crash_loop_falls_back_to_the_builtin_bundle_then_recovers(
    staff: Staff, make_bundle: MakeBundle, data_dir: Path
) -> None:
    def shown() -> Path:
        crash_loop = StartupGuard(data_dir).should_use_builtin()
        return choose_bundle(staff.store, crash_loop=crash_loop).root

    installed = staff.install(make_bundle(2))
    assert shown() == installed.path

    for _ in range(3):  # three starts that never became healthy
        StartupGuard(data_dir).begin()
    assert shown() == staff.store.builtin  # this kiosk's built-in bundle, checked by its pin
    assert "failed to start several times" in staff.recent_log(1)[0].message

    StartupGuard(data_dir).mark_healthy()
    assert shown() == installed.path


@pytest.mark.qt_log_ignore("QQmlApplicationEngine failed to load component", ".*Main.qml.*")
def test_qml_that_fails_to_load_three_times_shows_the_builtin_bundle_on_the_fourth_start(
    staff: Staff,
    make_bundle: MakeBundle,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root_logger: logging.Logger,  # run() sends the logs to the data folder: undone afterwards
) -> None:
    """The real `run()`: each failing start is counted before the bundle or the QML loads."""
    installed = staff.install(make_bundle(2))
    broken = tmp_path / "broken-qml"
    broken.mkdir()
    (broken / "Main.qml").write_text("import QtQuick\nWindow { this is not QML", encoding="utf-8")
    args = build_parser().parse_args(["--data-dir", str(data_dir), "--windowed"])
    with monkeypatch.context() as patch:
        patch.setattr("kiosk.app.wiring.qml_dir", lambda: broken)
        for _ in range(3):
            assert run(args) == 1
    assert capsys.readouterr().err.count("QML did not load") == 3

    guard = StartupGuard(data_dir)
    assert guard.begin() == 3
    kiosk = start(args, guard)
    try:
        assert kiosk.state.bundle.root == default_bundle_dir()
        assert kiosk.state.bundle.root != installed.path
        assert "failed to start several times" in staff.recent_log(1)[0].message
    finally:
        kiosk.close()

"""A start prints no warnings: not the smoke test, and not when frames come faster than the
queued call that builds Home after the first one (it disconnected itself twice and warned)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.wiring import build_kiosk
from kiosk.content.bundle import Bundle
from tests.ui.helpers import close_kiosks, stack


def test_smoke_test_start_prints_no_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr


def test_two_frames_before_home_is_made_warn_nothing(
    qapp: object, qtbot: QtBot, default_bundle: Bundle
) -> None:
    kiosk = build_kiosk(bundle=default_bundle, size=(1280, 800))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # Two frames swapped before the event loop runs the queued call that makes Home.
            kiosk.window.frameSwapped.emit()
            kiosk.window.frameSwapped.emit()
            qtbot.waitUntil(lambda: stack(kiosk).property("depth") == 1)
            qtbot.waitExposed(kiosk.window)
        assert [str(w.message) for w in caught] == []
    finally:
        close_kiosks([kiosk])

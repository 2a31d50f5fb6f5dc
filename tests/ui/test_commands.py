"""The commands: `kiosk --smoke-test`, `kiosk --windowed` stopping on SIGTERM, `kiosk
screenshots` with a contact sheet."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app.screenshots import contact_sheet, render
from kiosk.cli import build_parser
from kiosk.paths import default_bundle_dir


def kiosk_command(*args: str, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args]


def env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def test_smoke_test_prints_one_json_line(tmp_path: Path) -> None:
    result = subprocess.run(
        kiosk_command("--smoke-test", data_dir=tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        env=env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["first_frame_ms"] > 0
    assert report["bundle_id"] == "town-pt-clonus"
    assert report["bundle_version"] >= 1
    assert report["qt_version"].startswith("6.")
    assert report["audio"]["backend"] == "null"  # a clip played through miniaudio, silently
    assert report["audio"]["frames"] > 0 and "problem" not in report["audio"]


def test_smoke_test_fails_on_an_invalid_preview(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), folder)
    (folder / "bundle.toml").write_text("format = 1\n", encoding="utf-8")
    result = subprocess.run(
        kiosk_command("--bundle", str(folder), "--smoke-test", data_dir=tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=120,
        env=env(),
        check=False,
    )
    assert result.returncode != 0
    assert "bundle.toml" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals")
def test_windowed_kiosk_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        kiosk_command("--windowed", "--size", "1080x1920", data_dir=tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env(),
    )
    try:
        # Up once its data folder has something in it (signals are handled before that).
        for _ in range(400):
            if process.poll() is not None or any(tmp_path.rglob("*")):
                break
            subprocess.run(["sleep", "0.05"], check=True)  # the child's pace, no Qt loop here
        assert process.poll() is None, "the kiosk ended by itself"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_screenshots_is_a_kiosk_command() -> None:
    args = build_parser().parse_args(["screenshots", "--out", "x", "--layout", "portrait"])
    assert args.layout == ["portrait"]
    assert callable(args.handler)


def test_screenshots_and_contact_sheet(qapp: object, tmp_path: Path) -> None:
    files = render(
        tmp_path,
        layouts=["small"],
        languages=["es"],
        steps=[2],
        themes=[True],
        screens=["home", "location"],
    )
    assert [f.name for f in files] == ["small-es-200-hc-home.png", "small-es-200-hc-location.png"]
    assert all(f.stat().st_size > 10_000 for f in files)
    sheet = contact_sheet(files, tmp_path / "sheet.png", columns=2, thumb_width=200)
    assert sheet.stat().st_size > 1_000

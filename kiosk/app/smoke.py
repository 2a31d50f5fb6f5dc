"""`kiosk --smoke-test`: start the real app offscreen, wait for the attract screen's first frame,
play a short clip through miniaudio's NULL backend (kiosk/app/smoke_audio.py), print one JSON
line and exit 0; any failure (no bundle, QML errors or warnings, no frame within the time limit,
no audio) exits non-zero. Packaging and CI run it against source and frozen builds."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

TIMEOUT_MS = 30_000
_IMPORTED_AT = time.monotonic()


def seconds_since_process_start() -> float:
    """Since the process started (Linux: from /proc), else since this module was imported."""
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        fields = stat.rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22, counted after the command name
        now = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        return max(0.0, now - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED_AT


def run_smoke(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from PySide6.QtCore import QTimer, qVersion
        from PySide6.QtQuick import QQuickItem

        from kiosk.app.smoke_audio import SmokeClip
        from kiosk.app.wiring import build_kiosk
        from kiosk.speech.device import AudioBackend

        kiosk = build_kiosk(
            size=args.size or (1920, 1080),
            preview_folder=args.bundle,
            data_dir=getattr(args, "data_dir", None),
            audio=AudioBackend.NULL,
        )
    except Exception:
        traceback.print_exc()
        return 1

    result: dict[str, object] = {}
    failure: list[str] = []

    def on_frame() -> None:
        if result or failure:
            return
        attract = kiosk.window.findChild(QQuickItem, "attractScreen")
        if attract is None or not attract.isVisible():
            return
        result["first_frame_ms"] = round(seconds_since_process_start() * 1000, 1)
        kiosk.app.quit()

    def on_timeout() -> None:
        failure.append(f"no frame of the attract screen within {TIMEOUT_MS} ms")
        kiosk.app.quit()

    kiosk.window.frameSwapped.connect(on_frame)
    QTimer.singleShot(TIMEOUT_MS, on_timeout)
    kiosk.app.exec()
    kiosk.window.frameSwapped.disconnect(on_frame)
    if kiosk.qml_warnings:
        failure.extend(kiosk.qml_warnings)
    if kiosk.preview is not None and kiosk.preview.problem_list():
        failure.extend(kiosk.preview.problem_list())
    bundle = kiosk.state.bundle
    # After the first frame, so the audio check (miniaudio, the narration index) does not count
    # in the start it measures.
    result["audio"] = audio = SmokeClip(bundle).result()
    if "problem" in audio:
        failure.append(f"audio: {audio['problem']}")
    kiosk.close()
    if failure or not result:
        print("kiosk --smoke-test failed:\n" + "\n".join(failure), file=sys.stderr)
        return 1
    result.update(bundle_id=bundle.id, bundle_version=bundle.version, qt_version=qVersion())
    print(json.dumps(result))
    return 0

"""Benchmark of narration (issue 13): how soon Listen is heard, and whether the UI keeps its
pace while audio plays.

- tap on Listen to the first audio frame handed to the device: a tap (press and release on the
  real window) on a treatment page's Listen button, to the moment the player hands the device
  the page's first frames (on miniaudio's own thread, NULL backend: the same thread, period and
  decoding as a real output, minus the sound card's own latency). The first tap also opens the
  device; it is reported on its own. Target: p95 <= 150 ms.
- UI tap to frame, with and without audio playing: taps alternating on two text-size buttons
  (a tap that changes the frame but, unlike Next, does not stop the narration), to the next
  swapped frame, with bench/bench_ui.py's TapTimer; each series in a fresh process, with and
  without a long page being read, interleaved. Target: p95 unchanged (within run-to-run noise).

The bundle is the built-in one with its own narration (espeak-ng, Ogg Vorbis, 16 kHz mono).

Run: .venv/bin/python bench/bench_speech.py [--taps 200] [--listens 40] [--rounds 2]
Prints plain `name=value` lines. Not part of the test suite. About a minute on 2 cores.

Measured 2026-11-30 (2 cores shared with other agents, load average 9.5, offscreen, 1920x1080,
built-in bundle narrated by espeak-ng; --taps 200 --listens 40 --rounds 2):

    tap on Listen -> first frame   p50 29.8 ms, p95 34.4 ms, max 37.0 ms   (target 150 ms: met)
      first tap of the process 21.2 ms (the device is opened when a patient starts, not here)
    UI tap -> frame p95            quiet 135.1 ms (runs 128.2, 142.1)
                                   audio 138.9 ms (runs 124.0, 153.7)   ratio 1.03
                                   (target unchanged: met, within the run-to-run spread)

The first-frame time is mostly the device's 30 ms period (kiosk/speech/device.py PERIOD_MS): a
new playback is picked up at the next period. The absolute tap times reflect the load (text-size
taps re-lay out the whole page at a new size); compare the two series, not the numbers with
bench/bench_ui.py's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench_ui import TapTimer, percentile, spawn  # bench/ is this script's folder

PAGE = "surgery"  # a treatment page; its narration is about two minutes long


def build() -> object:
    """The kiosk on the built-in bundle and its own narration (espeak-ng, Ogg Vorbis)."""
    from kiosk.app.wiring import build_kiosk
    from kiosk.content.validate import load_folder
    from kiosk.paths import default_bundle_dir
    from kiosk.patient.ui_settings import UiSettings
    from kiosk.speech.device import AudioBackend

    kiosk = build_kiosk(
        settings=UiSettings(idle_seconds=1e6, tap_debounce_ms=0),
        bundle=load_folder(default_bundle_dir()),
        size=(1920, 1080),
        audio=AudioBackend.NULL,
    )
    kiosk.window.setProperty("transitionDuration", 0)
    return kiosk


def find(root: object, name: str) -> object:
    pending = [root]
    while pending:
        item = pending.pop()
        if item.objectName() == name:  # type: ignore[attr-defined]
            return item
        pending.extend(item.childItems())  # type: ignore[attr-defined]
    raise LookupError(name)


def child_listen(count: int) -> None:
    """Taps Listen `count` times (Pause in between, then Listen again after a stop)."""
    from PySide6.QtCore import QPointF, Qt, QTimer
    from PySide6.QtTest import QTest

    from kiosk.app.wiring import Kiosk

    kiosk = build()
    assert isinstance(kiosk, Kiosk)
    kiosk.state.start()
    kiosk.state.openPage(PAGE)
    latencies: list[float] = []
    tapped = [0.0]

    def tap_listen() -> None:
        kiosk.narrator.stop()
        item = find(kiosk.window.contentItem(), "listenButton")
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()  # type: ignore[attr-defined]
        tapped[0] = time.perf_counter()
        QTest.mouseClick(
            kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
        assert kiosk.narrator.playback is not None, "Listen did not start"

    def poll() -> None:
        playback = kiosk.narrator.playback
        if playback is None or playback.first_frame_at is None:
            return
        latencies.append((playback.first_frame_at - tapped[0]) * 1000)
        if len(latencies) >= count:
            timer.stop()
            kiosk.app.exit(0)
        else:
            tap_listen()

    timer = QTimer(interval=1)
    timer.timeout.connect(poll)
    QTimer.singleShot(300, lambda: (tap_listen(), timer.start()))
    kiosk.app.exec()
    rest = latencies[1:]
    print(f"first {latencies[0]:.2f}", flush=True)
    print(f"p50 {percentile(rest, 0.5):.2f}", flush=True)
    print(f"p95 {percentile(rest, 0.95):.2f}", flush=True)
    print(f"max {max(rest):.2f}", flush=True)
    kiosk.close()


def child_taps(count: int, audio: bool) -> None:
    from kiosk.app.wiring import Kiosk

    kiosk = build()
    assert isinstance(kiosk, Kiosk)
    kiosk.state.start()
    kiosk.state.openPage(PAGE)
    if audio:
        kiosk.narrator.listen(PAGE)
    chrome = kiosk.window.contentItem()
    targets = [find(chrome, "textSize-1"), find(chrome, "textSize-0")]
    times = TapTimer(kiosk.app, kiosk.window, lambda i: targets[i % 2], count, lambda: True).run()
    playback = kiosk.narrator.playback
    if audio:
        assert playback is not None and playback.frames > 0 and not playback.done, "no audio"
    print(f"p50 {percentile(times, 0.5):.2f}", flush=True)
    print(f"p95 {percentile(times, 0.95):.2f}", flush=True)
    print(f"audio_seconds {(playback.frames / 22050) if playback else 0:.1f}", flush=True)
    kiosk.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taps", type=int, default=200)
    parser.add_argument("--listens", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        {
            "listen": lambda: child_listen(args.count),
            "taps-quiet": lambda: child_taps(args.count, audio=False),
            "taps-audio": lambda: child_taps(args.count, audio=True),
        }[args.child]()
        return 0

    me = [sys.executable, str(Path(__file__).resolve())]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _, listen, _ = spawn([*me, "--child", "listen", "--count", str(args.listens)], env)
    print(f"listen_first_tap_to_first_frame_ms={float(listen['first']):.1f}")
    print(f"listen_tap_to_first_frame_p50_ms={float(listen['p50']):.1f}")
    print(f"listen_tap_to_first_frame_p95_ms={float(listen['p95']):.1f}")
    print(f"listen_tap_to_first_frame_max_ms={float(listen['max']):.1f}")
    quiet: list[float] = []
    playing: list[float] = []
    for _ in range(args.rounds):  # interleaved, so load changes hit both alike
        for kind, into in (("taps-quiet", quiet), ("taps-audio", playing)):
            _, values, _ = spawn([*me, "--child", kind, "--count", str(args.taps)], env)
            into.append(float(values["p95"]))
    print(f"tap_to_frame_p95_quiet_ms={statistics.median(quiet):.1f} (runs: {quiet})")
    print(f"tap_to_frame_p95_audio_ms={statistics.median(playing):.1f} (runs: {playing})")
    print(f"tap_to_frame_p95_ratio={statistics.median(playing) / statistics.median(quiet):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

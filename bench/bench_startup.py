"""Benchmark: start to first frame of the kiosk, from source and frozen, against bare Qt Quick.

Times, in fresh processes, offscreen, from the process's start (its start time in /proc) to its
first swapped frame:

- bare:   a bare Qt Quick Controls window (Basic style, one Button) that quits on its first frame;
- source: `kiosk --smoke-test` from this checkout (first frame of the attract screen);
- frozen: `dist/kiosk/kiosk --smoke-test`, the PyInstaller onedir build, when it exists.

Each is run several times (after one untimed warm-up run, so the file cache is warm: these are
cold *process* starts, not cold disk starts); prints the median, the ratio to bare, and the
median peak RSS, as plain `name=value` lines.

Run: .venv/bin/python bench/bench_startup.py [--runs 7] [--frozen dist/kiosk/kiosk]
Not part of the test suite. Context: a bare window measured 0.14-0.17 s here (design notes).
The start time in /proc counts in clock ticks, so the times are multiples of 10 ms.

Measured (2 cores, Debian 12, PySide6 6.12.0, PyInstaller 6.22.3 onedir of 146-148 MB; other jobs
were running on the machine, so the spread is wide):

    case     median   min-max        ratio  peak RSS
    bare     180 ms   160-260 ms     1.00    85 MiB   (7 runs)
    source   810 ms   560-1100 ms    4.50   135 MiB
    frozen   850 ms   730-1040 ms    4.72   132 MiB
    bare     230 ms   200-290 ms     1.00    85 MiB   (9 runs, load average ~3)
    source  1000 ms   710-1420 ms    4.35   141 MiB
    frozen   910 ms   690-1440 ms    3.96   132 MiB

The frozen build starts about as fast as the source run (onedir: nothing to unpack). The
~0.6 s both take beyond a bare window is the app's own start-up (the bundle, the backends, the
real QML), not packaging; this benchmark does not split it further.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = r"""
import json, os, sys, time

def since_process_start():
    with open("/proc/self/stat", encoding="ascii") as stat:
        start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as uptime:
        now = float(uptime.read().split()[0])
    return now - start_ticks / os.sysconf("SC_CLK_TCK")

from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

QQuickStyle.setStyle("Basic")
app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.loadData(b'''
import QtQuick
import QtQuick.Controls
ApplicationWindow {
    width: 1920; height: 1080; visible: true
    Button { anchors.centerIn: parent; text: "Touch to start" }
}
''')
window = engine.rootObjects()[0]
result = {}

def first_frame():
    if not result:
        result["first_frame_ms"] = round(since_process_start() * 1000, 1)
        app.quit()

window.frameSwapped.connect(first_frame)
app.exec()
print(json.dumps(result))
"""


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One fresh process: (first_frame_ms it reports, its peak RSS in MiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stdout}{stderr}")
    line = next(line for line in reversed(stdout.splitlines()) if line.startswith("{"))
    return float(json.loads(line)["first_frame_ms"]), usage.ru_maxrss / 1024


def measure(name: str, command: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    run_once(command, env)  # warm-up: file cache, fontconfig cache, Python bytecode
    times, rss = [], []
    for _ in range(runs):
        first_frame_ms, peak_mib = run_once(command, env)
        times.append(first_frame_ms)
        rss.append(peak_mib)
        print(f"# {name}: {first_frame_ms:.1f} ms, {peak_mib:.0f} MiB", file=sys.stderr)
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "rss_mib": statistics.median(rss),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "kiosk" / "kiosk")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "NOTIFY_"))}
        env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=data)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        kiosk_source = Path(sys.executable).with_name("kiosk")
        source = [str(kiosk_source)] if kiosk_source.exists() else [sys.executable, "-m", "kiosk"]
        cases = {
            "bare": [sys.executable, "-c", BARE_WINDOW],
            "source": [*source, "--smoke-test"],
        }
        if args.frozen.exists():
            cases["frozen"] = [str(args.frozen), "--smoke-test"]
        else:
            print(f"# no frozen build at {args.frozen}: skipped", file=sys.stderr)
        results = {name: measure(name, command, env, args.runs) for name, command in cases.items()}

    bare = results["bare"]["median_ms"]
    print(f"runs={args.runs}")
    print(f"cpus={os.cpu_count()}")
    for name, result in results.items():
        print(f"{name}_first_frame_ms={result['median_ms']:.1f}")
        print(f"{name}_first_frame_min_ms={result['min_ms']:.1f}")
        print(f"{name}_first_frame_max_ms={result['max_ms']:.1f}")
        print(f"{name}_peak_rss_mib={result['rss_mib']:.0f}")
        print(f"{name}_ratio_to_bare={result['median_ms'] / bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

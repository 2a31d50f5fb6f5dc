"""The real app (`python -m kiosk`) under the systemd protocol, with a socket standing in for
systemd: READY=1 and WATCHDOG=1 pings from its event loop, no pings once the loop is blocked,
the crash screen and a non-zero exit on an exception in a slot, STOPPING=1 on SIGTERM.

tests/system/faulty_kiosk.py runs the same app with a fault injected: it blocks the loop or raises
in a slot.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app.supervision import CRASH_EXIT_CODE

from .conftest import FakeSystemd
from .faulty_kiosk import BLOCK_STATUS, RAISE_MESSAGE

START_TIMEOUT_S = 60  # a cold start on a busy 2-core CI machine
WATCHDOG_USEC = 200_000  # pings every 100 ms
DEFAULT_ARGS = ("--windowed", "--size", "720x1280")


class App:
    def __init__(self, tmp_path: Path, systemd: FakeSystemd, *args: str, **extra_env: str) -> None:
        self.data_dir = tmp_path / "data"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("KIOSK_", "NOTIFY_", "WATCHDOG_", "FAULT", "AFTER_MS"))
        }
        env.update(
            QT_QPA_PLATFORM="offscreen",
            NOTIFY_SOCKET=str(systemd.path),
            WATCHDOG_USEC=str(WATCHDOG_USEC),
            KIOSK_DATA_DIR=str(self.data_dir),
            **extra_env,
        )
        # Output to files, not pipes: a full pipe would block the app's event loop by itself.
        self.stdout = tmp_path / "stdout.txt"
        self.stderr = tmp_path / "stderr.txt"
        with self.stdout.open("wb") as out, self.stderr.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.module(extra_env), *(args or DEFAULT_ARGS)],
                env=env,
                stdout=out,
                stderr=err,
            )

    @staticmethod
    def module(extra_env: dict[str, str]) -> str:
        """The real app, or the real app with a fault injected from outside (FAULT=...)."""
        return "tests.system.faulty_kiosk" if "FAULT" in extra_env else "kiosk"

    def output(self) -> str:
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def log(self) -> str:
        return (self.data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


StartApp = Callable[..., App]


@pytest.fixture
def start_app(tmp_path: Path, fake_systemd: FakeSystemd) -> Iterator[StartApp]:
    apps: list[App] = []

    def start(*args: str, **extra_env: str) -> App:
        app = App(tmp_path, fake_systemd, *args, **extra_env)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


def wait_ready(app: App, systemd: FakeSystemd) -> list[str]:
    try:
        return systemd.wait_for("READY=1", START_TIMEOUT_S)
    except AssertionError:
        raise AssertionError(f"the app sent no READY=1; its output:\n{app.output()}") from None


def test_watchdog_pings_come_from_the_event_loop_and_stop_when_it_blocks(
    start_app: StartApp, fake_systemd: FakeSystemd
) -> None:
    app = start_app(FAULT="block", AFTER_MS="800", BLOCK_FOR_MS="60000")
    wait_ready(app, fake_systemd)

    # While the event loop runs: a WATCHDOG=1 ping every 100 ms.
    before_block = fake_systemd.wait_for(f"STATUS={BLOCK_STATUS}", 30)
    pings = [m for m in before_block if m == "WATCHDOG=1"]
    assert len(pings) >= 3, before_block

    # The injected fault now blocks the GUI thread: no ping for 10 intervals (systemd would have
    # killed the app after 2). The socket is read with a timeout, not polled.
    assert fake_systemd.receive(timeout=1.0) is None
    assert app.process.poll() is None  # alive but frozen: exactly what the watchdog is for


def test_exception_in_a_slot_shows_one_moment_logs_and_exits_non_zero(
    start_app: StartApp, fake_systemd: FakeSystemd
) -> None:
    app = start_app(FAULT="raise", AFTER_MS="100", KIOSK_CRASH_EXIT_DELAY_MS="300")
    wait_ready(app, fake_systemd)
    crashed = fake_systemd.wait_for(f"STATUS=crashed: unhandled RuntimeError: {RAISE_MESSAGE}", 30)
    assert crashed

    assert app.process.wait(timeout=30) == CRASH_EXIT_CODE != 0
    log = app.log()
    assert "Traceback (most recent call last)" in log
    assert f"RuntimeError: {RAISE_MESSAGE}" in log
    assert "in raise_in_slot" in log  # the traceback names the slot
    assert "'One moment...' screen shown: 'One moment...'" in log  # the bundle's English text
    assert f"exiting with {CRASH_EXIT_CODE}" in log
    # The start never became healthy: it counts towards the fall-back to the built-in bundle.
    state = json.loads((app.data_dir / "startup.json").read_text(encoding="utf-8"))
    assert state["unhealthy_starts"] == 1


def test_sigterm_stops_cleanly(start_app: StartApp, fake_systemd: FakeSystemd) -> None:
    app = start_app()
    wait_ready(app, fake_systemd)
    app.process.send_signal(signal.SIGTERM)
    fake_systemd.wait_for("STOPPING=1", 30)
    assert app.process.wait(timeout=30) == 0
    state = json.loads((app.data_dir / "startup.json").read_text(encoding="utf-8"))
    assert state["unhealthy_starts"] == 0  # a clean stop is no crash


def test_sigterm_stops_the_fullscreen_kiosk_cleanly(
    start_app: StartApp, fake_systemd: FakeSystemd
) -> None:
    # Fullscreen, as on a kiosk: the window refuses to close, which must not stop the quit.
    app = start_app("--size", "720x1280")
    wait_ready(app, fake_systemd)
    app.process.send_signal(signal.SIGTERM)
    fake_systemd.wait_for("STOPPING=1", 10)
    assert app.process.wait(timeout=10) == 0

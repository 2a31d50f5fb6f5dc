"""A patient with a keyboard and a mouse stays in the app: under Openbox with the kiosk user's
rc.xml (packaging/openbox/rc.xml, docs/deployment.md), the real kiosk runs full screen in a real
X server (Xvfb), and the usual escapes are sent with xdotool. After each one the kiosk's window is
still the active and only managed window, still full screen, and no new process runs on the
display. Skipped when Xvfb, openbox, xdotool or xprop are missing (.ci/run installs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.x11

ROOT = Path(__file__).resolve().parents[2]
RC_XML = ROOT / "packaging" / "openbox" / "rc.xml"
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
ESCAPES = [
    ["key", "alt+Tab"],
    ["key", "alt+F4"],
    ["key", "ctrl+alt+t"],
    ["key", "super"],
    ["key", "alt+F2"],
    ["key", "ctrl+Escape"],
    ["key", "alt+space"],
    ["key", "ctrl+q"],
    ["key", "Escape"],
    ["key", "F11"],
    # Openbox's own defaults: show the desktop, switch or send to another desktop, lower the
    # window, open a file manager.
    ["key", "super+d"],
    ["key", "ctrl+alt+Right"],
    ["key", "shift+alt+Right"],
    ["key", "alt+Escape"],
    ["key", "super+e"],
    ["mousemove", "1270", "790", "click", "3"],  # right click: the root menu, by default
    ["mousemove", "1270", "790", "click", "2"],  # middle click: the window list, by default
]


@dataclass(frozen=True)
class Session:
    display: str
    kiosk: subprocess.Popen[bytes]

    def x(self, *args: str) -> str:
        env = {**os.environ, "DISPLAY": self.display}
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=10)
        return done.stdout if done.returncode == 0 else ""


def until(
    check: Callable[[], object], seconds: float, what: str, why: Callable[[], str] = str
) -> object:
    """Polls `check` until it returns something true (bounded); `why` says what to look at
    when it never does."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}. {why()}")


def process_report(name: str, process: subprocess.Popen[bytes], log: Path) -> str:
    """Whether `process` still runs, and what it wrote."""
    state = "running" if process.poll() is None else f"exited with {process.returncode}"
    written = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    return f"{name} {state}; it wrote: {written!r}"


def free_display() -> str:
    for n in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return f":{n}"
    pytest.skip("no free X display number")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def on_display(display: str) -> set[tuple[int, str]]:
    """The processes whose environment names this display, with their command names."""
    found = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            name = (proc / "comm").read_text().strip()
        except OSError:
            continue
        if f"DISPLAY={display}".encode() in environ:
            found.add((int(proc.name), name))
    return found


def clients(session: Session) -> list[str]:
    out = session.x("xprop", "-root", "_NET_CLIENT_LIST")
    return [w.strip().rstrip(",") for w in out.partition("#")[2].split(",") if w.strip()]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    display = free_display()
    started: list[subprocess.Popen[bytes]] = []
    env = {**os.environ, "DISPLAY": display}
    xvfb_log, openbox_log = tmp_path / "xvfb.log", tmp_path / "openbox.log"
    try:
        with xvfb_log.open("wb") as log:
            xvfb = subprocess.Popen(
                ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(xvfb)
        until(
            lambda: Path(f"/tmp/.X11-unix/X{display[1:]}").exists(),
            10,
            "Xvfb",
            lambda: process_report("Xvfb", xvfb, xvfb_log),
        )
        with openbox_log.open("wb") as log:
            openbox = subprocess.Popen(
                ["openbox", "--config-file", str(RC_XML)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(openbox)
        probe = Session(display, xvfb)
        until(
            lambda: "window id" in probe.x("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
            30,  # a loaded machine can take a while to start it
            "openbox",
            lambda: (
                f"{process_report('openbox', openbox, openbox_log)}; "
                f"{process_report('Xvfb', xvfb, xvfb_log)}; "
                f"xprop says {probe.x('xprop', '-root', '_NET_SUPPORTING_WM_CHECK')!r}"
            ),
        )
        kiosk_env = {
            **env,
            "QT_QPA_PLATFORM": "xcb",
            "KIOSK_SECRET_DIR": str(tmp_path / "secret"),
        }
        kiosk_env.pop("KIOSK_DEV_EXIT", None)
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data")],
            env=kiosk_env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(kiosk)
        yield Session(display, kiosk)
    finally:
        for process in reversed(started):
            stop(process)


def kiosk_window(session: Session) -> str:
    """The managed window of the kiosk process, once it is full screen and active."""

    def ready() -> str:
        assert session.kiosk.poll() is None, "the kiosk exited"
        for window in clients(session):
            pid = session.x("xprop", "-id", window, "_NET_WM_PID").rpartition("=")[2].strip()
            state = session.x("xprop", "-id", window, "_NET_WM_STATE")
            active = session.x("xdotool", "getactivewindow").strip() or "-1"
            mine = pid == str(session.kiosk.pid) and "FULLSCREEN" in state
            if mine and int(active) == int(window, 16):
                return window
        return ""

    return str(until(ready, 30, "the kiosk's full-screen window"))


def still_alone(session: Session, window: str, before: set[tuple[int, str]]) -> list[str]:
    """What is wrong now: another window, another process, the kiosk gone or not in front."""
    wrong = []
    if session.kiosk.poll() is not None:
        wrong.append(f"the kiosk exited ({session.kiosk.returncode})")
    if clients(session) != [window]:
        wrong.append(f"managed windows: {clients(session)}")
    active = session.x("xdotool", "getactivewindow").strip()
    if not active or int(active) != int(window, 16):
        wrong.append(f"active window {active!r}")
    if "FULLSCREEN" not in session.x("xprop", "-id", window, "_NET_WM_STATE"):
        wrong.append("the kiosk is no longer full screen")
    new = on_display(session.display) - before
    if new:
        wrong.append(f"new processes: {sorted(new)}")
    return wrong


def test_no_key_or_click_reaches_another_program(session: Session) -> None:
    window = kiosk_window(session)
    before = on_display(session.display)
    for escape in ESCAPES:
        session.x("xdotool", *escape)
        # Openbox and the app handle the event after xdotool has sent it: watch for a while.
        end = time.monotonic() + 0.4
        while time.monotonic() < end:
            wrong = still_alone(session, window, before)
            assert not wrong, f"after {' '.join(escape)}: {'; '.join(wrong)}"
            time.sleep(0.05)

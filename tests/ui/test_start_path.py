"""The start path names nothing of PySide's `Qt` namespace (kiosk/ui/qt_values.py): reading any
of it builds all its enums at once, about 40 ms of the start. Checked in a fresh process (this
one has pytest-qt, which reads `Qt`), through the real start: the full fullscreen kiosk on a data
folder, supervised, up to Home built after the attract screen's first frame; then a patient's
session, which loads no sound library before the first Listen and reads the narration index
without msgspec, and hashes without loading OpenSSL (kiosk/system/builtin_hashes.py)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.ui.qt_values import DISPLAY_ROLE, KIOSK_WINDOW_FLAGS, USER_ROLE
from tests.fresh_python import run_python

START = """
import argparse, enum, gc, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtQuick import QQuickItem
from kiosk.app.supervision import supervise_kiosk
from kiosk.app.wiring import build_kiosk
from kiosk.system.startup_guard import StartupGuard

data = Path(sys.argv[1])
kiosk = build_kiosk(size=(1280, 800), fullscreen=True, data_dir=data)
supervisor = supervise_kiosk(kiosk, argparse.Namespace(), StartupGuard(data))

def home_made() -> None:
    if kiosk.window.findChild(QQuickItem, "homeScreen") is not None:
        kiosk.app.exit(0)

timer = QTimer(interval=20)
timer.timeout.connect(home_made)
timer.start()
QTimer.singleShot(20_000, lambda: kiosk.app.exit(3))
code = kiosk.app.exec()
built = sorted(
    o.__qualname__ for o in gc.get_objects()
    if isinstance(o, enum.EnumType) and o.__qualname__.startswith("Qt.")
)
print("built:", ",".join(built))
print("loaded:", ",".join(m for m in ("miniaudio",) if m in sys.modules))
# A patient starts and opens a page: the sound libraries still wait for the first Listen.
kiosk.state.start()
kiosk.state.openPage(kiosk.state.bundle.treatments[0].id)
kiosk.app.processEvents()
kiosk.narrator.hasPage(kiosk.state.bundle.treatments[0].id)  # the narration index is read
print("session:", ",".join(m for m in ("miniaudio", "msgspec") if m in sys.modules))
# The start's hashes are Python's own: OpenSSL's libcrypto (3.3 MiB) is not loaded for them.
with open("/proc/self/maps", encoding="utf-8") as maps:
    crypto = {line.split("/")[-1].strip() for line in maps if "libcrypto" in line}
print("openssl:", ",".join(sorted(crypto)))
supervisor.uninstall()
kiosk.close()
sys.exit(code)
"""


def test_the_numbers_are_qt_s_own() -> None:
    assert Qt.ItemDataRole.DisplayRole.value == DISPLAY_ROLE
    assert Qt.ItemDataRole.UserRole.value == USER_ROLE
    flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
    assert (flags | Qt.WindowType.WindowStaysOnTopHint).value == KIOSK_WINDOW_FLAGS


def test_starting_the_kiosk_builds_none_of_qt_s_enums_and_loads_no_audio(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The second start: the first on a fresh data folder validates the bundle in full (as after
    # an install), which loads the strict readers; every later start reads the ready copy.
    for _start in range(2):
        shown = run_python(START, tmp_path / "data", env=env)
    assert "built: \n" in shown, shown  # none: no code on the start path read `Qt`
    # Narration's player (miniaudio, ~70 ms) loads when a patient first needs it, not at start.
    assert "loaded: \n" in shown, shown
    assert "session: \n" in shown, shown
    assert "openssl: \n" in shown, shown

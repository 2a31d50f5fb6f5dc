"""PySide6 6.12.0 on CPython 3.11 takes a reference from None on every wrapped call that returns
nothing and from True on every Signal.emit(); kiosk.ui gives them references to spare."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{fix}
from PySide6.QtCore import QObject, QTimer, Signal
class O(QObject):
    changed = Signal()
o, t = O(), QTimer()
for _ in range(20000):
    t.setInterval(5)   # returns nothing: None
    o.changed.emit()   # returns True
print("survived")
"""


def run(fix: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(fix=fix)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_kiosk_survives_many_calls() -> None:
    result = run("import kiosk.ui")
    assert result.returncode == 0, result.stderr
    assert "survived" in result.stdout


def test_without_the_fix_python_aborts_on_311() -> None:
    if sys.version_info >= (3, 12):
        return  # None and True are immortal there: nothing to show
    result = run("")
    if result.returncode == 0:
        return  # a fixed PySide6: kiosk/ui/_pyside_fix.py can go
    assert "dealloc" in result.stderr

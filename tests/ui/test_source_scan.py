"""PySide's scan of every imported module's source (for its `__feature__` switches) is replaced
by one that gives the same answers without keeping every line in linecache."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import kiosk.app.wiring
import kiosk.content.bundle
import kiosk.ui.source_scan
from kiosk.ui.source_scan import names_pyside, scan_sources_cheaply
from tests.fresh_python import run_python

CHILD = """
import linecache, sys
import kiosk.app.wiring
kept = [name for name in linecache.cache if "/kiosk/" in name]
print("kept:", len(kept))
"""


def test_the_answers_are_pyside_s() -> None:
    feature = sys.modules["shibokensupport.feature"]
    assert scan_sources_cheaply(), "this PySide has no source scan to replace: drop the module"
    assert feature._mod_uses_pyside is names_pyside
    assert names_pyside(kiosk.app.wiring)  # imports PySide6
    assert not names_pyside(kiosk.content.bundle)  # plain Python
    assert names_pyside(kiosk.ui.source_scan)  # names it in a comment: PySide counts that too
    assert not names_pyside(sys)  # built in
    assert not names_pyside(types.ModuleType("made_here"))  # no file


def test_a_module_whose_file_is_gone_does_not_use_pyside(tmp_path: Path) -> None:
    module = types.ModuleType("gone")
    module.__file__ = str(tmp_path / "gone.py")
    assert not names_pyside(module)


def test_starting_the_app_keeps_none_of_its_sources_in_memory() -> None:
    shown = run_python(CHILD)
    assert "kept: 0\n" in shown, shown

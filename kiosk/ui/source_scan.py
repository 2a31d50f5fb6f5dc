"""PySide reads the whole source of every module imported after it, through `inspect.getsource`
(to see whether the module names PySide6, for its opt-in `__feature__` switches), and
`linecache` keeps every line: ~5 MiB of Python heap and ~20 ms at the kiosk's start, for a
feature the kiosk never uses. `scan_sources_cheaply` keeps PySide's answer and drops the
cost: the same test ("PySide6" in the module's file), read once and not kept.

PySide 6.11's `shibokensupport.feature._mod_uses_pyside` is what is replaced; if a later PySide
has no such function, nothing is replaced (tests/ui/test_source_scan.py says so).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType


def names_pyside(module: ModuleType) -> bool:
    """Whether the module's source file names PySide6 (what PySide asks), without linecache."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled or frozen: PySide's own answer is False too
    try:
        return b"PySide6" in Path(path).read_bytes()
    except OSError:
        return False


def scan_sources_cheaply() -> bool:
    """Replaces PySide's source scan; True when there was one to replace."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = names_pyside  # type: ignore[attr-defined]
    return True

"""Work-around for a reference-count bug of PySide6 6.12.0's abi3 wheels on CPython 3.11.

The wrappers hand Python `None`, `True` and `False` without a new reference, as if they were
immortal, which they are only from CPython 3.12 on. On 3.11 every wrapped call that returns
nothing (`QTimer.start()`, `setObjectName()`, `processEvents()`, ...) takes one reference from
`None`, and every `Signal.emit()` one from `True`; after a few thousand calls the count reaches
zero and the interpreter aborts ("Fatal Python error: none_dealloc: deallocating None", or
"bool_dealloc"). A kiosk that runs for weeks would crash; the test suite crashed at exit.

The fix gives these three singletons a reference count no program can use up, which is what 3.12
does. tests/ui/test_pyside_fix.py shows the bug and the fix; drop this module when PySide6 is
fixed or the kiosk runs on CPython >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 60


def immortalize_singletons() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return  # immortal already
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: the first field
        if refcount.value < _RESERVE // 2:
            refcount.value += _RESERVE

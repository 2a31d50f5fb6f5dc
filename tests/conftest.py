"""Test-wide setup: Qt runs offscreen (set before anything imports Qt); a test that leaves a
Qt timer or animation running on the application fails, and so does one after which an app
object has slots of its own (kiosk/ui/qml_types.py says why that breaks QML)."""

from __future__ import annotations

import gc
import logging
import os
import warnings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_leftover_qt_timers() -> Iterator[None]:
    yield
    try:
        from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QTimer
    except ImportError:  # pragma: no cover - Qt is always installed here
        return
    app = QCoreApplication.instance()
    if app is None:
        return
    running = [t.objectName() or repr(t) for t in app.findChildren(QTimer) if t.isActive()]
    running += [
        a.objectName() or repr(a)
        for a in app.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running
    ]
    assert not running, f"the test left Qt timers or animations running: {running}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    result = yield
    # After the test body, while its kiosks are still alive (fixtures close them later).
    offenders = _objects_with_slots_of_their_own()
    assert not offenders, (
        "connected to methods without @Slot, so PySide gave these objects a metaobject of "
        f"their own (see kiosk/ui/qml_types.py): {offenders}"
    )
    return result


def _objects_with_slots_of_their_own() -> list[str]:
    """The app's QObjects whose metaobject PySide made for the instance, not the class: it does
    so when a signal is connected to a method that is not a @Slot."""
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return []
    import shiboken6
    from PySide6.QtCore import QObject

    found: set[str] = set()
    for obj in gc.get_objects():
        if not isinstance(obj, QObject) or not type(obj).__module__.startswith("kiosk."):
            continue
        if not shiboken6.isValid(obj):
            continue
        # Python-made objects: their class's metaobject lives as long as the class, so the
        # wrapper PySide keeps for it cannot go stale (tests/ui/test_stale_wrappers.py).
        meta = obj.metaObject()
        parent = meta.superClass()
        if parent is not None and parent.className() == meta.className():
            slots = range(meta.methodOffset(), meta.methodCount())
            names = ", ".join(str(meta.method(i).methodSignature(), "utf-8") for i in slots)
            found.add(f"{type(obj).__qualname__}: {names}")
    return sorted(found)


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)
    warnings.resetwarnings()

"""Test-wide setup: Qt runs offscreen (set before anything imports Qt), and a test that leaves a
Qt timer or animation running on the application fails."""

from __future__ import annotations

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

"""Supervision in-process: crash screen, log entry, exit code, watchdog and READY pings.

The app-level tests (a real `kiosk` process) are in test_app_supervision.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF, QSocketNotifier, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import supervision
from kiosk.app.supervision import CRASH_EXIT_CODE, Supervisor
from kiosk.system.sdnotify import Notifier
from kiosk.system.startup_guard import StartupGuard

from .conftest import FakeSystemd

WINDOW_QML = b"""
import QtQuick
Window {
    objectName: "mainWindow"
    width: 480; height: 640; visible: true
    Rectangle {
        objectName: "boomButton"
        width: 200; height: 100; anchors.centerIn: parent; color: "steelblue"
        MouseArea { anchors.fill: parent; onClicked: backend.boom() }
    }
    %s
}
"""


class Backend(QObject):
    @Slot()
    def boom(self) -> None:
        raise RuntimeError("kaboom from a slot")


class Harness:
    def __init__(self, qapp: QGuiApplication) -> None:
        self.app = qapp
        self.engine = QQmlApplicationEngine()
        self.backend = Backend()
        self.engine.rootContext().setContextProperty("backend", self.backend)
        self.exit_codes: list[int] = []
        self.supervisor: Supervisor | None = None

    def start(
        self,
        extra_qml: bytes = b"",
        *,
        notifier: Notifier | None = None,
        one_moment: supervision.OneMoment = "Un momento...",
        guard: StartupGuard | None = None,
    ) -> Supervisor:
        self.supervisor = supervision.install(
            self.app,
            self.engine,
            one_moment=one_moment,
            notifier=notifier or Notifier(None, None),
            guard=guard,
            exit_delay_ms=50,
            exit_fn=self.exit_codes.append,
        )
        self.engine.loadData(WINDOW_QML.replace(b"%s", extra_qml))
        return self.supervisor

    @property
    def window(self) -> QQuickWindow:
        root = self.engine.rootObjects()[0]
        assert isinstance(root, QQuickWindow)
        return root

    def close(self) -> None:
        if self.supervisor is not None:
            self.supervisor.uninstall()
        for root in self.engine.rootObjects():
            if isinstance(root, QQuickWindow):
                root.close()
        self.engine.deleteLater()


@pytest.fixture
def harness(qapp: QGuiApplication) -> Iterator[Harness]:
    h = Harness(qapp)
    yield h
    h.close()


def wait_exposed(window: QQuickWindow) -> None:
    assert QTest.qWaitForWindowExposed(window, 5000)


def click(window: QQuickWindow, name: str) -> None:
    item = window.findChild(QQuickItem, name)
    assert item is not None, name
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def one_moment_text(supervisor: Supervisor) -> str:
    window = supervisor.crash_window
    assert window is not None and window.isVisible()
    assert window.objectName() == supervision.ONE_MOMENT_OBJECT
    text = window.findChild(QQuickItem, supervision.ONE_MOMENT_TEXT_OBJECT)
    assert text is not None and text.isVisible()
    value = text.property("text")
    assert isinstance(value, str)
    return value


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_one_moment_logs_and_exits_non_zero(
    harness: Harness, qtbot: QtBot, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    sup = harness.start()
    wait_exposed(harness.window)
    with (
        caplog.at_level(logging.INFO, logger="kiosk.app.supervision"),
        qtbot.waitSignal(sup.crashed, timeout=5000) as crashed,
    ):
        click(harness.window, "boomButton")  # QML calls backend.boom(), which raises
    assert "RuntimeError: kaboom from a slot" in crashed.args[0]

    # The patient sees a calm screen in the bundle's language, instead of the broken UI.
    assert one_moment_text(sup) == "Un momento..."
    assert not harness.window.isVisible()
    assert sup.crash_window is not None
    wait_exposed(sup.crash_window)
    shot = sup.crash_window.grabWindow()
    assert not shot.isNull() and shot.width() > 0
    shot.save(str(tmp_path / "one-moment.png"))

    # The log has the traceback.
    entry = next(r for r in caplog.records if r.levelno == logging.CRITICAL)
    text = entry.getMessage()
    assert "Traceback (most recent call last)" in text
    assert "in boom" in text and "kaboom from a slot" in text

    # ... and the app leaves its event loop with a non-zero code, once.
    with qtbot.waitSignal(sup.exiting, timeout=5000) as exiting:
        pass
    assert exiting.args == [CRASH_EXIT_CODE] and CRASH_EXIT_CODE != 0
    assert harness.exit_codes == [CRASH_EXIT_CODE]


@pytest.mark.parametrize(
    "qml",
    [
        b"Timer { interval: 10; running: true; onTriggered: null.foo() }",
        b"Timer { interval: 10; running: true; onTriggered: undefinedThing.call() }",
        b"Timer { interval: 10; running: true; onTriggered: console.error('broken state') }",
    ],
    ids=["TypeError", "ReferenceError", "console.error"],
)
def test_qml_errors_crash_too(
    harness: Harness, qtbot: QtBot, caplog: pytest.LogCaptureFixture, qml: bytes
) -> None:
    sup = harness.start(qml)
    with qtbot.waitSignal(sup.exiting, timeout=5000) as exiting:
        pass
    assert exiting.args == [CRASH_EXIT_CODE]
    assert one_moment_text(sup) == "Un momento..."
    assert any("QML error" in r.getMessage() for r in caplog.records)


@pytest.mark.qt_log_ignore("QQmlApplicationEngine failed to load component")
def test_a_qml_file_that_fails_to_load_crashes(harness: Harness, qtbot: QtBot) -> None:
    sup = supervision.install(
        harness.app,
        harness.engine,
        notifier=Notifier(None, None),
        exit_delay_ms=10,
        exit_fn=harness.exit_codes.append,
    )
    harness.supervisor = sup
    with qtbot.waitSignal(sup.exiting, timeout=5000):
        harness.engine.loadData(b"import QtQuick\nimport No.Such.Module\nWindow {}")
    assert harness.exit_codes == [CRASH_EXIT_CODE]
    assert one_moment_text(sup) == supervision.FALLBACK_ONE_MOMENT  # no bundle text given


def test_harmless_qml_warnings_do_not_crash(
    harness: Harness, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    # Assigning undefined to an int is a warning worth logging, not a broken UI.
    sup = harness.start(b"Item { objectName: 'w'; property int n: undefined }")
    wait_exposed(harness.window)
    assert any("Unable to assign" in r.getMessage() for r in caplog.records)
    assert not sup.has_crashed


@pytest.mark.parametrize(
    ("one_moment", "expected"),
    [
        (None, "One moment..."),
        ("  ", "One moment..."),
        (lambda: None, "One moment..."),
        (lambda: "Un momento...", "Un momento..."),
    ],
)
def test_one_moment_text_falls_back(
    harness: Harness, one_moment: supervision.OneMoment, expected: str
) -> None:
    sup = harness.start(one_moment=one_moment)
    assert sup.one_moment_text() == expected


def test_one_moment_text_that_raises_falls_back(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise KeyError("one_moment")

    sup = harness.start(one_moment=broken)
    assert sup.one_moment_text() == "One moment..."


def wait_datagram(
    qtbot: QtBot, systemd: FakeSystemd, wanted: str, timeout_ms: int = 5000
) -> list[str]:
    """Spin the Qt event loop until `wanted` arrives (a QSocketNotifier, not polling)."""
    notifier = QSocketNotifier(systemd.sock.fileno(), QSocketNotifier.Type.Read)
    seen: list[str] = []
    try:

        def check(*_: object) -> bool:
            while (message := systemd.receive(0)) is not None:
                seen.append(message)
            return wanted in seen

        if not check():
            with qtbot.waitSignal(notifier.activated, timeout=timeout_ms, check_params_cb=check):
                pass
    finally:
        notifier.setEnabled(False)
        notifier.deleteLater()
    return seen


def test_ready_after_first_frame_and_watchdog_from_the_event_loop(
    harness: Harness, qtbot: QtBot, fake_systemd: FakeSystemd
) -> None:
    notifier = Notifier(str(fake_systemd.path), watchdog_interval_s=0.02)
    sup = harness.start(notifier=notifier)
    seen = wait_datagram(qtbot, fake_systemd, "READY=1")
    assert seen[0] == "WATCHDOG=1"  # pinged at once, before the first frame
    seen = wait_datagram(qtbot, fake_systemd, "WATCHDOG=1")  # and again from the timer
    assert sup.watchdog_timer.isActive() and sup.watchdog_timer.interval() == 20
    sup.uninstall()
    assert not sup.watchdog_timer.isActive()
    notifier.close()


def test_no_watchdog_timer_outside_systemd(harness: Harness) -> None:
    sup = harness.start(notifier=Notifier(None, None))
    assert not sup.watchdog_timer.isActive()


def test_the_start_becomes_healthy_after_a_while(
    harness: Harness, qtbot: QtBot, tmp_path: Path
) -> None:
    guard = StartupGuard(tmp_path, healthy_after_s=0.05)
    guard.begin()
    guard.begin()
    assert guard.quick_crashes == 1
    sup = harness.start(guard=guard)
    with qtbot.waitSignal(sup.healthy_timer.timeout, timeout=5000):
        pass
    assert StartupGuard(tmp_path).quick_crashes == 0


@pytest.mark.qt_no_exception_capture
def test_a_crash_is_never_healthy(harness: Harness, qtbot: QtBot, tmp_path: Path) -> None:
    guard = StartupGuard(tmp_path, healthy_after_s=0.2)
    guard.begin()
    sup = harness.start(guard=guard)
    wait_exposed(harness.window)
    with qtbot.waitSignal(sup.exiting, timeout=5000):
        click(harness.window, "boomButton")
    with qtbot.waitSignal(sup.healthy_timer.timeout, timeout=5000):
        pass
    assert StartupGuard(tmp_path).quick_crashes == 1


def test_uninstall_restores_the_hooks(harness: Harness) -> None:
    import sys
    import threading

    before = (sys.excepthook, threading.excepthook)
    sup = harness.start()
    assert sys.excepthook != before[0]
    sup.uninstall()
    assert (sys.excepthook, threading.excepthook) == before

"""Supervision of the running app: systemd watchdog pings, crash screen, exit for a restart.

`install(app, engine, ...)` wires, on the GUI thread:

- a QTimer on the event loop that sends `WATCHDOG=1` at half of `$WATCHDOG_USEC`, so a blocked
  event loop stops the pings and systemd kills and restarts the app; `READY=1` after the first
  frame; `STOPPING=1` when the app quits (all no-ops outside systemd);
- `sys.excepthook`, `threading.excepthook` and a Qt message handler: an unhandled Python
  exception or a QML error (a JavaScript error, a `console.error`, a QML file that fails to load)
  is logged with its traceback, the patient sees a calm "One moment..." screen, and the event loop
  exits with a non-zero code shortly after so the supervisor restarts the app;
- the start-up guard: the start counts as healthy after a while or on a clean exit.

SIGTERM (`systemctl stop`) is the app's: `kiosk.app.wiring` quits the event loop on it, and the
supervisor then sends `STOPPING=1`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.app.crash_screen import ONE_MOMENT_OBJECT, ONE_MOMENT_TEXT_OBJECT, CrashScreen
from kiosk.system.logs import flush_logs
from kiosk.system.sdnotify import Notifier
from kiosk.system.startup_guard import StartupGuard

if TYPE_CHECKING:
    from kiosk.app.wiring import Kiosk

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

CRASH_EXIT_CODE = 70  # EX_SOFTWARE: "internal software error"
CRASH_EXIT_DELAY_MS = 2500
CRASH_EXIT_DELAY_ENV = "KIOSK_CRASH_EXIT_DELAY_MS"
FALLBACK_ONE_MOMENT = "One moment..."
__all__ = ["ONE_MOMENT_OBJECT", "ONE_MOMENT_TEXT_OBJECT", "Supervisor", "install"]

# A JavaScript error reported by the QML engine ("TypeError: ...", "Error: ..." thrown).
_JS_ERROR = re.compile(r"\b(?:Type|Reference|Range|Syntax|URI|Eval|Internal)?Error: ")

OneMoment = str | Callable[[], str | None] | None
MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def is_fatal_qml_warning(description: str) -> bool:
    """QML engine warnings that mean the UI is broken (JavaScript errors), not just untidy."""
    return _JS_ERROR.search(description) is not None


class Supervisor(QObject):
    """Owns the timers and hooks that `install` sets up; `uninstall()` puts everything back."""

    crashed = Signal(str)  # the summary line, once, when the crash screen goes up
    exiting = Signal(int)  # the exit code, just before leaving the event loop
    _fatal_from_any_thread = Signal(str, str)  # summary, details

    def __init__(
        self,
        app: QGuiApplication,
        engine: QQmlApplicationEngine,
        *,
        notifier: Notifier,
        one_moment: OneMoment,
        exit_code: int,
        exit_delay_ms: int,
        guard: StartupGuard | None,
        exit_fn: Callable[[int], None] | None,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._engine = engine
        self.notifier = notifier
        self._one_moment = one_moment
        self.exit_code = exit_code
        self.exit_delay_ms = exit_delay_ms
        self._guard = guard
        self._exit_fn = exit_fn if exit_fn is not None else app.exit
        self._crashed = False
        self._ready_sent = False
        self._watched: list[QQuickWindow] = []
        self._crash_screen = CrashScreen(self)
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_threading_hook: Callable[[threading.ExceptHookArgs], Any] | None = None
        self._previous_message_handler: MessageHandler | None = None
        self._installed = False

        self.watchdog_timer = QTimer(self)
        self.watchdog_timer.timeout.connect(self._ping)
        self.healthy_timer = QTimer(self)
        self.healthy_timer.setSingleShot(True)
        self.healthy_timer.timeout.connect(self._healthy)
        self.exit_timer = QTimer(self)
        self.exit_timer.setSingleShot(True)
        self.exit_timer.timeout.connect(self._exit_now)
        # Auto, not Queued: naming Qt.ConnectionType builds all of Qt's enums (~40 ms of the
        # start, see kiosk/ui/qt_values.py); _fatal_later defers the crash to the event loop.
        self._fatal_from_any_thread.connect(self._fatal_later)

    # -- installing ---------------------------------------------------------------------------

    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        interval = self.notifier.watchdog_interval_s
        if interval is not None:
            self.watchdog_timer.start(max(10, int(interval * 1000)))
            self._ping()
        if self._guard is not None:
            self.healthy_timer.start(int(self._guard.healthy_after_s * 1000))

        self._previous_excepthook = sys.excepthook
        sys.excepthook = self._excepthook
        self._previous_threading_hook = threading.excepthook
        threading.excepthook = self._threading_excepthook
        self._previous_message_handler = qInstallMessageHandler(self._qt_message)

        # The engine's own warnings come through `warnings` (once, with file and line).
        self._engine.setOutputWarningsToStandardError(False)
        self._engine.warnings.connect(self._qml_warnings)
        self._engine.objectCreated.connect(self._object_created)
        self._engine.objectCreationFailed.connect(self._creation_failed)
        for root in self._engine.rootObjects():
            self._watch_window(root)
        self._app.aboutToQuit.connect(self._about_to_quit)

    def uninstall(self) -> None:
        """Restore the hooks and stop the timers (tests; the app itself never needs it)."""
        if not self._installed:
            return
        self._installed = False
        for timer in (self.watchdog_timer, self.healthy_timer, self.exit_timer):
            timer.stop()
        if sys.excepthook == self._excepthook and self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._threading_excepthook:
            assert self._previous_threading_hook is not None
            threading.excepthook = self._previous_threading_hook
        qInstallMessageHandler(self._previous_message_handler)
        self._previous_message_handler = None
        connections: list[tuple[Any, Callable[..., None]]] = [
            (self._engine.warnings, self._qml_warnings),
            (self._engine.objectCreated, self._object_created),
            (self._engine.objectCreationFailed, self._creation_failed),
            (self._app.aboutToQuit, self._about_to_quit),
        ]
        for bound_signal, slot in connections:
            with contextlib.suppress(RuntimeError, TypeError):
                bound_signal.disconnect(slot)
        self._unwatch_windows()
        self._crash_screen.close()

    # -- systemd ------------------------------------------------------------------------------

    @Slot()
    def _ping(self) -> None:
        self.notifier.watchdog()

    @Slot(QObject, QUrl)
    def _object_created(self, obj: QObject | None, url: QUrl) -> None:
        if obj is not None:
            self._watch_window(obj)

    def _watch_window(self, obj: QObject) -> None:
        if isinstance(obj, QQuickWindow) and not self._ready_sent:
            obj.frameSwapped.connect(self._first_frame)
            self._watched.append(obj)

    def _unwatch_windows(self) -> None:
        for window in self._watched:
            with contextlib.suppress(RuntimeError, TypeError):
                window.frameSwapped.disconnect(self._first_frame)
        self._watched.clear()

    @Slot()
    def _first_frame(self) -> None:
        # Connected only until the first frame: Python is not called on every frame.
        self._unwatch_windows()
        if not self._ready_sent:
            self._ready_sent = True
            self.notifier.ready()
            log.info("first frame shown")

    @Slot()
    def _healthy(self) -> None:
        if self._guard is not None and not self._crashed:
            self._guard.mark_healthy()

    @Slot()
    def _about_to_quit(self) -> None:
        self.watchdog_timer.stop()
        self.notifier.stopping()
        if self._guard is not None and not self._crashed:
            self._guard.mark_healthy()  # a clean exit before the healthy delay is no crash

    # -- crashes ------------------------------------------------------------------------------

    def _excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        summary = f"unhandled {exc_type.__name__}: {exc}"
        if threading.current_thread() is threading.main_thread():  # the GUI thread
            self._fatal(summary, details)
        else:
            self._fatal_from_any_thread.emit(summary, details)

    def _threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        details = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        name = args.thread.name if args.thread is not None else "?"
        summary = f"unhandled {args.exc_type.__name__} in thread {name}: {args.exc_value}"
        self._fatal_from_any_thread.emit(summary, details)

    @Slot("QList<QQmlError>")
    def _qml_warnings(self, warnings: list[QQmlError]) -> None:
        for warning in warnings:
            text = warning.toString()
            fatal = is_fatal_qml_warning(warning.description()) or warning.messageType() in (
                QtMsgType.QtCriticalMsg,
                QtMsgType.QtFatalMsg,
            )
            if fatal:
                self._fatal(f"QML error: {text}", f"QML error at {text}\n{_python_stack()}")
            else:
                qt_log.warning("%s", text)

    @Slot(QUrl)
    def _creation_failed(self, url: QUrl) -> None:
        self._fatal(f"QML failed to load {url.toString()}", "see the QML errors logged above")

    def _qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        level = _LEVELS.get(mode, logging.WARNING)
        from_qml = context.category in ("qml", "js") or (context.file or "").endswith(".qml")
        if from_qml and mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            summary = f"QML error: {message}{where}"
            if mode == QtMsgType.QtFatalMsg:  # Qt aborts when this handler returns
                log.critical("%s", summary)
                flush_logs()
                return
            self._fatal_from_any_thread.emit(summary, f"{summary}\n{_python_stack()}")
            return
        qt_log.log(level, "%s%s", message, where)
        if mode == QtMsgType.QtFatalMsg:
            flush_logs()
        if self._previous_message_handler is not None:  # e.g. pytest-qt's capture
            self._previous_message_handler(mode, context, message)

    @Slot(str, str)
    def _fatal_later(self, summary: str, details: str) -> None:
        """On the GUI thread, but never inside Qt's message handler or a worker's signal."""
        QTimer.singleShot(0, self, lambda: self._fatal(summary, details))

    @Slot(str, str)
    def _fatal(self, summary: str, details: str) -> None:
        if self._crashed:
            log.error("while already crashing: %s\n%s", summary, details)
            return
        self._crashed = True
        log.critical("%s\n%s", summary, details)
        log.critical("showing the 'One moment...' screen; exiting with %d", self.exit_code)
        flush_logs()
        self.notifier.status(f"crashed: {summary[:200]}")
        try:
            self._show_crash_screen()
        except Exception:  # the screen is a courtesy: never let it stop the exit
            log.exception("could not show the 'One moment...' screen")
        if self.crash_window is not None:
            log.info("'One moment...' screen shown: %r", self.one_moment_text())
        self.crashed.emit(summary)
        self.exit_timer.start(max(0, self.exit_delay_ms))

    def one_moment_text(self) -> str:
        text: str | None = None
        try:
            text = self._one_moment() if callable(self._one_moment) else self._one_moment
        except Exception:
            log.exception("could not read the 'one_moment' text; using the built-in one")
        return text.strip() if isinstance(text, str) and text.strip() else FALLBACK_ONE_MOMENT

    def _show_crash_screen(self) -> None:
        main_windows = [w for w in self._engine.rootObjects() if isinstance(w, QQuickWindow)]
        self._crash_screen.show(self.one_moment_text(), main_windows[0] if main_windows else None)
        for other in main_windows:
            other.hide()

    @property
    def crash_window(self) -> QQuickWindow | None:
        return self._crash_screen.window

    @Slot()
    def _exit_now(self) -> None:
        log.info("exiting with %d so the supervisor restarts the app", self.exit_code)
        flush_logs()
        self.exiting.emit(self.exit_code)
        self._exit_fn(self.exit_code)

    @property
    def has_crashed(self) -> bool:
        return self._crashed


_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _python_stack() -> str:
    stack = traceback.format_stack()[:-2]
    return "Python stack:\n" + "".join(stack) if stack else ""


def install(
    app: QGuiApplication,
    engine: QQmlApplicationEngine,
    *,
    one_moment: OneMoment = None,
    notifier: Notifier | None = None,
    guard: StartupGuard | None = None,
    exit_code: int = CRASH_EXIT_CODE,
    exit_delay_ms: int | None = None,
    exit_fn: Callable[[int], None] | None = None,
) -> Supervisor:
    """Supervise the app. Call once, after creating the engine, before the event loop runs.

    `guard` is the start-up guard that counted this start (`run()` counts it first thing): the
    supervisor marks it healthy after a while or on a clean exit.

    `one_moment` is the crash screen's text, or a callable returning the active bundle's
    `one_moment` string in the current language (read only when a crash happens); "One moment..."
    when it is missing. `exit_delay_ms` (else `$KIOSK_CRASH_EXIT_DELAY_MS`, else 2.5 s) is how
    long the screen shows before the app exits with `exit_code`.
    """
    if exit_delay_ms is None:
        try:
            exit_delay_ms = int(os.environ.get(CRASH_EXIT_DELAY_ENV, CRASH_EXIT_DELAY_MS))
        except ValueError:
            exit_delay_ms = CRASH_EXIT_DELAY_MS
    supervisor = Supervisor(
        app,
        engine,
        notifier=Notifier.from_environment() if notifier is None else notifier,
        one_moment=one_moment,
        exit_code=exit_code,
        exit_delay_ms=exit_delay_ms,
        guard=guard,
        exit_fn=exit_fn,
    )
    supervisor.install()
    return supervisor


def supervise_kiosk(kiosk: Kiosk, args: argparse.Namespace, guard: StartupGuard) -> Supervisor:
    """The wiring for `run()`: supervise the built kiosk before its event loop runs.

    `run()` has already sent the logs to the data folder and counted this start in `guard`; the
    crash screen shows the active bundle's `one_moment` text in the current language.
    """

    def one_moment() -> str | None:
        language = str(kiosk.state.property("language"))  # a Qt Property: read it through Qt
        return kiosk.state.bundle.ui(language).get("one_moment")

    return install(kiosk.app, kiosk.engine, one_moment=one_moment, guard=guard)

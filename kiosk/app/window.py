"""The application object and the window: its size, fullscreen, and Home after the first frame."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QMetaObject, QObject, QTimer, Slot
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QImageReader,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.ui.image_limits import ALLOCATION_MB
from kiosk.ui.qt_values import KIOSK_WINDOW_FLAGS
from kiosk.ui.theme import FONT_FAMILY, Theme

DEV_EXIT_ENV = "KIOSK_DEV_EXIT"  # "1": Ctrl+Alt+Shift+Q quits a fullscreen kiosk (development)
DEV_EXIT_KEYS = "Ctrl+Alt+Shift+Q"


def application() -> QGuiApplication:
    """The running QGuiApplication, or a new one with the kiosk's style and font."""
    QQuickStyle.setStyle("Basic")
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
        app.setApplicationName("clinic-kiosk")
    assert isinstance(app, QGuiApplication)
    app.setFont(QFont(FONT_FAMILY))
    # The same decoding limit the install-time render check enforces: an image that slipped past
    # it is refused by Qt (a blank picture), never decoded into hundreds of megabytes.
    QImageReader.setAllocationLimit(ALLOCATION_MB)
    return app


def place_window(
    app: QGuiApplication,
    window: QQuickWindow,
    theme: Theme,
    size: tuple[int, int],
    fullscreen: bool,
    show: bool,
) -> None:
    """Sizes and shows the window: a fullscreen, frameless kiosk, or a normal window."""
    width, height = size
    if fullscreen:  # fill the screen even without a window manager to do it
        screen = window.screen().geometry()
        window.setPosition(screen.topLeft())
        width, height = screen.width(), screen.height()
    window.resize(width, height)
    theme.setWindowSize(width, height)

    def follow_slop() -> None:
        # A touch that wanders up to the slop is still a tap; beyond it, Flickables scroll.
        app.styleHints().setStartDragDistance(theme.slop())

    follow_slop()
    if fullscreen:
        window.setProperty("flags", KIOSK_WINDOW_FLAGS)  # no Qt enum: kiosk/ui/qt_values.py
        window.setProperty("allowClose", False)
        QGuiApplication.setOverrideCursor(_blank_cursor())
        if show:
            window.showFullScreen()
        if os.environ.get(DEV_EXIT_ENV) == "1":
            from PySide6.QtCore import Qt  # development only

            shortcut = QShortcut(QKeySequence(DEV_EXIT_KEYS), window)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda: app.exit(0))  # quit() would ask the window
    else:
        window.setProperty("allowClose", True)
        if show:
            window.show()
    _make_home_after_first_frame(window)
    window.screenChanged.connect(follow_slop)
    window.widthChanged.connect(follow_slop)


def _blank_cursor() -> QCursor:
    """No pointer on a touch screen: a cursor of one transparent pixel (Qt.CursorShape's
    BlankCursor would build all of Qt's enums at start, kiosk/ui/qt_values.py)."""
    pixmap = QPixmap(1, 1)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QCursor(pixmap)


class _HomeAfterFirstFrame(QObject):
    """The attract screen shows first; Home (nine illustrations) is built right after.

    A slot of an object on the GUI thread: with a threaded render loop, frameSwapped comes from
    the render thread and the call is queued here; a second frame queued before the first call
    ran finds `done` set. Disconnected after the first frame: Python is not called per frame.
    Home is made from the event loop, not inside frameSwapped: the first frame is out first."""

    def __init__(self, window: QQuickWindow) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        window.frameSwapped.connect(self.first_frame)

    @Slot()
    def first_frame(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.frameSwapped.disconnect(self.first_frame)
        QTimer.singleShot(0, self, self._make_home)

    @Slot()
    def _make_home(self) -> None:
        QMetaObject.invokeMethod(self._window, "ensureHome")


def _make_home_after_first_frame(window: QQuickWindow) -> None:
    _HomeAfterFirstFrame(window)

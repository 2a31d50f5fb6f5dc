"""The application object and the window: its size, fullscreen, and Home after the first frame."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtGui import QFont, QGuiApplication, QImageReader, QKeySequence, QShortcut
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.ui.image_limits import ALLOCATION_MB
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
        window.setFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        window.setProperty("allowClose", False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        if show:
            window.showFullScreen()
        if os.environ.get(DEV_EXIT_ENV) == "1":
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


def _make_home_after_first_frame(window: QQuickWindow) -> None:
    """The attract screen shows first; Home (nine illustrations) is built right after."""

    def make_home() -> None:
        QMetaObject.invokeMethod(window, "ensureHome")

    # Queued: with a threaded render loop the signal comes from the render thread. Single shot:
    # Qt drops the connection at the first frame, so a second frame queued before the slot runs
    # calls nothing (a disconnect in the slot warned then).
    kinds = Qt.ConnectionType.QueuedConnection.value | Qt.ConnectionType.SingleShotConnection.value
    once = Qt.ConnectionType(kinds)  # PySide's enums have no `|` of their own
    window.frameSwapped.connect(make_home, once)

"""The plain "One moment..." screen a crash shows before the app exits and is restarted.

It has an engine of its own: the app's engine may be the thing that broke.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickWindow

ONE_MOMENT_OBJECT = "oneMomentScreen"
ONE_MOMENT_TEXT_OBJECT = "oneMomentText"

_ONE_MOMENT_QML = b"""
import QtQuick
import QtQuick.Window

Window {
    id: root
    objectName: "oneMomentScreen"
    property string message: ""
    title: message
    color: "#f3f1ec"
    flags: Qt.FramelessWindowHint

    Text {
        objectName: "oneMomentText"
        anchors.centerIn: parent
        width: parent.width * 0.8
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: root.message
        textFormat: Text.PlainText  // the bundle's text, never markup
        color: "#33414d"
        font.pixelSize: Math.max(32, Math.min(root.width, root.height) / 12)
    }
}
"""

# Where the inline QML above pretends to live (errors name it; nothing is read from disk).
_ONE_MOMENT_URL_PATH = str(Path(__file__).with_name("one-moment.qml"))


class CrashScreen(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: QQuickWindow | None = None
        self._engine: QQmlEngine | None = None
        self._component: QQmlComponent | None = None

    def show(self, message: str, main: QQuickWindow | None) -> None:
        """Shows `message` where the app's window `main` was (fullscreen if it was)."""
        self._engine = QQmlEngine(self)
        self._engine.setOutputWarningsToStandardError(False)
        # Kept alive with the window: deleting the component would delete what it created.
        self._component = component = QQmlComponent(self._engine)
        component.setData(_ONE_MOMENT_QML, QUrl.fromLocalFile(_ONE_MOMENT_URL_PATH))
        window = component.createWithInitialProperties({"message": message})
        if not isinstance(window, QQuickWindow):
            raise RuntimeError(
                "could not create the screen: "
                + "; ".join(e.toString() for e in component.errors())
            )
        if main is not None and main.visibility() == QQuickWindow.Visibility.FullScreen:
            window.setScreen(main.screen())
            window.showFullScreen()
        else:
            if main is not None:
                window.setGeometry(main.geometry())
            else:
                window.resize(1080, 1920)
            window.show()
        if QGuiApplication.platformName() != "offscreen":
            window.raise_()
            window.requestActivate()
        self.window = window

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self._component = None
        if self._engine is not None:
            self._engine.deleteLater()
            self._engine = None

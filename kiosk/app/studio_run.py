"""`kiosk studio [FOLDER]`: opens the folder (first offering back unsaved changes kept from last
time, or, without a folder, asking where to copy the built-in content) and runs the studio's
window until it is closed."""

from __future__ import annotations

import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.app.studio import StudioApp, build_studio
from kiosk.app.window import application
from kiosk.paths import qml_dir
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui.start import StudioStarter


def start_window(starter: StudioStarter) -> tuple[QQmlApplicationEngine, QQuickWindow]:
    """The small window that asks where to copy the built-in content, or about kept changes."""
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"starter": starter})
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "StudioStart.qml")))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    return engine, window


def run_studio(folder: Path | None) -> int:
    app = application()
    starter = StudioStarter()
    engine, window = start_window(starter)
    made: list[StudioApp] = []

    def open_studio(opened: object) -> None:
        assert isinstance(opened, StudioFolder)
        window.hide()
        made.append(build_studio(opened))

    starter.opened.connect(open_studio)
    if folder is None:
        window.show()
    else:
        try:
            starter.open_or_offer(folder)
        except FieldError as exc:
            print(f"kiosk studio: {exc}", file=sys.stderr)
            shiboken6.delete(engine)
            return 1
        if not made:
            window.show()  # the question about the kept changes
    return app.exec()

"""`kiosk studio [FOLDER]`: opens the folder (or first asks where to copy the built-in content)
and runs the studio's window until it is closed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.app.studio import StudioApp, build_studio
from kiosk.app.window import application
from kiosk.paths import qml_dir
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui.start import StudioStarter


def run_studio(folder: Path | None) -> int:
    app = application()
    app.setQuitOnLastWindowClosed(True)
    made: list[StudioApp] = []

    def open_studio(opened: object) -> None:
        assert isinstance(opened, StudioFolder)
        made.append(build_studio(opened))

    if folder is not None:
        try:
            open_studio(StudioFolder.open(folder))
        except FieldError as exc:
            print(f"kiosk studio: {exc}", file=sys.stderr)
            return 1
        return app.exec()
    starter = StudioStarter()
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"starter": starter})
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "StudioStart.qml")))
    start_window = engine.rootObjects()[0]

    def started(opened: object) -> None:
        open_studio(opened)
        start_window.setProperty("visible", False)

    starter.opened.connect(started)
    start_window.setProperty("visible", True)
    return app.exec()

"""`kiosk studio [FOLDER]`: opens the folder (first offering back unsaved changes kept from last
time, or, without a folder, asking where to copy the built-in content) and runs the studio's
window until it is closed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.app.studio import StudioApp, build_studio
from kiosk.app.window import application
from kiosk.paths import qml_dir
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui.start import StudioStarter


def run_studio(folder: Path | None) -> int:
    app = application()
    starter = StudioStarter()
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"starter": starter})
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "StudioStart.qml")))
    start_window = engine.rootObjects()[0]
    assert isinstance(start_window, QQuickWindow)
    made: list[StudioApp] = []

    def open_studio(opened: object) -> None:
        assert isinstance(opened, StudioFolder)
        start_window.hide()
        made.append(build_studio(opened))

    starter.opened.connect(open_studio)
    if folder is None:
        start_window.show()
    else:
        try:
            starter.open_or_offer(folder)
        except FieldError as exc:
            print(f"kiosk studio: {exc}", file=sys.stderr)
            return 1
        if not made:
            start_window.show()  # the question about the kept changes
    return app.exec()

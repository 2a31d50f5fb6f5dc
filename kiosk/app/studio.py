"""The one place where the content studio is wired (`kiosk studio`): its backends, the live
preview of the real patient app, the QML window, and how they follow each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.app.studio_preview import PatientPreview
from kiosk.app.window import application
from kiosk.paths import qml_dir
from kiosk.studio.autosave import write_autosave
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui.actions import StudioActions
from kiosk.studio_ui.checks import StudioChecks
from kiosk.studio_ui.preview import StudioPreview
from kiosk.studio_ui.studio import Studio

STUDIO_SIZE = (1600, 1000)
AUTOSAVE_MS = 3000  # unsaved changes are kept beside the folder this long after the last edit


@dataclass
class StudioApp:
    """Everything `build_studio()` made, for `kiosk studio`, tests, screenshots and the bench."""

    app: QGuiApplication
    engine: QQmlApplicationEngine
    window: QQuickWindow
    studio: Studio
    checks: StudioChecks
    actions: StudioActions
    controls: StudioPreview
    preview: PatientPreview
    backends: QObject
    qml_warnings: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Tears everything down (tests build many studios in one process)."""
        import shiboken6

        self.checks.stop()
        self.window.setProperty("allowClose", True)
        self.window.close()
        shiboken6.delete(self.engine)  # the studio's window first: it shows the patient app
        self.preview.close()
        shiboken6.delete(self.backends)


def build_studio(
    folder: StudioFolder, *, size: tuple[int, int] = STUDIO_SIZE, show: bool = True
) -> StudioApp:
    """The studio's window on `folder`, with the patient app previewing it beside the form."""
    app = application()
    backends = QObject()
    backends.setObjectName("studioBackends")
    studio = Studio(folder, backends)
    checks = StudioChecks(studio, backends)
    actions = StudioActions(studio, checks, backends)
    controls = StudioPreview(backends)
    preview = PatientPreview(checks.bundle_for_preview(), controls)
    engine, window, warnings = _load_qml(
        {"studio": studio, "checks": checks, "actions": actions, "preview": controls}, preview
    )
    host = window.findChild(QQuickItem, "previewHost")
    assert host is not None, "StudioPreviewPane.qml has the previewHost item"
    preview.embed(host)
    _link(studio, checks, preview, backends)
    window.resize(*size)
    if show:
        window.show()
    return StudioApp(
        app=app, engine=engine, window=window, studio=studio, checks=checks, actions=actions,
        controls=controls, preview=preview, backends=backends, qml_warnings=warnings,
    )  # fmt: skip


def _link(studio: Studio, checks: StudioChecks, preview: PatientPreview, parent: QObject) -> None:
    """An edit reaches the preview at the next turn of the event loop (keys typed faster than
    that are shown together); the preview shows the screen of the part being edited."""
    refresh = QTimer(parent, singleShot=True, interval=0)

    def show_edit() -> None:
        bundle = checks.bundle_for_preview()
        preview.show_bundle(bundle)

    def follow() -> None:
        preview.follow(*_screen_of(studio.current_entry(), checks))

    autosave = QTimer(parent, singleShot=True, interval=AUTOSAVE_MS)

    def keep_unsaved() -> None:
        if studio.folder.dirty:
            try:
                write_autosave(studio.folder)
            except FieldError as refused:  # says why, in plain words: the edits stay in memory
                studio.set_message(str(refused))

    def edited(_path: str) -> None:
        refresh.start()
        autosave.start()

    refresh.timeout.connect(show_edit)
    autosave.timeout.connect(keep_unsaved)
    studio.edited.connect(edited)
    studio.currentChanged.connect(follow)
    follow()


def _screen_of(entry: str, checks: StudioChecks) -> tuple[str, str]:
    """The patient screen that shows the part of the bundle being edited."""
    kind, _, ident = entry.partition(":")
    if kind == "page" and ident == "disclaimer":  # shown at the foot of every page
        return "page", checks.first_page()
    if kind in ("page", "location"):
        return kind, ident
    return "home", ""


def _load_qml(
    backends: dict[str, QObject], preview: PatientPreview
) -> tuple[QQmlApplicationEngine, QQuickWindow, list[str]]:
    engine = QQmlApplicationEngine()
    warnings: list[str] = []

    def on_warnings(errors: list[QQmlError]) -> None:
        warnings.extend(error.toString() for error in errors)

    engine.warnings.connect(on_warnings)
    engine.setInitialProperties(
        {**backends, "patient": preview.state, "patientTheme": preview.theme}
    )
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "StudioWindow.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the studio's QML did not load:\n" + "\n".join(warnings))
    return engine, roots[0], warnings

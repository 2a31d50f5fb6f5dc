"""The one place where the patient app is wired: application, backends, QML, window.

`build_kiosk()` builds everything (tests and the smoke test use it too); `run(args)` is what the
`kiosk` command calls. The bundle comes from `active_bundle()` alone, so the bundle store can
replace that one function.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMetaObject, QObject, QSocketNotifier, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.app.preview import BundlePreview
from kiosk.app.supervision import supervise_kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.paths import default_bundle_dir, qml_dir
from kiosk.patient.idle import IdleMonitor, InputActivityFilter
from kiosk.patient.locations import Locations
from kiosk.patient.pages import Content
from kiosk.patient.qr import PROVIDER_ID, QrImageProvider
from kiosk.patient.staff_corner import StaffHook
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings
from kiosk.staff_ui.panel import StaffPanel, import_dir_from, ui_settings_from
from kiosk.system.startup_guard import StartupGuard
from kiosk.ui.taps import Clock, TapGuard
from kiosk.ui.theme import FONT_FAMILY, Theme

DEFAULT_WINDOW = (1280, 800)
DEV_EXIT_ENV = "KIOSK_DEV_EXIT"  # "1": Ctrl+Alt+Shift+Q quits a fullscreen kiosk (development)
DEV_EXIT_KEYS = "Ctrl+Alt+Shift+Q"


def active_bundle(staff: Staff | None = None) -> Bundle:
    """The bundle patients see: the store's verified active bundle (`serve()` records its own
    fallbacks in the staff log), else the built-in default, which is also what a crash loop at
    start-up gets. Raises BundleError when even the built-in bundle is unusable."""
    # >>> staff mode: the bundle store
    if staff is not None:
        try:
            if not StartupGuard(staff.data_dir).should_use_builtin():
                return staff.serve().bundle
            staff.log.record(
                "fallback",
                "The kiosk app failed to start several times in a row, so it shows the built-in "
                "content until it has run normally once.",
            )
        except (BundleError, OSError) as exc:
            reason = exc.summary if isinstance(exc, BundleError) else str(exc)
            staff.log.record(
                "fallback",
                f"The installed content could not be shown ({reason}); showing the built-in one.",
            )
        # Checked against its pin: a damaged built-in bundle raises instead of being shown.
        return staff.store.serve_builtin()
    # <<< staff mode
    from kiosk.content.validate import load_folder  # deferred: the schema and Markdown parser

    return load_folder(default_bundle_dir())


@dataclass
class Kiosk:
    """Everything `build_kiosk()` made, for `run()`, tests, the smoke test and screenshots."""

    app: QGuiApplication
    engine: QQmlApplicationEngine
    window: QQuickWindow
    state: AppState
    theme: Theme
    content: Content
    locations: Locations
    idle: IdleMonitor
    guard: TapGuard
    staff: StaffHook
    preview: BundlePreview | None
    backends: QObject
    input_filter: InputActivityFilter
    staff_panel: StaffPanel
    qml_warnings: list[str] = field(default_factory=list)
    store: Staff | None = None  # the bundle store and staff services (None: a fixed bundle)

    def close(self) -> None:
        """Tears everything down (tests build many kiosks in one process)."""
        self.idle.stop()
        self.staff_panel.stop()
        if self.preview is not None:
            self.preview.stop()
        self.app.removeEventFilter(self.input_filter)
        self.window.setProperty("allowClose", True)
        self.window.close()
        import shiboken6

        shiboken6.delete(self.engine)  # the window and every QML item go first...
        shiboken6.delete(self.backends)  # ...then the objects they were bound to


def _application() -> QGuiApplication:
    QQuickStyle.setStyle("Basic")
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
        app.setApplicationName("clinic-kiosk")
    assert isinstance(app, QGuiApplication)
    app.setFont(QFont(FONT_FAMILY))
    return app


def build_kiosk(
    *,
    settings: UiSettings | None = None,
    bundle: Bundle | None = None,
    size: tuple[int, int] | None = DEFAULT_WINDOW,
    fullscreen: bool = False,
    preview_folder: Path | None = None,
    preview_readability: bool = True,
    clock: Clock | None = None,
    show: bool = True,
    data_dir: Path | None = None,
    import_dir: Path | None = None,
) -> Kiosk:
    """Builds the application (or reuses the running one), the backends and the QML window.

    `bundle` overrides `active_bundle()`; `preview_folder` previews an authoring folder (its last
    valid version, live reloaded); `clock` drives the tap guard and staff corner in tests.
    The bundle store and staff mode use `data_dir` (else, when no `bundle` is given, the default
    data folder); `settings` default to the ones stored there. `import_dir` is where staff mode
    looks for bundle files besides mounted drives."""
    # >>> staff mode: the store, and this kiosk's stored settings (a damaged file is reported in
    # the staff log by load_settings, never to patients)
    store: Staff | None = None
    if preview_folder is None and (data_dir is not None or bundle is None):
        store = Staff.open(data_dir)
    settings_warning: str | None = None
    if settings is None and store is not None:
        stored, settings_warning = store.load_settings()
        settings = ui_settings_from(stored).for_kiosk()
    # <<< staff mode
    settings = settings or UiSettings()
    app = _application()
    backends = QObject()
    backends.setObjectName("kioskBackends")

    preview: BundlePreview | None = None
    if preview_folder is not None:
        state_ref: list[AppState] = []
        preview = BundlePreview(
            preview_folder,
            lambda b: state_ref[0].apply_bundle_now(b),
            readability_checks=preview_readability,
            parent=backends,
        )
        bundle = preview.load() or bundle
    if bundle is None:
        bundle = active_bundle(store)

    clock_kwargs = {"clock": clock} if clock is not None else {}
    state = AppState(bundle, settings, parent=backends)
    if preview is not None:
        state_ref.append(state)
    theme = Theme(backends)
    theme.set_slop_reference(settings.tap_slop_px)
    content = Content(bundle, state.current_language(), backends)
    locations = Locations(bundle, settings.location_id, backends)
    idle = IdleMonitor(settings.idle_seconds, settings.warning_seconds, parent=backends)
    guard = TapGuard(settings.tap_debounce_ms, parent=backends, **clock_kwargs)
    staff = StaffHook(parent=backends, **clock_kwargs)
    staff_panel = StaffPanel(  # staff mode: the PIN pad and the panel
        store,
        bundle,
        import_dir=import_dir,
        settings_warning=settings_warning,
        clock=clock,
        parent=backends,
    )

    state.languageChanged.connect(lambda: content.set_language(state.current_language()))
    state.bundleChanged.connect(lambda: content.set_bundle(state.bundle, state.current_language()))
    state.bundleChanged.connect(lambda: locations.set_bundle(state.bundle))
    state.textStepChanged.connect(lambda: theme.set_text_scale(state.current_text_scale()))
    state.highContrastChanged.connect(lambda: theme.set_high_contrast(state.is_high_contrast()))
    state.routeChanged.connect(
        lambda: idle.set_active(not state.attract and not staff_panel.is_open)
    )
    state.navigated.connect(lambda op, _route: guard.note_navigation())
    state.resetDone.connect(staff.reset)
    idle.timedOut.connect(state.reset)

    # >>> staff mode: the corner opens the PIN pad; leaving staff mode (or any reset) returns to
    # the attract screen, where an installed bundle takes over; the patient idle time pauses
    # while staff mode is open (it has its own).
    def apply_settings(stored: object) -> None:
        assert isinstance(stored, Settings)
        new = ui_settings_from(stored, state.settings)
        state.set_settings(new)  # the default language: at the next reset
        locations.set_here(new.location_id)
        idle.set_idle_seconds(new.idle_seconds)

    staff.staffRequested.connect(staff_panel.requestPin)
    staff_panel.patientResetRequested.connect(state.reset)
    state.resetDone.connect(staff_panel.closeForReset)
    staff_panel.bundleActivated.connect(state.set_bundle)
    staff_panel.settingsSaved.connect(apply_settings)
    staff_panel.openChanged.connect(
        lambda is_open: idle.set_active(not state.attract and not is_open)
    )
    # <<< staff mode

    input_filter = InputActivityFilter(idle, backends)
    app.installEventFilter(input_filter)

    engine = QQmlApplicationEngine()
    # Nobody is reading after a reset: a good moment for QML to collect the last patient's
    # garbage (after the old pages' deleteLater), so its heap stays small over weeks. The
    # engine is the receiver, so a reset during teardown calls nothing.
    state.resetDone.connect(lambda: QTimer.singleShot(0, engine.collectGarbage))
    qr_codes = QrImageProvider()
    qr_codes.add_bundle(bundle)
    state.bundleChanged.connect(lambda: qr_codes.add_bundle(state.bundle))
    engine.addImageProvider(PROVIDER_ID, qr_codes)
    warnings: list[str] = []

    def on_warnings(errors: list[QQmlError]) -> None:
        warnings.extend(error.toString() for error in errors)

    engine.warnings.connect(on_warnings)
    engine.setInitialProperties(
        {
            "appState": state,
            "theme": theme,
            "content": content,
            "locations": locations,
            "idle": idle,
            "guard": guard,
            "staff": staff,
            "preview": preview,
            "staffPanel": staff_panel,
        }
    )
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        app.removeEventFilter(input_filter)
        raise RuntimeError("the patient app's QML did not load:\n" + "\n".join(warnings))
    window = roots[0]

    kiosk = Kiosk(
        app=app,
        engine=engine,
        window=window,
        state=state,
        theme=theme,
        content=content,
        locations=locations,
        idle=idle,
        guard=guard,
        staff=staff,
        preview=preview,
        backends=backends,
        input_filter=input_filter,
        staff_panel=staff_panel,
        qml_warnings=warnings,
        store=store,
    )
    width, height = size or DEFAULT_WINDOW
    window.resize(width, height)
    theme.setWindowSize(width, height)
    # A touch that wanders up to the slop is still a tap; beyond it, Flickables scroll.
    app.styleHints().setStartDragDistance(theme.slop())
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
    window.screenChanged.connect(lambda _s: app.styleHints().setStartDragDistance(theme.slop()))
    window.widthChanged.connect(lambda _w: app.styleHints().setStartDragDistance(theme.slop()))
    return kiosk


def _make_home_after_first_frame(window: QQuickWindow) -> None:
    """The attract screen shows first; Home (nine illustrations) is built right after."""

    def make_home() -> None:
        window.frameSwapped.disconnect(make_home)
        QMetaObject.invokeMethod(window, "ensureHome")

    # Queued: with a threaded render loop the signal comes from the render thread.
    window.frameSwapped.connect(make_home, Qt.ConnectionType.QueuedConnection)


def _quit_on_signals(app: QGuiApplication) -> Callable[[], None]:
    """SIGTERM/SIGINT quit the event loop cleanly (a supervisor stops the kiosk this way)."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        # exit(), not quit(): Qt 6's quit() first asks every window to close, and a fullscreen
        # kiosk window refuses, so quit() would do nothing.
        app.exit(0)

    notifier.activated.connect(wake)
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()

    return restore


def run(args: argparse.Namespace) -> int:
    """`kiosk [--data-dir DIR] [--import-dir DIR] [--windowed] [--size WxH] [--bundle FOLDER]
    [--smoke-test]`."""
    if args.smoke_test:
        from kiosk.app.smoke import run_smoke

        return run_smoke(args)
    preview_folder: Path | None = args.bundle
    if preview_folder is not None and not preview_folder.is_dir():
        print(f"kiosk: --bundle {preview_folder} is not a folder", file=sys.stderr)
        return 2
    fullscreen = not args.windowed
    # Signals first: a SIGTERM while the kiosk is still starting ends it cleanly too.
    restore = _quit_on_signals(_application())
    try:
        kiosk = build_kiosk(
            settings=None if preview_folder is None else UiSettings().for_kiosk(),
            data_dir=args.data_dir,
            import_dir=import_dir_from(getattr(args, "import_dir", None)),
            size=args.size or DEFAULT_WINDOW,
            fullscreen=fullscreen,
            preview_folder=preview_folder,
        )
    except BundleError as exc:
        restore()
        print(f"kiosk: no usable bundle:\n{exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        restore()
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    supervise_kiosk(kiosk, args)  # watchdog pings, crash screen + non-zero exit, logs
    try:
        return kiosk.app.exec()
    finally:
        restore()
        kiosk.close()

"""The one place where the patient app is wired: application, backends, QML, window.

`build_kiosk()` builds everything (tests, the smoke test and `run()` use it). Which bundle is shown
is the store's policy (kiosk/store/choice.py), not this module's; `run()` lives in kiosk/app/run.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.app import hours_usage, narration
from kiosk.app.keypad import attach_keypad
from kiosk.app.preview import BundlePreview
from kiosk.app.staff_settings import ui_settings_from
from kiosk.app.window import application, place_window
from kiosk.clocks import MonotonicClock
from kiosk.content.bundle import Bundle
from kiosk.paths import qml_dir
from kiosk.patient.idle import IdleMonitor, InputActivityFilter
from kiosk.patient.keypad import KeypadNavigator
from kiosk.patient.locations import Locations
from kiosk.patient.narrator import Narrator
from kiosk.patient.pages import Content
from kiosk.patient.qr import PROVIDER_ID, QrImageProvider
from kiosk.patient.staff_corner import StaffHook
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend, DeviceOpener
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings
from kiosk.staff_ui.panel import StaffPanel
from kiosk.staff_ui.updates_section import UpdatesSection
from kiosk.store.choice import choose_bundle
from kiosk.system.startup_guard import StartupGuard
from kiosk.ui.taps import TapGuard
from kiosk.ui.theme import Theme

DEFAULT_WINDOW = (1280, 800)


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
    staff_corner: StaffHook
    preview: BundlePreview | None
    backends: QObject
    input_filter: InputActivityFilter
    staff_panel: StaffPanel
    narrator: Narrator
    qml_warnings: list[str] = field(default_factory=list)
    services: Staff | None = None  # the bundle store and staff services (None: a fixed bundle)
    hours_usage: hours_usage.HoursAndUsage | None = None  # opening hours, usage counts
    updates: UpdatesSection | None = None  # fleet updates: the background updater
    keypad: KeypadNavigator | None = None  # the keypad path: focus, Enter, Back, Help

    def close(self) -> None:
        """Tears everything down (tests build many kiosks in one process)."""
        self.window.removeEventFilter(self.input_filter)
        if self.keypad is not None:
            self.window.removeEventFilter(self.keypad)
        if self.hours_usage is not None:
            self.window.removeEventFilter(self.hours_usage.wake_filter)
            self.hours_usage.close()
        if self.updates is not None:
            self.updates.stop()
        self.idle.stop()
        self.narrator.close()
        self.staff_panel.stop()
        if self.preview is not None:
            self.preview.stop()
        self.window.setProperty("allowClose", True)
        self.window.close()
        import shiboken6

        shiboken6.delete(self.engine)  # the window and every QML item go first...
        shiboken6.delete(self.backends)  # ...then the objects they were bound to


@dataclass
class _Parts:
    """The backends of one kiosk, before the QML is loaded."""

    app: QGuiApplication
    backends: QObject
    state: AppState
    theme: Theme
    content: Content
    locations: Locations
    idle: IdleMonitor
    guard: TapGuard
    staff_corner: StaffHook
    staff_panel: StaffPanel
    preview: BundlePreview | None
    narrator: Narrator


def build_kiosk(
    *,
    settings: UiSettings | None = None,
    bundle: Bundle | None = None,
    size: tuple[int, int] | None = DEFAULT_WINDOW,
    fullscreen: bool = False,
    preview_folder: Path | None = None,
    preview_readability: bool = True,
    clock: MonotonicClock | None = None,
    show: bool = True,
    data_dir: Path | None = None,
    import_dir: Path | None = None,
    crash_loop: bool | None = None,
    hours: hours_usage.HoursOptions | None = None,
    audio: AudioBackend | DeviceOpener = AudioBackend.SYSTEM,
) -> Kiosk:
    """Builds the application (or reuses the running one), the backends and the QML window.

    `bundle` overrides the store's choice; `preview_folder` previews an authoring folder, live;
    `data_dir` is the store's and staff mode's folder (default: the kiosk's own, unless `bundle`
    is given); `crash_loop` None asks the start-up guard; `clock` and `hours` are for tests;
    `audio` is where narration plays (NULL: silently, at real speed; or a device opener)."""
    services: Staff | None = None
    if preview_folder is None and (data_dir is not None or bundle is None):
        services = Staff.open(data_dir)
    settings, settings_warning = _settings(settings, services)
    app = application()
    backends = QObject()
    backends.setObjectName("kioskBackends")
    preview = _preview(preview_folder, preview_readability, backends)
    bundle = (preview and preview.load()) or bundle or _chosen_bundle(services, crash_loop)
    staff_panel = StaffPanel(  # staff mode: the PIN pad and the panel
        services, bundle, import_dir=import_dir, settings_warning=settings_warning, clock=clock,
        parent=backends,
    )  # fmt: skip
    parts = _make_parts(app, backends, bundle, settings, staff_panel, preview, clock, audio)
    _link_patient(parts)
    _link_staff(parts)
    # Sleeping outside opening hours, anonymous usage counts.
    extras = hours_usage.attach(
        store=services, state=parts.state, idle=parts.idle, staff_panel=staff_panel,
        parent=backends, options=hours,
    )  # fmt: skip
    updates = _fleet_updates(services, parts)
    engine, window, warnings = _load_qml(parts, extras)
    keypad = attach_keypad(window, parts)  # before the filters below: they see its keys too
    window.installEventFilter(extras.wake_filter)
    place_window(app, window, parts.theme, size or DEFAULT_WINDOW, fullscreen, show)
    updates.start()  # fleet updates, in a thread of their own, once the window stands
    return Kiosk(
        **{f.name: getattr(parts, f.name) for f in fields(_Parts)},
        engine=engine,
        window=window,
        input_filter=_input_filter(parts, window),
        qml_warnings=warnings,
        services=services,
        hours_usage=extras,
        updates=updates,
        keypad=keypad,
    )


def _fleet_updates(services: Staff | None, parts: _Parts) -> UpdatesSection:
    """Fleet updates (kiosk/fleet): the Updates section and its updater thread (none without a
    data folder); an update reaches patients like a staff install, at the next start screen."""
    panel = parts.staff_panel

    def drives() -> list[tuple[Path, str]]:
        return [(source.folder, source.label) for source in panel.import_sources()]

    updates = UpdatesSection(services, drives=drives, parent=parts.backends)
    if services is not None:
        panel.add_section_controller("updates", updates)
    updates.bundleActivated.connect(panel.bundleActivated)
    return updates


def _preview(folder: Path | None, readability: bool, parent: QObject) -> BundlePreview | None:
    """The live preview of an authoring folder (`kiosk --bundle FOLDER`), if one is asked for."""
    if folder is None:
        return None
    return BundlePreview(folder, readability_checks=readability, parent=parent)


def _chosen_bundle(services: Staff | None, crash_loop: bool | None) -> Bundle:
    """The store's choice (kiosk/store/choice.py); `crash_loop` None asks the guard's file."""
    if crash_loop is None and services is not None:
        crash_loop = StartupGuard(services.data_dir).should_use_builtin()
    return choose_bundle(services.store if services else None, crash_loop=bool(crash_loop))


def _settings(given: UiSettings | None, services: Staff | None) -> tuple[UiSettings, str | None]:
    """The settings given, else this kiosk's stored ones; with the warning about a damaged file
    (load_settings reports it in the staff log, never to patients)."""
    if given is not None or services is None:
        return given or UiSettings(), None
    stored, warning = services.load_settings()
    return ui_settings_from(stored).for_kiosk(), warning


def _make_parts(
    app: QGuiApplication,
    backends: QObject,
    bundle: Bundle,
    settings: UiSettings,
    staff_panel: StaffPanel,
    preview: BundlePreview | None,
    clock: MonotonicClock | None,
    audio: AudioBackend | DeviceOpener,
) -> _Parts:
    clock_kwargs = {"clock": clock} if clock is not None else {}
    state = AppState(bundle, settings, parent=backends)
    theme = Theme(backends)
    theme.set_slop_reference(settings.tap_slop_px)
    return _Parts(
        app=app,
        backends=backends,
        state=state,
        theme=theme,
        content=Content(bundle, state.current_language(), backends),
        locations=Locations(bundle, settings.location_id, backends),
        idle=IdleMonitor(settings.idle_seconds, settings.warning_seconds, parent=backends),
        guard=TapGuard(settings.tap_debounce_ms, parent=backends, **clock_kwargs),
        staff_corner=StaffHook(parent=backends, **clock_kwargs),
        staff_panel=staff_panel,
        preview=preview,
        narrator=narration.make_narrator(settings, audio, backends),
    )


def _link_patient(parts: _Parts) -> None:
    """The patient app's backends follow each other's changes."""
    state, content, locations, theme = parts.state, parts.content, parts.locations, parts.theme

    def language_changed() -> None:
        content.set_language(state.current_language())

    def bundle_changed() -> None:
        content.set_bundle(state.bundle, state.current_language())
        locations.set_bundle(state.bundle)

    def text_step_changed() -> None:
        theme.set_text_scale(state.current_text_scale())

    def contrast_changed() -> None:
        theme.set_high_contrast(state.is_high_contrast())

    def navigated(_op: str, _route: object) -> None:
        parts.guard.note_navigation()

    state.languageChanged.connect(language_changed)
    state.bundleChanged.connect(bundle_changed)
    state.textStepChanged.connect(text_step_changed)
    state.highContrastChanged.connect(contrast_changed)
    state.navigated.connect(navigated)
    # A setting change moves nothing, but a shaky second tap must not change a second setting.
    for changed in (state.languageChanged, state.textStepChanged, state.highContrastChanged):
        changed.connect(parts.guard.note_navigation)
    # Staff corner taps count only in a row: a tap on any patient control starts the count over.
    parts.guard.accepted.connect(parts.staff_corner.reset)
    parts.guard.rejected.connect(parts.staff_corner.reset)
    state.resetDone.connect(parts.staff_corner.reset)
    parts.idle.timedOut.connect(state.reset)
    if parts.preview is not None:
        parts.preview.bundleLoaded.connect(state.apply_bundle_now)
    narration.link_narrator(parts.narrator, state, parts.idle)


def _link_staff(parts: _Parts) -> None:
    """Staff mode: the corner opens the PIN pad; leaving staff mode (or any reset) returns to the
    attract screen, where an installed bundle takes over; the patient idle time pauses while
    staff mode is open (it has its own)."""
    state, idle, panel = parts.state, parts.idle, parts.staff_panel

    def patient_idle_follows() -> None:
        idle.set_active(not state.attract and not panel.is_open)

    def apply_settings(stored: object) -> None:
        assert isinstance(stored, Settings)
        new = ui_settings_from(stored, state.settings)
        state.set_settings(new)  # the default language: at the next reset
        parts.locations.set_here(new.location_id)
        idle.set_idle_seconds(new.idle_seconds)
        narration.apply_settings(parts.narrator, state)

    state.routeChanged.connect(patient_idle_follows)
    panel.openChanged.connect(patient_idle_follows)
    parts.staff_corner.staffRequested.connect(panel.requestPin)
    panel.patientResetRequested.connect(state.reset)
    state.resetDone.connect(panel.closeForReset)
    panel.bundleActivated.connect(state.set_bundle)
    panel.settingsSaved.connect(apply_settings)

    # An abandoned PIN pad leaves the patient where they were, unless nobody has touched the
    # screen for the patient's own idle time: then "Are you still there?" shows at once.
    def pad_abandoned(untouched: float) -> None:
        if not state.attract and untouched >= state.settings.idle_seconds:
            idle.warn_now()

    def language_changed() -> None:
        panel.set_language(state.current_language())

    panel.padAbandoned.connect(pad_abandoned)
    language_changed()
    state.languageChanged.connect(language_changed)


def _input_filter(parts: _Parts, window: QQuickWindow) -> InputActivityFilter:
    """Any touch or key anywhere restarts the patient idle time. On the window, where all input
    arrives once, not on the application: there a Python filter saw every timer, paint and
    deferred delete too (about 160 events per tap, each one converted to Python)."""
    input_filter = InputActivityFilter(parts.idle, parts.backends)
    window.installEventFilter(input_filter)
    return input_filter


def _load_qml(
    parts: _Parts, extras: hours_usage.HoursAndUsage
) -> tuple[QQmlApplicationEngine, QQuickWindow, list[str]]:
    """The engine, the window of Main.qml and the list its warnings go to; RuntimeError when
    the QML does not load."""
    engine = QQmlApplicationEngine()
    parts.theme.attach(engine)  # the colour and size objects every view binds
    state = parts.state

    def collect_garbage() -> None:
        # Nobody is reading after a reset: a good moment for QML to collect the last patient's
        # garbage (after the old pages' deleteLater), so its heap stays small over weeks. The
        # engine is the receiver, so a reset during teardown calls nothing.
        QTimer.singleShot(0, engine, engine.collectGarbage)

    state.resetDone.connect(collect_garbage)
    qr_codes = QrImageProvider()
    qr_codes.add_bundle(state.bundle)
    state.bundleChanged.connect(lambda: qr_codes.add_bundle(state.bundle))
    engine.addImageProvider(PROVIDER_ID, qr_codes)
    warnings: list[str] = []

    def on_warnings(errors: list[QQmlError]) -> None:
        warnings.extend(error.toString() for error in errors)

    engine.warnings.connect(on_warnings)
    engine.setInitialProperties(
        {
            "appState": state,
            "theme": parts.theme,
            "content": parts.content,
            "locations": parts.locations,
            "idle": parts.idle,
            "guard": parts.guard,
            "staff": parts.staff_corner,
            "preview": parts.preview,
            "staffPanel": parts.staff_panel,
            "narrator": parts.narrator,
            "hours": extras.hours,
            "usageCounting": extras.recorder is not None,  # the privacy note shows
        }
    )
    engine.load(QUrl.fromLocalFile(str(qml_dir() / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        extras.close()
        shiboken6_delete(engine)
        raise RuntimeError("the patient app's QML did not load:\n" + "\n".join(warnings))
    return engine, roots[0], warnings


def shiboken6_delete(obj: QObject) -> None:
    import shiboken6

    shiboken6.delete(obj)

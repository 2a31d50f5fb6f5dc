"""Staff mode's navigator: opens the PIN pad, then the panel; switches its sections; owns staff
mode's idle time. Each section is a controller of its own, given to QML as a constant property.

Ways out, and what the patient app does with them (kiosk/app/wiring.py):

- Cancel on the PIN pad, or a pad left alone for `PIN_IDLE_SECONDS`: the pad goes and the
  patient is where they were (the patient's own idle time decides about a reset);
- closing the panel (or `PANEL_IDLE_SECONDS` without a touch) returns the patient app to its
  attract screen, where a newly installed bundle takes over;
- Exit to desktop and Restart leave the app (kiosk/staff_ui/exit_section.py).

Bundle files are looked for on mounted drives and in the import folder (kiosk/staff/drives.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.clocks import MonotonicClock
from kiosk.content.bundle import Bundle
from kiosk.staff.drives import ImportSource
from kiosk.staff.service import Activated, Staff
from kiosk.staff_ui.content import ContentSection
from kiosk.staff_ui.exit_section import ExitSection
from kiosk.staff_ui.importing import ImportSection
from kiosk.staff_ui.jobs import JobRunner
from kiosk.staff_ui.keys_section import KeysSection
from kiosk.staff_ui.log_section import LogSection
from kiosk.staff_ui.notice import Notice
from kiosk.staff_ui.pin_pad import PinPad
from kiosk.staff_ui.settings_section import SettingsSection
from kiosk.ui.input_events import INPUT_EVENTS
from kiosk.ui.qml_types import QmlNamedElement, QmlUncreatable, QVariantMap
from kiosk.ui.taps import TapGuard

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

PANEL_IDLE_SECONDS = 120.0  # the panel leaves itself after this long without a touch
PIN_IDLE_SECONDS = 30.0  # an abandoned PIN pad goes sooner: a patient may have opened it
STAFF_TAP_MS = 150  # staff type PINs quickly: only a bounce is dropped, not a repeated digit

CLOSED, PIN, PANEL = "closed", "pin", "panel"
SECTIONS = ("content", "import", "settings", "log", "exit")


class _ActivityFilter(QObject):
    """Any touch, click or key while staff mode is open restarts its idle time."""

    def __init__(self, on_input: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_input = on_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._on_input()
        return False


@dataclass(frozen=True)
class Sections:
    """The controllers behind the PIN pad and each section of the panel."""

    pin_pad: PinPad
    content: ContentSection
    keys: KeysSection
    importer: ImportSection
    settings: SettingsSection
    log: LogSection
    exit: ExitSection


def _sections(
    staff: Staff,
    bundle: Bundle,
    jobs: JobRunner,
    notice: Notice,
    *,
    import_dir: Path | None,
    settings_warning: str | None,
    clock: MonotonicClock,
    today: Callable[[], dt.date],
    parent: QObject,
) -> Sections:
    return Sections(
        pin_pad=PinPad(staff, jobs, clock=clock, parent=parent),
        content=ContentSection(staff, jobs, notice, today=today, parent=parent),
        keys=KeysSection(staff, jobs, notice, today=today, parent=parent),
        importer=ImportSection(
            staff, jobs, notice, import_dir=import_dir, today=today, parent=parent
        ),
        settings=SettingsSection(staff, bundle, notice, warning=settings_warning, parent=parent),
        log=LogSection(staff, parent),
        exit=ExitSection(staff, jobs, parent),
    )


@QmlNamedElement("StaffNavigator")
@QmlUncreatable("made by the app")
class StaffPanel(QObject):
    """Staff mode's navigator (see the module docstring)."""

    modeChanged = Signal()
    sectionChanged = Signal()

    openChanged = Signal(bool)
    patientResetRequested = Signal()  # staff closed the panel: back to the attract screen
    padAbandoned = Signal(float)  # the pad went by itself after this many idle seconds
    bundleActivated = Signal(object)  # the Bundle patients see from the next start screen
    settingsSaved = Signal(object)  # the Settings now stored
    leftByIdle = Signal()

    def __init__(
        self,
        staff: Staff | None,
        bundle: Bundle,
        *,
        import_dir: Path | None = None,
        settings_warning: str | None = None,
        clock: MonotonicClock | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._clock: MonotonicClock = clock or time.monotonic
        self._guard = TapGuard(STAFF_TAP_MS, clock=self._clock, parent=self)
        self._jobs = JobRunner(self)
        self._notice = Notice(self)
        self._mode = CLOSED
        self._section = SECTIONS[0]
        self._extra: dict[str, QObject] = {}  # sections with controllers of their own
        self.sections: Sections | None = None
        if staff is not None:
            self.sections = _sections(
                staff,
                bundle,
                self._jobs,
                self._notice,
                import_dir=import_dir,
                settings_warning=settings_warning,
                clock=self._clock,
                today=today,
                parent=self,
            )
            self._connect(self.sections)

        self._panel_idle_ms = round(PANEL_IDLE_SECONDS * 1000)
        self._pin_idle_ms = round(PIN_IDLE_SECONDS * 1000)
        self._idle = QTimer(self, singleShot=True)
        self._idle.setObjectName("staffIdleTimer")
        self._idle.timeout.connect(self._idle_timeout)
        self._filter = _ActivityFilter(self._restart_idle, self)
        self._filtering = False
        self._jobs.finished.connect(lambda _kind: self._restart_idle())

    def _connect(self, s: Sections) -> None:
        s.pin_pad.accepted.connect(self._open_panel)
        s.pin_pad.cancelled.connect(self._close_pad)
        s.content.activated.connect(self._activate)
        s.keys.activated.connect(self._activate)
        s.content.activeChanged.connect(lambda: s.keys.set_active(s.content.active_now()))
        s.keys.untrustFinished.connect(lambda _ok: s.log.refresh())
        s.importer.activated.connect(self._activate)
        s.content.rollbackFinished.connect(lambda _ok: s.log.refresh())
        s.importer.installFinished.connect(lambda _ok: s.log.refresh())
        s.importer.previewFinished.connect(s.log.refresh)
        s.settings.saved.connect(self.settingsSaved)
        s.exit.leaving.connect(lambda _code: self._stop_timers())

    @Slot(object)
    def _activate(self, done: Activated) -> None:
        assert self.sections is not None
        self.sections.content.show(done.description)
        self.sections.settings.set_bundle(done.bundle)
        self.bundleActivated.emit(done.bundle)

    # -- for the wiring and tests -------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._mode != CLOSED

    def set_idle_seconds(self, panel: float, pin: float | None = None) -> None:
        self._panel_idle_ms = max(1, round(panel * 1000))
        self._pin_idle_ms = max(1, round((panel if pin is None else pin) * 1000))
        if self._idle.isActive():
            self._restart_idle()

    def set_language(self, language: str) -> None:
        """The patient's language: the PIN pad speaks it."""
        if self.sections is not None:
            self.sections.pin_pad.set_language(language)

    def is_running(self) -> bool:
        pad = self.sections is not None and self.sections.pin_pad.is_running()
        return self._idle.isActive() or pad or self._jobs.running()

    def stop(self) -> None:
        """Closes staff mode without a trace and waits for the worker (teardown)."""
        self._set_mode(CLOSED)
        self._jobs.forget()
        self._stop_timers()

    # -- opening and closing ------------------------------------------------------------------
    @Slot()
    def requestPin(self) -> None:
        """The hidden corner was tapped five times: show the PIN pad."""
        if self.sections is None or self._mode != CLOSED:
            return
        self._set_mode(PIN)
        self.sections.pin_pad.show()

    @Slot()
    def close(self) -> None:
        """Staff leave the panel: back to the patients' start screen."""
        if self._mode != PANEL:
            return
        self._set_mode(CLOSED)
        if self._staff is not None:
            self._staff.exit_staff_mode()
        self.patientResetRequested.emit()

    @Slot()
    def _close_pad(self) -> None:
        """Cancel on the PIN pad: the patient app stays where it was."""
        if self._mode == PIN:
            self._set_mode(CLOSED)

    @Slot()
    def closeForReset(self) -> None:
        """The patient app went back to its attract screen: nothing of staff mode stays up."""
        if self._mode == PANEL and self._staff is not None:
            self._staff.exit_staff_mode()
        self._set_mode(CLOSED)

    @Slot()
    def _open_panel(self) -> None:
        assert self.sections is not None
        self._section = SECTIONS[0]
        self._set_mode(PANEL)
        self.sections.settings.load()
        self.sections.content.refresh()  # on the worker: "One moment" meanwhile
        self.sections.keys.refresh()
        self.sections.log.refresh()
        self.sectionChanged.emit()

    def _set_mode(self, mode: str) -> None:
        if mode == self._mode:
            return
        was_open = self._mode != CLOSED
        self._mode = mode
        if self.sections is not None:
            self._cancel_confirms(self.sections)
            if mode != PIN:
                self.sections.pin_pad.hide()
        if mode == CLOSED:
            self._stop_timers()
            self._notice.clear()
        else:
            self._guard.reset()
            self._start_filter()
            self._restart_idle()
        self.modeChanged.emit()
        if was_open != (mode != CLOSED):
            self.openChanged.emit(mode != CLOSED)

    @staticmethod
    def _cancel_confirms(s: Sections) -> None:
        s.content.cancel_confirm()
        s.keys.cancel_confirm()
        s.exit.cancel_confirm()

    # -- sections -----------------------------------------------------------------------------
    def add_section_controller(self, name: str, controller: QObject) -> None:
        """A section with a controller of its own (opening hours, usage counts): StaffPanel.qml
        shows a tab for each one added here."""
        self._extra[name] = controller

    def import_sources(self) -> list[ImportSource]:
        """The drives, then the import folder: where staff bring files and take them away."""
        return [] if self.sections is None else self.sections.importer.sources()

    @Slot(str)
    def showSection(self, section: str) -> None:
        known = (*SECTIONS, *self._extra)
        if self._mode != PANEL or section not in known or self.sections is None:
            return
        s = self.sections
        self._cancel_confirms(s)
        self._notice.clear()
        if section != self._section:
            self._section = section
            self.sectionChanged.emit()
        if section == "import":
            s.importer.scan()
        elif section == "settings":
            s.settings.load()
        elif section == "log":
            s.log.refresh()

    # -- staff mode's idle time ---------------------------------------------------------------
    def _stop_timers(self) -> None:
        self._idle.stop()
        if self._filtering:
            app = QGuiApplication.instance()
            if app is not None:
                app.removeEventFilter(self._filter)
            self._filtering = False

    def _start_filter(self) -> None:
        app = QGuiApplication.instance()
        if not self._filtering and app is not None:
            app.installEventFilter(self._filter)
            self._filtering = True

    def _restart_idle(self) -> None:
        if self._mode != CLOSED:
            self._idle.start(self._pin_idle_ms if self._mode == PIN else self._panel_idle_ms)

    @Slot()
    def _idle_timeout(self) -> None:
        if self._mode == CLOSED:
            return
        if self._jobs.running("install", "rollback"):  # never walk away from one half done
            self._restart_idle()
            return
        was_panel = self._mode == PANEL
        self._set_mode(CLOSED)
        self.leftByIdle.emit()
        if not was_panel:
            self.padAbandoned.emit(self._pin_idle_ms / 1000)
            return
        if self._staff is not None:
            self._staff.log.record("exit", "Staff mode closed itself after a time without use.")
        self.patientResetRequested.emit()

    # -- QML ----------------------------------------------------------------------------------
    def _get_mode(self) -> str:
        return self._mode

    def _get_section(self) -> str:
        return self._section

    def _get_guard(self) -> TapGuard:
        return self._guard

    def _get_jobs(self) -> JobRunner:
        return self._jobs

    def _get_notice(self) -> Notice:
        return self._notice

    def _get_section_controllers(self) -> dict[str, QObject]:
        return dict(self._extra)

    def _get_pin_pad(self) -> PinPad | None:
        return None if self.sections is None else self.sections.pin_pad

    def _get_content(self) -> ContentSection | None:
        return None if self.sections is None else self.sections.content

    def _get_keys(self) -> KeysSection | None:
        return None if self.sections is None else self.sections.keys

    def _get_importer(self) -> ImportSection | None:
        return None if self.sections is None else self.sections.importer

    def _get_settings(self) -> SettingsSection | None:
        return None if self.sections is None else self.sections.settings

    def _get_log(self) -> LogSection | None:
        return None if self.sections is None else self.sections.log

    def _get_exit(self) -> ExitSection | None:
        return None if self.sections is None else self.sections.exit

    # Typed with the controllers' own classes, so that qmllint checks what QML reads through them.
    mode = Property(str, _get_mode, notify=modeChanged)
    section = Property(str, _get_section, notify=sectionChanged)
    guard = Property(TapGuard, _get_guard, constant=True)
    jobs = Property(JobRunner, _get_jobs, constant=True)
    notice = Property(Notice, _get_notice, constant=True)
    pinPad = Property(PinPad, _get_pin_pad, constant=True)
    contentSection = Property(ContentSection, _get_content, constant=True)
    keysSection = Property(KeysSection, _get_keys, constant=True)
    importSection = Property(ImportSection, _get_importer, constant=True)
    settingsSection = Property(SettingsSection, _get_settings, constant=True)
    logSection = Property(LogSection, _get_log, constant=True)
    exitSection = Property(ExitSection, _get_exit, constant=True)
    sectionControllers = Property(QVariantMap, _get_section_controllers, constant=True)

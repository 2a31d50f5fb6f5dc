"""Staff mode for QML: the PIN pad, the staff panel, and the work behind them.

`StaffPanel` is one QObject with properties and slots for `StaffMode.qml`. It holds the digits
typed on the PIN pad (QML only ever learns how many there are), and runs everything slow (the
argon2 PIN check, verifying, installing and rolling back bundles, looking for bundle files) on
one worker thread of its own `QThreadPool`; results and install progress come back to the GUI
thread as queued signals.

Ways out, and what the supervisor does with them:

- closing the panel (or two minutes without a touch) returns the patient app to its attract
  screen, where a newly installed bundle takes over;
- **Exit to desktop** logs the exit and leaves the event loop with `EXIT_TO_DESKTOP` (0). It is
  the one sanctioned way out of a fullscreen kiosk. Under systemd the unit needs
  `RestartPreventExitStatus=0` for the desktop to stay (with `Restart=always` alone systemd
  starts the app again after `RestartSec`);
- **Restart** logs it and leaves with `EXIT_RESTART` (75, EX_TEMPFAIL), which any restart
  policy (`Restart=always`, `on-failure`, or `RestartForceExitStatus=75`) restarts.

Bundle files are looked for on mounted drives (`QStorageInfo.mountedVolumes()` without the
system's own mounts; on Linux also `/media/*`, `/media/*/*` and `/run/media/*/*`) and in the
import folder (`kiosk --import-dir DIR` or `$KIOSK_IMPORT_DIR`), which tests use as the drive.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QEvent,
    QObject,
    QRunnable,
    QStorageInfo,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication

from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.patient.idle import INPUT_EVENTS
from kiosk.patient.ui_settings import UiSettings
from kiosk.staff.pin import PIN_MAX_DIGITS, PIN_MIN_DIGITS, PinCheck
from kiosk.staff.service import Staff
from kiosk.staff.settings import IDLE_MAX, IDLE_MIN, Settings, check_against
from kiosk.store.bundle_store import ActiveBundle, Description, Diff
from kiosk.ui.taps import Clock, TapGuard

log = logging.getLogger(__name__)

EXIT_TO_DESKTOP = 0
EXIT_RESTART = 75  # EX_TEMPFAIL: "try again", the supervisor starts the app again
IMPORT_DIR_ENV = "KIOSK_IMPORT_DIR"
PANEL_IDLE_SECONDS = 120.0  # the panel leaves itself after this long without a touch
PIN_IDLE_SECONDS = 30.0  # an abandoned PIN pad goes sooner: a patient may have opened it
IDLE_STEP = 30  # seconds added or taken by the idle-time buttons
LOG_COUNT = 100
LOG_PREFIX = {"refusal": "Refused: "}  # log messages that do not say what they are
STAFF_TAP_MS = 150  # staff type PINs quickly: only a bounce is dropped, not a repeated digit

CLOSED, PIN, PANEL = "closed", "pin", "panel"
SECTIONS = ("content", "import", "settings", "log", "exit")

# File systems that never hold a staff member's bundle file.
PSEUDO_FILESYSTEMS = frozenset(
    {
        "autofs",
        "binfmt_misc",
        "bpf",
        "cgroup",
        "cgroup2",
        "configfs",
        "debugfs",
        "devpts",
        "devtmpfs",
        "efivarfs",
        "fusectl",
        "hugetlbfs",
        "mqueue",
        "nsfs",
        "overlay",
        "proc",
        "pstore",
        "ramfs",
        "rpc_pipefs",
        "securityfs",
        "squashfs",
        "sysfs",
        "tmpfs",
        "tracefs",
    }
)
SYSTEM_PREFIXES = (
    "/boot",
    "/dev",
    "/efi",
    "/etc",
    "/home",
    "/nix",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/snap",
    "/srv",
    "/sys",
    "/tmp",  # noqa: S108 (a prefix to skip, not a file to write)
    "/usr",
    "/var",
)
REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/")
LINUX_DRIVE_GLOBS = ("/media/*", "/media/*/*", "/run/media/*/*")


# -- where bundle files are looked for ---------------------------------------------------------


@dataclass(frozen=True)
class ImportSource:
    folder: Path
    label: str  # for staff: "drive KINGSTON", "the import folder"


@dataclass(frozen=True)
class Volume:
    """What matters of one QStorageInfo (a plain value, so the filter is testable)."""

    root: str
    fs_type: str
    name: str
    ready: bool = True


def is_import_volume(volume: Volume, system_root: str = "/") -> bool:
    """A mounted drive that could be a staff member's USB stick: not the system's own disk, not
    a pseudo file system, not a system folder."""
    root = volume.root.replace("\\", "/")
    if not volume.ready or volume.fs_type.lower() in PSEUDO_FILESYSTEMS:
        return False
    trimmed = root.rstrip("/") or "/"
    if trimmed == "/" or trimmed == (system_root.replace("\\", "/").rstrip("/") or "/"):
        return False
    if (trimmed + "/").startswith(REMOVABLE_PREFIXES):
        return True
    return not any(trimmed == p or trimmed.startswith(p + "/") for p in SYSTEM_PREFIXES)


def mounted_import_sources() -> list[ImportSource]:
    """Removable and other non-system drives that are mounted now."""
    system_root = QStorageInfo.root().rootPath()
    sources: list[ImportSource] = []
    for info in QStorageInfo.mountedVolumes():
        volume = Volume(
            root=info.rootPath(),
            fs_type=bytes(info.fileSystemType().data()).decode("utf-8", "replace"),
            name=info.displayName(),
            ready=info.isValid() and info.isReady(),
        )
        if is_import_volume(volume, system_root):
            sources.append(ImportSource(Path(volume.root), f"drive {volume.name or volume.root}"))
    if sys.platform.startswith("linux"):
        for pattern in LINUX_DRIVE_GLOBS:
            parent = Path(pattern.split("*", 1)[0])
            relative = pattern[len(str(parent)) + 1 :]
            try:
                folders = sorted(p for p in parent.glob(relative) if p.is_dir())
            except OSError:
                continue
            sources += [ImportSource(p, f"drive {p.name}") for p in folders]
    return sources


def _load_bundle(folder: Path) -> Bundle:
    """The content of a bundle staff just made active (in a worker thread)."""
    from kiosk.content.validate import load_folder  # deferred: patients' start skips the schema

    return load_folder(folder)


def import_dir_from(override: Path | None = None) -> Path | None:
    """The chosen import folder: `--import-dir`, else `$KIOSK_IMPORT_DIR`, else none."""
    if override is not None:
        return override.expanduser()
    env = os.environ.get(IMPORT_DIR_ENV)
    return Path(env).expanduser() if env else None


def source_of(path: Path, sources: Sequence[ImportSource]) -> ImportSource | None:
    """The most specific source folder that holds `path`."""
    best: ImportSource | None = None
    for source in sources:
        if path.is_relative_to(source.folder) and (
            best is None or len(source.folder.parts) > len(best.folder.parts)
        ):
            best = source
    return best


def _where(source: ImportSource, *, detail: bool = False) -> str:
    """'on drive KINGSTON', 'in the import folder' (with its path when `detail`)."""
    if source.label.startswith("drive"):
        return f"on {source.label}"
    return f"in {source.label} ({source.folder})" if detail else f"in {source.label}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- settings ----------------------------------------------------------------------------------


def ui_settings_from(stored: Settings, base: UiSettings | None = None) -> UiSettings:
    """The patient app's settings with this kiosk's stored ones in place."""
    return replace(
        base or UiSettings(),
        location_id=stored.location_id,
        idle_seconds=float(stored.idle_seconds),
        default_language=stored.default_language,
    )


# -- words for staff ---------------------------------------------------------------------------


def plain_wait(seconds: float) -> str:
    """'30 seconds', '1 second', '4 minutes'."""
    whole = max(1, math.ceil(seconds))
    if whole < 120:
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = math.ceil(whole / 60)
    return f"{minutes} minutes"


def locked_message(seconds: float) -> str:
    return f"Too many tries. Try again in {plain_wait(seconds)}."


def plain_time(when: dt.datetime | None) -> str:
    """'21 Nov 2026, 09:30' in the kiosk's local time."""
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return f"{local.day} {local:%b %Y, %H:%M}"


def plain_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def reason_of(exc: BaseException) -> str:
    """One sentence for staff about a failed action."""
    if isinstance(exc, BundleError):
        return exc.summary
    if isinstance(exc, OSError):
        return f"The disk reported an error ({exc.strerror or exc})."
    return f"Something went wrong ({type(exc).__name__}); the staff log has the details."


# -- the worker --------------------------------------------------------------------------------


class _JobSignals(QObject):
    """Emitted from the worker thread; connected queued to the panel on the GUI thread."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, float, float)


Work = Callable[[Callable[[int, int], None]], object]


class _Job(QRunnable):
    def __init__(self, token: int, work: Work, signals: _JobSignals) -> None:
        super().__init__()
        self._token = token
        self._work = work
        self._signals = signals

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self._signals.progress.emit(self._token, float(done), float(total))

        try:
            result = self._work(progress)
        except Exception as exc:  # every failure is reported to staff, none may kill the app
            self._signals.failed.emit(self._token, exc)
        else:
            self._signals.done.emit(self._token, result)


@dataclass
class _Pending:
    kind: str
    on_done: Callable[[Any], None]
    on_failed: Callable[[BaseException], None]


BUSY_TEXT = {
    "pin": "Checking the PIN…",
    "scan": "Looking for bundle files…",
    "preview": "Checking the bundle…",
    "install": "Installing…",
    "rollback": "Rolling back…",
}


class _ActivityFilter(QObject):
    """Any touch, click or key while staff mode is open restarts its idle time."""

    def __init__(self, on_input: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_input = on_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._on_input()
        return False


# -- the panel ---------------------------------------------------------------------------------


class StaffPanel(QObject):
    """The backend of the PIN pad and the staff panel (see the module docstring)."""

    modeChanged = Signal()
    sectionChanged = Signal()
    pinChanged = Signal()
    busyChanged = Signal()
    messageChanged = Signal()
    confirmChanged = Signal()
    activeChanged = Signal()
    bundlesChanged = Signal()
    diffChanged = Signal()
    progressChanged = Signal()
    settingsChanged = Signal()
    logChanged = Signal()

    openChanged = Signal(bool)
    patientResetRequested = Signal()
    bundleActivated = Signal(object)
    settingsSaved = Signal(object)
    pinChecked = Signal(str)
    scanFinished = Signal()
    previewFinished = Signal()
    installFinished = Signal(bool)
    rollbackFinished = Signal(bool)
    leftByIdle = Signal()

    def __init__(
        self,
        staff: Staff | None,
        bundle: Bundle,
        *,
        import_dir: Path | None = None,
        settings_warning: str | None = None,
        panel_idle_seconds: float = PANEL_IDLE_SECONDS,
        pin_idle_seconds: float = PIN_IDLE_SECONDS,
        clock: Clock | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        exit_fn: Callable[[int], None] | None = None,
        drives: Callable[[], list[ImportSource]] = mounted_import_sources,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._bundle = bundle
        self._import_dir = import_dir
        self._settings_warning = settings_warning or ""
        self._clock: Clock = clock or time.monotonic
        self._today = today
        self._exit_fn = exit_fn
        self._drives = drives
        self._guard = TapGuard(STAFF_TAP_MS, clock=self._clock, parent=self)

        self._mode = CLOSED
        self._section = SECTIONS[0]
        self._digits = ""
        self._pin_message = ""
        self._locked_until = 0.0
        self._lock_prefix = ""
        self._message = ""
        self._message_kind = ""  # "ok" | "problem" | ""
        self._confirm = ""  # "rollback" | "exit" | "restart" | ""
        self._active: dict[str, Any] = {}
        self._sources: list[ImportSource] = []
        self._found: list[Path] = []
        self._scanned = False
        self._selected = -1
        self._diff: Diff | None = None
        self._diff_error = ""
        self._installing = False
        self._progress = 0.0
        self._stored = Settings()
        self._draft = Settings()
        self._log: list[dict[str, str]] = []
        self._extra: dict[str, QObject] = {}  # hours-usage: sections with their own controllers

        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _JobSignals(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.done.connect(self._job_done, queued)
        self._signals.failed.connect(self._job_failed, queued)
        self._signals.progress.connect(self._job_progress, queued)
        self._jobs: dict[int, _Pending] = {}
        self._next_token = 0

        self._panel_idle_ms = max(1, round(panel_idle_seconds * 1000))
        self._pin_idle_ms = max(1, round(pin_idle_seconds * 1000))
        self._idle = QTimer(self, singleShot=True)
        self._idle.setObjectName("staffIdleTimer")
        self._idle.timeout.connect(self._idle_timeout)
        self._tick = QTimer(self, interval=1000)
        self._tick.setObjectName("staffLockTimer")
        self._tick.timeout.connect(self._update_lock)
        self._filter = _ActivityFilter(self._restart_idle, self)
        self._filtering = False

    # -- set-up for tests and the wiring ------------------------------------------------------
    @property
    def staff(self) -> Staff | None:
        return self._staff

    @property
    def is_open(self) -> bool:
        return self._mode != CLOSED

    def set_idle_seconds(self, panel: float, pin: float | None = None) -> None:
        self._panel_idle_ms = max(1, round(panel * 1000))
        self._pin_idle_ms = max(1, round((panel if pin is None else pin) * 1000))
        if self._idle.isActive():
            self._restart_idle()

    def set_exit_function(self, exit_fn: Callable[[int], None] | None) -> None:
        """None: `QGuiApplication.exit` (leaves the event loop even when the fullscreen window
        refuses to close, unlike `quit()`)."""
        self._exit_fn = exit_fn

    def set_drive_scanner(self, drives: Callable[[], list[ImportSource]]) -> None:
        self._drives = drives

    def set_bundle(self, bundle: Bundle) -> None:
        """The bundle the kiosk shows now (its locations and languages are the choices)."""
        self._bundle = bundle
        self.settingsChanged.emit()

    def is_running(self) -> bool:
        return self._idle.isActive() or self._tick.isActive() or bool(self._jobs)

    def stop(self) -> None:
        """Closes staff mode without a trace and waits for the worker (teardown)."""
        self._set_mode(CLOSED)
        self._pool.waitForDone(30_000)
        self._jobs.clear()
        self._stop_timers()

    # >>> hours-usage: sections with controllers of their own (opening hours, usage counts);
    # StaffPanel.qml shows a tab for each one added here.
    def add_section_controller(self, name: str, controller: QObject) -> None:
        self._extra[name] = controller

    def _get_section_controllers(self) -> dict[str, QObject]:
        return dict(self._extra)

    def import_sources(self) -> list[ImportSource]:
        """The drives, then the import folder: where staff bring files and take them away."""
        sources = list(self._drives())
        if self._import_dir is not None:
            sources.append(ImportSource(self._import_dir, "the import folder"))
        return sources

    # <<< hours-usage

    # -- opening and closing ------------------------------------------------------------------
    @Slot()
    def requestPin(self) -> None:
        """The hidden corner was tapped five times: show the PIN pad."""
        if self._staff is None or self._mode != CLOSED:
            return
        self._digits = ""
        self._pin_message = ""
        self._locked_until = 0.0
        self._set_mode(PIN)
        try:
            is_set = self._staff.pin.is_set()
            wait = self._staff.pin.wait_seconds()
        except OSError:
            is_set, wait = True, 0.0
        if not is_set:
            self._pin_message = self._not_set_message()
        elif wait > 0:
            self._lock_for(wait)
        self.pinChanged.emit()

    @Slot()
    def close(self) -> None:
        """Staff leave the panel (or the PIN pad): back to the patients' start screen."""
        if self._mode == CLOSED:
            return
        was_panel = self._mode == PANEL
        self._set_mode(CLOSED)
        if was_panel and self._staff is not None:
            self._staff.exit_staff_mode()
        self.patientResetRequested.emit()

    @Slot()
    def cancelPin(self) -> None:
        """Cancel on the PIN pad: the patient app stays where it was."""
        if self._mode == PIN:
            self._set_mode(CLOSED)

    @Slot()
    def closeForReset(self) -> None:
        """The patient app went back to its attract screen: nothing of staff mode stays up."""
        if self._mode == PANEL and self._staff is not None:
            self._staff.exit_staff_mode()
        self._set_mode(CLOSED)

    def _set_mode(self, mode: str) -> None:
        if mode == self._mode:
            return
        was_open = self._mode != CLOSED
        self._mode = mode
        self._digits = ""
        self._confirm = ""
        if mode == CLOSED:
            self._stop_timers()
            self._pin_message = ""
            self._clear_message()
        else:
            self._guard.reset()
            self._start_filter()
            self._restart_idle()
        self.modeChanged.emit()
        self.pinChanged.emit()
        self.confirmChanged.emit()
        if was_open != (mode != CLOSED):
            self.openChanged.emit(mode != CLOSED)

    def _stop_timers(self) -> None:
        self._idle.stop()
        self._tick.stop()
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
        if self._mode == CLOSED:
            return
        self._idle.start(self._pin_idle_ms if self._mode == PIN else self._panel_idle_ms)

    def _idle_timeout(self) -> None:
        if self._mode == CLOSED:
            return
        if self._jobs:  # never walk away from an install half done
            self._restart_idle()
            return
        was_panel = self._mode == PANEL
        self._set_mode(CLOSED)
        if was_panel and self._staff is not None:
            self._staff.log.record("exit", "Staff mode closed itself after a time without use.")
        self.leftByIdle.emit()
        self.patientResetRequested.emit()

    # -- the PIN pad --------------------------------------------------------------------------
    def _not_set_message(self) -> str:
        return (
            "No staff PIN is set on this kiosk yet. It is set with the command kiosk staff set-pin."
        )

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if (
            self._mode != PIN
            or self._locked()
            or "pin" in self._kinds()
            or len(digit) != 1
            or not digit.isdigit()
            or len(self._digits) >= PIN_MAX_DIGITS
        ):
            return
        self._digits += digit
        if self._pin_message and not self._locked():
            self._pin_message = ""
        self.pinChanged.emit()

    @Slot()
    def erase(self) -> None:
        if self._mode == PIN and self._digits:
            self._digits = self._digits[:-1]
            self.pinChanged.emit()

    @Slot()
    def submitPin(self) -> None:
        staff = self._staff
        if self._mode != PIN or staff is None or self._locked() or "pin" in self._kinds():
            return
        if len(self._digits) < PIN_MIN_DIGITS:
            self._pin_message = f"The PIN has at least {PIN_MIN_DIGITS} digits."
            self.pinChanged.emit()
            return
        pin, self._digits = self._digits, ""
        self.pinChanged.emit()
        self._run("pin", lambda _p: staff.check_pin(pin), self._pin_checked, self._pin_failed)

    def _pin_checked(self, result: PinCheck) -> None:
        self.pinChecked.emit(result.reason)
        if self._mode != PIN:
            return  # cancelled meanwhile
        if result.ok:
            self._open_panel()
            return
        if result.reason == "not-set":
            self._pin_message = self._not_set_message()
        elif result.reason == "locked":
            self._lock_for(result.wait_seconds)
        elif result.wait_seconds > 0:
            self._lock_for(result.wait_seconds, prefix="That PIN is not right. ")
        else:
            self._pin_message = "That PIN is not right. Try again."
        self.pinChanged.emit()

    def _pin_failed(self, exc: BaseException) -> None:
        log.error("the PIN check failed: %s", type(exc).__name__)  # never the PIN itself
        self.pinChecked.emit("error")
        if self._mode == PIN:
            self._pin_message = "The PIN could not be checked. Try again."
            self.pinChanged.emit()

    def _lock_for(self, seconds: float, prefix: str = "") -> None:
        self._locked_until = self._clock() + seconds
        self._lock_prefix = prefix
        self._pin_message = prefix + locked_message(seconds)
        self._tick.start()

    def _locked(self) -> bool:
        return self._locked_until > self._clock()

    def _update_lock(self) -> None:
        left = self._locked_until - self._clock()
        if self._mode != PIN or left <= 0:
            self._tick.stop()
            if self._mode == PIN:
                self._locked_until = 0.0
                self._pin_message = "You can try again now."
                self.pinChanged.emit()
            return
        message = self._lock_prefix + locked_message(left)
        if message != self._pin_message:
            self._pin_message = message
            self.pinChanged.emit()

    # -- the panel: sections and messages -----------------------------------------------------
    def _open_panel(self) -> None:
        self._section = SECTIONS[0]
        self._set_mode(PANEL)
        self._locked_until = 0.0
        self._tick.stop()
        self._load_settings()
        self._refresh_active()
        self._refresh_log()
        self.sectionChanged.emit()

    @Slot(str)
    def showSection(self, section: str) -> None:
        if self._mode != PANEL or section not in (*SECTIONS, *self._extra):
            return
        self._confirm = ""
        self.confirmChanged.emit()
        self._clear_message()
        if section != self._section:
            self._section = section
            self.sectionChanged.emit()
        if section == "content":
            self._refresh_active()
        elif section == "import":
            self.scan()
        elif section == "settings":
            self._load_settings()
        elif section == "log":
            self._refresh_log()

    def _say(self, message: str, kind: str) -> None:
        self._message, self._message_kind = message, kind
        self.messageChanged.emit()

    def _clear_message(self) -> None:
        if self._message:
            self._say("", "")

    @Slot(str)
    def ask(self, action: str) -> None:
        """The first tap of a two-step action (roll back, exit, restart)."""
        if self._mode == PANEL and action in ("rollback", "exit", "restart") and not self._jobs:
            self._confirm = action
            self.confirmChanged.emit()

    @Slot()
    def cancelConfirm(self) -> None:
        self._confirm = ""
        self.confirmChanged.emit()

    @Slot()
    def confirm(self) -> None:
        action, self._confirm = self._confirm, ""
        self.confirmChanged.emit()
        if self._mode != PANEL or self._jobs:
            return
        if action == "rollback":
            self._roll_back()
        elif action == "exit":
            self._leave_app(EXIT_TO_DESKTOP)
        elif action == "restart":
            self._leave_app(EXIT_RESTART)

    # -- the active bundle and rolling back ---------------------------------------------------
    def _refresh_active(self) -> None:
        staff = self._staff
        if staff is None:
            return
        try:
            description = staff.describe_active(self._today())
        except (BundleError, OSError) as exc:
            self._active = {"problem": reason_of(exc)}
        else:
            self._active = self._describe(description)
        self.activeChanged.emit()

    def _describe(self, d: Description) -> dict[str, Any]:
        if d.source == "builtin":
            source = "The built-in content, shipped with the kiosk app."
        elif d.source == "previous":
            source = "An earlier bundle: the newest one could not be used."
        else:
            source = f"Installed {plain_time(d.installed_at)}."
        if d.previous:
            target = d.previous[0]
        elif d.source != "builtin":
            target = "the built-in content"
        else:
            target = ""
        return {
            "title": d.title,
            "id": d.id,
            "version": d.version,
            "signer": d.signer,
            "source": source,
            "installed": plain_time(d.installed_at),
            "fallback": d.fallback_reason or "",
            "pageCount": d.page_count,
            "reviewsDue": [
                f"{r.page_id}: review was due {plain_date(r.due)}" for r in d.reviews_due
            ],
            "rollbackTarget": target,
        }

    def _roll_back(self) -> None:
        staff = self._staff
        if staff is None:
            return

        def work(_progress: Callable[[int, int], None]) -> tuple[ActiveBundle, Bundle]:
            active = staff.rollback()
            return active, _load_bundle(active.path)

        self._clear_message()
        self._run("rollback", work, self._rolled_back, self._rollback_failed)

    def _rolled_back(self, result: tuple[ActiveBundle, Bundle]) -> None:
        active, bundle = result
        label = "the built-in content" if active.source == "builtin" else "it"
        self._activate(bundle)
        self._say(
            f"Rolled back to {active.id} version {active.version}. Patients see {label} "
            "from the next start screen.",
            "ok",
        )
        self.rollbackFinished.emit(True)

    def _rollback_failed(self, exc: BaseException) -> None:
        self._refresh_active()
        self._refresh_log()
        self._say(f"Not rolled back: {reason_of(exc)}", "problem")
        self.rollbackFinished.emit(False)

    def _activate(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self.bundleActivated.emit(bundle)
        self._refresh_active()
        self._refresh_log()
        self.settingsChanged.emit()

    # -- importing ----------------------------------------------------------------------------
    @Slot()
    def scan(self) -> None:
        staff = self._staff
        if staff is None or self._mode != PANEL or self._jobs:
            return
        try:
            sources = list(self._drives())
        except OSError:
            sources = []
        if self._import_dir is not None:
            sources.append(ImportSource(self._import_dir, "the import folder"))
        folders = [s.folder for s in sources]

        def work(_progress: Callable[[int, int], None]) -> list[Path]:
            return staff.find_bundles(folders)

        self._sources = sources
        self._select(-1)
        self._run("scan", work, self._scanned_bundles, self._scan_failed)

    def _scanned_bundles(self, found: list[Path]) -> None:
        self._found = found
        self._scanned = True
        self.bundlesChanged.emit()
        self.scanFinished.emit()

    def _scan_failed(self, exc: BaseException) -> None:
        self._found = []
        self._scanned = True
        self.bundlesChanged.emit()
        self._say(f"The drives could not be read: {reason_of(exc)}", "problem")
        self.scanFinished.emit()

    def _select(self, index: int) -> None:
        self._selected = index
        self._diff = None
        self._diff_error = ""
        self._progress = 0.0
        self.bundlesChanged.emit()
        self.diffChanged.emit()
        self.progressChanged.emit()

    @Slot(int)
    def selectBundle(self, index: int) -> None:
        staff = self._staff
        if staff is None or self._mode != PANEL or not 0 <= index < len(self._found):
            return
        if self._installing:
            return
        self._clear_message()
        self._select(index)
        path = self._found[index]

        def work(_progress: Callable[[int, int], None]) -> Diff:
            diff = staff.preview_install(path)
            if diff.blocked:
                staff.log.record("refusal", diff.blocked, file=path.name)
            return diff

        self._run("preview", work, self._previewed, self._preview_failed)

    def _previewed(self, diff: Diff) -> None:
        if self._selected >= 0 and self._found[self._selected] == diff.path:
            self._diff = diff
            self.diffChanged.emit()
        self.previewFinished.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        self._diff = None
        self._diff_error = reason_of(exc)
        self.diffChanged.emit()
        self._refresh_log()
        self.previewFinished.emit()

    @Slot()
    def install(self) -> None:
        staff, diff = self._staff, self._diff
        if staff is None or self._mode != PANEL or diff is None or diff.blocked or self._jobs:
            return

        def work(progress: Callable[[int, int], None]) -> tuple[ActiveBundle, Bundle]:
            active = staff.install(diff.path, progress, preview=diff)
            return active, _load_bundle(active.path)

        self._installing = True
        self._progress = 0.0
        self.progressChanged.emit()
        self._clear_message()
        self._run("install", work, self._installed, self._install_failed)

    def _installed(self, result: tuple[ActiveBundle, Bundle]) -> None:
        active, bundle = result
        self._installing = False
        self._progress = 1.0
        self.progressChanged.emit()
        self._diff = None
        self._selected = -1
        self.diffChanged.emit()
        self.bundlesChanged.emit()
        self._activate(bundle)
        self._say(
            f"Installed {active.id} version {active.version}. Patients see it from the next "
            "start screen.",
            "ok",
        )
        self.installFinished.emit(True)

    def _install_failed(self, exc: BaseException) -> None:
        self._installing = False
        self._progress = 0.0
        self.progressChanged.emit()
        self._refresh_active()
        self._refresh_log()
        self._say(
            f"Not installed: {reason_of(exc)} The kiosk still shows the same content.", "problem"
        )
        self.installFinished.emit(False)

    # -- settings -----------------------------------------------------------------------------
    def _load_settings(self) -> None:
        staff = self._staff
        if staff is None:
            return
        stored, warning = staff.load_settings()
        if warning:
            self._settings_warning = warning
        self._stored = self._draft = stored
        self.settingsChanged.emit()

    def _set_draft(self, **changes: Any) -> None:
        if self._mode != PANEL:
            return
        self._draft = replace(self._draft, **changes)
        self.settingsChanged.emit()

    @Slot(str)
    def chooseLocation(self, location_id: str) -> None:
        if location_id == "" or location_id in {loc.id for loc in self._bundle.locations}:
            self._set_draft(location_id=location_id or None)

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        if code == "" or code in self._bundle.languages:
            self._set_draft(default_language=code or None)

    @Slot(int)
    def stepIdle(self, direction: int) -> None:
        current = self._draft.idle_seconds
        if direction > 0:
            value = min(IDLE_MAX, (current // IDLE_STEP + 1) * IDLE_STEP)
        else:
            value = max(IDLE_MIN, math.ceil(current / IDLE_STEP - 1) * IDLE_STEP)
        self._set_draft(idle_seconds=value)

    @Slot()
    def saveSettings(self) -> None:
        staff = self._staff
        if staff is None or self._mode != PANEL or self._draft == self._stored:
            return
        try:
            staff.save_settings(self._draft)
        except OSError as exc:
            self._say(f"The settings were not saved: {reason_of(exc)}", "problem")
            return
        self._stored = self._draft
        self._settings_warning = ""
        self.settingsChanged.emit()
        self._say("Settings saved. They apply from the next start screen.", "ok")
        self.settingsSaved.emit(self._stored)

    # -- the log ------------------------------------------------------------------------------
    def _refresh_log(self) -> None:
        staff = self._staff
        if staff is None:
            return
        entries = []
        for entry in staff.recent_log(LOG_COUNT):
            text = LOG_PREFIX.get(entry.action, "") + entry.message
            file = entry.details.get("file") if entry.details else None
            if file and str(file) not in text:
                text += f" (file: {file})"
            entries.append({"when": plain_time(entry.at), "action": entry.action, "text": text})
        self._log = entries
        self.logChanged.emit()

    # -- leaving the app ----------------------------------------------------------------------
    def _leave_app(self, code: int) -> None:
        staff = self._staff
        if staff is not None:
            if code == EXIT_TO_DESKTOP:
                staff.exit_staff_mode(quit_app=True)
            else:
                staff.log.record("restart", "Staff restarted the kiosk app.")
        self._stop_timers()
        exit_fn = self._exit_fn or QGuiApplication.exit
        exit_fn(code)

    # -- the worker ---------------------------------------------------------------------------
    def _kinds(self) -> set[str]:
        return {job.kind for job in self._jobs.values()}

    def _run(
        self,
        kind: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> int:
        token = self._next_token
        self._next_token += 1
        self._jobs[token] = _Pending(kind, on_done, on_failed)
        self.busyChanged.emit()
        self._pool.start(_Job(token, work, self._signals))
        return token

    def _finish(self, token: int) -> _Pending | None:
        pending = self._jobs.pop(token, None)
        if pending is not None:
            self.busyChanged.emit()
            self._restart_idle()
        return pending

    @Slot(int, object)
    def _job_done(self, token: int, result: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            pending.on_done(result)

    @Slot(int, object)
    def _job_failed(self, token: int, exc: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            assert isinstance(exc, BaseException)
            if not isinstance(exc, BundleError | OSError):
                log.error("staff action %s failed", pending.kind, exc_info=exc)
            pending.on_failed(exc)

    @Slot(int, float, float)
    def _job_progress(self, token: int, done: float, total: float) -> None:
        pending = self._jobs.get(token)
        if pending is not None and pending.kind == "install" and total > 0:
            value = min(1.0, done / total)
            if value != self._progress:
                self._progress = value
                self.progressChanged.emit()

    # -- QML properties -----------------------------------------------------------------------
    def _get_mode(self) -> str:
        return self._mode

    def _get_section(self) -> str:
        return self._section

    def _get_guard(self) -> QObject:
        return self._guard

    def _get_pin_length(self) -> int:
        return len(self._digits)

    def _get_pin_max(self) -> int:
        return PIN_MAX_DIGITS

    def _get_pin_min(self) -> int:
        return PIN_MIN_DIGITS

    def _get_pin_message(self) -> str:
        return self._pin_message

    def _get_pin_locked(self) -> bool:
        return self._locked()

    def _get_busy(self) -> bool:
        return bool(self._jobs)

    def _get_busy_text(self) -> str:
        kinds = self._kinds()
        return next((BUSY_TEXT[k] for k in BUSY_TEXT if k in kinds), "")

    def _get_message(self) -> str:
        return self._message

    def _get_message_kind(self) -> str:
        return self._message_kind

    def _get_confirm(self) -> str:
        return self._confirm

    def _get_active(self) -> dict[str, Any]:
        return dict(self._active)

    def _get_bundles(self) -> list[dict[str, Any]]:
        out = []
        for index, path in enumerate(self._found):
            source = source_of(path, self._sources)
            out.append(
                {
                    "index": index,
                    "name": path.name,
                    "where": _capital(_where(source)) if source else str(path.parent),
                    "selected": index == self._selected,
                }
            )
        return out

    def _get_scanned(self) -> bool:
        return self._scanned

    def _get_sources_text(self) -> str:
        if not self._sources:
            return "No USB drive is connected and no import folder is set."
        places = [_where(s, detail=True) for s in self._sources]
        if len(places) > 1:
            places[-1] = "and " + places[-1]
        return "Looked " + (", " if len(places) > 2 else " ").join(places) + "."

    def _get_diff(self) -> dict[str, Any]:
        if self._diff_error:
            return {"state": "refused", "reason": self._diff_error}
        diff = self._diff
        if diff is None:
            return {"state": "none" if self._selected < 0 else "checking"}
        if diff.replaces_other_bundle:
            versions = (
                f"Replaces {diff.old_id} version {diff.old_version} with "
                f"{diff.new_id} version {diff.new_version}"
            )
        else:
            versions = f"{diff.new_id}: version {diff.old_version} → {diff.new_version}"
        return {
            "state": "blocked" if diff.blocked else "ready",
            "file": diff.path.name,
            "versions": versions,
            "signer": diff.signer,
            "added": list(diff.added),
            "changed": list(diff.changed),
            "removed": list(diff.removed),
            "reason": diff.blocked or "",
        }

    def _get_installing(self) -> bool:
        return self._installing

    def _get_progress(self) -> float:
        return self._progress

    def _get_settings(self) -> dict[str, Any]:
        draft = self._draft
        return {
            "locationId": draft.location_id or "",
            "idleSeconds": draft.idle_seconds,
            "idleMin": IDLE_MIN,
            "idleMax": IDLE_MAX,
            "defaultLanguage": draft.default_language or "",
            "dirty": draft != self._stored,
        }

    def _get_settings_notes(self) -> list[str]:
        notes = [self._settings_warning] if self._settings_warning else []
        return notes + check_against(self._stored, self._bundle)

    def _get_location_choices(self) -> list[dict[str, str]]:
        choices = [{"id": "", "name": "Not set"}]
        choices += [
            {"id": loc.id, "name": f"{loc.town}, {loc.state}"} for loc in self._bundle.locations
        ]
        return choices

    def _get_language_choices(self) -> list[dict[str, str]]:
        bundle = self._bundle
        first = bundle.ui(bundle.default_language)["language_name"]
        choices = [{"code": "", "name": f"The content's first ({first})"}]
        choices += [{"code": c, "name": bundle.ui(c)["language_name"]} for c in bundle.languages]
        return choices

    def _get_log(self) -> list[dict[str, str]]:
        return list(self._log)

    mode = Property(str, _get_mode, notify=modeChanged)
    section = Property(str, _get_section, notify=sectionChanged)
    guard = Property(QObject, _get_guard, constant=True)
    pinLength = Property(int, _get_pin_length, notify=pinChanged)
    pinMaxLength = Property(int, _get_pin_max, constant=True)
    pinMinLength = Property(int, _get_pin_min, constant=True)
    pinMessage = Property(str, _get_pin_message, notify=pinChanged)
    pinLocked = Property(bool, _get_pin_locked, notify=pinChanged)
    busy = Property(bool, _get_busy, notify=busyChanged)
    busyText = Property(str, _get_busy_text, notify=busyChanged)
    message = Property(str, _get_message, notify=messageChanged)
    messageKind = Property(str, _get_message_kind, notify=messageChanged)
    confirming = Property(str, _get_confirm, notify=confirmChanged)
    active = Property(dict, _get_active, notify=activeChanged)
    bundles = Property(list, _get_bundles, notify=bundlesChanged)
    scanned = Property(bool, _get_scanned, notify=bundlesChanged)
    sourcesText = Property(str, _get_sources_text, notify=bundlesChanged)
    diff = Property(dict, _get_diff, notify=diffChanged)
    installing = Property(bool, _get_installing, notify=progressChanged)
    progress = Property(float, _get_progress, notify=progressChanged)
    settings = Property(dict, _get_settings, notify=settingsChanged)
    settingsNotes = Property(list, _get_settings_notes, notify=settingsChanged)
    locationChoices = Property(list, _get_location_choices, notify=settingsChanged)
    languageChoices = Property(list, _get_language_choices, notify=settingsChanged)
    logEntries = Property(list, _get_log, notify=logChanged)
    # hours-usage: the section controllers by name
    sectionControllers = Property(dict, _get_section_controllers, constant=True)

"""Wiring of opening hours and usage counts, kept out of wiring.py: `attach()` builds the
sleeping/waking controller, the usage recorder and the two staff sections and connects them.

Without a data folder (a fixed bundle, a preview) the kiosk has no schedule and counts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject

from kiosk.content.bundle import Bundle
from kiosk.patient.idle import IdleMonitor
from kiosk.patient.opening_hours import CHECK_MS, OpeningHours, WakeFilter, utc_now
from kiosk.patient.state import AppState
from kiosk.patient.usage_recorder import UsageRecorder
from kiosk.schedule.storage import SCHEDULE_NAME, load_schedule
from kiosk.staff.service import Staff
from kiosk.staff_ui.panel import StaffPanel
from kiosk.staff_ui.schedule_section import ScheduleSection
from kiosk.staff_ui.usage_section import UsageSection
from kiosk.system.display_power import DisplayPower, choose_display_power
from kiosk.usage.store import USAGE_NAME
from kiosk.usage.writer import UsageWriter

COUNTS_ENV = "KIOSK_USAGE_COUNTS"  # "off": this deployment counts nothing
BUCKETS_ENV = "KIOSK_USAGE_BUCKETS"  # "on": page views also by 4-hour slot of the day


@dataclass(frozen=True)
class HoursOptions:
    """How the kiosk tells the time and switches its display (tests and the bench give their
    own clock and a display they can watch)."""

    now: Callable[[], dt.datetime] = utc_now
    power: DisplayPower | None = None  # None: chosen from the environment
    check_ms: int = CHECK_MS


@dataclass
class HoursAndUsage:
    hours: OpeningHours
    wake_filter: WakeFilter
    recorder: UsageRecorder | None
    schedule_section: ScheduleSection | None
    usage_section: UsageSection | None

    def close(self) -> None:
        self.hours.stop()
        if self.recorder is not None:
            self.recorder.writer.close()


def page_titles(state: AppState) -> Callable[[str], str]:
    """Names staff recognise for the page ids the counts use."""

    def title(page: str) -> str:
        bundle: Bundle = state.bundle
        if page == "locations":
            return "Locations list"
        if page.startswith("location:"):
            ident = page.removeprefix("location:")
            town = next((loc.town for loc in bundle.locations if loc.id == ident), ident)
            return f"Location: {town}"
        found = next((p for p in bundle.pages if p.id == page), None)
        if found is None:
            return page  # a page of an older bundle
        text = found.text.get(bundle.default_language) or next(iter(found.text.values()))
        return text.title

    return title


def _follow_schedule_file(path: Path, hours: OpeningHours, parent: QObject) -> None:
    """`kiosk staff schedule set` on a running kiosk: the file is replaced by a rename, which
    changes its folder, so the folder is watched and the file read again when it changed."""
    watcher = QFileSystemWatcher([str(path.parent)], parent)
    last = [_stamp(path)]

    def changed(_folder: str) -> None:
        stamp = _stamp(path)
        if stamp != last[0]:
            last[0] = stamp
            schedule, _warning = load_schedule(path)  # a damaged file: always on, reported
            hours.set_schedule(schedule)

    watcher.directoryChanged.connect(changed)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def language_name(bundle: Bundle, code: str) -> str:
    """'Español' for 'es' when the bundle knows the language, else the code itself."""
    return bundle.ui(code).get("language_name", code) if code in bundle.languages else code


def attach(
    *,
    store: Staff | None,
    state: AppState,
    idle: IdleMonitor,
    staff_panel: StaffPanel,
    parent: QObject,
    options: HoursOptions | None = None,
) -> HoursAndUsage:
    options = options or HoursOptions()
    data_dir = store.data_dir if store is not None else None
    schedule, warning = (
        (None, None) if data_dir is None else load_schedule(data_dir / SCHEDULE_NAME)
    )
    if store is not None and warning is not None:
        store.log.record("schedule", warning)  # never shown to patients
    power = options.power or choose_display_power(os.environ)
    hours = OpeningHours(schedule, power, now=options.now, check_ms=options.check_ms, parent=parent)
    hours.fellAsleep.connect(lambda: state.reset() if not state.is_attract() else None)
    staff_panel.openChanged.connect(hours.hold)
    wake_filter = WakeFilter(hours, parent)  # wiring installs it on the window
    if data_dir is None:
        return HoursAndUsage(hours, wake_filter, None, None, None)
    recorder = None
    if os.environ.get(COUNTS_ENV, "on").strip().lower() != "off":
        writer = UsageWriter(data_dir / USAGE_NAME)
        buckets = os.environ.get(BUCKETS_ENV, "off").strip().lower() == "on"
        recorder = UsageRecorder(state, idle, writer, buckets=buckets, parent=parent)
    schedule_section = ScheduleSection(
        data_dir / SCHEDULE_NAME, hours, warning=warning, now=options.now, parent=parent
    )
    usage_section = UsageSection(
        data_dir / USAGE_NAME,
        titles=page_titles(state),
        language_names=lambda code: language_name(state.bundle, code),
        targets=lambda: [(s.folder, s.label) for s in staff_panel.import_sources()],
        parent=parent,
    )
    _follow_schedule_file(data_dir / SCHEDULE_NAME, hours, parent)
    staff_panel.add_section_controller("schedule", schedule_section)
    staff_panel.add_section_controller("usage", usage_section)
    return HoursAndUsage(hours, wake_filter, recorder, schedule_section, usage_section)

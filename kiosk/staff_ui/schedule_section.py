"""Staff mode's "Opening hours" section: the week, closed days, wake minutes, display power.

Changes are a draft until Save; Save replaces schedule.json atomically and the kiosk follows at
once. Each weekday is edited by its first opening and last closing in half hours (a lunch break
set with `kiosk staff schedule set` is kept and shown).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.schedule.model import (
    DAY_MINUTES,
    WAKE_MAX,
    WAKE_MIN,
    WEEKDAYS,
    Range,
    Schedule,
    clock_text,
)
from kiosk.schedule.storage import describe_now, local_zone_name, save_schedule
from kiosk.system.display_power import DisplayPower
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1


class HoursControl(Protocol):
    """What this section needs of the kiosk's sleeping and waking (kiosk/patient/opening_hours.py
    has it; the staff UI does not import the patient UI)."""

    @property
    def schedule(self) -> Schedule | None: ...

    @property
    def power(self) -> DisplayPower: ...

    def set_schedule(self, schedule: Schedule | None) -> None: ...


STEP = 30  # minutes per tap
DEFAULT_DAY = Range(8 * 60, 18 * 60)


def default_schedule() -> Schedule:
    """What staff start from: weekdays 08:00-18:00, weekends closed, in this machine's zone."""
    return Schedule(week=((DEFAULT_DAY,),) * 5 + ((), ()), timezone=local_zone_name())


def _stepped(ranges: tuple[Range, ...], edge: str, direction: int) -> tuple[Range, ...]:
    """The day's first opening (edge 'open') or last closing ('close') moved by one step,
    never past the range's other end or outside the day."""
    if not ranges:
        return ranges
    first, last = ranges[0], ranges[-1]
    if edge == "open":
        start = min(max(0, first.start + direction * STEP), first.end - STEP)
        return (Range(start, first.end), *ranges[1:])
    end = max(min(DAY_MINUTES, last.end + direction * STEP), last.start + STEP)
    return (*ranges[:-1], Range(last.start, end))


@QmlElement
@QmlUncreatable("made by the app")
class ScheduleSection(QObject):
    changed = Signal()
    messageChanged = Signal()

    def __init__(
        self,
        path: Path,
        hours: HoursControl,
        *,
        warning: str | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._hours = hours
        self._warning = warning or ""
        self._now = now
        self._enabled = False
        self._draft = default_schedule()
        self._pick = now().date()
        self._message = ""
        self._message_kind = ""
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Back to what is in effect (the section is shown again)."""
        stored = self._hours.schedule
        self._enabled = stored is not None
        self._draft = stored or default_schedule()
        self._pick = self._local_today()
        self._say("", "")
        self.changed.emit()

    def _local_today(self) -> dt.date:
        return self._draft.local(self._now()).date()

    def _edit(self, **changes: Any) -> None:
        try:
            self._draft = dataclasses.replace(self._draft, **changes)
        except ValueError as exc:
            self._say(str(exc).capitalize() + ".", "problem")
            return
        self._say("", "")
        self.changed.emit()

    # -- editing ----------------------------------------------------------------------------
    @Slot(bool)
    def setEnabled(self, on: bool) -> None:
        self._enabled = on
        self.changed.emit()

    @Slot(int)
    def toggleDay(self, weekday: int) -> None:
        week = list(self._draft.week)
        week[weekday] = () if week[weekday] else (DEFAULT_DAY,)
        self._edit(week=tuple(week))

    @Slot(int, str, int)
    def stepDay(self, weekday: int, edge: str, direction: int) -> None:
        week = list(self._draft.week)
        week[weekday] = _stepped(week[weekday], edge, 1 if direction > 0 else -1)
        self._edit(week=tuple(week))

    @Slot(int)
    def stepWake(self, direction: int) -> None:
        minutes = self._draft.wake_minutes + (1 if direction > 0 else -1)
        self._edit(wake_minutes=max(WAKE_MIN, min(WAKE_MAX, minutes)))

    @Slot(int)
    def stepPick(self, days: int) -> None:
        self._pick = max(self._local_today(), self._pick + dt.timedelta(days=days))
        self.changed.emit()

    @Slot()
    def closePickedDay(self) -> None:
        self._edit(closed_days=self._draft.closed_days | {self._pick})

    @Slot(str)
    def reopenDay(self, iso: str) -> None:
        self._edit(closed_days=self._draft.closed_days - {dt.date.fromisoformat(iso)})

    @Slot()
    def save(self) -> None:
        try:
            if self._enabled:
                save_schedule(self._path, self._draft)
            else:
                self._path.unlink(missing_ok=True)
        except OSError as exc:
            self._say(f"The opening hours could not be saved ({exc.strerror}).", "problem")
            return
        self._warning = ""
        self._hours.set_schedule(self._draft if self._enabled else None)
        self._say("Saved. The kiosk follows the new opening hours now.", "ok")
        self.changed.emit()

    def _say(self, message: str, kind: str) -> None:
        if (message, kind) != (self._message, self._message_kind):
            self._message, self._message_kind = message, kind
            self.messageChanged.emit()

    # -- QML --------------------------------------------------------------------------------
    def _get_days(self) -> list[dict[str, Any]]:
        return [
            {
                "index": i,
                "name": name.capitalize(),
                "text": ", ".join(r.text() for r in ranges) or "Closed",
                "open": bool(ranges),
                "opens": clock_text(ranges[0].start) if ranges else "",
                "closes": clock_text(ranges[-1].end) if ranges else "",
            }
            for i, (name, ranges) in enumerate(zip(WEEKDAYS, self._draft.week, strict=True))
        ]

    def _get_closed_days(self) -> list[dict[str, str]]:
        today = self._local_today()
        return [
            {"iso": day.isoformat(), "label": day.strftime("%A %d %B %Y")}
            for day in sorted(self._draft.closed_days)
            if day >= today
        ]

    def _get_status(self) -> str:
        power = self._hours.power
        problem = getattr(power, "problem", "")
        lines = [describe_now(self._hours.schedule, self._now()), power.description]
        if problem:
            lines.append(f"The last try to switch the display failed: {problem}")
        return "\n".join(lines)

    def _get_can_switch(self) -> bool:
        return bool(self._hours.power.can_switch)

    def _get_enabled(self) -> bool:
        return self._enabled

    def _get_wake_minutes(self) -> int:
        return self._draft.wake_minutes

    def _get_picked(self) -> str:
        return self._pick.strftime("%A %d %B %Y")

    def _get_timezone(self) -> str:
        return self._draft.timezone

    def _get_warning(self) -> str:
        return self._warning

    def _get_message(self) -> str:
        return self._message

    def _get_message_kind(self) -> str:
        return self._message_kind

    enabled = Property(bool, _get_enabled, notify=changed)
    days = Property(QVariantList, _get_days, notify=changed)
    closedDays = Property(QVariantList, _get_closed_days, notify=changed)
    wakeMinutes = Property(int, _get_wake_minutes, notify=changed)
    picked = Property(str, _get_picked, notify=changed)
    timezone = Property(str, _get_timezone, notify=changed)
    status = Property(str, _get_status, notify=changed)
    canSwitchDisplay = Property(bool, _get_can_switch, notify=changed)
    warning = Property(str, _get_warning, notify=changed)
    message = Property(str, _get_message, notify=messageChanged)
    messageKind = Property(str, _get_message_kind, notify=messageChanged)

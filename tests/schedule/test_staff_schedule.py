"""Staff mode's opening hours, driven through the real window and rendered to PNG."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.schedule.storage import SCHEDULE_NAME
from kiosk.system.display_power import NoDisplayPower
from tests.schedule.conftest import NY, PIN, HoursKioskFactory, WallClock
from tests.staff_ui.helpers import open_panel, press, section, shown, text
from tests.ui.helpers import FakeClock


def test_staff_change_the_week_add_a_closed_day_and_save(
    qtbot: QtBot,
    make_hours_kiosk: HoursKioskFactory,
    data_dir: Path,
    wall: WallClock,
    tmp_path: Path,
) -> None:
    wall.set(dt.datetime(2026, 11, 30, 10, 0, tzinfo=NY))  # Monday morning, open
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock, size=(1920, 1080))
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "schedule")
    assert text(kiosk, "scheduleStatus").startswith("Open now; closes Monday 2026-11-30 18:00.")
    assert "test's display" in text(kiosk, "scheduleStatus")
    assert text(kiosk, "scheduleDay-0") == "08:00-18:00"

    press(qtbot, kiosk, clock, "scheduleStep-0-open-later")
    press(qtbot, kiosk, clock, "scheduleStep-0-close-earlier")
    press(qtbot, kiosk, clock, "scheduleStep-0-close-earlier")
    assert text(kiosk, "scheduleDay-0") == "08:30-17:00"
    press(qtbot, kiosk, clock, "scheduleToggle-6")
    assert text(kiosk, "scheduleDay-6") == "Closed"
    for _ in range(3):
        press(qtbot, kiosk, clock, "schedulePickLater")
    assert text(kiosk, "schedulePicked") == "Thursday 03 December 2026"
    press(qtbot, kiosk, clock, "scheduleCloseDay")
    assert shown(kiosk, "scheduleReopen-2026-12-03")
    press(qtbot, kiosk, clock, "scheduleWakeMore")
    assert text(kiosk, "scheduleWake") == "6 minutes"
    kiosk.window.grabWindow().save(str(tmp_path / "staff-schedule.png"))

    press(qtbot, kiosk, clock, "scheduleSave")
    qtbot.waitUntil(lambda: text(kiosk, "scheduleMessage").startswith("Saved."))
    stored = json.loads((data_dir / SCHEDULE_NAME).read_text())
    assert stored["week"]["monday"] == ["08:30-17:00"]
    assert stored["week"]["sunday"] == []
    assert "2026-12-03" in stored["closed_days"]
    assert stored["wake_minutes"] == 6
    assert stored["timezone"] == "America/New_York"
    hours = kiosk.hours_usage.hours  # type: ignore[union-attr]
    assert hours.schedule is not None and hours.schedule.wake_minutes == 6
    assert text(kiosk, "scheduleStatus").startswith("Open now; closes Monday 2026-11-30 17:00.")

    # Always on: the file goes, the kiosk never sleeps.
    press(qtbot, kiosk, clock, "scheduleOff")
    assert not shown(kiosk, "scheduleDay-0")
    press(qtbot, kiosk, clock, "scheduleSave")
    qtbot.waitUntil(lambda: not (data_dir / SCHEDULE_NAME).exists())
    assert hours.schedule is None


def test_staff_are_told_plainly_when_the_display_cannot_be_switched_off(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, data_dir: Path
) -> None:
    (data_dir / SCHEDULE_NAME).write_text('{"week": {"monday": ["17:00-08:00"]}}')
    clock = FakeClock()
    power = NoDisplayPower("The display cannot be switched off here (there is no X11 display).")
    kiosk = make_hours_kiosk(clock=clock, power=power)
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "schedule")
    assert "The display cannot be switched off here" in text(kiosk, "scheduleStatus")
    # The damaged file: reported, and the kiosk stays on.
    assert "damaged" in text(kiosk, "scheduleWarning")
    assert "stays on all the time" in text(kiosk, "scheduleStatus")
    assert kiosk.hours_usage.hours.schedule is None  # type: ignore[union-attr]
    assert kiosk.services is not None
    assert any("damaged" in e.message for e in kiosk.services.log.recent())

"""A real kiosk on a data folder with opening hours, a simulated wall clock and a display whose
power calls the tests watch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.hours_usage import HoursOptions
from kiosk.app.wiring import Kiosk, build_kiosk
from kiosk.patient.ui_settings import UiSettings
from kiosk.schedule.model import Range, Schedule
from kiosk.schedule.storage import SCHEDULE_NAME, save_schedule
from kiosk.speech.device import AudioBackend
from kiosk.staff.service import Staff
from tests.ui.helpers import FakeClock, close_kiosks

NY = ZoneInfo("America/New_York")
PIN = "2468"
CLINIC = Schedule(
    week=((Range.parse("08:00-18:00"),),) * 7,
    closed_days=frozenset({dt.date(2026, 12, 25)}),
    wake_minutes=5,
    timezone="America/New_York",
)


class WallClock:
    """The opening hours' time: tests move it on explicitly."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, when: dt.datetime) -> None:
        self.now = when.astimezone(dt.UTC)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)  # in UTC: real elapsed time, DST or not


class WatchedDisplay:
    """A DisplayPower that records every call (True: on, False: off)."""

    can_switch = True
    description = "The display is switched off by the test's display."

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def set_on(self, on: bool) -> Future[str | None] | None:
        self.calls.append(on)
        return None

    def close(self) -> None:
        return None


@pytest.fixture
def wall() -> WallClock:
    return WallClock(dt.datetime(2026, 11, 30, 17, 50, tzinfo=NY))  # a Monday


@pytest.fixture
def display() -> WatchedDisplay:
    return WatchedDisplay()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    Staff.open(folder).set_pin(PIN)
    save_schedule(folder / SCHEDULE_NAME, CLINIC)
    return folder


HoursKioskFactory = Callable[..., Kiosk]


@pytest.fixture
def make_hours_kiosk(
    qapp: object,
    qtbot: QtBot,
    data_dir: Path,
    wall: WallClock,
    display: WatchedDisplay,
) -> Iterator[HoursKioskFactory]:
    made: list[Kiosk] = []

    def factory(
        *,
        clock: FakeClock,
        settings: UiSettings | None = None,
        size: tuple[int, int] = (1280, 800),
        import_dir: Path | None = None,
        power: object = None,
    ) -> Kiosk:
        kiosk = build_kiosk(
            settings=settings or UiSettings(idle_seconds=3600, warning_seconds=60),
            data_dir=data_dir,
            import_dir=import_dir,
            size=size,
            clock=clock,
            hours=HoursOptions(now=wall, power=power or display, check_ms=10),  # type: ignore[arg-type]
            audio=AudioBackend.NULL,
        )
        made.append(kiosk)
        if kiosk.staff_panel.sections is not None:  # no drives but the import folder
            kiosk.staff_panel.sections.importer.set_drive_scanner(list)
        qtbot.waitExposed(kiosk.window)
        return kiosk

    yield factory
    close_kiosks(made)

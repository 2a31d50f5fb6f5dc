"""The real kiosk window with opening hours on a simulated clock: it closes (dark, still, display
off), a touch wakes it, it goes back to sleep, closed days, both DST days, staff still get in,
and the watchdog is still fed while it sleeps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app import supervision
from kiosk.app.wiring import Kiosk
from kiosk.system.sdnotify import Notifier
from tests.schedule.conftest import NY, HoursKioskFactory, WallClock, WatchedDisplay
from tests.system.conftest import FakeSystemd
from tests.system.test_supervision import wait_datagram
from tests.ui.helpers import FakeClock, find_item, tap

UTC = dt.UTC


def item_shown(kiosk: Kiosk, name: str) -> bool:
    found = find_item(kiosk.window.contentItem(), name)
    return found is not None and found.isVisible()


def wait_asleep(qtbot: QtBot, kiosk: Kiosk, asleep: bool = True) -> None:
    hours = kiosk.hours_usage.hours if kiosk.hours_usage else None
    assert hours is not None
    qtbot.waitUntil(lambda: hours.is_sleeping() is asleep, timeout=3000)
    qtbot.waitUntil(lambda: item_shown(kiosk, "closedScreen") is asleep, timeout=3000)


def ticks(qtbot: QtBot, kiosk: Kiosk, n: int = 3) -> None:
    """Lets the opening-hours timer look at the clock `n` more times."""
    assert kiosk.hours_usage is not None
    timer = kiosk.hours_usage.hours.findChild(QTimer, "openingHoursTimer")
    assert timer is not None and timer.isActive()
    for _ in range(n):
        with qtbot.waitSignal(timer.timeout, timeout=2000):
            pass


def test_closing_waking_on_touch_and_going_back_to_sleep(
    qtbot: QtBot,
    make_hours_kiosk: HoursKioskFactory,
    wall: WallClock,
    display: WatchedDisplay,
) -> None:
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock)
    # 17:50, open: a patient starts reading.
    tap(kiosk, find_item(kiosk.window.contentItem(), "attractScreen"), clock)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: kiosk.state.screen == "home")
    ticks(qtbot, kiosk)
    assert not kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]

    # 18:01, closed, nobody has touched it for 11 minutes: asleep, the patient's session gone.
    wall.set(dt.datetime(2026, 11, 30, 18, 1, tzinfo=NY))
    wait_asleep(qtbot, kiosk)
    assert kiosk.state.attract  # reset: nothing of the last patient is left
    assert find_item(kiosk.window.contentItem(), "attractScreen") is None  # no drifting shapes
    assert display.calls == [False]
    image = kiosk.window.grabWindow()
    assert image.pixelColor(5, image.height() - 5).lightness() < 10  # dark

    # A touch wakes it to the attract screen (the touch itself starts nothing).
    tap(kiosk, find_item(kiosk.window.contentItem(), "closedScreen"), clock)  # type: ignore[arg-type]
    wait_asleep(qtbot, kiosk, asleep=False)
    qtbot.waitUntil(lambda: item_shown(kiosk, "attractScreen"))
    assert kiosk.state.attract and display.calls == [False, True]

    # Four minutes later it is still awake; after five without a touch it sleeps again.
    wall.advance(minutes=4)
    ticks(qtbot, kiosk)
    assert not kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]
    wall.advance(minutes=1)
    wait_asleep(qtbot, kiosk)
    assert display.calls == [False, True, False]


def test_a_closed_day_sleeps_all_day(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, wall: WallClock
) -> None:
    wall.set(dt.datetime(2026, 12, 25, 11, 0, tzinfo=NY))  # a Friday, a holiday, at 11:00
    kiosk = make_hours_kiosk(clock=FakeClock())
    wall.advance(minutes=5)  # the start counts as a touch: five minutes, then sleep
    wait_asleep(qtbot, kiosk)
    wall.set(dt.datetime(2026, 12, 26, 8, 0, tzinfo=NY))  # the day after opens as usual
    wait_asleep(qtbot, kiosk, asleep=False)


@pytest.mark.parametrize(
    ("day", "opens_utc", "closes_utc"),
    [
        (dt.date(2026, 3, 8), 12, 22),  # spring forward: 08:00 and 18:00 EDT
        (dt.date(2026, 11, 1), 13, 23),  # fall back: 08:00 and 18:00 EST
    ],
)
def test_both_daylight_saving_days_open_and_close_at_the_local_hours(
    qtbot: QtBot,
    make_hours_kiosk: HoursKioskFactory,
    wall: WallClock,
    display: WatchedDisplay,
    day: dt.date,
    opens_utc: int,
    closes_utc: int,
) -> None:
    wall.set(dt.datetime.combine(day, dt.time(0, 30), tzinfo=NY))  # before the switch
    kiosk = make_hours_kiosk(clock=FakeClock())
    wall.advance(minutes=5)
    wait_asleep(qtbot, kiosk)
    opening = dt.datetime.combine(day, dt.time(opens_utc), tzinfo=UTC)
    wall.set(opening - dt.timedelta(seconds=1))
    ticks(qtbot, kiosk)
    assert kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]
    wall.set(opening)
    wait_asleep(qtbot, kiosk, asleep=False)
    wall.set(dt.datetime.combine(day, dt.time(closes_utc - 1, 59, 59), tzinfo=UTC))
    ticks(qtbot, kiosk)
    assert not kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]
    wall.set(dt.datetime.combine(day, dt.time(closes_utc), tzinfo=UTC))
    wait_asleep(qtbot, kiosk)
    assert display.calls == [False, True, False]


def test_staff_can_get_in_while_closed_and_it_does_not_sleep_under_them(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, wall: WallClock
) -> None:
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock)
    wall.set(dt.datetime(2026, 11, 30, 22, 0, tzinfo=NY))
    wait_asleep(qtbot, kiosk)
    corner = find_item(kiosk.window.contentItem(), "staffCorner")
    assert corner is not None
    with qtbot.waitSignal(kiosk.staff_corner.staffRequested, timeout=3000):
        for _ in range(5):
            tap(kiosk, corner, clock, wait=0.3)
    qtbot.waitUntil(lambda: item_shown(kiosk, "staffPinPad"), timeout=3000)
    wall.advance(minutes=30)
    ticks(qtbot, kiosk)
    assert not kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]
    assert item_shown(kiosk, "staffPinPad")


def test_the_watchdog_is_fed_while_the_kiosk_sleeps(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, wall: WallClock, tmp_path: Path
) -> None:
    kiosk = make_hours_kiosk(clock=FakeClock())
    wall.set(dt.datetime(2026, 11, 30, 22, 0, tzinfo=NY))
    wait_asleep(qtbot, kiosk)
    systemd = FakeSystemd(tmp_path / "notify")
    notifier = Notifier(str(systemd.path), watchdog_interval_s=0.02)
    sup = supervision.install(
        kiosk.app, kiosk.engine, notifier=notifier, exit_delay_ms=50, exit_fn=lambda _c: None
    )
    try:
        for _ in range(3):
            seen = wait_datagram(qtbot, systemd, "WATCHDOG=1")
            systemd.received.clear()
            assert "WATCHDOG=1" in seen
        assert kiosk.hours_usage.hours.is_sleeping()  # type: ignore[union-attr]
    finally:
        sup.uninstall()
        notifier.close()
        systemd.close()

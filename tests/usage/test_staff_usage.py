"""Staff mode's usage counts, driven through the real window: the 7- and 30-day charts, the
most-read pages, the languages, "fewer than 5", and the CSV export to the import folder."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.usage.store import FEWER, IDLE_RESET, PAGE_VIEW, USAGE_NAME, Key, add_counts, connect
from tests.schedule.conftest import PIN, HoursKioskFactory
from tests.staff_ui.helpers import item, open_panel, press, section, shown, text
from tests.ui.helpers import FakeClock, find_item, visible_texts

TODAY = dt.date.today()


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def seed(data_dir: Path) -> None:
    db = connect(data_dir / USAGE_NAME)
    add_counts(
        db,
        Counter(
            {
                Key(TODAY, PAGE_VIEW, "physical-therapy", "en"): 12,
                Key(days_ago(1), PAGE_VIEW, "physical-therapy", "es"): 3,  # a quiet day
                Key(days_ago(2), PAGE_VIEW, "what-is-clonus", "en"): 20,
                Key(days_ago(2), PAGE_VIEW, "what-is-clonus", "es"): 1,
                Key(days_ago(20), PAGE_VIEW, "what-is-clonus", "en"): 40,
                Key(TODAY, IDLE_RESET, "", "en"): 9,
            }
        ),
    )
    db.close()


def bar_text(kiosk: object, day: dt.date) -> str:
    bar = find_item(kiosk.window.contentItem(), f"usageBar-{day.isoformat()}")  # type: ignore[attr-defined]
    assert bar is not None
    label = find_item(bar, "usageBarText")
    assert label is not None
    return str(label.property("text"))


def test_the_chart_lists_and_export_never_show_a_count_below_five(
    qtbot: QtBot,
    make_hours_kiosk: HoursKioskFactory,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    seed(data_dir)
    usb = tmp_path / "usb"
    usb.mkdir()
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock, size=(1920, 1080), import_dir=usb)
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "usage")

    assert bar_text(kiosk, TODAY) == "12"
    assert bar_text(kiosk, days_ago(1)) == FEWER
    assert bar_text(kiosk, days_ago(2)) == "21"
    assert bar_text(kiosk, days_ago(3)) == ""  # nothing that day
    assert find_item(kiosk.window.contentItem(), f"usageBar-{days_ago(7).isoformat()}") is None
    fewer = find_item(item(kiosk, f"usageBar-{days_ago(1).isoformat()}"), "usageBarFill")
    full = find_item(item(kiosk, f"usageBar-{days_ago(2).isoformat()}"), "usageBarFill")
    assert fewer is not None and full is not None and 0 < fewer.height() < full.height()
    pages = visible_texts(item(kiosk, "usagePages"))
    assert pages[1:] == ["What is clonus?", "21", "Physical therapy", "15"]
    languages = visible_texts(item(kiosk, "usageLanguages"))
    assert languages[1:] == ["English", "32", "Español", FEWER]
    assert text(kiosk, "usageVisits").endswith(": 9")
    digits = [t for t in visible_texts(kiosk.window.contentItem()) if t.isdigit()]
    assert all(int(t) >= 5 for t in digits), digits
    kiosk.window.grabWindow().save(str(tmp_path / "staff-usage-7.png"))

    press(qtbot, kiosk, clock, "usagePeriod-30")
    qtbot.waitUntil(lambda: shown(kiosk, f"usageBar-{days_ago(29).isoformat()}"))
    assert bar_text(kiosk, days_ago(20)) == "40"
    assert bar_text(kiosk, days_ago(1)) == "<5"  # thirty narrow bars: the short form
    kiosk.window.grabWindow().save(str(tmp_path / "staff-usage-30.png"))

    press(qtbot, kiosk, clock, "usageExport-0")
    qtbot.waitUntil(lambda: text(kiosk, "usageMessage").startswith("Wrote"), timeout=10_000)
    exported = usb / f"kiosk-usage-{TODAY.isoformat()}.csv"
    lines = exported.read_text().splitlines()
    assert lines[0] == "period,hours,event,page,language,count"
    assert f"{days_ago(1).isoformat()},,page_view,physical-therapy,es,{FEWER}" in lines
    assert f"{days_ago(2).isoformat()},,page_view,what-is-clonus,es,{FEWER}" in lines
    assert f"{TODAY.isoformat()},,page_view,physical-therapy,en,12" in lines


def test_an_empty_kiosk_says_so_and_a_missing_drive_is_explained(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory
) -> None:
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock, size=(1920, 1080))
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "usage")
    assert shown(kiosk, "usageEmpty") and not shown(kiosk, "usageChart")
    assert "Plug in a USB drive" in " ".join(visible_texts(kiosk.window.contentItem()))

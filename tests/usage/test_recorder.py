"""What patients do in the real window becomes counts in the real database, and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.patient.ui_settings import UiSettings
from kiosk.usage.store import USAGE_NAME, connect
from tests.schedule.conftest import HoursKioskFactory
from tests.ui.helpers import (
    FakeClock,
    centre,
    find,
    find_item,
    go,
    scene_rect,
    tap,
    visible_texts,
)


def counts(data_dir: Path, kiosk: Kiosk) -> list[tuple[str, str, str, int]]:
    assert kiosk.hours_usage is not None and kiosk.hours_usage.recorder is not None
    assert kiosk.hours_usage.recorder.writer.flush()
    db = connect(data_dir / USAGE_NAME)
    try:
        rows = db.execute("SELECT event, page, language, n FROM daily ORDER BY 1, 2, 3").fetchall()
        days = {day for (day,) in db.execute("SELECT DISTINCT day FROM daily")}
        columns = [c[1] for c in db.execute("PRAGMA table_info(daily)")]
    finally:
        db.close()
    assert days <= {dt.date.today().isoformat()}
    # Nothing finer than a day (and, at most, a 4-hour bucket): no time, no order, no position.
    assert columns == ["day", "bucket", "event", "page", "language", "n"]
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_pages_languages_and_locations_are_counted(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, data_dir: Path
) -> None:
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock)
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, find_item(kiosk.window.contentItem(), "attractScreen"), clock)  # type: ignore[arg-type]
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    with qtbot.waitSignal(kiosk.state.languageChanged):
        tap(kiosk, find(kiosk, "lang-es"), clock)
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)  # back opens nothing new
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    town = kiosk.state.bundle.locations[0].id
    kiosk.state.openLocations()
    kiosk.state.openLocation(town)
    assert counts(data_dir, kiosk) == [
        ("language_switch", "", "es", 1),
        ("page_view", f"location:{town}", "es", 1),
        ("page_view", "locations", "es", 1),
        ("page_view", "physical-therapy", "en", 1),
        ("page_view", "physical-therapy", "es", 1),
        ("qr_shown", town, "es", 1),
    ]


def test_an_idle_reset_is_counted_and_its_language_change_is_not_a_switch(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, data_dir: Path
) -> None:
    clock = FakeClock()
    kiosk = make_hours_kiosk(
        clock=clock, settings=UiSettings(idle_seconds=0.3, warning_seconds=0.3)
    )
    button = find(kiosk, "attract-lang-es")
    qtbot.waitUntil(lambda: centre(button).y() < kiosk.window.height())  # laid out at 1280x800
    tap(kiosk, button, clock)
    qtbot.waitUntil(lambda: kiosk.state.screen == "home")
    with qtbot.waitSignal(kiosk.state.resetDone, timeout=5000):
        pass
    assert kiosk.state.current_language() == "en"
    assert counts(data_dir, kiosk) == [
        ("idle_reset", "", "es", 1),
        ("language_switch", "", "es", 1),
    ]


def test_the_attract_screen_tells_patients_what_is_counted(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory
) -> None:
    kiosk = make_hours_kiosk(clock=FakeClock())
    qtbot.waitUntil(lambda: find_item(kiosk.window.contentItem(), "privacyNote") is not None)
    note = visible_texts(find(kiosk, "privacyNote"))
    assert note == [
        "This kiosk counts which pages are opened. It does not record who you are.",
        "Este quiosco cuenta qué páginas se abren. No registra quién es usted.",
    ]


def test_a_deployment_that_counts_nothing_says_nothing_and_records_nothing(
    qtbot: QtBot,
    make_hours_kiosk: HoursKioskFactory,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_USAGE_COUNTS", "off")
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock)
    assert kiosk.hours_usage is not None and kiosk.hours_usage.recorder is None
    assert find_item(kiosk.window.contentItem(), "privacyNote") is None
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, find_item(kiosk.window.contentItem(), "attractScreen"), clock)  # type: ignore[arg-type]
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    assert not (data_dir / USAGE_NAME).exists()


def test_a_database_that_cannot_be_written_costs_counts_not_the_kiosk(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, data_dir: Path
) -> None:
    (data_dir / USAGE_NAME).mkdir()  # SQLite cannot open a folder: every write fails
    clock = FakeClock()
    kiosk = make_hours_kiosk(clock=clock)
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, find_item(kiosk.window.contentItem(), "attractScreen"), clock)  # type: ignore[arg-type]
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    assert kiosk.hours_usage is not None and kiosk.hours_usage.recorder is not None
    writer = kiosk.hours_usage.recorder.writer
    assert writer.flush()
    assert writer.failing and writer.dropped == 1
    # The patient goes on reading as if nothing happened.
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    go(qtbot, kiosk, find(kiosk, "tile-physical-therapy"), clock)
    assert kiosk.state.screen == "page"


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("text_step", [0, 2])
def test_the_note_never_covers_the_language_buttons(
    qtbot: QtBot, make_hours_kiosk: HoursKioskFactory, size: tuple[int, int], text_step: int
) -> None:
    kiosk = make_hours_kiosk(clock=FakeClock(), size=size)
    kiosk.state.setTextStep(text_step)  # the attract screen is at 100 % for patients; 200 % too
    qtbot.waitUntil(lambda: find_item(kiosk.window.contentItem(), "privacyNote") is not None)
    note = find(kiosk, "privacyNote")
    buttons = [find(kiosk, f"attract-lang-{code}") for code in kiosk.state.bundle.languages]

    def apart() -> None:
        for button in buttons:
            assert not scene_rect(button).intersects(scene_rect(note)), (button, size)
        assert all(scene_rect(b).bottom() <= scene_rect(note).top() for b in buttons)
        assert scene_rect(note).bottom() <= kiosk.window.height()

    qtbot.waitUntil(apart)

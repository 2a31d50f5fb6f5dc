"""Staff settings for narration (issue 13): where it plays and the volume every patient starts
with, saved to the settings file and applied from the next patient."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings
from tests.staff_ui.conftest import PIN
from tests.staff_ui.helpers import item, open_panel, parts, press, section, text
from tests.ui.helpers import FakeClock, settle, tap


def test_output_and_default_volume_are_saved_and_used_for_the_next_patient(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, data_dir: Path
) -> None:
    narrator = kiosk.narrator
    assert (narrator.property("volumeStep"), narrator.property("volumeSteps")) == (3, 5)
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "settings")
    assert item(kiosk, "staffOutput-speaker").property("checked")
    assert text(kiosk, "staffVolumeValue") == "60 %"
    press(qtbot, kiosk, clock, "staffOutput-headphones")
    press(qtbot, kiosk, clock, "staffVolumeLess")
    assert text(kiosk, "staffVolumeValue") == "40 %"
    with qtbot.waitSignal(parts(kiosk).settings.saved, timeout=2000):
        press(qtbot, kiosk, clock, "staffSaveSettings")

    stored, warning = Staff.open(data_dir).load_settings()
    assert warning is None
    assert stored == Settings(narration_output="headphones", narration_volume=40)
    assert narrator.property("volumeSteps") == 3  # the headphones' cap, at once
    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: kiosk.state.property("attract"), timeout=3000)
    assert narrator.property("volumeStep") == 2  # the new default, for the next patient


def test_a_bad_volume_in_the_file_is_reported_and_replaced(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text('{"narration_volume": 55, "narration_output": "x"}')
    stored, warning = Staff.open(data_dir).load_settings()
    assert stored == Settings()
    assert warning is not None and "narration_output" in warning and "narration_volume" in warning

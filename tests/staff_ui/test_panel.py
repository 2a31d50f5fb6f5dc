"""The staff panel through the real window: import from a folder standing in for a USB drive,
refusals, roll back, settings, the staff log, leaving by itself, and the ways out of the app."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff.service import Staff
from kiosk.staff.settings import Settings
from kiosk.staff_ui.exit_section import EXIT_RESTART, EXIT_TO_DESKTOP
from tests.staff_ui.conftest import PIN, Keys, MakeBundle, StaffKioskFactory
from tests.staff_ui.helpers import (
    all_texts,
    item,
    open_panel,
    parts,
    press,
    section,
    shown,
    text,
)
from tests.ui.helpers import FakeClock, find, settle, tap


def scan(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    """Opens Import, which looks for bundle files at once."""
    with qtbot.waitSignal(parts(kiosk).importer.scanFinished, timeout=5000):
        section(qtbot, kiosk, clock, "import")


def choose(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, index: int) -> None:
    with qtbot.waitSignal(parts(kiosk).importer.previewFinished, timeout=10_000):
        press(qtbot, kiosk, clock, f"staffBundle-{index}")


def log_texts(kiosk: Kiosk) -> list[str]:
    entries = parts(kiosk).log.property("entries")
    return [str(e["text"]) for e in entries]


def test_import_from_the_usb_folder_and_patients_see_it_after_the_start_screen(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, make_bundle: MakeBundle
) -> None:
    make_bundle(2)
    # A patient is reading Home when staff come.
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    open_panel(qtbot, kiosk, clock, PIN)

    scan(qtbot, kiosk, clock)
    bundle = item(kiosk, "staffBundle-0")
    assert "town-pt-clonus-v2.kbundle" in str(bundle.property("text"))
    assert str(bundle.property("text")).endswith("In the import folder")
    assert text(kiosk, "staffSources").startswith("Looked in the import folder (")
    choose(qtbot, kiosk, clock, 0)
    assert text(kiosk, "staffDiffVersions") == "town-pt-clonus: version 1 → 2"
    assert text(kiosk, "staffDiff-added") == "Pages added (1): stretching"
    assert text(kiosk, "staffDiff-changed") == "Pages changed (2): what-is-clonus, disclaimer"
    removed = text(kiosk, "staffDiff-removed")
    assert removed.startswith("Pages removed (7): causes, diagnosis, medications")
    assert shown(kiosk, "staffInstall")

    progress: list[float] = []
    importer = parts(kiosk).importer
    importer.progressChanged.connect(lambda: progress.append(float(importer.property("progress"))))
    with qtbot.waitSignal(importer.installFinished, timeout=20_000) as done:
        press(qtbot, kiosk, clock, "staffInstall")
    assert done.args == [True]
    assert progress and progress[-1] == 1.0 and all(0 <= p <= 1 for p in progress)
    assert text(kiosk, "staffMessage") == (
        "Installed town-pt-clonus version 2. Patients see it from the next start screen."
    )

    # The patient's screen has not changed under them; the new bundle waits for the start.
    assert kiosk.state.bundle.version == 1
    section(qtbot, kiosk, clock, "content")
    assert text(kiosk, "staffActiveVersion").startswith("Version 2 of town-pt-clonus")
    assert text(kiosk, "staffActiveSource").startswith("Installed ")

    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPanel"), timeout=3000)
    assert kiosk.state.property("attract")
    assert kiosk.state.bundle.version == 2
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    assert find(kiosk, "tile-stretching", in_page=True).isVisible()


def test_an_untrusted_bundle_is_refused_in_plain_words(
    qtbot: QtBot,
    kiosk: Kiosk,
    clock: FakeClock,
    make_bundle: MakeBundle,
    stranger_keys: Keys,
) -> None:
    make_bundle(5, key=stranger_keys, name="from-a-stranger.kbundle")
    open_panel(qtbot, kiosk, clock, PIN)
    scan(qtbot, kiosk, clock)
    assert "from-a-stranger.kbundle" in str(item(kiosk, "staffBundle-0").property("text"))
    choose(qtbot, kiosk, clock, 0)
    assert shown(kiosk, "staffDiffRefused")
    reason = text(kiosk, "staffDiffReason")
    assert reason.endswith("which this kiosk does not trust.")
    assert not shown(kiosk, "staffInstall")
    assert kiosk.services is not None
    assert kiosk.services.describe_active().version == 1  # the active bundle stays

    section(qtbot, kiosk, clock, "log")
    assert any(reason in t and "from-a-stranger.kbundle" in t for t in log_texts(kiosk))


def test_a_bundle_that_is_not_newer_is_refused(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, make_bundle: MakeBundle
) -> None:
    make_bundle(1, name="same-version.kbundle")
    open_panel(qtbot, kiosk, clock, PIN)
    scan(qtbot, kiosk, clock)
    choose(qtbot, kiosk, clock, 0)
    assert shown(kiosk, "staffDiffRefused")
    assert text(kiosk, "staffDiffReason") == (
        "This bundle is version 1, not newer than the active version 1; use Roll back to "
        "return to an older bundle."
    )
    assert not shown(kiosk, "staffInstall")
    assert kiosk.state.bundle.version == 1


def test_roll_back_to_the_previous_bundle(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    make_bundle: MakeBundle,
    staff: Staff,
    tmp_path: Path,
) -> None:
    staff.install(make_bundle(2, folder=tmp_path / "elsewhere"))
    staff.install(make_bundle(3, folder=tmp_path / "elsewhere"))
    kiosk = make_staff_kiosk()
    assert kiosk.state.bundle.version == 3  # the app starts on the store's active bundle
    open_panel(qtbot, kiosk, clock, PIN)
    assert text(kiosk, "staffActiveVersion").startswith("Version 3 of town-pt-clonus")
    assert text(kiosk, "staffRollbackText") == (
        "Roll back returns the kiosk to town-pt-clonus version 2."
    )

    press(qtbot, kiosk, clock, "staffRollBack")
    assert text(kiosk, "staffConfirmQuestion").startswith("Roll back to town-pt-clonus version 2?")
    press(qtbot, kiosk, clock, "staffConfirmNo")
    assert not shown(kiosk, "staffConfirm")
    press(qtbot, kiosk, clock, "staffRollBack")
    with qtbot.waitSignal(parts(kiosk).content.rollbackFinished, timeout=10_000) as done:
        press(qtbot, kiosk, clock, "staffConfirmYes")
    assert done.args == [True]
    assert text(kiosk, "staffMessage").startswith("Rolled back to town-pt-clonus version 2.")
    assert text(kiosk, "staffActiveVersion").startswith("Version 2 of town-pt-clonus")
    # The corner's taps start no patient session: the start screen shows, so the rolled-back
    # bundle takes over at once.
    assert kiosk.state.property("attract") and kiosk.state.bundle.version == 2

    # Once more: back to the built-in content; then there is nothing left to roll back to.
    press(qtbot, kiosk, clock, "staffRollBack")
    with qtbot.waitSignal(parts(kiosk).content.rollbackFinished, timeout=10_000):
        press(qtbot, kiosk, clock, "staffConfirmYes")
    assert "built-in" in text(kiosk, "staffActiveSource")
    assert text(kiosk, "staffRollbackText") == "There is no earlier content to roll back to."
    assert not item(kiosk, "staffRollBack").isEnabled()
    section(qtbot, kiosk, clock, "log")
    assert sum("Rolled back to" in t for t in log_texts(kiosk)) == 2
    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: kiosk.state.property("attract"), timeout=3000)
    assert kiosk.state.bundle.id == "town-pt-clonus" and kiosk.state.bundle.version == 1


def test_settings_are_saved_and_applied(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, data_dir: Path
) -> None:
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "settings")
    assert not item(kiosk, "staffSaveSettings").isEnabled()
    assert item(kiosk, "staffHere-none").property("checked")
    press(qtbot, kiosk, clock, "staffHere-maywood")
    assert text(kiosk, "staffIdleValue") == "90 seconds"
    press(qtbot, kiosk, clock, "staffIdleMore")
    press(qtbot, kiosk, clock, "staffIdleMore")
    assert text(kiosk, "staffIdleValue") == "150 seconds"
    press(qtbot, kiosk, clock, "staffIdleLess")
    assert text(kiosk, "staffIdleValue") == "120 seconds"
    press(qtbot, kiosk, clock, "staffLang-es")
    assert item(kiosk, "staffHere-maywood").property("checked")

    with qtbot.waitSignal(parts(kiosk).settings.saved, timeout=2000):
        press(qtbot, kiosk, clock, "staffSaveSettings")
    assert text(kiosk, "staffMessage").startswith("Settings saved.")
    assert not item(kiosk, "staffSaveSettings").isEnabled()

    # Stored: read back from the disk by a fresh store.
    stored, warning = Staff.open(data_dir).load_settings()
    assert warning is None
    assert stored == Settings(location_id="maywood", idle_seconds=120, default_language="es")
    # Applied: "You are here", the idle time, and the language from the next start screen.
    assert kiosk.locations.property("hereId") == "maywood"
    assert kiosk.state.property("language") == "en"
    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: kiosk.state.property("attract"), timeout=3000)
    assert kiosk.state.property("language") == "es"
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    assert kiosk.idle.property("active")
    assert kiosk.idle._idle.interval() == 120_000
    kiosk.idle.stop()


def test_staff_are_told_plainly_when_this_kiosk_s_location_is_not_set(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """A fresh install: the first thing staff see says so, and where to set it."""
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    open_panel(qtbot, kiosk, clock, PIN)
    assert shown(kiosk, "staffLocationNotSet")
    said = text(kiosk, "staffLocationNotSet")
    assert "location is not set" in said and "Settings" in said and "You are here" in said
    section(qtbot, kiosk, clock, "settings")
    assert shown(kiosk, "staffSettingsLocationNotSet")
    press(qtbot, kiosk, clock, "staffHere-clifton")
    assert shown(kiosk, "staffSettingsLocationNotSet")  # a choice counts once it is saved
    with qtbot.waitSignal(parts(kiosk).settings.saved, timeout=2000):
        press(qtbot, kiosk, clock, "staffSaveSettings")
    assert not shown(kiosk, "staffSettingsLocationNotSet")
    section(qtbot, kiosk, clock, "content")
    assert not shown(kiosk, "staffLocationNotSet")
    assert not any("location is not set" in t for t in all_texts(kiosk))


def test_stored_settings_are_used_at_start(
    make_staff_kiosk: StaffKioskFactory, data_dir: Path
) -> None:
    (data_dir / "settings.json").write_text(
        json.dumps({"location_id": "maywood", "idle_seconds": 45, "default_language": "es"})
    )
    kiosk = make_staff_kiosk(settings=None)
    assert kiosk.locations.property("hereId") == "maywood"
    assert kiosk.state.property("language") == "es"
    assert kiosk.state.settings.idle_seconds == 45


def test_a_damaged_settings_file_is_reported_to_staff_not_patients(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / "settings.json").write_bytes(b"{not json")
    kiosk = make_staff_kiosk(settings=None)
    assert kiosk.state.settings.idle_seconds == 90  # the defaults
    assert not any("damaged" in t for t in all_texts(kiosk))
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "settings")
    assert text(kiosk, "staffSettingsNote-0") == (
        "The settings file was damaged and has been reset to the defaults."
    )
    section(qtbot, kiosk, clock, "log")
    assert any("settings file was damaged" in t for t in log_texts(kiosk))


def test_the_log_lists_what_staff_did(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, make_bundle: MakeBundle
) -> None:
    make_bundle(2)
    open_panel(qtbot, kiosk, clock, PIN)
    scan(qtbot, kiosk, clock)
    choose(qtbot, kiosk, clock, 0)
    with qtbot.waitSignal(parts(kiosk).importer.installFinished, timeout=20_000):
        press(qtbot, kiosk, clock, "staffInstall")
    section(qtbot, kiosk, clock, "log")
    texts = log_texts(kiosk)
    assert texts[0] == "Installed town-pt-clonus version 2. (file: town-pt-clonus-v2.kbundle)"
    assert "Staff mode was opened." in texts
    assert any(t.startswith("Key ") and "trusted" in t for t in texts)
    assert str(item(kiosk, "staffLogText-0").property("text")) == texts[0]
    assert item(kiosk, "staffLogEntry-0").isVisible()


def test_staff_mode_leaves_by_itself_when_nobody_touches_it(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, data_dir: Path
) -> None:
    open_panel(qtbot, kiosk, clock, PIN)
    kiosk.staff_panel.set_idle_seconds(panel=0.4)
    with qtbot.waitSignal(kiosk.staff_panel.leftByIdle, timeout=5000):
        pass
    assert not shown(kiosk, "staffPanel")
    assert kiosk.state.property("attract")
    assert not kiosk.staff_panel.is_running()
    entries = Staff.open(data_dir).recent_log(1)
    assert entries[0].action == "exit" and "closed itself" in entries[0].message


def test_exit_to_desktop_and_restart(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    exits: list[int] = kiosk.exits  # type: ignore[attr-defined]
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "exit")
    press(qtbot, kiosk, clock, "staffRestart")
    assert text(kiosk, "staffConfirmQuestion") == "Restart the kiosk app now?"
    press(qtbot, kiosk, clock, "staffConfirmYes")
    assert exits == [EXIT_RESTART]

    press(qtbot, kiosk, clock, "staffExitDesktop")
    assert text(kiosk, "staffConfirmQuestion") == "Close the kiosk app and show the desktop?"
    press(qtbot, kiosk, clock, "staffConfirmYes")
    assert exits == [EXIT_RESTART, EXIT_TO_DESKTOP]
    assert kiosk.services is not None
    messages = [e.message for e in kiosk.services.recent_log(2)]
    assert messages == ["Staff closed the kiosk app.", "Staff restarted the kiosk app."]


def test_restart_really_leaves_the_fullscreen_event_loop(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock
) -> None:
    kiosk = make_staff_kiosk(fullscreen=True)
    parts(kiosk).exit.set_exit_function(None)  # the real QGuiApplication.exit
    assert kiosk.window.close() is False  # a fullscreen kiosk refuses to close...
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "exit")
    press(qtbot, kiosk, clock, "staffRestart")
    QTimer.singleShot(0, lambda: press(qtbot, kiosk, clock, "staffConfirmYes"))
    assert kiosk.app.exec() == EXIT_RESTART  # ...but staff can leave it

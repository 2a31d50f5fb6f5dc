"""The Content section's trusted keys and disk problems, through the real window: stopping
trusting the signer of the content showing now (asked first, logged, the kiosk falls back), and
a data folder that cannot be written said to staff in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff.service import Staff
from tests.staff_ui.conftest import PIN, Keys, MakeBundle, StaffKioskFactory
from tests.staff_ui.helpers import item, open_panel, parts, press, section, shown, text
from tests.store.test_read_only import read_only
from tests.ui.helpers import FakeClock, centre, find_item, tap


def confirm_untrust(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, answer: str) -> None:
    """Taps Yes or Cancel of the untrust question (the rollback question has the same names)."""
    confirm = item(kiosk, "staffUntrustConfirm")
    qtbot.waitUntil(confirm.isVisible, timeout=2000)
    button = find_item(confirm, answer)
    assert button is not None
    last: list[QPoint] = []

    def still() -> None:  # what has just appeared is laid out at the next frame
        now = centre(button)
        same = bool(last) and last[-1] == now
        last.append(now)
        assert same

    qtbot.waitUntil(still, timeout=2000)
    tap(kiosk, button, clock, wait=0.4)


def log_texts(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> list[str]:
    section(qtbot, kiosk, clock, "log")
    return [str(entry["text"]) for entry in parts(kiosk).log.property("entries")]


def test_stop_trusting_the_signer_of_the_content_showing_now(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    make_bundle: MakeBundle,
    staff: Staff,
    stranger_keys: Keys,
    tmp_path: Path,
) -> None:
    stranger = staff.trust_key(stranger_keys.public)
    staff.install(make_bundle(2, folder=tmp_path / "elsewhere"))
    staff.install(make_bundle(3, key=stranger_keys, folder=tmp_path / "elsewhere"))
    kiosk = make_staff_kiosk()
    assert kiosk.state.bundle.version == 3
    open_panel(qtbot, kiosk, clock, PIN)
    assert shown(kiosk, f"staffKey-{stranger}")
    assert text(kiosk, f"staffKeySigns-{stranger}").startswith("Signs the content showing now")

    press(qtbot, kiosk, clock, f"staffUntrust-{stranger}")
    confirm = item(kiosk, "staffUntrustConfirm")
    asked = find_item(confirm, "staffConfirmQuestion")
    assert asked is not None
    assert str(asked.property("text")).startswith(f"Stop trusting key {stranger}?")
    assert "built-in content" in str(asked.property("text"))
    confirm_untrust(qtbot, kiosk, clock, "staffConfirmNo")
    assert not shown(kiosk, "staffUntrustConfirm")
    assert stranger in staff.trusted_key_ids()

    press(qtbot, kiosk, clock, f"staffUntrust-{stranger}")
    with qtbot.waitSignal(parts(kiosk).keys.untrustFinished, timeout=10_000) as done:
        confirm_untrust(qtbot, kiosk, clock, "staffConfirmYes")
    assert done.args == [True]
    assert text(kiosk, "staffMessage").startswith(f"Key {stranger} is no longer trusted.")
    assert "town-pt-clonus version 2" in text(kiosk, "staffMessage")
    assert not shown(kiosk, f"staffKey-{stranger}")
    assert text(kiosk, "staffActiveVersion").startswith("Version 2 of town-pt-clonus")
    # Staff came in through the corner, so the start screen shows: the fallback is on at once.
    assert kiosk.state.property("attract") and kiosk.state.bundle.version == 2
    assert any(f"Key {stranger} is no longer trusted." in t for t in log_texts(qtbot, kiosk, clock))


def test_a_data_folder_that_cannot_be_written_is_said_to_staff(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    make_bundle: MakeBundle,
    staff: Staff,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    staff.install(make_bundle(2, folder=tmp_path / "elsewhere"))
    kiosk = make_staff_kiosk()
    open_panel(qtbot, kiosk, clock, PIN)
    assert not shown(kiosk, "staffStorageProblem")
    press(qtbot, kiosk, clock, "staffClose")
    with read_only(data_dir):
        open_panel(qtbot, kiosk, clock, PIN)
        problem = text(kiosk, "staffStorageProblem")
        assert shown(kiosk, "staffStorageProblem")
        assert "cannot be written" in problem and "Patients still see the content above" in problem
        assert text(kiosk, "staffActiveVersion").startswith("Version 2 of town-pt-clonus")
        press(qtbot, kiosk, clock, "staffClose")

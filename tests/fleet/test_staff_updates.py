"""The staff panel's Updates section, through the real window: check now, a refusal in plain
words, and an update from a USB stick; the patient app shows the new bundle after a reset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff_ui.updates_section import UpdatesSection
from tests.fleet.conftest import run, serve
from tests.staff_ui.conftest import (  # noqa: F401  (fixtures)
    BUILTIN_ID,
    PIN,
    MakeBundle,
    StaffKioskFactory,
    clinic_keys,
    clock,
    data_dir,
    make_bundle,
    make_staff_kiosk,
    staff,
    usb,
)
from tests.staff_ui.helpers import open_panel, press, section, shown, text
from tests.store.conftest import snapshot
from tests.ui.helpers import FakeClock


def section_controller(kiosk: Kiosk) -> UpdatesSection:
    assert kiosk.updates is not None
    return kiosk.updates


def check_now(
    qtbot: QtBot, kiosk: Kiosk, tap_clock: FakeClock, button: str = "updatesCheckNow"
) -> str:
    updates = section_controller(kiosk)
    with qtbot.waitSignal(updates.checkFinished, timeout=60_000) as outcome:
        press(qtbot, kiosk, tap_clock, button)
    assert outcome.args is not None
    return str(outcome.args[0])


def test_updates_section(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,  # noqa: F811
    data_dir: Path,  # noqa: F811
    usb: Path,  # noqa: F811
    make_bundle: MakeBundle,  # noqa: F811
    make_staff_kiosk: StaffKioskFactory,  # noqa: F811
) -> None:
    team = tmp_path / "team"
    assert run(capsys, "fleet", "init", team)[0] == 0
    publish = lambda v: run(capsys, "fleet", "publish", team, make_bundle(v, folder=tmp_path / "b"))  # noqa: E731
    assert publish(2)[0] == 0
    with serve(team / "repository") as server:
        root = team / "repository" / "metadata" / "root.json"
        assert run(capsys, "--data-dir", data_dir, "fleet", "join", root, server.url)[0] == 0
        kiosk = make_staff_kiosk()
        open_panel(qtbot, kiosk, clock, PIN)
        section(qtbot, kiosk, clock, "updates")
        assert text(kiosk, "updatesSource").startswith(f"From: {server.url}")
        assert text(kiosk, "updatesInstalled") == "Installed: not checked yet"

        assert check_now(qtbot, kiosk, clock) == "installed"
        assert text(kiosk, "updatesInstalled") == f"Installed: {BUILTIN_ID} version 2"
        assert text(kiosk, "updatesOffered") == f"Offered: {BUILTIN_ID} version 2"
        assert not shown(kiosk, "updatesRefusal")

        # The server fails: staff read why, the store stays as it was.
        assert publish(3)[0] == 0
        server.behaviour.faults["timestamp.json"] = lambda h: h.send_error(500) or True
        before = snapshot(data_dir / "store")
        assert check_now(qtbot, kiosk, clock) == "refused"
        qtbot.waitUntil(lambda: shown(kiosk, "updatesRefusal"))
        assert "HTTP 500" in text(kiosk, "updatesRefusal")
        assert "keeps its current content" in text(kiosk, "updatesRefusal")
        assert snapshot(data_dir / "store") == before
        server.behaviour.faults.clear()

    # The network is gone; a USB stick holding the published repository brings version 3.
    shutil.copytree(team / "repository", usb / "repository")
    section(qtbot, kiosk, clock, "log")
    section(qtbot, kiosk, clock, "updates")
    qtbot.waitUntil(lambda: shown(kiosk, "updatesFromStick-0"))
    assert text(kiosk, "updatesFromStick-0") == "Update from the import folder"
    assert check_now(qtbot, kiosk, clock, "updatesFromStick-0") == "installed"
    assert text(kiosk, "updatesInstalled") == f"Installed: {BUILTIN_ID} version 3"
    assert not shown(kiosk, "updatesRefusal")

    # Staff saw it in the log; patients get it at the next start screen.
    section(qtbot, kiosk, clock, "log")
    assert "HTTP 500" in text(kiosk, "staffLogText-1") + text(kiosk, "staffLogText-2")
    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: kiosk.state.bundle.version == 3)


def test_join_from_a_usb_stick_in_staff_mode(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,  # noqa: F811
    data_dir: Path,  # noqa: F811
    usb: Path,  # noqa: F811
    make_bundle: MakeBundle,  # noqa: F811
    make_staff_kiosk: StaffKioskFactory,  # noqa: F811
) -> None:
    team = tmp_path / "team"
    assert run(capsys, "fleet", "init", team)[0] == 0
    bundle = make_bundle(2, folder=tmp_path / "b")
    assert run(capsys, "fleet", "publish", team, bundle)[0] == 0
    shutil.copytree(team / "repository", usb / "repository")
    kiosk = make_staff_kiosk()
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "updates")
    assert shown(kiosk, "updatesNotJoined")
    updates = section_controller(kiosk)
    with qtbot.waitSignal(updates.joinFinished, timeout=30_000) as joined:
        press(qtbot, kiosk, clock, "updatesJoin-0")
    assert joined.args == [""]
    qtbot.waitUntil(lambda: shown(kiosk, "updatesSource"))
    assert text(kiosk, "updatesSource").startswith(f"From: {usb / 'repository'}")
    assert check_now(qtbot, kiosk, clock) == "installed"
    assert text(kiosk, "updatesInstalled") == f"Installed: {BUILTIN_ID} version 2"
    # The stick is taken out: the next check says so and changes nothing.
    shutil.rmtree(usb / "repository")
    assert check_now(qtbot, kiosk, clock) == "refused"
    qtbot.waitUntil(lambda: shown(kiosk, "updatesRefusal"))
    assert "drive is not plugged in" in text(kiosk, "updatesRefusal")

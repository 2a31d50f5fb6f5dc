"""Slow work stays off the GUI thread, is done once, and a crowded drive cannot block Import."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content import validate
from kiosk.staff.drives import MAX_LISTED
from kiosk.store.bundle_store import BundleStore
from tests.staff_ui.conftest import PIN, MakeBundle
from tests.staff_ui.helpers import open_panel, parts, press, section, shown, text
from tests.ui.helpers import FakeClock


def test_the_active_bundle_is_described_off_the_gui_thread(
    qtbot: QtBot,
    kiosk: Kiosk,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    real = BundleStore.describe_active

    def watched(self: BundleStore, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BundleStore, "describe_active", watched)
    open_panel(qtbot, kiosk, clock, PIN)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert text(kiosk, "staffActiveTitle") == "Town Physical Therapy"
    assert text(kiosk, "staffActiveVersion").startswith("Version 1 of town-pt-clonus")
    assert not shown(kiosk, "staffActiveLoading")


def test_an_installed_bundle_is_validated_once_and_described_without_a_second_look(
    qtbot: QtBot,
    kiosk: Kiosk,
    clock: FakeClock,
    make_bundle: MakeBundle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_bundle(2)
    open_panel(qtbot, kiosk, clock, PIN)
    with qtbot.waitSignal(parts(kiosk).importer.scanFinished, timeout=5000):
        section(qtbot, kiosk, clock, "import")
    with qtbot.waitSignal(parts(kiosk).importer.previewFinished, timeout=10_000):
        press(qtbot, kiosk, clock, "staffBundle-0")

    calls: list[str] = []

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(validate, "load_folder", counted("load_folder", validate.load_folder))
    monkeypatch.setattr(
        validate, "validate_folder", counted("validate_folder", validate.validate_folder)
    )
    real_describe = BundleStore.describe_active
    monkeypatch.setattr(BundleStore, "describe_active", counted("describe_active", real_describe))
    with qtbot.waitSignal(parts(kiosk).importer.installFinished, timeout=20_000) as done:
        press(qtbot, kiosk, clock, "staffInstall")
    assert done.args == [True]
    assert calls == ["validate_folder"]  # the store's own check, and nothing after it

    section(qtbot, kiosk, clock, "content")
    assert text(kiosk, "staffActiveVersion").startswith("Version 2 of town-pt-clonus")
    press(qtbot, kiosk, clock, "staffClose")
    qtbot.waitUntil(lambda: kiosk.state.bundle.version == 2, timeout=3000)
    assert "stretching" in [page.id for page in kiosk.state.bundle.pages]
    assert calls == ["validate_folder"]


def test_a_drive_with_20000_bundle_files_lists_a_few_and_says_so(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, usb: Path
) -> None:
    for n in range(20_000):
        (usb / f"bundle-{n:05}.kbundle").touch()
    open_panel(qtbot, kiosk, clock, PIN)
    started = time.monotonic()
    with qtbot.waitSignal(parts(kiosk).importer.scanFinished, timeout=10_000):
        section(qtbot, kiosk, clock, "import")
    qtbot.waitUntil(lambda: shown(kiosk, f"staffBundle-{MAX_LISTED - 1}"), timeout=5000)
    assert time.monotonic() - started < 8
    assert len(parts(kiosk).importer.property("bundles")) == MAX_LISTED
    assert not shown(kiosk, f"staffBundle-{MAX_LISTED}")
    assert "bundle-00000.kbundle" in str(parts(kiosk).importer.property("bundles")[0]["name"])
    assert text(kiosk, "staffFoundNote") == (
        f"There are more than {MAX_LISTED} bundle files; the first {MAX_LISTED} by name are "
        "listed. Take the ones you do not need off the drive to see the rest."
    )

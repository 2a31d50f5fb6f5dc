"""Renders the PIN pad and every section of the staff panel to PNG, landscape and portrait.

The files go to the test's temporary folder; with KIOSK_STAFF_SCREENS=DIR set, half-size copies
are also written to DIR (docs/screens/ holds the ones that were looked at).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff.pin import PIN_NAME
from tests.staff_ui.conftest import PIN, MakeBundle, StaffKioskFactory
from tests.staff_ui.helpers import (
    item,
    open_panel,
    open_pin_pad,
    parts,
    press,
    section,
    shown,
    type_pin,
)
from tests.ui.helpers import FakeClock, find, find_item, scene_rect, settle, tap, walk

LAYOUTS = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "small": (1280, 800),
    "small-200": (1280, 800),  # with the patient's text at 200%
}
TEXT_STEPS = {"small-200": 2}
SCREENS_ENV = "KIOSK_STAFF_SCREENS"


def save(qtbot: QtBot, kiosk: Kiosk, folder: Path, name: str) -> Path:
    def drawn() -> None:  # a frame after the last change: nothing half laid out
        assert not kiosk.staff_panel.jobs.property("busy")

    qtbot.waitUntil(drawn, timeout=5000)
    with qtbot.waitSignal(kiosk.window.frameSwapped, timeout=3000):
        kiosk.window.update()
    check_targets(kiosk)
    image = kiosk.window.grabWindow()
    path = folder / f"{name}.png"
    assert image.save(str(path))
    copies = os.environ.get(SCREENS_ENV)
    if copies:
        small = image.scaled(
            image.width() // 2,
            image.height() // 2,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        Path(copies).mkdir(parents=True, exist_ok=True)
        assert small.save(str(Path(copies) / f"{name}.png"))
    return path


def check_targets(kiosk: Kiosk) -> None:
    """Every staff-mode target shown is at least one target in size (72 px at 1080p), lies
    within the window's width, and within its height unless the panel scrolls it."""
    staff_layer = item(kiosk, "staffLoader")
    side = int(kiosk.theme.property("sizes").property("target"))
    window = QRectF(0, 0, kiosk.window.width(), kiosk.window.height())
    body = find_item(staff_layer, "staffBody")
    targets = [t for t in walk(staff_layer) if t.property("kioskTarget")]
    assert targets
    for target in targets:
        name = target.objectName()
        rect = scene_rect(target)
        assert rect.width() >= side and rect.height() >= side, (name, rect, side)
        assert rect.left() >= 0 and rect.right() <= window.right() + 0.5, (name, rect)
        scrolled = body is not None and body.isAncestorOf(target)
        assert scrolled or window.contains(rect), (name, rect)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_render_staff_screens(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    make_bundle: MakeBundle,
    tmp_path: Path,
    layout: str,
) -> None:
    make_bundle(2)
    out = tmp_path / "screens"
    out.mkdir()
    width, height = LAYOUTS[layout]
    kiosk = make_staff_kiosk(size=(width, height))
    written: list[Path] = []
    shot: Callable[[str], None] = lambda name: written.append(  # noqa: E731
        save(qtbot, kiosk, out, f"staff-{name}-{layout}")
    )

    step = TEXT_STEPS.get(layout, 0)
    if step:
        tap(kiosk, item(kiosk, "attractScreen"), clock)
        settle(qtbot, kiosk)
        tap(kiosk, find(kiosk, f"textSize-{step}"), clock)
        qtbot.waitUntil(lambda: kiosk.state.property("textStep") == step, timeout=3000)
    open_pin_pad(qtbot, kiosk, clock)
    for digit in "135":
        press(qtbot, kiosk, clock, f"pinKey-{digit}")
    shot("pin")
    for _ in range(3):
        press(qtbot, kiosk, clock, "pinErase")
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)

    # Five wrong PINs lock the pad; the PIN store's own clock then moves on past the lock.
    open_pin_pad(qtbot, kiosk, clock)
    for _ in range(5):
        assert type_pin(qtbot, kiosk, clock, "9999") == "wrong"
    shot("pin-locked")
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    kiosk.state.setLanguage("es")  # as the patient's language button does
    open_pin_pad(qtbot, kiosk, clock)
    shot("pin-es")
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    kiosk.state.setLanguage("en")
    assert kiosk.services is not None
    kiosk.services.pin.clock = lambda: time.time() + 60

    open_panel(qtbot, kiosk, clock, PIN)
    with qtbot.waitSignal(parts(kiosk).importer.scanFinished, timeout=5000):
        section(qtbot, kiosk, clock, "import")
    with qtbot.waitSignal(parts(kiosk).importer.previewFinished, timeout=10_000):
        press(qtbot, kiosk, clock, "staffBundle-0")
    shot("import")
    with qtbot.waitSignal(parts(kiosk).importer.installFinished, timeout=20_000):
        press(qtbot, kiosk, clock, "staffInstall")
    with qtbot.waitSignal(parts(kiosk).importer.previewFinished, timeout=10_000):
        press(qtbot, kiosk, clock, "staffBundle-0")  # the same file again: not newer now
    shot("refusal")
    section(qtbot, kiosk, clock, "content")
    press(qtbot, kiosk, clock, "staffRollBack")
    shot("content")
    press(qtbot, kiosk, clock, "staffConfirmNo")
    section(qtbot, kiosk, clock, "settings")
    press(qtbot, kiosk, clock, "staffHere-maywood")
    shot("settings")
    section(qtbot, kiosk, clock, "log")
    shot("log")
    section(qtbot, kiosk, clock, "exit")
    press(qtbot, kiosk, clock, "staffExitDesktop")
    shot("exit")
    assert item(kiosk, "staffConfirm").isVisible()

    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (width, height)


def test_render_the_pad_without_a_pin(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    (data_dir / PIN_NAME).unlink()
    kiosk = make_staff_kiosk(size=LAYOUTS["small"])
    open_pin_pad(qtbot, kiosk, clock)
    path = save(qtbot, kiosk, tmp_path, "staff-pin-not-set-small")
    assert QImage(str(path)).size().toTuple() == LAYOUTS["small"]

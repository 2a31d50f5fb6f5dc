"""Staff mode is modal, through the real window: the PIN pad dims the patient app behind it and
takes every tap aimed at it; a staff confirmation shows on the staff panel, which hides the
patient app entirely, and no tap reaches the patient app while it waits for an answer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from tests.staff_ui.conftest import PIN
from tests.staff_ui.helpers import item, open_panel, open_pin_pad, press, section, shown
from tests.ui.helpers import FakeClock, centre, find, scene_rect, settle, tap, tap_at, walk

PATIENT_TARGETS = ("lang-es", "contrastButton", "textSize-2", "homeButton", "tile-locations")


def patient_view(kiosk: Kiosk) -> tuple[object, ...]:
    state = kiosk.state
    return (state.language, state.textStep, state.highContrast, state.routeId, state.attract)


def brightness(kiosk: Kiosk, point: QPoint) -> float:
    """The mean luminance of the 41 x 41 pixels around `point`."""
    image = kiosk.window.grabWindow()
    total = 0.0
    for dx in range(-20, 21):
        for dy in range(-20, 21):
            colour = QColor(image.pixel(point.x() + dx, point.y() + dy))
            total += 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return total / 41**2


def on_home(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> dict[str, QPoint]:
    """Home, with the centre of each patient target the test will aim at."""
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    return {name: centre(find(kiosk, name)) for name in PATIENT_TARGETS}


def test_the_pin_pad_dims_the_patient_app_and_takes_every_tap(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    points = on_home(qtbot, kiosk, clock)
    before = {name: brightness(kiosk, point) for name, point in points.items()}
    view = patient_view(kiosk)
    open_pin_pad(qtbot, kiosk, clock)
    card = scene_rect(item(kiosk, "staffPinTitle").parentItem().parentItem())
    for name, point in points.items():
        assert not QRectF(card).contains(point.toPointF()), name  # aimed at the dimmed part
        assert brightness(kiosk, point) < before[name] * 0.6, name  # dimmed, plainly
        tap_at(kiosk, point, clock, wait=0.4)
        assert shown(kiosk, "staffPinPad"), name
    assert patient_view(kiosk) == view  # nothing behind the pad reacted
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    assert patient_view(kiosk) == view


def test_a_staff_confirmation_lets_no_tap_through_to_the_patient_app(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    on_home(qtbot, kiosk, clock)
    points = {  # every patient control on Home
        target.objectName(): centre(target)
        for target in walk(kiosk.window.contentItem())
        if target.property("kioskTarget") and target.objectName()
    }
    view = patient_view(kiosk)
    open_panel(qtbot, kiosk, clock, PIN)
    section(qtbot, kiosk, clock, "exit")
    press(qtbot, kiosk, clock, "staffExitDesktop")
    qtbot.waitUntil(lambda: shown(kiosk, "staffConfirm"), timeout=3000)
    panel = item(kiosk, "staffPanel")
    assert scene_rect(panel) == QRectF(0, 0, kiosk.window.width(), kiosk.window.height())
    assert QColor(panel.property("color")).alpha() == 255  # opaque: the patient app is hidden
    card = scene_rect(item(kiosk, "staffConfirm"))
    tapped = []
    for name, point in points.items():
        if QRectF(card).contains(point.toPointF()) or panel_target_at(kiosk, point):
            continue  # a staff control there: not a tap aimed at the patient app
        tap_at(kiosk, point, clock, wait=0.4)
        tapped.append(name)
    assert len(tapped) >= 3, tapped
    assert shown(kiosk, "staffConfirm") and patient_view(kiosk) == view
    assert kiosk.exits == []  # type: ignore[attr-defined]


def panel_target_at(kiosk: Kiosk, point: QPoint) -> bool:
    """Whether a staff-mode control (a tab, a button) lies at `point`."""
    root = item(kiosk, "staffPanel")
    return any(
        target.property("kioskTarget") and scene_rect(target).contains(point.toPointF())
        for target in walk(root)
    )

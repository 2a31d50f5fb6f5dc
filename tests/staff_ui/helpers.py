"""Driving staff mode through the real window: the hidden corner, the PIN pad, the panel."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.staff_ui.panel import Sections
from tests.ui.helpers import FakeClock, centre, find_item, tap, visible_texts


def parts(kiosk: Kiosk) -> Sections:
    """The controllers behind the PIN pad and the panel's sections."""
    sections = kiosk.staff_panel.sections
    assert sections is not None
    return sections


def item(kiosk: Kiosk, name: str) -> QQuickItem:
    found = find_item(kiosk.window.contentItem(), name)
    assert found is not None, f"no item {name!r}"
    return found


def shown(kiosk: Kiosk, name: str) -> bool:
    found = find_item(kiosk.window.contentItem(), name)
    return found is not None and found.isVisible()


def text(kiosk: Kiosk, name: str) -> str:
    return str(item(kiosk, name).property("text"))


def press(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, name: str) -> None:
    """Taps a staff-mode target (a moment after the last tap, as a person would), once it
    stands still: what has just appeared is laid out at the next frame."""
    target = item(kiosk, name)
    last: list[QPoint] = []

    def still() -> None:
        now = centre(target)
        same = bool(last) and last[-1] == now
        last.append(now)
        assert same

    qtbot.waitUntil(still, timeout=2000)
    tap(kiosk, target, clock, wait=0.4)


def open_pin_pad(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    """Five taps in the top-left corner within three seconds."""
    corner = item(kiosk, "staffCorner")
    with qtbot.waitSignal(kiosk.staff_corner.staffRequested, timeout=2000):
        for _ in range(5):
            tap(kiosk, corner, clock, wait=0.3)
    qtbot.waitUntil(lambda: shown(kiosk, "staffPinPad"), timeout=3000)


def type_pin(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, pin: str) -> str:
    """Types `pin` on the pad and taps OK; returns the check's reason."""
    for digit in pin:
        press(qtbot, kiosk, clock, f"pinKey-{digit}")
    assert item(kiosk, "staffPinDots").property("filled") == len(pin)
    with qtbot.waitSignal(parts(kiosk).pin_pad.pinChecked, timeout=10_000) as blocker:
        press(qtbot, kiosk, clock, "pinOk")
    assert blocker.args is not None
    return str(blocker.args[0])


def open_panel(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, pin: str) -> None:
    open_pin_pad(qtbot, kiosk, clock)
    assert type_pin(qtbot, kiosk, clock, pin) == "ok"
    qtbot.waitUntil(lambda: shown(kiosk, "staffPanel"), timeout=3000)
    described(qtbot, kiosk)


def described(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Waits until the Content section has looked at the active bundle (on the worker)."""

    def known() -> None:
        assert not parts(kiosk).content.property("active").get("loading")

    qtbot.waitUntil(known, timeout=10_000)


def section(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, name: str) -> None:
    press(qtbot, kiosk, clock, f"staffTab-{name}")
    qtbot.waitUntil(lambda: shown(kiosk, f"staffSection{name.capitalize()}"), timeout=3000)


def all_texts(kiosk: Kiosk) -> list[str]:
    return visible_texts(kiosk.window.contentItem())

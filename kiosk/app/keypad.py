"""The keypad path wired into the patient app: the navigator filters the window's keys, and
what it announces is spoken by the Narrator, unless a page is being read (or is paused): a
focus move must not cut off the page the patient asked to hear."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.keypad import KeypadNavigator
from kiosk.patient.narrator import Narrator
from kiosk.patient.state import AppState
from kiosk.staff_ui.panel import StaffPanel
from kiosk.ui.taps import TapGuard


def attach_keypad(
    window: QQuickWindow,
    state: AppState,
    idle: IdleMonitor,
    guard: TapGuard,
    staff_panel: StaffPanel,
    narrator: Narrator,
    parent: QObject,
) -> KeypadNavigator:
    """Installed before the other filters of the window, so that they (installed later, asked
    first) still see every key it takes: a key wakes the screen and restarts the idle time."""
    keypad = KeypadNavigator(window, state, idle, guard, lambda: staff_panel.is_open, parent)

    def speak(texts: list[str]) -> None:
        if not narrator.property("pageId"):
            narrator.say_texts(texts)

    keypad.announce.connect(speak)
    window.installEventFilter(keypad)
    return keypad

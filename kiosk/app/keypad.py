"""The keypad path wired into the patient app: the navigator filters the window's keys, and
what it announces is spoken by the Narrator, unless a page is being read (or is paused): a
focus move must not cut off the page the patient asked to hear."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.keypad import KeypadNavigator
from kiosk.patient.narrator import Narrator
from kiosk.patient.state import AppState
from kiosk.staff_ui.panel import StaffPanel
from kiosk.ui.taps import TapGuard


class Backends(Protocol):
    """What the keypad path needs of the app's backends (kiosk/app/wiring.py's parts)."""

    backends: QObject
    state: AppState
    idle: IdleMonitor
    guard: TapGuard
    staff_panel: StaffPanel
    narrator: Narrator


def attach_keypad(window: QQuickWindow, parts: Backends) -> KeypadNavigator:
    """Installed before the other filters of the window, so that they (installed later, asked
    first) still see every key it takes: a key wakes the screen and restarts the idle time."""
    panel, narrator = parts.staff_panel, parts.narrator
    keypad = KeypadNavigator(
        window, parts.state, parts.idle, parts.guard, lambda: panel.is_open, parts.backends
    )

    def speak(texts: list[str]) -> None:
        if not narrator.property("pageId"):
            narrator.say_texts(texts)

    keypad.announce.connect(speak)
    window.installEventFilter(keypad)
    return keypad

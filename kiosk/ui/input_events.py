"""The events that mean someone is at the screen: any press, release, touch, wheel or key.

Both idle times use them: the patient app's (kiosk/patient/idle.py) and staff mode's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
    }
)

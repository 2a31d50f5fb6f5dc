"""The few values of PySide's `Qt` namespace that the kiosk's start path needs, as numbers.

Importing `Qt` from PySide6.QtCore, or reading any name of it, makes PySide build every enum of
that namespace at once (about 110 Python enums: 40 ms of a 450 ms start on the kiosk's
hardware, bench/bench_ui.py).
Code that runs before the attract screen's first frame uses these instead, and connects signals
without naming a Qt.ConnectionType; tests/ui/test_start_path.py checks both.
"""

from __future__ import annotations

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole

# Qt.WindowType.Window | FramelessWindowHint | WindowStaysOnTopHint: the fullscreen kiosk window.
KIOSK_WINDOW_FLAGS = 0x00000001 | 0x00000800 | 0x00040000

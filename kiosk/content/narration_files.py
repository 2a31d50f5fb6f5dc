"""Where a bundle keeps its narration: read by the strict index reader at validation
(narration_index.py, msgspec) and by the kiosk's light one (kiosk/speech/narration.py)."""

from __future__ import annotations

INDEX_PATH = "narration/index.json"
INDEX_MAX_BYTES = 4 * 1024 * 1024

"""This kiosk's stored settings (kept by staff mode) turned into the patient app's settings."""

from __future__ import annotations

from dataclasses import replace

from kiosk.patient.ui_settings import UiSettings
from kiosk.staff.settings import Settings


def ui_settings_from(stored: Settings, base: UiSettings | None = None) -> UiSettings:
    """The patient app's settings with this kiosk's stored ones in place."""
    return replace(
        base or UiSettings(),
        location_id=stored.location_id,
        idle_seconds=float(stored.idle_seconds),
        default_language=stored.default_language,
        narration_output=stored.narration_output,
        narration_volume=stored.narration_volume,
    )

"""The patient app's settings, as plain values (a settings store will supply them later)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UiSettings:
    """What the patient app needs to know about the kiosk it runs on.

    `idle_seconds` and `warning_seconds` are floats so that tests can use short times; a kiosk
    keeps the warning at 20 s or more (WCAG 2.2.1), which `for_kiosk()` enforces.
    """

    location_id: str | None = None  # this kiosk's own location: "You are here"
    idle_seconds: float = 90.0  # no touch for this long: "Are you still there?"
    warning_seconds: float = 30.0  # the countdown before everything resets
    default_language: str | None = None  # None: the bundle's first language
    tap_debounce_ms: int = 600  # a second activation within this time is ignored
    tap_slop_px: int = 24  # at 1080 px on the shorter side; beyond it a touch scrolls
    narration_output: str = "speaker"  # "speaker", "headphones" or "none" (kiosk/speech/volume.py)
    narration_volume: int = 60  # the volume every patient starts with, in percent

    MIN_WARNING_SECONDS = 20.0

    def for_kiosk(self) -> UiSettings:
        """The same settings with the limits a real kiosk must keep."""
        return UiSettings(
            location_id=self.location_id,
            idle_seconds=max(self.idle_seconds, 10.0),
            warning_seconds=max(self.warning_seconds, self.MIN_WARNING_SECONDS),
            default_language=self.default_language,
            tap_debounce_ms=self.tap_debounce_ms,
            tap_slop_px=self.tap_slop_px,
            narration_output=self.narration_output,
            narration_volume=self.narration_volume,
        )

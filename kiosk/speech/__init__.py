"""Speech on the kiosk: narration clips from the bundle played through miniaudio (no Qt here)."""

"""Opening hours: when the kiosk is open, sleeps, and wakes on a touch (no Qt)."""

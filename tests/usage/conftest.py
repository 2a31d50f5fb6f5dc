"""The kiosks of the opening-hours tests (a data folder with a PIN, a simulated wall clock)."""

from tests.schedule.conftest import data_dir, display, make_hours_kiosk, wall

__all__ = ["data_dir", "display", "make_hours_kiosk", "wall"]

"""The wiring: builds the application from the other packages, runs and supervises it."""

from kiosk.ui.source_scan import scan_sources_cheaply

scan_sources_cheaply()

"""The wiring: builds the application from the other packages, runs and supervises it."""

from kiosk.system.builtin_hashes import use_builtin_hashes
from kiosk.ui.source_scan import scan_sources_cheaply

use_builtin_hashes()
scan_sources_cheaply()

"""Where things are: bundled resources (source checkout or frozen build) and the data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "clinic-kiosk"
DATA_DIR_ENV = "KIOSK_DATA_DIR"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, in `_MEIPASS` when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_bundle_dir() -> Path:
    """The built-in default bundle, shipped sealed (manifest.json + manifest.sig) as a folder."""
    return resources_dir() / "bundle"


def qml_dir() -> Path:
    return Path(__file__).resolve().parent / "ui" / "qml"


def data_dir(override: Path | None = None) -> Path:
    """The kiosk's data folder: --data-dir, else $KIOSK_DATA_DIR, else the platform's own place."""
    if override is not None:
        return override.expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # deferred: needed only without --data-dir and $KIOSK_DATA_DIR

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))

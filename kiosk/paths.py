"""Where things are: resources shipped with the package, and the data folder."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

APP_NAME = "clinic-kiosk"
DATA_DIR_ENV = "KIOSK_DATA_DIR"


def package_dir(package: str, name: str) -> Path:
    """A folder shipped inside a kiosk package, next to its `__init__.py`: the same call finds it
    in a checkout, an installed wheel and a PyInstaller build (which unpacks it to `_MEIPASS`).
    Not through importlib.resources, whose readers cost every start ~15 ms."""
    origin = importlib.import_module(package).__file__
    found = Path(origin).parent / name if origin else None
    if found is None or not found.is_dir():  # e.g. a zipped install: Qt and the store need files
        raise RuntimeError(f"{package}/{name} is not a folder on disk: {found!r}")
    return found


def resources_dir() -> Path:
    """The top-level `resources/` folder, shipped as `kiosk/_resources` (a link in a checkout)."""
    return package_dir("kiosk", "_resources")


def default_bundle_dir() -> Path:
    """The built-in default bundle, shipped sealed (manifest.json + manifest.sig) as a folder."""
    return resources_dir() / "bundle"


def qml_dir() -> Path:
    return package_dir("kiosk.ui", "qml")


def data_dir(override: Path | None = None) -> Path:
    """The kiosk's data folder: --data-dir, else $KIOSK_DATA_DIR, else the platform's own place."""
    if override is not None:
        return override.expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # deferred: needed only without --data-dir and $KIOSK_DATA_DIR

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))

"""Which Debian packages a real display needs and which of them are missing, by name.

Qt's own message when its X11 platform plugin cannot load ("xcb-cursor0 or libxcb-cursor0 is
needed...") blames libxcb-cursor0 whatever library is actually missing. This check asks the
dynamic loader instead (`ldd` on PySide6's platform plugin, plus `dlopen` of a fixed list) and
names exactly the missing packages, with the `apt-get` line that installs them.

Standard library only and no `kiosk` imports, so it also runs as a plain script before the
virtual environment exists: `python3 kiosk/system/display_libs.py` (see scripts/check-display-libs).
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TextIO

# What a real X11 display needs beyond a minimal Debian: package -> the library it provides.
X11_PACKAGES: dict[str, str] = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
}
# Needed whatever the platform plugin (X11, Wayland, eglfs); Qt itself links GLib and D-Bus.
COMMON_PACKAGES: dict[str, str] = {
    "libegl1": "libEGL.so.1",
    "libgl1": "libGL.so.1",
    "libfontconfig1": "libfontconfig.so.1",
    "libglib2.0-0": "libglib-2.0.so.0",
    "libdbus-1-3": "libdbus-1.so.3",
}
WAYLAND_PACKAGES: dict[str, str] = {
    "libwayland-client0": "libwayland-client.so.0",
    "libwayland-cursor0": "libwayland-cursor.so.0",
    "libwayland-egl1": "libwayland-egl.so.1",
    "libxkbcommon0": "libxkbcommon.so.0",
}
# The OpenGL drivers behind libglvnd's libGL/libEGL (Mesa unless the machine has a vendor driver).
MESA_PACKAGES = ("libgl1-mesa-dri", "libglx-mesa0", "libegl-mesa0")

# Platforms that draw to no real display: nothing to check.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc"})

# Sonames whose Debian package does not follow the usual "name + version" rule.
_PACKAGE_OF_SONAME: dict[str, str] = {
    "libGLdispatch.so.0": "libglvnd0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)

Runner = Callable[[list[str]], str]


def package_for_soname(soname: str) -> str:
    """Debian's package name for a shared library: `libxcb-icccm.so.4` -> `libxcb-icccm4`."""
    if soname in _PACKAGE_OF_SONAME:
        return _PACKAGE_OF_SONAME[soname]
    name, _, version = soname.partition(".so")
    major = version.lstrip(".").split(".", 1)[0]
    name = name.lower()
    if not major:
        return name
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def platform_name(env: Mapping[str, str]) -> str:
    """The Qt platform plugin Qt will try first (`QT_QPA_PLATFORM`, else from the session)."""
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested.split(";", 1)[0].split(":", 1)[0].strip().lower()
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def qt_plugin_dir() -> Path | None:
    """PySide6's `Qt/plugins` folder (frozen build or virtualenv), found without importing Qt."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        candidate = Path(frozen_root) / "PySide6" / "Qt" / "plugins"
        return candidate if candidate.is_dir() else None
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    candidate = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"
    return candidate if candidate.is_dir() else None


def _run(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout


def ldd_missing(binary: Path, run: Runner = _run) -> list[str]:
    """Sonames `ldd` reports as "not found" for a binary and everything it links, in order."""
    seen: dict[str, None] = {}
    for soname in _NOT_FOUND.findall(run(["ldd", str(binary)])):
        seen.setdefault(soname, None)
    return list(seen)


def can_load(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _gl_vendor_present(run: Runner) -> bool:
    cache = run(["ldconfig", "-p"])
    if not cache:
        return True  # cannot tell: do not accuse Mesa on a machine we cannot inspect
    has_glx_vendor = re.search(r"\blibGLX_\w+\.so\.0\b", cache) is not None
    egl_vendor_dirs = (Path("/usr/share/glvnd/egl_vendor.d"), Path("/etc/glvnd/egl_vendor.d"))
    has_egl_vendor = any(any(d.glob("*.json")) for d in egl_vendor_dirs)
    return has_glx_vendor and has_egl_vendor


def missing_packages(
    env: Mapping[str, str] | None = None,
    *,
    plugin_dir: Path | None = None,
    run: Runner | None = None,
    loadable: Callable[[str], bool] | None = None,
) -> list[str]:
    """The Debian packages missing for the platform Qt will use; empty when nothing is missing."""
    env = os.environ if env is None else env
    run = _run if run is None else run
    loadable = can_load if loadable is None else loadable
    platform = platform_name(env)
    if platform in HEADLESS_PLATFORMS:
        return []
    wanted: dict[str, str] = {}
    if platform == "xcb":
        wanted.update(X11_PACKAGES)
    elif platform.startswith("wayland"):
        wanted.update(WAYLAND_PACKAGES)
    wanted.update(COMMON_PACKAGES)

    missing: dict[str, None] = {}
    for package, soname in wanted.items():
        if not loadable(soname):
            missing.setdefault(package, None)
    plugin_dir = qt_plugin_dir() if plugin_dir is None else plugin_dir
    plugin_file = {"xcb": "libqxcb.so", "wayland": "libqwayland.so", "eglfs": "libqeglfs.so"}
    name = plugin_file.get(platform.split("-", 1)[0])
    if plugin_dir is not None and name is not None:
        plugin = plugin_dir / "platforms" / name
        if plugin.is_file():
            for soname in ldd_missing(plugin, run):
                missing.setdefault(package_for_soname(soname), None)
    if not _gl_vendor_present(run):
        for package in MESA_PACKAGES:
            missing.setdefault(package, None)
    return list(missing)


def all_packages(platform: str = "xcb") -> list[str]:
    """Every package this check knows about for a platform (the list the README gives)."""
    packages = list(X11_PACKAGES) if platform == "xcb" else list(WAYLAND_PACKAGES)
    return packages + list(COMMON_PACKAGES) + list(MESA_PACKAGES)


def report(missing: Iterable[str], platform: str) -> str:
    names = " ".join(missing)
    text = (
        f"kiosk: cannot open a window ({platform}): these Debian packages are missing: {names}\n"
        f"Install them with:\n"
        f"  sudo apt-get install {names}"
    )
    if platform == "xcb":
        text += "\n(Qt's own error would blame libxcb-cursor0 whatever is missing.)"
    return text


def ensure_display_libs(env: Mapping[str, str] | None = None, stream: TextIO | None = None) -> bool:
    """For the app's start: True when Qt can open a window; else names what is missing."""
    env = os.environ if env is None else env
    missing = missing_packages(env)
    if missing:
        print(report(missing, platform_name(env)), file=sys.stderr if stream is None else stream)
    return not missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check-display-libs",
        description="Name the Debian packages missing for the kiosk to open a real window.",
    )
    parser.add_argument(
        "--list", action="store_true", help="print every package a real X11 display needs"
    )
    parser.add_argument(
        "--missing",
        action="store_true",
        help="print only the names of the missing packages (for scripts/ensure-system-packages)",
    )
    args = parser.parse_args(argv)
    if args.list:
        print(" ".join(all_packages()))
        return 0
    if args.missing:
        print(" ".join(missing_packages(os.environ)))
        return 0
    return 0 if ensure_display_libs() else 1


if __name__ == "__main__":
    sys.exit(main())

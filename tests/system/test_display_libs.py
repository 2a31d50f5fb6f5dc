"""The run command names exactly which display libraries are missing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from kiosk.system import display_libs
from kiosk.system.display_libs import (
    all_packages,
    missing_packages,
    package_for_soname,
    platform_name,
    report,
)

ROOT = Path(__file__).resolve().parents[2]

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f75)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibglib-2.0.so.0 => not found
\tlibxcb-icccm.so.4 => not found
"""
LDCONFIG_OUTPUT = "\tlibGLX_mesa.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libGLX_mesa.so.0\n"


def fake_run(command: list[str]) -> str:
    return {"ldd": LDD_OUTPUT, "ldconfig": LDCONFIG_OUTPUT}[command[0]]


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    (tmp_path / "platforms").mkdir()
    for name in ("libqxcb.so", "libqwayland.so"):
        (tmp_path / "platforms" / name).write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libGL.so.1", "libgl1"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libpng16.so.16", "libpng16-16"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libz.so.1", "zlib1g"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert package_for_soname(soname) == package


def test_names_exactly_the_missing_packages(
    plugin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(display_libs, "_gl_vendor_present", lambda run: True)
    missing = missing_packages(
        {"DISPLAY": ":0"},
        plugin_dir=plugin_dir,
        run=fake_run,
        loadable=lambda soname: soname != "libxcb-shape.so.0",
    )
    assert missing == ["libxcb-shape0", "libxcb-icccm4", "libxcb-keysyms1", "libglib2.0-0"]
    text = report(missing, "xcb")
    assert "sudo apt-get install libxcb-shape0 libxcb-icccm4 libxcb-keysyms1 libglib2.0-0" in text
    assert "libxcb-cursor0" in text  # only in the note about Qt's misleading message
    assert "missing: libxcb-shape0" in text


def test_mesa_is_named_when_no_opengl_driver_is_installed(
    plugin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(display_libs, "_gl_vendor_present", lambda run: False)
    missing = missing_packages(
        {}, plugin_dir=plugin_dir, run=lambda command: "", loadable=lambda soname: True
    )
    assert missing == ["libgl1-mesa-dri", "libglx-mesa0", "libegl-mesa0"]


def test_nothing_missing(plugin_dir: Path) -> None:
    missing = missing_packages(
        {}, plugin_dir=plugin_dir, run=lambda command: "", loadable=lambda soname: True
    )
    assert missing == []


def test_ensure_display_libs_explains_and_says_no(
    plugin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(display_libs, "qt_plugin_dir", lambda: plugin_dir)
    monkeypatch.setattr(display_libs, "_run", fake_run)
    monkeypatch.setattr(display_libs, "can_load", lambda soname: True)
    monkeypatch.setattr(display_libs, "_gl_vendor_present", lambda run: True)
    stream = io.StringIO()
    assert not display_libs.ensure_display_libs({"DISPLAY": ":0"}, stream)
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libglib2.0-0" in stream.getvalue()
    assert display_libs.ensure_display_libs({"QT_QPA_PLATFORM": "offscreen"}, stream)


def test_no_check_offscreen(plugin_dir: Path) -> None:
    def fail(_: object) -> NoReturn:
        raise AssertionError("nothing should be checked offscreen")

    assert missing_packages({"QT_QPA_PLATFORM": "offscreen"}, run=fail, loadable=fail) == []


def test_wayland_needs_no_xcb(plugin_dir: Path) -> None:
    missing = missing_packages(
        {"QT_QPA_PLATFORM": "wayland"},
        plugin_dir=plugin_dir,
        run=lambda command: "",
        loadable=lambda soname: "wayland" not in soname,
    )
    assert missing == ["libwayland-client0", "libwayland-cursor0", "libwayland-egl1"]


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({}, "xcb"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
        ({"QT_QPA_PLATFORM": "eglfs:/dev/fb0"}, "eglfs"),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "wayland"),
    ],
)
def test_platform_name(env: dict[str, str], platform: str) -> None:
    assert platform_name(env) == platform


def test_the_script_lists_the_packages_a_display_needs() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-display-libs"), "--list"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    listed = result.stdout.split()
    assert listed == all_packages()
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1", "libgl1"):
        assert package in listed


def test_runs_as_a_plain_script_without_the_package() -> None:
    result = subprocess.run(
        [sys.executable, "-I", str(ROOT / "kiosk" / "system" / "display_libs.py"), "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    assert "libxcb-icccm4" in result.stdout

"""Display power through real commands: a stand-in `xset` on PATH records what it was asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.system.display_power import (
    CommandDisplayPower,
    NoDisplayPower,
    choose_display_power,
)


def fake_xset(folder: Path, *, exit_code: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "xset"
    script.write_text(
        f'#!/bin/sh\necho "$@" >> "{folder}/calls"\n'
        + (f'echo "unable to open display" >&2\nexit {exit_code}\n' if exit_code else "")
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def test_x11_dpms_switches_the_display_off_and_on(tmp_path: Path) -> None:
    bin_dir = fake_xset(tmp_path / "bin")
    power = choose_display_power({"DISPLAY": ":0", "PATH": str(bin_dir)})
    assert isinstance(power, CommandDisplayPower) and power.can_switch
    assert "DPMS" in power.description
    assert power.set_on(False).result(10) is None
    assert power.set_on(True).result(10) is None
    power.close()
    assert (bin_dir / "calls").read_text().splitlines() == [
        "dpms force off",
        "dpms force on",
        "-dpms",  # no blanking on its own during opening hours
    ]


def test_a_failing_command_is_reported_in_words(tmp_path: Path) -> None:
    bin_dir = fake_xset(tmp_path / "bin", exit_code=1)
    power = choose_display_power({"DISPLAY": ":0", "PATH": str(bin_dir)})
    problem = power.set_on(False)
    assert problem is not None and "unable to open display" in str(problem.result(10))
    assert isinstance(power, CommandDisplayPower) and "dpms force off" in power.problem
    power.close()


def test_the_deployment_can_name_its_own_commands(tmp_path: Path) -> None:
    log = tmp_path / "log"
    env = {
        "KIOSK_DISPLAY_OFF_COMMAND": f"sh -c 'echo off >> {log}'",
        "KIOSK_DISPLAY_ON_COMMAND": f"sh -c 'echo on >> {log}'",
        "PATH": os.environ["PATH"],
    }
    power = choose_display_power(env)
    assert isinstance(power, CommandDisplayPower)
    power.set_on(False).result(10)
    power.set_on(True).result(10)
    power.close()
    assert log.read_text().split() == ["off", "on"]


def test_without_x11_staff_are_told_plainly(tmp_path: Path) -> None:
    power = choose_display_power({"PATH": str(tmp_path)})
    assert isinstance(power, NoDisplayPower) and not power.can_switch
    assert "cannot be switched off" in power.description and "no X11 display" in power.description
    power = choose_display_power({"DISPLAY": ":0", "PATH": str(tmp_path)})
    assert "xset is not installed" in power.description
    half = choose_display_power({"KIOSK_DISPLAY_OFF_COMMAND": "true"})
    assert "Only one of" in half.description

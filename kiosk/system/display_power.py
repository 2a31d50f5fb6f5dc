"""Switching the display off while the clinic is closed, and on again.

The deployment may name its own commands (`KIOSK_DISPLAY_OFF_COMMAND`, `KIOSK_DISPLAY_ON_COMMAND`,
e.g. `vcgencmd display_power 0` or `wlr-randr --output HDMI-A-1 --off`); otherwise, under X11,
DPMS through `xset dpms force off` (Debian's x11-xserver-utils; any input wakes the screen),
and `xset dpms force on` then `xset -dpms` on waking.
Where neither exists the kiosk still shows its dark closed screen, and staff mode says plainly
that the display itself stays on.

Commands run one after the other on a worker thread: a hung command never holds up the screen.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

OFF_ENV = "KIOSK_DISPLAY_OFF_COMMAND"
ON_ENV = "KIOSK_DISPLAY_ON_COMMAND"
COMMAND_TIMEOUT = 10.0


class DisplayPower(Protocol):
    """What the opening-hours controller needs; tests pass their own to observe the calls."""

    @property
    def can_switch(self) -> bool: ...

    @property
    def description(self) -> str: ...

    def set_on(self, on: bool) -> Future[str | None] | None: ...

    def close(self) -> None: ...


class NoDisplayPower:
    """Nothing can switch this display off: only the closed screen goes dark."""

    can_switch = False

    def __init__(self, reason: str) -> None:
        self.description = reason

    def set_on(self, on: bool) -> None:
        return None

    def close(self) -> None:
        return None


class CommandDisplayPower:
    """Runs the commands for off or for on, in order; remembers the last failure for staff."""

    can_switch = True

    def __init__(self, off: list[list[str]], on: list[list[str]], description: str) -> None:
        self._commands = {False: off, True: on}
        self.description = description
        self.problem = ""
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-power")

    def set_on(self, on: bool) -> Future[str | None]:
        """Queues the command; the future gives the failure in words, or None."""
        return self._worker.submit(self._run, self._commands[on])

    def _run(self, commands: list[list[str]]) -> str | None:
        for command in commands:
            problem = self._run_one(command)
            if problem is not None:
                self.problem = problem
                return problem
        self.problem = ""
        return None

    def _run_one(self, command: list[str]) -> str | None:
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.problem = f"{shlex.join(command)} failed: {exc}"
            return self.problem
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            self.problem = (
                f"{shlex.join(command)} failed: {detail[-1] if detail else done.returncode}"
            )
            return self.problem
        self.problem = ""
        return None

    def close(self) -> None:
        self._worker.shutdown(wait=True)


def choose_display_power(env: Mapping[str, str]) -> CommandDisplayPower | NoDisplayPower:
    """The deployment's commands, else X11 DPMS, else nothing (with the reason in words)."""
    off, on = env.get(OFF_ENV, "").strip(), env.get(ON_ENV, "").strip()
    if off and on:
        return CommandDisplayPower(
            [shlex.split(off)],
            [shlex.split(on)],
            f"The display is switched off by this kiosk's own command ({off}).",
        )
    if off or on:
        return NoDisplayPower(
            f"Only one of {OFF_ENV} and {ON_ENV} is set, so the display stays on while closed "
            "(the screen only goes dark)."
        )
    xset = shutil.which("xset", path=env.get("PATH"))
    if env.get("DISPLAY") and xset is not None:
        # "force" turns DPMS on; the kiosk runs with it off (docs/deployment.md), or the screen
        # would blank on its own during opening hours: off again after waking.
        return CommandDisplayPower(
            [[xset, "dpms", "force", "off"]],
            [[xset, "dpms", "force", "on"], [xset, "-dpms"]],
            "The display is switched off with X11 power saving (DPMS) while closed.",
        )
    why = "there is no X11 display" if not env.get("DISPLAY") else "xset is not installed"
    return NoDisplayPower(
        f"The display cannot be switched off here ({why}); while closed the screen only goes "
        "dark. A deployment can set KIOSK_DISPLAY_OFF_COMMAND and KIOSK_DISPLAY_ON_COMMAND."
    )

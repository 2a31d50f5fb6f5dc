"""Runs `kiosk render-check` on a staged bundle's images, with a time and a memory limit.

The store imports no Qt (pyproject.toml's import contracts), and a drawing that hangs or eats
memory must not take the kiosk with it, so Qt draws the images in a child process: the kiosk's
own executable when frozen, `python -m kiosk` from a checkout.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

RENDER_SECONDS = 30
RENDER_MEMORY_BYTES = 3 * 1024 * 1024 * 1024  # address space: Qt and Python take ~1 GiB of it
IMAGE_SUFFIXES = (".svg", ".png")


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "render-check"]
    return [sys.executable, "-m", "kiosk", "render-check"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))


def render_problems(folder: Path) -> list[str]:
    """One sentence per image Qt cannot show (empty when every image draws)."""
    images = sorted(path for path in folder.rglob("*") if path.suffix.lower() in IMAGE_SUFFIXES)
    if not images:
        return []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        result = subprocess.run(
            [*_command(), *map(str, images)],
            capture_output=True,
            text=True,
            timeout=RENDER_SECONDS,
            env=env,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [f"an image takes more than {RENDER_SECONDS} s to draw"]
    except OSError as exc:
        return [f"the images could not be checked ({exc.strerror})"]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode == 1 and lines:
        return lines
    if result.returncode != 0:
        return ["an image could not be drawn (it needs too much memory, or the drawing failed)"]
    return []

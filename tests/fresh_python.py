"""Python code run in a fresh interpreter: for what only a new process shows, such as what a
start imports, loads or keeps (a test process has imported far more)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(
    code: str, *args: str | Path, env: Mapping[str, str] | None = None, timeout: float = 120
) -> str:
    """`code` run with `args` in a fresh interpreter, from the project's root; its standard
    output. The test fails, showing the end of its standard error, unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-c", code, *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=None if env is None else dict(env),
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout

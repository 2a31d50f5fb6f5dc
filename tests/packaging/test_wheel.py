"""The wheel built from this checkout, installed with the runtime lock into a fresh virtual
environment outside the checkout, starts on its built-in bundle (`kiosk --smoke-test`).

Marked `wheel` (a minute or more: it installs Qt): `scripts/run-tests` leaves it out, `.ci/run`
runs it (`scripts/run-tests -m wheel tests/packaging`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without anything that would point Python at the checkout or its venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: setuptools comes pinned from the lock, nothing is fetched for the build.
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        out,
        ROOT,
        cwd=out,
        env=clean_env(),
    )
    (found,) = out.glob("clinic_kiosk-*.whl")
    return found


@pytest.mark.wheel
def test_the_installed_wheel_starts_on_its_built_in_bundle(wheel: Path, tmp_path: Path) -> None:
    venv, data, elsewhere = tmp_path / "venv", tmp_path / "data", tmp_path / "elsewhere"
    elsewhere.mkdir()
    run(sys.executable, "-m", "venv", venv, cwd=elsewhere)
    python, env = venv / "bin" / "python", clean_env()
    lock = ROOT / "requirements" / "runtime.lock"
    run(
        python, "-m", "pip", "install", "-q", "--require-hashes", "-r", lock, cwd=elsewhere, env=env
    )
    run(python, "-m", "pip", "install", "-q", "--no-deps", wheel, cwd=elsewhere, env=env)

    where = run(
        python,
        "-c",
        "import kiosk.paths as p; print(p.default_bundle_dir())",
        cwd=elsewhere,
        env=env,
    )
    bundle = Path(where.strip())
    assert bundle.is_relative_to(venv), f"kiosk came from {bundle}, not from the new venv"
    assert (bundle / "manifest.sig").is_file()
    assert not list(bundle.parent.rglob("*.key")), "a private key shipped in the wheel"

    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [str(venv / "bin" / "kiosk"), "--data-dir", str(data), "--smoke-test"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["bundle_id"] == "town-pt-clonus"
    assert "warning" not in result.stderr.lower(), result.stderr

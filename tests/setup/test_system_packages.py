"""scripts/ensure-system-packages: the README's commands install what a fresh machine lacks.

Run for real with fake `apt-get`, `id` and `sudo` first on PATH, so nothing is installed here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "ensure-system-packages"


def _fake_bin(tmp_path: Path, *, uid: int, sudo_ok: bool) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    scripts = {
        "apt-get": f'#!/bin/sh\necho "$@" >> "{log}"\n',
        "id": f"#!/bin/sh\necho {uid}\n",
        "sudo": '#!/bin/sh\n[ "$1" = -n ] && shift\n' + ('exec "$@"\n' if sudo_ok else "exit 1\n"),
    }
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text)
        path.chmod(0o755)
    return bin_dir


def _run(tmp_path: Path, bin_dir: Path, venv_python: str) -> subprocess.CompletedProcess[str]:
    # A venv whose Python cannot start Qt stands for a machine without Qt's system libraries.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{venv_python}" "$@"\n')
    python.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin", "KIOSK_VENV": str(venv)}
    return subprocess.run(
        [str(SCRIPT), "tests"], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_nothing_is_installed_when_qt_starts_and_the_tools_are_there(tmp_path: Path) -> None:
    bin_dir = _fake_bin(tmp_path, uid=0, sudo_ok=False)
    listed = (ROOT / "requirements" / "apt-tests.txt").read_text().splitlines()
    tools = [t for line in listed if line.startswith("# commands:") for t in line.split()[2:]]
    assert {"Xvfb", "xdotool", "espeak-ng"} <= set(tools)
    for tool in tools:
        (bin_dir / tool).write_text("#!/bin/sh\n")
        (bin_dir / tool).chmod(0o755)
    done = _run(tmp_path, bin_dir, sys.executable)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "apt.log").exists()


def test_root_installs_the_listed_packages_when_qt_cannot_start(tmp_path: Path) -> None:
    done = _run(tmp_path, _fake_bin(tmp_path, uid=0, sudo_ok=False), "/bin/false")
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls[0] == "update -qq"
    assert {"libegl1", "xvfb", "xdotool", "fonts-dejavu-core"} <= set(calls[1].split())


def test_passwordless_sudo_is_used_by_a_normal_user(tmp_path: Path) -> None:
    done = _run(tmp_path, _fake_bin(tmp_path, uid=1000, sudo_ok=True), "/bin/false")
    assert done.returncode == 0, done.stderr
    assert "libegl1" in (tmp_path / "apt.log").read_text()


def test_without_root_or_sudo_it_names_the_one_command_to_run(tmp_path: Path) -> None:
    done = _run(tmp_path, _fake_bin(tmp_path, uid=1000, sudo_ok=False), "/bin/false")
    assert done.returncode == 1
    assert not (tmp_path / "apt.log").exists()
    assert "sudo apt-get install libegl1 libgl1" in done.stderr

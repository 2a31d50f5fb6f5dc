"""A real install killed with SIGKILL at 50 random moments: start-up must always find exactly
one complete, verified bundle active (the old one or the new one, never a mix) and, after its
clean-up, nothing left over."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from kiosk.content.verify import verify_folder
from kiosk.store.bundle_store import BundleStore
from tests.store.conftest import KeyPair, MakeBundle, leftovers

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
SEED = 20261121

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


class Worker:
    def __init__(self, builtin: Path, builtin_pin: str, bundle: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crash_helper", builtin, builtin_pin, bundle],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read() == "ready"

    def read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def install(self, root: Path, kill_after: float | None) -> tuple[int, int, float]:
        """Starts an install into `root`; SIGKILLs it after `kill_after` seconds if given."""
        self.send(str(root))
        kind, pid = self.read().split()
        assert kind == "pid"
        if kill_after is not None:
            time.sleep(kill_after)
            os.kill(int(pid), signal.SIGKILL)  # not yet reaped: the pid is still the child's
        self.send("reap")
        kind, code, sig, elapsed = self.read().split()
        assert kind == "exit"
        return int(code), int(sig), float(elapsed)

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def test_install_killed_at_random_moments(
    tmp_path: Path,
    store: BundleStore,
    make_bundle: MakeBundle,
    keys: KeyPair,
) -> None:
    store.install(make_bundle(1))
    template = store.root
    # Many files and a few MB, so that the install takes tens of milliseconds and has many
    # moments to be killed at: between files, inside one, around the switch.
    notices = {f"notices/part-{i:02}.txt": os.urandom(200 * 1024) for i in range(20)}
    new = make_bundle(2, notices=notices)

    worker = Worker(store.builtin, store.builtin_pin, new)
    try:

        def fresh(n: int) -> Path:
            root = tmp_path / f"kiosk-{n}"
            shutil.copytree(template, root)
            return root

        def check(root: Path) -> int:
            """Start-up after whatever happened: one complete verified bundle, no leftovers."""
            kiosk = BundleStore(
                root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
            )
            served = kiosk.serve()
            assert (served.source, served.fallback_reason) == ("installed", None)
            assert served.bundle.version in (1, 2)
            verify_folder(served.bundle.root, [keys.public])  # complete, every file as signed
            assert leftovers(kiosk) == []
            assert all(item.problem is None for item in kiosk.list_installed())
            shutil.rmtree(root)
            return served.bundle.version

        # Measure the install, uninterrupted (these also check the "new" outcome).
        durations = []
        for n in range(3):
            code, sig, elapsed = worker.install(root := fresh(n), None)
            assert (code, sig) == (0, 0)
            assert check(root) == 2
            durations.append(elapsed)
        duration = sorted(durations)[1]
        assert duration > 0.005, f"the install took {duration:.4f} s: too short to kill inside"

        rng = random.Random(SEED)
        outcomes: Counter[str] = Counter()
        for n in range(KILLS):
            root = fresh(100 + n)
            _, sig, _ = worker.install(root, rng.uniform(0, duration * 1.05))
            outcomes["killed" if sig == signal.SIGKILL else "finished"] += 1
            outcomes[f"v{check(root)}"] += 1
    finally:
        worker.close()
    # Most moments fell inside the install (whatever they were, the checks above held).
    assert outcomes["killed"] >= KILLS // 2, outcomes

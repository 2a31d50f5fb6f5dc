"""Benchmark: a fleet of kiosks updating from one static server, and a rollback midway.

One repository made by the real `kiosk fleet` commands, served by http.server on 127.0.0.1 only;
N kiosks (default 50), each with its own data folder, its own store and its own background
updater thread (kiosk/fleet/poller.py, with its jitter), all in this process.

1. Every kiosk installs version 2 (one check each).
2. Version 3 is published; the updaters run. Prints the time until all N run version 3 (its
   store's active bundle: shown at the next return to the attract screen) and the bytes the
   server sent per kiosk (metadata and bundle).
3. Version 4 is published; when about half the kiosks run it, the server is switched to the
   copy saved at step 1 (an old timestamp and snapshot, offering version 2). The updaters run
   until every kiosk has checked at least twice since. Prints what they did: none installs a
   rolled-back bundle, no kiosk's version goes down.

Run: .venv/bin/python bench/bench_fleet.py [--kiosks 50] [--interval 4] [--bundle-kib 1024]
Not part of the test suite. The interval is in seconds here (30 minutes on a kiosk).

Measured (2 cores shared with 7 other jobs, Debian 12, Python 3.11, tuf 7.0.1, 1 MiB bundles):

    kiosks=50 interval=4s bundle=1027.2 KiB
    all 50 run version 3 after 6.1 s
    bytes served per kiosk: 1028.7 KiB (the bundle: 1027.2 KiB)
    rollback midway: 40 had version 4 at the switch
      after the switch: installs by version {}, 0 kiosks went down
      checks after the switch: {'refused': 110}
         110  The update source offered older update information than this

TUF's metadata costs about 1.5 KiB per kiosk and check (timestamp, snapshot, targets; the root
only when it changed); an up-to-date check downloads only the ~0.4 KiB timestamp and what
changed since. With 3 KiB bundles: 50 kiosks in 7.2 s, 4.6 KiB per kiosk.
"""

from __future__ import annotations

import argparse
import collections
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.cli import main as kiosk  # noqa: E402
from kiosk.content.authoring import build_bundle  # noqa: E402
from kiosk.content.signing import generate_keypair, load_private_key  # noqa: E402
from kiosk.fleet.client import CheckResult, FleetClient  # noqa: E402
from kiosk.fleet.poller import Poller  # noqa: E402
from kiosk.staff.service import Staff  # noqa: E402
from tests.content.bundle_factory import write_bundle  # noqa: E402
from tests.fleet.conftest import serve  # noqa: E402


@dataclass
class Kiosk:
    index: int
    client: FleetClient
    versions: list[int] = field(default_factory=list)  # active version after each check
    results: list[tuple[float, CheckResult]] = field(default_factory=list)

    def version(self) -> int:
        return self.client.staff.store.open_active().version


def quiet(*argv: str | Path) -> None:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        code = kiosk([str(a) for a in argv])
    if code != 0:
        raise SystemExit(f"kiosk {' '.join(map(str, argv))} failed")


def make_bundles(work: Path, kib: int) -> tuple[Path, dict[int, Path]]:
    """Versions 2-4, each with `kib` KiB of incompressible filler (as images would be)."""
    private, public = generate_keypair(work / "keys", "clinic")
    key = load_private_key(private)
    bundles = {}
    for version in (2, 3, 4):
        filler = "notices/filler.bin"
        src = write_bundle(
            work / "src" / str(version),
            bundle_id="clinic-content",
            version=version,
            notices=[filler],
        )
        (src / filler).parent.mkdir(parents=True, exist_ok=True)
        (src / filler).write_bytes(random.Random(version).randbytes(kib * 1024))
        out = work / "bundles" / f"clinic-content-v{version}.kbundle"
        out.parent.mkdir(parents=True, exist_ok=True)
        build_bundle(src, key, out, readability_checks=False)
        bundles[version] = out
    return public, bundles


class Fleet:
    def __init__(self, kiosks: list[Kiosk], interval: float) -> None:
        self.kiosks = kiosks
        self.changed = threading.Condition()
        self.pollers = [Poller(self._timed(k), self._recorder(k), lambda: interval) for k in kiosks]

    @staticmethod
    def _timed(kiosk: Kiosk):  # type: ignore[no-untyped-def]
        return lambda source: (time.monotonic(), kiosk.client.check(source))

    def _recorder(self, kiosk: Kiosk):  # type: ignore[no-untyped-def]
        def record(timed: tuple[float, CheckResult]) -> None:
            started, result = timed
            version = result.active.version if result.active else kiosk.versions[-1]
            with self.changed:
                kiosk.results.append((started, result))
                kiosk.versions.append(version)
                self.changed.notify_all()

        return record

    def run_until(self, done, timeout: float = 300) -> float:  # type: ignore[no-untyped-def]
        start = time.monotonic()
        for poller in self.pollers:
            poller.start()
        with self.changed:
            if not self.changed.wait_for(lambda: done(self.kiosks), timeout):
                raise SystemExit("the fleet did not get there in time")
        return time.monotonic() - start

    def stop(self) -> None:
        for poller in self.pollers:
            poller.stop(60)


def setup(work: Path, count: int, url: str, public: Path) -> list[Kiosk]:
    root = work / "team" / "repository" / "metadata" / "root.json"
    kiosks = []
    for index in range(count):
        staff = Staff.open(work / "kiosks" / f"{index:02d}")
        staff.trust_key(public)
        client = FleetClient(staff)
        client.join(root, url)
        kiosks.append(Kiosk(index, client))
    return kiosks


def step_rollback(fleet: Fleet, work: Path, bundles: dict[int, Path], old: Path) -> None:
    quiet("fleet", "publish", work / "team", bundles[4])
    half = len(fleet.kiosks) // 2
    fleet.run_until(lambda ks: sum(k.versions[-1] == 4 for k in ks) >= half)
    published = work / "team" / "repository"
    shutil.rmtree(published)
    shutil.copytree(old, published)
    switched = time.monotonic()

    def checked_twice_since(ks: list[Kiosk]) -> bool:
        return all(sum(t > switched for t, _ in k.results) >= 2 for k in ks)

    fleet.run_until(checked_twice_since)
    fleet.stop()
    # What each kiosk had when its first check that started after the switch began.
    marks = {
        k.index: next(i for i, (t, _) in enumerate(k.results) if t > switched) for k in fleet.kiosks
    }
    had = {k.index: k.versions[marks[k.index]] for k in fleet.kiosks}
    after = [(k, r) for k in fleet.kiosks for _, r in k.results[marks[k.index] :]]
    installs = collections.Counter(
        r.active.version for _, r in after if r.active and r.outcome == "installed"
    )
    old_installs = sum(n for version, n in installs.items() if version < 4)
    down = sum(min(k.versions[marks[k.index] :]) < had[k.index] for k in fleet.kiosks)
    outcomes = collections.Counter(r.outcome for _, r in after)
    reasons = collections.Counter(r.message.split(" (")[0][:60] for _, r in after)
    print(f"rollback midway: {sum(v == 4 for v in had.values())} had version 4 at the switch")
    print(f"  after the switch: installs by version {dict(installs)}, {down} kiosks went down")
    print(f"  checks after the switch: {dict(outcomes)}")
    for reason, n in reasons.most_common():
        print(f"    {n:4d}  {reason}")
    assert old_installs == 0 and down == 0, "a kiosk took a rolled-back bundle"
    assert all(k.version() >= had[k.index] for k in fleet.kiosks)


def bench(count: int, interval: float, kib: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-fleet-"))
    try:
        public, bundles = make_bundles(work, kib)
        quiet("fleet", "init", work / "team")
        quiet("fleet", "publish", work / "team", bundles[2])
        with serve(work / "team" / "repository") as server:
            kiosks = setup(work, count, server.url, public)
            for k in kiosks:
                k.versions.append(k.client.check().active.version)  # type: ignore[union-attr]
            assert all(v == [2] for v in (k.versions for k in kiosks))
            old = work / "offering-v2"
            shutil.copytree(work / "team" / "repository", old)
            fleet = Fleet(kiosks, interval)

            quiet("fleet", "publish", work / "team", bundles[3])
            served_before = server.behaviour.served
            took = fleet.run_until(lambda ks: all(k.versions[-1] == 3 for k in ks))
            fleet.stop()
            per_kiosk = (server.behaviour.served - served_before) / count / 1024
            size = bundles[3].stat().st_size / 1024
            print(f"kiosks={count} interval={interval:g}s bundle={size:.1f} KiB")
            print(f"all {count} run version 3 after {took:.1f} s")
            print(f"bytes served per kiosk: {per_kiosk:.1f} KiB (the bundle: {size:.1f} KiB)")
            step_rollback(fleet, work, bundles, old)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--interval", type=float, default=4.0, help="seconds between checks")
    parser.add_argument("--bundle-kib", type=int, default=1024, help="filler in each bundle")
    args = parser.parse_args()
    bench(args.kiosks, args.interval, args.bundle_kib)

"""A seeded fuzzer over everything a kiosk reads from outside: bundle archives, signed manifests,
SVG and PNG files, and the state files in its data folder.

Each case mutates a real, valid input (bit flips, byte runs, truncation, insertion, splicing,
hostile numbers and nesting) and feeds it to the real reader. A case ends in one of: accepted,
a clean refusal (BundleError and its subclasses, the state readers' ValueError, or a list of
problems), a crash (any other exception) or a hang (over `CASE_SECONDS`, cut by SIGALRM).
Used by tests/store/test_fuzz.py (a few thousand cases in CI) and bench/bench_fuzz.py (long).
"""

from __future__ import annotations

import collections
import contextlib
import random
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from kiosk.content.images import check_image
from kiosk.content.problems import BundleError
from kiosk.content.signed_manifest import parse_manifest
from kiosk.content.verify import verify_bundle
from kiosk.staff.pin import PinStore
from kiosk.staff.settings import InvalidSettings, Settings
from kiosk.statefile import StateFileError, read_json
from kiosk.store import ready
from kiosk.store.bundle_store import BundleStore
from kiosk.system.startup_guard import StartupGuard

CASE_SECONDS = 5
HOSTILE_SNIPPETS = [
    b"Infinity", b"-Infinity", b"NaN", b"1e400", b"9" * 5000, b"[" * 5000, b"{" * 5000,
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
    b"<?xml-stylesheet href='http://x'?>", b"<use href='#a'/>" * 50, b"\"", b"\\u0000",
    b"PK\x05\x06", b"PK\x03\x04", b"IHDR", b"zTXt", b"IEND", b"\xff\xff\xff\xff",
]  # fmt: skip


class Hang(Exception):
    pass


@dataclass
class Totals:
    cases: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    by_target: collections.Counter[str] = field(default_factory=collections.Counter)

    def line(self) -> str:
        return (
            f"fuzz: {self.cases} cases ({dict(self.by_target)}), {self.accepted} accepted, "
            f"{self.refused} clean refusals, {len(self.crashes)} crashes, {len(self.hangs)} hangs"
        )


def mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if choice == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            out[at : at + rng.randint(1, 64)] = rng.randbytes(rng.randint(0, 64))
        elif choice == 2:
            del out[rng.randrange(len(out) + 1) :]
        elif choice == 3:
            out[at:at] = rng.choice(HOSTILE_SNIPPETS)
        elif choice == 4 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start : start + rng.randint(1, 256)]
        else:
            out = bytearray(rng.randbytes(rng.randint(0, 256))) + out[at:]
    return bytes(out)


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


Target = Callable[[bytes, Path], object]
Clean = tuple[type[BaseException], ...]  # the exceptions that are clean refusals for a target


def _archive(keys: list[object]) -> Target:
    def run(data: bytes, work: Path) -> object:
        path = work / "fuzz.kbundle"
        path.write_bytes(data)
        return verify_bundle(path, keys)  # type: ignore[arg-type]

    return run


def _state_files(data: bytes, work: Path) -> object:
    """Every state reader on the same bytes (reading only: the writes would cost fsyncs)."""
    for name in ("settings.json", "startup.json", "pin.json", "state.json"):
        (work / name).write_bytes(data)
    with contextlib.suppress(InvalidSettings, StateFileError):
        Settings.from_json(read_json(work / "settings.json"))
    _ = StartupGuard(work).quick_crashes
    PinStore(work / "pin.json").is_set()
    with contextlib.suppress(ValueError):  # read_state's documented "damaged"
        BundleStore(work, work, "").read_state()
    return None


def _ready_copy(data: bytes, work: Path) -> object:
    return ready.load(data, work, "ab" * 32, b"k" * 32)


def targets(corpus: dict[str, bytes], keys: list[object]) -> dict[str, tuple[bytes, Target, Clean]]:
    """Name -> (seed input, reader, clean refusals) for every input kind. The state readers
    and the image checks never raise: they report and use defaults, or list problems."""
    bundle: Clean = (BundleError,)
    return {
        "archive": (corpus["archive"], _archive(keys), bundle),
        "manifest": (corpus["manifest"], lambda data, _work: parse_manifest(data), bundle),
        "svg": (corpus["svg"], lambda data, _work: check_image("x.svg", data), ()),
        "png": (corpus["png"], lambda data, _work: check_image("x.png", data), ()),
        "state": (corpus["state"], _state_files, ()),
        "ready": (corpus["ready"], _ready_copy, (ready.ReadyCopyError,)),
    }


def run(
    corpus: dict[str, bytes], keys: list[object], work: Path, *, cases: int, seed: int
) -> Totals:
    rng = random.Random(seed)
    chosen = targets(corpus, keys)
    names = sorted(chosen)
    totals = Totals()
    for number in range(cases):
        name = names[number % len(names)]
        seed_input, target, clean = chosen[name]
        data = mutate(rng, seed_input)
        totals.cases += 1
        totals.by_target[name] += 1
        started = time.monotonic()
        try:
            with _deadline(CASE_SECONDS):
                outcome = target(data, work)
            if isinstance(outcome, list) and outcome:
                totals.refused += 1  # the image checks list their problems
            else:
                totals.accepted += 1
        except Hang:
            totals.hangs.append(f"{name} case {number} (seed {seed})")
        except Exception as exc:
            if isinstance(exc, clean):
                totals.refused += 1
            else:
                totals.crashes.append(f"{name} case {number}: {traceback.format_exc(limit=4)}")
        if time.monotonic() - started > CASE_SECONDS:
            totals.hangs.append(f"{name} case {number} took too long")
    return totals

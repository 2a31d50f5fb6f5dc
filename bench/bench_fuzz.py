"""The long fuzz run: the CI fuzzer (tests/store/fuzzing.py) with many more cases and any seed.

    .venv/bin/python bench/bench_fuzz.py --cases 50000 --seed 1

Prints the totals (cases, accepted, clean refusals, crashes, hangs) and the first crashes; exits
1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # a damaged startup.json is logged on every state case

    from kiosk.content.authoring import build_bundle
    from kiosk.content.signing import generate_keypair, load_private_key, load_public_key
    from tests.content.bundle_factory import write_bundle
    from tests.store import fuzzing
    from tests.store.test_fuzz import corpus

    with tempfile.TemporaryDirectory(prefix="kiosk-fuzz-") as temp:
        folder = Path(temp)
        private, public = generate_keypair(folder / "keys", "fuzz")
        source = write_bundle(folder / "src", languages=("en", "es"))
        kbundle = folder / "fuzz.kbundle"
        build_bundle(source, load_private_key(private), kbundle, readability_checks=False)
        work = folder / "work"
        work.mkdir()
        started = time.perf_counter()
        totals = fuzzing.run(
            corpus(kbundle), [load_public_key(public)], work, cases=args.cases, seed=args.seed
        )
        elapsed = time.perf_counter() - started
    print(f"{totals.line()} in {elapsed:.1f} s (seed {args.seed})")
    for problem in (totals.crashes + totals.hangs)[:5]:
        print(problem)
    return 1 if totals.crashes or totals.hangs else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: `verify_bundle` on a ~200 MB bundle against `sha256sum` of the same file.

Builds, in a temporary folder, a bundle from the test factory plus large incompressible notice
files (stored, not deflated), then times:

- verify_bundle in a child process (best of a few runs, import time excluded);
- `sha256sum` over the .kbundle file (best of the same number of runs);

and reads the peak RSS of the verify child from RUSAGE_CHILDREN, after a baseline child that only
imports the modules, to show that memory stays flat however big the bundle is.

Run: .venv/bin/python bench/bench_verify.py [--mb 200] [--runs 3]
Not part of the test suite. Target: ratio (verify / sha256sum throughput) >= 0.8.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content.authoring import build_bundle  # noqa: E402
from kiosk.content.signing import generate_keypair, load_private_key  # noqa: E402
from tests.content.bundle_factory import write_bundle  # noqa: E402

MB = 1_000_000
NOTICE_FILES = 4
CHUNK = 1024 * 1024

BASELINE = "import kiosk.content.verify, kiosk.content.signing"
VERIFY = """
import resource, sys, time
from pathlib import Path
from kiosk.content.verify import verify_bundle
from kiosk.content.signing import load_public_key

key = load_public_key(Path(sys.argv[1]))
start = time.perf_counter()
info = verify_bundle(Path(sys.argv[2]), [key])
seconds = time.perf_counter() - start
print(seconds, info.file_count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def write_random(path: Path, size: int) -> None:
    with path.open("wb") as out:
        left = size
        while left:
            count = min(CHUNK, left)
            out.write(os.urandom(count))
            left -= count


def make_bundle(folder: Path, total_mb: int) -> tuple[Path, Path]:
    notices = [f"notices/blob-{i}.bin" for i in range(NOTICE_FILES)]
    src = write_bundle(folder / "src", languages=("en", "es"), notices=notices)
    (src / "notices").mkdir()
    for name in notices:
        write_random(src / name, total_mb * MB // NOTICE_FILES)
    private_path, public_path = generate_keypair(folder / "keys")
    out = folder / "big.kbundle"
    build_bundle(src, load_private_key(private_path), out, readability_checks=False)
    with zipfile.ZipFile(out) as archive:
        for name in notices:  # incompressible, so the builder stores them
            assert archive.getinfo(name).compress_type == zipfile.ZIP_STORED
    return out, public_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the notice files in MB")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each, best is kept")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as temp:
        folder = Path(temp)
        started = time.perf_counter()
        bundle, public_path = make_bundle(folder, args.mb)
        build_s = time.perf_counter() - started
        size = bundle.stat().st_size

        child(BASELINE)
        baseline_rss = peak_children_mb()

        verify_times = []
        for _ in range(args.runs):
            seconds, files, self_rss_kib = child(VERIFY, str(public_path), str(bundle)).split()
            verify_times.append(float(seconds))
        verify_rss = peak_children_mb()

        sha_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(["sha256sum", str(bundle)], check=True, capture_output=True)
            sha_times.append(time.perf_counter() - started)

    verify_mb_s = size / MB / min(verify_times)
    sha_mb_s = size / MB / min(sha_times)
    print(f"bundle_mb={size / MB:.1f} files={files} build_s={build_s:.2f}")
    print(
        f"verify_mb_s={verify_mb_s:.0f} sha256sum_mb_s={sha_mb_s:.0f} "
        f"ratio={verify_mb_s / sha_mb_s:.2f} "
        f"verify_peak_rss_mb={verify_rss:.1f} baseline_rss_mb={baseline_rss:.1f}"
    )
    # The verify child's own peak, in case RUSAGE_CHILDREN's maximum hides it under the baseline.
    print(f"verify_self_peak_rss_mb={int(self_rss_kib) / 1024:.1f}")


if __name__ == "__main__":
    main()

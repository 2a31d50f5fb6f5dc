"""Benchmark: narration of the built-in bundle, built twice in the same run.

Copies resources/bundle (without its narration and seal) to a temporary folder and builds it
with `--narration none` (the baseline) and `--narration required` (espeak-ng + oggenc), then
prints the build times (their difference is the narration's render time), the .kbundle sizes,
and per language the narration's bytes, its minutes of speech and KB per minute.

Run: .venv/bin/python bench/bench_narration.py
Not part of the test suite. Needs espeak-ng and oggenc (apt-get install espeak-ng vorbis-tools).
Budget: the frozen build (~147 MB without narration) must stay <= 150 MB.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from kiosk.content.authoring import build_bundle  # noqa: E402
from kiosk.content.narration_build import NarrationMode  # noqa: E402
from kiosk.content.narration_index import INDEX_PATH, read_index  # noqa: E402
from kiosk.content.narration_render import RATE, Speech, joined  # noqa: E402
from kiosk.content.narration_units import page_units  # noqa: E402
from kiosk.content.validate import load_folder  # noqa: E402

MB = 1_000_000
KB = 1_000


def build(src: Path, out: Path, mode: NarrationMode) -> float:
    start = time.perf_counter()
    built = build_bundle(
        src, Ed25519PrivateKey.generate(), out, readability_checks=False, narration=mode
    )
    seconds = time.perf_counter() - start
    for warning in built.warnings:
        if "draft" not in warning.message:  # the built-in bundle's pages are all drafts
            print(f"  ({warning})")
    return seconds


def per_language(kbundle: Path) -> None:
    with zipfile.ZipFile(kbundle) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
        index = read_index(archive.read(INDEX_PATH))
    print(f"index_kb={sizes[INDEX_PATH] / KB:.1f}")
    for lang, narration in index.languages.items():
        pages = narration.pages.values()
        texts = narration.texts.values()
        page_bytes = sum(sizes[p.file] for p in pages)
        text_bytes = sum(sizes[t.file] for t in texts)
        minutes = sum(p.duration for p in pages) / 60
        text_minutes = sum(t.duration for t in texts) / 60
        print(
            f"{lang}: voice={narration.voice!r} narration_mb={(page_bytes + text_bytes) / MB:.2f} "
            f"pages={len(narration.pages)} page_minutes={minutes:.1f} "
            f"page_kb_per_min={page_bytes / KB / minutes:.0f} "
            f"texts={len(narration.texts)} text_kb={text_bytes / KB:.0f} "
            f"all_kb_per_min={(page_bytes + text_bytes) / KB / (minutes + text_minutes):.0f}"
        )


def sample_rates(src: Path, tmp: Path) -> None:
    """The longest English page encoded at other sample rates (all at the lowest quality)."""
    bundle = load_folder(src)
    page = max(bundle.pages, key=lambda p: len(page_units(p.text["en"], bundle.ui("en"))))
    speech = Speech.find()
    assert speech is not None
    units = page_units(page.text["en"], bundle.ui("en"))
    pcm, _ = joined([speech.say("en-us", unit) for unit in units])
    for rate in (22050, RATE, 11025, 8000):
        out = tmp / f"{rate}.ogg"
        speech.encode(pcm, out, serial=1, rate=rate)
        kb_per_min = out.stat().st_size / KB / (pcm.seconds / 60)
        chosen = " (chosen)" if rate == RATE else ""
        print(f"rate_hz={rate} page={page.id} kb_per_min={kb_per_min:.0f}{chosen}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-narration-") as tmp:
        src = Path(tmp) / "bundle"
        shutil.copytree(
            ROOT / "resources" / "bundle",
            src,
            ignore=shutil.ignore_patterns("narration", "manifest.json", "manifest.sig"),
        )
        plain, narrated = Path(tmp) / "plain.kbundle", Path(tmp) / "narrated.kbundle"
        plain_s = build(src, plain, "none")
        narrated_s = build(src, narrated, "required")
        plain_mb, narrated_mb = plain.stat().st_size / MB, narrated.stat().st_size / MB
        print(f"build_s baseline(no narration)={plain_s:.2f} with_narration={narrated_s:.2f}")
        print(f"narration_render_s={narrated_s - plain_s:.2f}")
        print(
            f"kbundle_mb baseline(no narration)={plain_mb:.2f} with_narration={narrated_mb:.2f} "
            f"narration_adds_mb={narrated_mb - plain_mb:.2f}"
        )
        per_language(narrated)
        sample_rates(src, Path(tmp))


if __name__ == "__main__":
    main()

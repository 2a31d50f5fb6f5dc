"""The seeded fuzzer in CI: a few thousand hostile inputs, only clean refusals, no hang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.store import ready
from tests.content import pngcraft
from tests.store import fuzzing
from tests.store.conftest import KeyPair, MakeBundle

CI_CASES = 3000
SEED = 20261129


def corpus(kbundle: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(kbundle) as archive:
        manifest = archive.read("manifest.json")
    bundle = load_folder(default_bundle_dir())
    state = {
        "format": 1,
        "active": {"folder": "a-v1-abcdef", "installed_at": "2026-11-21T09:30:00+00:00"},
        "history": [],
        "highest": {"a": 1},
        "failures": 2,
        "locked_until": 0.0,
        "unhealthy_starts": 1,
        "idle_seconds": 90,
    }
    return {
        "archive": kbundle.read_bytes(),
        "manifest": manifest,
        "svg": next((default_bundle_dir() / "images").glob("*.svg")).read_bytes(),
        "png": pngcraft.png(8, 8, extra=[pngcraft.chunk(b"tEXt", b"Comment\0hello")]),
        "state": json.dumps(state).encode(),
        "ready": ready.dump(bundle, {}, "ab" * 32, b"k" * 32),
    }


def test_fuzz_gives_only_clean_refusals(
    make_bundle: MakeBundle, keys: KeyPair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    totals = fuzzing.run(corpus(make_bundle(1)), [keys.public], work, cases=CI_CASES, seed=SEED)
    with capsys.disabled():
        print(f"\n{totals.line()}")
    assert totals.crashes == []
    assert totals.hangs == []
    assert totals.cases == CI_CASES
    assert totals.refused > CI_CASES // 2  # the mutations do reach the checks

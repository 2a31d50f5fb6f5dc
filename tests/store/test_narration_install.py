"""A kiosk installs a bundle with narration, and refuses one whose narration is wrong even when
a trusted key signed it; at each start its clips are left to be checked when played."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.content import sealed
from kiosk.content.narration_index import (
    Cue,
    LanguageNarration,
    NarrationIndex,
    PageAudio,
    TextAudio,
    index_bytes,
)
from kiosk.content.narration_render import Speech
from kiosk.content.narration_units import bundle_pages, text_key, units_key
from kiosk.content.ogg_check import check_ogg
from kiosk.content.sealed import MANIFEST_JSON, MANIFEST_SIG
from kiosk.content.validate import load_folder
from kiosk.speech.narration import Narration
from kiosk.store.bundle_store import BundleStore
from kiosk.store.errors import StoreError
from tests.content.conftest import KeyPair
from tests.content.zipcraft import members, rewrite_zip
from tests.store.conftest import MakeBundle

pytestmark = pytest.mark.skipif(
    Speech.find() is None, reason="needs espeak-ng and oggenc (.ci/run installs them)"
)

PAGE = "narration/en/page-disclaimer.ogg"
TEXT = "narration/en/text-home.ogg"


def _narrate(src: Path) -> None:
    """A small narration/ made by hand: the English disclaimer and the word "Home"."""
    speech = Speech.find()
    assert speech is not None
    said = units_key(bundle_pages(load_folder(src), "en")["disclaimer"])
    (src / "narration" / "en").mkdir(parents=True)
    speech.encode(speech.say("en-us", "Please note. This is general help."), src / PAGE, 1)
    speech.encode(speech.say("en-us", "Home"), src / TEXT, 2)
    cues = (Cue(0, 0.0), Cue(1, 0.9))
    page = PageAudio(PAGE, check_ogg(src / PAGE).duration, cues, said)
    english = LanguageNarration(
        voice="espeak-ng en-us",
        pages={"disclaimer": page},
        texts={text_key("Home"): TextAudio(TEXT, check_ogg(src / TEXT).duration)},
    )
    index = NarrationIndex(format=1, languages={"en": english})
    (src / "narration" / "index.json").write_bytes(index_bytes(index))


def _resigned(kbundle: Path, out: Path, keys: KeyPair, name: str, data: bytes) -> Path:
    """The bundle with one file replaced and the manifest signed again by the trusted key:
    what a careless (or compromised) build machine would ship."""
    document = json.loads(members(kbundle)[MANIFEST_JSON])
    for entry in document["files"]:
        if entry["path"] == name:
            entry["sha256"], entry["size"] = hashlib.sha256(data).hexdigest(), len(data)
    manifest = json.dumps(document).encode()
    replace = {name: data, MANIFEST_JSON: manifest, MANIFEST_SIG: keys.private.sign(manifest)}
    return rewrite_zip(kbundle, out, replace=replace)


def test_a_bundle_with_narration_installs_and_its_audio_is_there(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    active = store.install(make_bundle(2, edit=_narrate))
    assert active.version == 2
    assert check_ogg(active.path / PAGE).duration > 1.0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (TEXT, b"RIFF\0\0\0\0WAVEfmt ", "the audio file is not an Ogg file"),
        (
            "narration/index.json",
            b'{"format": 1, "languages": {"en": {"voice": "x", '
            b'"pages": {"surgery": {"file": "narration/en/page-disclaimer.ogg", "duration": 2.0, '
            b'"cues": [{"unit": 0, "at": 0.0}], "said": "0123456789abcdef"}}}}}',
            "the bundle has no page 'surgery'",
        ),
        (
            "narration/index.json",
            b'{"format": 1, "languages": {"en": {"voice": "x", '
            b'"pages": {"disclaimer": {"file": "narration/en/page-disclaimer.ogg", '
            b'"duration": 2.0, "cues": [{"unit": 0, "at": 0.0}], "said": "0123456789abcdef"}}}}}',
            "made from an earlier version of its text",
        ),
    ],
)
def test_a_signed_bundle_with_wrong_narration_is_refused(
    store: BundleStore,
    make_bundle: MakeBundle,
    keys: KeyPair,
    tmp_path: Path,
    name: str,
    data: bytes,
    message: str,
) -> None:
    good = make_bundle(2, edit=_narrate)
    bad = _resigned(good, tmp_path / "bad.kbundle", keys, name, data)
    before = store.open_active().version
    with pytest.raises(StoreError) as refused:
        store.install(bad)
    assert refused.value.summary.startswith("The bundle's content is not valid: ERROR narration/")
    assert message in refused.value.summary
    assert store.open_active().version == before


def test_the_start_leaves_the_clips_to_be_checked_when_played(
    store: BundleStore, make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every other file is hashed at each start; the clips (99 % of a narrated bundle's bytes)
    are handed over with their signed digests instead."""
    store.install(make_bundle(2, edit=_narrate))  # writes the ready copy
    hashed: list[str] = []
    real = sealed.hash_file

    def counting(path: sealed.StrPath, rel: str, limit: int) -> sealed.Digest:
        hashed.append(rel)
        return real(path, rel, limit)

    monkeypatch.setattr(sealed, "hash_file", counting)
    served = store.serve()
    assert (served.source, served.bundle.version) == ("installed", 2)
    assert set(served.bundle.clip_digests) == {PAGE, TEXT}
    assert "narration/index.json" in hashed
    assert not [rel for rel in hashed if rel.endswith(".ogg")]


@pytest.mark.parametrize("damage", ["changed", "emptied", "deleted"])
def test_a_clip_damaged_after_install_is_never_played(
    store: BundleStore, make_bundle: MakeBundle, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    """The pages and the other clips stay; the damaged clip is not offered (logged)."""
    installed = store.install(make_bundle(2, edit=_narrate))
    clip = installed.path / PAGE
    if damage == "changed":
        data = bytearray(clip.read_bytes())
        data[len(data) // 2] ^= 0xFF
        clip.write_bytes(bytes(data))
    elif damage == "emptied":
        clip.write_bytes(b"")
    else:
        clip.unlink()
    served = store.serve()
    assert (served.source, served.bundle.version) == ("installed", 2)
    narration = Narration.of_bundle(served.bundle.root, served.bundle.clip_digests)
    assert narration is not None
    assert narration.page("en", "disclaimer") is None
    assert narration.texts("en", ["Home"]) == [served.bundle.root / TEXT]
    assert f"narration clip {PAGE} is not as signed" in caplog.text


def test_an_unsigned_clip_still_stops_the_start(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    """Only the hashing waits: a file the manifest does not list is refused at start as ever."""
    installed = store.install(make_bundle(2, edit=_narrate))
    (installed.path / "narration" / "en" / "text-extra.ogg").write_bytes(b"OggS")
    assert store.serve().source != "installed"

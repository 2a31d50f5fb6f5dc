"""The ready copy: a validated bundle saved so the app can start without validating again."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest

from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.content.sealed import Digest, check_files, collect_files, hash_file, read_seal
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.store import ready
from kiosk.store.ready import ReadyCopyError

SEAL = "ab" * 32
KEY = b"k" * 32  # the ready-copy key (kept outside the data folder)


@pytest.fixture(scope="module")
def default_bundle() -> Bundle:
    return load_folder(default_bundle_dir())


def files_of(folder: Path) -> dict[str, Digest]:
    return {rel: hash_file(path, rel, 1 << 30) for rel, path in collect_files(folder)}


def test_a_copy_reads_back_as_the_same_bundle(default_bundle: Bundle, tmp_path: Path) -> None:
    files = files_of(default_bundle.root)
    data = ready.dump(default_bundle, files, SEAL, KEY)
    copy = ready.load(data, default_bundle.root, SEAL, KEY)
    assert copy.bundle == default_bundle  # every page, language, location and UI text
    assert copy.files == files
    # Moved with its folder, the copy points into the new place.
    moved = ready.load(data, tmp_path, SEAL, KEY).bundle
    assert moved.root == tmp_path
    assert moved.treatments[0].illustration == tmp_path / default_bundle.treatments[
        0
    ].illustration.relative_to(default_bundle.root)


def test_the_start_up_check_finds_changed_missing_and_extra_files(
    default_bundle: Bundle, tmp_path: Path
) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(default_bundle.root, folder)
    copy = ready.load(ready.dump(default_bundle, files_of(folder), SEAL, KEY), folder, SEAL, KEY)
    check_files(folder, copy.files)  # untouched: passes
    page = next(folder.glob("pages/*.md"))
    original = page.read_bytes()
    page.write_bytes(original.replace(b"e", b"E", 1))
    with pytest.raises(BundleError, match="was changed after the bundle was signed"):
        check_files(folder, copy.files)
    page.unlink()
    with pytest.raises(BundleError, match="is missing"):
        check_files(folder, copy.files)
    page.write_bytes(original)
    (folder / "pages" / "extra.en.md").write_text("# Extra\n")
    with pytest.raises(BundleError, match=r"not signed: pages/extra\.en\.md"):
        check_files(folder, copy.files)
    assert read_seal(folder) == read_seal(default_bundle.root)


def test_a_damaged_copy_is_refused(default_bundle: Bundle) -> None:
    data = bytearray(ready.dump(default_bundle, {}, SEAL, KEY))
    data[len(data) // 2] ^= 0x20
    with pytest.raises(ReadyCopyError, match="damaged"):
        ready.load(bytes(data), default_bundle.root, SEAL, KEY)
    with pytest.raises(ReadyCopyError):
        ready.load(b"", default_bundle.root, SEAL, KEY)


def test_a_copy_of_another_seal_is_refused(default_bundle: Bundle) -> None:
    data = ready.dump(default_bundle, {}, SEAL, KEY)
    with pytest.raises(ReadyCopyError, match="another seal"):
        ready.load(data, default_bundle.root, "cd" * 32, KEY)


def test_a_copy_made_by_other_code_is_refused(
    default_bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ready.dump(default_bundle, {}, SEAL, KEY)
    monkeypatch.setattr(ready, "code_stamp", lambda: "a-newer-app")
    with pytest.raises(ReadyCopyError, match="another version"):
        ready.load(data, default_bundle.root, SEAL, KEY)


def test_the_code_stamp_follows_the_renderer_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = ready.code_stamp()
    assert ready.code_stamp() == before
    monkeypatch.setattr(ready, "_RENDERERS", (*ready._RENDERERS, "not-there.py"))
    assert ready.code_stamp() != before


def reframed(data: bytes, edit: dict[str, object]) -> bytes:
    """The copy with its JSON edited and its checksum made to match (a copy written by a bug,
    not by damage)."""
    _, _, body = data.partition(b"\n")
    raw = json.loads(body)
    raw["bundle"].update(edit)
    new_body = json.dumps(raw).encode()
    mac = hmac.new(KEY, new_body, hashlib.sha256).hexdigest()
    return f"kiosk-ready-copy {ready.READY_FORMAT} {mac}\n".encode() + new_body


@pytest.mark.parametrize(
    "edit",
    [
        {"locations_illustration": "../../etc/passwd"},
        {"version": "1"},
        {"version": True},
        {"languages": "en"},
        {"about": [{"kind": "treatment"}]},
        {"organization": ["only a name"]},
        {"organization": ["Clinic", "https://x.test", ["01", "10"]]},
        {"organization": ["Clinic", "https://x.test", ["2" * 21] * 21]},
    ],
)
def test_a_copy_of_the_wrong_shape_is_refused(
    default_bundle: Bundle, edit: dict[str, object]
) -> None:
    data = reframed(ready.dump(default_bundle, {}, SEAL, KEY), edit)
    with pytest.raises(ReadyCopyError):
        ready.load(data, default_bundle.root, SEAL, KEY)


def test_a_copy_with_a_path_out_of_the_folder_is_refused(default_bundle: Bundle) -> None:
    page = dataclasses.replace(
        default_bundle.about[0], illustration=default_bundle.root / "img" / ".." / ".." / "x.svg"
    )
    bundle = dataclasses.replace(default_bundle, about=(page, *default_bundle.about[1:]))
    with pytest.raises(ReadyCopyError, match="not a path inside"):
        ready.load(ready.dump(bundle, {}, SEAL, KEY), default_bundle.root, SEAL, KEY)


def test_every_kind_of_block_and_review_reads_back(tmp_path: Path) -> None:
    from tests.content.bundle_factory import ABOUT, write_bundle

    folder = write_bundle(tmp_path / "b", languages=("en", "es"))
    extra = (
        "\n> [!EMERGENCY]\n> Call **911** *now*.\n> - a\n\n> [!DOCTOR]\n> Call.\n\n"
        "### Small\n\n3. three\n   - nested\n\n4. four\n\n   more\n"
    )
    for lang in ("en", "es"):
        page = folder / "pages" / f"what-is-clonus.{lang}.md"
        page.write_text(ABOUT[lang] + extra, encoding="utf-8")
    toml = folder / "bundle.toml"
    toml.write_text(toml.read_text().replace('review = { by = "Test Writer, PT", ', "review = { "))
    bundle = load_folder(folder)
    assert bundle.drafts()  # a review with a date and no reviewer: a draft, kept as one
    copy = ready.load(ready.dump(bundle, files_of(folder), SEAL, KEY), folder, SEAL, KEY)
    assert copy.bundle == bundle


def test_a_copy_edited_by_whoever_writes_the_data_folder_is_refused(
    default_bundle: Bundle,
) -> None:
    """Changing a title and fixing up a plain checksum (all an attacker without the key can
    do) is caught; so is a copy made under another kiosk's key."""
    data = ready.dump(default_bundle, {}, SEAL, KEY)
    _, _, body = data.partition(b"\n")
    raw = json.loads(body)
    raw["bundle"]["organization"][0] = "Evil Clinic"
    forged_body = json.dumps(raw).encode()
    forged = f"kiosk-ready-copy {ready.READY_FORMAT} ".encode()
    forged += hashlib.sha256(forged_body).hexdigest().encode() + b"\n" + forged_body
    with pytest.raises(ReadyCopyError, match="forged"):
        ready.load(forged, default_bundle.root, SEAL, KEY)
    with pytest.raises(ReadyCopyError):
        ready.load(data, default_bundle.root, SEAL, b"x" * 32)

"""Every refusal: one clear sentence, recorded for staff, and the active bundle untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from kiosk.content.sealed import MANIFEST_JSON, MANIFEST_SIG
from kiosk.staff.log import StaffLog
from kiosk.store.bundle_store import BundleStore
from kiosk.store.errors import StoreError
from tests.content.zipcraft import members, rewrite_zip
from tests.store.conftest import KeyPair, MakeBundle, leftovers, snapshot


class Before(NamedTuple):
    files: dict[str, str]
    active: Path
    version: int


@pytest.fixture
def installed(store: BundleStore, make_bundle: MakeBundle) -> Iterator[Before]:
    """Version 2 is active (version 1 before it); yields what the store looked like."""
    store.install(make_bundle(1))
    active = store.install(make_bundle(2))
    yield Before(snapshot(store.root), active.path, active.version)


def refused(store: BundleStore, log: StaffLog, path: Path, before: Before) -> str:
    """Installs `path`, expecting a refusal; checks nothing changed; returns the sentence."""
    with pytest.raises(StoreError) as info:
        store.install(path)
    sentence = info.value.summary
    assert "\n" not in sentence and sentence.endswith((".", ")"))
    assert snapshot(store.root) == before.files
    assert leftovers(store) == []
    served = BundleStore(
        store.root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
    ).serve()
    assert (served.bundle.root, served.bundle.version, served.source) == (
        before.active,
        before.version,
        "installed",
    )
    entry = log.recent(1)[0]
    assert (entry.action, entry.message, entry.details["file"]) == ("refusal", sentence, path.name)
    return sentence


def resign(src: Path, dst: Path, key: KeyPair, replace: dict[str, bytes]) -> Path:
    """A copy with files replaced and a manifest re-signed by `key`: validly signed content
    that only a buggy or malicious builder would produce."""
    document = json.loads(members(src)[MANIFEST_JSON])
    for entry in document["files"]:
        if entry["path"] in replace:
            data = replace[entry["path"]]
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
    manifest = (json.dumps(document, indent=2) + "\n").encode()
    return rewrite_zip(
        src,
        dst,
        replace={**replace, MANIFEST_JSON: manifest, MANIFEST_SIG: key.private.sign(manifest)},
    )


def test_bad_signature(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    good = make_bundle(3)
    signature = bytearray(members(good)[MANIFEST_SIG])
    signature[0] ^= 1
    bad = rewrite_zip(good, tmp_path / "bad-sig.kbundle", replace={MANIFEST_SIG: bytes(signature)})
    assert refused(store, log, bad, installed) == "The bundle's signature is not valid."


def test_unsigned(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    bad = rewrite_zip(make_bundle(3), tmp_path / "unsigned.kbundle", drop=[MANIFEST_SIG])
    assert refused(store, log, bad, installed) == (
        "The bundle is not signed (it has no manifest.sig)."
    )


def test_unknown_signer(
    store: BundleStore,
    log: StaffLog,
    make_bundle: MakeBundle,
    other_keys: KeyPair,
    installed: Before,
) -> None:
    bad = make_bundle(3, key=other_keys)
    assert refused(store, log, bad, installed) == (
        f"The bundle was signed by key {other_keys.id}, which this kiosk does not trust."
    )


def test_tampered_file(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    good = make_bundle(3)
    page = "pages/stretching.en.md"
    bad = rewrite_zip(good, tmp_path / "t.kbundle", replace={page: b"# Buy our pills\n"})
    assert refused(store, log, bad, installed) == (
        f"The file {page} was changed after the bundle was signed."
    )


def test_tampered_manifest(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    good = make_bundle(3)
    document = json.loads(members(good)[MANIFEST_JSON])
    document["version"] = 99
    bad = rewrite_zip(
        good, tmp_path / "m.kbundle", replace={MANIFEST_JSON: json.dumps(document).encode()}
    )
    assert refused(store, log, bad, installed) == "The bundle's signature is not valid."


def test_missing_file(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    bad = rewrite_zip(make_bundle(3), tmp_path / "x.kbundle", drop=["images/stretching.svg"])
    assert refused(store, log, bad, installed) == (
        "The file images/stretching.svg listed in the bundle is missing."
    )


def test_extra_unsigned_file(
    tmp_path: Path, store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    bad = rewrite_zip(make_bundle(3), tmp_path / "x.kbundle", add={"run-me.sh": b"rm -rf /"})
    assert refused(store, log, bad, installed) == (
        "The bundle contains a file that was not signed: run-me.sh."
    )


def test_schema_error(
    tmp_path: Path,
    store: BundleStore,
    log: StaffLog,
    make_bundle: MakeBundle,
    keys: KeyPair,
    installed: Before,
) -> None:
    good = make_bundle(3)
    toml = members(good)["bundle.toml"].replace(b"version = 3\n", b"version = 3\ncolour = 1\n")
    bad = resign(good, tmp_path / "schema.kbundle", keys, {"bundle.toml": toml})
    sentence = refused(store, log, bad, installed)
    assert sentence.startswith("The bundle's bundle.toml is not valid (colour:")


def test_signed_content_the_app_cannot_show(
    tmp_path: Path,
    store: BundleStore,
    log: StaffLog,
    make_bundle: MakeBundle,
    keys: KeyPair,
    installed: Before,
) -> None:
    good = make_bundle(3)
    pages = {name: data for name, data in members(good).items() if name.endswith(".md")}
    name, data = next(iter(sorted(pages.items())))
    bad = resign(good, tmp_path / "markup.kbundle", keys, {name: data + b"\n[a link](x)\n"})
    sentence = refused(store, log, bad, installed)
    assert sentence.startswith(f"The bundle's content is not valid: ERROR {name}: line ")
    assert "link is not allowed" in sentence


def test_not_a_zip(tmp_path: Path, store: BundleStore, log: StaffLog, installed: Before) -> None:
    bad = tmp_path / "holiday-photos.kbundle"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a zip at all" * 100)
    assert refused(store, log, bad, installed) == (
        "The file is not a bundle (it is not a readable zip archive)."
    )


@pytest.mark.parametrize("version", [1, 2])
def test_version_not_higher(
    store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before, version: int
) -> None:
    assert refused(store, log, make_bundle(version), installed) == (
        f"This bundle is version {version}, not newer than the active version 2; "
        "use Roll back to return to an older bundle."
    )
    assert store.preview_install(make_bundle(version)).blocked is not None


def test_not_enough_disk_space_is_checked_before_copying(
    store: BundleStore,
    log: StaffLog,
    make_bundle: MakeBundle,
    installed: Before,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_bundle(3)
    real = shutil.disk_usage

    def nearly_full(where: str | Path) -> shutil._ntuple_diskusage:
        usage = real(where)
        return usage._replace(free=3 * 1024 * 1024)

    def no_copy(*args: object, **kwargs: object) -> None:
        raise AssertionError("copying started")

    monkeypatch.setattr("kiosk.store.installer.shutil.disk_usage", nearly_full)
    monkeypatch.setattr("kiosk.content.verify.extract_bundle", no_copy)
    sentence = refused(store, log, path, installed)
    assert sentence.startswith("There is not enough free disk space: the bundle needs ")
    assert sentence.endswith("and 3.0 MiB is free.")


def test_no_trusted_key_yet(
    store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before, keys: KeyPair
) -> None:
    # Distrusting the key also stops the active bundle from verifying, so check the refusal
    # in a fresh store that has only the built-in bundle.
    fresh = BundleStore(
        store.root.parent / "fresh",
        store.builtin,
        store.builtin_pin,
        secrets_folder=store.secret_dir,
    )
    with pytest.raises(StoreError, match="No signing key is trusted yet"):
        fresh.install(make_bundle(3))
    assert fresh.open_active().source == "builtin"
    assert not (fresh.root / "state.json").exists()


def test_another_install_in_progress(
    store: BundleStore, log: StaffLog, make_bundle: MakeBundle, installed: Before
) -> None:
    path = make_bundle(3)
    with store.locked() as locked:
        assert locked
        with pytest.raises(StoreError, match="Another install or rollback is in progress"):
            store.install(path)
        with pytest.raises(StoreError, match="Another install or rollback is in progress"):
            store.rollback()
    assert snapshot(store.root) == installed.files

"""Trust that can be taken back, no publicly known key, the built-in bundle pinned, and what
staff see is what patients see (issue 12)."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.content import pinned, signing
from kiosk.content.problems import BundleError
from kiosk.content.sealed import read_seal
from kiosk.staff.log import StaffLog
from kiosk.staff.service import Staff
from kiosk.store import trust
from kiosk.store.choice import choose_bundle
from kiosk.store.errors import StoreError
from tests.content.conftest import BUILT_AT
from tests.store.conftest import KeyPair, MakeBundle, make_keypair

ROOT = Path(__file__).resolve().parents[2]
# The built-in bundle's old public key: its private half was committed to the repository.
LEAKED_PUBLIC_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAez9tFxy7R4DmoIv+0gJA+klpIA8cr0ufOXBisyIbY98=\n"
    "-----END PUBLIC KEY-----\n"
)
PEM_PRIVATE = re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]{40,}-----END")


def test_no_private_key_is_in_the_repository() -> None:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    found = []
    for name in filter(None, names):
        path = ROOT / name.decode()
        if path.suffix in (".key", ".pem", ".p8") or (
            path.is_file() and PEM_PRIVATE.search(path.read_bytes())
        ):
            found.append(name)
    assert found == []


def test_the_leaked_built_in_key_can_never_be_trusted(staff: Staff, tmp_path: Path) -> None:
    leaked = tmp_path / "default-bundle.pub"
    leaked.write_text(LEAKED_PUBLIC_PEM)
    with pytest.raises(StoreError, match="can never be trusted: its private key is public"):
        staff.trust_key(leaked)
    # Put there by hand, it still trusts nothing.
    (staff.store.trusted_dir / "dcbcc9d89dae8be8.pub").write_text(LEAKED_PUBLIC_PEM)
    assert "dcbcc9d89dae8be8" not in staff.trusted_key_ids()
    assert len(staff.store.trusted_keys()) == 1  # the clinic's key only


def test_a_bundle_signed_with_a_publicly_known_key_is_never_installed(
    staff: Staff, make_bundle: MakeBundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaked = make_keypair(tmp_path / "leaked", "leaked")
    known = signing.PUBLICLY_KNOWN_KEYS | {leaked.id}
    monkeypatch.setattr(signing, "PUBLICLY_KNOWN_KEYS", known)
    monkeypatch.setattr(trust, "PUBLICLY_KNOWN_KEYS", known)
    with pytest.raises(StoreError, match="can never be trusted"):
        staff.trust_key(leaked.public_path)
    (staff.store.trusted_dir / f"{leaked.id}.pub").write_bytes(leaked.public_path.read_bytes())
    with pytest.raises(StoreError, match="does not trust"):
        staff.install(make_bundle(1, key=leaked))


def test_a_key_file_under_another_id_trusts_nothing(
    staff: Staff, make_bundle: MakeBundle, other_keys: KeyPair
) -> None:
    (staff.store.trusted_dir / "0123456789abcdef.pub").write_bytes(
        other_keys.public_path.read_bytes()
    )
    with pytest.raises(StoreError, match="does not trust"):
        staff.install(make_bundle(1, key=other_keys))


def test_the_built_in_bundle_needs_no_key_and_is_pinned(
    data_dir: Path, builtin: Path, builtin_pin: str, tmp_path: Path
) -> None:
    staff = Staff(data_dir, builtin=builtin, builtin_pin=builtin_pin)
    assert staff.serve().source == "builtin"
    assert not staff.store.trusted_dir.exists() or staff.trusted_key_ids() == []
    # Re-sealed by anyone (any key, all hashes right): not the pinned seal, never shown.
    other = tmp_path / "resealed"
    other.mkdir()
    signing_key = make_keypair(tmp_path / "k", "any").private
    from kiosk.content.authoring import seal_folder

    seal_folder(builtin, signing_key, readability_checks=False, built_at=BUILT_AT)
    assert read_seal(builtin).digest != builtin_pin
    with pytest.raises(BundleError, match="not the one this app version was released with"):
        Staff(data_dir, builtin=builtin, builtin_pin=builtin_pin).serve()


def test_sealing_the_built_in_bundle_re_pins_it(tmp_path: Path, builtin: Path) -> None:
    module = tmp_path / "pin.py"
    pin = pinned.seal_builtin(builtin, pin_module=module, readability_checks=False)
    assert f'SEAL_DIGEST = "{pin}"' in module.read_text()
    assert pinned.verify_pinned(builtin, pin).id == "default-content"
    assert not list(builtin.rglob("*.key"))


def test_untrusting_a_key_takes_its_bundle_off_the_screen_at_the_next_start(
    staff: Staff, make_bundle: MakeBundle, keys: KeyPair, log: StaffLog
) -> None:
    staff.install(make_bundle(1))
    assert staff.serve().source == "installed"  # the ready copy is written and used
    staff.untrust_key(keys.id)
    assert log.recent(1)[0].action == "untrust"
    served = staff.serve()
    assert served.source == "builtin"
    assert served.fallback_reason is not None
    assert f"signed by key {keys.id}, which is no longer trusted" in served.fallback_reason
    assert log.recent(1)[0].action == "fallback"
    described = staff.describe_active()
    assert (described.source, described.id) == ("builtin", "default-content")


def test_untrusting_falls_back_to_the_newest_bundle_whose_signer_is_still_trusted(
    staff: Staff, make_bundle: MakeBundle, other_keys: KeyPair
) -> None:
    staff.install(make_bundle(1))
    staff.trust_key(other_keys.public_path)
    staff.install(make_bundle(2, key=other_keys))
    assert staff.serve().bundle.version == 2
    staff.untrust_key(other_keys.id)
    served = staff.serve()
    assert (served.source, served.bundle.version) == ("previous", 1)
    assert staff.describe_active().version == 1


def test_untrusting_an_unknown_key_is_one_sentence(staff: Staff) -> None:
    with pytest.raises(StoreError) as info:
        staff.untrust_key("0123456789abcdef")
    assert info.value.summary == (
        "Key 0123456789abcdef is not trusted on this kiosk, so nothing was changed."
    )


def test_an_older_version_is_refused_even_after_another_bundle(
    staff: Staff, make_bundle: MakeBundle
) -> None:
    staff.install(make_bundle(3, bundle_id="bundle-a"))
    staff.install(make_bundle(1, bundle_id="bundle-b"))
    with pytest.raises(StoreError, match="older than version 3 of bundle-a"):
        staff.install(make_bundle(2, bundle_id="bundle-a"))
    # Pushed out of the kept history, version 3 is still remembered.
    for version in range(2, 6):
        staff.install(make_bundle(version, bundle_id="bundle-b"))
    with pytest.raises(StoreError, match="older than version 3 of bundle-a"):
        staff.install(make_bundle(2, bundle_id="bundle-a"))
    assert staff.install(make_bundle(4, bundle_id="bundle-a")).version == 4


def test_an_explicit_rollback_stays_allowed(staff: Staff, make_bundle: MakeBundle) -> None:
    staff.install(make_bundle(2))
    staff.install(make_bundle(3))
    assert staff.rollback().version == 2
    assert staff.rollback().source == "builtin"
    with pytest.raises(StoreError, match="older than version 3"):
        staff.install(make_bundle(2))


def _forge(copy: Path, edit: str) -> None:
    """What whoever can write the data folder can do: edit the text, fix up a plain checksum."""
    header, _, body = copy.read_bytes().partition(b"\n")
    body = body.replace(b"Test Clinic", edit.encode())
    magic, version, _ = header.split(b" ")
    copy.write_bytes(magic + b" " + version + b" " + hashlib.sha256(body).hexdigest().encode())
    copy.write_bytes(copy.read_bytes() + b"\n" + body)


def test_a_forged_ready_copy_is_never_shown(staff: Staff, make_bundle: MakeBundle) -> None:
    staff.install(make_bundle(1))
    assert staff.serve().bundle.organization.name == "Test Clinic"
    (copy,) = staff.store.ready_dir.iterdir()
    _forge(copy, "Evil Clinic")
    served = staff.serve()
    assert (served.source, served.bundle.organization.name) == ("installed", "Test Clinic")
    assert staff.describe_active().title == served.bundle.organization.name


def test_the_built_in_text_is_never_read_from_the_data_folder(staff: Staff) -> None:
    first = staff.serve()
    assert first.source == "builtin"
    assert not staff.store.ready_dir.exists() or list(staff.store.ready_dir.iterdir()) == []
    assert not staff.store.secret_dir.is_relative_to(staff.data_dir)
    (builtin_copy,) = (staff.store.secret_dir / "builtin-ready").iterdir()
    planted = staff.store.ready_dir / builtin_copy.name
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(builtin_copy.read_bytes().replace(b"Test Clinic", b"Evil Clinic"))
    assert staff.serve() == first


def test_a_damaged_built_in_bundle_is_not_shown_after_a_crash_loop(staff: Staff) -> None:
    page = next((staff.store.builtin / "pages").glob("*.en.md"))
    page.write_text(page.read_text() + "\nEdited.\n")
    with pytest.raises(BundleError, match="changed after the bundle was signed"):
        staff.store.serve_builtin()


def test_the_data_folder_is_private(staff: Staff, make_bundle: MakeBundle) -> None:
    staff.install(make_bundle(1))
    staff.serve()
    staff.set_pin("4821")
    staff.save_settings(staff.load_settings()[0])
    store = staff.store
    folders = [staff.data_dir, store.root, store.bundles_dir, store.trusted_dir, store.secret_dir]
    folders += [p for p in store.bundles_dir.rglob("*") if p.is_dir()]
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    files = [store.state_path, *store.trusted_dir.iterdir(), *store.ready_dir.iterdir()]
    files += [p for p in store.bundles_dir.rglob("*") if p.is_file()]
    files += [staff.data_dir / "pin.json", staff.data_dir / "settings.json"]
    files += list(store.secret_dir.rglob("*.*"))
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_bundle_list_and_the_staff_panel_agree_with_the_screen(
    staff: Staff, make_bundle: MakeBundle, keys: KeyPair
) -> None:
    installed = staff.install(make_bundle(1))
    # A folder an attacker swapped for one with no valid signature, ready copy left in place.
    (installed.path / "manifest.sig").write_bytes(b"\0" * 64)
    served = staff.serve()
    active = staff.store.open_active()
    assert (
        (active.source, active.id)
        == (served.source, served.bundle.id)
        == (
            "builtin",
            "default-content",
        )
    )
    assert json.dumps(active.fallback_reason) == json.dumps(served.fallback_reason)


def test_a_damaged_built_in_bundle_is_not_chosen_after_a_crash_loop(staff: Staff) -> None:
    page = next((staff.store.builtin / "pages").glob("*.en.md"))
    page.write_text(page.read_text() + "\nEdited.\n")
    with pytest.raises(BundleError, match="changed after the bundle was signed"):
        choose_bundle(staff.store, crash_loop=True)

"""serve(): what the patient app shows at start-up, from a ready copy when the store has one.

The copy only saves validation: every file is still checked against what was signed, the
signer must still be trusted, and anything unusual sends the store down the full path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import validate, verify
from kiosk.staff.log import StaffLog
from kiosk.store.bundle_store import BundleStore
from tests.fresh_python import run_python
from tests.store.conftest import KeyPair, MakeBundle


def forbid_full_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes the slow path fail loudly, to show that a start used the ready copy."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the full verification ran")

    monkeypatch.setattr(verify, "verify_folder", refuse)
    monkeypatch.setattr(validate, "load_folder", refuse)


def copies(store: BundleStore) -> list[str]:
    """Every ready copy: the installed bundles' in the data folder, the built-in one's beside
    the key (never in the writable data folder)."""
    folders = [store.ready_dir, store.secret_dir / "builtin-ready"]
    return sorted(p.name for folder in folders if folder.is_dir() for p in folder.iterdir())


def test_first_start_validates_and_writes_a_copy_the_next_start_uses(
    store: BundleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.serve()
    assert (first.source, first.bundle.id, first.fallback_reason) == (
        "builtin",
        "default-content",
        None,
    )
    assert len(copies(store)) == 1
    forbid_full_checks(monkeypatch)
    second = store.serve()
    assert second == first  # the same pages, texts and locations


def test_an_install_writes_the_copy_for_the_next_start(
    store: BundleStore, make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = store.install(make_bundle(1))
    forbid_full_checks(monkeypatch)
    served = store.serve()
    assert (served.source, served.bundle.id, served.bundle.version) == (
        "installed",
        "clinic-content",
        1,
    )
    assert served.bundle.root == installed.path


def test_a_file_changed_after_the_copy_was_made_is_caught(
    store: BundleStore, make_bundle: MakeBundle, log: StaffLog
) -> None:
    installed = store.install(make_bundle(1))
    assert store.serve().source == "installed"  # the copy exists and is used
    page = next((installed.path / "pages").glob("*.en.md"))
    page.write_text(page.read_text() + "\nAn extra line.\n")
    served = store.serve()
    assert served.source == "builtin"
    assert served.fallback_reason is not None
    assert "was changed after the bundle was signed" in served.fallback_reason
    assert log.recent(1)[0].action == "fallback"


def test_without_a_copy_the_signature_is_checked_again(
    store: BundleStore, make_bundle: MakeBundle, keys: KeyPair
) -> None:
    """The copy stands for one full check of exactly these seal bytes; once it is gone (or
    stale), the signature is checked again, against the keys trusted now."""
    store.install(make_bundle(1))
    for copy in store.ready_dir.iterdir():
        copy.unlink()
    for key in store.trusted_dir.iterdir():
        key.unlink()
    served = store.serve()
    assert served.source == "builtin"
    assert served.fallback_reason is not None and "no longer trusted" in served.fallback_reason


def test_a_start_from_copies_loads_no_key(
    store: BundleStore, make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.install(make_bundle(1))
    fresh = BundleStore(
        store.root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
    )
    monkeypatch.setattr(fresh, "trusted_keys", lambda: pytest.fail("keys were loaded"))
    assert fresh.serve().source == "installed"


def test_a_damaged_copy_is_ignored_and_replaced(
    store: BundleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.serve()
    (copy,) = (store.secret_dir / "builtin-ready").iterdir()
    copy.write_bytes(copy.read_bytes()[:-10])
    assert store.serve() == first  # validated again, in full
    forbid_full_checks(monkeypatch)
    assert store.serve() == first  # and the rewritten copy is good


def test_an_unwritable_copy_only_costs_time(
    store: BundleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.clean_up()
    store.ready_dir.write_text("not a folder")  # every write into it fails
    served = store.serve()
    assert (served.source, served.bundle.id) == ("builtin", "default-content")


def test_copies_of_bundles_no_longer_kept_are_deleted_at_start_up(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    store.serve()
    for version in range(1, 6):
        store.install(make_bundle(version))
    assert len(copies(store)) == 6  # the built-in one and one per install
    (store.ready_dir / "leftover.json").write_text("{}")
    store.serve()
    # The built-in bundle's, the active one's and the three previous ones'.
    assert len(copies(store)) == 5


def test_a_start_with_a_copy_loads_no_schema_markdown_or_cryptography(
    tmp_path: Path,
) -> None:
    """The point of the ready copy (bench/bench_ui.py measures what it saves): the real
    `kiosk --smoke-test`, started twice on one data folder."""
    script = (
        "import os, sys\n"
        "HEAVY = {'pydantic', 'markdown_it', 'cryptography', 'argon2', 'segno'}\n"
        "from kiosk.cli import main\n"
        "code = main(['--data-dir', sys.argv[1], '--smoke-test'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & HEAVY)\n"
        "print('heavy', ','.join(heavy) or '-')\n"
        "sys.exit(code)\n"
    )

    def start() -> str:
        return run_python(script, tmp_path / "data").splitlines()[-1]

    assert start() == "heavy cryptography,markdown_it,pydantic,segno"  # the first start validates
    assert start() == "heavy -"

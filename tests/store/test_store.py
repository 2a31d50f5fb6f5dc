"""The store's normal life: install, preview, describe, rollback, start-up fallbacks, find."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from kiosk.content.verify import verify_folder
from kiosk.staff.log import StaffLog
from kiosk.store.bundle_store import BundleStore
from kiosk.store.errors import StoreError
from kiosk.store.installer import KEEP_PREVIOUS
from tests.store.conftest import KeyPair, MakeBundle, leftovers, state_json


def test_fresh_kiosk_serves_the_builtin_bundle(store: BundleStore) -> None:
    served = store.serve()
    assert (served.source, served.bundle.id, served.fallback_reason) == (
        "builtin",
        "default-content",
        None,
    )
    assert served.bundle.root == store.builtin


def test_install_makes_a_verified_copy_active(
    store: BundleStore, make_bundle: MakeBundle, keys: KeyPair, log: StaffLog
) -> None:
    progress: list[tuple[int, int]] = []
    active = store.install(make_bundle(1), lambda done, total: progress.append((done, total)))
    assert (active.source, active.id, active.version) == ("installed", "clinic-content", 1)
    assert active.path.parent == store.bundles_dir
    assert active.path.name.startswith("clinic-content-v1-")
    verify_folder(active.path, [keys.public])
    assert progress[0][0] == 0 and progress[-1][0] == progress[-1][1] > 0
    assert leftovers(store) == []
    assert state_json(store)["active"] == {
        "folder": active.path.name,
        "installed_at": "2026-11-21T09:30:00+00:00",
    }
    again = BundleStore(
        store.root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
    ).serve()
    assert (again.bundle.root, again.source, again.fallback_reason) == (
        active.path,
        "installed",
        None,
    )
    entry = log.recent(1)[0]
    assert (entry.action, entry.message) == ("install", "Installed clinic-content version 1.")


def test_keeps_the_active_bundle_and_the_last_three(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    folders = [store.install(make_bundle(v)).path.name for v in range(1, 7)]
    state = store.read_state()
    assert state.active is not None and state.active.folder == folders[-1]
    assert [e.folder for e in state.history] == folders[-2:-5:-1]
    assert len(state.history) == KEEP_PREVIOUS
    # Folders the pointer dropped are only deleted at start-up: a running kiosk may show them.
    assert len(list(store.bundles_dir.iterdir())) == 6
    store.serve()
    assert sorted(p.name for p in store.bundles_dir.iterdir()) == sorted(folders[-4:])


def test_preview_lists_pages_added_changed_removed(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    store.install(make_bundle(1))

    def edit(src: Path) -> None:
        page = src / "pages" / "stretching.es.md"
        page.write_text(page.read_text().replace("con calma", "despacio"))
        toml = src / "bundle.toml"
        text = toml.read_text().replace('"what-is-clonus"\ntext', '"about-clonus"\ntext')
        toml.write_text(text)

    diff = store.preview_install(make_bundle(2, edit=edit))
    assert (diff.old_version, diff.new_version, diff.blocked) == (1, 2, None)
    assert diff.added == ("about-clonus",)
    assert diff.removed == ("what-is-clonus",)
    assert diff.changed == ("stretching",)
    assert not diff.replaces_other_bundle
    same = store.preview_install(make_bundle(3))
    assert (same.added, same.changed, same.removed) == ((), (), ())


def test_preview_against_the_builtin_and_another_id(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    diff = store.preview_install(make_bundle(1))
    assert (diff.old_id, diff.old_version, diff.new_id) == ("default-content", 1, "clinic-content")
    assert diff.replaces_other_bundle and diff.blocked is None
    assert store.read_state().active is None  # a preview changes nothing


def test_install_with_the_preview_staff_saw(store: BundleStore, make_bundle: MakeBundle) -> None:
    path = make_bundle(1)
    diff = store.preview_install(path)
    assert store.install(path, preview=diff).version == 1


def test_install_refuses_a_file_swapped_after_the_preview(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    path = make_bundle(2)
    diff = store.preview_install(path)
    path.write_bytes(make_bundle(3).read_bytes())
    with pytest.raises(StoreError, match="changed while it was being installed"):
        store.install(path, preview=diff)
    assert store.read_state().active is None and leftovers(store) == []


def test_describe_active(store: BundleStore, make_bundle: MakeBundle, keys: KeyPair) -> None:
    store.install(make_bundle(1))
    store.install(make_bundle(2))
    info = store.describe_active(today=dt.date(2026, 12, 1))
    assert (info.id, info.title, info.version, info.signer) == (
        "clinic-content",
        "Test Clinic",
        2,
        keys.id,
    )
    assert (info.source, info.installed_at, info.fallback_reason) == (
        "installed",
        dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC),
        None,
    )
    assert info.page_count == 3 and info.reviews_due == ()
    assert info.previous == ("clinic-content version 1",)
    due = store.describe_active(today=dt.date(2099, 1, 1)).reviews_due
    assert [(r.page_id, r.due) for r in due] == [
        ("what-is-clonus", dt.date(2099, 1, 1)),
        ("stretching", dt.date(2099, 1, 1)),
        ("disclaimer", dt.date(2099, 1, 1)),
    ]


def test_rollback_returns_to_the_previous_bundle_then_the_builtin(
    store: BundleStore, make_bundle: MakeBundle, log: StaffLog
) -> None:
    first = store.install(make_bundle(1))
    store.install(make_bundle(2))
    back = store.rollback()
    assert (back.path, back.version, back.source) == (first.path, 1, "installed")
    assert store.open_active().path == first.path
    assert log.recent(1)[0].message == "Rolled back to clinic-content version 1."
    # Rolling back is how an older version comes back; version 2 may then be installed again.
    assert store.install(make_bundle(2)).version == 2
    store.rollback()
    builtin = store.rollback()
    assert builtin.source == "builtin" and store.read_state().active is None
    with pytest.raises(StoreError, match="nothing to roll back"):
        store.rollback()
    assert log.recent(1)[0].action == "refusal"


def test_rollback_skips_a_damaged_previous_bundle(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    first = store.install(make_bundle(1))
    second = store.install(make_bundle(2))
    store.install(make_bundle(3))
    (second.path / "pages" / "stretching.en.md").write_text("# Broken\n")
    back = store.rollback()
    assert back.path == first.path
    assert store.read_state().history == ()


# -- start-up ----------------------------------------------------------------------------------


def test_startup_falls_back_to_the_previous_bundle_and_says_why(
    store: BundleStore, make_bundle: MakeBundle, log: StaffLog
) -> None:
    first = store.install(make_bundle(1))
    second = store.install(make_bundle(2))
    (second.path / "images" / "stretching.svg").write_text("<svg/>")
    served = store.serve()
    assert (served.bundle.root, served.source) == (first.path, "previous")
    assert served.fallback_reason is not None
    assert "images/stretching.svg was changed after the bundle was signed" in (
        served.fallback_reason
    )
    entry = log.recent(1)[0]
    assert (entry.action, entry.message) == ("fallback", served.fallback_reason)
    # The damaged folder is kept (the pointer still names it) so staff can see what happened.
    assert second.path.exists()


def test_startup_falls_back_to_the_builtin_when_every_bundle_is_bad(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    first = store.install(make_bundle(1))
    second = store.install(make_bundle(2))
    (first.path / "bundle.toml").unlink()
    import shutil

    shutil.rmtree(second.path)
    served = store.serve()
    assert served.source == "builtin"
    assert served.fallback_reason is not None
    assert "The active bundle" in served.fallback_reason
    assert "A previous bundle" in served.fallback_reason


def test_startup_with_a_damaged_pointer(store: BundleStore, make_bundle: MakeBundle) -> None:
    installed = store.install(make_bundle(1))
    store.state_path.write_text("{ half a file")
    served = store.serve()
    assert served.source == "builtin"
    assert served.fallback_reason == "The record of installed bundles is damaged."
    assert installed.path.exists()  # nothing is deleted while the pointer cannot be read
    # Installing repairs the pointer.
    assert store.install(make_bundle(2)).version == 2
    assert store.serve().source == "installed"


def test_startup_when_a_trusted_key_was_removed(
    store: BundleStore, make_bundle: MakeBundle, keys: KeyPair
) -> None:
    store.install(make_bundle(1))
    (store.trusted_dir / f"{keys.id}.pub").unlink()
    active = store.open_active()
    assert active.source == "builtin"
    assert active.fallback_reason is not None and "no longer trusted" in active.fallback_reason


def test_startup_removes_half_finished_work(store: BundleStore, make_bundle: MakeBundle) -> None:
    installed = store.install(make_bundle(1))
    (store.staging_dir / "clinic-content-v2-abc123" / "pages").mkdir(parents=True)
    (store.staging_dir / "clinic-content-v2-abc123" / "pages" / "x.md").write_text("half")
    (store.bundles_dir / "clinic-content-v3-def456").mkdir()  # moved in, pointer never switched
    (store.root / "state.json.tmp-1234abcd").write_text("{}")
    removed = store.clean_up()
    assert sorted(removed) == [
        "bundles/clinic-content-v3-def456",
        "staging/clinic-content-v2-abc123",
        "state.json.tmp-1234abcd",
    ]
    assert leftovers(store) == []
    assert store.serve().bundle.root == installed.path


def test_startup_cleanup_waits_for_a_running_install(
    store: BundleStore, make_bundle: MakeBundle
) -> None:
    store.install(make_bundle(1))
    (store.staging_dir / "in-progress").mkdir()
    with store.locked() as locked:  # another process installing
        assert locked
        assert store.clean_up() == []
    assert (store.staging_dir / "in-progress").exists()


def test_builtin_damaged_is_an_error_for_the_app(store: BundleStore) -> None:
    (store.builtin / "pages" / "disclaimer.en.md").write_text("# Changed\n")
    with pytest.raises(Exception, match="built-in content is damaged"):
        store.serve()


def test_startup_is_fast_on_a_megabyte_bundle(store: BundleStore, make_bundle: MakeBundle) -> None:
    notice = ("Licence text. " * 80 + "\n").encode() * 1000  # ~1.1 MB
    store.install(make_bundle(1, notices={"NOTICE.txt": notice}))
    fresh = BundleStore(
        store.root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
    )
    started = time.perf_counter()
    active = fresh.serve()
    elapsed = time.perf_counter() - started
    assert active.source == "installed"
    assert elapsed < 0.5, f"start-up took {elapsed:.3f} s"


def test_a_key_not_trusted_by_staff_cannot_install(
    store: BundleStore, make_bundle: MakeBundle, other_keys: KeyPair
) -> None:
    with pytest.raises(StoreError, match="does not trust"):
        store.install(make_bundle(1, key=other_keys))

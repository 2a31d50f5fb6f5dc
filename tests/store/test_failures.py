"""Injected failures during an install: os.replace, os.fsync, a full disk, a drive pulled out.

Whatever fails, the store ends in one of two states: the old bundle active with nothing left
behind and one sentence for staff, or (when only the last folder fsync fails, after the switch)
the new bundle complete and active.
"""

from __future__ import annotations

import errno
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.archive import READ_FAILED
from kiosk.content.verify import verify_folder
from kiosk.store.bundle_store import BundleStore
from kiosk.store.errors import StoreError
from tests.store.conftest import KeyPair, MakeBundle, copy_tree, leftovers, snapshot


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str, action: Callable[[], Any]) -> int:
    real = getattr(os, name)
    calls = 0

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, name, counting)
        action()
    return calls


def fail_call(monkeypatch: pytest.MonkeyPatch, name: str, nth: int, error: int = errno.EIO) -> None:
    real = getattr(os, name)
    calls = 0

    def failing(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth:
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


@pytest.fixture
def template(store: BundleStore, make_bundle: MakeBundle) -> Path:
    """A store with version 1 installed, to copy for every attempt."""
    store.install(make_bundle(1))
    return store.root


def fresh_copy(template: Path, store: BundleStore, n: int) -> BundleStore:
    root = template.parent / f"attempt-{n}"
    copy_tree(template, root)
    return BundleStore(root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir)


def check_outcome(store: BundleStore, before: dict[str, str], keys: KeyPair, new: Path) -> str:
    """'old' or 'new' after an install that may have failed; asserts the invariants."""
    fresh = BundleStore(
        store.root, store.builtin, store.builtin_pin, secrets_folder=store.secret_dir
    )
    active = fresh.open_active()
    assert active.source == "installed" and active.fallback_reason is None
    verify_folder(active.path, [keys.public])
    if active.version == 1:
        assert snapshot(store.root) == before
        assert leftovers(store) == []
        return "old"
    assert active.version == 2
    fresh.serve()
    assert leftovers(fresh) == []
    return "new"


@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_every_replace_and_fsync_failing_in_turn(
    store: BundleStore,
    template: Path,
    make_bundle: MakeBundle,
    keys: KeyPair,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
) -> None:
    new = make_bundle(2)
    probe = fresh_copy(template, store, 0)
    total = count_calls(monkeypatch, call, lambda: probe.install(new))
    assert total >= (2 if call == "replace" else 10)
    outcomes = []
    for nth in range(1, total + 1):
        attempt = fresh_copy(template, store, nth)
        before = snapshot(attempt.root)
        with monkeypatch.context() as m:
            fail_call(m, call, nth)
            try:
                attempt.install(new)
            except StoreError as exc:
                assert "\n" not in exc.summary
                assert exc.summary.endswith(("nothing was changed.", ")", "."))
                outcomes.append("refused")
            else:
                outcomes.append("installed")
        outcome = check_outcome(attempt, before, keys, new)
        assert outcome == ("old" if outcomes[-1] == "refused" else "new"), (nth, outcomes)
    # Every failure before the switch is a refusal. After it come the folder's fsync and the
    # ready copy for the next start (its fsyncs and its rename): failing, they cost nothing
    # but time, and the install stands.
    after_switch = 1 if call == "replace" else 3
    assert outcomes == ["refused"] * (total - after_switch) + ["installed"] * after_switch


def test_replace_failure_says_so(
    store: BundleStore, template: Path, make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = make_bundle(2)
    attempt = fresh_copy(template, store, 1)
    fail_call(monkeypatch, "replace", 1)
    with pytest.raises(StoreError) as info:
        attempt.install(new)
    assert info.value.summary == (
        "The disk reported an error while installing (Input/output error); nothing was changed."
    )


def test_disk_full_while_copying(
    store: BundleStore,
    template: Path,
    make_bundle: MakeBundle,
    keys: KeyPair,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new = make_bundle(2)
    attempt = fresh_copy(template, store, 1)
    before = snapshot(attempt.root)
    fail_call(monkeypatch, "fsync", 3, errno.ENOSPC)
    with pytest.raises(StoreError) as info:
        attempt.install(new)
    assert info.value.summary == (
        "The disk became full while copying the bundle; nothing was changed."
    )
    monkeypatch.undo()
    assert check_outcome(attempt, before, keys, new) == "old"


def test_disk_full_when_writing_the_pointer(
    store: BundleStore,
    template: Path,
    make_bundle: MakeBundle,
    keys: KeyPair,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new = make_bundle(2)
    attempt = fresh_copy(template, store, 1)
    before = snapshot(attempt.root)
    real_write = os.write

    def full_for_state(fd: int, data: Any) -> int:
        if b'"history"' in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_for_state)
    with pytest.raises(StoreError, match="The disk became full"):
        attempt.install(new)
    monkeypatch.undo()
    assert check_outcome(attempt, before, keys, new) == "old"


@pytest.mark.parametrize("after_reads", [0, 2, 5, 9])
def test_drive_pulled_mid_copy(
    store: BundleStore,
    template: Path,
    make_bundle: MakeBundle,
    keys: KeyPair,
    monkeypatch: pytest.MonkeyPatch,
    after_reads: int,
) -> None:
    """The file becomes unreadable once the copy has started (EIO, as a pulled USB stick)."""
    new = make_bundle(2)
    attempt = fresh_copy(template, store, 1)
    before = snapshot(attempt.root)
    diff = attempt.preview_install(new)  # the panel verified it while the drive was in
    real_read = zipfile.ZipExtFile.read
    reads = 0

    def pulled(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        nonlocal reads
        reads += 1
        if reads > after_reads:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(self, -1 if n is None else n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", pulled)
    with pytest.raises(StoreError) as info:
        attempt.install(new, preview=diff)
    assert info.value.summary == READ_FAILED
    monkeypatch.undo()
    assert check_outcome(attempt, before, keys, new) == "old"


def test_file_cut_short_mid_copy(
    store: BundleStore,
    template: Path,
    make_bundle: MakeBundle,
    keys: KeyPair,
) -> None:
    """The bundle file shrinks under the copy (a half-written file on a drive pulled early)."""
    new = make_bundle(2, notices={"NOTICE.txt": os.urandom(3 * 1024 * 1024)})
    attempt = fresh_copy(template, store, 1)
    before = snapshot(attempt.root)
    diff = attempt.preview_install(new)
    size = new.stat().st_size

    def cut(done: int, total: int) -> None:
        if 0 < done < total and new.stat().st_size == size:
            with new.open("r+b") as file:
                file.truncate(size // 3)

    with pytest.raises(StoreError) as info:
        attempt.install(new, cut, preview=diff)
    assert "damaged" in info.value.summary or info.value.summary == READ_FAILED
    assert check_outcome(attempt, before, keys, new) == "old"


def test_file_gone_before_install(
    store: BundleStore, template: Path, make_bundle: MakeBundle
) -> None:
    new = make_bundle(2)
    attempt = fresh_copy(template, store, 1)
    diff = attempt.preview_install(new)
    new.unlink()
    with pytest.raises(StoreError, match="could not be opened"):
        attempt.install(new, preview=diff)
    assert leftovers(attempt) == []

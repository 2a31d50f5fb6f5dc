"""A data folder on a disk that went read-only (ext4 remounts so after disk errors): the
installed bundle stays on screen, staff are told, and every store operation refuses in one
sentence. Uses a real read-only bind mount, so it needs root (skipped otherwise)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.staff.service import Staff
from kiosk.store.errors import StoreError
from tests.store.conftest import KeyPair, MakeBundle


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    def mount(*args: str) -> bool:
        return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0

    if not mount("--bind", str(folder), str(folder)):
        pytest.skip("mounting needs root")
    try:
        if not mount("-o", "remount,ro,bind", str(folder)):
            pytest.skip("read-only remount not permitted")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_data_folder_keeps_the_installed_bundle_and_refuses_changes(
    staff: Staff, make_bundle: MakeBundle, other_keys: KeyPair, data_dir: Path
) -> None:
    staff.install(make_bundle(1))
    staff.install(make_bundle(2))
    newer = make_bundle(3)
    with read_only(data_dir):
        served = staff.serve()
        assert (served.source, served.bundle.version) == ("installed", 2)
        described = staff.describe_active()
        assert (described.source, described.version) == ("installed", 2)
        assert described.storage_problem is not None
        problem = staff.storage_problem()
        assert problem is not None and "cannot be written (Read-only file system)" in problem
        refusals = []
        for action in (
            lambda: staff.install(newer),
            staff.rollback,
            lambda: staff.trust_key(other_keys.public_path),
            lambda: staff.untrust_key(staff.trusted_key_ids()[0]),
        ):
            with pytest.raises(StoreError) as info:
                action()
            refusals.append(info.value.summary)
        for summary in refusals:
            assert "\n" not in summary and summary.endswith(".")
            assert "Read-only file system" in summary
    assert staff.storage_problem() is None
    assert staff.install(newer).version == 3

"""Fixtures for the studio's core: a copy of the built-in bundle opened in the studio."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.pinned import seal_builtin
from kiosk.content.sealed import read_seal
from kiosk.staff.service import Staff
from kiosk.studio.folder import StudioFolder
from tests.content.bundle_factory import write_bundle
from tests.content.conftest import BUILT_AT, KeyPair, make_keypair
from tests.store.conftest import FAST_HASHER, clock


@pytest.fixture
def studio(tmp_path: Path) -> StudioFolder:
    return StudioFolder.start_from_builtin(tmp_path / "clinic")


@pytest.fixture
def signing_key(tmp_path: Path) -> KeyPair:
    return make_keypair(tmp_path / "keys", "clinic")


@pytest.fixture
def kiosk_staff(tmp_path: Path, signing_key: KeyPair) -> Staff:
    """A kiosk's data folder (a test built-in bundle sealed) that trusts the clinic's key."""
    builtin = write_bundle(tmp_path / "builtin", bundle_id="default-content", version=1)
    seal_builtin(
        builtin, pin_module=tmp_path / "builtin_pin.py", readability_checks=False, built_at=BUILT_AT
    )
    staff = Staff(
        tmp_path / "data",
        builtin=builtin,
        builtin_pin=read_seal(builtin).digest,
        wall_clock=clock,
        hasher=FAST_HASHER,
    )
    staff.trust_key(signing_key.public_path)
    return staff


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: equal results mean nothing changed."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }

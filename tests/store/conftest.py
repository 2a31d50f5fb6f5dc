"""Fixtures for the store tests: keys, a sealed built-in bundle, and a factory of .kbundle files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kiosk.content.authoring import build_bundle
from kiosk.content.pinned import seal_builtin
from kiosk.content.sealed import read_seal
from kiosk.staff.log import StaffLog
from kiosk.staff.service import Staff
from kiosk.store.bundle_store import BundleStore
from tests.content.bundle_factory import write_bundle
from tests.content.conftest import BUILT_AT, KeyPair, make_keypair

NOW = dt.datetime(2026, 11, 21, 9, 30, 0, tzinfo=dt.UTC)
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def clock() -> dt.datetime:
    return NOW


MakeBundle = Callable[..., Path]


@pytest.fixture
def keys(tmp_path: Path) -> KeyPair:
    return make_keypair(tmp_path / "keys", "clinic")


@pytest.fixture
def other_keys(tmp_path: Path) -> KeyPair:
    return make_keypair(tmp_path / "keys", "stranger")


@pytest.fixture
def builtin(tmp_path: Path) -> Path:
    """A sealed default bundle, as resources/bundle is shipped (pinned, no key kept)."""
    folder = write_bundle(tmp_path / "builtin", bundle_id="default-content", version=1)
    seal_builtin(
        folder, pin_module=tmp_path / "builtin_pin.py", readability_checks=False, built_at=BUILT_AT
    )
    return folder


@pytest.fixture
def builtin_pin(builtin: Path) -> str:
    return read_seal(builtin).digest


@pytest.fixture
def make_bundle(tmp_path: Path, keys: KeyPair) -> MakeBundle:
    """make_bundle(version, ...) -> a .kbundle signed by `keys` (or `key`)."""
    counter = iter(range(10_000))

    def make(
        version: int,
        *,
        bundle_id: str = "clinic-content",
        key: KeyPair | None = None,
        edit: Callable[[Path], None] | None = None,
        notices: dict[str, bytes] | None = None,
    ) -> Path:
        n = next(counter)
        src = write_bundle(
            tmp_path / "src" / f"{n}",
            bundle_id=bundle_id,
            version=version,
            languages=("en", "es"),
            notices=sorted(notices or {}),
        )
        for name, data in (notices or {}).items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(data)
        if edit is not None:
            edit(src)
        out = tmp_path / "usb" / f"{bundle_id}-v{version}-{n}.kbundle"
        out.parent.mkdir(exist_ok=True)
        signer = (key or keys).private
        build_bundle(src, signer, out, readability_checks=False, built_at=BUILT_AT)
        return out

    return make


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def staff(data_dir: Path, builtin: Path, builtin_pin: str, keys: KeyPair) -> Staff:
    """A kiosk's staff services with the clinic key trusted."""
    staff = Staff(
        data_dir,
        builtin=builtin,
        builtin_pin=builtin_pin,
        wall_clock=clock,
        hasher=FAST_HASHER,
    )
    staff.trust_key(keys.public_path)
    return staff


@pytest.fixture
def store(staff: Staff) -> BundleStore:
    return staff.store


@pytest.fixture
def log(staff: Staff) -> StaffLog:
    return staff.log


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the store with its hash: equal snapshots mean nothing changed."""
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel != ".lock":
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def leftovers(store: BundleStore) -> list[str]:
    """Anything an interrupted or refused install could leave behind."""
    found = []
    if store.staging_dir.exists():
        found += [f"staging/{p.name}" for p in store.staging_dir.iterdir()]
    found += [p.name for p in store.root.glob("*.tmp-*")]
    try:
        named = {e.folder for e in store.read_state().entries}
    except ValueError:
        named = set()
    if store.bundles_dir.exists():
        found += [f"bundles/{p.name}" for p in store.bundles_dir.iterdir() if p.name not in named]
    return found


def state_json(store: BundleStore) -> dict[str, object]:
    return dict(json.loads(store.state_path.read_text()))


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)

"""Fixtures for the bundle signing and archive tests: keys, a bundle folder, a built bundle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.content.authoring import build_bundle
from kiosk.content.signing import generate_keypair, key_id, load_private_key, load_public_key
from tests.content.bundle_factory import write_bundle

BUILT_AT = dt.datetime(2026, 11, 20, 12, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class KeyPair:
    private_path: Path
    public_path: Path
    private: Ed25519PrivateKey
    public: Ed25519PublicKey

    @property
    def id(self) -> str:
        return key_id(self.public)


def make_keypair(folder: Path, name: str = "kiosk") -> KeyPair:
    private_path, public_path = generate_keypair(folder, name)
    return KeyPair(
        private_path, public_path, load_private_key(private_path), load_public_key(public_path)
    )


@pytest.fixture
def keys(tmp_path: Path) -> KeyPair:
    return make_keypair(tmp_path / "keys")


@pytest.fixture
def other_keys(tmp_path: Path) -> KeyPair:
    return make_keypair(tmp_path / "other-keys", "other")


@pytest.fixture
def bundle_folder(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "src", languages=("en", "es"))


@pytest.fixture
def kbundle(tmp_path: Path, bundle_folder: Path, keys: KeyPair) -> Path:
    out = tmp_path / "out" / "test.kbundle"
    out.parent.mkdir()
    build_bundle(bundle_folder, keys.private, out, readability_checks=False, built_at=BUILT_AT)
    return out

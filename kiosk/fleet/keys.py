"""The content team's private TUF keys: one PEM file per key in DIR/keys, mode 0600."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, Key, SSlibKey
from tuf.api.metadata import Root

from kiosk import atomic


class RepositoryKeyError(Exception):
    """A key needed for signing is missing or unreadable; one sentence for the content team."""


def key_path(keys_dir: Path, role: str, keyid: str) -> Path:
    return keys_dir / f"{role}-{keyid[:16]}.pem"


def new_key(keys_dir: Path, role: str) -> CryptoSigner:
    """A fresh Ed25519 key, saved 0600 in a 0700 folder before it is used for anything."""
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    signer = CryptoSigner.generate_ed25519()
    atomic.write_new(key_path(keys_dir, role, signer.public_key.keyid), signer.private_bytes, 0o600)
    atomic.fsync_dir(keys_dir)
    return signer


def signers_for(keys_dir: Path, root: Root, role: str) -> list[CryptoSigner]:
    """The signers of `role` whose private key is in `keys_dir`; at least the role's threshold."""
    found: list[CryptoSigner] = []
    for keyid in root.roles[role].keyids:
        path = key_path(keys_dir, role, keyid)
        if path.is_file():
            found.append(_load(path, root.get_key(keyid)))
    if len(found) < root.roles[role].threshold:
        raise RepositoryKeyError(
            f"The {role} key is missing from {keys_dir}: {root.roles[role].threshold} "
            f"needed, {len(found)} found. Copy the key files back from your backup."
        )
    return found


def _load(path: Path, public: Key) -> CryptoSigner:
    assert isinstance(public, SSlibKey)
    try:
        private = load_pem_private_key(path.read_bytes(), None)
        return CryptoSigner(private, public)
    except (OSError, ValueError) as exc:
        raise RepositoryKeyError(f"The key file {path} could not be used ({exc}).") from None


def forget(keys_dir: Path, role: str, keyids: list[str]) -> None:
    """Deletes revoked keys: they must never sign again."""
    for keyid in keyids:
        key_path(keys_dir, role, keyid).unlink(missing_ok=True)
    atomic.fsync_dir(keys_dir)

"""Ed25519 keys for signing content bundles: key files, key ids, signing and checking.

Private keys are PEM PKCS8 without a password, readable by their owner only (mode 0600); public
keys are PEM SubjectPublicKeyInfo. A key id is the first 16 hex digits of the SHA-256 of the raw
32-byte public key: short enough to read out, long enough that two keys never share one.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk import atomic
from kiosk.content.sealed import SIGNATURE_BYTES
from kiosk.content.trust_roots import PUBLICLY_KNOWN_KEYS
from kiosk.statefile import StateFileError, StateFileTooLarge, read_bytes

PRIVATE_SUFFIX = ".key"
PUBLIC_SUFFIX = ".pub"
KEY_ID_CHARS = 16
# A PEM Ed25519 key is about 120 bytes; anything far bigger is not a key file.
MAX_KEY_FILE_BYTES = 16 * 1024


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class KeyFileError(Exception):
    """A key file that cannot be written or used, with one sentence saying why."""


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:KEY_ID_CHARS]


def check_not_publicly_known(ident: str) -> None:
    if ident in PUBLICLY_KNOWN_KEYS:
        raise KeyFileError(
            f"Key {ident} can never be trusted: its private key is public, so anyone could sign "
            "bundles with it."
        )


def generate_keypair(out_dir: Path, name: str = "kiosk") -> tuple[Path, Path]:
    """Writes `<name>.key` (private, mode 0600) and `<name>.pub`; never overwrites a key."""
    if not _NAME.match(name):
        raise KeyFileError(
            f"The key name {name!r} must be letters, digits, dots, dashes or underscores."
        )
    private_path = out_dir / f"{name}{PRIVATE_SUFFIX}"
    public_path = out_dir / f"{name}{PUBLIC_SUFFIX}"
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise KeyFileError(f"{path} already exists; a key is never overwritten.")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic.write_new(private_path, private_pem, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{private_path} already exists; a key is never overwritten.") from None
    except OSError as exc:
        raise KeyFileError(f"The key could not be written to {out_dir} ({exc.strerror}).") from exc
    try:
        atomic.write_new(public_path, public_pem, 0o644)
    except OSError as exc:
        # Half a key pair is useless and the private half must not linger.
        with contextlib.suppress(OSError):
            private_path.unlink()
        if isinstance(exc, FileExistsError):
            raise KeyFileError(
                f"{public_path} already exists; a key is never overwritten."
            ) from None
        raise KeyFileError(f"The key could not be written to {out_dir} ({exc.strerror}).") from exc
    return private_path, public_path


def _read_key_file(path: Path) -> bytes:
    # Never through a link, never a FIFO or a device, never more than a key's worth.
    try:
        data = read_bytes(path, MAX_KEY_FILE_BYTES)
    except StateFileTooLarge:
        raise KeyFileError(f"The file {path} is too large to be a key file.") from None
    except StateFileError as exc:
        raise KeyFileError(f"The key file {path} could not be read: {exc}") from None
    if data is None:
        raise KeyFileError(f"The key file {path} could not be read (it does not exist).")
    return data


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read_key_file(path)
    if b"PRIVATE KEY" not in data and b"PUBLIC KEY" in data:
        raise KeyFileError(f"The key file {path} is a public key; signing needs the private key.")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError(
            f"The file {path} is not a usable private key (expected an unencrypted PEM key)."
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"The key in {path} is not an Ed25519 key.")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read_key_file(path)
    if b"PRIVATE KEY" in data:
        # A kiosk must never hold a private key; say so instead of quietly deriving the public one.
        raise KeyFileError(f"The key file {path} is a private key; give the public key (.pub).")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError(
            f"The file {path} is not a usable public key (expected a PEM public key)."
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"The key in {path} is not an Ed25519 key.")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify_signature(public_key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    if len(signature) != SIGNATURE_BYTES:
        return False
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def find_signer(
    trusted: Sequence[Ed25519PublicKey], signature: bytes, data: bytes
) -> Ed25519PublicKey | None:
    """The trusted key whose signature `signature` is, or None."""
    for public_key in trusted:
        if verify_signature(public_key, signature, data):
            return public_key
    return None

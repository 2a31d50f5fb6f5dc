"""The keys a kiosk trusts for installs: `trusted/<key id>.pub`, one file per key.

A key file counts only when its name is its own key id and that id is not publicly known
(kiosk.content.signing.PUBLICLY_KNOWN_KEYS). The patient app's fast start checks only the file
names (no cryptography): a bundle is served while `trusted/<its signer>.pub` exists, so
untrusting a key (deleting its file) stops its bundles at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import atomic
from kiosk.content.problems import BundleError
from kiosk.content.trust_roots import PUBLICLY_KNOWN_KEYS
from kiosk.store.errors import StoreError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PUBLIC_SUFFIX = ".pub"
_HEX = frozenset("0123456789abcdef")


def is_key_id(text: str) -> bool:
    return len(text) == 16 and set(text) <= _HEX


def trusted_ids(folder: Path) -> frozenset[str]:
    """The ids of the trusted keys, from the file names alone (regular files only)."""
    found = set()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            ident = entry.name.removesuffix(PUBLIC_SUFFIX)
            if (
                entry.name.endswith(PUBLIC_SUFFIX)
                and is_key_id(ident)
                and stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode)
            ):
                found.add(ident)
    return frozenset(ident for ident in found if ident not in PUBLICLY_KNOWN_KEYS)


def load_keys(folder: Path) -> list[Ed25519PublicKey]:
    """The trusted keys; a file whose key is not the one its name says trusts nothing."""
    from kiosk.content.signing import KeyFileError, key_id, load_public_key

    keys = []
    for ident in sorted(trusted_ids(folder)):
        with contextlib.suppress(KeyFileError):
            key = load_public_key(folder / f"{ident}{PUBLIC_SUFFIX}")
            if key_id(key) == ident:
                keys.append(key)
    return keys


def manifest_signer(manifest: bytes) -> str:
    """The signer a sealed manifest.json names (its seal was verified when it was installed)."""
    try:
        signer = json.loads(manifest).get("signer")
    except (ValueError, AttributeError, RecursionError):
        signer = None
    if not isinstance(signer, str) or not is_key_id(signer):
        raise BundleError("The bundle's manifest.json names no signer.")
    return signer


def check_still_trusted(manifest: bytes, folder: Path) -> None:
    signer = manifest_signer(manifest)
    if signer not in trusted_ids(folder):
        raise BundleError(f"It was signed by key {signer}, which is no longer trusted.")


def add_key(folder: Path, public_key: Path) -> str:
    """Copies a public key (PEM) into `folder` under its key id; returns the id. StoreError
    when it is not a usable key (unreadable, not Ed25519, or publicly known)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from kiosk.content.signing import (
        KeyFileError,
        check_not_publicly_known,
        key_id,
        load_public_key,
    )

    try:
        key = load_public_key(public_key)
        ident = key_id(key)
        check_not_publicly_known(ident)
    except KeyFileError as exc:
        raise StoreError(str(exc)) from None
    pem = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    atomic.write_bytes(folder / f"{ident}{PUBLIC_SUFFIX}", pem, mode=0o600)
    return ident


def remove_key(folder: Path, ident: str) -> None:
    """Deletes a trusted key's file; StoreError when no such key is trusted."""
    if ident not in trusted_ids(folder):
        raise StoreError(f"Key {ident} is not trusted on this kiosk, so nothing was changed.")
    (folder / f"{ident}{PUBLIC_SUFFIX}").unlink()
    atomic.fsync_dir(folder)

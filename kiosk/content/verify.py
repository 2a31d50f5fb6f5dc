"""The kiosk's verify path: a .kbundle or a sealed folder checked against the trusted keys.

The signature is checked first (kiosk/content/signed_manifest.py); after that, every file is
hashed while it streams (1 MiB at a time, never a whole file in memory) and compared with the
signed manifest. Extraction copies while it checks, and leaves nothing behind on failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.atomic import fsync_dir
from kiosk.content.archive import DEFAULT_LIMITS, Limits, SafeArchive, target_path
from kiosk.content.manifest import MANIFEST_NAME
from kiosk.content.problems import BundleError
from kiosk.content.sealed import (
    MANIFEST_JSON,
    MANIFEST_SIG,
    MAX_MANIFEST_BYTES,
    NO_MANIFEST,
    NOT_SIGNED,
    SIGNATURE_BYTES,
    SIGNED_FILES,
    Digest,
    changed,
    check_unlisted,
    hash_file,
    read_seal,
)
from kiosk.content.signed_manifest import (
    SignedManifest,
    VerifiedBundle,
    check_signature,
    verified,
)


class _Progress:
    def __init__(self, total: int, callback: Callable[[int, int], None] | None) -> None:
        self.done = 0
        self.total = total
        self.callback = callback
        if callback is not None:
            callback(0, total)

    def add(self, count: int) -> None:
        self.done += count
        if self.callback is not None:
            self.callback(self.done, self.total)


class _Sink:
    """Where a member's chunks go while it is hashed: a file, a capture buffer, progress."""

    def __init__(self, out: BinaryIO | None, capture: bool, progress: _Progress) -> None:
        self.out = out
        self.parts: list[bytes] | None = [] if capture else None
        self.progress = progress

    def __call__(self, chunk: bytes) -> None:
        if self.out is not None:
            self.out.write(chunk)
        if self.parts is not None:
            self.parts.append(chunk)
        self.progress.add(len(chunk))


def _create_file(dest: Path, name: str, folders: set[Path]) -> BinaryIO:
    target = target_path(dest, name)
    parent = target.parent
    missing = []
    while parent != dest and parent not in folders:
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        folder.mkdir()
        folders.add(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(target, flags, 0o644), "wb")


def copy_members(
    archive: SafeArchive,
    manifest: SignedManifest,
    dest: Path | None,
    on_progress: Callable[[int, int], None] | None = None,
) -> bytes | None:
    """Streams every listed member (into `dest` when given), checking it against the manifest.

    Returns bundle.toml's bytes when small enough to parse, else None.
    """
    entries = {entry.path: entry for entry in manifest.files}
    progress = _Progress(manifest.total_size, on_progress)
    folders: set[Path] = set()
    toml: bytes | None = None
    for name in archive.names:  # archive order: one sequential pass over the file
        entry = entries.get(name)
        if entry is None:
            continue
        if archive.size(name) != entry.size:
            raise changed(name)
        out = _create_file(dest, name, folders) if dest is not None else None
        sink = _Sink(out, name == MANIFEST_NAME and entry.size <= MAX_MANIFEST_BYTES, progress)
        try:
            digest = archive.stream(name, sink)
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
        finally:
            if out is not None:
                out.close()
        if digest != Digest(entry.sha256, entry.size):
            raise changed(name)
        if sink.parts is not None:
            toml = b"".join(sink.parts)
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        fsync_dir(folder)
    return toml


def _read_signed(
    archive: SafeArchive, trusted: Sequence[Ed25519PublicKey]
) -> tuple[SignedManifest, bytes, bytes]:
    """The signed manifest with its exact bytes and signature; checks the archive holds exactly
    the files it lists."""
    if MANIFEST_JSON not in archive:
        raise BundleError(NO_MANIFEST)
    if MANIFEST_SIG not in archive:
        raise BundleError(NOT_SIGNED)
    data = archive.read_small(MANIFEST_JSON, MAX_MANIFEST_BYTES)
    signature = b""
    if archive.size(MANIFEST_SIG) == SIGNATURE_BYTES:
        signature = archive.read_small(MANIFEST_SIG, SIGNATURE_BYTES)
    manifest = check_signature(data, signature, trusted, archive.limits)
    archive.check_listed({entry.path for entry in manifest.files} | SIGNED_FILES)
    return manifest, data, signature


# -- verify and extract ------------------------------------------------------------------------


def verify_bundle(
    path: Path, trusted: Sequence[Ed25519PublicKey], *, limits: Limits = DEFAULT_LIMITS
) -> VerifiedBundle:
    """Checks a .kbundle: signature first, then every file against the signed manifest."""
    with SafeArchive(path, limits) as archive:
        manifest, _, _ = _read_signed(archive, trusted)
        toml = copy_members(archive, manifest, None)
    return verified(manifest, toml)


def extract_bundle(
    path: Path,
    dest: Path,
    trusted: Sequence[Ed25519PublicKey],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedBundle:
    """Verifies while copying into `dest`, a new folder; on any failure `dest` is removed.

    Every file and folder is fsynced, so the caller can switch to `dest` with os.replace.
    `on_progress(done_bytes, total_bytes)` is called after every chunk.
    """
    with SafeArchive(path, limits) as archive:
        manifest, data, signature = _read_signed(archive, trusted)
        try:
            dest.mkdir()
        except FileExistsError:
            raise BundleError(f"The folder {dest} already exists.") from None
        except OSError as exc:
            raise BundleError(f"The folder {dest} could not be created ({exc.strerror}).") from exc
        try:
            toml = copy_members(archive, manifest, dest, on_progress)
            for name, content in ((MANIFEST_JSON, data), (MANIFEST_SIG, signature)):
                with _create_file(dest, name, set()) as out:
                    out.write(content)
                    out.flush()
                    os.fsync(out.fileno())
            result = verified(manifest, toml)
            fsync_dir(dest)
            fsync_dir(dest.parent)
        except BaseException as exc:
            shutil.rmtree(dest, ignore_errors=True)
            if isinstance(exc, OSError):
                raise BundleError(
                    f"The bundle could not be copied to {dest} ({exc.strerror or exc})."
                ) from exc
            raise
    return result


# -- folders -----------------------------------------------------------------------------------


def verify_folder(
    folder: Path, trusted: Sequence[Ed25519PublicKey], *, limits: Limits = DEFAULT_LIMITS
) -> VerifiedBundle:
    """The checks of `verify_bundle` for a sealed or extracted folder."""
    seal = read_seal(folder)
    return verified_files(folder, check_signature(seal.manifest, seal.signature, trusted, limits))


def verified_files(folder: Path, manifest: SignedManifest) -> VerifiedBundle:
    """The folder holds exactly the files of a manifest whose seal was already trusted."""
    entries = {entry.path: entry for entry in manifest.files}
    check_unlisted(folder, entries)
    progress = _Progress(manifest.total_size, None)
    toml: bytes | None = None
    for entry in manifest.files:
        capture = entry.path == MANIFEST_NAME and entry.size <= MAX_MANIFEST_BYTES
        sink = _Sink(None, capture, progress)
        path = folder.joinpath(*entry.path.split("/"))
        if hash_file(path, entry.path, entry.size, sink) != Digest(entry.sha256, entry.size):
            raise changed(entry.path)
        if sink.parts is not None:
            toml = b"".join(sink.parts)
    return verified(manifest, toml)

"""A sealed bundle folder on disk: reading its seal (manifest.json + manifest.sig) and checking
that its files are exactly the ones listed, byte for byte.

Standard library only: the patient app checks its bundle's files at every start, and that path
must not load the schema or the archive reader (see kiosk/store/ready.py).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeAlias

from kiosk.content.problems import BundleError

StrPath: TypeAlias = "str | os.PathLike[str]"

MANIFEST_JSON = "manifest.json"
MANIFEST_SIG = "manifest.sig"
SIGNED_FILES = frozenset({MANIFEST_JSON, MANIFEST_SIG})
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
SIGNATURE_BYTES = 64  # Ed25519
CHUNK_BYTES = 1024 * 1024

NOT_SIGNED = "The bundle is not signed (it has no manifest.sig)."
NO_MANIFEST = "The bundle has no manifest.json (it was not made with kiosk bundle build)."


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int


@dataclass(frozen=True)
class Seal:
    """The exact signed bytes of a sealed folder; `digest` names this seal among all others."""

    manifest: bytes  # manifest.json
    signature: bytes  # manifest.sig

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.signature + self.manifest).hexdigest()


def shown(name: str) -> str:
    """A name safe to print: control and invisible characters become escapes."""
    return "".join(c if c.isprintable() else f"\\x{{{ord(c):x}}}" for c in name)


def changed(name: str) -> BundleError:
    return BundleError(f"The file {shown(name)} was changed after the bundle was signed.")


def read_seal(folder: Path) -> Seal:
    if not folder.is_dir():
        raise BundleError(f"{folder} is not a folder.")
    return Seal(
        read_folder_file(folder, MANIFEST_JSON, MAX_MANIFEST_BYTES, NO_MANIFEST),
        read_folder_file(folder, MANIFEST_SIG, SIGNATURE_BYTES, NOT_SIGNED),
    )


def read_folder_file(folder: Path, name: str, max_bytes: int, missing: str) -> bytes:
    if not (folder / name).exists():
        raise BundleError(missing)
    with open_regular(folder / name, name) as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BundleError(f"The file {name} in the bundle is too large.")
    return data


def collect_files(root: Path) -> list[tuple[str, Path]]:
    """Every regular file under `root` but the root's manifest.json/.sig, sorted; no links."""
    try:
        return _walk(root)
    except OSError as exc:
        raise BundleError(f"The folder {root} could not be read ({exc.strerror}).") from exc


def _walk(root: Path) -> list[tuple[str, Path]]:
    # os.scandir and plain strings: the kiosk checks every file at each start (~450 with
    # narration), and a Path and an lstat per entry were half of that check's time.
    found: list[tuple[str, Path]] = []
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    raise BundleError(
                        f"The bundle contains a link, which is not allowed: {shown(rel)}."
                    )
                if entry.is_dir(follow_symlinks=False):
                    pending.append((rel + "/", entry.path))
                elif not entry.is_file(follow_symlinks=False):
                    raise BundleError(
                        f"The bundle contains {shown(rel)}, which is not a regular file."
                    )
                elif rel not in SIGNED_FILES:
                    found.append((rel, Path(entry.path)))
    return sorted(found)


def open_regular(path: StrPath, rel: str) -> BinaryIO:
    """Opens a regular file without following a link, however the folder changes meanwhile."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise BundleError(f"The file {shown(rel)} listed in the bundle is missing.") from None
    except OSError as exc:
        raise BundleError(f"The file {shown(rel)} in the bundle cannot be read.") from exc
    file = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        file.close()
        raise BundleError(f"The bundle contains {shown(rel)}, which is not a regular file.")
    return file


def hash_file(
    path: StrPath, rel: str, limit: int, sink: Callable[[bytes], None] | None = None
) -> Digest:
    """SHA-256 and size of a file, reading at most `limit` + 1 bytes."""
    digest = hashlib.sha256()
    size = 0
    with open_regular(path, rel) as file:
        while size <= limit and (chunk := file.read(min(CHUNK_BYTES, limit + 1 - size))):
            size += len(chunk)
            digest.update(chunk)
            if sink is not None:
                sink(chunk)
    return Digest(digest.hexdigest(), size)


def check_unlisted(folder: Path, listed: Mapping[str, object]) -> None:
    for rel, _ in collect_files(folder):
        if rel not in listed:
            raise BundleError(f"The bundle contains a file that was not signed: {shown(rel)}.")


def played_clip(rel: str) -> bool:
    """A narration clip: its hash is checked when it is about to play, not at every start
    (~420 of a bundle's ~450 files, 99 % of its bytes: most of the start's hash check)."""
    return rel.startswith("narration/") and rel.endswith(".ogg")


def check_files(
    folder: Path, files: Mapping[str, Digest], later: Callable[[str], bool] | None = None
) -> dict[str, Digest]:
    """The folder holds exactly `files` (path -> expected digest) besides its seal, and every
    file matches but those `later` picks: theirs are returned, to be checked before use."""
    check_unlisted(folder, files)
    base = os.fspath(folder)
    deferred = {}
    for rel, expected in files.items():
        if later is not None and later(rel):
            deferred[rel] = expected
        elif hash_file(f"{base}/{rel}", rel, expected.size) != expected:
            raise changed(rel)
    return deferred

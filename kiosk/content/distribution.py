"""The distribution form: building, sealing, verifying and extracting signed bundles.

`manifest.json` lists every file with its SHA-256 and size; `manifest.sig` is the raw Ed25519
signature over the exact bytes of `manifest.json`. Nothing in `manifest.json` is believed before
that signature checks out against a trusted key; after that, every file is hashed while it
streams (1 MiB at a time, never a whole file in memory) and compared with the manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kiosk.atomic import fsync_dir, write_bytes
from kiosk.content.archive import (
    DEFAULT_LIMITS,
    MAX_NAME_CHARS,
    Limits,
    SafeArchive,
    check_names,
    target_path,
)
from kiosk.content.bundle import Bundle
from kiosk.content.manifest import FORMAT, MANIFEST_NAME, Id, Manifest
from kiosk.content.problems import BundleError, Problem, Problems
from kiosk.content.sealed import (
    CHUNK_BYTES,
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
    collect_files,
    hash_file,
    read_seal,
    shown,
)
from kiosk.content.signing import find_signer, key_id, sign
from kiosk.content.validate import field_path, validate_folder

# Already compressed: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip", ".xz", ".bz2", ".zst", ".woff2"}
)
_SAMPLE_BYTES = 64 * 1024
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

BAD_SIGNATURE = "The bundle's signature is not valid."


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    path: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0)]


class SignedManifest(BaseModel):
    """The contents of manifest.json."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    format: Annotated[int, Field(ge=FORMAT, le=FORMAT)]
    id: Id
    version: Annotated[int, Field(ge=1)]
    built_at: AwareDatetime
    signer: Annotated[str, StringConstraints(pattern=_KEY_ID.pattern)]
    files: tuple[FileEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files)


@dataclass(frozen=True)
class VerifiedBundle:
    id: str
    version: int
    signer: str
    built_at: dt.datetime
    file_count: int
    total_size: int
    page_count: int
    manifest: Manifest  # bundle.toml
    files: tuple[FileEntry, ...]
    signed: SignedManifest  # manifest.json


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    manifest: SignedManifest
    warnings: tuple[Problem, ...]


# -- manifest.json -----------------------------------------------------------------------------


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_bytes(manifest: SignedManifest) -> bytes:
    """Deterministic JSON: fixed key order, ASCII only, so the signed bytes never depend on
    the platform or the JSON library's mood."""
    document = {
        "format": manifest.format,
        "id": manifest.id,
        "version": manifest.version,
        "built_at": _iso(manifest.built_at),
        "signer": manifest.signer,
        "files": [
            {"path": entry.path, "sha256": entry.sha256, "size": entry.size}
            for entry in sorted(manifest.files, key=lambda entry: entry.path)
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def parse_manifest(data: bytes, limits: Limits = DEFAULT_LIMITS) -> SignedManifest:
    try:
        manifest = SignedManifest.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = field_path(first["loc"]) or "top level"
        raise BundleError(
            f"The bundle's manifest.json is not valid ({where}: {first['msg']})."
        ) from None
    paths = [entry.path for entry in manifest.files]
    for path in paths:
        if path in SIGNED_FILES:
            raise BundleError(f"The bundle's manifest.json lists {path} as one of its files.")
    check_names([*paths, *sorted(SIGNED_FILES)], limits)
    return manifest


def _claimed_signer(data: bytes) -> str | None:
    """The signer manifest.json names, for the error message only: it is not yet trusted."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    signer = document.get("signer") if isinstance(document, dict) else None
    return signer if isinstance(signer, str) and _KEY_ID.match(signer) else None


def _check_signature(
    data: bytes, signature: bytes, trusted: Sequence[Ed25519PublicKey], limits: Limits
) -> SignedManifest:
    """The manifest, parsed only once a trusted key has vouched for its exact bytes."""
    signer = find_signer(trusted, signature, data)
    if signer is None:
        claimed = _claimed_signer(data)
        if claimed is not None and claimed not in {key_id(key) for key in trusted}:
            raise BundleError(
                f"The bundle was signed by key {claimed}, which this kiosk does not trust."
            )
        raise BundleError(BAD_SIGNATURE)
    manifest = parse_manifest(data, limits)
    if manifest.signer != key_id(signer):
        raise BundleError(
            f"The bundle's manifest.json names key {manifest.signer} as its signer, "
            f"but it was signed by key {key_id(signer)}."
        )
    return manifest


def _bundle_manifest(toml: bytes | None, signed: SignedManifest) -> Manifest:
    """The bundle.toml inside, parsed (its bytes were checked against the signed hash)."""
    if toml is None:
        listed = any(entry.path == MANIFEST_NAME for entry in signed.files)
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} is too large."
            if listed
            else f"The bundle has no {MANIFEST_NAME}."
        )
    try:
        manifest = Manifest.model_validate(tomllib.loads(toml.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise BundleError(f"The bundle's {MANIFEST_NAME} cannot be read.") from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} is not valid ({field_path(first['loc'])}: "
            f"{first['msg']})."
        ) from None
    if (manifest.id, manifest.version) != (signed.id, signed.version):
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} and manifest.json disagree about its id or version."
        )
    return manifest


def _verified(signed: SignedManifest, toml: bytes | None) -> VerifiedBundle:
    manifest = _bundle_manifest(toml, signed)
    return VerifiedBundle(
        id=signed.id,
        version=signed.version,
        signer=signed.signer,
        built_at=signed.built_at,
        file_count=len(signed.files),
        total_size=signed.total_size,
        # about + treatments + the disclaimer, as Bundle.page_count counts them
        page_count=len(manifest.about) + len(manifest.treatments) + 1,
        manifest=manifest,
        files=signed.files,
        signed=signed,
    )


# -- streaming helpers -------------------------------------------------------------------------


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


def _copy_members(
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
    manifest = _check_signature(data, signature, trusted, archive.limits)
    archive.check_listed({entry.path for entry in manifest.files} | SIGNED_FILES)
    return manifest, data, signature


# -- verify and extract ------------------------------------------------------------------------


def verify_bundle(
    path: Path, trusted: Sequence[Ed25519PublicKey], *, limits: Limits = DEFAULT_LIMITS
) -> VerifiedBundle:
    """Checks a .kbundle: signature first, then every file against the signed manifest."""
    with SafeArchive(path, limits) as archive:
        manifest, _, _ = _read_signed(archive, trusted)
        toml = _copy_members(archive, manifest, None)
    return _verified(manifest, toml)


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
            toml = _copy_members(archive, manifest, dest, on_progress)
            for name, content in ((MANIFEST_JSON, data), (MANIFEST_SIG, signature)):
                with _create_file(dest, name, set()) as out:
                    out.write(content)
                    out.flush()
                    os.fsync(out.fileno())
            verified = _verified(manifest, toml)
            fsync_dir(dest)
            fsync_dir(dest.parent)
        except BaseException as exc:
            shutil.rmtree(dest, ignore_errors=True)
            if isinstance(exc, OSError):
                raise BundleError(
                    f"The bundle could not be copied to {dest} ({exc.strerror or exc})."
                ) from exc
            raise
    return verified


# -- folders -----------------------------------------------------------------------------------


def verify_folder(
    folder: Path, trusted: Sequence[Ed25519PublicKey], *, limits: Limits = DEFAULT_LIMITS
) -> VerifiedBundle:
    """The checks of `verify_bundle` for a sealed or extracted folder."""
    seal = read_seal(folder)
    return verified_files(folder, _check_signature(seal.manifest, seal.signature, trusted, limits))


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
    return _verified(manifest, toml)


# -- build and seal ----------------------------------------------------------------------------


def _validated(src: Path, readability_checks: bool) -> tuple[Bundle, Problems]:
    bundle, problems = validate_folder(src, readability_checks=readability_checks)
    if bundle is None:
        count = len(problems.errors)
        raise BundleError(
            f"The folder {src} is not a valid bundle ({count} error{'s' if count != 1 else ''}).",
            problems.errors,
        )
    return bundle, problems


def _utc(when: dt.datetime | None) -> dt.datetime:
    when = dt.datetime.now(dt.UTC) if when is None else when
    if when.tzinfo is None:
        raise ValueError("built_at must carry a time zone")
    return max(when.astimezone(dt.UTC).replace(microsecond=0), _ZIP_EPOCH)


def _planned_files(src: Path, limits: Limits) -> list[tuple[str, Path]]:
    files = collect_files(src)
    # The reader's rules, applied before writing: never build what a kiosk would refuse.
    check_names([*(rel for rel, _ in files), *sorted(SIGNED_FILES)], limits)
    total = 0
    for rel, path in files:
        size = path.stat().st_size
        total += size
        if size > limits.max_file_bytes:
            raise BundleError(f"The file {shown(rel)} is larger than a bundle allows.")
        if total > limits.max_total_bytes:
            raise BundleError("The files of the bundle add up to more than a bundle allows.")
    return files


def _deflated_size(path: Path) -> int:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    size = 0
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            size += len(compressor.compress(chunk))
    return size + len(compressor.flush())


def _compression(rel: str, path: Path, size: int, limits: Limits) -> int:
    """Deflate for text; store what is already compressed, and what would deflate so well that
    a kiosk would take it for a zip bomb."""
    if size == 0 or Path(rel).suffix.lower() in STORED_SUFFIXES:
        return zipfile.ZIP_STORED
    with path.open("rb") as file:
        sample = file.read(_SAMPLE_BYTES)
    if len(zlib.compress(sample)) > 0.9 * len(sample):
        return zipfile.ZIP_STORED
    if size > limits.ratio_min_bytes and size > limits.max_ratio * _deflated_size(path):
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def _zip_info(name: str, when: dt.datetime, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compression
    info.create_system = 3  # Unix, so that the type bits below mean "regular file"
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _hash_path(rel: str, path: Path, limits: Limits) -> FileEntry:
    digest = hash_file(path, rel, limits.max_file_bytes)
    if digest.size > limits.max_file_bytes:
        raise BundleError(f"The file {shown(rel)} is larger than a bundle allows.")
    return FileEntry(path=rel, sha256=digest.sha256, size=digest.size)


def _write_zip(
    file: BinaryIO,
    files: list[tuple[str, Path]],
    make_manifest: Callable[[tuple[FileEntry, ...]], SignedManifest],
    key: Ed25519PrivateKey,
    when: dt.datetime,
    limits: Limits,
) -> SignedManifest:
    entries: list[FileEntry] = []
    total = 0
    with zipfile.ZipFile(file, "w") as archive:
        for rel, path in files:
            size = path.stat().st_size
            info = _zip_info(rel, when, _compression(rel, path, size, limits))
            info.file_size = size  # lets zipfile pick ZIP64 only when needed
            digest = hashlib.sha256()
            count = 0
            with path.open("rb") as source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK_BYTES):
                    count += len(chunk)
                    total += len(chunk)
                    if count > limits.max_file_bytes or total > limits.max_total_bytes:
                        raise BundleError(f"The file {shown(rel)} is larger than a bundle allows.")
                    digest.update(chunk)
                    target.write(chunk)
            entries.append(FileEntry(path=rel, sha256=digest.hexdigest(), size=count))
        manifest = make_manifest(tuple(entries))
        data = manifest_bytes(manifest)
        archive.writestr(_zip_info(MANIFEST_JSON, when, zipfile.ZIP_DEFLATED), data)
        archive.writestr(_zip_info(MANIFEST_SIG, when, zipfile.ZIP_STORED), sign(key, data))
    return manifest


def _manifest_maker(
    bundle: Bundle, key: Ed25519PrivateKey, when: dt.datetime
) -> Callable[[tuple[FileEntry, ...]], SignedManifest]:
    def make(files: tuple[FileEntry, ...]) -> SignedManifest:
        return SignedManifest(
            format=FORMAT,
            id=bundle.id,
            version=bundle.version,
            built_at=when,
            signer=key_id(key.public_key()),
            files=tuple(sorted(files, key=lambda entry: entry.path)),
        )

    return make


def build_bundle(
    src: Path,
    key: Ed25519PrivateKey,
    out: Path,
    *,
    readability_checks: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    built_at: dt.datetime | None = None,
) -> BuiltBundle:
    """Validates `src` and writes the signed .kbundle `out` atomically (all or nothing)."""
    if out.resolve().is_relative_to(src.resolve()):
        raise BundleError("The bundle file must be written outside the bundle folder.")
    bundle, problems = _validated(src, readability_checks)
    files = _planned_files(src, limits)
    when = _utc(built_at)
    try:
        fd, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise BundleError(f"The bundle could not be written to {out} ({exc.strerror}).") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w+b") as file:
            manifest = _write_zip(
                file, files, _manifest_maker(bundle, key, when), key, when, limits
            )
            file.flush()
            os.fsync(file.fileno())
        temp.chmod(0o644)  # mkstemp makes 0600; a bundle is meant to be copied around
        temp.replace(out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise BundleError(
                f"The bundle could not be written to {out} ({exc.strerror or exc})."
            ) from exc
        raise
    fsync_dir(out.parent)
    return BuiltBundle(path=out, manifest=manifest, warnings=tuple(problems.warnings))


def seal_folder(
    src: Path,
    key: Ed25519PrivateKey,
    *,
    readability_checks: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    built_at: dt.datetime | None = None,
) -> SignedManifest:
    """Writes manifest.json and manifest.sig into an authoring folder (the built-in bundle)."""
    bundle, _ = _validated(src, readability_checks)
    files = _planned_files(src, limits)
    entries = tuple(_hash_path(rel, path, limits) for rel, path in files)
    if sum(entry.size for entry in entries) > limits.max_total_bytes:
        raise BundleError("The files of the bundle add up to more than a bundle allows.")
    manifest = _manifest_maker(bundle, key, _utc(built_at))(entries)
    data = manifest_bytes(manifest)
    try:
        write_bytes(src / MANIFEST_JSON, data)
        write_bytes(src / MANIFEST_SIG, sign(key, data))
    except OSError as exc:
        raise BundleError(f"The folder {src} could not be sealed ({exc.strerror}).") from exc
    return manifest


# -- validation of an archive ------------------------------------------------------------------


def validate_archive(
    path: Path, *, readability_checks: bool = True, limits: Limits = DEFAULT_LIMITS
) -> tuple[Bundle | None, Problems]:
    """`kiosk bundle validate X.kbundle`: every problem of the bundle inside, without trust.

    The files must still match manifest.json. They are checked in a temporary folder that is
    deleted before returning, so the bundle is always None: its paths would point nowhere.
    """
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="kiosk-validate-") as temp:
        folder = Path(temp) / "bundle"
        try:
            with SafeArchive(path, limits) as archive:
                if MANIFEST_JSON not in archive:
                    raise BundleError(NO_MANIFEST)
                manifest = parse_manifest(
                    archive.read_small(MANIFEST_JSON, MAX_MANIFEST_BYTES), limits
                )
                expected = {entry.path for entry in manifest.files} | {MANIFEST_JSON}
                if MANIFEST_SIG in archive:
                    expected.add(MANIFEST_SIG)
                else:
                    problems.error(path.name, MANIFEST_SIG, NOT_SIGNED)
                archive.check_listed(expected)
                folder.mkdir()
                toml = _copy_members(archive, manifest, folder)
        except BundleError as exc:
            problems.error(path.name, "", exc.summary)
            problems.extend(exc.problems)
            return None, problems
        _, found = validate_folder(folder, readability_checks=readability_checks)
        problems.extend(found.items)
        if found.ok:
            try:
                _bundle_manifest(toml, manifest)
            except BundleError as exc:
                problems.error(path.name, MANIFEST_JSON, exc.summary)
    return None, problems

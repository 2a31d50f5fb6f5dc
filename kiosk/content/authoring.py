"""Authoring: a bundle folder validated, then built into a signed .kbundle or sealed in place.

A build writes the zip and its signed manifest.json in one pass, atomically (all or nothing), and
applies the kiosk's own reading rules first: it never builds what a kiosk would refuse. A release
build also refuses draft pages (no clinician's review recorded).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.atomic import fsync_dir, write_bytes
from kiosk.content.archive import DEFAULT_LIMITS, Limits, check_names
from kiosk.content.bundle import Bundle
from kiosk.content.manifest import FORMAT
from kiosk.content.narration_build import NarrationMode, make_narration, speech_for
from kiosk.content.narration_check import NARRATION, RECORDINGS, narration_problems
from kiosk.content.narration_keep import keep_narration
from kiosk.content.problems import BundleError, Problem, Problems
from kiosk.content.sealed import (
    CHUNK_BYTES,
    MANIFEST_JSON,
    MANIFEST_SIG,
    SIGNED_FILES,
    collect_files,
    hash_file,
    shown,
)
from kiosk.content.signed_manifest import FileEntry, SignedManifest, manifest_bytes
from kiosk.content.signing import key_id, sign
from kiosk.content.validate import validate_folder

# Already compressed: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".gz",
        ".zip",
        ".xz",
        ".bz2",
        ".zst",
        ".woff2",
        ".ogg",
    }
)
_SAMPLE_BYTES = 64 * 1024
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    manifest: SignedManifest
    warnings: tuple[Problem, ...]


def _validated(src: Path, readability_checks: bool, narration: bool) -> tuple[Bundle, Problems]:
    bundle, problems = validate_folder(
        src, readability_checks=readability_checks, narration=narration
    )
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


def _planned_files(
    src: Path, limits: Limits, narration: Path | None = None, *, recordings: bool = False
) -> list[tuple[str, Path]]:
    """The folder's files, its recordings left out unless asked for (the build reads them, the
    kiosk never does); with `narration`, the folder where narration/ was made anew, its files
    instead of the folder's own narration/."""
    skipped = (() if recordings else (f"{RECORDINGS}/",)) + (
        (f"{NARRATION}/",) if narration is not None else ()
    )
    files = [(rel, path) for rel, path in collect_files(src) if not rel.startswith(skipped)]
    if narration is not None:
        files = sorted(files + collect_files(narration))
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


def release_refusal(drafts: Sequence[str]) -> str:
    count = len(drafts)
    pages = f"{count} page has" if count == 1 else f"{count} pages have"
    return (
        f"This bundle cannot be released: {pages} not been reviewed by a clinician "
        f"({', '.join(drafts)})."
    )


def _write_out(
    out: Path,
    files: list[tuple[str, Path]],
    make_manifest: Callable[[tuple[FileEntry, ...]], SignedManifest],
    key: Ed25519PrivateKey,
    when: dt.datetime,
    limits: Limits,
) -> SignedManifest:
    """Writes the .kbundle next to `out` and moves it into place: all or nothing."""
    try:
        fd, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise BundleError(f"The bundle could not be written to {out} ({exc.strerror}).") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w+b") as file:
            manifest = _write_zip(file, files, make_manifest, key, when, limits)
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
    return manifest


def build_bundle(
    src: Path,
    key: Ed25519PrivateKey,
    out: Path,
    *,
    readability_checks: bool = True,
    release: bool = False,
    narration: NarrationMode = "none",
    limits: Limits = DEFAULT_LIMITS,
    built_at: dt.datetime | None = None,
) -> BuiltBundle:
    """Validates `src` and writes the signed .kbundle `out` atomically (all or nothing).

    A release build refuses a bundle with draft pages (no clinician's review recorded).
    `narration` (kiosk/content/narration_build.py `speech_for`): "auto" and "required" make
    narration/ anew, in place of the folder's own; "none" (and "auto" without the speech
    tools) keeps the folder's, less the pages whose text changed since it was spoken
    (kiosk/content/narration_keep.py)."""
    if out.resolve().is_relative_to(src.resolve()):
        raise BundleError("The bundle file must be written outside the bundle folder.")
    speech, notes = speech_for(narration)
    bundle, problems = _validated(src, readability_checks, narration=False)
    if release and bundle.drafts():
        raise BundleError(release_refusal(bundle.drafts()))
    when = _utc(built_at)
    with tempfile.TemporaryDirectory(prefix="kiosk-narration-") as made:
        if speech is not None:
            notes += make_narration(bundle, src, Path(made), speech)[1]
        else:  # the folder's own, without pages whose text changed since they were spoken
            notes += keep_narration(bundle, src, Path(made))
        files = _planned_files(src, limits, Path(made))
        manifest = _write_out(out, files, _manifest_maker(bundle, key, when), key, when, limits)
    return BuiltBundle(path=out, manifest=manifest, warnings=(*problems.warnings, *notes))


def _renew_narration(bundle: Bundle, src: Path, mode: NarrationMode) -> list[Problem]:
    """Makes src/narration anew (when the speech tools are there), swapped in whole."""
    speech, notes = speech_for(mode)
    if speech is None:
        kept = narration_problems(bundle, src)
        if not kept.ok:
            raise BundleError(f"The narration in {src} is not valid.", kept.errors)
        return notes
    with tempfile.TemporaryDirectory(dir=src, prefix=".narration-") as made:
        made_any, warnings = make_narration(bundle, src, Path(made), speech)
        if (src / NARRATION).exists():
            (src / NARRATION).rename(Path(made) / "old")
        if made_any:
            (Path(made) / NARRATION).rename(src / NARRATION)
    return notes + warnings


def seal_folder(
    src: Path,
    key: Ed25519PrivateKey,
    *,
    readability_checks: bool = True,
    narration: NarrationMode = "none",
    limits: Limits = DEFAULT_LIMITS,
    built_at: dt.datetime | None = None,
) -> BuiltBundle:
    """Writes manifest.json and manifest.sig into an authoring folder (the built-in bundle),
    after making its narration/ anew unless `narration` is "none"."""
    bundle, problems = _validated(src, readability_checks, narration=False)
    notes = _renew_narration(bundle, src, narration)
    # A sealed folder is read as it is: recordings in it are listed too, or it would not verify.
    files = _planned_files(src, limits, recordings=True)
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
    return BuiltBundle(path=src, manifest=manifest, warnings=(*problems.warnings, *notes))

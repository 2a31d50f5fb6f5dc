"""Reading a `.kbundle` zip without trusting anything in it.

A bundle arrives on a USB stick, so the archive is hostile until proven otherwise: it is read
before its signature can be checked (the signature is inside it). Opening a `SafeArchive` refuses,
each time with one sentence (`BundleError`):

- a table of contents larger than `max_files` entries could need, or a ZIP64 one (checked from
  the end record before `zipfile` reads the table, so a huge one never reaches memory);
- more than `max_files` entries;
- names that are empty, not UTF-8 (zip flag bit 11 unset with non-ASCII bytes, or bad UTF-8),
  hold control or invisible characters, backslashes, colons or a drive letter (`C:`), are
  absolute, have `..`, `.` or empty parts, or are longer than `MAX_NAME_CHARS`;
- folder entries (the builder never writes them, so they are refused rather than skipped),
  links and every other entry that is not a regular file (Unix type bits of `external_attr`,
  DOS folder bit);
- the same name twice, names that differ only in case (USB sticks and Windows fold case), and a
  name used both as a file and as a folder;
- encrypted entries and compression other than stored or deflated;
- a file larger than `max_file_bytes`, files adding up to more than `max_total_bytes`, and a file
  over `ratio_min_bytes` compressed more than `max_ratio` to 1 (a zip bomb).

The sizes in the headers are only used to refuse early: `stream` counts the bytes it really gets
and stops at the smaller of the header size and the caps. `check_listed` refuses entries the
signed manifest does not list. The limits are module constants, overridable with `Limits` so
that tests and the benchmark can use other values.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TypeVar

from kiosk.content.problems import BundleError
from kiosk.content.sealed import CHUNK_BYTES, Digest, shown
from kiosk.content.zip_canon import check_canonical

MiB = 1024 * 1024
MAX_FILES = 2000
MAX_FILE_BYTES = 64 * MiB  # images are capped at 2 MiB; this leaves room for notices
MAX_TOTAL_BYTES = 256 * MiB
MAX_RATIO = 100
RATIO_MIN_BYTES = 1 * MiB  # small files may compress very well (blank SVGs) without harm
MAX_NAME_CHARS = 255
# One table-of-contents record is 46 bytes plus name, extra and comment: 2 KiB is generous.
_DIRECTORY_BYTES_PER_FILE = 2048

READ_FAILED = "The bundle file could not be read to the end (was the drive removed?)."

_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ZIP64_LOCATOR_BYTES = 20
_UTF8_FLAG = 1 << 11
_ENCRYPTED_FLAGS = (1 << 0) | (1 << 6)  # traditional and strong encryption
_DOS_DIRECTORY = 0x10
_DRIVE = re.compile(r"^[A-Za-z]:")
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_T = TypeVar("_T")
# What zipfile raises for an entry whose bytes do not decode as the table says.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, struct.error)


@dataclass(frozen=True)
class Limits:
    max_files: int = MAX_FILES
    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_ratio: int = MAX_RATIO
    ratio_min_bytes: int = RATIO_MIN_BYTES


DEFAULT_LIMITS = Limits()


def _size(value: int) -> str:
    return f"{value // MiB} MiB" if value >= MiB and value % MiB == 0 else f"{value:,} bytes"


def check_member_name(name: str) -> str:
    """`name` if it is a plain relative path that stays inside any folder; else BundleError."""
    where = shown(name)
    if not name:
        raise BundleError("The bundle contains a file with an empty name.")
    if not all(c.isprintable() for c in name):
        raise BundleError(f"The bundle contains a file name with a control character: {where}.")
    if "\\" in name:
        raise BundleError(f"The bundle contains a file name with a backslash: {where}.")
    if name.startswith("/"):
        raise BundleError(f"The bundle contains a file name that is an absolute path: {where}.")
    if _DRIVE.match(name):
        raise BundleError(f"The bundle contains a file name with a drive letter: {where}.")
    if ":" in name:
        raise BundleError(f"The bundle contains a file name with a colon: {where}.")
    if name.endswith("/"):
        raise BundleError(f"The bundle contains a folder entry, which bundles never have: {where}.")
    parts = name.split("/")
    if ".." in parts:
        raise BundleError(f"The bundle contains a file name that leads out of it (..): {where}.")
    if "" in parts or "." in parts:
        raise BundleError(f"The bundle contains a file name with an empty or '.' part: {where}.")
    if len(name) > MAX_NAME_CHARS:
        raise BundleError(
            f"The bundle contains a file name longer than {MAX_NAME_CHARS} characters: "
            f"{where[:60]}..."
        )
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_CHARS for part in parts):
        raise BundleError(
            f"The bundle contains a file name part longer than {MAX_NAME_CHARS} bytes: "
            f"{where[:60]}..."
        )
    return name


def name_key(name: str) -> str:
    """Two names with the same key are the same file on a case-folding file system."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def check_names(names: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> None:
    """Every name is safe, and no two of them can land on the same path."""
    seen: dict[str, str] = {}
    folders: dict[str, str] = {}
    for count, name in enumerate(names, start=1):
        if count > limits.max_files:
            raise BundleError(f"The bundle has more than {limits.max_files} files.")
        check_member_name(name)
        key = name_key(name)
        if key in seen:
            other = seen[key]
            if other == name:
                raise BundleError(f"The bundle contains the file {shown(name)} twice.")
            raise BundleError(
                f"The bundle contains the files {shown(other)} and {shown(name)}, "
                "whose names differ only in case."
            )
        seen[key] = name
        parts = key.split("/")
        for end in range(1, len(parts)):
            folders.setdefault("/".join(parts[:end]), name)
    for key, name in seen.items():
        if key in folders:
            raise BundleError(f"The bundle contains {shown(name)} both as a file and as a folder.")


def target_path(dest: Path, name: str) -> Path:
    """Where member `name` goes inside `dest`; BundleError if it would land anywhere else."""
    check_member_name(name)
    target = dest.joinpath(*name.split("/"))
    root = os.path.normpath(dest)
    if os.path.commonpath([root, os.path.normpath(target)]) != root or target == dest:
        raise BundleError(f"The bundle contains a file name that leads out of it: {shown(name)}.")
    return target


def _check_end_record(file: BinaryIO, limits: Limits) -> None:
    """Bounds the table of contents before zipfile loads it whole (it trusts the end record).

    Finds the end record the way zipfile does: at the very end, else the last signature in the
    final 64 KiB (after an archive comment).
    """
    file.seek(0, os.SEEK_END)
    file_size = file.tell()
    not_zip = BundleError("The file is not a bundle (it is not a readable zip archive).")
    if file_size < _EOCD.size:
        raise not_zip
    file.seek(file_size - _EOCD.size)
    tail = file.read(_EOCD.size)
    tail_start = file_size - _EOCD.size
    at = 0
    if not (tail.startswith(_EOCD_SIGNATURE) and tail.endswith(b"\0\0")):
        tail_start = max(file_size - (1 << 16) - _EOCD.size, 0)
        file.seek(tail_start)
        tail = file.read()
        at = tail.rfind(_EOCD_SIGNATURE)
        if at < 0 or len(tail) - at < _EOCD.size:
            raise not_zip
    _, _, _, disk_entries, entries, directory_bytes, _, _ = _EOCD.unpack_from(tail, at)
    record = tail_start + at
    if record >= _ZIP64_LOCATOR_BYTES:
        file.seek(record - _ZIP64_LOCATOR_BYTES)
        if file.read(4) == _ZIP64_LOCATOR_SIGNATURE:
            raise BundleError("The bundle's table of contents is larger than any bundle needs.")
    if max(entries, disk_entries) > limits.max_files:
        raise BundleError(f"The bundle has more than {limits.max_files} files.")
    if directory_bytes > limits.max_files * _DIRECTORY_BYTES_PER_FILE:
        raise BundleError("The bundle's table of contents is larger than any bundle needs.")


def _check_entry(info: zipfile.ZipInfo, limits: Limits) -> None:
    raw = info.orig_filename  # before zipfile cuts it at a NUL
    where = shown(raw)
    if not info.flag_bits & _UTF8_FLAG and not raw.isascii():
        raise BundleError(f"The bundle contains a file name that is not UTF-8: {where}.")
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if raw.endswith("/") or kind == stat.S_IFDIR or info.external_attr & _DOS_DIRECTORY:
        raise BundleError(f"The bundle contains a folder entry, which bundles never have: {where}.")
    if kind == stat.S_IFLNK:
        raise BundleError(f"The bundle contains a link, which is not allowed: {where}.")
    if kind not in (0, stat.S_IFREG):
        raise BundleError(f"The bundle contains {where}, which is not a regular file.")
    check_member_name(raw)
    if info.flag_bits & _ENCRYPTED_FLAGS:
        raise BundleError(f"The bundle contains an encrypted file: {where}.")
    if info.compress_type not in _COMPRESSIONS:
        raise BundleError(f"The file {where} in the bundle uses an unsupported compression.")
    if info.file_size > limits.max_file_bytes:
        raise BundleError(
            f"The file {where} in the bundle is larger than the limit of "
            f"{_size(limits.max_file_bytes)}."
        )
    _check_ratio(info, info.file_size, limits)


def _check_ratio(info: zipfile.ZipInfo, size: int, limits: Limits) -> None:
    if size > limits.ratio_min_bytes and size > limits.max_ratio * max(info.compress_size, 1):
        raise BundleError(
            f"The file {shown(info.orig_filename)} in the bundle is compressed more than "
            f"{limits.max_ratio} to 1, like a zip bomb."
        )


class SafeArchive:
    """A zip opened for reading after every check above; use it as a context manager."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        try:
            self._file: BinaryIO = path.open("rb")
        except OSError as exc:
            raise BundleError(
                f"The bundle file {path} could not be opened ({exc.strerror})."
            ) from exc
        try:
            self._zip = self._open_checked()
        except BaseException:
            self._file.close()
            raise
        self._members = {info.orig_filename: info for info in self._zip.infolist()}
        self._streamed: set[str] = set()
        self._streamed_total = 0

    def _open_checked(self) -> zipfile.ZipFile:
        try:
            _check_end_record(self._file, self.limits)
            archive = zipfile.ZipFile(self._file)
        except OSError as exc:
            raise BundleError(READ_FAILED) from exc
        except UnicodeDecodeError:
            raise BundleError("The bundle contains a file name that is not valid UTF-8.") from None
        except (*_DAMAGE, zipfile.LargeZipFile):
            raise BundleError(
                "The file is not a bundle (it is not a readable zip archive)."
            ) from None
        try:
            infos = archive.infolist()
            if len(infos) > self.limits.max_files:
                raise BundleError(f"The bundle has more than {self.limits.max_files} files.")
            for info in infos:
                _check_entry(info, self.limits)
            check_names((info.orig_filename for info in infos), self.limits)
            check_canonical(self._file, infos)
            if sum(info.file_size for info in infos) > self.limits.max_total_bytes:
                raise BundleError(self._total_message())
        except BaseException:
            archive.close()
            raise
        return archive

    def _total_message(self) -> str:
        return (
            "The files in the bundle add up to more than the limit of "
            f"{_size(self.limits.max_total_bytes)}."
        )

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    @property
    def names(self) -> list[str]:
        """Every member, in archive order (the fastest order to read them in)."""
        return list(self._members)

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def size(self, name: str) -> int:
        """The size the table of contents claims; `stream` checks it."""
        return self._members[name].file_size

    def check_listed(self, expected: Collection[str]) -> None:
        """The archive holds exactly `expected`: nothing unsigned, nothing missing."""
        for name in self._members:
            if name not in expected:
                raise BundleError(f"The bundle contains a file that was not signed: {shown(name)}.")
        for name in sorted(expected):
            if name not in self._members:
                raise BundleError(f"The file {shown(name)} listed in the bundle is missing.")

    def stream(self, name: str, sink: Callable[[bytes], object] | None = None) -> Digest:
        """Passes the member to `sink` in chunks, hashing and counting; never holds it whole."""
        info = self._members[name]
        limit = min(info.file_size, self.limits.max_file_bytes)
        first_time = name not in self._streamed
        self._streamed.add(name)
        digest = hashlib.sha256()
        size = 0
        member = self._guarded(name, lambda: self._zip.open(info))
        try:
            while chunk := self._guarded(name, lambda: member.read(CHUNK_BYTES)):
                size += len(chunk)
                if size > limit:
                    raise BundleError(f"The file {shown(name)} in the bundle is damaged.")
                _check_ratio(info, size, self.limits)
                if first_time:
                    self._streamed_total += len(chunk)
                    if self._streamed_total > self.limits.max_total_bytes:
                        raise BundleError(self._total_message())
                digest.update(chunk)
                if sink is not None:
                    sink(chunk)
        finally:
            member.close()
        if size != info.file_size:
            raise BundleError(f"The file {shown(name)} in the bundle is damaged.")
        return Digest(digest.hexdigest(), size)

    def read_small(self, name: str, max_bytes: int) -> bytes:
        """A small member (manifest, signature) in memory, refused above `max_bytes`."""
        if self._members[name].file_size > max_bytes:
            raise BundleError(f"The file {shown(name)} in the bundle is too large.")
        parts: list[bytes] = []
        self.stream(name, parts.append)
        return b"".join(parts)

    @staticmethod
    def _guarded(name: str, action: Callable[[], _T]) -> _T:
        """Runs a read of the archive, turning its failures into one sentence each."""
        try:
            return action()
        except OSError as exc:
            raise BundleError(READ_FAILED) from exc
        except _DAMAGE:
            raise BundleError(f"The file {shown(name)} in the bundle is damaged.") from None

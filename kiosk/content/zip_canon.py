"""One canonical form of a `.kbundle` zip: the form `kiosk bundle build` writes, nothing else.

Zip readers disagree about archives whose two tables (the local header before each file and the
central directory at the end) say different things, that carry bytes before the first file or
after the end record, or whose end record lies about its entry count. The hashes in the signed
manifest still protect the content, but a verifier should accept exactly one form of a signed
archive, so that no other tool can be shown something else. `check_canonical` refuses:

- any byte before the first local header, between entries, between the last entry and the
  central directory, or after the end record (no archive comment, no self-extractor stub);
- an end record whose entry counts or disk numbers disagree with the central directory;
- a local header whose flags, compression method, CRC, sizes, name or extra field differ from
  its central directory record, and data descriptors (the builder never writes them);
- any encryption flag, in either table.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from typing import BinaryIO

from kiosk.content.problems import BundleError
from kiosk.content.sealed import shown

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_DATA_DESCRIPTOR = 1 << 3
_ENCRYPTED = (1 << 0) | (1 << 6)
_UTF8 = 1 << 11

NOT_CANONICAL = "The bundle file is not in the form kiosk bundle build writes"


def _refuse(why: str) -> BundleError:
    return BundleError(f"{NOT_CANONICAL} ({why}).")


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    encoding = "utf-8" if info.flag_bits & _UTF8 else "cp437"
    return info.orig_filename.encode(encoding)


def _read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    file.seek(offset)
    data = file.read(size)
    if len(data) != size:
        raise _refuse("it ends in the middle of an entry")
    return data


def _end_record(file: BinaryIO, file_size: int, count: int) -> tuple[int, int]:
    """The central directory's offset and size from the end record, which must close the file."""
    if file_size < _END.size:
        raise _refuse("it has no end record")
    raw = _read_at(file, file_size - _END.size, _END.size)
    sig, disk, cd_disk, disk_entries, entries, cd_size, cd_offset, comment = _END.unpack(raw)
    if sig != _END_SIGNATURE or comment != 0:
        raise _refuse("there are bytes after its end record, or an archive comment")
    if disk != 0 or cd_disk != 0 or disk_entries != count or entries != count:
        raise _refuse("its end record does not match its table of contents")
    if cd_offset + cd_size != file_size - _END.size:
        raise _refuse("there are bytes between its table of contents and its end record")
    return cd_offset, cd_size


def _check_local(file: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Checks one local header against its central record; returns where the entry ends."""
    where = shown(info.orig_filename)
    header = _read_at(file, info.header_offset, _LOCAL.size)
    (sig, _, _, flags, method, _, _, crc, csize, size, name_len, extra_len) = _LOCAL.unpack(header)
    if sig != _LOCAL_SIGNATURE:
        raise _refuse(f"the entry {where} has no local header where the table says")
    if (flags | info.flag_bits) & (_ENCRYPTED | _DATA_DESCRIPTOR):
        raise _refuse(f"the entry {where} is encrypted or has a data descriptor")
    name = _read_at(file, info.header_offset + _LOCAL.size, name_len)
    extra = _read_at(file, info.header_offset + _LOCAL.size + name_len, extra_len)
    central = (info.flag_bits, info.compress_type, info.CRC, info.compress_size, info.file_size)
    if (flags, method, crc, csize, size) != central or name != _raw_name(info):
        raise _refuse(f"the two tables disagree about the entry {where}")
    if extra != info.extra:
        raise _refuse(f"the two tables disagree about the extra data of {where}")
    end: int = info.header_offset + _LOCAL.size + name_len + extra_len + info.compress_size
    return end


def check_canonical(file: BinaryIO, infos: Sequence[zipfile.ZipInfo]) -> None:
    """Refuses any archive but the canonical form (see the module docstring)."""
    file.seek(0, 2)
    file_size = file.tell()
    cd_offset, _ = _end_record(file, file_size, len(infos))
    expected = 0  # each entry starts exactly where the one before it ended
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != expected:
            raise _refuse("there are bytes before or between its entries")
        expected = _check_local(file, info)
    if expected != cd_offset:
        raise _refuse("there are bytes between its last entry and its table of contents")

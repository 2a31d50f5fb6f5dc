"""Hand-made zip archives for the archive tests: entries zipfile would never write."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
LOCAL = struct.Struct("<4s2B4HL2L2H")
END = struct.Struct("<4s4H2LH")


def entry(
    name: str,
    *,
    mode: int | None = None,
    external_attr: int | None = None,
    compression: int = zipfile.ZIP_STORED,
) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.create_system = 3
    if mode is not None:
        info.external_attr = mode << 16
    if external_attr is not None:
        info.external_attr = external_attr
    return info


def write_zip(path: Path, members: Iterable[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names; we want them
        with zipfile.ZipFile(path, "w") as archive:
            for info, data in members:
                archive.writestr(info, data)
    return path


def rewrite_zip(
    src: Path,
    dst: Path,
    *,
    replace: Mapping[str, bytes] | None = None,
    drop: Iterable[str] = (),
    add: Mapping[str, bytes] | None = None,
) -> Path:
    """A copy of `src` with members replaced, dropped or added (with valid CRCs)."""
    replace = dict(replace or {})
    dropped = set(drop)
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            if info.filename in dropped:
                continue
            data = replace.pop(info.filename) if info.filename in replace else old.read(info)
            new.writestr(info, data)
        for name, data in (add or {}).items():
            new.writestr(entry(name), data)
    assert not replace, f"not in the archive: {sorted(replace)}"
    return dst


def patch_entry(
    path: Path,
    name: str,
    *,
    flag_bits: int | None = None,
    file_size: int | None = None,
    raw_name: bytes | None = None,
) -> Path:
    """Overwrites header fields of one member in both the local and the central header."""
    data = bytearray(path.read_bytes())
    _, _, _, _, count, _, start, _ = END.unpack_from(data, len(data) - END.size)
    at = start
    for _ in range(count):
        fields = list(CENTRAL.unpack_from(data, at))
        name_end = at + CENTRAL.size + fields[12]
        if bytes(data[at + CENTRAL.size : name_end]) == name.encode("utf-8"):
            local = fields[18]
            if flag_bits is not None:
                struct.pack_into("<H", data, at + 8, flag_bits)
                struct.pack_into("<H", data, local + 6, flag_bits)
            if file_size is not None:
                struct.pack_into("<L", data, at + 24, file_size)
                struct.pack_into("<L", data, local + 22, file_size)
            if raw_name is not None:
                assert len(raw_name) == fields[12], "the new name must have the same length"
                data[at + CENTRAL.size : name_end] = raw_name
                data[local + LOCAL.size : local + LOCAL.size + len(raw_name)] = raw_name
            path.write_bytes(bytes(data))
            return path
        at = name_end + fields[13] + fields[14]
    raise AssertionError(f"{name} not in {path}")


def patch_end_record(path: Path, *, entries: int | None = None, size: int | None = None) -> Path:
    data = bytearray(path.read_bytes())
    at = len(data) - END.size
    fields = list(END.unpack_from(data, at))
    if entries is not None:
        fields[3] = fields[4] = entries
    if size is not None:
        fields[5] = size
    END.pack_into(data, at, *fields)
    path.write_bytes(bytes(data))
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def in_memory(members: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(entry(name), data)
    return buffer.getvalue()

"""Hand-made PNG files for the image tests: real chunks with right CRCs, or wrong on purpose."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind: bytes, body: bytes, *, crc: int | None = None) -> bytes:
    value = zlib.crc32(kind + body) if crc is None else crc
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", value)


def ihdr(width: int, height: int, depth: int = 8, colour: int = 6) -> bytes:
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))


def idat(width: int, height: int, channels: int = 4) -> bytes:
    rows = b"".join(b"\0" + bytes(width * channels) for _ in range(height))
    return chunk(b"IDAT", zlib.compress(rows))


def png(width: int = 2, height: int = 2, *, extra: Sequence[bytes] = ()) -> bytes:
    """A valid RGBA PNG, with `extra` chunks between the header and the image data."""
    return SIGNATURE + ihdr(width, height) + b"".join(extra) + idat(width, height) + iend()


def iend() -> bytes:
    return chunk(b"IEND", b"")

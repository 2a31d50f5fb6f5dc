"""PNG illustrations: every chunk checked before anything is decoded.

A 130 KB PNG can promise 128 MiB of pixels per image, a zTXt chunk can inflate to a gigabyte, and
two IHDR chunks let two decoders see two different images. So: the signature, then exactly one
IHDR, first, with a valid bit depth and colour type and a bounded decoded size; every chunk's
length inside the file and its CRC right; compressed text and colour profiles (zTXt, iTXt, iCCP)
small, and inflating to little; at least one IDAT, one run of them; IEND last, nothing after it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SIDE = 4096
MAX_PIXELS = 4 * 1024 * 1024  # 2048 × 2048
MAX_DECODED_BYTES = 16 * 1024 * 1024  # what Qt allocates to show it (4 Mpx in 8-bit RGBA)
MAX_COMPRESSED_CHUNK = 64 * 1024  # zTXt, iTXt, iCCP: compressed size
MAX_INFLATED_CHUNK = 256 * 1024  # ... and inflated
MAX_CHUNKS = 10_000
# Colour type -> (allowed bit depths, channels).
_COLOUR_TYPES = {
    0: ((1, 2, 4, 8, 16), 1),
    2: ((8, 16), 3),
    3: ((1, 2, 4, 8), 1),
    4: ((8, 16), 2),
    6: ((8, 16), 4),
}
_COMPRESSED = (b"zTXt", b"iTXt", b"iCCP")


class _Bad(Exception):
    pass


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    at = len(PNG_SIGNATURE)
    for _ in range(MAX_CHUNKS):
        if at == len(data):
            return
        if at + 12 > len(data):
            raise _Bad("the PNG file ends in the middle of a chunk")
        length, kind = struct.unpack_from(">I4s", data, at)
        end = at + 8 + length
        if length > 0x7FFFFFFF or end + 4 > len(data) or not kind.isalpha():
            raise _Bad("a PNG chunk's length or type is damaged")
        body = data[at + 8 : end]
        if zlib.crc32(kind + body) != struct.unpack_from(">I", data, end)[0]:
            raise _Bad(f"the PNG chunk {kind.decode('ascii')} is damaged (its CRC is wrong)")
        yield kind, body
        at = end + 4
    raise _Bad(f"the PNG file has more than {MAX_CHUNKS:,} chunks")


def _check_header(body: bytes) -> None:
    if len(body) != 13:
        raise _Bad("the PNG header (IHDR) is damaged")
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", body
    )
    if colour not in _COLOUR_TYPES or depth not in _COLOUR_TYPES[colour][0]:
        raise _Bad("the PNG header has an invalid bit depth or colour type")
    if compression or filtering or interlace > 1:
        raise _Bad("the PNG header names an unknown compression, filter or interlace method")
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise _Bad(
            f"PNG is {width}×{height} pixels; at most {MAX_SIDE} on a side and "
            f"{MAX_PIXELS:,} pixels in all are allowed"
        )
    decoded = width * height * max(4, _COLOUR_TYPES[colour][1]) * max(depth, 8) // 8
    if decoded > MAX_DECODED_BYTES:
        raise _Bad(f"PNG would take {decoded:,} bytes to show; at most {MAX_DECODED_BYTES:,}")


def _check_compressed(kind: bytes, body: bytes) -> None:
    name = kind.decode("ascii")
    if len(body) > MAX_COMPRESSED_CHUNK:
        raise _Bad(f"the PNG's {name} chunk is larger than {MAX_COMPRESSED_CHUNK:,} bytes")
    if kind == b"iTXt":
        keyword_end = body.find(b"\0")
        if keyword_end < 0 or len(body) < keyword_end + 3 or body[keyword_end + 1] == 0:
            return  # not compressed
        rest = body[keyword_end + 3 :]
        for _ in range(2):  # language tag, translated keyword
            rest = rest[rest.find(b"\0") + 1 :] if b"\0" in rest else b""
        stream = rest
    else:
        keyword_end = body.find(b"\0")
        stream = body[keyword_end + 2 :] if keyword_end >= 0 else b""
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(stream, MAX_INFLATED_CHUNK)
    except zlib.error:
        raise _Bad(f"the PNG's {name} chunk is damaged") from None
    if inflater.unconsumed_tail:
        raise _Bad(f"the PNG's {name} chunk inflates to more than {MAX_INFLATED_CHUNK:,} bytes")


def _check_order(kinds: list[bytes]) -> None:
    if not kinds or kinds[0] != b"IHDR" or kinds.count(b"IHDR") != 1:
        raise _Bad("a PNG must have exactly one header (IHDR), first")
    if kinds[-1] != b"IEND" or kinds.count(b"IEND") != 1:
        raise _Bad("a PNG must end with one IEND chunk and nothing after it")
    idat = [i for i, kind in enumerate(kinds) if kind == b"IDAT"]
    if not idat or idat[-1] - idat[0] + 1 != len(idat):
        raise _Bad("a PNG's image data (IDAT) must be one run of chunks")


def check_png_chunks(data: bytes) -> list[str]:
    """Every reason this PNG is unsafe or damaged (empty when it is fine)."""
    if not data.startswith(PNG_SIGNATURE):
        return ["not a valid PNG file"]
    kinds: list[bytes] = []
    try:
        for kind, body in _chunks(data):
            if kind == b"IHDR":
                _check_header(body)
            elif kind in _COMPRESSED:
                _check_compressed(kind, body)
            kinds.append(kind)
        _check_order(kinds)
    except _Bad as exc:
        return [str(exc)]
    return []

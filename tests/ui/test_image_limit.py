"""The running kiosk refuses to decode an image bigger than the render check allows."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from kiosk.app.wiring import Kiosk


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _huge_grey_png(path: Path, side: int) -> None:
    """A few hundred kilobytes on disk, side x side bytes once decoded."""
    packer = zlib.compressobj(9)
    row = b"\0" * (side + 1)  # filter byte + pixels
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


@pytest.mark.qt_log_ignore("Rejecting image as it exceeds the current allocation limit")
def test_an_image_needing_more_than_the_limit_is_not_decoded(kiosk: Kiosk, tmp_path: Path) -> None:
    big, small = tmp_path / "big.png", tmp_path / "small.png"
    _huge_grey_png(big, 6000)  # 144 MB decoded (Qt reads it as 32-bit)
    _huge_grey_png(small, 2000)  # 16 MB decoded
    assert QImageReader(str(small)).read().width() == 2000
    reader = QImageReader(str(big))
    assert reader.read().isNull()

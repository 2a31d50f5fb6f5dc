"""Hostile SVG and PNG files from the red-team pass (issue 12), each refused at validation."""

from __future__ import annotations

import struct
import zlib

import pytest

from kiosk.content.images import check_image
from tests.content import pngcraft

SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 64 64" width="64" height="64">'
)


def svg(inner: str, *, head: str = SVG_OPEN) -> bytes:
    return f"{head}{inner}</svg>".encode()


def nested_use(levels: int, fan_out: int = 10) -> bytes:
    """Each level draws the one below ten times: 10^levels shapes from a few hundred bytes."""
    parts = ['<defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fan_out))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use href="#l{levels}"/>')
    return svg("".join(parts))


HOSTILE_SVG: dict[str, tuple[bytes, str]] = {
    "UTF-16 DOCTYPE with an entity": (
        (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
        ).encode("utf-16"),
        "DOCTYPE or entities",
    ),
    "xml-stylesheet": (
        b'<?xml-stylesheet href="http://evil.example/x.css"?>' + svg("<rect/>"),
        "processing instruction",
    ),
    "SMIL set of a link": (
        svg('<a><set attributeName="xlink:href" to="http://evil.example"/></a>'),
        "an animation (<set>)",
    ),
    "animate": (svg('<rect><animate attributeName="x" to="9"/></rect>'), "an animation"),
    "1e9 width": (
        svg("<rect/>", head='<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1e9">'),
        "width must be a number of pixels",
    ),
    "huge viewBox": (
        svg("<rect/>", head='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e9 1e9">'),
        "viewBox must be at most",
    ),
    "filter element": (
        svg('<filter id="f"><feGaussianBlur stdDeviation="900"/></filter><rect filter="url(#f)"/>'),
        "a filter",
    ),
    "filter in style": (svg('<rect style="filter: blur(90px)"/>'), "uses a filter"),
    "data: address": (svg('<use href="data:image/svg+xml;base64,AAAA"/>'), "outside the file"),
    "nested use": (nested_use(8), "once its <use> elements are expanded"),
    "use cycle": (svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'), "refer to"),
    "unknown element": (svg("<marquee>hi</marquee>"), "not part of a plain drawing"),
    "foreign attribute": (
        svg('<rect xmlns:x="urn:x" x:thing="1"/>'),
        "not part of a plain drawing",
    ),
    "too many elements": (svg("<rect/>" * 6000), "elements; at most"),
    "deep nesting": (svg("<g>" * 200 + "</g>" * 200), "nested more than"),
}


@pytest.mark.parametrize(("data", "reason"), HOSTILE_SVG.values(), ids=HOSTILE_SVG.keys())
def test_hostile_svg_is_refused(data: bytes, reason: str) -> None:
    problems = check_image("x.svg", data)
    assert any(reason in p for p in problems), problems


def test_a_plain_drawing_with_a_local_use_passes() -> None:
    data = svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<circle id="c" r="4"/></defs><use href="#c" x="10"/><use xlink:href="#c" x="20"/>'
        '<rect width="10" height="10" fill="url(#g)" stroke-linecap="round"/><title>t</title>'
    )
    assert check_image("x.svg", data) == []


def _ztxt_bomb() -> bytes:
    stream = zlib.compressobj(9)
    bomb = stream.compress(b"\0" * (8 * 1024 * 1024)) + stream.flush()
    return pngcraft.chunk(b"zTXt", b"Comment\0\0" + bomb)


def _itxt_bomb() -> bytes:
    bomb = zlib.compress(b"\0" * (8 * 1024 * 1024), 9)
    return pngcraft.chunk(b"iTXt", b"Comment\0\x01\0en\0\0" + bomb)


HOSTILE_PNG: dict[str, tuple[bytes, str]] = {
    "128 MiB of pixels": (
        pngcraft.SIGNATURE
        + pngcraft.ihdr(4096, 4096, depth=16)
        + pngcraft.idat(1, 1)
        + pngcraft.iend(),
        "pixels",
    ),
    "zTXt bomb": (pngcraft.png(extra=[_ztxt_bomb()]), "inflates to more than"),
    "iTXt bomb": (pngcraft.png(extra=[_itxt_bomb()]), "inflates to more than"),
    "two IHDR": (pngcraft.png(extra=[pngcraft.ihdr(3, 3)]), "exactly one header"),
    "wrong CRC": (
        pngcraft.SIGNATURE
        + pngcraft.chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 6, 0, 0, 0), crc=1)
        + pngcraft.idat(2, 2)
        + pngcraft.iend(),
        "CRC is wrong",
    ),
    "length past the end": (pngcraft.png()[:-8] + b"\xff\xff\xff\x00IEND", "damaged"),
    "bad bit depth": (
        pngcraft.SIGNATURE + pngcraft.ihdr(2, 2, depth=7) + pngcraft.idat(2, 2) + pngcraft.iend(),
        "invalid bit depth",
    ),
    "junk after IEND": (pngcraft.png() + b"more", "ends in the middle of a chunk"),
    "no image data": (pngcraft.SIGNATURE + pngcraft.ihdr(2, 2) + pngcraft.iend(), "IDAT"),
}


@pytest.mark.parametrize(("data", "reason"), HOSTILE_PNG.values(), ids=HOSTILE_PNG.keys())
def test_hostile_png_is_refused(data: bytes, reason: str) -> None:
    problems = check_image("x.png", data)
    assert any(reason in p for p in problems), problems


def test_a_plain_png_passes() -> None:
    assert check_image("x.png", pngcraft.png(64, 64)) == []

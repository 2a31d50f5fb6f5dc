"""Checks for bundle images: only plain SVG drawings and PNGs, within size caps.

The SVG checks are in svg_check.py (a hardened parser and an allow-list), the PNG ones in
png_check.py (the chunks, before anything is decoded).
"""

from __future__ import annotations

from kiosk.content.png_check import check_png_chunks
from kiosk.content.svg_check import check_svg

MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_SUFFIXES = (".svg", ".png")


def check_image(name: str, data: bytes) -> list[str]:
    """Problems with one image file, judged by its name's suffix and its bytes."""
    if len(data) > MAX_IMAGE_BYTES:
        return [f"image is {len(data):,} bytes; at most {MAX_IMAGE_BYTES:,} allowed"]
    lower = name.lower()
    if lower.endswith(".svg"):
        return check_svg(data)
    if lower.endswith(".png"):
        return check_png_chunks(data)
    return [f"images must be SVG or PNG, not {name.rsplit('.', 1)[-1]!r}"]

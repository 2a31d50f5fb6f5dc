"""Checks for bundle images: only plain SVG drawings and PNGs, within size caps.

The SVG checks are in svg_check.py (a hardened parser and an allow-list), the PNG ones in
png_check.py (the chunks, before anything is decoded).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from kiosk.content.png_check import check_png_chunks
from kiosk.content.svg_check import check_svg

MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_SUFFIXES = (".svg", ".png")


# The content studio checks every image again after each keystroke: results are kept by the
# image's name and SHA-256, not by its bytes (up to 2 MiB each).
_CACHED_IMAGES = 64
_lock = threading.Lock()  # the store validates in a worker thread
_checked: OrderedDict[tuple[str, bytes], tuple[str, ...]] = OrderedDict()


def check_image(name: str, data: bytes) -> list[str]:
    """Problems with one image file, judged by its name's suffix and its bytes."""
    key = (name, hashlib.sha256(data).digest())
    with _lock:
        if key in _checked:
            _checked.move_to_end(key)
            return list(_checked[key])
    found = tuple(_check(name, data))
    with _lock:
        _checked[key] = found
        if len(_checked) > _CACHED_IMAGES:
            _checked.popitem(last=False)
    return list(found)


def _check(name: str, data: bytes) -> list[str]:
    if len(data) > MAX_IMAGE_BYTES:
        return [f"image is {len(data):,} bytes; at most {MAX_IMAGE_BYTES:,} allowed"]
    lower = name.lower()
    if lower.endswith(".svg"):
        return check_svg(data)
    if lower.endswith(".png"):
        return check_png_chunks(data)
    return [f"images must be SVG or PNG, not {name.rsplit('.', 1)[-1]!r}"]

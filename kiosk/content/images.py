"""Checks for bundle images: only plain SVG drawings and PNGs, within size caps.

An SVG is a program in disguise: it can carry scripts, event handlers, embedded HTML and links to
the outside world. A kiosk shows only drawings, so anything beyond a drawing is refused.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_PNG_SIDE = 4096
IMAGE_SUFFIXES = (".svg", ".png")

_SVG_NS = "http://www.w3.org/2000/svg"
_FORBIDDEN_ELEMENTS = {
    "script": "a script",
    "foreignObject": "a foreignObject (embedded HTML)",
    "iframe": "an iframe",
    "embed": "an embedded object",
    "object": "an embedded object",
    "handler": "an event handler",
    "listener": "an event listener",
}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def check_svg(data: bytes) -> list[str]:
    """Every reason this SVG is not a plain, self-contained drawing (empty when it is)."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return ["an SVG must not contain a DOCTYPE or entities"]
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DTD, so no entity expansion
    except ET.ParseError as exc:
        return [f"not a valid SVG file ({exc})"]
    if root.tag != f"{{{_SVG_NS}}}svg":
        return ["not an SVG file (the root element must be <svg> in the SVG namespace)"]
    problems: list[str] = []
    for element in root.iter():
        name = _local(str(element.tag))
        if name in _FORBIDDEN_ELEMENTS:
            problems.append(f"contains {_FORBIDDEN_ELEMENTS[name]} (<{name}>)")
        if name == "style" and element.text:
            problems.extend(_check_css(element.text, "<style>"))
        for attr, value in element.attrib.items():
            attr_name = _local(attr)
            if attr_name.lower().startswith("on"):
                problems.append(f"<{name}> has an event attribute ({attr_name})")
            elif attr_name == "href" and not value.strip().startswith("#"):
                problems.append(f"<{name}> refers to something outside the file ({value[:60]})")
            elif attr_name == "style":
                problems.extend(_check_css(value, f"<{name} style>"))
            elif "url(" in value.lower():
                problems.extend(_check_css(value, f"<{name} {attr_name}>"))
            if "javascript:" in value.lower():
                problems.append(f"<{name}> has a javascript: address in {attr_name}")
    return sorted(set(problems))


def _check_css(css: str, where: str) -> list[str]:
    problems = []
    if "@import" in css.lower():
        problems.append(f"{where} imports an outside style sheet")
    for target in _URL.findall(css):
        if not target.startswith("#"):
            problems.append(f"{where} refers to something outside the file ({target[:60]})")
    return problems


def check_png(data: bytes) -> list[str]:
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        return ["not a valid PNG file"]
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_PNG_SIDE and 0 < height <= MAX_PNG_SIDE):
        return [f"PNG is {width}×{height} pixels; at most {MAX_PNG_SIDE}×{MAX_PNG_SIDE} allowed"]
    return []


def check_image(name: str, data: bytes) -> list[str]:
    """Problems with one image file, judged by its name's suffix and its bytes."""
    if len(data) > MAX_IMAGE_BYTES:
        return [f"image is {len(data):,} bytes; at most {MAX_IMAGE_BYTES:,} allowed"]
    lower = name.lower()
    if lower.endswith(".svg"):
        return check_svg(data)
    if lower.endswith(".png"):
        return check_png(data)
    return [f"images must be SVG or PNG, not {name.rsplit('.', 1)[-1]!r}"]

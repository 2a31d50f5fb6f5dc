"""SVG illustrations: parsed with a hardened parser, then judged by an allow-list.

An SVG is a program in disguise. The checks run on the parsed tree, never on the raw bytes (a
UTF-16 file hides a DOCTYPE from a byte search), with defusedxml refusing DTDs, entities and
external references before anything is expanded. Only the elements and attributes a plain
drawing needs are allowed; everything else is refused by name: scripts, embedded HTML,
processing instructions (`<?xml-stylesheet?>` names a URL), animation (`<set>` can rewrite an
`href`), filters (one blur can take gigabytes to render), links anywhere but inside the file,
`data:` addresses. Sizes are bounded: width, height and viewBox, the element count, and the
count after expanding every `<use>` (a few nested `<use>` make 10^8 shapes from 2 KB).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_SIDE = 10_000.0  # px, for width, height and the viewBox's size
MAX_ELEMENTS = 5_000
MAX_EXPANDED = 20_000  # elements drawn once every <use> is expanded
MAX_DEPTH = 64  # nesting of elements (and of <use> references)

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line",
        "polyline", "polygon", "text", "tspan", "use", "symbol", "linearGradient",
        "radialGradient", "stop", "clipPath", "style",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r",
        "x1", "y1", "x2", "y2", "fx", "fy", "points", "transform", "viewBox",
        "preserveAspectRatio", "version", "fill", "fill-rule", "fill-opacity", "stroke",
        "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
        "visibility", "display", "clip-path", "clip-rule", "clipPathUnits", "font-family",
        "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
        "letter-spacing", "gradientUnits", "gradientTransform", "spreadMethod", "offset",
        "stop-color", "stop-opacity", "href", "role", "aria-label", "aria-hidden", "lang",
        "space", "baseProfile", "dx", "dy", "vector-effect", "shape-rendering",
    }
)  # fmt: skip
NAMED_REFUSALS = {
    "script": "a script",
    "foreignObject": "a foreignObject (embedded HTML)",
    "iframe": "an iframe",
    "embed": "an embedded object",
    "object": "an embedded object",
    "handler": "an event handler",
    "listener": "an event listener",
    "set": "an animation",
    "animate": "an animation",
    "animateTransform": "an animation",
    "animateMotion": "an animation",
    "animateColor": "an animation",
    "filter": "a filter (filters can take gigabytes to draw)",
    "image": "an image reference",
}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px)?\s*$")
_NAMESPACED = re.compile(r"^\{([^}]*)\}(.*)$")


def _split(name: str) -> tuple[str, str]:
    match = _NAMESPACED.match(name)
    return (match.group(1), match.group(2)) if match else ("", name)


class _Builder(ET.TreeBuilder):
    """Counts processing instructions, wherever they are (before the root too)."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions = 0

    def pi(self, target: str, text: str | None = None) -> ET.Element:
        self.instructions += 1
        return super().pi(target, text)


def parse(data: bytes) -> ET.Element | str:
    """The tree, or why it cannot be parsed safely (or holds a processing instruction)."""
    builder = _Builder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except DefusedXmlException:
        return "an SVG must not contain a DOCTYPE or entities"
    except (ET.ParseError, ValueError, UnicodeError) as exc:
        return f"not a valid SVG file ({exc})"
    if builder.instructions:
        return "an SVG must not contain a processing instruction (such as <?xml-stylesheet?>)"
    return root


def check_svg(data: bytes) -> list[str]:
    """Every reason this SVG is not a plain, self-contained, bounded drawing (empty if none)."""
    root = parse(data)
    if isinstance(root, str):
        return [root]
    if root.tag != f"{{{SVG_NS}}}svg":
        return ["not an SVG file (the root element must be <svg> in the SVG namespace)"]
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        return [f"an SVG has {len(elements):,} elements; at most {MAX_ELEMENTS:,} allowed"]
    if _depth(root) > MAX_DEPTH:
        return [f"an SVG's elements are nested more than {MAX_DEPTH} deep"]
    problems = [p for element in elements for p in _check_element(element)]
    problems += _check_size(root)
    if not problems:
        problems += _check_expansion(root, elements)
    return sorted(set(problems))


def _check_element(element: ET.Element) -> Iterator[str]:
    namespace, name = _split(str(element.tag))
    if name in NAMED_REFUSALS:
        yield f"contains {NAMED_REFUSALS[name]} (<{name}>)"
    elif namespace != SVG_NS or name not in ALLOWED_ELEMENTS:
        yield f"contains <{name}>, which is not part of a plain drawing"
    if name == "style" and element.text:
        yield from _check_css(element.text, "<style>")
    for attr, value in element.attrib.items():
        yield from _check_attribute(name, attr, value)


def _check_attribute(element: str, attr: str, value: str) -> Iterator[str]:
    namespace, name = _split(attr)
    lowered = value.lower()
    if name.lower().startswith("on"):
        yield f"<{element}> has an event attribute ({name})"
    elif name == "href":
        if namespace not in ("", XLINK_NS) or not value.strip().startswith("#"):
            yield f"<{element}> refers to something outside the file ({value[:60]})"
    elif name == "filter":
        yield f"<{element}> uses a filter (filters can take gigabytes to draw)"
    elif namespace not in ("", "http://www.w3.org/XML/1998/namespace") or (
        name not in ALLOWED_ATTRIBUTES
    ):
        yield f"<{element}> has the attribute {name}, which is not part of a plain drawing"
    elif name == "style" or "url(" in lowered:
        yield from _check_css(value, f"<{element} {name}>")
    if "javascript:" in lowered or "data:" in lowered:
        yield f"<{element}> has a javascript: or data: address in {name}"


def _check_css(css: str, where: str) -> Iterator[str]:
    lowered = css.lower()
    if "@import" in lowered:
        yield f"{where} imports an outside style sheet"
    if "filter" in lowered:
        yield f"{where} uses a filter (filters can take gigabytes to draw)"
    for target in _URL.findall(css):
        if not target.startswith("#"):
            yield f"{where} refers to something outside the file ({target[:60]})"


def _length(value: str | None) -> float | None:
    """A plain or px length; None when absent or relative (a percentage)."""
    if value is None or value.strip().endswith("%"):
        return None
    match = _NUMBER.match(value)
    return float(match.group(1)) if match else math.inf


def _check_size(root: ET.Element) -> Iterator[str]:
    for attr in ("width", "height"):
        size = _length(root.get(attr))
        if size is not None and not 0 < size <= MAX_SIDE:
            yield f"the SVG's {attr} must be a number of pixels up to {MAX_SIDE:,.0f}"
    box = root.get("viewBox")
    if box is not None:
        try:
            numbers = [float(n) for n in box.replace(",", " ").split()]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            yield "the SVG's viewBox must be four numbers"
        elif (
            not (0 < numbers[2] <= MAX_SIDE and 0 < numbers[3] <= MAX_SIDE)
            or max(abs(numbers[0]), abs(numbers[1])) > MAX_SIDE
        ):
            yield f"the SVG's viewBox must be at most {MAX_SIDE:,.0f} units on a side"


def _depth(root: ET.Element) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


class _Cycle(Exception):
    """A <use> that (through others) refers to itself, or references nested too deep."""


def _check_expansion(root: ET.Element, elements: list[ET.Element]) -> Iterator[str]:
    """The number of elements drawn once every <use> is expanded, without expanding them."""
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    cost: dict[int, int] = {}
    visiting: set[int] = set()

    def count(element: ET.Element) -> int:
        key = id(element)
        if key in cost:
            return cost[key]
        if key in visiting or len(visiting) > MAX_DEPTH:
            raise _Cycle
        visiting.add(key)
        total = 1 + sum(count(child) for child in element)
        if _split(str(element.tag))[1] == "use":
            target = by_id.get(
                (element.get("href") or element.get(f"{{{XLINK_NS}}}href") or "")[1:]
            )
            total += count(target) if target is not None else 0
        visiting.discard(key)
        cost[key] = min(total, MAX_EXPANDED + 1)
        return cost[key]

    try:
        if count(root) > MAX_EXPANDED:
            yield (
                f"the SVG draws more than {MAX_EXPANDED:,} shapes once its <use> elements are "
                "expanded"
            )
    except _Cycle:
        yield "the SVG has <use> elements that refer to themselves or nest too deep"

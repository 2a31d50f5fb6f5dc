"""The schematic map's geometry, without Qt: hand-traced outlines of northern New Jersey, the
projection that fits the towns and their labels, label sides, and straight-line distances."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.content.bundle import Location

LatLon = tuple[float, float]

# Hand-traced, schematic outlines (lat, lon), south to north.
HUDSON_WEST: tuple[LatLon, ...] = (
    (40.60, -74.035),
    (40.70, -74.025),
    (40.74, -74.025),
    (40.76, -74.015),
    (40.79, -73.995),
    (40.82, -73.975),
    (40.85, -73.955),
    (40.88, -73.937),
    (40.91, -73.926),
    (40.95, -73.915),
    (40.99, -73.906),
    (41.03, -73.897),
    (41.07, -73.905),
    (41.12, -73.915),
    (41.30, -73.950),
)
HUDSON_EAST: tuple[LatLon, ...] = (
    (40.60, -74.010),
    (40.70, -74.012),
    (40.74, -74.010),
    (40.76, -74.000),
    (40.79, -73.980),
    (40.82, -73.960),
    (40.85, -73.940),
    (40.88, -73.922),
    (40.91, -73.910),
    (40.95, -73.900),
    (40.99, -73.890),
    (41.03, -73.875),
    (41.07, -73.860),
    (41.12, -73.870),
    (41.30, -73.900),
)
STATE_LINE: tuple[LatLon, ...] = (
    (41.000, -73.907),
    (41.048, -74.012),
    (41.113, -74.155),
    (41.160, -74.260),
    (41.357, -74.695),
)
HACKENSACK: tuple[LatLon, ...] = (
    (41.06, -73.975),
    (41.03, -73.985),
    (40.995, -74.000),
    (40.960, -74.025),
    (40.935, -74.030),
    (40.900, -74.035),
    (40.875, -74.040),
    (40.850, -74.045),
    (40.820, -74.060),
    (40.780, -74.080),
    (40.740, -74.100),
    (40.700, -74.120),
)
PASSAIC: tuple[LatLon, ...] = (
    (40.880, -74.330),
    (40.900, -74.250),
    (40.910, -74.210),
    (40.915, -74.180),
    (40.922, -74.150),
    (40.918, -74.130),
    (40.900, -74.120),
    (40.880, -74.110),
    (40.860, -74.115),
    (40.830, -74.135),
    (40.790, -74.150),
    (40.750, -74.165),
    (40.720, -74.140),
    (40.700, -74.120),
)
FAR = 3.0  # degrees: far enough to cover any map rectangle


@dataclass(frozen=True)
class Projection:
    """Equirectangular around the towns' centre: x east, y south, in pixels."""

    lat0: float
    lon0: float
    scale: float  # pixels per degree of latitude
    cx: float
    cy: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians(self.lat0))

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            self.cx + (lon - self.lon0) * self.kx * self.scale,
            self.cy - (lat - self.lat0) * self.scale,
        )


def fit(
    points: Sequence[LatLon], width: float, height: float, pad_x: float, pad_y: float
) -> Projection:
    """The projection that shows every point inside the rectangle, `pad_x`/`pad_y` from its
    edges, as large as possible without distortion."""
    extents = [(pad_x, pad_x, pad_y, pad_y)] * len(points)
    return fit_boxes(points, extents, width, height)


def fit_boxes(
    points: Sequence[LatLon],
    extents: Sequence[tuple[float, float, float, float]],
    width: float,
    height: float,
) -> Projection:
    """The largest projection that keeps every point's box (pixels left, right, up and down of
    the point: a marker and its label) inside the rectangle, the whole centred in it."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0 = (min(lats) + max(lats)) / 2
    lon0 = (min(lons) + max(lons)) / 2
    kx = math.cos(math.radians(lat0))
    us = [(lon - lon0) * kx for lon in lons]
    vs = [lat0 - lat for lat in lats]  # y grows southwards

    def spans(scale: float) -> tuple[float, float, float, float]:
        left = min(u * scale - e[0] for u, e in zip(us, extents, strict=True))
        right = max(u * scale + e[1] for u, e in zip(us, extents, strict=True))
        top = min(v * scale - e[2] for v, e in zip(vs, extents, strict=True))
        bottom = max(v * scale + e[3] for v, e in zip(vs, extents, strict=True))
        return left, right, top, bottom

    def fits(scale: float) -> bool:
        left, right, top, bottom = spans(scale)
        return right - left <= width and bottom - top <= height

    low, high = 0.0, 1e6
    if fits(low):
        for _ in range(60):  # the spans grow with the scale: bisect for the largest that fits
            middle = (low + high) / 2
            low, high = (middle, high) if fits(middle) else (low, middle)
    scale = max(low, 1.0)
    left, right, top, bottom = spans(scale)
    cx = (width - (right - left)) / 2 - left
    cy = (height - (bottom - top)) / 2 - top
    return Projection(lat0, lon0, scale, cx, cy)


def svg_path(projection: Projection, points: Sequence[LatLon], *, close: bool = False) -> str:
    parts = []
    for index, (lat, lon) in enumerate(points):
        x, y = projection.project(lat, lon)
        parts.append(f"{'M' if index == 0 else 'L'} {x:.1f} {y:.1f}")
    if close:
        parts.append("Z")
    return " ".join(parts)


def label_sides(locations: Sequence[Location]) -> dict[str, str]:
    """Labels of the western half go left of their marker, the others right, so neighbours'
    labels point away from each other."""
    lons = sorted(loc.lon for loc in locations)
    median = lons[(len(lons) - 1) // 2] if lons else 0.0
    return {loc.id: "left" if loc.lon <= median else "right" for loc in locations}


# Place names of the map (proper names, the same in every language): (text, lat, lon).
PLACE_NAMES: tuple[tuple[str, float, float], ...] = (
    ("NEW YORK", 41.07, -74.13),
    ("NEW JERSEY", 40.98, -74.20),
    ("Hudson R.", 40.83, -73.93),
    ("Passaic R.", 40.80, -74.20),
    ("Hackensack R.", 40.88, -74.06),
)
Box = tuple[float, float, float, float]  # left, top, right, bottom


def town_box(town: dict[str, Any], extent: tuple[float, float, float, float]) -> Box:
    x, y = town["x"], town["y"]
    return (x - extent[0], y - extent[2], x + extent[1], y + extent[3])


def place_labels(
    proj: Projection, width: float, height: float, font_px: float, taken: list[Box]
) -> list[dict[str, Any]]:
    """The place names that fit inside the map without touching a town or each other."""
    labels: list[dict[str, Any]] = []
    boxes = list(taken)
    for text, lat, lon in PLACE_NAMES:
        x, y = proj.project(lat, lon)
        w, h = len(text) * font_px * 0.62, font_px * 1.4  # generous: bold capitals
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        inside = box[0] >= 4 and box[1] >= 4 and box[2] <= width - 4 and box[3] <= height - 4
        if inside and not any(_overlap(box, other) for other in boxes):
            boxes.append(box)
            labels.append({"text": text, "x": box[0], "y": y, "width": w})
    return labels


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

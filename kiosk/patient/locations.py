"""Locations for QML: the list ("You are here" first), each town's detail, and the schematic map.

The map is drawn from a few hand-traced outlines of northern New Jersey (the Hudson, the
Hackensack and Passaic rivers, the New York state line), projected with the towns into the map's
rectangle; no network and no tiles. The projection fits the towns, with room for their labels,
so that markers never overlap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from kiosk.content.bundle import Bundle, Location
from kiosk.patient.qr import qr_source
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

Index = QModelIndex | QPersistentModelIndex
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


def ordered(locations: Sequence[Location], here: str | None) -> list[Location]:
    """This kiosk's own location first, then the bundle's order."""
    return sorted(locations, key=lambda loc: loc.id != here)


class LocationListModel(QAbstractListModel):
    LocationIdRole = Qt.ItemDataRole.UserRole + 1
    TownRole = Qt.ItemDataRole.UserRole + 2
    PlaceRole = Qt.ItemDataRole.UserRole + 3
    HereRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Location] = []
        self._here: str | None = None

    def set_locations(self, locations: Sequence[Location], here: str | None) -> None:
        self.beginResetModel()
        self._items, self._here = ordered(locations, here), here
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        loc = self._items[index.row()]
        if role == self.LocationIdRole:
            return loc.id
        if role in (self.TownRole, Qt.ItemDataRole.DisplayRole):
            return loc.town
        if role == self.PlaceRole:
            return f"{loc.town}, {loc.state}"
        if role == self.HereRole:
            return loc.id == self._here
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {
            self.LocationIdRole: QByteArray(b"locationId"),
            self.TownRole: QByteArray(b"town"),
            self.PlaceRole: QByteArray(b"place"),
            self.HereRole: QByteArray(b"here"),
        }

    def ids(self) -> list[str]:
        return [loc.id for loc in self._items]


@QmlElement
@QmlUncreatable("made by the app")
class Locations(QObject):
    revisionChanged = Signal()

    def __init__(
        self, bundle: Bundle, here: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bundle = bundle
        self._here = here
        self._revision = 0
        self._model = LocationListModel(self)
        self._model.set_locations(bundle.locations, self._valid_here())

    def _valid_here(self) -> str | None:
        return self._here if self._here in {loc.id for loc in self._bundle.locations} else None

    def set_bundle(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self._model.set_locations(bundle.locations, self._valid_here())
        self._revision += 1
        self.revisionChanged.emit()

    def set_here(self, location_id: str | None) -> None:
        """This kiosk's own location changed (staff panel): "You are here" moves."""
        self._here = location_id
        self._model.set_locations(self._bundle.locations, self._valid_here())
        self._revision += 1
        self.revisionChanged.emit()

    def _find(self, location_id: str) -> Location | None:
        return next((loc for loc in self._bundle.locations if loc.id == location_id), None)

    @Slot(str, str, int, result="QVariantMap")
    def detail(self, location_id: str, language: str, revision: int = 0) -> dict[str, Any]:
        """What the bundle has for one town; absent fields are left out, never shown blank."""
        del revision
        loc = self._find(location_id)
        if loc is None:
            return {}
        website = self._bundle.organization.website
        fields = [
            {"key": key, "value": value}
            for key, value in (("address", loc.address), ("phone", loc.phone), ("hours", loc.hours))
            if value
        ]
        notes = (loc.notes or {}).get(language, "")
        return {
            "id": loc.id,
            "town": loc.town,
            "place": f"{loc.town}, {loc.state}",
            "fields": fields,
            "notes": notes,
            "website": website,
            "websiteLabel": website.removeprefix("https://").removesuffix("/"),
            "organization": self._bundle.organization.name,
            "here": loc.id == self._valid_here(),
            "qrSource": qr_source(website),
        }

    @Slot(float, float, float, float, int, result="QVariantMap")
    def mapLayout(
        self, width: float, height: float, label_width: float, marker: float, revision: int = 0
    ) -> dict[str, Any]:
        """Markers and outlines for a map of `width` x `height` px."""
        del revision
        locations = self._bundle.locations
        if not locations or width <= 0 or height <= 0:
            return {"towns": [], "paths": {}, "labels": []}
        sides = label_sides(locations)
        margin = marker / 4
        half = marker / 2
        pill = label_width + marker
        extents = [
            (
                (pill - half if sides[loc.id] == "left" else half) + margin,
                (half if sides[loc.id] == "left" else pill - half) + margin,
                half * 1.3 + margin,  # the "You are here" pill has two lines
                half * 1.3 + margin,
            )
            for loc in locations
        ]
        proj = fit_boxes([(loc.lat, loc.lon) for loc in locations], extents, width, height)
        here = self._valid_here()
        towns = []
        for loc in ordered(locations, here):
            x, y = proj.project(loc.lat, loc.lon)
            towns.append(
                {
                    "id": loc.id,
                    "town": loc.town,
                    "x": x,
                    "y": y,
                    "side": sides[loc.id],
                    "here": loc.id == here,
                }
            )
        river_band = (*HUDSON_WEST, *reversed(HUDSON_EAST))
        east_land = (*HUDSON_EAST, (HUDSON_EAST[-1][0], -73.0), (HUDSON_EAST[0][0], -73.0))
        north = (
            *STATE_LINE,
            (STATE_LINE[-1][0], STATE_LINE[-1][1] - FAR),
            (STATE_LINE[-1][0] + FAR, STATE_LINE[-1][1] - FAR),
            (STATE_LINE[-1][0] + FAR, STATE_LINE[0][1] + FAR),
            (STATE_LINE[0][0], STATE_LINE[0][1] + FAR),
        )
        paths = {
            "north": svg_path(proj, north, close=True),
            "east": svg_path(proj, east_land, close=True),
            "water": svg_path(proj, river_band, close=True),
            "stateLine": svg_path(proj, STATE_LINE),
            "hackensack": svg_path(proj, HACKENSACK),
            "passaic": svg_path(proj, PASSAIC),
        }
        # "NY" north of the state line and across the Hudson, where those parts show.
        inset = marker * 0.6
        labels = []
        for lat, lon in ((41.035, -74.13), (40.87, -73.885)):
            x, y = proj.project(lat, lon)
            if inset <= x <= width - 2 * inset and inset <= y <= height - inset:
                labels.append({"text": "NY", "x": x, "y": y})
        return {"towns": towns, "paths": paths, "labels": labels}

    def _get_model(self) -> LocationListModel:
        return self._model

    def _get_revision(self) -> int:
        return self._revision

    def _get_longest_town(self) -> str:
        return max((loc.town for loc in self._bundle.locations), key=len, default="")

    def _get_here(self) -> str:
        return self._valid_here() or ""

    model = Property(QObject, _get_model, constant=True)
    revision = Property(int, _get_revision, notify=revisionChanged)
    hereId = Property(str, _get_here, notify=revisionChanged)
    longestTown = Property(str, _get_longest_town, notify=revisionChanged)

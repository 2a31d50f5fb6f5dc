"""Locations for QML: the list ("You are here" first), each town's detail, and the schematic map.

The map is drawn from a few hand-traced outlines of northern New Jersey (the Hudson, the
Hackensack and Passaic rivers, the New York state line), projected with the towns into the map's
rectangle; no network and no tiles. The projection fits the towns, with room for their labels,
so that markers never overlap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
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
from kiosk.patient.map_geometry import (
    FAR,
    HACKENSACK,
    HUDSON_EAST,
    HUDSON_WEST,
    PASSAIC,
    STATE_LINE,
    fit_boxes,
    label_sides,
    miles_between,
    ordered,
    place_labels,
    svg_path,
    town_box,
)
from kiosk.patient.qr import qr_source
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

Index = QModelIndex | QPersistentModelIndex


class LocationListModel(QAbstractListModel):
    LocationIdRole = Qt.ItemDataRole.UserRole + 1
    TownRole = Qt.ItemDataRole.UserRole + 2
    PlaceRole = Qt.ItemDataRole.UserRole + 3
    HereRole = Qt.ItemDataRole.UserRole + 4
    MilesRole = Qt.ItemDataRole.UserRole + 5

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
        if role == self.MilesRole:
            origin = self._items[0] if self._items and self._items[0].id == self._here else None
            return -1.0 if origin is None else miles_between(origin, loc)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {
            self.LocationIdRole: QByteArray(b"locationId"),
            self.TownRole: QByteArray(b"town"),
            self.PlaceRole: QByteArray(b"place"),
            self.HereRole: QByteArray(b"here"),
            self.MilesRole: QByteArray(b"miles"),
        }

    def ids(self) -> list[str]:
        return [loc.id for loc in self._items]


def town_units(fields: list[dict[str, str]], notes: str) -> dict[str, int]:
    """Which narration unit each part of a town page is, in the order narration reads them
    (kiosk/content/narration_units.py `location_units`): the title, the practice, each field's
    name and value (or the line to ask at the desk), the notes, the website, the QR caption."""
    names = ["place", "organization"]
    names += [f"{f['key']}{part}" for f in fields for part in ("Label", "Value")]
    names += [] if fields else ["callForDetails"]
    names += ["notes"] if notes.strip() else []
    names += ["websiteTitle", "website", "scan"]
    return {name: unit for unit, name in enumerate(names)}


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
        here = self._find(self._valid_here() or "")
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
            "miles": miles_between(here, loc) if here is not None and here is not loc else -1.0,
            "county": loc.county or "",
            "directions": loc.directions,
            "qrSource": qr_source(loc.directions),
            "units": town_units(fields, notes),
        }

    @Slot(float, float, float, float, float, int, result="QVariantMap")
    def mapLayout(
        self,
        width: float,
        height: float,
        label_width: float,
        marker: float,
        font_px: float,
        revision: int = 0,
    ) -> dict[str, Any]:
        """Markers, outlines and place names for a map of `width` x `height` px; the top
        `marker` px stay free for the north mark."""
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
        proj = fit_boxes([(loc.lat, loc.lon) for loc in locations], extents, width, height - marker)
        proj = dataclasses.replace(proj, cy=proj.cy + marker)
        here = self._valid_here()
        towns = []
        order = ordered(locations, here)
        extents = [extents[list(locations).index(loc)] for loc in order]
        for loc in order:
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
        boxes = [town_box(t, extents[i]) for i, t in enumerate(towns)]
        labels = place_labels(proj, width, height, font_px, boxes)
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

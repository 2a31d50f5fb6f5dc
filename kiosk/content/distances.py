"""Straight-line distances between the practice's locations, and the orders they give.

Shared by the town pages (kiosk/patient/locations.py) and their narration
(kiosk/content/narration_units.py), so what is read aloud is what is shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from kiosk.content.bundle import Location

EARTH_RADIUS_MILES = 3958.8
NEAREST_COUNT = 2  # other locations a town page names, nearest first


def miles_between(a: Location, b: Location) -> float:
    """The straight-line (great-circle, haversine) distance between two locations."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def ordered(locations: Sequence[Location], here: str | None) -> list[Location]:
    """This kiosk's own location first, then the nearest; the bundle's order without one."""
    origin = next((loc for loc in locations if loc.id == here), None)
    if origin is None:
        return list(locations)
    return sorted(locations, key=lambda loc: miles_between(origin, loc))


def nearest_others(
    locations: Sequence[Location], loc: Location, count: int = NEAREST_COUNT
) -> list[tuple[Location, float]]:
    """The closest other locations to `loc` with their distance, town centre to town centre:
    what a town page can say for itself when the bundle has no address, phone or hours."""
    others = [other for other in ordered(locations, loc.id) if other is not loc]
    return [(other, miles_between(loc, other)) for other in others[:count]]


def miles_text(template: str, miles: float) -> str:
    """A distance as the screen shows it: one decimal."""
    return template.replace("{miles}", f"{miles:.1f}")

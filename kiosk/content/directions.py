"""Directions to each location: the link its QR code opens on a patient's phone.

Without an address in the sources, the honest way to a practice is a map search for its name and
town (the bundle's template, which a clinic can change), or the location's own link when the
bundle gives one. The links and their QR codes are made at validation and kept in the ready copy,
so the patient app never needs segno.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote_plus

from kiosk.content.bundle import Location
from kiosk.content.qr import qr_rows

QUERY = "{query}"
DEFAULT_TEMPLATE = "https://www.google.com/maps/search/?api=1&query=" + QUERY


def directions_url(template: str, organization: str, location: Location) -> str:
    """The location's own link, else the template with the practice and town as its query."""
    if location.link:
        return location.link
    query = f"{organization}, {location.town}, {location.state}"
    return template.replace(QUERY, quote_plus(query))


def with_directions(location: Location, template: str, organization: str) -> Location:
    url = directions_url(template, organization, location)
    return dataclasses.replace(location, directions=url, directions_qr=qr_rows(url))

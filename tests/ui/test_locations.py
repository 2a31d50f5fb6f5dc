"""Locations: projection and map layout, the list order, the detail, the QR code."""

from __future__ import annotations

import dataclasses
import math
from urllib.parse import quote_plus

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, QSize
from pytestqt.qtbot import QtBot

from kiosk.content.bundle import Bundle
from kiosk.content.directions import DEFAULT_TEMPLATE, directions_url
from kiosk.content.distances import miles_between, ordered
from kiosk.patient.locations import Locations
from kiosk.patient.map_geometry import fit, label_sides
from kiosk.patient.qr import QUIET_ZONE, QrImageProvider, qr_image, qr_source
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, go, scene_rect, settle

MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="
lat = st.floats(min_value=40.0, max_value=42.0, allow_nan=False)
lon = st.floats(min_value=-75.0, max_value=-73.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(st.tuples(lat, lon), min_size=1, max_size=12),
    width=st.integers(min_value=300, max_value=2000),
    height=st.integers(min_value=300, max_value=2000),
)
def test_projection_keeps_every_town_inside_the_map(
    points: list[tuple[float, float]], width: int, height: int
) -> None:
    pad = 100.0
    proj = fit(points, width, height, pad, pad)
    for la, lo in points:
        x, y = proj.project(la, lo)
        assert pad - 1e-6 <= x <= width - pad + 1e-6
        assert pad - 1e-6 <= y <= height - pad + 1e-6


def test_projection_keeps_north_up_and_shapes_true() -> None:
    proj = fit([(40.8, -74.2), (41.0, -74.0)], 1000, 1000, 50, 50)
    north_x, north_y = proj.project(41.0, -74.1)
    south_x, south_y = proj.project(40.8, -74.1)
    assert north_y < south_y and math.isclose(north_x, south_x)
    east_x, _ = proj.project(40.9, -74.0)
    west_x, _ = proj.project(40.9, -74.2)
    # 0.2 degrees of longitude are cos(lat) as long as 0.2 degrees of latitude.
    ratio = (east_x - west_x) / (south_y - north_y)
    assert math.isclose(ratio, math.cos(math.radians(40.9)), rel_tol=1e-6)


def test_you_are_here_is_listed_first(default_bundle: Bundle) -> None:
    towns = [loc.id for loc in ordered(default_bundle.locations, "paramus")]
    assert towns[0] == "paramus"
    assert sorted(towns) == sorted(loc.id for loc in default_bundle.locations)
    model = Locations(default_bundle, here="paramus").property("model")
    assert model.ids()[0] == "paramus"
    assert Locations(default_bundle, here="nowhere").property("hereId") == ""


def test_neighbouring_labels_point_away_from_each_other(default_bundle: Bundle) -> None:
    sides = label_sides(default_bundle.locations)
    assert sides["paramus"] == "left" and sides["bergenfield"] == "right"


def test_detail_shows_only_what_the_bundle_has(default_bundle: Bundle) -> None:
    detail = Locations(default_bundle, here="maywood").detail("maywood", "en", 0)
    assert detail["fields"] == []  # no address, phone or hours in the default bundle
    assert detail["notes"] == ""
    assert detail["here"] is True
    assert detail["website"] == default_bundle.organization.website
    assert "None" not in repr(detail.values())


def test_detail_with_every_field(default_bundle: Bundle) -> None:
    loc = dataclasses.replace(
        default_bundle.locations[0],
        address="12 Main St",
        phone="201-555-0100",
        hours="Mon-Fri 8-6",
        notes={"en": "Parking behind", "es": "Estacionamiento atrás"},
    )
    bundle = dataclasses.replace(default_bundle, locations=(loc, *default_bundle.locations[1:]))
    detail = Locations(bundle).detail(loc.id, "es", 0)
    assert [f["key"] for f in detail["fields"]] == ["address", "phone", "hours"]
    assert detail["notes"] == "Estacionamiento atrás"


def rows_of(text: str) -> tuple[tuple[bool, ...], ...]:
    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=QUIET_ZONE))


def test_qr_image_draws_every_module_sharp() -> None:
    url = "https://town-pt.com"
    matrix = rows_of(url)
    image = qr_image(matrix, 420)
    modules = len(matrix)
    module_px = image.width() // modules
    assert image.width() == modules * module_px <= 420 and module_px >= 4
    for row in range(modules):
        for col in range(modules):
            pixel = image.pixelColor(col * module_px + module_px // 2, row * module_px + 1)
            assert (pixel.value() < 128) == matrix[row][col]
    assert qr_source(url) == "image://qr/https%3A%2F%2Ftown-pt.com"


def test_every_location_brings_its_directions_code_ready_made(default_bundle: Bundle) -> None:
    """Made by segno when the bundle was validated: the patient app has no encoder at all."""
    provider = QrImageProvider()
    provider.add_bundle(default_bundle)
    links = set()
    for loc in default_bundle.locations:
        assert loc.directions == MAP_SEARCH + quote_plus(f"Town Physical Therapy, {loc.town}, NJ")
        links.add(loc.directions)
        image = provider.requestImage(qr_source(loc.directions)[11:], QSize(), QSize(420, 420))
        assert image == qr_image(rows_of(loc.directions), 420)
    assert len(links) == len(default_bundle.locations)  # every town its own
    blank = provider.requestImage("not%20in%20the%20bundle", QSize(), QSize(420, 420))
    assert {blank.pixelColor(x, x).value() for x in range(0, blank.width(), 7)} == {255}


def test_the_code_on_screen_opens_directions_to_that_town(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, default_bundle: Bundle
) -> None:
    """Read back from the rendered window, module by module: what a phone would scan."""
    kiosk = make_kiosk(size=(1920, 1080))
    kiosk.state.start()
    kiosk.state.openLocation("emerson")
    settle(qtbot, kiosk)
    qr = find(kiosk, "qrCode", in_page=True)
    qtbot.waitUntil(lambda: qr.property("progress") == 1.0 and qr.implicitWidth() > 0)
    settle(qtbot, kiosk)
    shot = kiosk.window.grabWindow()
    rect = scene_rect(qr).toRect()
    matrix = rows_of(MAP_SEARCH + "Town+Physical+Therapy%2C+Emerson%2C+NJ")
    module_px = rect.width() / len(matrix)
    assert rect.width() == rect.height() and module_px >= 4
    for row, modules in enumerate(matrix):
        for col, dark in enumerate(modules):
            x = rect.x() + int((col + 0.5) * module_px)
            y = rect.y() + int((row + 0.5) * module_px)
            assert (shot.pixelColor(x, y).value() < 128) == dark, (row, col)
    caption = find(kiosk, "scanToTakeHome", in_page=True).property("text")
    assert caption == "Scan with your phone to find this office on a map"


def test_a_location_s_own_link_wins(default_bundle: Bundle) -> None:
    loc = dataclasses.replace(default_bundle.locations[0], link="https://town-pt.com/clifton")
    assert directions_url(DEFAULT_TEMPLATE, "Town PT", loc) == "https://town-pt.com/clifton"
    custom = "https://maps.example.org/?q={query}&z=1"
    plain = default_bundle.locations[0]
    assert directions_url(custom, "Town PT", plain) == (
        f"https://maps.example.org/?q=Town+PT%2C+{plain.town}%2C+NJ&z=1"
    )


def test_the_list_is_sorted_by_distance_from_here(
    qtbot: QtBot, make_kiosk: KioskFactory, default_bundle: Bundle
) -> None:
    here = next(loc for loc in default_bundle.locations if loc.id == "clifton")
    by_bundle = [loc.id for loc in ordered(default_bundle.locations, None)]
    assert by_bundle == [loc.id for loc in default_bundle.locations]
    nearest = ordered(default_bundle.locations, "clifton")
    miles = [miles_between(here, loc) for loc in nearest]
    assert nearest[0].id == "clifton" and miles == sorted(miles) and miles[1] > 1
    # New York to Newark, straight line: about 8.8 miles.
    a = dataclasses.replace(here, lat=40.7128, lon=-74.0060)
    b = dataclasses.replace(here, lat=40.7357, lon=-74.1724)
    assert miles_between(a, b) == pytest.approx(8.8, abs=0.2)

    kiosk = make_kiosk(settings=UiSettings(location_id="clifton", idle_seconds=3600))
    kiosk.state.start()
    kiosk.state.openLocations()
    settle(qtbot, kiosk)
    rows = [find(kiosk, f"town-{loc.id}", in_page=True) for loc in nearest]
    tops = [scene_rect(r).top() for r in rows]
    assert tops == sorted(tops)  # shown in that order, nearest first
    label = find(kiosk, f"miles-{nearest[1].id}", in_page=True)
    assert label.isVisible() and label.property("text") == f"{miles[1]:.1f} miles from here"
    kiosk.state.openLocation(nearest[-1].id)
    settle(qtbot, kiosk)
    distance = find(kiosk, "distance", in_page=True)
    assert distance.property("text") == f"{miles[-1]:.1f} miles from here"


def test_map_markers_do_not_overlap(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, default_bundle: Bundle
) -> None:
    for size in ((1920, 1080), (1080, 1920), (1280, 800)):
        kiosk = make_kiosk(size=size, settings=UiSettings(location_id="maywood"))
        kiosk.state.start()
        kiosk.state.openLocations()
        settle(qtbot, kiosk)
        markers = [
            find(kiosk, f"marker-{loc.id}", in_page=True) for loc in default_bundle.locations
        ]
        map_rect = scene_rect(find(kiosk, "schematicMap", in_page=True))
        rects = [scene_rect(m) for m in markers]
        gap = kiosk.theme.property("sizes").property("gap")
        for i, a in enumerate(rects):
            assert map_rect.contains(a), (size, markers[i].objectName())
            for b in rects[i + 1 :]:
                grown = QRectF(a).adjusted(-gap, -gap, gap, gap)
                assert not grown.intersects(b), (size, a, b)


def test_a_town_on_the_map_opens_its_detail_with_you_are_here(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(settings=UiSettings(location_id="paramus"))
    kiosk.state.start()
    settle(qtbot, kiosk)
    go(qtbot, kiosk, find(kiosk, "tile-locations"), clock)
    first = find(kiosk, "locationList", in_page=True)
    assert first is not None
    go(qtbot, kiosk, find(kiosk, "marker-paramus", in_page=True), clock)
    assert find(kiosk, "youAreHere", in_page=True).isVisible()
    assert find(kiosk, "callForDetails", in_page=True).isVisible()
    assert find(kiosk, "website", in_page=True).property("text") == "town-pt.com"

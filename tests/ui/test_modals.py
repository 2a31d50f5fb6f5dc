"""Findings 1-3 of the patient-experience issue, through the real window: the attract screen
shows only controls that work there; the idle dialog is modal (nothing behind it reacts, nothing
covers it); the staff corner lies over no patient control and is never completed by taps that
land on one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, centre, find, find_item, scene_rect, settle, tap, tap_at
from tests.ui.screens import LAYOUTS, targets, visit


def test_the_attract_screen_shows_only_its_own_controls(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 1: no chrome (Home, Back, text size, contrast) on the attract screen."""
    settle(qtbot, kiosk)
    loader = find(kiosk, "attractLoader")
    layers = [i for i in loader.parentItem().childItems() if i.z() >= loader.z()]
    shown = {t.objectName() for layer in layers for t in targets(layer)}  # not under attract
    assert shown == {"attract-lang-en", "attract-lang-es"}
    # Where the chrome's Español and contrast buttons are on Home, a tap just starts, in English.
    contrast = centre(find(kiosk, "contrastButton"))
    with qtbot.waitSignal(kiosk.state.navigated):
        tap_at(kiosk, contrast, clock)
    settle(qtbot, kiosk)
    assert (kiosk.state.screen, kiosk.state.language, kiosk.state.highContrast) == (
        "home",
        "en",
        False,
    )


def topmost(parent: QQuickItem, point: QPointF) -> QQuickItem | None:
    """The layer drawn on top at `point` (an empty Loader draws nothing and takes nothing)."""
    layers = [
        child
        for child in parent.childItems()
        if child.isVisible()
        and scene_rect(child).contains(point)
        and not (child.inherits("QQuickLoader") and not child.childItems())
    ]
    return max(layers, key=lambda item: item.z(), default=None)


def dialog_layer(kiosk: Kiosk) -> tuple[QQuickItem, QQuickItem]:
    """The window's layers (pages, chrome, attract, corner, dialog...) and the dialog's."""
    layers = find(kiosk, "stack").parentItem()
    layer = find(kiosk, "idleDialog")
    while layer.parentItem() is not layers:
        layer = layer.parentItem()
    return layers, layer


def idle_dialog_up(qtbot: QtBot, make_kiosk: KioskFactory, size: tuple[int, int]) -> Kiosk:
    kiosk = make_kiosk(size=size, settings=UiSettings(idle_seconds=0.3, warning_seconds=30))
    kiosk.window.setProperty("transitionDuration", 0)
    shown: list[int] = []
    kiosk.idle.warningShown.connect(lambda: shown.append(1))
    kiosk.state.start()
    kiosk.state.openPage("botox")
    settle(qtbot, kiosk)
    qtbot.waitUntil(lambda: shown == [1], timeout=5000)
    return kiosk


def test_nothing_behind_the_idle_dialog_reacts(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    """Finding 2: the chrome was live above "Are you still there?"."""
    kiosk = idle_dialog_up(qtbot, make_kiosk, (1920, 1080))
    for name in ("lang-es", "contrastButton", "textSize-2", "homeButton", "backButton"):
        tap_at(kiosk, centre(find(kiosk, name)), clock)
    assert kiosk.state.snapshot()["language"] == "en"
    assert (kiosk.state.textStep, kiosk.state.highContrast, kiosk.state.routeId) == (
        0,
        False,
        "botox",
    )
    content, dialog = dialog_layer(kiosk)
    for name in ("chrome", "pageFooter"):  # the topmost item there is the dialog, dimmed
        assert topmost(content, QPointF(centre(find(kiosk, name)))) is dialog


def test_no_item_covers_the_dialog_at_any_size(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    """Finding 2: at 1280x800 and 200 % the chrome cut the dialog's title in half."""
    for size in LAYOUTS.values():
        kiosk = idle_dialog_up(qtbot, make_kiosk, size)
        kiosk.state.setLanguage("es")
        kiosk.state.setTextStep(2)
        kiosk.window.grabWindow()
        content, dialog = dialog_layer(kiosk)
        for name in ("stillThereTitle", "countdown", "stillHereButton"):
            rect = scene_rect(find(kiosk, name))
            for point in (rect.topLeft(), rect.center(), rect.bottomRight() - QPointF(1, 1)):
                assert topmost(content, point) is dialog, (size, name)
        kiosk.idle.stop()


def test_the_staff_corner_is_over_no_patient_target(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    """Finding 3: the corner covered the Home button's icon."""
    for size in LAYOUTS.values():
        kiosk = make_kiosk(size=size, settings=UiSettings(location_id="maywood"))
        corner = scene_rect(find(kiosk, "staffCorner"))
        half_gap = kiosk.theme.property("sizes").property("spacing") / 2
        for step in (0, 2):
            for screen in visit(qtbot, kiosk, step=step):
                for target in targets(screen.root):
                    reach = scene_rect(target).adjusted(-half_gap, -half_gap, half_gap, half_gap)
                    assert not reach.intersects(corner), (size, screen.name, target.objectName())


def test_tremor_taps_on_home_never_open_staff_mode(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    """Finding 3: two bounced taps on Home (five contacts) opened the PIN pad."""
    requested: list[int] = []
    kiosk.staff_corner.staffRequested.connect(lambda: requested.append(1))
    kiosk.state.start()
    settle(qtbot, kiosk)
    home = find(kiosk, "homeButton")
    rect = scene_rect(home)
    icon = QPoint(int(rect.left() + 12), int(rect.center().y()))  # the icon end of the button
    for _ in range(5):
        tap_at(kiosk, icon, clock, wait=0.15)
    tap_at(kiosk, QPoint(int(rect.left()) - 4, int(rect.top()) + 4), clock, wait=0.15)
    assert not requested


def test_a_patient_tap_between_corner_taps_starts_the_count_over(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    requested: list[int] = []
    kiosk.staff_corner.staffRequested.connect(lambda: requested.append(1))
    kiosk.state.start()
    settle(qtbot, kiosk)
    corner = find(kiosk, "staffCorner")
    for _ in range(4):
        tap(kiosk, corner, clock, wait=0.2)
    tap(kiosk, find(kiosk, "contrastButton"), clock, wait=0.2)
    tap(kiosk, corner, clock, wait=0.2)
    assert not requested
    for _ in range(5):
        tap(kiosk, corner, clock, wait=0.2)
    assert requested == [1]


def test_the_corner_takes_its_taps_for_itself_on_the_attract_screen(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    settle(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.staff_corner.staffRequested, timeout=1000):
        for _ in range(5):
            tap(kiosk, find(kiosk, "staffCorner"), clock, wait=0.3)
    assert kiosk.state.attract  # the corner's taps did not start a patient session
    assert find_item(kiosk.window.contentItem(), "attractScreen") is not None
    assert QRectF(scene_rect(find(kiosk, "staffCorner"))).topLeft() == QPointF(0, 0)

"""The test helpers never leave PySide a wrapper of a QML metaobject.

PySide keeps what `item.metaObject()` returns alive with the item's wrapper, registered at the
metaobject's address. QML frees a QML type's metaobject with its engine, so a later kiosk can make
an item at that address, and PySide then hands out the stale QMetaObject wrapper for that item:
tree walks skip it (two CI runs lost the chrome bar's Back or Home button this way) and its repr
reads freed memory."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMetaObject
from pytestqt.qtbot import QtBot

from tests.ui.conftest import KioskFactory
from tests.ui.helpers import (
    FakeClock,
    find,
    flickable_of,
    go,
    page,
    scroll_into_view,
    settle,
    visible_texts,
    walk,
)


def metaobject_wrappers() -> set[int]:
    return {
        shiboken6.getCppPointer(wrapper)[0]
        for wrapper in shiboken6.getAllValidWrappers()
        if isinstance(wrapper, QMetaObject)
    }


def test_finding_scrolling_and_tapping_wrap_no_metaobject(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock
) -> None:
    kiosk = make_kiosk(size=(1080, 1920))
    kiosk.state.start()
    settle(qtbot, kiosk)
    before = metaobject_wrappers()
    held = [find(kiosk, "tile-locations"), find(kiosk, "homeButton"), find(kiosk, "lang-es")]
    for item in held:  # held, as tests hold what they found
        flickable_of(item)
        scroll_into_view(item)
    go(qtbot, kiosk, held[0], clock)
    held += [find(kiosk, "backButton"), *walk(page(kiosk))]
    assert visible_texts(page(kiosk))
    for item in held[-5:]:
        flickable_of(item)
    assert metaobject_wrappers() == before

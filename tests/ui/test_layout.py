"""Walks the item tree of every screen, language, layout and text size: every tappable target is
big enough and far enough from the next; no text is clipped, overflows or overlaps other text;
text is large enough to read at arm's length."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import scene_rect
from tests.ui.screens import (
    LAYOUTS,
    Screen,
    clip_rect,
    clip_root,
    gap_between,
    in_flickable,
    paint_order,
    painted_rect,
    paints_over,
    qml,
    targets,
    texts,
    visit,
)

TOLERANCE = 0.5
HERE = UiSettings(location_id="maywood", idle_seconds=3600)  # "You are here" shows too


def check_targets(screen: Screen, target: float, gap: float) -> list[str]:
    problems: list[str] = []
    items = targets(screen.root)
    assert items, f"{screen.name}: no tappable targets"
    visible = []
    for item in items:
        name = item.objectName() or repr(item)
        if not item.objectName():
            problems.append(f"{screen.name}: a target without objectName")
        if item.width() < target - TOLERANCE or item.height() < target - TOLERANCE:
            problems.append(f"{screen.name}: {name} is {item.width():.0f}x{item.height():.0f}")
        shown = scene_rect(item).intersected(clip_rect(item, screen.window))
        if not shown.isEmpty():
            visible.append((item, name))
    for index, (a, name_a) in enumerate(visible):
        for b, name_b in visible[index + 1 :]:
            same_scroll = clip_root(a) is clip_root(b)
            rect_a = (
                scene_rect(a)
                if same_scroll
                else scene_rect(a).intersected(clip_rect(a, screen.window))
            )
            rect_b = (
                scene_rect(b)
                if same_scroll
                else scene_rect(b).intersected(clip_rect(b, screen.window))
            )
            distance = gap_between(rect_a, rect_b)
            if distance < gap - TOLERANCE:
                problems.append(f"{screen.name}: {name_a} and {name_b} are {distance:.1f} px apart")
    return problems


def words(item: QQuickItem) -> list[tuple[str, float]]:
    """The words of a Text (markup left out) with their widths in its font."""
    metrics = QFontMetricsF(QFont(item.property("font")))
    plain = re.sub(r"<[^>]+>", " ", str(item.property("text")))
    return [(word, metrics.horizontalAdvance(word)) for word in plain.split()]


def check_texts(screen: Screen, min_px: float) -> list[str]:
    problems: list[str] = []
    items = texts(screen.root)
    window = screen.window
    painted = []
    for item in items:
        label = f"{screen.name}/{screen.language}: {str(item.property('text'))[:40]!r}"
        if item.property("truncated"):
            problems.append(f"{label} is truncated")
        size = item.property("font").pixelSize()
        if size < min_px - TOLERANCE:
            problems.append(f"{label} is {size} px")
        rect = painted_rect(item)
        bounds = clip_rect(item, screen.window).intersected(window)
        scrolls = in_flickable(item)
        if rect.left() < bounds.left() - 1 or rect.right() > bounds.right() + 1:
            problems.append(f"{label} is cut off at the side ({rect} in {bounds})")
        if not scrolls and (rect.top() < bounds.top() - 1 or rect.bottom() > bounds.bottom() + 1):
            problems.append(f"{label} is cut off ({rect} in {bounds})")
        if (
            qml(item, "wrapMode")
            and not qml(item, "fontSizeMode")
            and (broken := [w for w in words(item) if w[1] > item.width() + 1])
        ):
            problems.append(f"{label} breaks the word {broken[0][0]!r} ({broken[0][1]:.0f} px)")
        if float(item.property("contentWidth")) > item.width() + 1 and qml(item, "wrapMode"):
            problems.append(f"{label} is wider than its box")
        parent = item.parentItem()
        while parent is not None and parent.property("kioskTarget") is not True:
            parent = parent.parentItem()
        if parent is not None and not scene_rect(parent).adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(f"{label} spills out of its button {parent.objectName()}")
        shown = rect.intersected(clip_rect(item, screen.window))
        if not shown.isEmpty():
            painted.append((item, label, rect, shown))
    for index, (a, label_a, rect_a, shown_a) in enumerate(painted):
        for b, label_b, rect_b, shown_b in painted[index + 1 :]:
            same = clip_root(a) is clip_root(b)
            first, second = (rect_a, rect_b) if same else (shown_a, shown_b)
            overlap = first.intersected(second)
            if overlap.width() > 2 and overlap.height() > 2:
                problems.append(f"{label_a} overlaps {label_b}")
    return problems


def check_covered(screen: Screen) -> list[str]:
    """No text is covered by an item painted after it (the chrome, a dialog, a cue, a
    marker): only its own button or box may lie under it."""
    problems: list[str] = []
    order = list(paint_order(screen.window_root))
    position = {id(item): index for index, item in enumerate(order)}
    for text in texts(screen.root):
        shown = painted_rect(text).intersected(clip_rect(text, screen.window))
        if shown.isEmpty():
            continue
        label = f"{screen.name}/{screen.language}: {str(text.property('text'))[:40]!r}"
        for item in order[position[id(text)] + 1 :]:
            if item is text or not paints_over(item):
                continue
            cover = scene_rect(item).intersected(clip_rect(item, screen.window))
            overlap = shown.intersected(cover)
            if overlap.width() > 2 and overlap.height() > 2:
                problems.append(f"{label} is covered by {item.objectName() or repr(item)}")
                break
    return problems


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("step", [0, 1, 2], ids=["100%", "150%", "200%"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_targets_and_text_on_every_screen(
    qtbot: QtBot, make_kiosk: KioskFactory, layout: str, step: int, high_contrast: bool
) -> None:
    kiosk = make_kiosk(size=LAYOUTS[layout], settings=HERE)
    sizes = kiosk.theme.property("sizes")
    unit = kiosk.theme.property("unit")
    problems: list[str] = []
    checked = 0
    for screen in visit(qtbot, kiosk, step=step, high_contrast=high_contrast):
        problems += check_targets(screen, sizes.property("target"), sizes.property("gap"))
        problems += check_texts(screen, 28 * unit)
        problems += check_covered(screen)
        checked += len(texts(screen.root))
    assert not problems, "\n".join(problems)
    assert checked > 300  # the walk did see the screens


def test_body_text_is_at_least_28px_at_1080p(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(size=(1920, 1080), settings=HERE)
    sizes = kiosk.theme.property("sizes")
    assert sizes.property("body") >= 28
    assert sizes.property("target") == 72 and sizes.property("gap") == 16
    for screen in visit(qtbot, kiosk):
        small = [
            (str(t.property("text"))[:30], t.property("font").pixelSize())
            for t in texts(screen.root)
            if t.property("font").pixelSize() < 28
        ]
        assert not small, (screen.name, small)


def test_sizes_scale_with_the_shorter_side(make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(size=(1280, 800))
    sizes = kiosk.theme.property("sizes")
    assert sizes.property("target") == 54  # ceil(72 * 800 / 1080)
    assert sizes.property("gap") == 12

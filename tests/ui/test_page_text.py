"""Page text on the real window: callouts with their icon and label, nested and numbered lists,
and bundle characters that look like markup shown as the characters they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.validate import load_folder
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL
from tests.content.bundle_factory import ABOUT, write_bundle
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, find_item, go, page, scene_rect, tap, walk
from tests.ui.screens import painted_rect, qml
from tests.ui.test_contrast import ratio

HOSTILE = '<img src="file:///etc/passwd">'
ENTITY = "&lt;b&gt;"
EXTRA = {
    "en": (
        "\n> [!EMERGENCY]\n> Call **911** if you cannot breathe.\n\n"
        "Steps:\n\n1. Sit down.\n2. Rest.\n   - Feet up.\n\n"
        "> [!DOCTOR]\n> Call your doctor if it gets worse.\n\n"
        f"\\{HOSTILE}\n\n{ENTITY}\n"
    ),
    "es": (
        "\n> [!EMERGENCY]\n> Llame al **911** si no puede respirar.\n\n"
        "> [!DOCTOR]\n> Llame a su médico si empeora.\n"
    ),
}


@pytest.fixture(scope="module")
def callout_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    folder = write_bundle(tmp_path_factory.mktemp("callouts") / "b", languages=("en", "es"))
    for lang in ("en", "es"):
        page = folder / "pages" / f"what-is-clonus.{lang}.md"
        page.write_text(ABOUT[lang] + EXTRA[lang], encoding="utf-8")
    return load_folder(Path(folder))


def open_page(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> QQuickItem:
    """From the attract screen to the about page, by taps."""
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, find(kiosk, "attractScreen"), clock)
    qtbot.waitUntil(lambda: find_item(kiosk.window.contentItem(), "attractScreen") is None)
    go(qtbot, kiosk, find(kiosk, "tile-what-is-clonus"), clock)
    kiosk.window.grabWindow()  # a frame: every pending layout is done
    return page(kiosk)


def texts_in(root: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(root) if i.inherits("QQuickText") and i.property("text")]


def callout(root: QQuickItem, level: str) -> QQuickItem:
    found = find_item(root, f"callout_{level}")
    assert found is not None and found.isVisible(), f"no {level} callout"
    return found


def label_of(box: QQuickItem) -> QQuickItem:
    found = find_item(box, "calloutLabel")
    assert found is not None
    return found


def test_callouts_show_their_icon_and_label_in_each_language(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, callout_bundle: Bundle
) -> None:
    kiosk = make_kiosk(bundle=callout_bundle)
    summary = open_page(qtbot, kiosk, clock)
    emergency, doctor = callout(summary, "emergency"), callout(summary, "doctor")
    assert label_of(emergency).property("text") == "Get help right away"
    assert label_of(doctor).property("text") == "Call your doctor"
    # Never colour alone: each box has a drawn icon beside its label, and a different one.
    icons = []
    for box in (emergency, doctor):
        (icon,) = [i for i in walk(box) if i.inherits("QQuickImage")]
        assert qml(icon, "status") == 1 and icon.width() > 0  # Image.Ready: drawn
        icons.append(icon.property("source"))
    assert icons[0] != icons[1]
    body = [t.property("text") for t in texts_in(emergency)]
    assert "Call <b>911</b> if you cannot breathe." in body
    kiosk.state.setLanguage("es")
    kiosk.window.grabWindow()
    summary = page(kiosk)
    assert label_of(callout(summary, "emergency")).property("text") == "Busque ayuda de inmediato"
    assert label_of(callout(summary, "doctor")).property("text") == "Llame a su médico"


def test_numbered_and_nested_items_hang_their_marker(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, callout_bundle: Bundle
) -> None:
    kiosk = make_kiosk(bundle=callout_bundle)
    summary = open_page(qtbot, kiosk, clock)
    shown = {str(t.property("text")): t for t in texts_in(summary)}
    assert "1." in shown and "2." in shown
    sit, feet = shown["Sit down."], shown["Feet up."]
    assert scene_rect(shown["1."]).right() <= scene_rect(sit).left()
    # The nested item is indented one level further than its parent item.
    assert scene_rect(feet).left() > scene_rect(sit).left()


def test_markup_in_page_text_shows_as_the_characters_it_is(
    qtbot: QtBot, make_kiosk: KioskFactory, clock: FakeClock, callout_bundle: Bundle
) -> None:
    kiosk = make_kiosk(bundle=callout_bundle)
    summary = open_page(qtbot, kiosk, clock)
    for literal in (HOSTILE, ENTITY):
        (text,) = [t for t in texts_in(summary) if literal[1:6] in str(t.property("text"))]
        # Drawn as exactly these characters on one line: no image, no bold, no decoded entity.
        assert text.property("lineCount") == 1
        advance = QFontMetricsF(text.property("font")).horizontalAdvance(literal)
        assert abs(float(text.property("contentWidth")) - advance) < 2, literal
    # (an image load or a rich-text warning would also fail the test: qt_log_level_fail)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_callouts_are_readable_and_unclipped_at_200_percent(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    clock: FakeClock,
    callout_bundle: Bundle,
    high_contrast: bool,
) -> None:
    kiosk = make_kiosk(bundle=callout_bundle, size=(1280, 800))
    summary = open_page(qtbot, kiosk, clock)
    kiosk.state.setTextStep(2)
    kiosk.state.setHighContrast(high_contrast)
    kiosk.window.grabWindow()
    window_width = kiosk.window.width()
    minimum = 7.0 if high_contrast else 4.5
    for level in ("emergency", "doctor"):
        box = callout(summary, level)
        box_rect = scene_rect(box)
        assert box_rect.left() >= 0 and box_rect.right() <= window_width
        fill = box.property("color")
        assert isinstance(fill, QColor)
        for text in texts_in(box):
            glyphs = painted_rect(text)
            assert box_rect.contains(glyphs), (level, text.property("text"), glyphs, box_rect)
            assert not text.property("truncated")
            assert ratio(text.property("color"), fill) >= minimum, (level, text.property("text"))
        frame = QColor(str(qml(box, "border.color.toString()")))
        assert ratio(frame, fill) >= 3.0  # the frame shows


@pytest.mark.parametrize(("palette", "minimum"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)])
def test_callout_colours_meet_the_contrast_minimum(palette: dict[str, str], minimum: float) -> None:
    for fg, bg in [
        ("emergencyText", "emergency"),
        ("text", "emergency"),
        ("doctorText", "doctor"),
        ("text", "doctor"),
    ]:
        assert ratio(QColor(palette[fg]), QColor(palette[bg])) >= minimum, (fg, bg)

"""The theme's colours and sizes as QML reads them (kiosk/ui/theme_values.py): one QML object
each, a declared property per name, kept up to date as the patient changes text size and
contrast, in the real window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtQml import QQmlEngine
from pytestqt.qtbot import QtBot

from kiosk.paths import qml_dir
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL, Theme
from kiosk.ui.theme_values import COLORS_QML, SIZES_QML, make_values, update_values, values_qml
from tests.ui.conftest import KioskFactory


def test_every_name_the_theme_computes_is_a_property_qml_reads(make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    theme = kiosk.theme
    colors, sizes = theme.property("colors"), theme.property("sizes")
    assert colors is not None and sizes is not None
    for name, value in theme.color_values().items():
        assert colors.property(name) == value, name
    for name, value in theme.size_values().items():
        assert sizes.property(name) == pytest.approx(value), name


def test_text_size_and_contrast_reach_the_values_qml_reads(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk()
    sizes, colors = kiosk.theme.property("sizes"), kiosk.theme.property("colors")
    body = sizes.property("body")
    kiosk.state.start()
    kiosk.state.setTextStep(2)
    qtbot.waitUntil(lambda: sizes.property("body") >= 1.9 * body, timeout=2000)
    assert colors.property("text") == NORMAL["text"]
    kiosk.state.setHighContrast(True)
    qtbot.waitUntil(lambda: colors.property("text") == HIGH_CONTRAST["text"], timeout=2000)
    assert colors.property("background") == HIGH_CONTRAST["background"]


@pytest.mark.parametrize(
    ("file_name", "what", "values"),
    [
        (COLORS_QML, "The theme's colours", Theme().color_values()),
        (SIZES_QML, "The theme's sizes", Theme().size_values()),
    ],
)
def test_the_qml_files_declare_exactly_the_theme_s_names(
    file_name: str, what: str, values: dict[str, Any]
) -> None:
    expected = values_qml(what, values)
    shown = (qml_dir() / file_name).read_text(encoding="utf-8")
    assert shown == expected, f"kiosk/ui/qml/{file_name} should read:\n{expected}"


@pytest.mark.parametrize("name", ["onAccent", "Text", "with space", "1st"])
def test_a_name_qml_cannot_declare_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot be a QML property name"):
        values_qml("Values", {name: 1})


def test_a_value_the_object_does_not_have_is_refused(qtbot: QtBot) -> None:
    engine = QQmlEngine()
    theme = Theme()
    made = make_values(engine, SIZES_QML, theme.size_values(), theme)
    update_values(made, {"margin": 12.5})
    assert made.property("margin") == 12.5
    with pytest.raises(KeyError, match="no property 'nowhere'"):
        update_values(made, {"nowhere": 1})

"""The theme's colours and sizes as QML reads them: one QML object each (ThemeColors.qml,
ThemeSizes.qml), with a declared property per name of kiosk/ui/theme.py, set from Python.

A page binds ~500 of these values. QML reads a declared property of a QML object in ~0.2 us;
a QQmlPropertyMap (the first version) took ~5 us a read, as it looks a name up among all its
names at every read: ~2.5 ms of every page change, measured. The objects are QML files, not
QML made at run time, so they load from QML's disk cache like every view: compiling QML at the
start woke the QML compiler, ~35 ms. `values_qml` writes the files' body from the theme's
names; tests/ui/test_theme_values.py keeps the files equal to it. qmllint learns the names
from scripts/theme-qmltypes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.paths import qml_dir

COLORS_QML = "ThemeColors.qml"
SIZES_QML = "ThemeSizes.qml"
HEADER = """import QtQml

// {what} as QML reads them, set from Python (kiosk/ui/theme_values.py):
// one property per name in kiosk/ui/theme.py, written by `values_qml` there
// (tests/ui/test_theme_values.py keeps this file equal to it).
"""
# A QML property name: a lower-case first letter, and not "on" + a capital (a signal handler).
_NAME = re.compile(r"^(?!on[A-Z0-9_])[a-z][A-Za-z0-9_]*$")

Values = Mapping[str, bool | int | float | str]


def qml_type(value: bool | int | float | str) -> str:
    """The QML type a value is declared with (every number is a real: some sizes are whole
    at one scale and fractional at another)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "real"
    return "string"


def values_qml(what: str, values: Values) -> str:
    """The text of a QML file declaring one property for each of `values`, in name order."""
    lines = [HEADER.format(what=what), "QtObject {"]
    for name in sorted(values):
        if not _NAME.match(name):
            raise ValueError(f"{name!r} cannot be a QML property name")
        lines.append(f"    property {qml_type(values[name])} {name}")
    lines.append("}\n")
    return "\n".join(lines)


def make_values(engine: QQmlEngine, file_name: str, values: Values, parent: QObject) -> QObject:
    """The object QML reads `values` from: `file_name`'s object made in `engine`, owned by
    `parent`, every value set."""
    component = QQmlComponent(engine, QUrl.fromLocalFile(str(qml_dir() / file_name)))
    made = component.create()
    if made is None:
        raise RuntimeError(f"theme values: {component.errorString()}")
    made.setParent(parent)
    update_values(made, values)
    return made


def update_values(target: QObject, values: Values) -> None:
    """Sets the values that changed, so QML re-evaluates only the bindings that use them."""
    for name, value in values.items():
        if target.property(name) != value and not target.setProperty(name, value):
            raise KeyError(f"theme values: no property {name!r}")

"""Draws bundle images with Qt, the way the kiosk will, to refuse the ones it cannot show.

The second line of defence behind the Qt-free checks (kiosk/content/svg_check.py, png_check.py):
an SVG Qt cannot parse or that draws nothing (a blank tile), a PNG Qt cannot decode, or one that
needs more than ALLOCATION_MB to decode. It runs in a child process (`kiosk render-check`,
started by kiosk/store/render.py with a time and memory limit), so a drawing that hangs or eats
memory costs that process, never the kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.ui.image_limits import ALLOCATION_MB

TILE = QSize(256, 256)


def _svg_problem(path: Path) -> str | None:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return "Qt cannot draw this SVG"
    image = QImage(TILE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    blank = image.copy()
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return "this SVG draws nothing (it would show as a blank tile)" if image == blank else None


def _png_problem(path: Path) -> str | None:
    reader = QImageReader(str(path))
    image = reader.read()
    return None if not image.isNull() else f"Qt cannot show this PNG ({reader.errorString()})"


def problems(paths: Sequence[Path]) -> list[str]:
    """'<file>: <problem>' for every image Qt cannot show; empty when all draw."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["kiosk-render-check"])
    QImageReader.setAllocationLimit(ALLOCATION_MB)
    found = []
    for path in paths:
        check = _svg_problem if path.suffix.lower() == ".svg" else _png_problem
        problem = check(path)
        if problem is not None:
            found.append(f"{path.name}: {problem}")
    return found

"""Renders every screen x language x layout x text size (x theme) of the patient app to PNG,
and composes contact sheets of them. `kiosk screenshots --out DIR` runs it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LAYOUTS: dict[str, tuple[int, int]] = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "small": (1280, 800),
}
SCREENS: tuple[str, ...] = (
    "attract",
    "home",
    "about",
    "treatment",
    "treatment-end",
    "locations",
    "location",
    "idle",
)
STEPS = (0, 1, 2)  # 100, 150, 200 %
PERCENT = {0: 100, 1: 150, 2: 200}
SETTLE_TIMEOUT = 5.0


@dataclass(frozen=True)
class Shot:
    layout: str
    language: str
    step: int
    high_contrast: bool
    screen: str

    @property
    def name(self) -> str:
        theme = "-hc" if self.high_contrast else ""
        return f"{self.layout}-{self.language}-{PERCENT[self.step]}{theme}-{self.screen}.png"


def settle(kiosk: object) -> None:
    """Runs the event loop until page transitions and image loading are done."""
    from PySide6.QtCore import QEvent, QEventLoop
    from PySide6.QtQuick import QQuickItem

    from kiosk.app.wiring import Kiosk

    assert isinstance(kiosk, Kiosk)
    stack = kiosk.window.findChild(QQuickItem, "stack")
    deadline = time.monotonic() + SETTLE_TIMEOUT

    def spin() -> None:
        kiosk.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        # processEvents() leaves deleteLater() alone: pages taken off the stack would pile up.
        kiosk.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    spin()
    while stack is not None and stack.property("busy") and time.monotonic() < deadline:
        spin()
        time.sleep(0.005)
    spin()


def current_page(kiosk: object) -> object:
    from PySide6.QtQuick import QQuickItem

    from kiosk.app.wiring import Kiosk

    assert isinstance(kiosk, Kiosk)
    stack = kiosk.window.findChild(QQuickItem, "stack")
    assert stack is not None
    return stack.property("currentItem")


def goto(kiosk: object, screen: str) -> None:
    """Shows one of SCREENS with the state's own slots (no taps: those are for tests)."""
    from PySide6.QtQuick import QQuickItem

    from kiosk.app.wiring import Kiosk

    assert isinstance(kiosk, Kiosk)
    state = kiosk.state
    bundle = state.bundle
    if screen == "attract":
        settle(kiosk)
        return
    state.start()
    if screen == "about":
        state.openPage(bundle.about[0].id)
    elif screen in ("treatment", "treatment-end"):
        ids = [p.id for p in bundle.treatments]
        state.openPage("physical-therapy" if "physical-therapy" in ids else ids[0])
    elif screen == "locations":
        state.openLocations()
    elif screen == "location":
        state.openLocations()
        here = kiosk.locations.property("hereId") or bundle.locations[0].id
        state.openLocation(here)
    elif screen == "idle":
        kiosk.idle.warn_now()
    settle(kiosk)
    if screen == "treatment-end":
        page = current_page(kiosk)
        assert isinstance(page, QQuickItem)
        flick = page.findChild(QQuickItem, "pageFlick")
        assert flick is not None
        bottom = max(0.0, float(flick.property("contentHeight")) - flick.height())
        flick.setProperty("contentY", bottom)
        settle(kiosk)


def render(
    out: Path,
    *,
    layouts: Sequence[str] = tuple(LAYOUTS),
    languages: Sequence[str] | None = None,
    steps: Sequence[int] = STEPS,
    themes: Sequence[bool] = (False, True),
    screens: Sequence[str] = SCREENS,
    location_id: str | None = "maywood",
    bundle_folder: Path | None = None,
) -> list[Path]:
    """Renders the shots to `out`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app.wiring import build_kiosk
    from kiosk.content.validate import load_folder
    from kiosk.patient.ui_settings import UiSettings
    from kiosk.speech.device import AudioBackend

    out.mkdir(parents=True, exist_ok=True)
    bundle = load_folder(bundle_folder) if bundle_folder else None
    kiosk = build_kiosk(
        settings=UiSettings(location_id=location_id, idle_seconds=3600, warning_seconds=30),
        bundle=bundle,
        size=LAYOUTS[layouts[0]],
        audio=AudioBackend.NULL,  # shots of the Listen bar, on machines without sound too
    )
    kiosk.window.setProperty("transitionDuration", 0)  # shots of pages, not of slides
    written: list[Path] = []
    try:
        langs = list(languages or kiosk.state.bundle.languages)
        for layout in layouts:
            kiosk.window.resize(*LAYOUTS[layout])
            for shot in _shots([layout], langs, steps, themes, screens):
                kiosk.idle.stop()
                kiosk.state.reset()
                kiosk.state.setLanguage(shot.language)
                kiosk.state.setTextStep(shot.step)
                kiosk.state.setHighContrast(shot.high_contrast)
                settle(kiosk)
                goto(kiosk, shot.screen)
                image = kiosk.window.grabWindow()
                path = out / shot.name
                if not image.save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
    finally:
        kiosk.close()
    return written


def _shots(
    layouts: Iterable[str],
    languages: Iterable[str],
    steps: Iterable[int],
    themes: Iterable[bool],
    screens: Iterable[str],
) -> Iterable[Shot]:
    for layout in layouts:
        for language in languages:
            for step in steps:
                for high_contrast in themes:
                    for screen in screens:
                        yield Shot(layout, language, step, high_contrast, screen)


def palette(image: object, size: int = 256) -> list[int]:
    """The `size` most used colours of an image, each the mean of the colours that round to it
    (channels to 4 bits): UI screenshots are mostly flat colours, which this keeps true where
    Qt's fixed palette would not."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    stride, width = rgb.bytesPerLine(), rgb.width()
    sums: dict[int, list[int]] = {}
    for y in range(0, rgb.height(), 2):  # every other row is plenty for a histogram
        base = y * stride
        for i in range(base, base + width * 3, 3):
            r, g, b = data[i], data[i + 1], data[i + 2]
            key = ((r & 0xF0) << 16) | ((g & 0xF0) << 8) | (b & 0xF0)
            entry = sums.get(key)
            if entry is None:
                sums[key] = [r, g, b, 1]
            else:
                entry[0] += r
                entry[1] += g
                entry[2] += b
                entry[3] += 1
    common = sorted(sums.values(), key=lambda e: e[3], reverse=True)[:size]
    return [0xFF000000 | ((r // n) << 16) | ((g // n) << 8) | (b // n) for r, g, b, n in common]


def contact_sheet(
    images: Sequence[Path], target: Path, *, columns: int = 8, thumb_width: int = 240
) -> Path:
    """One PNG of thumbnails with their names (most compressed)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    label_h = 18
    thumbs = []
    for path in images:
        image = QImage(str(path))
        if image.isNull():
            continue
        thumbs.append(
            (
                path.stem,
                image.scaledToWidth(thumb_width, Qt.TransformationMode.SmoothTransformation),
            )
        )
    if not thumbs:
        raise ValueError("no images for the contact sheet")
    cell_h = max(t.height() for _, t in thumbs) + label_h + 8
    cell_w = thumb_width + 8
    rows = (len(thumbs) + columns - 1) // columns
    sheet = QImage(columns * cell_w + 8, rows * cell_h + 8, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    painter.setFont(QFont("DejaVu Sans", 8))
    for index, (name, thumb) in enumerate(thumbs):
        x = 8 + (index % columns) * cell_w
        y = 8 + (index // columns) * cell_h
        painter.drawImage(x, y, thumb)
        painter.setPen(QColor("#888888"))
        painter.drawRect(x, y, thumb.width() - 1, thumb.height() - 1)
        painter.setPen(QColor("#000000"))
        painter.drawText(
            QRect(x, y + thumb.height() + 2, thumb_width, label_h),
            Qt.AlignmentFlag.AlignLeft,
            name,
        )
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    small = sheet.convertToFormat(QImage.Format.Format_Indexed8, palette(sheet))
    if not small.save(str(target), "PNG", 0):  # type: ignore[call-overload]  # stubs: bytes
        raise OSError(f"could not write {target}")
    return target

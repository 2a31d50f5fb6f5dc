"""The bundle's QR codes, served to QML as `image://qr/<percent-encoded text>`.

No network and no encoder: every code comes ready made with the bundle (the website's and each
location's directions, kiosk/content/qr.py at validation). It is drawn module by module, black on
white with the standard four-module quiet zone, at a whole number of pixels per module so it
stays sharp. A text the bundle has no code for draws nothing (a blank square), never an error.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.content.bundle import Bundle
from kiosk.content.qr_matrix import QUIET_ZONE, QrRows

PROVIDER_ID = "qr"
DEFAULT_MODULE_PX = 8
__all__ = ["PROVIDER_ID", "QUIET_ZONE", "QrImageProvider", "qr_image", "qr_source"]
Matrix = tuple[tuple[bool, ...], ...]
BLANK: Matrix = ((False,),)


def matrix_of(rows: QrRows) -> Matrix:
    return tuple(tuple(module == "1" for module in row) for row in rows)


def qr_image(matrix: Matrix, side_px: int | None = None) -> QImage:
    """The QR code as an 8-bit grey image, as close to `side_px` as whole modules allow."""
    modules = len(matrix)
    module_px = max(1, (side_px or modules * DEFAULT_MODULE_PX) // modules)
    side = modules * module_px
    data = bytearray()
    for row in matrix:
        line = b"".join((b"\x00" if dark else b"\xff") * module_px for dark in row)
        data += line * module_px
    image = QImage(bytes(data), side, side, side, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: `data` goes away with this frame


def qr_source(text: str) -> str:
    """The QML image source for `text`."""
    return f"image://{PROVIDER_ID}/" + quote(text, safe="")


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._ready: dict[str, Matrix] = {}
        self._rows: dict[str, QrRows] = {}

    def add_bundle(self, bundle: Bundle) -> None:
        """Serves the bundle's ready-made codes: the website's and each location's directions."""
        codes = [(bundle.organization.website, bundle.website_qr)]
        codes += [(loc.directions, loc.directions_qr) for loc in bundle.locations]
        for text, rows in codes:
            if self._rows.get(text) != rows:  # a bundle edited in the studio: most codes stay
                self._rows[text] = rows
                self._ready[text] = matrix_of(rows)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        # The engine hands over the id as it is in the source URL: still percent-encoded.
        text = unquote(id)
        side = max(requestedSize.width(), requestedSize.height())
        image = qr_image(self._ready.get(text, BLANK), side if side > 0 else None)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

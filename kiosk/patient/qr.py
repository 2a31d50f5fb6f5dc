"""QR codes made on the device (segno), served to QML as `image://qr/<percent-encoded text>`.

No network: the code is drawn module by module, black on white with the standard four-module
quiet zone, at a whole number of pixels per module so it stays sharp. The bundle's website code
comes ready made with the bundle (kiosk/content/qr.py); any other text is encoded on request.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.content.bundle import Bundle
from kiosk.content.qr import QUIET_ZONE, QrRows, qr_rows

PROVIDER_ID = "qr"
DEFAULT_MODULE_PX = 8
__all__ = ["PROVIDER_ID", "QUIET_ZONE", "QrImageProvider", "qr_image", "qr_matrix", "qr_source"]


@lru_cache(maxsize=32)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of `text`'s QR code, quiet zone included."""
    return _matrix(qr_rows(text))


def _matrix(rows: QrRows) -> tuple[tuple[bool, ...], ...]:
    return tuple(tuple(module == "1" for module in row) for row in rows)


def qr_image(
    text: str, side_px: int | None = None, matrix: tuple[tuple[bool, ...], ...] | None = None
) -> QImage:
    """The QR code as an 8-bit grey image, as close to `side_px` as whole modules allow."""
    matrix = matrix or qr_matrix(text)
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
        self._ready: dict[str, tuple[tuple[bool, ...], ...]] = {}

    def add_bundle(self, bundle: Bundle) -> None:
        """Serves the bundle's ready-made website code (no segno needed for it)."""
        self._ready[bundle.organization.website] = _matrix(bundle.website_qr)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        # The engine hands over the id as it is in the source URL: still percent-encoded.
        text = unquote(id)
        side = max(requestedSize.width(), requestedSize.height())
        image = qr_image(text, side if side > 0 else None, self._ready.get(text))
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

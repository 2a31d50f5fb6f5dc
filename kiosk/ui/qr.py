"""QR codes made on the device (segno), served to QML as `image://qr/<percent-encoded text>`.

No network: the code is computed from the text and drawn module by module, black on white with
the standard four-module quiet zone, at a whole number of pixels per module so it stays sharp.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

PROVIDER_ID = "qr"
QUIET_ZONE = 4
DEFAULT_MODULE_PX = 8


@lru_cache(maxsize=32)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of `text`'s QR code, quiet zone included."""
    import segno  # deferred: only the location page needs it

    code = segno.make(text, error="m", micro=False)
    rows = [tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]
    return tuple(rows)


def qr_image(text: str, side_px: int | None = None) -> QImage:
    """The QR code as an 8-bit grey image, as close to `side_px` as whole modules allow."""
    matrix = qr_matrix(text)
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

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        # The engine hands over the id already percent-decoded.
        side = max(requestedSize.width(), requestedSize.height())
        image = qr_image(id, side if side > 0 else None)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

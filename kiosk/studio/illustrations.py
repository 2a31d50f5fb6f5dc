"""Adding or replacing a page's illustration, with the checks validation applies to images.

API: `set_illustration(folder, page_id, source) -> str` checks the SVG or PNG file `source` with
kiosk/content/images.py check_image (the validator's own checks: kiosk/content/svg_check.py,
png_check.py) and, when it passes, makes it the page's illustration as `images/<page-id>.svg`
(or .png); the picture it replaces is deleted at the next save unless another page uses it.
Returns the new path in the folder. A refused file raises IllustrationRefused with the reasons in
plain words, and nothing is copied or changed. Kept in memory until the folder is saved.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.images import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, check_image
from kiosk.studio.document import DISCLAIMER
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder


class IllustrationRefused(FieldError):
    """A picture that cannot be used, with the reasons; nothing was copied."""


def _read(source: Path) -> bytes:
    try:
        with source.open("rb") as file:
            return file.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        raise IllustrationRefused(f"{source.name} cannot be read ({exc.strerror}).") from exc


def set_illustration(folder: StudioFolder, page_id: str, source: Path) -> str:
    if page_id == DISCLAIMER:
        raise IllustrationRefused("The disclaimer has no illustration.")
    suffix = source.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise IllustrationRefused(
            f"{source.name} is not an SVG or PNG picture: only those two kinds can be shown."
        )
    data = _read(source)
    if len(data) > MAX_IMAGE_BYTES:
        raise IllustrationRefused(
            f"{source.name} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB: "
            "save it smaller and try again."
        )
    reasons = check_image(source.name, data)
    if reasons:
        raise IllustrationRefused(
            f"{source.name} cannot be used on the kiosk: " + "; ".join(reasons) + "."
        )
    old = folder.get(f"page.{page_id}.illustration")
    rel = f"images/{page_id}{suffix}"
    folder.add_file(rel, data)
    folder.set(f"page.{page_id}.illustration", rel)
    used = {
        folder.get(f"page.{other}.illustration")
        for other in folder.page_ids()
        if other != DISCLAIMER
    }
    used.add(str(folder.values().get("locations_illustration", "")))
    if old and old != rel and old not in used:
        folder.remove_file(old)
    return rel

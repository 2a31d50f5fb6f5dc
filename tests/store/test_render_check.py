"""The second line of defence: images are drawn by Qt in a child process before an install, and
one Qt cannot show is refused (a blank tile, an undecodable PNG)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.staff.service import Staff
from kiosk.store.errors import StoreError
from kiosk.store.render import render_problems
from tests.content import pngcraft
from tests.store.conftest import FAST_HASHER, KeyPair, MakeBundle, clock


@pytest.fixture
def drawing_staff(data_dir: Path, builtin: Path, builtin_pin: str, keys: KeyPair) -> Staff:
    staff = Staff(
        data_dir,
        builtin=builtin,
        builtin_pin=builtin_pin,
        wall_clock=clock,
        hasher=FAST_HASHER,
        render_check=render_problems,
    )
    staff.trust_key(keys.public_path)
    return staff


def _blank_svg(folder: Path) -> None:
    (folder / "images" / "stretching.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><title>nothing</title></svg>'
    )


def _broken_png(folder: Path) -> None:
    # Every chunk well formed, but the image data is not zlib data: only a decoder notices.
    data = pngcraft.SIGNATURE + pngcraft.ihdr(4, 4) + pngcraft.chunk(b"IDAT", b"not zlib data")
    (folder / "images" / "stretching.svg").unlink()
    (folder / "images" / "stretching.png").write_bytes(data + pngcraft.iend())
    toml = folder / "bundle.toml"
    toml.write_text(toml.read_text().replace("images/stretching.svg", "images/stretching.png"))


def test_images_qt_cannot_show_are_refused_at_install(
    drawing_staff: Staff, make_bundle: MakeBundle
) -> None:
    assert drawing_staff.install(make_bundle(1)).version == 1  # plain drawings pass
    with pytest.raises(StoreError, match=r"stretching\.svg: this SVG draws nothing"):
        drawing_staff.install(make_bundle(2, edit=_blank_svg))
    with pytest.raises(StoreError, match=r"stretching\.png: Qt cannot show this PNG"):
        drawing_staff.install(make_bundle(3, edit=_broken_png))
    assert drawing_staff.describe_active().version == 1

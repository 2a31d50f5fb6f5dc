"""Illustrations: a safe SVG or PNG replaces a page's picture; a refused one changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.validate import validate_folder
from kiosk.studio.checks import LiveChecks
from kiosk.studio.folder import StudioFolder
from kiosk.studio.illustrations import IllustrationRefused, set_illustration
from tests.content.pngcraft import png
from tests.studio.conftest import files_of

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="5" height="5"/></svg>'
)


def picture(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "downloads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "contains a script",
        ),
        (
            "remote.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x.test/a.png"/></svg>',
            "refers to something outside the file",
        ),
        ("huge.png", png(20000, 20000), "at most 4096 on a side"),
        ("broken.png", b"not a png at all", "not a valid PNG file"),
        ("photo.jpg", b"\xff\xd8\xff", "not an SVG or PNG picture"),
    ],
)
def test_a_refused_picture_says_why_and_copies_nothing(
    studio: StudioFolder, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    before = files_of(studio.root)
    with pytest.raises(IllustrationRefused, match=reason) as refused:
        set_illustration(studio, "botox", picture(tmp_path, name, data))
    assert str(refused.value).startswith(name)
    assert studio.get("page.botox.illustration") == "images/botox.svg"
    assert not studio.dirty
    studio.save()
    assert files_of(studio.root) == before


def test_a_png_replaces_the_svg_at_the_next_save(studio: StudioFolder, tmp_path: Path) -> None:
    image = png(40, 30)
    rel = set_illustration(studio, "botox", picture(tmp_path, "shot.png", image))
    assert rel == "images/botox.png"
    assert studio.get("page.botox.illustration") == rel
    assert (studio.root / "images" / "botox.svg").exists()  # nothing written before the save

    checks = LiveChecks(studio)
    try:
        botox = next(p for p in checks.snapshot_bundle().treatments if p.id == "botox")
        assert botox.illustration.read_bytes() == image  # the preview shows it unsaved
        assert checks.run().ok
    finally:
        checks.close()

    studio.save()
    assert (studio.root / rel).read_bytes() == image
    assert not (studio.root / "images" / "botox.svg").exists()  # unreferenced now: removed
    bundle, problems = validate_folder(studio.root, readability_checks=False)
    assert bundle is not None, problems.errors


def test_the_same_kind_of_file_is_replaced_in_place(studio: StudioFolder, tmp_path: Path) -> None:
    rel = set_illustration(studio, "surgery", picture(tmp_path, "new.svg", SVG))
    assert rel == "images/surgery.svg"
    studio.save()
    assert (studio.root / rel).read_bytes() == SVG


def test_the_disclaimer_has_no_illustration(studio: StudioFolder, tmp_path: Path) -> None:
    with pytest.raises(IllustrationRefused, match="no illustration"):
        set_illustration(studio, "disclaimer", picture(tmp_path, "new.svg", SVG))

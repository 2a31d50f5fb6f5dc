"""The clinical review sheet: every page in every language, signed off, nothing unescaped."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.review_sheet import review_sheet
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from tests.content.bundle_factory import write_bundle

TODAY = dt.date(2026, 11, 29)


class _Outline(HTMLParser):
    """The parts of the sheet a reader relies on: page sections, language columns, images."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.sections: list[str] = []
        self.articles: list[tuple[str, str]] = []  # (section id, lang)
        self.images: list[str] = []
        self.signoffs = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "section":
            self.sections.append(attributes.get("id") or "")
        elif tag == "article":
            self.articles.append((self.sections[-1], attributes.get("lang") or ""))
        elif tag == "img":
            self.images.append(attributes.get("src") or "")
        elif tag == "div" and attributes.get("class") == "signoff":
            self.signoffs += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def outline(document: str) -> _Outline:
    parser = _Outline()
    parser.feed(document)
    return parser


def test_default_bundle_sheet_has_every_page_in_both_languages() -> None:
    document = review_sheet(default_bundle_dir(), TODAY)
    bundle = load_folder(default_bundle_dir())
    found = outline(document)
    ids = [p.id for p in bundle.pages] + ["disclaimer"]
    assert found.sections == [f"page-{i}" for i in ids] + ["labels"]
    assert found.articles == [(f"page-{i}", lang) for i in ids for lang in ("en", "es")]
    # One illustration per content page, inlined so the file can be mailed or printed alone.
    assert len(found.images) == len(bundle.pages)
    assert all(src.startswith("data:image/svg+xml;base64,") for src in found.images)
    # Sign-off lines under every page and under the labels.
    assert found.signoffs == len(ids) + 1
    text = " ".join(found.text)
    for page in bundle.pages:
        for lang in ("en", "es"):
            assert page.text[lang].title in text
            for section in page.text[lang].sections:
                assert section.heading in text
    assert "Flesch-Kincaid grade" in text
    assert "Fernández Huerta" in text
    assert "Szigriszt-Pazos (INFLESZ)" in text
    assert "printed 2026-11-29" in text


def test_bundle_text_is_escaped(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", languages=("en", "es"))
    toml = folder / "bundle.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        .replace('name = "Test Clinic"', 'name = "Clinic <script>alert(1)</script>"')
        .replace('by = "Test Writer, PT"', 'by = "<img src=x onerror=alert(2)>"', 1),
        encoding="utf-8",
    )
    # Page text is shown as written (entities are not decoded): the sheet escapes it all.
    page = folder / "pages" / "stretching.en.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("# Stretching", "# Stretching <3 & &lt;iframe src=evil&gt;")
        .replace("You move your arm", "You move your <3 arm"),
        encoding="utf-8",
    )
    document = review_sheet(folder, TODAY)
    found = outline(document)
    assert "script" not in found.tags
    assert "iframe" not in found.tags
    assert not any(src == "x" for src in found.images)
    assert "Clinic &lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(2)&gt;" in document
    assert "Stretching &lt;3 &amp; &amp;lt;iframe src=evil&amp;gt;" in document
    assert "You move your &lt;3 arm" in document


def test_command_writes_the_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_bundle(tmp_path / "b", languages=("en", "es"))
    out = tmp_path / "sheet.html"
    assert main(["bundle", "review-sheet", str(folder), "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    found = outline(out.read_text(encoding="utf-8"))
    assert found.sections == ["page-what-is-clonus", "page-stretching", "page-disclaimer", "labels"]


def test_command_refuses_an_invalid_bundle_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_bundle(tmp_path / "b", languages=("en", "es"))
    (folder / "pages" / "stretching.es.md").unlink()
    out = tmp_path / "sheet.html"
    assert main(["bundle", "review-sheet", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "is not a valid bundle" in err
    assert "pages/stretching.es.md" in err
    assert not out.exists()

"""Strings that read differently on screen than in review, and inputs that crashed `validate`
(issue 12): each is now one clear refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.validate import DISTRIBUTION_FILES, validate_folder
from kiosk.paths import default_bundle_dir


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    dest = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), dest, ignore=shutil.ignore_patterns(*DISTRIBUTION_FILES))
    return dest


def errors(folder: Path) -> list[str]:
    _, problems = validate_folder(folder, readability_checks=False)
    return [str(p) for p in problems.errors]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SPOOFS = {
    "right-to-left override": "Town \u202eypareht\u202c Physical",
    "isolate": "Town \u2067Physical\u2069 Therapy",
    "zero-width space": "Town Phys\u200bical Therapy",
    "zero-width joiner": "Town Phys\u200dical Therapy",
    "word joiner": "Town\u2060Physical",
    "byte order mark": "\ufeffTown Physical Therapy",
}


@pytest.mark.parametrize("spoof", SPOOFS.values(), ids=SPOOFS.keys())
def test_invisible_and_bidi_characters_are_refused_in_the_manifest(
    bundle: Path, spoof: str
) -> None:
    replace(bundle / "bundle.toml", 'name = "Town Physical Therapy"', f'name = "{spoof}"')
    found = errors(bundle)
    assert any("organization.name" in m and "invisible or direction-changing" in m for m in found)


@pytest.mark.parametrize("spoof", SPOOFS.values(), ids=SPOOFS.keys())
def test_invisible_and_bidi_characters_are_refused_in_pages(bundle: Path, spoof: str) -> None:
    page = bundle / "pages" / "what-is-clonus.en.md"
    replace(page, "# What is clonus?", f"# What is {spoof}?")
    found = errors(bundle)
    assert any("what-is-clonus.en.md" in m and "invisible" in m for m in found), found


def test_a_very_long_word_is_refused(bundle: Path) -> None:
    page = bundle / "pages" / "what-is-clonus.en.md"
    replace(page, "# What is clonus?", "# What is " + "clonus" * 3400 + "?")
    replace(bundle / "bundle.toml", 'town = "Bergenfield"', f'town = "{"M" * 60}"')
    found = errors(bundle)
    assert any("what-is-clonus.en.md" in m and "longer than 40 characters" in m for m in found)
    assert any("locations[0].town" in m and "longer than 40" in m for m in found), found


def test_a_website_too_long_for_a_qr_code_is_a_clear_refusal(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_url = "https://town-pt.com/" + "a" * 3000
    replace(bundle / "bundle.toml", 'website = "https://town-pt.com"', f'website = "{long_url}"')
    assert main(["bundle", "validate", str(bundle), "--no-readability"]) == 1
    out = capsys.readouterr().out
    assert "organization.website: is 3,020 bytes long, too long for a QR code" in out


def test_a_600_byte_file_name_is_a_clear_refusal(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "\U0001d11e" * 150  # 600 bytes of UTF-8 in 150 characters (the schema allows 200)
    replace(bundle / "bundle.toml", "notices = [", f'notices = ["{name}.txt", ')
    assert main(["bundle", "validate", str(bundle), "--no-readability"]) == 1
    out = capsys.readouterr().out
    assert "is longer than the 255 bytes a file name may have" in out

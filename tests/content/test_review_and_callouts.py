"""Review records that tell the truth (drafts, release builds) and the emergency callout rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.bundle import Review
from kiosk.content.validate import validate_folder
from kiosk.paths import default_bundle_dir
from tests.content.bundle_factory import REVIEW
from tests.content.conftest import KeyPair

TODAY = dt.date(2026, 11, 21)
EMERGENCY = {
    "en": "\n> [!EMERGENCY]\n> Call 911 if you cannot move one side of your body.\n",
    "es": "\n> [!EMERGENCY]\n> Llame al 911 si no puede mover un lado del cuerpo.\n",
}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def make_drafts(folder: Path) -> None:
    """The about page has no review at all; the disclaimer names a reviewer but no date."""
    toml = folder / "bundle.toml"
    edit(toml, f"review = {REVIEW}\n", "", 2)  # the disclaimer's and the about page's
    edit(
        toml, 'text = "pages/disclaimer"\n', 'text = "pages/disclaimer"\nreview = { by = "Dr A" }\n'
    )


def test_a_review_is_a_draft_until_a_reviewer_and_a_date_are_recorded() -> None:
    assert Review().is_draft
    assert Review(by="Dr A").is_draft
    assert Review(on=TODAY).is_draft
    assert not Review(by="Dr A", on=TODAY).is_draft


def test_validate_warns_on_drafts_and_names_them(
    bundle_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_drafts(bundle_folder)
    assert main(["bundle", "validate", "--no-readability", str(bundle_folder)]) == 0
    out = capsys.readouterr().out
    assert "WARNING bundle.toml: about[0].review: draft: no clinician has reviewed" in out
    assert "'what-is-clonus'" in out and "'disclaimer'" in out
    assert "a date (on) missing" in out
    assert "'stretching'" not in out  # reviewed: not a draft
    assert "valid, 2 warning(s)" in out


def test_the_default_bundle_is_all_drafts() -> None:
    bundle, problems = validate_folder(default_bundle_dir(), readability_checks=False, today=TODAY)
    assert bundle is not None and problems.ok
    assert set(bundle.drafts()) == {p.id for p in bundle.pages} | {"disclaimer"}


def test_a_release_build_refuses_drafts_in_one_sentence(
    bundle_folder: Path, keys: KeyPair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_drafts(bundle_folder)
    out = tmp_path / "release.kbundle"
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability", "--release", "--narration", "none"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "This bundle cannot be released: 2 pages have not been reviewed by a clinician "
        "(what-is-clonus, disclaimer)."
    )
    assert not out.exists()
    # Without --release the same folder builds (a draft bundle for the clinic to review).
    assert main([*args, "--no-readability", "--narration", "none"]) == 0
    assert out.is_file()


def test_a_reviewed_bundle_builds_for_release(
    bundle_folder: Path, keys: KeyPair, tmp_path: Path
) -> None:
    out = tmp_path / "release.kbundle"
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability", "--release", "--narration", "none"]) == 0
    assert out.is_file()


def test_a_page_that_names_an_emergency_needs_the_callout_in_every_language(
    bundle_folder: Path,
) -> None:
    edit(
        bundle_folder / "bundle.toml",
        'id = "what-is-clonus"\n',
        'id = "what-is-clonus"\nnames_emergency = true\n',
    )
    page = bundle_folder / "pages" / "what-is-clonus.en.md"
    page.write_text(page.read_text(encoding="utf-8") + EMERGENCY["en"], encoding="utf-8")
    bundle, problems = validate_folder(bundle_folder, readability_checks=False, today=TODAY)
    assert bundle is None
    assert [str(p) for p in problems.errors] == [
        "ERROR pages/what-is-clonus.es.md: about[0] (es): the page names an emergency "
        "(names_emergency = true) but has no [!EMERGENCY] callout saying what to do"
    ]
    page = bundle_folder / "pages" / "what-is-clonus.es.md"
    page.write_text(page.read_text(encoding="utf-8") + EMERGENCY["es"], encoding="utf-8")
    bundle, problems = validate_folder(bundle_folder, readability_checks=False, today=TODAY)
    assert bundle is not None and problems.ok


def test_the_disclaimer_can_name_an_emergency_too(bundle_folder: Path) -> None:
    edit(
        bundle_folder / "bundle.toml",
        'text = "pages/disclaimer"\n',
        'text = "pages/disclaimer"\nnames_emergency = true\n',
    )
    _, problems = validate_folder(bundle_folder, readability_checks=False, today=TODAY)
    assert sorted(p.file for p in problems.errors) == [
        "pages/disclaimer.en.md",
        "pages/disclaimer.es.md",
    ]


def test_a_doctor_callout_does_not_count_as_the_emergency_one(bundle_folder: Path) -> None:
    edit(
        bundle_folder / "bundle.toml",
        'id = "stretching"\n',
        'id = "stretching"\nnames_emergency = true\n',
    )
    for lang in ("en", "es"):
        page = bundle_folder / "pages" / f"stretching.{lang}.md"
        text = page.read_text(encoding="utf-8") + "\n> [!DOCTOR]\n> Call your doctor.\n"
        page.write_text(text, encoding="utf-8")
    _, problems = validate_folder(bundle_folder, readability_checks=False, today=TODAY)
    assert len(problems.errors) == 2
    assert all("no [!EMERGENCY] callout" in p.message for p in problems.errors)

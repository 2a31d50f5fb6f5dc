"""Live checks of the unsaved state: the CLI's validation, by field, with reading levels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kiosk.content.validate import validate_folder
from kiosk.studio.checks import UNTRANSLATED, LiveChecks
from kiosk.studio.folder import StudioFolder
from kiosk.studio.snapshot import NOT_WRITTEN

TODAY = dt.date(2026, 11, 29)
HARD = (
    "The pharmacological characterization of neuromuscular interventions necessitates "
    "comprehensive interdisciplinary consideration of contraindications, administration "
    "methodologies, and longitudinal physiological implications for individuals experiencing "
    "involuntary rhythmic contractions.\n\n"
)


@pytest.fixture
def checks(studio: StudioFolder) -> Iterator[LiveChecks]:
    live = LiveChecks(studio, today=TODAY)
    yield live
    live.close()


def harder(text: str) -> str:
    """The page with five long, hard sentences after its title."""
    title, rest = text.split("\n", 1)
    return f"{title}\n\n{HARD * 5}{rest}"


def test_the_default_bundle_has_only_draft_warnings(checks: LiveChecks) -> None:
    result = checks.run()
    assert result.ok
    assert {p.path for p in result.problems} == {
        f"review.{page_id}" for page_id in checks.folder.page_ids()
    }
    botox = [level for level in result.reading if level.path == "page.botox.en"]
    assert [(level.metric, level.level) for level in botox] == [("Flesch-Kincaid grade", "ok")]


def test_a_page_past_the_grade_limit_is_a_problem_of_that_page(
    studio: StudioFolder, checks: LiveChecks
) -> None:
    studio.set("page.botox.en", harder(studio.get("page.botox.en")))
    result = checks.run()
    problems = result.for_path("page.botox.en")
    assert [p.severity for p in problems] == ["error"]
    assert "Flesch-Kincaid grade is" in problems[0].message
    assert "expected grade 6 or lower" in problems[0].message
    (level,) = [r for r in result.reading if r.path == "page.botox.en"]
    assert level.value > 8 and level.level == "error"
    assert level.limit == "a page above grade 8 is refused"
    assert not result.for_path("page.botox.es")


def test_live_problems_are_the_ones_validate_reports_after_saving(
    studio: StudioFolder, checks: LiveChecks
) -> None:
    studio.set("page.botox.en", harder(studio.get("page.botox.en")))
    studio.set("page.botox.es", studio.get("page.botox.es").replace("## Qué es\n", "", 1))
    studio.set("ui.es.resetting_in", "Volviendo al inicio")
    live = checks.run()
    studio.save()
    _, saved = validate_folder(studio.root, today=TODAY)
    assert sorted((p.severity, p.where, p.message) for p in live.problems) == sorted(
        (p.severity, ": ".join(x for x in (p.file, p.path) if x), p.message) for p in saved.items
    )
    assert live.for_path("ui.es.resetting_in")[0].message == "must contain {seconds}"
    assert "Qué es" in live.for_path("page.botox.es")[0].message


def test_a_missing_spanish_translation_is_listed(studio: StudioFolder, checks: LiveChecks) -> None:
    studio.set("page.surgery.es", "")
    studio.set("location.maywood.notes.en", "Parking is behind the building.")
    result = checks.run()
    for path in ("page.surgery.es", "location.maywood.notes.es"):
        assert [(p.severity, p.message) for p in result.for_path(path)] == [("error", UNTRANSLATED)]
    assert not result.ok


def test_results_are_reused_until_the_folder_changes(
    studio: StudioFolder, checks: LiveChecks
) -> None:
    first = checks.run()
    assert checks.run() is first
    studio.set("location.maywood.phone", "(201) 555-0134")
    assert checks.run() is not first


def test_the_snapshot_follows_unsaved_edits(studio: StudioFolder, checks: LiveChecks) -> None:
    studio.set("location.maywood.address", "12 West Pleasant Avenue")
    text = studio.get("page.botox.en")
    studio.set("page.botox.en", text.replace("# Botox shots", "# Botox injections", 1))
    bundle = checks.snapshot_bundle()
    maywood = next(loc for loc in bundle.locations if loc.id == "maywood")
    assert maywood.address == "12 West Pleasant Avenue"
    assert maywood.directions_qr  # the QR code the town page shows
    botox = next(page for page in bundle.treatments if page.id == "botox")
    assert botox.text["en"].title == "Botox injections"
    assert botox.illustration.is_file()

    # Mid-edit, without its title line, the page shows as it last did; an empty one says so.
    studio.set("page.botox.en", text.replace("# Botox shots\n", "", 1))
    studio.set("page.surgery.es", "")
    bundle = checks.snapshot_bundle()
    botox = next(page for page in bundle.treatments if page.id == "botox")
    assert botox.text["en"].title == "Botox injections"
    surgery = next(page for page in bundle.treatments if page.id == "surgery")
    assert surgery.text["es"].summary[0].spans[0].text == NOT_WRITTEN  # type: ignore[union-attr]
    assert (studio.root / "pages" / "surgery.es.md").read_text("utf-8") != ""  # unsaved


def test_the_snapshot_of_a_valid_state_is_the_bundle_validation_makes(
    studio: StudioFolder, checks: LiveChecks
) -> None:
    studio.set("location.maywood.notes.en", "Parking is behind the building.")
    studio.set("location.maywood.notes.es", "El estacionamiento está detrás del edificio.")
    studio.set("ui.es.greeting", "¡Bienvenidos!")
    validated, problems = validate_folder(checks.synced_root(), readability_checks=False)
    assert validated is not None, problems.errors
    assert checks.snapshot_bundle() == validated

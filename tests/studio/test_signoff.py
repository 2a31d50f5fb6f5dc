"""A clinician's sign-off reaches bundle.toml and the review sheet."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from kiosk.content.bundle import Review
from kiosk.content.review_sheet import review_sheet as printed_sheet
from kiosk.studio.checks import LiveChecks
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio.signoff import default_due, review_sheet, sign_off

TODAY = dt.date(2026, 11, 29)
NAME = "Dr. Ana Ruiz, PT, DPT"


def reviews(studio: StudioFolder) -> dict[str, object]:
    raw = tomllib.loads((studio.root / "bundle.toml").read_text("utf-8"))
    pages = [*raw["about"], *raw["treatments"], {"id": "disclaimer", **raw["disclaimer"]}]
    return {page["id"]: page.get("review") for page in pages}


def test_one_page_signed_off_reaches_bundle_toml_and_the_review_sheet(
    studio: StudioFolder,
) -> None:
    assert sign_off(studio, NAME, TODAY, pages=["botox"], today=TODAY) == ["botox"]
    assert studio.get("review.botox") == (
        f"Reviewed by {NAME} on 2026-11-29; next review due 2027-11-29"
    )
    checks = LiveChecks(studio, today=TODAY)
    try:
        unsaved = review_sheet(checks, today=TODAY)
        assert not any(p.path == "review.botox" for p in checks.run().problems)
    finally:
        checks.close()
    assert f"{NAME}, 2026-11-29" in unsaved

    studio.save()
    recorded = reviews(studio)
    assert recorded["botox"] == {"by": NAME, "on": TODAY, "due": dt.date(2027, 11, 29)}
    assert recorded["surgery"] is None
    assert 'review = {by = "Dr. Ana Ruiz, PT, DPT", on = 2026-11-29, due = 2027-11-29}' in (
        studio.root / "bundle.toml"
    ).read_text("utf-8")
    sheet = printed_sheet(studio.root, today=TODAY)  # as `kiosk bundle review-sheet` prints it
    assert f"{NAME}, 2026-11-29" in sheet
    assert "Next review due 2027-11-29." in sheet
    assert "8 of 9 pages have not been reviewed by a clinician" in sheet


def test_all_pages_at_once(studio: StudioFolder) -> None:
    due = dt.date(2027, 5, 29)
    signed = sign_off(studio, NAME, TODAY, due=due, today=TODAY)
    assert signed == studio.page_ids()
    studio.save()
    assert all(
        review == {"by": NAME, "on": TODAY, "due": due} for review in reviews(studio).values()
    )
    assert "0 of 9 pages have not been reviewed" in printed_sheet(studio.root, today=TODAY)


@pytest.mark.parametrize(
    ("by", "on", "due", "reason"),
    [
        ("", TODAY, None, "name cannot be empty"),
        (NAME, TODAY + dt.timedelta(days=1), None, "cannot be in the future"),
        (NAME, TODAY, TODAY, "due after the date"),
    ],
)
def test_a_refused_sign_off_records_nothing(
    studio: StudioFolder, by: str, on: dt.date, due: dt.date | None, reason: str
) -> None:
    with pytest.raises(FieldError, match=reason):
        sign_off(studio, by, on, due=due, today=TODAY)
    with pytest.raises(FieldError, match="no page"):
        sign_off(studio, NAME, TODAY, pages=["botox", "nope"], today=TODAY)
    assert all(studio.review(page_id) == Review() for page_id in studio.page_ids())
    assert not studio.dirty


def test_the_next_review_is_due_a_year_later() -> None:
    assert default_due(dt.date(2026, 3, 1)) == dt.date(2027, 3, 1)
    assert default_due(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)

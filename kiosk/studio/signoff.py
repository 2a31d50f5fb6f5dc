"""A clinician's review sign-off: their name and the date, on one page or on all of them at once.

API:
- `sign_off(folder, by, on, *, pages=None, due=None, today=None) -> list[str]` records
  `review = { by, on, due }` in bundle.toml for `pages` (page ids; None means every page,
  the disclaimer included) and returns the ids signed. `due` defaults to one year after `on`
  (docs/bundle-format.md); it must come after `on`, and `on` cannot be in the future. A refused
  sign-off (FieldError, plain words) records nothing. The record is saved with the folder.
- `review_sheet(checks, today=None) -> str`: the printable review sheet
  (kiosk/content/review_sheet.py, as `kiosk bundle review-sheet` writes it) of the unsaved state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kiosk.content import review_sheet as sheet
from kiosk.content.bundle import Review
from kiosk.content.problems import BundleError
from kiosk.studio.checks import LiveChecks
from kiosk.studio.fields import FieldError, check_short
from kiosk.studio.folder import StudioFolder

REVIEW_YEARS = 1


def default_due(on: dt.date) -> dt.date:
    """One year after the review (28 February for a review on 29 February)."""
    try:
        return on.replace(year=on.year + REVIEW_YEARS)
    except ValueError:
        return on.replace(year=on.year + REVIEW_YEARS, day=28)


def sign_off(
    folder: StudioFolder,
    by: str,
    on: dt.date,
    *,
    pages: Sequence[str] | None = None,
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """Records the review on `pages` (every page when None); returns the page ids signed."""
    name = by.strip()
    check_short("The reviewer's name", name, required=True)
    if on > (today or dt.date.today()):
        raise FieldError("The date of the review cannot be in the future.")
    due = default_due(on) if due is None else due
    if due <= on:
        raise FieldError("The next review must be due after the date of this review.")
    known = folder.page_ids()
    chosen = list(known if pages is None else pages)
    unknown = [page_id for page_id in chosen if page_id not in known]
    if unknown:
        raise FieldError(f"There is no page {', '.join(unknown)} in this bundle.")
    if not chosen:
        raise FieldError("Choose at least one page to sign off.")
    for page_id in chosen:
        folder.set_review(page_id, Review(by=name, on=on, due=due))
    return chosen


def review_sheet(checks: LiveChecks, today: dt.date | None = None) -> str:
    """The review sheet of the unsaved state; FieldError when the bundle is not valid yet."""
    try:
        return sheet.review_sheet(checks.synced_root(), today)
    except BundleError as exc:
        raise FieldError(
            "The review sheet can be printed once the problems in the list are fixed."
        ) from exc

"""Plain words for staff: times, dates, and one sentence about a failed action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kiosk.content.problems import BundleError


def plain_time(when: dt.datetime | None) -> str:
    """'21 Nov 2026, 09:30' in the kiosk's local time."""
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return f"{local.day} {local:%b %Y, %H:%M}"


def plain_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def unreviewed(drafts: Sequence[str]) -> str:
    """Draft pages in one sentence: patients must not see them before a clinician has."""
    if not drafts:
        return "Every page has been reviewed by a clinician."
    pages = "1 page has" if len(drafts) == 1 else f"{len(drafts)} pages have"
    return f"{pages} not been reviewed by a clinician: {', '.join(drafts)}."


def reason_of(exc: BaseException) -> str:
    """One sentence for staff about a failed action."""
    if isinstance(exc, BundleError):
        return exc.summary
    if isinstance(exc, OSError):
        return f"The disk reported an error ({exc.strerror or exc})."
    return f"Something went wrong ({type(exc).__name__}); the staff log has the details."

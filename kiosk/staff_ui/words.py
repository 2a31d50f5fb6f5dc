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


def untrust_question(ident: str) -> str:
    """What stopping trusting a key does, asked before it is done."""
    return (
        f"Stop trusting key {ident}? Bundles signed with it stop showing at once: the kiosk "
        "goes back to the newest kept bundle whose key is still trusted, else to the built-in "
        "content. Bundles signed with it can no longer be installed."
    )


def storage_words(problem: str | None) -> str:
    """The data folder cannot be written: what still works and what does not."""
    if not problem:
        return ""
    return (
        f"{problem} Patients still see the content above, but nothing can be installed or "
        "rolled back until the disk is fixed."
    )

"""The page text editor's rules: the few formats a page may hold, and which typed edits to refuse.

A page is the bundle's Markdown subset (kiosk/content/markup.py): a `# Title`, `##` sections,
`###` headings, paragraphs, bullet and numbered lists, **bold**, *italic*, and the two callouts
(`> [!EMERGENCY]`, `> [!DOCTOR]`). `edit_refusal(before, after)` tells the editor whether a
keystroke or a paste may go in: an edit is refused when it adds something the kiosk can never
show (a link, an image, HTML, a table, code, a divider, a heading below `###`), with the reason in
plain words. Things that are only unfinished while typing (a block quote that is becoming a
callout, a page without its title yet) are not refused: the live checks list them.
`page_issues(text)` gives every problem of a page's formats with its line, for the checks list.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kiosk.content.markup import MarkupIssue, check_subset, split_page

ALLOWED_FORMATS = (
    "# Title (the first line)",
    "## Section heading",
    "### Smaller heading",
    "Paragraphs",
    "- Bullet lists and 1. numbered lists",
    "**bold** and *italic*",
    "> [!EMERGENCY] or > [!DOCTOR] boxes",
)

# What check_subset reports -> why, for a person typing; only what typing more can never fix.
_REFUSALS = {
    "a link is not allowed": (
        "Links cannot be followed on the kiosk's screen. Write the address as plain words, "
        "or put it in the location's fields."
    ),
    "an image is not allowed": (
        "Pictures cannot go inside the text. Use the page's illustration instead."
    ),
    "HTML is not allowed": (
        "HTML tags cannot be shown. Use the formats the page allows: headings, lists, "
        "bold and italic. To show the sign < or >, leave a space after it."
    ),
    "code block is not allowed": (
        "Code blocks cannot be shown. Lines indented by four spaces or fenced with ``` make one: "
        "start the line at the margin."
    ),
    "inline code is not allowed": "Text between backticks (`) cannot be shown. Leave out the `.",
    "horizontal rule is not allowed": (
        "Dividing lines (---, ***) cannot be shown. Start a new ## section instead."
    ),
}
_HEADING = "Headings smaller than ### cannot be shown. Use #, ## or ###."
_TABLE = "Tables cannot be shown. Write the rows as a bullet list instead."
# A table's delimiter row, as GitHub writes tables: | --- | :---: |
_TABLE_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$", re.MULTILINE)


@lru_cache(maxsize=64)
def _refused_counts(text: str) -> Counter[str]:
    """How often each refused construct appears in `text` (once per line, as check_subset does)."""
    counts: Counter[str] = Counter()
    for issue in check_subset(text):
        if issue.message in _REFUSALS:
            counts[_REFUSALS[issue.message]] += 1
        elif issue.message.startswith("heading level"):
            counts[_HEADING] += 1
    counts[_TABLE] = len(_TABLE_ROW.findall(text))
    return counts


def edit_refusal(before: str, after: str) -> str | None:
    """Why the edit from `before` to `after` cannot go in, or None when it may.

    Only what the edit adds counts: a hand-written file that already holds a link can still be
    edited elsewhere (the live checks list that link)."""
    if after == before:
        return None
    added = _refused_counts(after) - _refused_counts(before)
    return next(iter(added), None)


def page_issues(text: str) -> list[MarkupIssue]:
    """Every problem of the page's formats, each with its line (1-based)."""
    issues = list(check_subset(text))
    _, split_issues = split_page(text)
    return issues + split_issues

"""The clinical review sheet: one printable HTML document for a clinician, no developer needed.

Every page of a bundle in all its languages side by side, with its illustration, its reading
level, its review record and lines to sign. Every text that comes from the bundle is escaped:
a bundle is data, and the sheet is opened in a browser.
"""

from __future__ import annotations

import base64
import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kiosk.content import readability
from kiosk.content.bundle import Bundle, PageText, Review
from kiosk.content.manifest import MANIFEST_NAME, Manifest
from kiosk.content.problems import BundleError
from kiosk.content.review_sheet_html import blocks_html
from kiosk.content.review_sheet_style import CSS
from kiosk.content.validate import validate_folder

_KINDS = {
    "about": "About clonus",
    "treatment": "Treatment options",
    "notice": "Shown under every page",
}
_IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_LEVEL_WORDS = {"ok": "meets the aim", "warning": "above the aim", "error": "too hard"}


@dataclass(frozen=True)
class SheetPage:
    id: str
    kind: str  # a key of _KINDS
    illustration: Path | None
    review: Review
    text: Mapping[str, PageText]  # language -> page
    scores: Mapping[str, tuple[readability.Score, ...]]  # language -> reading-level scores


def sheet_pages(root: Path, bundle: Bundle) -> list[SheetPage]:
    """Every page of a valid bundle in the order patients meet them, the disclaimer last."""
    # The manifest names each page's Markdown files, which the reading-level scores read.
    manifest = Manifest.model_validate(
        tomllib.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    )
    stems = {entry.id: entry.text for entry in (*manifest.about, *manifest.treatments)}
    stems["disclaimer"] = manifest.disclaimer.text

    def scores(page_id: str) -> dict[str, tuple[readability.Score, ...]]:
        stem = stems[page_id]
        return {
            lang: readability.scores((root / f"{stem}.{lang}.md").read_text("utf-8"), lang)
            for lang in bundle.languages
        }

    pages = [
        SheetPage(p.id, p.kind, p.illustration, p.review, p.text, scores(p.id))
        for p in bundle.pages
    ]
    pages.append(
        SheetPage(
            "disclaimer",
            "notice",
            None,
            bundle.disclaimer_review,
            bundle.disclaimer,
            scores("disclaimer"),
        )
    )
    return pages


# -- rendering ---------------------------------------------------------------------------------


def _image(path: Path | None) -> str:
    kind = _IMAGE_TYPES.get(path.suffix.lower()) if path else None
    if path is None or kind is None:
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    # An <img> never runs what an SVG might carry; validation has refused such SVGs anyway.
    return f'<img class="illustration" alt="Illustration" src="data:{kind};base64,{data}">'


def _review_words(review: Review) -> str:
    if review.by is None or review.on is None:
        return "Draft: not reviewed by a clinician yet"
    return f"{escape(review.by)}, {review.on.isoformat()}"


def _review(review: Review) -> str:
    due = f"Next review due {review.due.isoformat()}." if review.due else "No next review date."
    state = "draft" if review.is_draft else "reviewed"
    return (
        f'<p class="review review-{state}">Review recorded: '
        f"<strong>{_review_words(review)}</strong>. {due}</p>"
    )


def _scores(page: SheetPage, names: Mapping[str, str]) -> str:
    rows = [
        f"<tr><td>{escape(names.get(lang, lang))}</td><td>{escape(score.metric)}</td>"
        f"<td>{score.value:.1f}</td><td>{escape(score.expected)}</td>"
        f'<td class="level-{score.level}">{_LEVEL_WORDS[score.level]}</td></tr>'
        for lang, found in page.scores.items()
        for score in found
    ]
    if not rows:
        return ""
    return (
        '<table class="scores"><caption>Reading level</caption><thead><tr><th>Language</th>'
        "<th>Measure</th><th>Score</th><th>Aim</th><th>Result</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _text(lang: str, ui: Mapping[str, str], page: PageText) -> str:
    sections = "".join(
        f"<h4>{escape(section.heading)}</h4>{blocks_html(section.blocks, ui)}"
        for section in page.sections
    )
    return (
        f'<article class="language" lang="{escape(lang)}"><p class="language-name">'
        f"{escape(ui.get('language_name', lang))}</p><h3>{escape(page.title)}</h3>"
        f"{blocks_html(page.summary, ui)}{sections}</article>"
    )


def _signoff() -> str:
    line, short = '<span class="line"></span>', '<span class="line short"></span>'
    return (
        '<div class="signoff"><p><span class="box"></span> Accurate and safe to show to patients'
        '&emsp;<span class="box"></span> Changes needed (write them on this page)</p>'
        f"<p>Reviewed by (name, role) {line} Signature {line}</p>"
        f"<p>Date {short} Next review due {short}</p></div>"
    )


def _page(number: int, page: SheetPage, bundle: Bundle, names: Mapping[str, str]) -> str:
    languages = bundle.languages
    title = page.text[languages[0]].title
    columns = "".join(_text(lang, bundle.ui(lang), page.text[lang]) for lang in languages)
    return (
        f'<section class="page" id="page-{escape(page.id)}">'
        f'<h2><span class="number">{number}.</span> {escape(title)} '
        f'<span class="where">({escape(_KINDS[page.kind])}; page id {escape(page.id)})</span>'
        f'</h2><div class="facts">{_image(page.illustration)}<div>{_review(page.review)}'
        f"{_scores(page, names)}</div></div>"
        f'<div class="columns" style="--languages: {len(languages)}">{columns}</div>'
        f"{_signoff()}</section>"
    )


def _contents(pages: Sequence[SheetPage], languages: Sequence[str]) -> str:
    rows = "".join(
        f'<tr><td>{number}</td><td><a href="#page-{escape(p.id)}">'
        f"{escape(p.text[languages[0]].title)}</a></td><td>{escape(_KINDS[p.kind])}</td>"
        f"<td>{_review_words(p.review)}</td></tr>"
        for number, p in enumerate(pages, start=1)
    )
    return (
        '<table class="contents"><thead><tr><th>#</th><th>Page</th><th>Where</th>'
        f"<th>Review recorded</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _labels(bundle: Bundle, names: Mapping[str, str]) -> str:
    languages = bundle.languages
    head = "".join(f"<th>{escape(names.get(lang, lang))}</th>" for lang in languages)
    rows = "".join(
        f"<tr><td><code>{escape(key)}</code></td>"
        + "".join(f"<td>{escape(bundle.ui(lang).get(key, ''))}</td>" for lang in languages)
        + "</tr>"
        for key in bundle.ui(languages[0])
    )
    return (
        '<section class="page" id="labels"><h2>Labels on the screens</h2>'
        "<p>Buttons, headings and captions the kiosk shows around the pages.</p>"
        f'<table class="labels"><thead><tr><th>Key</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>{_signoff()}</section>"
    )


def render(bundle: Bundle, pages: Sequence[SheetPage], today: dt.date) -> str:
    """The whole sheet as one HTML document (styles and images inside it)."""
    names = {lang: bundle.ui(lang).get("language_name", lang) for lang in bundle.languages}
    org = escape(bundle.organization.name)
    what = f"{escape(bundle.id)} version {bundle.version}"
    drafts = sum(1 for page in pages if page.review.is_draft)
    body = "".join(_page(n, page, bundle, names) for n, page in enumerate(pages, start=1))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Clinical review sheet: {org}, {what}</title><style>{CSS}</style></head><body>"
        f'<header class="cover"><h1>Clinical review sheet</h1><p class="subtitle">{org}: '
        f"patient pages of the waiting-room kiosk ({what}), printed {today.isoformat()}. "
        f"{drafts} of {len(pages)} pages have not been reviewed by a clinician.</p>"
        "<p>Please read each page in every language. Check that it is accurate, safe and "
        "easy to read, then tick a box and sign at the bottom of the page. Write any change "
        "you want on the page itself. A page counts as reviewed only when your name and the "
        "date are recorded in the bundle.</p>"
        f"{_contents(pages, bundle.languages)}</header>{body}{_labels(bundle, names)}"
        "</body></html>\n"
    )


def review_sheet(root: Path, today: dt.date | None = None) -> str:
    """The review sheet of the bundle folder `root`; BundleError when the folder is not valid."""
    bundle, problems = validate_folder(root, readability_checks=False)
    if bundle is None:
        count = len(problems.errors)
        raise BundleError(
            f"The folder {root} is not a valid bundle ({count} error"
            f"{'s' if count != 1 else ''}); fix it before printing a review sheet.",
            problems.errors,
        )
    return render(bundle, sheet_pages(root, bundle), today or dt.date.today())

"""Readability scores for page text, with textstat (pinned to 0.7.8, which works offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

# English: Flesch-Kincaid grade. Spanish: Fernández Huerta reading ease.
EN_GRADE_WARN = 6.0
EN_GRADE_ERROR = 8.0
ES_HUERTA_ERROR = 70.0

_md = MarkdownIt("commonmark")
_TERMINAL = re.compile(r"[.!?:;…]$")


def prose_for_scoring(markdown: str) -> str:
    """The sentences a patient reads: paragraphs and list items, headings left out.

    A list item without closing punctuation is still one sentence for the reader, so it gets a
    full stop; otherwise a bullet list would count as one endless sentence.
    """
    sentences: list[str] = []
    in_heading = False
    for token in _md.parse(markdown):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading:
            # A soft line break inside a paragraph is a space to the reader.
            text = "".join(
                " " if child.type == "softbreak" else child.content
                for child in token.children or []
                if child.type in ("text", "softbreak")
            ).strip()
            if text:
                sentences.append(text if _TERMINAL.search(text) else text + ".")
    return " ".join(sentences)


@dataclass(frozen=True)
class Score:
    metric: str
    value: float
    level: str  # "ok", "warning" or "error"
    expected: str


def score(markdown: str, lang: str) -> Score | None:
    """Scores a page; None for a language we have no measure for (or a page without prose)."""
    import textstat  # deferred: it loads its syllable dictionary on import

    text = prose_for_scoring(markdown)
    if not text:
        return None
    if lang == "en":
        textstat.set_lang("en_US")
        grade = float(textstat.flesch_kincaid_grade(text))
        level = "error" if grade > EN_GRADE_ERROR else "warning" if grade > EN_GRADE_WARN else "ok"
        return Score("Flesch-Kincaid grade", grade, level, f"grade {EN_GRADE_WARN:g} or lower")
    if lang == "es":
        textstat.set_lang("es")
        ease = float(textstat.fernandez_huerta(text))
        level = "error" if ease < ES_HUERTA_ERROR else "ok"
        return Score("Fernández Huerta", ease, level, f"{ES_HUERTA_ERROR:g} or higher")
    return None

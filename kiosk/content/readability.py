"""Readability scores for page text.

English: Flesch-Kincaid grade from textstat (pinned to 0.7.8, which works offline). Spanish:
Fernández Huerta and Szigriszt-Pazos (INFLESZ) on syllables counted by kiosk/content/spanish.py,
because textstat's Spanish count (pyphen's hyphenation points) runs short and flatters a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from kiosk.content import spanish

EN_GRADE_WARN = 6.0
EN_GRADE_ERROR = 8.0
ES_HUERTA_ERROR = 70.0
# INFLESZ calls 65-80 "bastante fácil"; below it a page is "normal" for adults: worth a look.
ES_INFLESZ_WARN = 65.0

_md = MarkdownIt("commonmark")
_TERMINAL = re.compile(r"[.!?:;…]$")
# The marker line of a callout ("> [!EMERGENCY]") is a label the app draws, not prose.
_CALLOUT_MARKER = re.compile(r"^\[![A-Za-z]+\]\s*")


def prose_for_scoring(markdown: str) -> str:
    """The sentences a patient reads: paragraphs, list items and callouts, headings left out.

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
            text = _CALLOUT_MARKER.sub("", text)
            if text:
                sentences.append(text if _TERMINAL.search(text) else text + ".")
    return " ".join(sentences)


@dataclass(frozen=True)
class Score:
    metric: str
    value: float
    level: str  # "ok", "warning" or "error"
    expected: str


def _english(text: str) -> tuple[Score, ...]:
    import textstat  # deferred: it loads its syllable dictionary on import

    textstat.set_lang("en_US")
    grade = float(textstat.flesch_kincaid_grade(text))
    level = "error" if grade > EN_GRADE_ERROR else "warning" if grade > EN_GRADE_WARN else "ok"
    return (Score("Flesch-Kincaid grade", grade, level, f"grade {EN_GRADE_WARN:g} or lower"),)


def _spanish(text: str) -> tuple[Score, ...]:
    counts = spanish.counts(text)
    if counts is None:
        return ()
    huerta = round(spanish.fernandez_huerta(counts), 1)
    inflesz = round(spanish.szigriszt_pazos(counts), 1)
    return (
        Score(
            "Fernández Huerta",
            huerta,
            "error" if huerta < ES_HUERTA_ERROR else "ok",
            f"{ES_HUERTA_ERROR:g} or higher",
        ),
        Score(
            "Szigriszt-Pazos (INFLESZ)",
            inflesz,
            "warning" if inflesz < ES_INFLESZ_WARN else "ok",
            f"{ES_INFLESZ_WARN:g} or higher",
        ),
    )


# Kept by text: the content studio scores every page again after each keystroke.
@lru_cache(maxsize=64)
def scores(markdown: str, lang: str) -> tuple[Score, ...]:
    """Every score of a page; empty for a language we have no measure for (or no prose)."""
    text = prose_for_scoring(markdown)
    if not text:
        return ()
    if lang == "en":
        return _english(text)
    if lang == "es":
        return _spanish(text)
    return ()

"""Text that reads the same to the reviewer and on the screen, and names that fit the disk.

- Bidirectional controls (U+202A-U+202E, U+2066-U+2069, marks) reorder what is shown, and
  zero-width characters hide inside words, so the text a reviewer signs off differs from what
  patients see: every invisible format character (Unicode category Cf, but the soft hyphen) and
  every control character but tab and newline is refused.
- A word longer than MAX_WORD_CHARS cannot wrap and pushes a page off the screen.
- A website too long for a QR code (segno's DataOverflowError) is refused in one sentence.
- A path whose name part is longer than the file system allows (255 bytes of UTF-8) is refused
  before the file system is asked (which raises "File name too long").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from kiosk.content.problems import Problem, Problems

MAX_WORD_CHARS = 40
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024
_SOFT_HYPHEN = "\u00ad"
_ALLOWED_CONTROLS = frozenset("\n\t\r")
_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
# Manifest fields that are addresses, paths or ids rather than words a patient reads.
_NOT_PROSE = frozenset(
    {"website", "text", "illustration", "locations_illustration", "notices", "id", "languages"}
)


def _hidden(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in _ALLOWED_CONTROLS
    return category == "Cf" and char != _SOFT_HYPHEN


def text_problems(text: str, *, prose: bool = True) -> list[str]:
    """Why `text` would read differently on screen than in review (empty when it is fine)."""
    problems = []
    hidden = sorted({f"U+{ord(c):04X}" for c in text if _hidden(c)})
    if hidden:
        problems.append(
            "contains invisible or direction-changing characters that make the text on screen "
            f"differ from what was reviewed ({', '.join(hidden[:5])})"
        )
    if prose and (match := _WORD.search(text)):
        problems.append(
            f"has a word longer than {MAX_WORD_CHARS} characters, which cannot wrap on screen "
            f"({match.group(0)[:20]}...)"
        )
    return problems


def page_problems(source: str, rel: str) -> Iterator[Problem]:
    """Every problem of a page's Markdown source, by line."""
    yield from _page_problems(source, rel)


# Kept by text: the content studio checks every page again after each keystroke.
@lru_cache(maxsize=64)
def _page_problems(source: str, rel: str) -> tuple[Problem, ...]:
    return tuple(
        Problem("error", rel, f"line {number}", problem)
        for number, line in enumerate(source.splitlines(), start=1)
        for problem in text_problems(line)
    )


def manifest_problems(raw: Any) -> Iterator[Problem]:
    """Every problem of the strings in the parsed bundle.toml (and of its website's QR code)."""
    for where, message in _field_problems(raw, ""):
        yield Problem("error", "bundle.toml", where, message)


def _field_problems(raw: Any, where: str) -> Iterator[tuple[str, str]]:
    """(field path, problem) for every string in the parsed bundle.toml."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(value, str):
                for problem in text_problems(value, prose=key not in _NOT_PROSE):
                    yield path, problem
            else:
                yield from _field_problems(value, path)
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            path = f"{where}[{index}]"
            if isinstance(value, str):
                for problem in text_problems(value, prose=False):
                    yield path, problem
            else:
                yield from _field_problems(value, path)
    if where == "" and isinstance(raw, dict):
        yield from _website_problems(raw.get("organization"))


def _website_problems(organization: Any) -> Iterator[tuple[str, str]]:
    website = organization.get("website") if isinstance(organization, dict) else None
    if isinstance(website, str) and website and not _fits_qr(website):
        yield (
            "organization.website",
            f"is {len(website.encode()):,} bytes long, too long for a QR code a phone can read",
        )


@lru_cache(maxsize=16)  # the studio re-validates on every keystroke, with the same website
def _fits_qr(website: str) -> bool:
    import segno  # deferred: only validation makes QR codes

    try:
        segno.make(website, error="m", micro=False)
    except segno.DataOverflowError:
        return False
    return True


def path_problem(rel: str) -> str | None:
    """Why the file system could not even look this path up, or None."""
    encoded = rel.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_PATH_BYTES:
        return f"the path is longer than {MAX_PATH_BYTES:,} bytes"
    for part in rel.split("/"):
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
            return (
                f"the name {part[:20]!r}... is longer than the {MAX_NAME_BYTES} bytes a file "
                "name may have"
            )
    return None


def path_refused(problems: Problems, rel: str, owner: str) -> bool:
    """Reports a path the file system could not look up (in bundle.toml's `owner` field)."""
    problem = path_problem(rel)
    if problem is not None:
        problems.error("bundle.toml", owner, problem)
    return problem is not None

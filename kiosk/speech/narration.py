"""A bundle's narration on the kiosk: which clip says which page or string, in which language.

The store has checked every file of the bundle against its signed manifest, and the index itself
passed the strict reader (kiosk/content/narration_index.py, msgspec) when the bundle was
validated. So the kiosk reads it with the standard library only: msgspec and what it brings cost
~5 MiB and ~40 ms at a patient's first page. It still refuses any shape it does not expect, and
any clip path outside narration/: a bundle without narration, or with an index this kiosk cannot
read, simply has none (logged for staff).
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.narration_files import INDEX_MAX_BYTES, INDEX_PATH
from kiosk.content.narration_units import text_key
from kiosk.content.patterns import is_audio_file, is_id, is_lang
from kiosk.content.problems import BundleError
from kiosk.content.sealed import Digest, hash_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageClip:
    """A page's audio and the second each unit starts at, in reading order."""

    file: Path
    units: tuple[int, ...]
    starts: tuple[float, ...]

    def unit_at(self, seconds: float) -> int:
        """The unit being read `seconds` into the clip (-1 before the first cue)."""
        at = bisect.bisect_right(self.starts, seconds) - 1
        return self.units[at] if at >= 0 else -1


@dataclass(frozen=True)
class TextClip:
    """The clip that says one string exactly as the screen shows it."""

    file: Path
    duration: float


@dataclass(frozen=True)
class SpokenLanguage:
    pages: Mapping[str, PageClip]  # by page id (a town's page by its location_page_id)
    texts: Mapping[str, TextClip]  # by text_key of the string as shown


class Narration:
    """A bundle's narration; its index is read at the first question asked of it.

    `clip_digests` are the clips whose hash the store left for later (Bundle.clip_digests): a
    clip among them is checked the first time it is asked for, and one that does not match is
    never offered (logged for staff). The others were checked at start, or are an authoring
    folder's."""

    def __init__(self, root: Path, clip_digests: Mapping[str, Digest] | None = None) -> None:
        self.root = root
        self._digests = clip_digests or {}
        self._intact: dict[str, bool] = {}

    @classmethod
    def of_bundle(
        cls, root: Path, clip_digests: Mapping[str, Digest] | None = None
    ) -> Narration | None:
        """The narration in a bundle folder; None when it has none."""
        return cls(root, clip_digests) if (root / INDEX_PATH).is_file() else None

    def _checked(self, file: Path) -> Path | None:
        """`file` if it is what the bundle's manifest signed (or was checked at start)."""
        rel = file.relative_to(self.root).as_posix()
        expected = self._digests.get(rel)
        if expected is None:
            return file
        if rel not in self._intact:
            try:
                self._intact[rel] = hash_file(file, rel, expected.size) == expected
            except BundleError:
                self._intact[rel] = False
            if not self._intact[rel]:
                log.warning("narration clip %s is not as signed: it is not played", rel)
        return file if self._intact[rel] else None

    @functools.cached_property
    def languages(self) -> Mapping[str, SpokenLanguage]:
        """Every language it speaks; none when the index cannot be read."""
        try:
            return read_languages(self.root)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("this bundle's narration is not used: %s: %s", INDEX_PATH, exc)
            return {}

    def speaks(self, language: str) -> bool:
        return language in self.languages

    def page(self, language: str, page_id: str) -> PageClip | None:
        spoken = self.languages.get(language)
        clip = spoken.pages.get(page_id) if spoken is not None else None
        return clip if clip is not None and self._checked(clip.file) else None

    def texts(self, language: str, shown: Iterable[str]) -> list[Path]:
        """The clips that say each string as shown, in order; strings without one are skipped
        (a word the build could not render must not silence the rest)."""
        spoken = self.languages.get(language)
        if spoken is None:
            return []
        clips = (spoken.texts.get(text_key(text)) for text in shown if text.strip())
        return [clip.file for clip in clips if clip is not None and self._checked(clip.file)]

    def shortest_text(self) -> Path | None:
        """The shortest string clip in any language (the smoke test plays it)."""
        clips = [clip for spoken in self.languages.values() for clip in spoken.texts.values()]
        shortest = min(clips, key=lambda clip: clip.duration) if clips else None
        return self._checked(shortest.file) if shortest is not None else None


def read_languages(root: Path) -> dict[str, SpokenLanguage]:
    """The index of the bundle at `root`; ValueError, TypeError or KeyError on any shape the
    strict reader would have refused in a way that matters here."""
    with (root / INDEX_PATH).open("rb") as file:
        data = file.read(INDEX_MAX_BYTES + 1)
    if len(data) > INDEX_MAX_BYTES:
        raise ValueError("larger than a bundle allows")
    index = _mapping(json.loads(data))
    if index.get("format") != 1:
        raise ValueError("not an index this kiosk reads")
    languages = _mapping(index["languages"])
    if not all(is_lang(code) for code in languages):
        raise ValueError("a language code is malformed")
    return {code: _language(root, _mapping(entry)) for code, entry in languages.items()}


def _language(root: Path, entry: Mapping[str, object]) -> SpokenLanguage:
    pages = _mapping(entry.get("pages", {}))
    texts = _mapping(entry.get("texts", {}))
    if not all(is_id(page_id) for page_id in pages):
        raise ValueError("a page id is malformed")
    return SpokenLanguage(
        pages={page_id: _page(root, _mapping(page)) for page_id, page in pages.items()},
        texts={key: _text(root, _mapping(text)) for key, text in texts.items()},
    )


def _page(root: Path, page: Mapping[str, object]) -> PageClip:
    cues = page["cues"]
    if not isinstance(cues, list) or not cues:
        raise ValueError("a page has no cues")
    units = tuple(_unit(_mapping(cue)["unit"]) for cue in cues)
    starts = tuple(_seconds(_mapping(cue)["at"]) for cue in cues)
    if list(units) != sorted(set(units)) or list(starts) != sorted(starts):
        raise ValueError("cues out of reading order")
    return PageClip(_clip(root, page["file"]), units, starts)


def _text(root: Path, text: Mapping[str, object]) -> TextClip:
    return TextClip(_clip(root, text["file"]), _seconds(text["duration"]))


def _clip(root: Path, name: object) -> Path:
    if not is_audio_file(name):
        raise ValueError(f"{name!r} is not a narration clip")
    return root / str(name)


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {type(value).__name__}")
    return value


def _unit(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a unit number")
    return value


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ValueError(f"{value!r} is not a time")
    return float(value)

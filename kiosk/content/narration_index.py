"""narration/index.json: which audio file says which page or string, and when each unit starts.

Read with msgspec (strict: unknown keys, wrong types and out-of-range numbers are refused) when a
bundle is validated. What needs the bundle to check (page ids, unit counts, files listed in the
manifest) is checked there too (kiosk/content/narration_check.py). The patient app reads an index
that has passed this reader with the standard library only (kiosk/speech/narration.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from kiosk.content.narration_files import INDEX_MAX_BYTES, INDEX_PATH
from kiosk.content.narration_units import text_key
from kiosk.content.patterns import AUDIO_FILE_PATTERN, ID_PATTERN, LANG_PATTERN

MAX_LANGUAGES = 20
MAX_PAGES = 1000  # per language
MAX_TEXTS = 5000  # per language
MAX_CUES = 2000  # per page
MAX_PAGE_SECONDS = 3600.0
MAX_TEXT_SECONDS = 120.0

LangCode = Annotated[str, msgspec.Meta(pattern=LANG_PATTERN)]
PageId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN, max_length=80)]
TextKey = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{16}$")]
AudioFile = Annotated[str, msgspec.Meta(pattern=AUDIO_FILE_PATTERN)]
Seconds = Annotated[float, msgspec.Meta(ge=0.0, le=MAX_PAGE_SECONDS)]


class NarrationError(ValueError):
    """narration/index.json cannot be used; the message says why in plain words."""


class Cue(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    unit: Annotated[int, msgspec.Meta(ge=0, lt=MAX_CUES)]
    at: Seconds


class PageAudio(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    file: AudioFile
    duration: Annotated[float, msgspec.Meta(gt=0.0, le=MAX_PAGE_SECONDS)]
    cues: Annotated[tuple[Cue, ...], msgspec.Meta(min_length=1, max_length=MAX_CUES)]
    said: TextKey  # units_key of the text it was made from (narration_units.py)

    def __post_init__(self) -> None:
        units = [cue.unit for cue in self.cues]
        times = [cue.at for cue in self.cues]
        if units != sorted(set(units)) or times != sorted(times):
            raise ValueError("cues must be in reading order")
        if times[-1] > self.duration:
            raise ValueError("a cue starts after the end of its audio")


class TextAudio(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    file: AudioFile
    duration: Annotated[float, msgspec.Meta(gt=0.0, le=MAX_TEXT_SECONDS)]


class LanguageNarration(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    voice: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    pages: Annotated[dict[PageId, PageAudio], msgspec.Meta(max_length=MAX_PAGES)] = {}
    texts: Annotated[dict[TextKey, TextAudio], msgspec.Meta(max_length=MAX_TEXTS)] = {}


class NarrationIndex(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    format: Literal[1]
    languages: Annotated[dict[LangCode, LanguageNarration], msgspec.Meta(max_length=MAX_LANGUAGES)]

    def page(self, lang: str, page_id: str) -> PageAudio | None:
        narration = self.languages.get(lang)
        return narration.pages.get(page_id) if narration else None

    def text(self, lang: str, shown: str) -> TextAudio | None:
        """The clip that says `shown`, a string exactly as the screen shows it."""
        narration = self.languages.get(lang)
        return narration.texts.get(text_key(shown)) if narration else None

    def files(self) -> tuple[str, ...]:
        """Every audio file the index names, each once, sorted."""
        return tuple(
            sorted(
                {p.file for n in self.languages.values() for p in n.pages.values()}
                | {t.file for n in self.languages.values() for t in n.texts.values()}
            )
        )


def read_index(data: bytes) -> NarrationIndex:
    """Parses index.json; anything malformed raises NarrationError with a plain sentence."""
    if len(data) > INDEX_MAX_BYTES:
        raise NarrationError(f"{INDEX_PATH} is larger than a bundle allows.")
    try:
        return msgspec.json.decode(data, type=NarrationIndex, strict=True)
    except msgspec.DecodeError as exc:
        raise NarrationError(f"{INDEX_PATH} cannot be used: {exc}.") from exc


def index_bytes(index: NarrationIndex) -> bytes:
    """The index as the build writes it: keys in a fixed order, so equal builds are equal bytes."""
    return msgspec.json.format(msgspec.json.encode(index, order="sorted"), indent=1) + b"\n"

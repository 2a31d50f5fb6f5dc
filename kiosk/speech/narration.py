"""A bundle's narration on the kiosk: which clip says which page or string, in which language.

The index is read with narration's own reader (kiosk/content/narration_index.py). The store has
checked every file of the bundle against its signed manifest, index and audio included; a bundle
without narration, or with an index this kiosk cannot read, simply has none (logged for staff).
"""

from __future__ import annotations

import bisect
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.narration_index import NarrationIndex

# The index's path, repeated here: its reader (msgspec, ~40 ms to import) loads only when a
# patient first needs narration, after the attract screen's first frame.
INDEX_PATH = "narration/index.json"

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


class Narration:
    """A bundle's narration; its index is read at the first question asked of it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def of_bundle(cls, root: Path) -> Narration | None:
        """The narration in a bundle folder; None when it has none."""
        return cls(root) if (root / INDEX_PATH).is_file() else None

    @functools.cached_property
    def index(self) -> NarrationIndex | None:
        """The index; None when it cannot be read (then this bundle simply has no narration)."""
        from kiosk.content.narration_index import INDEX_MAX_BYTES, NarrationError, read_index

        try:
            with (self.root / INDEX_PATH).open("rb") as file:
                return read_index(file.read(INDEX_MAX_BYTES + 1))
        except (OSError, NarrationError) as exc:
            log.warning("this bundle's narration is not used: %s", exc)
            return None

    def speaks(self, language: str) -> bool:
        return self.index is not None and language in self.index.languages

    def page(self, language: str, page_id: str) -> PageClip | None:
        audio = self.index.page(language, page_id) if self.index is not None else None
        if audio is None:
            return None
        return PageClip(
            self.root / audio.file,
            tuple(cue.unit for cue in audio.cues),
            tuple(cue.at for cue in audio.cues),
        )

    def texts(self, language: str, shown: Iterable[str]) -> list[Path]:
        """The clips that say each string as shown, in order; strings without one are skipped
        (a word the build could not render must not silence the rest)."""
        index = self.index
        if index is None:
            return []
        clips = (index.text(language, text) for text in shown if text.strip())
        return [self.root / clip.file for clip in clips if clip is not None]

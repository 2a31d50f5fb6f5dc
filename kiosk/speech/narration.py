"""A bundle's narration on the kiosk: which clip says which page or string, in which language.

The index is read with narration's own reader (kiosk/content/narration_index.py). The store has
checked every file of the bundle against its signed manifest, index and audio included; a bundle
without narration, or with an index this kiosk cannot read, simply has none (logged for staff).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.narration_index import (
    INDEX_MAX_BYTES,
    INDEX_PATH,
    NarrationError,
    NarrationIndex,
    read_index,
)

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
class Narration:
    root: Path
    index: NarrationIndex

    @classmethod
    def of_bundle(cls, root: Path) -> Narration | None:
        """The narration in a bundle folder; None when it has none or it cannot be read."""
        path = root / INDEX_PATH
        try:
            with path.open("rb") as file:
                data = file.read(INDEX_MAX_BYTES + 1)
            return cls(root, read_index(data))
        except FileNotFoundError:
            return None
        except (OSError, NarrationError) as exc:
            log.warning("this bundle's narration is not used: %s", exc)
            return None

    def speaks(self, language: str) -> bool:
        return language in self.index.languages

    def page(self, language: str, page_id: str) -> PageClip | None:
        audio = self.index.page(language, page_id)
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
        clips = (self.index.text(language, text) for text in shown if text.strip())
        return [self.root / clip.file for clip in clips if clip is not None]

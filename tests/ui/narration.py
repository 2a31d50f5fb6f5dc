"""A copy of the default bundle with narration for one page and the idle warning's strings, in
English and Spanish (tones as WAV data: miniaudio decodes by content), and a recording sink
behind the audio device interface, whose frames the test pulls itself."""

from __future__ import annotations

import array
import math
import shutil
import struct
import wave
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.bundle import Bundle
from kiosk.content.narration_index import (
    Cue,
    LanguageNarration,
    NarrationIndex,
    PageAudio,
    TextAudio,
    index_bytes,
)
from kiosk.content.narration_units import bundle_pages, location_page_id, text_key, units_key
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.speech.device import SAMPLE_RATE, Frames

PAGE = "botox"
CUES = (0.0, 0.5, 1.0, 1.5)  # seconds: units 0..3 of the page
PAGE_SECONDS = 3.0
TOWN = "maywood"


def write_tone(path: Path, seconds: float, hz: float) -> None:
    """A tone of whole-hertz `hz`: one second of it, repeated (long clips for the bench)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    second = b"".join(
        struct.pack("<h", round(12000 * math.sin(2 * math.pi * hz * i / SAMPLE_RATE)))
        for i in range(SAMPLE_RATE)
    )
    whole, rest = divmod(round(seconds * SAMPLE_RATE), SAMPLE_RATE)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(second * whole + second[: 2 * rest])


def _language(
    root: Path, lang: str, bundle: Bundle, hz: float, page_seconds: float
) -> LanguageNarration:
    page_file = f"narration/{lang}/page-{PAGE}.ogg"
    town_file = f"narration/{lang}/page-location-{TOWN}.ogg"
    write_tone(root / page_file, page_seconds, hz)
    write_tone(root / town_file, 1.0, hz)
    cues = tuple(Cue(unit=i, at=at) for i, at in enumerate(CUES))
    units = bundle_pages(bundle, lang)
    texts = {}
    for key in ("still_there", "still_here"):
        shown = bundle.ui(lang)[key]
        name = f"narration/{lang}/text-{text_key(shown)}.ogg"
        write_tone(root / name, 0.3, hz)
        texts[text_key(shown)] = TextAudio(file=name, duration=0.3)
    return LanguageNarration(
        voice="test tones",
        pages={
            PAGE: PageAudio(
                file=page_file, duration=page_seconds, cues=cues, said=units_key(units[PAGE])
            ),
            location_page_id(TOWN): PageAudio(
                file=town_file,
                duration=1.0,
                cues=(Cue(unit=0, at=0.0),),
                said=units_key(units[location_page_id(TOWN)]),
            ),
        },
        texts=texts,
    )


def narrated_bundle(folder: Path, page_seconds: float = PAGE_SECONDS) -> Bundle:
    """The default bundle, copied to `folder`, with narration added after loading it (the
    validator of this branch does not know narration files yet)."""
    root = folder / "bundle"
    shutil.copytree(default_bundle_dir(), root)
    bundle = load_folder(root)
    languages = {
        "en": _language(root, "en", bundle, 440.0, page_seconds),
        "es": _language(root, "es", bundle, 330.0, page_seconds),
    }
    index = NarrationIndex(format=1, languages=languages)
    (root / "narration" / "index.json").write_bytes(index_bytes(index))
    return bundle


@dataclass
class RecordingDevice:
    """The device interface, driven by the test: `pull(frames)` is one device period."""

    generator: Frames | None = None
    closed: bool = False
    pulled: int = 0

    def start(self, callback_generator: Frames) -> None:
        self.generator = callback_generator

    def close(self) -> None:
        self.closed = True

    def pull(self, frames: int) -> array.array[int]:
        assert self.generator is not None, "nothing was played"
        chunk = self.generator.send(frames)
        self.pulled += frames
        return chunk if isinstance(chunk, array.array) else array.array("h", chunk)

    def pull_seconds(self, seconds: float, period: int = 441) -> array.array[int]:
        out = array.array("h")
        for _ in range(round(seconds * SAMPLE_RATE / period)):
            out.extend(self.pull(period))
        return out

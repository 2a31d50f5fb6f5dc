"""Narration for a bundle, made at build time: every page and every patient-facing string, in
each language that has a voice, as narration/<lang>/*.ogg and narration/index.json.

A recording from the content team wins over the synthetic voice (docs/bundle-format.md):
`recordings/<lang>/page-<page id>.ogg`, with optional cue times in `page-<page id>.toml`
(`cues = [0.0, 3.4, ...]`, one start per unit from the first), and
`recordings/<lang>/text-<text key>.ogg` for a string.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.atomic import write_bytes
from kiosk.content.bundle import Bundle
from kiosk.content.narration_check import RECORDINGS, narration_problems
from kiosk.content.narration_files import INDEX_PATH
from kiosk.content.narration_index import (
    Cue,
    LanguageNarration,
    NarrationIndex,
    PageAudio,
    TextAudio,
    index_bytes,
)
from kiosk.content.narration_render import TOOLS, RenderError, Speech, joined, voice_for
from kiosk.content.narration_texts import patient_texts, spoken
from kiosk.content.narration_units import bundle_pages, text_key, units_key
from kiosk.content.ogg_check import OggError, check_ogg
from kiosk.content.problems import BundleError, Problem

RECORDED = "recorded"
NarrationMode = Literal["auto", "required", "none"]
NARRATION_MODES: tuple[NarrationMode, ...] = ("auto", "required", "none")
INSTALL = "on Debian: apt-get install espeak-ng vorbis-tools"
NO_SPEECH = (
    "{missing}, so the bundle is built without new narration ("
    + INSTALL
    + "; --narration required makes this an error)."
)
NO_VOICE = "no speech voice for the language {lang!r}: the bundle is built without narration in it"


@dataclass(frozen=True)
class Clip:
    """One audio file to make: spoken from `pieces`, or copied from a recording."""

    file: str  # narration/<lang>/<name>.ogg
    voice: str
    pieces: tuple[str, ...]
    recording: Path | None


def _serial(file: str) -> int:
    return int(text_key(file), 16) & 0x7FFFFFFF


def _recorded_cues(clip: Clip, duration: float) -> tuple[Cue, ...]:
    assert clip.recording is not None
    toml = clip.recording.with_suffix(".toml")
    if not toml.is_file():
        return (Cue(unit=0, at=0.0),)
    where = f"{RECORDINGS}/{clip.recording.parent.name}/{toml.name}"
    try:
        times = tomllib.loads(toml.read_text(encoding="utf-8")).get("cues")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise BundleError(f"The cue times in {where} cannot be read ({exc}).") from exc
    if (
        not isinstance(times, list)
        or not 0 < len(times) <= len(clip.pieces)
        or not all(isinstance(t, int | float) and not isinstance(t, bool) for t in times)
        or times != sorted(times)
        or times[0] < 0
        or times[-1] > duration
    ):
        raise BundleError(
            f"The cue times in {where} must be a list `cues = [0.0, ...]` of at most "
            f"{len(clip.pieces)} increasing times in seconds, within the recording's "
            f"{duration:.1f} s."
        )
    return tuple(Cue(unit=i, at=float(t)) for i, t in enumerate(times))


def _make(clip: Clip, out: Path, speech: Speech) -> tuple[float, tuple[Cue, ...]]:
    """Writes one clip under `out`; returns its length and its cues."""
    target = out / clip.file
    if clip.recording is not None:
        shutil.copyfile(clip.recording, target)
        try:
            duration = check_ogg(target).duration
        except OggError as exc:
            raise BundleError(f"The recording {clip.recording} {exc}.") from exc
        return duration, _recorded_cues(clip, duration)
    pcm, starts = joined([speech.say(clip.voice, piece) for piece in clip.pieces])
    speech.encode(pcm, target, _serial(clip.file))
    duration = check_ogg(target).duration
    return duration, tuple(
        Cue(unit=i, at=round(min(at, duration), 3)) for i, at in enumerate(starts)
    )


def _clips(
    bundle: Bundle, lang: str, voice: str, recordings: Path | None
) -> tuple[dict[str, Clip], dict[str, Clip]]:
    """The page clips (page id -> clip) and text clips (text key -> clip) of one language."""
    folder = recordings / lang if recordings is not None else None

    def recorded(name: str) -> Path | None:
        path = folder / f"{name}.ogg" if folder is not None else None
        return path if path is not None and path.is_file() else None

    pages = {
        page_id: Clip(
            f"narration/{lang}/page-{page_id}.ogg", voice, units, recorded(f"page-{page_id}")
        )
        for page_id, units in bundle_pages(bundle, lang).items()
    }
    texts = {
        key: Clip(
            f"narration/{lang}/text-{key}.ogg", voice, (spoken(s, lang),), recorded(f"text-{key}")
        )
        for key, s in ((text_key(s), s) for s in patient_texts(bundle, lang))
    }
    return pages, texts


def _unused_recordings(recordings: Path | None, used: set[Path]) -> list[Problem]:
    if recordings is None or not recordings.is_dir():
        return []
    return [
        Problem(
            "warning",
            path.relative_to(recordings.parent).as_posix(),
            "",
            "recording not used: no page or string of the bundle has this name and language",
        )
        for path in sorted(recordings.rglob("*.ogg"))
        if path not in used
    ]


Made = dict[str, tuple[float, tuple[Cue, ...]]]


def _entry(
    voice: str, pages: dict[str, Clip], texts: dict[str, Clip], made: Made
) -> LanguageNarration:
    synthetic = any(c.recording is None for c in [*pages.values(), *texts.values()])
    return LanguageNarration(
        voice=f"espeak-ng {voice}" if synthetic else RECORDED,
        pages={
            page_id: PageAudio(
                file=c.file,
                duration=made[c.file][0],
                cues=made[c.file][1],
                said=units_key(c.pieces),
            )
            for page_id, c in pages.items()
        },
        texts={key: TextAudio(file=c.file, duration=made[c.file][0]) for key, c in texts.items()},
    )


def render_narration(
    bundle: Bundle, out: Path, speech: Speech, recordings: Path | None = None
) -> tuple[NarrationIndex | None, list[Problem]]:
    """Writes narration/ under `out` for every language with a voice; returns its index (None
    when no language has one) and the warnings. RenderError when a speech tool fails."""
    warnings: list[Problem] = []
    languages: dict[str, LanguageNarration] = {}
    used: set[Path] = set()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for lang in bundle.languages:
            voice = voice_for(lang)
            if voice is None:
                warnings.append(Problem("warning", INDEX_PATH, lang, NO_VOICE.format(lang=lang)))
                continue
            pages, texts = _clips(bundle, lang, voice, recordings)
            clips = [*pages.values(), *texts.values()]
            (out / "narration" / lang).mkdir(parents=True, exist_ok=True)
            made = dict(
                zip(
                    (c.file for c in clips),
                    pool.map(lambda c: _make(c, out, speech), clips),
                    strict=True,
                )
            )
            languages[lang] = _entry(voice, pages, texts, made)
            used |= {c.recording for c in clips if c.recording is not None}
    warnings += _unused_recordings(recordings, used)
    if not languages:
        return None, warnings
    index = NarrationIndex(format=1, languages=languages)
    write_bytes(out / INDEX_PATH, index_bytes(index))
    return index, warnings


def _speech_missing(path: str | None) -> str:
    missing = [tool for tool in TOOLS if shutil.which(tool, path=path) is None]
    return f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed"


def speech_for(mode: NarrationMode, path: str | None = None) -> tuple[Speech | None, list[Problem]]:
    """The speech tools a build uses, by mode: "none" makes no narration; "auto" (what
    `kiosk bundle build` does) makes it when espeak-ng and oggenc are on PATH and otherwise
    builds without new narration, with a warning; "required" refuses to build without them."""
    if mode == "none":
        return None, []
    speech = Speech.find(path)
    if speech is not None:
        return speech, []
    missing = _speech_missing(path)
    if mode == "required":
        raise BundleError(f"No narration can be made: {missing} ({INSTALL}).")
    return None, [Problem("warning", "", "", NO_SPEECH.format(missing=missing))]


def make_narration(
    bundle: Bundle, src: Path, out: Path, speech: Speech
) -> tuple[bool, list[Problem]]:
    """Renders narration/ under `out`, using src/recordings, and checks it as a kiosk would;
    returns whether any language got narration, and the warnings."""
    recordings = src / RECORDINGS
    try:
        index, warnings = render_narration(
            bundle, out, speech, recordings if recordings.is_dir() else None
        )
    except RenderError as exc:
        raise BundleError(f"The narration could not be made: {exc}") from exc
    problems = narration_problems(bundle, out)
    if not problems.ok:
        raise BundleError("The narration made for this bundle is not valid.", problems.errors)
    return index is not None, warnings

"""Speech made on the authoring machine: espeak-ng says each piece, oggenc encodes the result.

Each unit of a page is spoken on its own, its silence at both ends trimmed, and the pieces are
joined with a fixed pause: the cue of a unit is where its samples start, so it is exact. The
kiosk never runs either program; it plays the Ogg Vorbis files the build wrote.

Encoding, measured on these machines (docs/bundle-format.md): Vorbis at its lowest quality,
resampled to 16 kHz mono, is about 115 KB per minute of espeak speech and stays clear (speech
needs little above 7 kHz); 22 kHz costs a third more for no audible gain, and 11 kHz saves
almost nothing more. soundfile (libsndfile) could not stand in for oggenc: it needs numpy, cannot
resample, and crashed writing Vorbis.
"""

from __future__ import annotations

import array
import shutil
import subprocess
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

# Bundle language (or its primary subtag) -> espeak-ng voice.
VOICES = {"en": "en-us", "es": "es-419"}
TOOLS = ("espeak-ng", "oggenc")
WORDS_PER_MINUTE = 160  # a little slower than espeak's 175: clearer for patients
RATE = 16000  # Hz, of the encoded audio
QUALITY = "-1"  # oggenc's lowest
PAUSE_SECONDS = 0.5  # between units
_SILENT = 300  # |sample| below this (of 32767) counts as silence when trimming
_MARGIN = 0.04  # seconds kept around the trimmed speech
_TIMEOUT = 60


class RenderError(RuntimeError):
    """A speech tool failed: the message names it and what it said."""


def voice_for(lang: str) -> str | None:
    return VOICES.get(lang) or VOICES.get(lang.split("-")[0])


@dataclass(frozen=True)
class Pcm:
    """16-bit mono samples."""

    rate: int
    samples: bytes

    @property
    def seconds(self) -> float:
        return len(self.samples) / 2 / self.rate

    def trimmed(self) -> Pcm:
        values = array.array("h", self.samples)
        if sys.byteorder == "big":
            values.byteswap()
        first = next((i for i, v in enumerate(values) if abs(v) >= _SILENT), None)
        if first is None:
            return Pcm(self.rate, b"")
        last = next(i for i in range(len(values) - 1, -1, -1) if abs(values[i]) >= _SILENT)
        margin = round(_MARGIN * self.rate)  # soft onsets (f, s) start below the threshold
        start, end = max(0, first - margin), min(len(values), last + 1 + margin)
        return Pcm(self.rate, self.samples[2 * start : 2 * end])


def joined(pieces: Sequence[Pcm], pause: float = PAUSE_SECONDS) -> tuple[Pcm, list[float]]:
    """The pieces one after the other with `pause` seconds between them, and where each starts."""
    rate = pieces[0].rate
    gap = b"\0\0" * round(pause * rate)
    starts: list[float] = []
    out = bytearray()
    for piece in pieces:
        if out:
            out += gap
        starts.append(len(out) / 2 / rate)
        out += piece.samples
    return Pcm(rate, bytes(out)), starts


@dataclass(frozen=True)
class Speech:
    """The two programs, found on PATH."""

    espeak: str
    oggenc: str

    @classmethod
    def find(cls, path: str | None = None) -> Speech | None:
        found = [shutil.which(tool, path=path) for tool in TOOLS]
        return cls(found[0], found[1]) if found[0] and found[1] else None

    def say(self, voice: str, text: str) -> Pcm:
        """`text` spoken by espeak-ng, silence trimmed. Read from stdin, never as an option;
        `[[` would switch espeak to phoneme input, so it is split."""
        with TemporaryDirectory(prefix="kiosk-speech-") as tmp:
            wav = Path(tmp) / "speech.wav"
            args = ["-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(wav), "--stdin"]
            _run([self.espeak, *args], text.replace("[[", "[ [").encode("utf-8"))
            with wave.open(str(wav), "rb") as reader:
                if reader.getnchannels() != 1 or reader.getsampwidth() != 2:
                    raise RenderError("espeak-ng wrote audio that is not 16-bit mono.")
                pcm = Pcm(reader.getframerate(), reader.readframes(reader.getnframes()))
        return pcm.trimmed()

    def encode(self, pcm: Pcm, out: Path, serial: int, rate: int = RATE) -> None:
        """Ogg Vorbis, mono, 16 kHz, lowest quality; a fixed stream serial number, so that the
        same speech always gives the same bytes (a re-sealed bundle changes only what changed)."""
        raw = ["-Q", "-r", "-B", "16", "-C", "1", "-R", str(pcm.rate), "--raw-endianness", "0"]
        opts = ["-q", QUALITY, "--resample", str(rate), "--serial", str(serial), "-o", str(out)]
        samples = array.array("h", pcm.samples or b"\0\0" * (pcm.rate // 10))
        if sys.byteorder == "big":
            samples.byteswap()
        _run([self.oggenc, *raw, *opts, "-"], samples.tobytes())


def _run(command: list[str], stdin: bytes) -> None:
    name = Path(command[0]).name
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"{name} could not be run ({exc}).") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"{name} failed: {said[-1] if said else done.returncode}.")

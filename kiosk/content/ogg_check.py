"""Checks for narration audio: an Ogg Vorbis stream, mono, at a speech sample rate.

Only the first page (the Vorbis identification header) and the last page (its granule position
is the stream's length in samples) are read, so a check costs two small reads whatever the
file's size; decoding is the player's job, on a file whose hash the manifest already vouched for.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAX_AUDIO_BYTES = 16 * 1024 * 1024  # an hour of speech at 32 kbit/s is 14 MiB
AUDIO_SUFFIX = ".ogg"
MIN_RATE, MAX_RATE = 8000, 48000

_CAPTURE = b"OggS"
_PAGE = struct.Struct("<4sBBqIIIB")  # capture, version, type, granule, serial, sequence, crc, segs
_FIRST_TYPE = 0x02  # beginning of stream
_LAST_TYPE = 0x04  # end of stream
_ID_HEADER = struct.Struct("<7sIBI")  # b"\x01vorbis", version, channels, sample rate
_HEAD_BYTES = 512
_TAIL_BYTES = 64 * 1024  # an Ogg page is at most 65,307 bytes


@dataclass(frozen=True)
class OggAudio:
    rate: int
    duration: float  # seconds


class OggError(ValueError):
    """Not audio a kiosk plays: the message says why, in plain words."""


def _first_page(head: bytes) -> OggAudio:
    if len(head) < _PAGE.size or not head.startswith(_CAPTURE):
        raise OggError("is not an Ogg file")
    _, version, kind, _, _, _, _, segments = _PAGE.unpack_from(head)
    start = _PAGE.size + segments
    if version != 0 or not kind & _FIRST_TYPE or len(head) < start + _ID_HEADER.size:
        raise OggError("is not an Ogg file")
    magic, vorbis_version, channels, rate = _ID_HEADER.unpack_from(head, start)
    if magic != b"\x01vorbis" or vorbis_version != 0:
        raise OggError("is an Ogg file but not Ogg Vorbis")
    if channels != 1:
        raise OggError(f"must be mono (it has {channels} channels)")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise OggError(f"has a sample rate of {rate} Hz; {MIN_RATE} to {MAX_RATE} Hz allowed")
    return OggAudio(rate=rate, duration=0.0)


def _length(tail: bytes, rate: int) -> float:
    at = tail.rfind(_CAPTURE)
    while at >= 0 and len(tail) - at >= _PAGE.size:
        _, version, kind, granule, _, _, _, _ = _PAGE.unpack_from(tail, at)
        if version == 0 and kind & _LAST_TYPE and granule > 0:
            return float(granule) / rate
        at = tail.rfind(_CAPTURE, 0, at)
    raise OggError("is cut short (its last Ogg page is missing)")


def check_ogg(path: Path) -> OggAudio:
    """The rate and length of a narration file, or OggError saying what is wrong with it."""
    size = path.stat().st_size
    if size > MAX_AUDIO_BYTES:
        raise OggError(f"is {size:,} bytes; at most {MAX_AUDIO_BYTES:,} allowed")
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
        file.seek(max(0, size - _TAIL_BYTES))
        tail = file.read(_TAIL_BYTES)
    audio = _first_page(head)
    return OggAudio(rate=audio.rate, duration=_length(tail, audio.rate))

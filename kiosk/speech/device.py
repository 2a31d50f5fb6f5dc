"""The audio device narration plays through: miniaudio's playback device on a real output
(PulseAudio, else ALSA) or on its NULL backend (plays silently at real speed: tests, the smoke
test, `kiosk --audio null`). Anything with `start(generator)` and `close()` will do: the Player
only hands it a started generator that miniaudio's own thread pulls frames from."""

from __future__ import annotations

import array
import enum
import os
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import Protocol

SAMPLE_RATE = 22_050  # the narration's own rate (mono, 22 kHz): miniaudio resamples the rest
CHANNELS = 1
PERIOD_MS = 30  # a short period: the first frame of a clip reaches the device within ~30 ms

Frames = Generator["bytes | array.array[int]", int, None]


class AudioBackend(enum.Enum):
    """Where narration goes: the kiosk's sound output, or nowhere at real speed."""

    SYSTEM = "system"
    NULL = "null"


class Device(Protocol):
    """A started device pulls `send(frame_count)` from the generator on a thread of its own."""

    def start(self, callback_generator: Frames) -> None: ...

    def close(self) -> None: ...


DeviceOpener = Callable[[], Device]


class DeviceUnavailable(Exception):
    """No audio device could be opened (no sound card, no sound server)."""


def open_device(backend: AudioBackend) -> Device:
    """A miniaudio playback device on `backend`; DeviceUnavailable when none opens."""
    import miniaudio  # ~70 ms to import: at the first play, not on the start path

    backends = (
        [miniaudio.Backend.NULL]
        if backend is AudioBackend.NULL
        else [miniaudio.Backend.PULSEAUDIO, miniaudio.Backend.ALSA]
    )
    try:
        device: Device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=CHANNELS,
            sample_rate=SAMPLE_RATE,
            buffersize_msec=PERIOD_MS,
            backends=backends,
            app_name="Clinic kiosk",
        )
    except miniaudio.MiniaudioError as exc:
        raise DeviceUnavailable(f"no {backend.value} audio device: {exc}") from exc
    return device


ALSA_CARDS = Path("/proc/asound/cards")
SERVER_SOCKETS = ("pulse/native", "pipewire-0")  # under XDG_RUNTIME_DIR


def missing_output(
    backend: AudioBackend, cards: Path = ALSA_CARDS, env: Mapping[str, str] = os.environ
) -> str:
    """Why no sound can come out here ("" when a sound server or card is there), read from the
    system without loading miniaudio or the sound libraries: they cost ~17 MiB, so they load
    only when a patient first listens, and a kiosk without sound never loads them."""
    if backend is AudioBackend.NULL or env.get("PULSE_SERVER"):
        return ""
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and any((Path(runtime) / socket).exists() for socket in SERVER_SOCKETS):
        return ""
    try:
        listed = cards.read_text(encoding="utf-8", errors="replace")
    except OSError:
        listed = ""
    if listed.strip() and "no soundcards" not in listed:
        return ""
    return f"no sound server and no sound card ({cards} lists none)"


def opener(backend: AudioBackend) -> DeviceOpener:
    def open_it() -> Device:
        return open_device(backend)

    return open_it

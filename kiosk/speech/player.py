"""The player: one queue of clips at a time, decoded and handed to the audio device on
miniaudio's own thread, so nothing here ever waits on audio in the GUI thread.

The device runs only while something plays (or is paused): it is opened at each play and
closed when the playback stops or ends, so no audio thread calls into Python while the kiosk is
silent. Everything the GUI thread changes (the playback, the volume, pause) is one attribute
assignment the audio thread reads at its next period.
"""

from __future__ import annotations

import array
import logging
import time
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.speech.device import (
    CHANNELS,
    SAMPLE_RATE,
    Device,
    DeviceOpener,
    DeviceUnavailable,
    Frames,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from typing import TypeAlias

    Chunk: TypeAlias = array.array[int]  # array.array takes no [int] at run time before 3.12


def scaled(chunk: Chunk, gain: float) -> Chunk:
    """16-bit samples at `gain` (0..1): the volume, applied where the frames are made."""
    if gain >= 1.0:
        return chunk
    return array.array("h", [int(sample * gain) for sample in chunk])


class Playback:
    """One queue of clips, read on the audio thread: frames handed out so far, and how it
    ended (`done`; `problem` says why when a clip could not be read)."""

    def __init__(self, clips: Sequence[Path]) -> None:
        self.clips = tuple(clips)
        self.frames = 0  # frames handed to the device: the position the screen follows
        self.paused = False
        self.done = False
        self.problem = ""
        self.first_frame_at: float | None = None  # time.perf_counter() of the first frame
        self._next = 0
        self._stream: Generator[Chunk, int, None] | None = None

    def read(self, wanted: int, gain: float) -> Chunk | bytes:
        """Up to `wanted` frames of the queue; b"" when paused or over."""
        while not (self.paused or self.done):
            chunk = self._from_stream(wanted)
            if chunk:
                if self.first_frame_at is None:
                    self.first_frame_at = time.perf_counter()
                self.frames += len(chunk) // CHANNELS
                return scaled(chunk, gain)
        return b""

    def _from_stream(self, wanted: int) -> Chunk | None:
        import miniaudio  # not at import: ~70 ms, and only a playing kiosk needs it

        try:
            if self._stream is None:
                if self._next >= len(self.clips):
                    self.done = True
                    return None
                path = self.clips[self._next]
                self._next += 1
                self._stream = miniaudio.stream_file(
                    str(path), nchannels=CHANNELS, sample_rate=SAMPLE_RATE, frames_to_read=wanted
                )
            return self._stream.send(wanted)
        except StopIteration:
            self._stream = None
            return None
        except (miniaudio.MiniaudioError, OSError) as exc:  # a damaged or missing clip
            self.problem = f"{self.clips[self._next - 1]}: {exc}"
            self.done = True
            return None


class Player:
    """Plays clips through one device; `play` returns False when no device can be opened
    (narration is then unavailable: logged for staff, never shown to a patient)."""

    def __init__(self, open_device: DeviceOpener, missing: Callable[[], str] | None = None) -> None:
        """`missing` says, without opening anything, why no device could open ("" if one may)."""
        self._open_device = open_device
        self._missing = missing
        self._device: Device | None = None
        self._unavailable = ""
        self._playback: Playback | None = None
        self._volume = 1.0

    @property
    def unavailable(self) -> str:
        """Why no device could be opened ("" while there is one, or none was tried yet)."""
        return self._unavailable

    def check(self) -> bool:
        """Whether a device may open, without opening one (that loads the sound libraries): a
        machine with no sound card or server says so here; a device that still fails to open
        says so at the first play. Asked once (it runs at every navigation); the answer is
        kept."""
        if self._missing is not None:
            missing, self._missing = self._missing(), None
            if missing and not self._unavailable:
                self._unavailable = missing
                log.warning("narration is unavailable: %s", missing)
        return not self._unavailable

    def play(self, clips: Sequence[Path]) -> Playback | None:
        """Starts `clips` (the last playback stops); None without a device."""
        if not self._ensure_device():
            return None
        playback = Playback(clips)
        self._playback = playback
        return playback

    def stop(self) -> None:
        self._playback = None
        self._release()

    def pause(self) -> None:
        if self._playback is not None:
            self._playback.paused = True

    def resume(self) -> None:
        if self._playback is not None:
            self._playback.paused = False

    @property
    def playback(self) -> Playback | None:
        return self._playback

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))

    def close(self) -> None:
        self.stop()

    def _release(self) -> None:
        if self._device is not None:
            self._device.close()
            self._device = None

    def _ensure_device(self) -> bool:
        if self._device is not None:
            return True
        if self._unavailable:
            return False
        try:
            device = self._open_device()
            frames = self._frames()
            next(frames)  # miniaudio wants a started generator
            device.start(frames)
        except DeviceUnavailable as exc:
            self._unavailable = str(exc)
            log.warning("narration is unavailable: %s", exc)
            return False
        self._device = device
        return True

    def _frames(self) -> Frames:
        """The device's generator: asked for a number of frames each period (on miniaudio's
        thread), it answers with the current playback's frames, or none (silence)."""
        wanted = yield b""
        while True:
            playback = self._playback
            chunk = playback.read(wanted, self._volume) if playback is not None else b""
            wanted = yield chunk

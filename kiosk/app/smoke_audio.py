"""The smoke test's audio check: a short clip played to its end through miniaudio's NULL backend
(silent, at real speed), so a frozen build proves it can decode and play. The clip is the
bundle's shortest narration clip when it has narration, else a tone written here. It starts
before the event loop and plays while the app starts, so the start is not timed longer."""

from __future__ import annotations

import math
import struct
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from kiosk.content.bundle import Bundle
from kiosk.speech.device import SAMPLE_RATE, AudioBackend, opener
from kiosk.speech.narration import Narration
from kiosk.speech.player import Player

TIMEOUT_S = 10.0


def _tone(path: Path, seconds: float = 0.2) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        frames = round(seconds * SAMPLE_RATE)
        out.writeframes(
            b"".join(
                struct.pack("<h", round(8000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE)))
                for i in range(frames)
            )
        )
    return path


def _shortest_clip(bundle: Bundle) -> Path | None:
    narration = Narration.of_bundle(bundle.root, bundle.clip_digests)
    return narration.shortest_text() if narration is not None else None


class SmokeClip:
    """One clip through the NULL backend: `start()` it, then `result()` waits for its end."""

    def __init__(self, bundle: Bundle) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kiosk-smoke-")
        clip = _shortest_clip(bundle)
        self._source = "the bundle's shortest clip" if clip else "a generated tone"
        self._clip = clip or _tone(Path(self._folder.name) / "tone.wav")
        self._player = Player(opener(AudioBackend.NULL))
        self._started = time.perf_counter()
        self._playback = self._player.play([self._clip])

    def result(self) -> dict[str, object]:
        """What was played (`problem` is set when it did not play to its end)."""
        playback = self._playback
        if playback is None:
            self._folder.cleanup()
            return {"problem": f"no audio device: {self._player.unavailable}"}
        _wait(lambda: playback.done)
        self._player.close()
        self._folder.cleanup()
        result: dict[str, object] = {
            "backend": "null",
            "clip": self._source,
            "frames": playback.frames,
        }
        if playback.first_frame_at is not None:
            result["first_frame_ms"] = round((playback.first_frame_at - self._started) * 1000, 1)
        if playback.problem or not playback.done or playback.frames == 0:
            result["problem"] = playback.problem or "the clip did not play to its end"
        return result


def _wait(done: Callable[[], bool]) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + TIMEOUT_S

    def check() -> None:
        if done() or time.monotonic() > deadline:
            loop.quit()

    poll = QTimer(interval=20)
    poll.timeout.connect(check)
    poll.start()
    check()
    if not done():
        loop.exec()
    poll.stop()

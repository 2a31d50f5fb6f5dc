"""The Narrator: reads a page aloud (Listen), follows it unit by unit for the highlight, and
speaks any string the kiosk shows (say). Playback runs on miniaudio's thread (kiosk/speech);
this object only starts and stops it and looks at its position a few times a second."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.speech.device import SAMPLE_RATE
from kiosk.speech.narration import Narration, PageClip
from kiosk.speech.player import Playback, Player
from kiosk.speech.volume import Volume
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

FOLLOW_MS = 40  # how often the highlight looks at the position: a frame or two behind the voice

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("made by the app")
class Narrator(QObject):
    availableChanged = Signal()
    playbackChanged = Signal()  # playing, paused, pageId
    currentUnitChanged = Signal()
    volumeChanged = Signal()

    def __init__(self, player: Player, volume: Volume, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._volume = volume
        self._narration: Narration | None = None
        self._language = ""
        self._playback: Playback | None = None
        self._clip: PageClip | None = None
        self._page_id = ""
        self._unit = -1
        self._follow = QTimer(self, interval=FOLLOW_MS)
        self._follow.timeout.connect(self._follow_playback)
        player.set_volume(volume.level)

    # -- from the wiring -------------------------------------------------------------------------
    def set_narration(self, narration: Narration | None, language: str) -> None:
        """A new bundle, a new language or new settings: whatever was being read stops."""
        self.stop()
        self._narration, self._language = narration, language
        self.availableChanged.emit()

    def set_language(self, language: str) -> None:
        if language != self._language:
            self.set_narration(self._narration, language)

    def set_volume_model(self, volume: Volume) -> None:
        """New staff settings (default volume, speaker or headphones): from the next patient."""
        self._volume = volume
        self._apply_volume()

    @Slot()
    def reset(self) -> None:
        """The next patient: silence, and the staff's default volume."""
        self.stop()
        self._volume = self._volume.at_default()
        self._apply_volume()

    def close(self) -> None:
        """The kiosk is going away: the audio device closes (its thread ends)."""
        self.stop()
        self._player.close()

    def say_texts(self, texts: Sequence[str]) -> None:
        """Speaks strings as shown, one clip after another (those without a clip are skipped)."""
        if self._narration is None or not self.is_available():
            self.stop()
            return
        self._start(self._narration.texts(self._language, texts), None, "")

    def prepare(self) -> None:
        """A patient has started: on a kiosk with no sound card or server no Listen control
        shows at all. The device itself opens at the first Listen."""
        if self._narration is not None and not self._player.check():
            self.availableChanged.emit()

    def is_available(self) -> bool:
        narration = self._narration
        return (
            narration is not None
            and narration.speaks(self._language)
            and not self._player.unavailable
        )

    @property
    def playback(self) -> Playback | None:
        return self._playback

    # -- QML -------------------------------------------------------------------------------------
    @Slot(str, result=bool)
    def hasPage(self, page_id: str) -> bool:
        """Whether this page can be heard in the current language (the Listen control shows)."""
        return self._page(page_id) is not None

    @Slot(str)
    def listen(self, page_id: str) -> None:
        clip = self._page(page_id)
        if clip is not None:
            self._start([clip.file], clip, page_id)

    @Slot()
    def pause(self) -> None:
        if self._playback is not None and not self._playback.paused:
            self._player.pause()
            self.playbackChanged.emit()

    @Slot()
    def resume(self) -> None:
        if self._playback is not None and self._playback.paused:
            self._player.resume()
            self.playbackChanged.emit()

    @Slot()
    def stop(self) -> None:
        self._follow.stop()
        self._player.stop()
        was_playing = self._playback is not None
        self._playback, self._clip, self._page_id = None, None, ""
        self._set_unit(-1)
        if was_playing:
            self.playbackChanged.emit()

    @Slot(str)
    def say(self, text: str) -> None:
        self.say_texts([text])

    @Slot()
    def louder(self) -> None:
        self._volume = self._volume.louder()
        self._apply_volume()

    @Slot()
    def quieter(self) -> None:
        self._volume = self._volume.quieter()
        self._apply_volume()

    # -- inside ----------------------------------------------------------------------------------
    def _page(self, page_id: str) -> PageClip | None:
        if self._narration is None or not page_id:
            return None
        return self._narration.page(self._language, page_id)

    def _start(self, clips: list[Path], clip: PageClip | None, page_id: str) -> None:
        self.stop()
        if not clips:
            return
        playback = self._player.play(clips)
        if playback is None:  # no audio device: logged by the player; Listen goes away
            self.availableChanged.emit()
            return
        self._playback, self._clip, self._page_id = playback, clip, page_id
        self._follow.start()
        self.playbackChanged.emit()

    @Slot()
    def _follow_playback(self) -> None:
        playback = self._playback
        if playback is None:
            return
        if playback.done:
            if playback.problem:
                log.warning("narration stopped: %s", playback.problem)
            self.stop()
            return
        if self._clip is not None:
            self._set_unit(self._clip.unit_at(playback.frames / SAMPLE_RATE))

    def _set_unit(self, unit: int) -> None:
        if unit != self._unit:
            self._unit = unit
            self.currentUnitChanged.emit()

    def _apply_volume(self) -> None:
        self._player.set_volume(self._volume.level)
        self.volumeChanged.emit()

    def _get_available(self) -> bool:
        return self.is_available()

    def _get_playing(self) -> bool:
        return self._playback is not None

    def _get_paused(self) -> bool:
        return self._playback is not None and self._playback.paused

    def _get_page_id(self) -> str:
        return self._page_id

    def _get_unit(self) -> int:
        return self._unit

    def _get_volume(self) -> float:
        return self._volume.level

    def _get_volume_step(self) -> int:
        return self._volume.step

    def _get_volume_steps(self) -> int:
        return self._volume.steps

    available = Property(bool, _get_available, notify=availableChanged)
    playing = Property(bool, _get_playing, notify=playbackChanged)
    paused = Property(bool, _get_paused, notify=playbackChanged)
    pageId = Property(str, _get_page_id, notify=playbackChanged)
    currentUnit = Property(int, _get_unit, notify=currentUnitChanged)
    volume = Property(float, _get_volume, notify=volumeChanged)
    volumeStep = Property(int, _get_volume_step, notify=volumeChanged)  # 1..volumeSteps
    volumeSteps = Property(int, _get_volume_steps, notify=volumeChanged)

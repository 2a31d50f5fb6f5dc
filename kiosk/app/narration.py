"""Narration wired into the patient app: the Narrator follows the bundle, the language and the
staff's audio settings, and stops whenever the patient's screen changes under it."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.narrator import Narrator
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend, opener
from kiosk.speech.narration import Narration
from kiosk.speech.player import Player
from kiosk.speech.volume import Volume


def make_narrator(settings: UiSettings, audio: AudioBackend, parent: QObject) -> Narrator:
    """The Narrator; its audio device is opened at the first clip, not at start."""
    return Narrator(Player(opener(audio)), _volume(settings), parent)


def _volume(settings: UiSettings) -> Volume:
    return Volume.for_output(settings.narration_output, settings.narration_volume)


def link_narrator(narrator: Narrator, state: AppState, idle: IdleMonitor) -> None:
    """Audio stops on any navigation (the reset included), a language or bundle change and the
    idle warning, which it then reads out; the reset brings back the staff's volume."""

    def bundle_changed() -> None:
        _load(narrator, state)

    def language_changed() -> None:
        narrator.set_language(state.current_language())

    def warning_shown() -> None:
        ui = state.bundle.ui(state.current_language())
        narrator.say_texts([ui["still_there"], ui["still_here"]])

    _load(narrator, state)
    state.bundleChanged.connect(bundle_changed)
    state.languageChanged.connect(language_changed)
    state.navigated.connect(narrator.stop)
    state.resetDone.connect(narrator.reset)
    idle.warningShown.connect(warning_shown)
    idle.extended.connect(narrator.stop)


def apply_settings(narrator: Narrator, state: AppState) -> None:
    """New staff settings: the volume model now (its default applies from the next patient),
    and whether this kiosk offers narration at all."""
    narrator.set_volume_model(_volume(state.settings))
    _load(narrator, state)


def _load(narrator: Narrator, state: AppState) -> None:
    wanted = state.settings.narration_output != "none"
    narration = Narration.of_bundle(state.bundle.root) if wanted else None
    narrator.set_narration(narration, state.current_language())

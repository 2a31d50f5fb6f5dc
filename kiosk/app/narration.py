"""Narration wired into the patient app: the Narrator follows the bundle, the language and the
staff's audio settings, and stops whenever the patient's screen changes under it."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.content.narration_units import spoken_parts
from kiosk.patient.idle import IdleMonitor
from kiosk.patient.narrator import Narrator
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend, DeviceOpener, missing_output, opener
from kiosk.speech.narration import Narration
from kiosk.speech.player import Player
from kiosk.speech.volume import Volume


def make_narrator(
    settings: UiSettings, audio: AudioBackend | DeviceOpener, parent: QObject
) -> Narrator:
    """The Narrator; its audio device (a backend's, or any device `audio` opens) is opened at
    the first clip, not at start."""
    if isinstance(audio, AudioBackend):
        player = Player(opener(audio), lambda: missing_output(audio))
    else:
        player = Player(audio)
    return Narrator(player, _volume(settings), parent)


def _volume(settings: UiSettings) -> Volume:
    return Volume.for_output(settings.narration_output, settings.narration_volume)


def link_narrator(narrator: Narrator, state: AppState, idle: IdleMonitor) -> None:
    """Audio stops on any navigation (the reset included), a language or bundle change and the
    idle warning, which it then reads out; the reset brings back the staff's volume."""

    def bundle_changed() -> None:
        _load(narrator, state)

    def language_changed() -> None:
        narrator.set_language(state.current_language())

    def route_changed() -> None:
        if not state.is_attract():
            narrator.prepare()

    def warning_shown() -> None:  # the title, the countdown as it shows, the button's words
        ui = state.bundle.ui(state.current_language())
        seconds = {"seconds": str(idle.property("secondsLeft"))}
        countdown = spoken_parts(ui["resetting_in"], seconds)
        narrator.say_texts([ui["still_there"], *countdown, ui["still_here"]])

    _load(narrator, state)
    state.bundleChanged.connect(bundle_changed)
    state.languageChanged.connect(language_changed)
    state.navigated.connect(narrator.stop)
    state.routeChanged.connect(route_changed)
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
    bundle = state.bundle
    narration = Narration.of_bundle(bundle.root, bundle.clip_digests) if wanted else None
    narrator.set_narration(narration, state.current_language())

"""The keypad path heard: each focus move plays the clips of what the focused control shows,
through the Narrator and the audio device (miniaudio's NULL backend, which pulls the frames at
real speed without a sound card); Help plays the screen's title and the keys."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.narration_index import (
    INDEX_PATH,
    Cue,
    LanguageNarration,
    NarrationIndex,
    PageAudio,
    TextAudio,
    index_bytes,
)
from kiosk.content.narration_units import text_key
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.speech.device import SAMPLE_RATE, AudioBackend
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import find, settle
from tests.ui.test_keypad import press, reachable, spoken_parts

Key = Qt.Key


def write_clip(path: Path) -> None:
    """A tenth of a second of sound. (WAV data: miniaudio reads a clip by its content; the
    bundle build writes Ogg Vorbis, which this machine's tests need no encoder for.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(b"\x10\x00" * (SAMPLE_RATE // 10))


def narrated_copy(folder: Path, shown: list[str]) -> Bundle:
    """The default bundle with an English clip for each of the strings `shown`. (Its narration
    is added after the folder is loaded: the validation of narration is the bundle build's, and
    the Narrator reads narration/index.json from the bundle's folder as the kiosk starts.)"""
    shutil.copytree(default_bundle_dir(), folder)
    bundle = load_folder(folder)
    texts = {}
    for text in shown:
        name = f"narration/en/text-{text_key(text)}.ogg"
        write_clip(folder / name)
        texts[text_key(text)] = TextAudio(file=name, duration=0.1)
    write_clip(folder / "narration/en/page-botox.ogg")
    page = PageAudio(file="narration/en/page-botox.ogg", duration=0.1, cues=(Cue(0, 0.0),))
    english = LanguageNarration("test", pages={"botox": page}, texts=texts)
    index = NarrationIndex(format=1, languages={"en": english})
    (folder / INDEX_PATH).write_bytes(index_bytes(index))
    return bundle


def clips_for(kiosk: Kiosk, texts: list[str]) -> tuple[Path, ...]:
    root = kiosk.state.bundle.root
    return tuple(root / f"narration/en/text-{text_key(text)}.ogg" for text in texts)


def test_each_focus_move_is_heard(qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path) -> None:
    # What the controls of Home show, and the page's title and the keys (for Help).
    plain = make_kiosk()
    plain.state.start()
    settle(qtbot, plain)
    controls = reachable(plain.window.contentItem())
    heard = [spoken_parts(item) for item in controls]
    ui = plain.state.bundle.ui("en")
    shown = [part for parts in heard for part in parts] + [ui["keypad_help"], plain.state.clinic]
    kiosk = make_kiosk(bundle=narrated_copy(tmp_path / "bundle", shown), audio=AudioBackend.NULL)
    narrator = kiosk.narrator
    kiosk.state.start()
    settle(qtbot, kiosk)
    for _ in controls:
        focused = press(kiosk, Key.Key_Down)
        playback = narrator.playback
        assert playback is not None, focused
        assert playback.clips == clips_for(kiosk, spoken_parts(focused)), focused.objectName()  # type: ignore[union-attr]
    # The last one plays to its end on the device.
    last = narrator.playback
    qtbot.waitUntil(lambda: last is not None and last.done and last.frames > 0, timeout=3000)
    assert last is not None and not last.problem
    # Help: the screen's title, the keys, then the focused control, one after another.
    press(kiosk, Key.Key_F1)
    assert find(kiosk, "homeTitle", in_page=True).property("text") == kiosk.state.clinic
    expected = [kiosk.state.clinic, ui["keypad_help"], *spoken_parts(focused)]
    assert narrator.playback is not None
    assert narrator.playback.clips == clips_for(kiosk, expected)


def test_a_focus_move_does_not_cut_off_the_page_being_read(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    bundle = narrated_copy(tmp_path / "bundle", ["Listen", "Home"])
    kiosk = make_kiosk(bundle=bundle, audio=AudioBackend.NULL)
    kiosk.state.start()
    kiosk.state.openPage("botox")
    settle(qtbot, kiosk)
    kiosk.narrator.listen("botox")
    reading = kiosk.narrator.playback
    assert reading is not None and reading.clips == (bundle.root / "narration/en/page-botox.ogg",)
    for _ in range(3):
        assert press(kiosk, Key.Key_Down) is not None
    assert kiosk.narrator.playback is reading  # still the page, not the names of the controls

"""The keypad path heard, with the built-in bundle's own narration: each focus move plays the
clips of what the focused control shows, through the Narrator and the audio device (miniaudio's
NULL backend, which pulls the frames at real speed without a sound card); Help plays the
screen's title and the keys; a focus move never cuts off the page being read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.content.narration_files import INDEX_PATH
from kiosk.content.narration_index import read_index
from kiosk.content.narration_units import text_key
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import settle
from tests.ui.test_keypad import press, reachable, spoken_parts

Key = Qt.Key


def clips_for(kiosk: Kiosk, language: str, texts: list[str]) -> tuple[Path, ...]:
    """The bundle's clips for `texts` as shown, in order (a string without one is skipped)."""
    root = kiosk.state.bundle.root
    spoken = read_index((root / INDEX_PATH).read_bytes()).languages[language].texts
    return tuple(root / spoken[text_key(t)].file for t in texts if text_key(t) in spoken)


def test_each_focus_move_is_heard(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    narrator = kiosk.narrator
    for language in ("en", "es"):
        kiosk.state.reset()
        kiosk.state.setLanguage(language)
        kiosk.state.start()
        settle(qtbot, kiosk)
        for _ in reachable(kiosk.window.contentItem()):
            focused = press(kiosk, Key.Key_Down)
            parts = spoken_parts(focused)
            clips = clips_for(kiosk, language, parts)
            assert len(clips) == len(parts), parts  # every string a control shows is heard
            assert narrator.playback is not None, parts
            assert narrator.playback.clips == clips, parts
        # The last one plays to its end on the device.
        last = narrator.playback
        qtbot.waitUntil(lambda p=last: p is not None and p.done, timeout=10_000)
        assert last is not None and last.frames > 0 and not last.problem
    # Help: the screen's title, the keys, then the focused control, one after another.
    press(kiosk, Key.Key_F1)
    keys = kiosk.state.bundle.ui("es")["keypad_help"]
    expected = [kiosk.state.clinic, keys, *spoken_parts(focused)]
    assert narrator.playback is not None
    assert narrator.playback.clips == clips_for(kiosk, "es", expected)
    assert len(narrator.playback.clips) == len(expected)


def test_a_focus_move_does_not_cut_off_the_page_being_read(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk()
    kiosk.state.start()
    kiosk.state.openPage("botox")
    settle(qtbot, kiosk)
    kiosk.narrator.listen("botox")
    reading = kiosk.narrator.playback
    assert reading is not None and kiosk.narrator.property("pageId") == "botox"
    for _ in range(3):
        assert press(kiosk, Key.Key_Down) is not None
    assert kiosk.narrator.playback is reading  # still the page, not the names of the controls

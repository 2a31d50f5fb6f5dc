"""Whether sound can come out, read from the system without loading any sound library: a
sound server's socket or a card ALSA lists means yes; neither means a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.speech.device import AudioBackend, missing_output

NO_CARDS = " --- no soundcards ---\n"
ONE_CARD = " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n                      HDA Intel PCH\n"


def cards(tmp_path: Path, listed: str | None) -> Path:
    path = tmp_path / "cards"
    if listed is not None:
        path.write_text(listed)
    return path


@pytest.mark.parametrize("listed", [None, "", NO_CARDS])
def test_no_card_and_no_server_is_missing_output(tmp_path: Path, listed: str | None) -> None:
    reason = missing_output(AudioBackend.SYSTEM, cards(tmp_path, listed), env={})
    assert reason.startswith("no sound server and no sound card")


def test_a_listed_card_is_enough(tmp_path: Path) -> None:
    assert missing_output(AudioBackend.SYSTEM, cards(tmp_path, ONE_CARD), env={}) == ""


@pytest.mark.parametrize("socket", ["pulse/native", "pipewire-0"])
def test_a_sound_server_s_socket_is_enough(tmp_path: Path, socket: str) -> None:
    runtime = tmp_path / "run"
    (runtime / socket).parent.mkdir(parents=True, exist_ok=True)
    (runtime / socket).touch()
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    assert missing_output(AudioBackend.SYSTEM, cards(tmp_path, NO_CARDS), env=env) == ""


def test_a_named_sound_server_is_enough(tmp_path: Path) -> None:
    env = {"PULSE_SERVER": "tcp:127.0.0.1:4713"}
    assert missing_output(AudioBackend.SYSTEM, cards(tmp_path, None), env=env) == ""


def test_the_null_backend_never_misses_output(tmp_path: Path) -> None:
    assert missing_output(AudioBackend.NULL, cards(tmp_path, None), env={}) == ""

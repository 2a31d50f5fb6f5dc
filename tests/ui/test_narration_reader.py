"""The kiosk's own reader of narration/index.json (standard library only) gives what the strict
reader gives for every index the build makes, and turns any other shape into "no narration"
(logged), never an exception or a path outside the bundle's narration folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.bundle import Bundle
from kiosk.content.narration_files import INDEX_PATH
from kiosk.content.narration_index import read_index
from kiosk.speech.narration import Narration
from tests.ui.narration import narrated_bundle


def test_it_reads_the_built_in_bundle_as_the_strict_reader_does(default_bundle: Bundle) -> None:
    root = default_bundle.root
    strict = read_index((root / INDEX_PATH).read_bytes())
    light = Narration(root).languages
    assert set(light) == set(strict.languages) == {"en", "es"}
    for code, language in strict.languages.items():
        assert set(light[code].pages) == set(language.pages)
        for page_id, audio in language.pages.items():
            clip = light[code].pages[page_id]
            assert clip.file == root / audio.file
            assert clip.units == tuple(cue.unit for cue in audio.cues)
            assert clip.starts == tuple(cue.at for cue in audio.cues)
        assert {key: (root / t.file, t.duration) for key, t in language.texts.items()} == {
            key: (clip.file, clip.duration) for key, clip in light[code].texts.items()
        }


def _index(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    bundle = narrated_bundle(tmp_path)
    return bundle.root, json.loads((bundle.root / INDEX_PATH).read_text())


def _first_page(index: dict[str, Any]) -> dict[str, Any]:
    language = next(iter(index["languages"].values()))
    return next(iter(language["pages"].values()))  # type: ignore[no-any-return]


BREAKAGES = {
    "a clip outside narration/": lambda i: _first_page(i).update(file="../../secret.ogg"),
    "an absolute clip path": lambda i: _first_page(i).update(file="/etc/passwd.ogg"),
    "cues out of order": lambda i: _first_page(i)["cues"].reverse(),
    "a negative time": lambda i: _first_page(i)["cues"][0].update(at=-1),
    "a unit that is a word": lambda i: _first_page(i)["cues"][0].update(unit="one"),
    "a unit that is true": lambda i: _first_page(i)["cues"][0].update(unit=True),
    "no cues": lambda i: _first_page(i).update(cues=[]),
    "cues that are not a list": lambda i: _first_page(i).update(cues={"unit": 0}),
    "a page that is a list": lambda i: next(iter(i["languages"].values()))["pages"].update(
        about=[]
    ),
    "a malformed language": lambda i: i["languages"].update({"../x": {}}),
    "another format": lambda i: i.update(format=2),
    "no languages": lambda i: i.pop("languages"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_damaged_index_means_no_narration(
    tmp_path: Path, breakage: str, caplog: pytest.LogCaptureFixture
) -> None:
    root, index = _index(tmp_path)
    BREAKAGES[breakage](index)
    (root / INDEX_PATH).write_text(json.dumps(index))
    narration = Narration(root)
    assert narration.languages == {}
    assert not narration.speaks("en")
    assert narration.page("en", "about") is None
    assert narration.texts("en", ["Home"]) == []
    assert "this bundle's narration is not used" in caplog.text


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b"null", b'"index"', b"\xff\xfe"])
def test_an_index_that_is_not_json_means_no_narration(tmp_path: Path, content: bytes) -> None:
    root, _index_data = _index(tmp_path)
    (root / INDEX_PATH).write_bytes(content)
    assert Narration(root).languages == {}


def test_an_index_larger_than_a_bundle_allows_is_not_read(tmp_path: Path) -> None:
    root, _index_data = _index(tmp_path)
    (root / INDEX_PATH).write_bytes(b" " * (4 * 1024 * 1024 + 1))
    assert Narration(root).languages == {}

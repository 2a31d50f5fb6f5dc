"""`kiosk bundle build` makes narration with espeak-ng: both languages, exact cues, recordings
win, every file signed; a bundle whose narration is missing, tampered or wrong is refused."""

from __future__ import annotations

import dataclasses
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.bundle import Bundle
from kiosk.content.narration_index import NarrationIndex, read_index
from kiosk.content.narration_render import Speech, joined
from kiosk.content.narration_units import bundle_pages
from kiosk.content.ogg_check import check_ogg
from kiosk.content.signed_manifest import parse_manifest
from kiosk.content.validate import validate_folder
from kiosk.paths import default_bundle_dir
from tests.content.bundle_factory import write_bundle
from tests.content.conftest import KeyPair, make_keypair
from tests.content.zipcraft import members, rewrite_zip

pytestmark = pytest.mark.skipif(
    Speech.find() is None, reason="needs espeak-ng and oggenc (.ci/run installs them)"
)

RECORDED_PAGE = "narration/en/page-what-is-clonus.ogg"


@dataclass(frozen=True)
class Built:
    folder: Path
    kbundle: Path
    keys: KeyPair
    recording: bytes


def _record(speech: Speech, path: Path) -> bytes:
    """A "human" recording of the about page: two takes, cue times beside it."""
    path.parent.mkdir(parents=True)
    takes = [speech.say("en-us", "Recorded title."), speech.say("en-us", "Recorded text.")]
    pcm, starts = joined(takes, pause=1.0)
    speech.encode(pcm, path, serial=1)
    path.with_suffix(".toml").write_text(f"cues = [0.0, {starts[1]}]\n", encoding="utf-8")
    return path.read_bytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("narration")
    folder = write_bundle(root / "src", languages=("en", "es"))
    speech = Speech.find()
    assert speech is not None
    recording = _record(speech, folder / "recordings" / "en" / "page-what-is-clonus.ogg")
    keys = make_keypair(root / "keys")
    out = root / "clinic.kbundle"
    args = ["bundle", "build", str(folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability"]) == 0
    return Built(folder, out, keys, recording)


def _bundle(folder: Path) -> Bundle:
    bundle, problems = validate_folder(folder, readability_checks=False, narration=False)
    assert bundle is not None, problems.errors
    return bundle


def _index(kbundle: Path) -> NarrationIndex:
    return read_index(members(kbundle)["narration/index.json"])


def test_build_narrates_every_page_and_string_in_both_languages(
    built: Built, tmp_path: Path
) -> None:
    index = _index(built.kbundle)
    bundle = _bundle(built.folder)
    assert set(index.languages) == {"en", "es"}
    assert index.languages["es"].voice == "espeak-ng es-419"
    for lang in ("en", "es"):
        pages = bundle_pages(bundle, lang)
        assert set(index.languages[lang].pages) == {
            "what-is-clonus",
            "stretching",
            "disclaimer",
            "location-maywood",
        }
        for key in ("home", "find_location", "callout_emergency", "still_here"):
            assert index.text(lang, bundle.ui(lang)[key]) is not None
        for shown in ("Maywood", "Maywood, NJ", "0", "42", "120", ".", "Test Clinic"):
            assert index.text(lang, shown) is not None, shown
        assert index.text(lang, "{miles} miles from here") is None  # spoken in parts
        for page_id, page in index.languages[lang].pages.items():
            if page.file == RECORDED_PAGE:
                continue
            # One cue per unit, in order, each inside the audio.
            assert [c.unit for c in page.cues] == list(range(len(pages[page_id])))
            times = [c.at for c in page.cues]
            assert times == sorted(set(times)) and times[0] == 0.0
            assert times[-1] < page.duration
    # Every audio file is in the archive, listed in the signed manifest, and plays as stated.
    manifest = parse_manifest(members(built.kbundle)["manifest.json"])
    listed = {entry.path for entry in manifest.files}
    assert {"narration/index.json", *index.files()} <= listed
    with zipfile.ZipFile(built.kbundle) as archive:
        stretching = index.languages["es"].pages["stretching"]
        (tmp_path / "s.ogg").write_bytes(archive.read(stretching.file))
    assert check_ogg(tmp_path / "s.ogg").duration == pytest.approx(stretching.duration, abs=0.01)
    assert not any(name.startswith("recordings/") for name in listed)
    # The archive is valid as a kiosk reads it.
    assert main(["bundle", "validate", "--no-readability", str(built.kbundle)]) == 0


def test_a_recording_replaces_the_espeak_clip_with_its_own_cues(built: Built) -> None:
    index = _index(built.kbundle)
    page = index.page("en", "what-is-clonus")
    assert page is not None
    assert members(built.kbundle)[page.file] == built.recording
    assert [c.unit for c in page.cues] == [0, 1]
    assert page.cues[1].at > 1.0  # the recording's own cue, not espeak's
    spanish = index.page("es", "what-is-clonus")
    assert spanish is not None and members(built.kbundle)[spanish.file] != built.recording
    assert index.languages["en"].voice == "espeak-ng en-us"  # the rest is still espeak's


def test_tampered_or_missing_audio_is_refused(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _index(built.kbundle).languages["es"].pages["stretching"].file
    audio = members(built.kbundle)[page]
    flipped = audio[:-100] + bytes([audio[-100] ^ 1]) + audio[-99:]
    tampered = rewrite_zip(built.kbundle, tmp_path / "t.kbundle", replace={page: flipped})
    verify = ["bundle", "verify", "--trust", str(built.keys.public_path)]
    capsys.readouterr()
    assert main([*verify[:2], str(tampered), *verify[2:]]) == 1
    assert capsys.readouterr().err.strip() == (
        f"The file {page} was changed after the bundle was signed."
    )
    missing = rewrite_zip(built.kbundle, tmp_path / "m.kbundle", drop=[page])
    assert main([*verify[:2], str(missing), *verify[2:]]) == 1
    assert page in capsys.readouterr().err


@pytest.fixture
def narrated(built: Built, tmp_path: Path) -> Path:
    """An authoring folder holding the built narration, as a sealed built-in bundle does."""
    folder = tmp_path / "narrated"
    shutil.copytree(built.folder, folder, ignore=shutil.ignore_patterns("recordings"))
    with zipfile.ZipFile(built.kbundle) as archive:
        for name in archive.namelist():
            if name.startswith("narration/"):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(archive.read(name))
    return folder


def _errors(folder: Path) -> list[str]:
    bundle, problems = validate_folder(folder, readability_checks=False)
    assert (bundle is None) == bool(problems.errors)
    return [str(p) for p in problems.errors]


def _edit_index(folder: Path, edit: str) -> None:
    path = folder / "narration" / "index.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    stretching = document["languages"]["en"]["pages"]["stretching"]
    if edit == "cue past the end":
        stretching["cues"][-1]["at"] = stretching["duration"] + 5
    elif edit == "cues out of order":
        stretching["cues"][1]["at"], stretching["cues"][2]["at"] = 9.0, 8.0
    elif edit == "unknown page":
        document["languages"]["en"]["pages"]["surgery"] = stretching
    elif edit == "too many units":
        stretching["cues"].append({"unit": 99, "at": stretching["cues"][-1]["at"]})
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("cue past the end", "a cue starts after the end of its audio"),
        ("cues out of order", "cues must be in reading order"),
        ("unknown page", "the bundle has no page 'surgery'"),
        ("too many units", "a cue names unit 99, but the page has 13 units"),
    ],
)
def test_a_wrong_index_is_refused(narrated: Path, edit: str, message: str) -> None:
    assert _errors(narrated) == []
    _edit_index(narrated, edit)
    errors = _errors(narrated)
    assert len(errors) == 1 and message in errors[0], errors


def test_missing_stray_and_non_ogg_audio_are_refused(narrated: Path) -> None:
    es = narrated / "narration" / "es"
    (es / "page-stretching.ogg").unlink()
    (es / "page-disclaimer.ogg").write_bytes(b"RIFF\0\0\0\0WAVEfmt ")
    (es / "extra.ogg").write_bytes((es / "page-what-is-clonus.ogg").read_bytes())
    assert sorted(_errors(narrated)) == [
        "ERROR narration/es/extra.ogg: file is not named by narration/index.json (remove it)",
        "ERROR narration/es/page-disclaimer.ogg: languages.es.pages.disclaimer: "
        "the audio file is not an Ogg file",
        "ERROR narration/es/page-stretching.ogg: languages.es.pages.stretching: "
        "audio file is missing",
    ]


def test_a_file_not_in_the_manifest_is_refused(
    narrated: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "bundle",
                "seal",
                str(narrated),
                "--key",
                str(keys.private_path),
                "--narration",
                "none",
                "--no-readability",
            ]
        )
        == 0
    )
    assert main(["bundle", "verify", str(narrated), "--trust", str(keys.public_path)]) == 0
    (narrated / "narration" / "en" / "page-extra.ogg").write_bytes(b"OggS")
    capsys.readouterr()
    assert main(["bundle", "verify", str(narrated), "--trust", str(keys.public_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "The bundle contains a file that was not signed: narration/en/page-extra.ogg."
    )


def test_a_bundle_without_narration_stays_valid(tmp_path: Path) -> None:
    assert _errors(write_bundle(tmp_path / "plain", languages=("en", "es"))) == []


# -- without espeak-ng ----------------------------------------------------------------------------


@pytest.fixture
def no_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH with oggenc but not espeak-ng."""
    tools = tmp_path / "bin"
    tools.mkdir()
    oggenc = shutil.which("oggenc")
    assert oggenc is not None
    (tools / "oggenc").symlink_to(oggenc)
    monkeypatch.setenv("PATH", str(tools))


@pytest.mark.usefixtures("no_espeak")
def test_without_espeak_the_build_warns_and_makes_no_narration(
    tmp_path: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_bundle(tmp_path / "src", languages=("en", "es"))
    out = tmp_path / "plain.kbundle"
    args = ["bundle", "build", str(folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "espeak-ng is not installed, so the bundle is built without new narration (on Debian: "
        "apt-get install espeak-ng vorbis-tools; --narration required makes this an error)."
    )
    assert not any(name.startswith("narration/") for name in members(out))

    assert main([*args, "--no-readability", "--narration", "required"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "No narration can be made: espeak-ng is not installed "
        "(on Debian: apt-get install espeak-ng vorbis-tools)."
    )


def test_an_unknown_language_is_built_without_narration_with_a_warning(
    tmp_path: Path, keys: KeyPair
) -> None:
    from kiosk.content.narration_build import NO_VOICE, render_narration

    speech = Speech.find()
    assert speech is not None
    bundle = _bundle(write_bundle(tmp_path / "src", languages=("en",)))
    bundle = dataclasses.replace(bundle, languages=("fil",), ui_text={"fil": bundle.ui("en")})
    index, warnings = render_narration(bundle, tmp_path / "out", speech)
    assert index is None
    assert [w.message for w in warnings] == [NO_VOICE.format(lang="fil")]
    assert not (tmp_path / "out" / "narration").exists()


def test_a_page_edited_since_it_was_spoken_loses_its_narration_not_its_words(
    tmp_path: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    """Staff correct a sentence on a PC without espeak-ng: the build keeps the folder's
    narration but leaves out that page's, so no kiosk reads the old sentence aloud."""
    folder = tmp_path / "src"
    shutil.copytree(default_bundle_dir(), folder)
    for name in ("manifest.json", "manifest.sig"):
        (folder / name).unlink()
    page = folder / "pages" / "botox.en.md"
    page.write_text(page.read_text().replace("Botox is one brand.", "Botox is a brand."))
    # In the authoring folder it is a warning; a signed bundle like this would be refused.
    warned = validate_folder(folder, readability_checks=False)[1].warnings
    assert any(
        w.path == "languages.en.pages.botox" and "earlier version" in w.message for w in warned
    )
    out = tmp_path / "edited.kbundle"
    args = ["bundle", "build", str(folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability", "--narration", "none"]) == 0
    assert "languages.en.pages.botox: narration left out" in capsys.readouterr().out
    index = _index(out)
    assert index.page("en", "botox") is None
    assert index.page("es", "botox") is not None  # the Spanish text did not change
    assert index.page("en", "surgery") is not None
    assert "narration/en/page-botox.ogg" not in members(out)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(unpacked)
    built, problems = validate_folder(unpacked, readability_checks=False)
    assert built is not None and not problems.errors, problems.errors

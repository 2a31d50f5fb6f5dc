"""Building from the studio: the version raised, a .kbundle a kiosk installs, nothing on failure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.content.authoring import release_refusal
from kiosk.staff.service import Staff
from kiosk.studio.build import BuildError, build, fleet_repository, publish
from kiosk.studio.folder import StudioFolder
from kiosk.studio.signoff import sign_off
from tests.content.conftest import BUILT_AT, KeyPair
from tests.studio.conftest import files_of

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    stick = tmp_path / "usb"
    stick.mkdir()
    return stick


def test_a_build_raises_the_version_and_a_kiosk_installs_it(
    studio: StudioFolder, signing_key: KeyPair, usb: Path, kiosk_staff: Staff
) -> None:
    studio.set("location.maywood.address", "12 West Pleasant Avenue")
    studio.set("location.maywood.phone", "(201) 555-0134")
    built = build(studio, signing_key.private_path, usb, built_at=BUILT_AT)
    assert built.version == 2
    assert built.path == usb / "town-pt-clonus-v2.kbundle"
    # The town page now says more than its narration: that narration is left out, not shipped.
    left_out = {w.path for w in built.warnings if w.message.startswith("narration left out")}
    assert left_out == {f"languages.{lang}.pages.location-maywood" for lang in ("en", "es")}
    assert "version = 2\n" in (studio.root / "bundle.toml").read_text("utf-8")
    assert not studio.dirty  # the built state is the saved state

    active = kiosk_staff.store.install(built.path)
    assert (active.id, active.version) == ("town-pt-clonus", 2)
    shown = kiosk_staff.store.serve().bundle
    maywood = next(loc for loc in shown.locations if loc.id == "maywood")
    assert maywood.address == "12 West Pleasant Avenue"
    assert maywood.phone == "(201) 555-0134"

    again = build(studio, signing_key.private_path, usb, built_at=BUILT_AT)
    assert again.path.name == "town-pt-clonus-v3.kbundle"


def test_a_release_build_refuses_drafts_as_the_command_line_does(
    studio: StudioFolder, signing_key: KeyPair, usb: Path
) -> None:
    before = files_of(studio.root)
    with pytest.raises(BuildError) as refused:
        build(studio, signing_key.private_path, usb, release=True)
    assert str(refused.value) == release_refusal(studio.page_ids())
    assert files_of(usb) == {}
    assert files_of(studio.root) == before

    sign_off(studio, "Dr. Ana Ruiz, PT, DPT", TODAY, today=TODAY)
    built = build(studio, signing_key.private_path, usb, release=True)
    assert built.path.is_file() and built.version == 2


def test_a_missing_spanish_translation_is_refused(
    studio: StudioFolder, signing_key: KeyPair, usb: Path
) -> None:
    sign_off(studio, "Dr. Ana Ruiz, PT, DPT", TODAY, today=TODAY)
    studio.save()
    before = files_of(studio.root)
    studio.set("page.surgery.es", "")
    with pytest.raises(BuildError) as refused:
        build(studio, signing_key.private_path, usb, release=True)
    assert any(p.file == "pages/surgery.es.md" for p in refused.value.problems)
    assert files_of(usb) == {}
    assert files_of(studio.root) == before
    assert studio.version == 1 and studio.dirty  # the unsaved edit is still there


def test_a_page_past_grade_eight_is_refused(
    studio: StudioFolder, signing_key: KeyPair, usb: Path
) -> None:
    hard = (
        "Comprehensive interdisciplinary consideration of pharmacological contraindications "
        "necessitates longitudinal physiological documentation and neuromuscular evaluation.\n\n"
    )
    title, rest = studio.get("page.causes.en").split("\n", 1)
    studio.set("page.causes.en", f"{title}\n\n{hard * 6}{rest}")
    with pytest.raises(BuildError) as refused:
        build(studio, signing_key.private_path, usb)
    assert any("Flesch-Kincaid grade" in p.message for p in refused.value.problems)
    assert files_of(usb) == {}


def test_a_destination_that_cannot_be_written_changes_nothing(
    studio: StudioFolder, signing_key: KeyPair, tmp_path: Path
) -> None:
    studio.set("location.maywood.hours", "Mon-Fri 8am-6pm")
    studio.save()
    before = files_of(studio.root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the stick's folder should be")
    with pytest.raises(BuildError, match="could not be written"):
        build(studio, signing_key.private_path, blocker / "clinic.kbundle")
    with pytest.raises(BuildError, match="is not a folder"):
        build(studio, signing_key.private_path, tmp_path / "missing")
    with pytest.raises(BuildError, match="outside the bundle folder"):
        build(studio, signing_key.private_path, studio.root / "images")
    assert files_of(studio.root) == before
    assert blocker.read_text() == "a file where the stick's folder should be"
    assert studio.version == 1 and not studio.dirty


def test_a_bad_key_file_is_refused_in_plain_words(
    studio: StudioFolder, tmp_path: Path, usb: Path
) -> None:
    key = tmp_path / "clinic.key"
    key.write_text("not a key")
    with pytest.raises(BuildError, match="signing key"):
        build(studio, key, usb)
    assert files_of(usb) == {}


def test_publish_to_the_fleet_repository(
    studio: StudioFolder, signing_key: KeyPair, usb: Path, tmp_path: Path
) -> None:
    from kiosk.fleet.repository import FleetRepository

    fleet = tmp_path / "fleet"
    assert fleet_repository(fleet) is None
    FleetRepository(fleet).init()
    assert fleet_repository(fleet) == fleet
    built = build(studio, signing_key.private_path, usb, built_at=BUILT_AT)
    offer = publish(built.path, fleet)
    assert (offer.bundle_id, offer.version) == ("town-pt-clonus", 2)
    assert FleetRepository(fleet).offer() == offer
    with pytest.raises(BuildError, match=r"newer|version"):
        publish(built.path, fleet)
    with pytest.raises(BuildError, match="not a fleet repository"):
        publish(built.path, tmp_path / "nowhere")

"""Staff mode says plainly how many pages no clinician has reviewed, apart from reviews due."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content.authoring import build_bundle
from kiosk.content.signing import load_private_key
from kiosk.staff.service import Staff
from tests.content.bundle_factory import REVIEW, write_bundle
from tests.staff_ui.conftest import PIN, Keys, MakeBundle, StaffKioskFactory
from tests.staff_ui.helpers import item, open_panel, shown, text
from tests.ui.helpers import FakeClock

BUILTIN_PAGES = (
    "what-is-clonus, causes, diagnosis, medications, physical-therapy, botox, surgery, "
    "home-care, disclaimer"
)


def test_the_built_in_drafts_are_counted_and_named(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock
) -> None:
    kiosk = make_staff_kiosk()
    open_panel(qtbot, kiosk, clock, PIN)
    assert shown(kiosk, "staffDrafts")
    assert text(kiosk, "staffDrafts") == (
        f"9 pages have not been reviewed by a clinician: {BUILTIN_PAGES}."
    )
    assert item(kiosk, "staffDrafts").property("problem") is True  # bold, in the warning colour
    # Reviews due are a different matter, shown on their own line.
    assert text(kiosk, "staffReviewsDue") == "No page is due for review."


def test_a_reviewed_bundle_says_so(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    make_bundle: MakeBundle,
    staff: Staff,
    tmp_path: Path,
) -> None:
    staff.install(make_bundle(2, folder=tmp_path / "elsewhere"))  # every page has a reviewer
    kiosk = make_staff_kiosk()
    open_panel(qtbot, kiosk, clock, PIN)
    assert text(kiosk, "staffDrafts") == "Every page has been reviewed by a clinician."
    assert item(kiosk, "staffDrafts").property("problem") is False


def test_one_draft_page_is_named(
    qtbot: QtBot,
    make_staff_kiosk: StaffKioskFactory,
    clock: FakeClock,
    staff: Staff,
    clinic_keys: Keys,
    tmp_path: Path,
) -> None:
    src = write_bundle(tmp_path / "src", bundle_id="town-pt-clonus", version=2, languages=("en",))
    toml = src / "bundle.toml"
    # The treatment page loses its review: a draft again, e.g. after it was rewritten.
    manifest_text = toml.read_text(encoding="utf-8")
    marker = 'illustration = "images/stretching.svg"\n' + f"review = {REVIEW}\n"
    assert marker in manifest_text
    toml.write_text(
        manifest_text.replace(marker, 'illustration = "images/stretching.svg"\n'), encoding="utf-8"
    )
    out = tmp_path / "v2.kbundle"
    build_bundle(src, load_private_key(clinic_keys.private), out, readability_checks=False)
    staff.install(out)
    kiosk = make_staff_kiosk()
    open_panel(qtbot, kiosk, clock, PIN)
    assert text(kiosk, "staffDrafts") == (
        "1 page has not been reviewed by a clinician: stretching."
    )

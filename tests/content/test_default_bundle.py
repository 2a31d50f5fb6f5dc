"""The built-in default bundle is sealed, pinned in the package, and matches its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.builtin_pin import SEAL_DIGEST
from kiosk.cli import main
from kiosk.content.pinned import verify_pinned
from kiosk.content.problems import BundleError
from kiosk.paths import default_bundle_dir, resources_dir
from tests.content.conftest import KeyPair


def test_builtin_bundle_is_sealed_and_every_file_verifies() -> None:
    try:
        info = verify_pinned(default_bundle_dir(), SEAL_DIGEST)
    except BundleError as exc:
        raise AssertionError(
            f"{exc}\nEdited resources/bundle? Run scripts/seal-default-bundle."
        ) from exc
    assert info.id == "town-pt-clonus"
    assert info.page_count == 9


def test_no_private_key_ships_in_resources() -> None:
    for path in resources_dir().rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes(), f"{path} holds a private key"


def test_default_bundle_is_all_drafts_valid_but_not_releasable(
    tmp_path: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate passes, with one warning per draft page.
    assert main(["bundle", "validate", "--no-readability", str(default_bundle_dir())]) == 0
    out = capsys.readouterr().out
    assert out.count("WARNING bundle.toml:") == 9
    assert "draft: no clinician has reviewed 'botox' yet" in out
    # A release build refuses it and names every draft page; it writes nothing.
    release = tmp_path / "release.kbundle"
    args = ["bundle", "build", str(default_bundle_dir()), "--key", str(keys.private_path)]
    assert main([*args, "-o", str(release), "--no-readability", "--release"]) == 1
    assert capsys.readouterr().err.strip() == (
        "This bundle cannot be released: 9 pages have not been reviewed by a clinician "
        "(what-is-clonus, causes, diagnosis, medications, physical-therapy, botox, surgery, "
        "home-care, disclaimer)."
    )
    assert not release.exists()

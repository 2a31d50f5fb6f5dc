"""The built-in default bundle is sealed, pinned in the package, and matches its sources."""

from __future__ import annotations

from kiosk.builtin_pin import SEAL_DIGEST
from kiosk.content.pinned import verify_pinned
from kiosk.content.problems import BundleError
from kiosk.paths import default_bundle_dir, resources_dir


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

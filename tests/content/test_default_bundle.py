"""The built-in default bundle is sealed with the built-in key and matches its sources."""

from __future__ import annotations

from kiosk.content.problems import BundleError
from kiosk.content.signing import load_public_key
from kiosk.content.verify import verify_folder
from kiosk.paths import builtin_trust_dir, default_bundle_dir, resources_dir


def test_builtin_bundle_is_sealed_and_every_file_verifies() -> None:
    keys = [load_public_key(p) for p in sorted(builtin_trust_dir().glob("*.pub"))]
    assert keys, "resources/keys holds no public key"
    try:
        info = verify_folder(default_bundle_dir(), keys)
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

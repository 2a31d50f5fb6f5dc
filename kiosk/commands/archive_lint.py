"""`kiosk bundle validate X.kbundle`: every problem of the bundle inside, without trust."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kiosk.content.archive import DEFAULT_LIMITS, Limits, SafeArchive
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError, Problems
from kiosk.content.sealed import (
    MANIFEST_JSON,
    MANIFEST_SIG,
    MAX_MANIFEST_BYTES,
    NO_MANIFEST,
    NOT_SIGNED,
)
from kiosk.content.signed_manifest import bundle_manifest, parse_manifest
from kiosk.content.validate import validate_folder
from kiosk.content.verify import copy_members


def validate_archive(
    path: Path, *, readability_checks: bool = True, limits: Limits = DEFAULT_LIMITS
) -> tuple[Bundle | None, Problems]:
    """`kiosk bundle validate X.kbundle`: every problem of the bundle inside, without trust.

    The files must still match manifest.json. They are checked in a temporary folder that is
    deleted before returning, so the bundle is always None: its paths would point nowhere.
    """
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="kiosk-validate-") as temp:
        folder = Path(temp) / "bundle"
        try:
            with SafeArchive(path, limits) as archive:
                if MANIFEST_JSON not in archive:
                    raise BundleError(NO_MANIFEST)
                manifest = parse_manifest(
                    archive.read_small(MANIFEST_JSON, MAX_MANIFEST_BYTES), limits
                )
                expected = {entry.path for entry in manifest.files} | {MANIFEST_JSON}
                if MANIFEST_SIG in archive:
                    expected.add(MANIFEST_SIG)
                else:
                    problems.error(path.name, MANIFEST_SIG, NOT_SIGNED)
                archive.check_listed(expected)
                folder.mkdir()
                toml = copy_members(archive, manifest, folder)
        except BundleError as exc:
            problems.error(path.name, "", exc.summary)
            problems.extend(exc.problems)
            return None, problems
        _, found = validate_folder(folder, readability_checks=readability_checks)
        problems.extend(found.items)
        if found.ok:
            try:
                bundle_manifest(toml, manifest)
            except BundleError as exc:
                problems.error(path.name, MANIFEST_JSON, exc.summary)
    return None, problems

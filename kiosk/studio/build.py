"""Building a signed .kbundle from the studio, and publishing it to the practice's fleet.

API:
- `build(folder, key, dest, *, release=False, built_at=None) -> Built` builds the folder's
  current state (unsaved edits included) with its version raised by one, signed with `key` (a
  private key or its .key file), with kiosk/content/authoring.py build_bundle, the command line's
  own build: the same validation, reading levels included, and with `release=True` the same
  refusal of draft pages. `dest` is a folder (a USB stick's, say), where the file is named
  `<id>-v<version>.kbundle`, or the .kbundle path itself. Only after a successful build is the
  folder saved, with the raised version. A refused or failed build raises BuildError (plain
  words, with the validator's problems) and changes nothing: no file at `dest`, the version and
  the folder as they were.
- `fleet_repository(path) -> Path | None`: the folder when it holds a fleet repository made by
  `kiosk fleet init` (its keys and root.json), else None.
- `publish(built, repository) -> Offer`: offers the built file to every kiosk of the practice,
  with the function `kiosk fleet publish` uses (kiosk/fleet/repository.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.authoring import build_bundle
from kiosk.content.manifest import MANIFEST_NAME
from kiosk.content.problems import BundleError, Problem
from kiosk.content.signed_manifest import SignedManifest
from kiosk.content.signing import KeyFileError, load_private_key
from kiosk.fleet.keys import RepositoryKeyError
from kiosk.fleet.repository import FleetRepository, Offer, RepositoryError, read_offer
from kiosk.studio.document import ManifestDoc
from kiosk.studio.folder import StudioFolder

SUFFIX = ".kbundle"


class BuildError(Exception):
    """A build or publication that did not happen, in plain words; nothing was changed."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Built:
    path: Path
    version: int
    manifest: SignedManifest
    warnings: tuple[Problem, ...]


def _key(key: Ed25519PrivateKey | Path) -> Ed25519PrivateKey:
    if isinstance(key, Ed25519PrivateKey):
        return key
    try:
        return load_private_key(key)
    except KeyFileError as exc:
        raise BuildError(f"The signing key cannot be used: {exc}") from exc
    except OSError as exc:
        raise BuildError(f"The signing key {key} cannot be read ({exc.strerror}).") from exc


def _target(folder: StudioFolder, dest: Path, version: int) -> Path:
    if dest.resolve().is_relative_to(folder.root.resolve()):
        # It would become a file of the bundle itself, which validation refuses.
        raise BuildError("Build to a folder outside the bundle folder, such as a USB stick.")
    if dest.suffix == SUFFIX:
        return dest
    if not dest.is_dir():
        raise BuildError(f"{dest} is not a folder: choose a folder or a USB stick to build to.")
    bundle_id = str(folder.values().get("id", "bundle"))
    return dest / f"{bundle_id}-v{version}{SUFFIX}"


def _stage(folder: StudioFolder, version: int, staging: Path) -> None:
    """Writes the folder as a save would leave it, with the new version, into `staging`."""
    for rel, source in folder.files().items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copyfile(source, target)
    manifest = ManifestDoc(folder.manifest.dumps())
    manifest.doc["version"] = version
    (staging / MANIFEST_NAME).write_text(manifest.dumps(), encoding="utf-8")


def build(
    folder: StudioFolder,
    key: Ed25519PrivateKey | Path,
    dest: Path,
    *,
    release: bool = False,
    built_at: dt.datetime | None = None,
) -> Built:
    version = folder.version + 1
    out = _target(folder, dest, version)
    signing_key = _key(key)
    with tempfile.TemporaryDirectory(prefix="kiosk-studio-build-") as temp:
        staging = Path(temp) / "bundle"
        staging.mkdir()
        _stage(folder, version, staging)
        try:
            built = build_bundle(staging, signing_key, out, release=release, built_at=built_at)
        except BundleError as exc:
            raise BuildError(exc.summary, tuple(exc.problems)) from exc
    folder.set_version(version)
    try:
        folder.save()
    except OSError as exc:
        raise BuildError(
            f"{out} was built, but the raised version could not be saved in {folder.root} "
            f"({exc.strerror}): save again before the next build."
        ) from exc
    return Built(out, version, built.manifest, built.warnings)


def fleet_repository(path: Path) -> Path | None:
    repository = FleetRepository(path)
    has_root = (repository.metadata_dir / "root.json").is_file()
    return path if has_root and repository.keys_dir.is_dir() else None


def publish(built: Path, repository: Path) -> Offer:
    if fleet_repository(repository) is None:
        raise BuildError(
            f"{repository} is not a fleet repository: create one with `kiosk fleet init` "
            "(docs/fleet.md)."
        )
    try:
        return FleetRepository(repository).publish(built, read_offer(built))
    except (RepositoryError, RepositoryKeyError) as exc:
        raise BuildError(str(exc)) from exc
    except OSError as exc:
        raise BuildError(f"{exc.filename or built}: {exc.strerror}") from exc

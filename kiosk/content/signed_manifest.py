"""manifest.json, the signed list of a bundle's files: its schema, its exact bytes, and the
check of its signature against the trusted keys.

`manifest.json` lists every file with its SHA-256 and size; `manifest.sig` is the raw Ed25519
signature over the exact bytes of `manifest.json`. Nothing in `manifest.json` is believed before
that signature checks out against a trusted key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kiosk.content.archive import DEFAULT_LIMITS, MAX_NAME_CHARS, Limits, check_names
from kiosk.content.bundle import Id
from kiosk.content.manifest import FORMAT, MANIFEST_NAME, Manifest
from kiosk.content.problems import BundleError, field_path
from kiosk.content.sealed import SIGNED_FILES
from kiosk.content.signing import find_signer, key_id

_KEY_ID = re.compile(r"^[0-9a-f]{16}$")

BAD_SIGNATURE = "The bundle's signature is not valid."


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    path: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0)]


class SignedManifest(BaseModel):
    """The contents of manifest.json."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    format: Annotated[int, Field(ge=FORMAT, le=FORMAT)]
    id: Id
    version: Annotated[int, Field(ge=1)]
    built_at: AwareDatetime
    signer: Annotated[str, StringConstraints(pattern=_KEY_ID.pattern)]
    files: tuple[FileEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files)


@dataclass(frozen=True)
class VerifiedBundle:
    id: str
    version: int
    signer: str
    built_at: dt.datetime
    file_count: int
    total_size: int
    page_count: int
    manifest: Manifest  # bundle.toml
    files: tuple[FileEntry, ...]
    signed: SignedManifest  # manifest.json


# -- manifest.json -----------------------------------------------------------------------------


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_bytes(manifest: SignedManifest) -> bytes:
    """Deterministic JSON: fixed key order, ASCII only, so the signed bytes never depend on
    the platform or the JSON library's mood."""
    document = {
        "format": manifest.format,
        "id": manifest.id,
        "version": manifest.version,
        "built_at": _iso(manifest.built_at),
        "signer": manifest.signer,
        "files": [
            {"path": entry.path, "sha256": entry.sha256, "size": entry.size}
            for entry in sorted(manifest.files, key=lambda entry: entry.path)
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def parse_manifest(data: bytes, limits: Limits = DEFAULT_LIMITS) -> SignedManifest:
    try:
        manifest = SignedManifest.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = field_path(first["loc"]) or "top level"
        raise BundleError(
            f"The bundle's manifest.json is not valid ({where}: {first['msg']})."
        ) from None
    paths = [entry.path for entry in manifest.files]
    for path in paths:
        if path in SIGNED_FILES:
            raise BundleError(f"The bundle's manifest.json lists {path} as one of its files.")
    check_names([*paths, *sorted(SIGNED_FILES)], limits)
    return manifest


def claimed_signer(data: bytes) -> str | None:
    """The signer manifest.json names, for the error message only: it is not yet trusted."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    signer = document.get("signer") if isinstance(document, dict) else None
    return signer if isinstance(signer, str) and _KEY_ID.match(signer) else None


def check_signature(
    data: bytes, signature: bytes, trusted: Sequence[Ed25519PublicKey], limits: Limits
) -> SignedManifest:
    """The manifest, parsed only once a trusted key has vouched for its exact bytes."""
    signer = find_signer(trusted, signature, data)
    if signer is None:
        claimed = claimed_signer(data)
        if claimed is not None and claimed not in {key_id(key) for key in trusted}:
            raise BundleError(
                f"The bundle was signed by key {claimed}, which this kiosk does not trust."
            )
        raise BundleError(BAD_SIGNATURE)
    manifest = parse_manifest(data, limits)
    if manifest.signer != key_id(signer):
        raise BundleError(
            f"The bundle's manifest.json names key {manifest.signer} as its signer, "
            f"but it was signed by key {key_id(signer)}."
        )
    return manifest


def bundle_manifest(toml: bytes | None, signed: SignedManifest) -> Manifest:
    """The bundle.toml inside, parsed (its bytes were checked against the signed hash)."""
    if toml is None:
        listed = any(entry.path == MANIFEST_NAME for entry in signed.files)
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} is too large."
            if listed
            else f"The bundle has no {MANIFEST_NAME}."
        )
    try:
        manifest = Manifest.model_validate(tomllib.loads(toml.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise BundleError(f"The bundle's {MANIFEST_NAME} cannot be read.") from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} is not valid ({field_path(first['loc'])}: "
            f"{first['msg']})."
        ) from None
    if (manifest.id, manifest.version) != (signed.id, signed.version):
        raise BundleError(
            f"The bundle's {MANIFEST_NAME} and manifest.json disagree about its id or version."
        )
    return manifest


def verified(signed: SignedManifest, toml: bytes | None) -> VerifiedBundle:
    manifest = bundle_manifest(toml, signed)
    return VerifiedBundle(
        id=signed.id,
        version=signed.version,
        signer=signed.signer,
        built_at=signed.built_at,
        file_count=len(signed.files),
        total_size=signed.total_size,
        # about + treatments + the disclaimer, as Bundle.page_count counts them
        page_count=len(manifest.about) + len(manifest.treatments) + 1,
        manifest=manifest,
        files=signed.files,
        signed=signed,
    )

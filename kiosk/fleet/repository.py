"""The content team's TUF repository: `kiosk fleet init / publish / refresh / rotate-key`.

Layout of DIR (only `DIR/repository` is published; `DIR/keys` never leaves the team's computer):

    keys/<role>-<key id>.pem          private Ed25519 keys, mode 0600
    repository/metadata/N.root.json   every root version (kiosks walk from theirs to the newest)
    repository/metadata/root.json     the newest root: what a kiosk joins with
    repository/metadata/N.snapshot.json, N.targets.json, timestamp.json
    repository/targets/<sha256>.content.kbundle

Consistent snapshots: each publish writes new versioned files and replaces `timestamp.json` last,
atomically, so a kiosk reading during a publish sees one release or the other, never a mix.
The metadata is built with python-tuf's `tuf.api.metadata`, as its examples/manual_repo does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk import atomic
from kiosk.fleet import keys as key_files
from kiosk.fleet.config import TARGET_NAME

EXPIRY = {
    Root.type: dt.timedelta(days=365),
    Targets.type: dt.timedelta(days=365),
    Snapshot.type: dt.timedelta(days=30),
    Timestamp.type: dt.timedelta(days=7),
}
# `refresh` renews a role that expires sooner than this (the timestamp always).
RENEW_BEFORE = {
    Root.type: dt.timedelta(days=60),
    Targets.type: dt.timedelta(days=60),
    Snapshot.type: dt.timedelta(days=10),
}
ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
Clock = Callable[[], dt.datetime]


class RepositoryError(Exception):
    """A repository action that was refused; one sentence, nothing was changed."""


@dataclass(frozen=True)
class Offer:
    """The bundle a repository offers, from the signed `custom` field of its target."""

    bundle_id: str
    version: int

    def to_custom(self) -> dict[str, Any]:
        return {"bundle": self.bundle_id, "version": self.version}

    @staticmethod
    def from_target(target: TargetFile) -> Offer | None:
        custom = target.unrecognized_fields.get("custom")
        if not isinstance(custom, dict):
            return None
        bundle_id, version = custom.get("bundle"), custom.get("version")
        if not isinstance(bundle_id, str) or type(version) is not int:
            return None
        return Offer(bundle_id, version)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FleetRepository:
    def __init__(self, folder: Path, *, clock: Clock = utc_now) -> None:
        self.folder = folder
        self.clock = clock

    @property
    def keys_dir(self) -> Path:
        return self.folder / "keys"

    @property
    def metadata_dir(self) -> Path:
        return self.folder / "repository" / "metadata"

    @property
    def targets_dir(self) -> Path:
        return self.folder / "repository" / "targets"

    # -- reading -----------------------------------------------------------------------------
    def _read(self, name: str) -> Metadata[Any]:
        try:
            return Metadata.from_file(str(self.metadata_dir / name))
        except FileNotFoundError:
            raise RepositoryError(
                f"{self.folder} holds no fleet repository; create one with `kiosk fleet init`."
            ) from None

    def root(self) -> Metadata[Root]:
        return self._read("root.json")

    def timestamp(self) -> Metadata[Timestamp]:
        return self._read("timestamp.json")

    def snapshot(self) -> Metadata[Snapshot]:
        return self._read(f"{self.timestamp().signed.snapshot_meta.version}.snapshot.json")

    def targets(self) -> Metadata[Targets]:
        version = self.snapshot().signed.meta["targets.json"].version
        return self._read(f"{version}.targets.json")

    def offer(self) -> Offer | None:
        target = self.targets().signed.targets.get(TARGET_NAME)
        return Offer.from_target(target) if target is not None else None

    # -- writing -----------------------------------------------------------------------------
    def _expires(self, role: str) -> dt.datetime:
        return (self.clock() + EXPIRY[role]).replace(microsecond=0)

    def _sign(self, md: Metadata[Any], root: Root, *, bump: bool = True) -> None:
        if bump:
            md.signed.version += 1
        md.signed.expires = self._expires(md.signed.type)
        md.signatures.clear()
        for signer in key_files.signers_for(self.keys_dir, root, md.signed.type):
            md.sign(signer, append=True)

    def _write(self, md: Metadata[Any], name: str) -> None:
        data = md.to_bytes(JSONSerializer(compact=False))
        atomic.write_bytes(self.metadata_dir / name, data)

    def _write_root(self, root: Metadata[Root]) -> None:
        self._write(root, f"{root.signed.version}.root.json")
        self._write(root, "root.json")

    def _release(self, root: Root, targets: Metadata[Targets] | None) -> None:
        """New snapshot (naming `targets` when given) and timestamp; timestamp.json goes last."""
        snapshot = self.snapshot()
        if targets is not None:
            self._sign(targets, root)
            self._write(targets, f"{targets.signed.version}.targets.json")
            snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        self._sign(snapshot, root)
        self._write(snapshot, f"{snapshot.signed.version}.snapshot.json")
        self._new_timestamp(root, snapshot.signed.version)

    def _new_timestamp(self, root: Root, snapshot_version: int) -> None:
        timestamp = self.timestamp()
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot_version)
        self._sign(timestamp, root)
        self._write(timestamp, "timestamp.json")

    # -- the commands ------------------------------------------------------------------------
    def init(self, *, root_keys: int = 1, root_threshold: int = 1) -> Metadata[Root]:
        """A new repository with fresh keys, nothing published yet."""
        if (self.metadata_dir / "root.json").exists():
            raise RepositoryError(f"{self.folder} already holds a fleet repository.")
        if not 1 <= root_threshold <= root_keys:
            raise RepositoryError("The root threshold must be between 1 and the number of keys.")
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        root = Metadata(Root(expires=self._expires(Root.type), consistent_snapshot=True))
        for role in ROLES:
            count = root_keys if role == Root.type else 1
            for _ in range(count):
                root.signed.add_key(key_files.new_key(self.keys_dir, role).public_key, role)
        root.signed.roles[Root.type].threshold = root_threshold
        self._sign(root, root.signed, bump=False)
        self._write_root(root)
        targets = Metadata(Targets(expires=self._expires(Targets.type)))
        self._sign(targets, root.signed, bump=False)
        self._write(targets, "1.targets.json")
        snapshot = Metadata(Snapshot(expires=self._expires(Snapshot.type)))
        self._sign(snapshot, root.signed, bump=False)
        self._write(snapshot, "1.snapshot.json")
        timestamp = Metadata(Timestamp(expires=self._expires(Timestamp.type)))
        self._sign(timestamp, root.signed, bump=False)
        self._write(timestamp, "timestamp.json")
        return root

    def publish(self, bundle: Path, offer: Offer) -> Offer:
        """Makes `bundle` (already read: `offer`) the one bundle this repository offers."""
        current = self.offer()
        if current and current.bundle_id == offer.bundle_id and current.version >= offer.version:
            raise RepositoryError(
                f"Version {current.version} of {current.bundle_id} is already published; "
                f"this bundle is version {offer.version}. Publish a newer version."
            )
        root = self.root().signed
        with bundle.open("rb") as data:
            target = TargetFile.from_data(TARGET_NAME, data)
        target.unrecognized_fields["custom"] = offer.to_custom()
        stored = self.targets_dir / f"{target.hashes['sha256']}.{TARGET_NAME}"
        _copy_checked(bundle, stored, target.hashes["sha256"])
        targets = self.targets()
        targets.signed.targets = {TARGET_NAME: target}
        self._release(root, targets)
        return offer

    def refresh(self) -> list[str]:
        """Renews what expires soon (the timestamp always); returns the roles re-signed."""
        now = self.clock()
        root = self.root()
        renewed: list[str] = []
        if root.signed.expires - now < RENEW_BEFORE[Root.type]:
            self._sign(root, root.signed)
            self._write_root(root)
            renewed.append(Root.type)
        targets = self.targets()
        renew_targets = targets.signed.expires - now < RENEW_BEFORE[Targets.type]
        if renew_targets or self.snapshot().signed.expires - now < RENEW_BEFORE[Snapshot.type]:
            self._release(root.signed, targets if renew_targets else None)
            renewed += [Targets.type] * renew_targets + [Snapshot.type]
        else:
            self._new_timestamp(root.signed, self.timestamp().signed.snapshot_meta.version)
        return [*renewed, Timestamp.type]

    def rotate_key(self, role: str) -> tuple[list[str], list[str]]:
        """Replaces every key of `role` with a fresh one; returns (revoked ids, new ids).

        The new root is signed by the old root keys and the new ones, so kiosks that trust the
        old root accept it; the revoked private keys are deleted.
        """
        if role not in ROLES:
            raise RepositoryError(f"ROLE must be one of {', '.join(ROLES)}, not {role!r}.")
        root = self.root()
        old_root = Metadata[Root].from_bytes(root.to_bytes())
        old_ids = list(root.signed.roles[role].keyids)
        new_ids: list[str] = []
        for _ in old_ids:
            public = key_files.new_key(self.keys_dir, role).public_key
            root.signed.add_key(public, role)
            new_ids.append(public.keyid)
        for keyid in old_ids:
            root.signed.revoke_key(keyid, role)
        root.signed.version += 1
        root.signed.expires = self._expires(Root.type)
        root.signatures.clear()
        signers = key_files.signers_for(self.keys_dir, old_root.signed, Root.type)
        if role == Root.type:
            signers += key_files.signers_for(self.keys_dir, root.signed, Root.type)
        for signer in signers:
            root.sign(signer, append=True)
        self._write_root(root)
        self._resign_after_rotation(root.signed, role)
        key_files.forget(self.keys_dir, role, old_ids)
        return old_ids, new_ids

    def _resign_after_rotation(self, root: Root, role: str) -> None:
        if role == Targets.type:
            self._release(root, self.targets())
        elif role == Snapshot.type:
            self._release(root, None)
        else:
            self._new_timestamp(root, self.timestamp().signed.snapshot_meta.version)


def _copy_checked(src: Path, dest: Path, sha256: str) -> None:
    """Copies the bundle next to the metadata, checking it did not change since it was hashed."""
    temp = dest.with_name(f"{dest.name}{atomic.TEMP_MARK}copy")
    with src.open("rb") as source, temp.open("wb") as out:
        digest = hashlib.sha256()
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        temp.unlink()
        raise RepositoryError(f"{src} changed while it was being published; try again.")
    temp.replace(dest)


def read_offer(bundle: Path) -> Offer:
    """The id and version a .kbundle's manifest claims (kiosks check its signature on install)."""
    from kiosk.content.archive import DEFAULT_LIMITS, SafeArchive
    from kiosk.content.problems import BundleError
    from kiosk.content.sealed import MANIFEST_JSON, MAX_MANIFEST_BYTES
    from kiosk.content.signed_manifest import parse_manifest

    try:
        with SafeArchive(bundle, DEFAULT_LIMITS) as archive:
            if MANIFEST_JSON not in archive:
                raise RepositoryError(f"{bundle} is not a built bundle (no manifest.json).")
            manifest = parse_manifest(archive.read_small(MANIFEST_JSON, MAX_MANIFEST_BYTES))
    except BundleError as exc:
        raise RepositoryError(exc.summary) from None
    return Offer(manifest.id, manifest.version)

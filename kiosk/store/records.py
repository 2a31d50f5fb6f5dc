"""What the store keeps and reports: its pointer (state.json entries) and what staff are shown.

No I/O here: kiosk/store/bundle_store.py reads and writes these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kiosk.content.bundle import Bundle

if TYPE_CHECKING:
    from kiosk.content.signed_manifest import VerifiedBundle

Source = Literal["installed", "previous", "builtin"]


@dataclass(frozen=True)
class Entry:
    folder: str
    installed_at: dt.datetime

    def to_json(self) -> dict[str, str]:
        return {"folder": self.folder, "installed_at": self.installed_at.isoformat()}

    @staticmethod
    def from_json(raw: Any) -> Entry:
        folder = raw["folder"]
        if not isinstance(folder, str) or not folder or "/" in folder or folder.startswith("."):
            raise ValueError("bad folder name")
        return Entry(folder, dt.datetime.fromisoformat(raw["installed_at"]))


@dataclass(frozen=True)
class State:
    active: Entry | None = None
    history: tuple[Entry, ...] = ()
    # The highest version ever installed, per bundle id: an install is never older.
    highest: dict[str, int] = field(default_factory=dict)

    def newest_seen(self, bundle_id: str) -> int:
        labels = (folder_id_version(entry.folder) for entry in self.entries)
        versions = [v for ident, v in labels if ident == bundle_id]
        return max([self.highest.get(bundle_id, 0), *versions])

    @property
    def entries(self) -> tuple[Entry, ...]:
        return ((self.active,) if self.active else ()) + self.history


@dataclass(frozen=True)
class ActiveBundle:
    """The bundle the kiosk serves, verified file by file just now."""

    path: Path
    info: VerifiedBundle
    source: Source  # installed: the active one; previous: a fallback; builtin: shipped default
    installed_at: dt.datetime | None = None
    fallback_reason: str | None = None  # why the active installed bundle is not the one served

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> int:
        return self.info.version


@dataclass(frozen=True)
class Served:
    """What the patient app shows: the content of the bundle `open_active()` would pick."""

    bundle: Bundle
    source: Source
    fallback_reason: str | None = None


@dataclass(frozen=True)
class Installed:
    """One bundle folder the pointer names, checked just now."""

    folder: str
    role: Literal["active", "previous"]
    installed_at: dt.datetime
    info: VerifiedBundle | None  # None when it failed verification
    problem: str | None = None


@dataclass(frozen=True)
class ReviewDue:
    page_id: str
    due: dt.date


@dataclass(frozen=True)
class Description:
    """What the staff panel shows about the active bundle."""

    id: str
    title: str  # the organization's name
    version: int
    signer: str  # key id
    built_at: dt.datetime
    installed_at: dt.datetime | None  # None for the built-in bundle
    source: Source
    fallback_reason: str | None
    page_count: int
    reviews_due: tuple[ReviewDue, ...]
    drafts: tuple[str, ...]  # ids of the pages no clinician has reviewed yet
    previous: tuple[str, ...]  # "<id> version <n>" of the bundles a rollback can return to
    storage_problem: str | None = None  # the data folder cannot be written, for staff


@dataclass(frozen=True)
class Diff:
    """What installing a bundle would change; `blocked` says why it would be refused."""

    path: Path
    old_id: str
    old_version: int
    new_id: str
    new_version: int
    signer: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    blocked: str | None = None
    info: VerifiedBundle | None = field(default=None, compare=False, repr=False)

    @property
    def replaces_other_bundle(self) -> bool:
        return self.old_id != self.new_id


def page_files(info: VerifiedBundle) -> dict[str, dict[str, str]]:
    """Page id -> {file path: sha256} of every file that makes up that page."""
    manifest = info.manifest
    hashes = {f.path: f.sha256 for f in info.files}
    pages: dict[str, dict[str, str]] = {}
    stems: list[tuple[str, str, str | None]] = [
        (p.id, p.text, p.illustration) for p in (*manifest.about, *manifest.treatments)
    ]
    stems.append(("disclaimer", manifest.disclaimer.text, None))
    for page_id, stem, illustration in stems:
        paths = [f"{stem}.{lang}.md" for lang in manifest.languages]
        if illustration:
            paths.append(illustration)
        pages[page_id] = {p: hashes.get(p, "") for p in paths}
    return pages


def diff_pages(
    old: VerifiedBundle, new: VerifiedBundle
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Pages added, changed (any of their files differs) and removed, each in bundle order."""
    before, after = page_files(old), page_files(new)
    added = tuple(p for p in after if p not in before)
    removed = tuple(p for p in before if p not in after)
    changed = tuple(p for p in after if p in before and after[p] != before[p])
    return added, changed, removed


def reviews_due(info: VerifiedBundle, today: dt.date) -> tuple[ReviewDue, ...]:
    manifest = info.manifest
    pages = [(p.id, p.review) for p in (*manifest.about, *manifest.treatments)]
    pages.append(("disclaimer", manifest.disclaimer.review))
    return tuple(
        ReviewDue(page_id, r.due) for page_id, r in pages if r.due is not None and r.due <= today
    )


def draft_pages(info: VerifiedBundle) -> tuple[str, ...]:
    """Ids of the pages (and "disclaimer") with no named reviewer and date, in bundle order."""
    manifest = info.manifest
    pages = [(p.id, p.review) for p in (*manifest.about, *manifest.treatments)]
    pages.append(("disclaimer", manifest.disclaimer.review))
    return tuple(page_id for page_id, review in pages if review.is_draft)


def describe_active(
    active: ActiveBundle, history: Sequence[Entry], today: dt.date, storage_problem: str | None
) -> Description:
    """What staff are told of the active bundle and the ones a rollback can return to."""
    info = active.info
    return Description(
        id=info.id,
        title=info.manifest.organization.name,
        version=info.version,
        signer=info.signer,
        built_at=info.built_at,
        installed_at=active.installed_at,
        source=active.source,
        fallback_reason=active.fallback_reason,
        page_count=info.page_count,
        reviews_due=reviews_due(info, today),
        drafts=draft_pages(info),
        previous=tuple(folder_label(e.folder) for e in history),
        storage_problem=storage_problem,
    )


def describe_bundle(info: VerifiedBundle | Bundle) -> str:
    return f"{info.id} version {info.version}"


def folder_id_version(folder: str) -> tuple[str, int]:
    """'town-pt-v3-a1b2c3' -> ('town-pt', 3); ('', 0) for a name of another shape."""
    stem, _, _ = folder.rpartition("-")
    ident, _, version = stem.rpartition("-v")
    if ident and version.isdigit() and len(version) < 10:
        return ident, int(version)
    return "", 0


def folder_label(folder: str) -> str:
    """'town-pt-v3-a1b2c3' -> 'town-pt version 3'."""
    ident, version = folder_id_version(folder)
    return f"{ident} version {version}" if ident else folder

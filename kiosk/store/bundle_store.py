"""The store of installed bundles in the kiosk's data folder.

Layout under `root`:

    bundles/<id>-v<version>-<random>/   extracted, sealed bundles (manifest.json + manifest.sig)
    staging/                           installs in progress; emptied at every start-up
    trusted/<key id>.pub               public keys trusted for installs
    ready/<seal digest>.json           ready copies of verified bundles (kiosk/store/ready.py)
    state.json                         {"active": entry|null, "history": [entries, newest first]}
    .lock                              held while installing, rolling back or cleaning up

`state.json` is the active pointer. It is only ever replaced whole (temp file, fsync, os.replace,
fsync of the folder), so at any instant it names one complete, verified folder or none (then the
built-in bundle is served). Install and rollback only switch the pointer; folders that it no
longer names are deleted at the next start-up, never while a running kiosk may still show them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from kiosk import atomic, statefile
from kiosk.clocks import WallClock
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.content.sealed import Digest, Seal, check_files, read_seal
from kiosk.content.trust_roots import check_pin
from kiosk.store import ready, trust
from kiosk.store.secret import SecretKey, private_dir, secret_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from kiosk.content.signed_manifest import VerifiedBundle

# kiosk.content.verify, kiosk.content.validate and kiosk.content.signing are imported
# where they are used: they load the schema (pydantic), the Markdown parser and cryptography,
# which the patient app's start skips when its bundle has a ready copy (bench/bench_ui.py).

KEEP_PREVIOUS = 3
MAX_READY_COPY_BYTES = 64 * 1024 * 1024  # a ready copy is the rendered text: far less
STATE_NAME = "state.json"
MIN_SPARE_BYTES = 4 * 1024 * 1024  # free space left over after an install, at the least

Source = Literal["installed", "previous", "builtin"]
Progress = Callable[[int, int], None]
Keys = Callable[[], "Sequence[Ed25519PublicKey]"]  # loaded only when a signature is checked
_T = TypeVar("_T")


class StoreError(BundleError):
    """An action the store refused; `summary` is one sentence for staff, nothing was changed."""


class EventSink(Protocol):
    """Where the store reports what staff should know (kiosk.staff.log.StaffLog fits)."""

    def record(self, action: str, message: str, /, **details: Any) -> None: ...


class _NoEvents:
    def record(self, action: str, message: str, /, **details: Any) -> None:
        pass


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
        labels = (_folder_id_version(entry.folder) for entry in self.entries)
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


def _folder_name(info: VerifiedBundle) -> str:
    return f"{info.id}-v{info.version}-{secrets.token_hex(3)}"


def _describe(info: VerifiedBundle | Bundle) -> str:
    return f"{info.id} version {info.version}"


def _file_digests(info: VerifiedBundle) -> dict[str, Digest]:
    """What the signed manifest says every file must hash to (kept in the ready copy)."""
    return {entry.path: Digest(entry.sha256, entry.size) for entry in info.files}


class BundleStore:
    def __init__(
        self,
        root: Path,
        builtin: Path,
        builtin_pin: str,
        *,
        events: EventSink | None = None,
        clock: WallClock = utc_now,
        secrets_folder: Path | None = None,
        render_check: Callable[[Path], list[str]] | None = None,
    ) -> None:
        self.root = root
        self.builtin = builtin
        # The built-in bundle is trusted by its seal digest, shipped in the package; no key.
        self.builtin_pin = builtin_pin
        self.events: EventSink = events or _NoEvents()
        self.clock = clock
        self.secret_dir = secrets_folder or secret_dir(root)
        self._mac_key = SecretKey(self.secret_dir)
        # Draws the images with Qt in a child process before an install (kiosk/store/render.py).
        self.render_check = render_check

    # -- layout ----------------------------------------------------------------------------
    @property
    def bundles_dir(self) -> Path:
        return self.root / "bundles"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    @property
    def trusted_dir(self) -> Path:
        return self.root / "trusted"

    @property
    def ready_dir(self) -> Path:
        return self.root / "ready"

    @property
    def state_path(self) -> Path:
        return self.root / STATE_NAME

    def _ensure_layout(self) -> None:
        # Private to the kiosk user: 0700 folders (files are written 0600).
        for folder in (self.root, self.bundles_dir, self.staging_dir, self.trusted_dir):
            private_dir(folder)

    @contextlib.contextmanager
    def _locked(self, *, wait: bool = False) -> Iterator[bool]:
        """Yields True with the store's lock held, or False when another process holds it."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no other kiosk process is expected
            yield True
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # closing releases the lock

    # -- trusted keys -----------------------------------------------------------------------
    def trusted_keys(self) -> list[Ed25519PublicKey]:
        return trust.load_keys(self.trusted_dir)

    def trust_key(self, public_key: Path) -> str:
        """Adds a public key (PEM) to the keys trusted for installs; returns its key id."""
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        from kiosk.content.signing import (
            KeyFileError,
            check_not_publicly_known,
            key_id,
            load_public_key,
        )

        try:
            key = load_public_key(public_key)
            ident = key_id(key)
            check_not_publicly_known(ident)
        except KeyFileError as exc:
            raise StoreError(str(exc)) from None
        pem = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        with _disk_refusal():
            self._ensure_layout()
            atomic.write_bytes(self.trusted_dir / f"{ident}.pub", pem, mode=0o600)
        self.events.record("trust", f"Key {ident} is now trusted for installs.", key=ident)
        return ident

    def untrust_key(self, ident: str) -> None:
        """Stops trusting a key: its bundles are no longer installed or served (the kiosk
        falls back at once to the newest kept bundle whose signer is still trusted)."""
        ident = ident.strip().lower()
        if ident not in trust.trusted_ids(self.trusted_dir):
            raise StoreError(f"Key {ident} is not trusted on this kiosk, so nothing was changed.")
        with _disk_refusal():
            (self.trusted_dir / f"{ident}.pub").unlink()
            atomic.fsync_dir(self.trusted_dir)
        self.events.record("untrust", f"Key {ident} is no longer trusted.", key=ident)

    # -- state ------------------------------------------------------------------------------
    def read_state(self) -> State:
        """The pointer; a missing file means nothing installed. Raises ValueError when damaged."""
        data = statefile.read_bytes(self.state_path)  # StateFileError is a ValueError
        if data is None:
            return State()
        raw = statefile.parse_json(data, STATE_NAME)
        try:
            active = Entry.from_json(raw["active"]) if raw["active"] is not None else None
            history = tuple(Entry.from_json(item) for item in raw["history"])
            highest = {str(k): v for k, v in raw.get("highest", {}).items() if isinstance(v, int)}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"unexpected content ({exc})") from None
        return State(active, history, highest)

    def _state_or_empty(self) -> State:
        try:
            return self.read_state()
        except ValueError:
            return State()

    def _write_state(self, state: State) -> None:
        """Switches the pointer. Raises OSError only if the switch did not happen."""
        data = {
            "format": 1,
            "active": state.active.to_json() if state.active else None,
            "history": [e.to_json() for e in state.history],
            "highest": dict(sorted(state.highest.items())),
        }
        text = json.dumps(data, indent=2) + "\n"
        atomic.write_bytes(self.state_path, text.encode(), mode=0o600, sync_dir=False)
        try:
            atomic.fsync_dir(self.root)
        except OSError as exc:
            # The rename has happened; only its durability across a power cut is in doubt.
            self.events.record(
                "warning",
                f"The disk could not confirm the switch ({exc.strerror}).",
                error=str(exc),
            )

    # -- start-up ---------------------------------------------------------------------------
    def serve(self) -> Served:
        """For the patient app's start: cleans up after interrupted work, then loads the content
        of the bundle `open_active()` picks (by the same code, so staff see what patients see);
        why a fallback happened is recorded for staff.

        A bundle with a ready copy (authenticated, kiosk/store/secret.py) has every file's hash
        checked against it, then is read from the copy; one without is verified (signature
        included) and validated in full, and its copy is written for the next start. Raises
        BundleError only when the built-in bundle fails.
        """
        self._clean_up_if_possible()
        _, bundle, source, _, reason = self._pick(self._patient_content)
        self._record_fallback(reason, _describe(bundle), source)
        return Served(bundle, source, reason)

    def _record_fallback(self, reason: str | None, served: str, source: Source) -> None:
        if reason:
            self.events.record("fallback", reason, served=served, source=source)

    def _clean_up_if_possible(self) -> None:
        """A read-only or failing disk must not take the installed bundle off the screen."""
        try:
            self.clean_up()
        except OSError as exc:
            self.events.record("warning", _storage_sentence(exc), error=str(exc))

    def storage_problem(self) -> str | None:
        """One sentence for staff when the data folder cannot be written, else None."""
        try:
            self._ensure_layout()
            atomic.write_bytes(self.staging_dir / ".probe", b"", mode=0o600, sync_dir=False)
            (self.staging_dir / ".probe").unlink()
        except OSError as exc:
            return _storage_sentence(exc)
        return None

    def _patient_content(self, folder: Path, keys: Keys | None) -> Bundle:
        """The content of one bundle folder; `keys` None means the built-in bundle."""
        seal = read_seal(folder)
        if keys is None:
            check_pin(seal, self.builtin_pin)
        else:
            # Trust is checked at every start, not only at install: untrusting a key takes
            # its bundles off the screen at once.
            trust.check_still_trusted(seal.manifest, self.trusted_dir)
        copy_path = self._ready_path(seal, builtin=keys is None)
        copy = self._ready_copy(copy_path, folder, seal)
        if copy is not None:
            check_files(folder, copy.files)
            return copy.bundle
        from kiosk.content.validate import load_folder

        info = self._verify(folder, keys)
        bundle = load_folder(folder)
        self._write_ready_copy(copy_path, bundle, _file_digests(info), seal)
        return bundle

    def _verify(self, folder: Path, keys: Keys | None) -> VerifiedBundle:
        """Full verification: the pin for the built-in bundle, else the signature."""
        if keys is None:
            from kiosk.content.pinned import verify_pinned

            return verify_pinned(folder, self.builtin_pin)
        from kiosk.content.verify import verify_folder

        return verify_folder(folder, keys())

    def _ready_path(self, seal: Seal, *, builtin: bool) -> Path:
        # The built-in bundle's copy lives beside the key, never in the writable data folder.
        folder = self.secret_dir / "builtin-ready" if builtin else self.ready_dir
        return folder / f"{seal.digest}.json"

    def ready_content(self, folder: Path, *, builtin: bool) -> Bundle | None:
        """The authenticated ready copy's content of a folder verified just now, else None."""
        try:
            seal = read_seal(folder)
        except (BundleError, OSError):
            return None
        copy = self._ready_copy(self._ready_path(seal, builtin=builtin), folder, seal)
        return None if copy is None else copy.bundle

    def _ready_copy(self, path: Path, folder: Path, seal: Seal) -> ready.ReadyCopy | None:
        try:
            data = statefile.read_bytes(path, MAX_READY_COPY_BYTES)
            if data is None:
                return None
            return ready.load(data, folder, seal.digest, self._mac_key.get())
        except (OSError, ValueError):
            return None  # missing, unreadable, forged or stale: the slow path writes a new one

    def _write_ready_copy(
        self, path: Path, bundle: Bundle, files: dict[str, Digest], seal: Seal
    ) -> None:
        """Best effort: without the copy the next start is only slower (a full disk, say)."""
        with contextlib.suppress(OSError):
            private_dir(path.parent)
            copy = ready.dump(bundle, files, seal.digest, self._mac_key.get())
            atomic.write_bytes(path, copy, mode=0o600)

    def clean_up(self) -> list[str]:
        """Deletes staging leftovers, stray temporaries and folders the pointer does not name.

        Skipped while another process installs (it holds the lock); when the pointer is
        damaged no bundle folder is deleted, so nothing is lost that could still be recovered.
        """
        removed: list[str] = []
        with self._locked() as locked:
            if not locked:
                return removed
            self._ensure_layout()
            for path in sorted(self.staging_dir.iterdir()):
                _remove(path)
                removed.append(f"staging/{path.name}")
            removed += [p.name for p in atomic.remove_temp_files(self.root)]
            removed += [f"trusted/{p.name}" for p in atomic.remove_temp_files(self.trusted_dir)]
            removed += [f"ready/{p.name}" for p in atomic.remove_temp_files(self.ready_dir)]
            try:
                keep = {e.folder for e in self.read_state().entries}
            except ValueError:
                return removed
            for path in sorted(self.bundles_dir.iterdir()):
                if path.name not in keep:
                    _remove(path)
                    removed.append(f"bundles/{path.name}")
            copies = {f"{digest}.json" for digest in self._seal_digests(keep)}
            ready_copies = self.ready_dir.iterdir() if self.ready_dir.is_dir() else ()
            for path in sorted(ready_copies):
                if path.name not in copies:
                    _remove(path)
                    removed.append(f"ready/{path.name}")
            removed += self._remove_old_builtin_copies()
            atomic.fsync_dir(self.staging_dir)
            atomic.fsync_dir(self.bundles_dir)
        return removed

    def _remove_old_builtin_copies(self) -> list[str]:
        """Copies of built-in bundles of earlier app versions (best effort: not our folder)."""
        removed = []
        with contextlib.suppress(OSError):
            for path in sorted((self.secret_dir / "builtin-ready").iterdir()):
                if path.name != f"{self.builtin_pin}.json":
                    _remove(path)
                    removed.append(path.name)
        return removed

    def _seal_digests(self, folders: set[str]) -> set[str]:
        """The seal digests of the kept folders and the built-in bundle (unreadable: none)."""
        digests = set()
        for folder in [*(self.bundles_dir / name for name in folders), self.builtin]:
            with contextlib.suppress(BundleError, OSError):
                digests.add(read_seal(folder).digest)
        return digests

    def open_active(self) -> ActiveBundle:
        """The bundle patients see, picked by the same code as `serve()` (so staff tools and
        `kiosk bundle list` report exactly what is on screen), then verified in full for its
        details. Changes nothing on disk but ready copies.

        Raises BundleError only when the built-in bundle itself fails (a broken installation);
        the app should then show its plain splash screen.
        """
        folder, _, source, installed_at, reason = self._pick(self._patient_content)
        keys = None if source == "builtin" else self.trusted_keys
        return ActiveBundle(folder, self._verify(folder, keys), source, installed_at, reason)

    def _pick(
        self, open_one: Callable[[Path, Keys | None], _T]
    ) -> tuple[Path, _T, Source, dt.datetime | None, str | None]:
        """The first bundle `open_one` accepts: the active one, the previous ones newest
        first, else the built-in one; with the reasons the ones before it were passed over."""
        reasons: list[str] = []
        try:
            state = self.read_state()
        except ValueError:
            state = State()
            reasons.append("The record of installed bundles is damaged.")
        keys = functools.cache(self.trusted_keys)  # read once, and only if a check needs them
        for index, entry in enumerate(state.entries):
            folder = self.bundles_dir / entry.folder
            try:
                opened = open_one(folder, keys)
            except (BundleError, OSError) as exc:
                which = "The active bundle" if index == 0 else "A previous bundle"
                reasons.append(f"{which} ({entry.folder}) cannot be used: {_sentence(exc)}")
                continue
            source: Source = "installed" if entry is state.active else "previous"
            return folder, opened, source, entry.installed_at, " ".join(reasons) or None
        try:
            opened = open_one(self.builtin, None)
        except (BundleError, OSError) as exc:
            raise BundleError(
                f"The built-in content is damaged ({_sentence(exc)}); reinstall the kiosk software."
            ) from exc
        return self.builtin, opened, "builtin", None, " ".join(reasons) or None

    def list_installed(self) -> list[Installed]:
        """The active bundle and the previous ones, newest first, each verified.

        Raises StoreError when the pointer itself is damaged.
        """
        try:
            state = self.read_state()
        except ValueError:
            raise StoreError("The record of installed bundles is damaged.") from None
        from kiosk.content.verify import verify_folder

        keys = self.trusted_keys() if state.entries else []
        out = []
        for entry in state.entries:
            role: Literal["active", "previous"] = "active" if entry is state.active else "previous"
            try:
                info = verify_folder(self.bundles_dir / entry.folder, keys)
            except (BundleError, OSError) as exc:
                out.append(Installed(entry.folder, role, entry.installed_at, None, _sentence(exc)))
            else:
                out.append(Installed(entry.folder, role, entry.installed_at, info))
        return out

    def builtin_info(self) -> VerifiedBundle:
        """The built-in bundle, verified against its pin; BundleError when it is damaged."""
        return self._verify(self.builtin, None)

    def serve_builtin(self) -> Bundle:
        """The built-in bundle's content, checked against its pin (never shown when damaged)."""
        return self._patient_content(self.builtin, None)

    # -- the staff panel ------------------------------------------------------------------
    def describe_active(self, today: dt.date | None = None) -> Description:
        return self.describe(self.open_active(), today)

    def describe(self, active: ActiveBundle, today: dt.date | None = None) -> Description:
        """What staff are told of `active` (verified just now: nothing is looked at twice)."""
        try:
            history = self.read_state().history
        except ValueError:
            history = ()
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
            reviews_due=reviews_due(info, today or self.clock().date()),
            drafts=draft_pages(info),
            previous=tuple(_folder_label(e.folder) for e in history),
            storage_problem=self.storage_problem(),
        )

    def preview_install(self, path: Path) -> Diff:
        """Verifies a bundle file and says what installing it would change.

        Raises StoreError (a BundleError) when the file cannot be installed at all: bad or
        unknown signature, tampered or missing file, schema error. A bundle that is valid but
        not newer, or too big for the disk, comes back with `blocked` set instead.
        """
        from kiosk.content.verify import verify_bundle

        keys = self.trusted_keys()
        if not keys:
            raise StoreError(
                "No signing key is trusted yet; add one with `kiosk keys trust` first."
            )
        try:
            info = verify_bundle(path, keys)
        except BundleError as exc:
            raise StoreError(_sentence(exc), exc.problems) from None
        except OSError as exc:
            raise StoreError(f"The bundle file could not be read ({_os_reason(exc)}).") from None
        active = self.open_active()
        old = active.info
        added, changed, removed = diff_pages(old, info)
        return Diff(
            path=path,
            old_id=old.id,
            old_version=old.version,
            new_id=info.id,
            new_version=info.version,
            signer=info.signer,
            added=added,
            changed=changed,
            removed=removed,
            blocked=self._blocked(info, active),
            info=info,
        )

    def _blocked(self, info: VerifiedBundle, active: ActiveBundle) -> str | None:
        if info.id == active.id and info.version <= active.version:
            return (
                f"This bundle is version {info.version}, not newer than the active version "
                f"{active.version}; use Roll back to return to an older bundle."
            )
        newest = self._state_or_empty().newest_seen(info.id)
        if info.version < newest:
            return (
                f"This bundle is version {info.version}, older than version {newest} of "
                f"{info.id} that was installed before; use Roll back to return to a kept bundle."
            )
        # The manifest's sizes are signed, so they are what the copy will write at most.
        needed = info.total_size + max(info.total_size // 10, MIN_SPARE_BYTES)
        self.root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.root).free
        if free < needed:
            return (
                f"There is not enough free disk space: the bundle needs {_mib(needed)} "
                f"and {_mib(free)} is free."
            )
        return None

    def install(
        self, path: Path, on_progress: Progress | None = None, *, preview: Diff | None = None
    ) -> ActiveBundle:
        """Verifies and installs a bundle file, then makes it the active one.

        `on_progress(done_bytes, total_bytes)` follows the copy. Pass the `preview` staff saw
        to save reading the file once more: the copy must then be exactly that signed bundle.
        Returns the new active bundle. Raises StoreError with one sentence when refused; then
        nothing has changed and nothing is left behind. Every outcome goes to the staff log.
        """
        try:
            with _disk_refusal(), self._locked() as locked:
                if not locked:
                    raise StoreError(
                        "Another install or rollback is in progress; try again when it is done."
                    )
                active = self._install(path, on_progress, preview)
        except StoreError as exc:
            self.events.record("refusal", exc.summary, file=path.name)
            raise
        message = f"Installed {_describe(active.info)}."
        self.events.record(
            "install",
            message,
            file=path.name,
            bundle=active.id,
            version=active.version,
            signer=active.info.signer,
        )
        return active

    def _install(
        self, path: Path, on_progress: Progress | None, preview: Diff | None
    ) -> ActiveBundle:
        from kiosk.content.validate import validate_folder
        from kiosk.content.verify import extract_bundle

        self._ensure_layout()
        if preview is not None and preview.info is not None and preview.path == path:
            expected = preview.info
            # Checked again now: the active bundle or the free space may have changed since.
            blocked = self._blocked(expected, self.open_active())
        else:
            diff = self.preview_install(path)
            assert diff.info is not None
            expected, blocked = diff.info, diff.blocked
        if blocked:
            raise StoreError(blocked)
        try:
            state = self.read_state()
        except ValueError:
            state = State()  # a damaged pointer is simply replaced by the new one
        name = _folder_name(expected)
        staged = self.staging_dir / name
        keys = self.trusted_keys()
        try:
            info = extract_bundle(path, staged, keys, on_progress=on_progress)
        except (BundleError, OSError) as exc:
            _remove(staged)
            cause = exc if isinstance(exc, OSError) else exc.__cause__
            if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StoreError(_copy_failure(cause)) from None
            if isinstance(exc, OSError):
                raise StoreError(_copy_failure(exc)) from None
            raise StoreError(_sentence(exc), exc.problems) from None
        if info.signed != expected.signed:
            _remove(staged)
            raise StoreError("The bundle file changed while it was being installed.")
        # A trusted signer can still ship content the app cannot show (a page missing in one
        # language, markup outside the subset): refuse it here rather than fall back later.
        # Reading levels were judged when it was built; they do not make a bundle unshowable.
        content, problems = validate_folder(staged, readability_checks=False)
        if content is None or problems.errors:
            _remove(staged)
            more = len(problems.errors) - 1
            tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise StoreError(
                f"The bundle's content is not valid: {problems.errors[0]}{tail}.", problems.errors
            )

        self._check_drawing(staged)
        _make_private(staged)
        final = self.bundles_dir / name
        entry = Entry(name, self.clock().replace(microsecond=0))
        history = (state.active, *state.history) if state.active else state.history
        highest = {**state.highest, info.id: max(state.newest_seen(info.id), info.version)}
        new_state = State(entry, history[:KEEP_PREVIOUS], highest)
        try:
            staged.replace(final)
            atomic.fsync_dir(self.bundles_dir)
            atomic.fsync_dir(self.staging_dir)
            self._write_state(new_state)
        except OSError as exc:
            # The pointer still names the old bundle: take the new folder away again.
            _remove(staged)
            _remove(final)
            raise StoreError(_copy_failure(exc)) from None
        # The patient app's next start reads this instead of validating again.
        with contextlib.suppress(BundleError, OSError):
            seal = read_seal(final)
            path = self._ready_path(seal, builtin=False)
            self._write_ready_copy(path, content, _file_digests(info), seal)
        return ActiveBundle(final, info, "installed", entry.installed_at, None)

    def _check_drawing(self, staged: Path) -> None:
        problems = self.render_check(staged) if self.render_check is not None else []
        if problems:
            _remove(staged)
            raise StoreError(f"An image in the bundle cannot be shown: {problems[0]}.")

    def rollback(self) -> ActiveBundle:
        """Makes the previous good bundle active again (the built-in one when none is left).

        Returns the bundle now active; raises StoreError when there is nothing to roll back.
        """
        try:
            with _disk_refusal(), self._locked() as locked:
                if not locked:
                    raise StoreError(
                        "Another install or rollback is in progress; try again when it is done."
                    )
                active, skipped = self._rollback()
        except StoreError as exc:
            self.events.record("refusal", exc.summary, during="rollback")
            raise
        message = f"Rolled back to {_describe(active.info)}"
        if active.source == "builtin":
            message += " (the built-in content)"
        if skipped:
            message += f"; skipped damaged {', '.join(skipped)}"
        self.events.record("rollback", message + ".", bundle=active.id, version=active.version)
        return active

    def _rollback(self) -> tuple[ActiveBundle, list[str]]:
        try:
            state = self.read_state()
        except ValueError:
            raise StoreError(
                "The record of installed bundles is damaged; install a bundle to repair it."
            ) from None
        if state.active is None:
            raise StoreError("No bundle is installed, so there is nothing to roll back.")
        from kiosk.content.verify import verify_folder

        keys = self.trusted_keys()
        skipped: list[str] = []
        for index, entry in enumerate(state.history):
            folder = self.bundles_dir / entry.folder
            try:
                info = verify_folder(folder, keys)
            except (BundleError, OSError):
                skipped.append(_folder_label(entry.folder))
                continue
            try:
                self._write_state(State(entry, state.history[index + 1 :], state.highest))
            except OSError as exc:
                raise StoreError(_copy_failure(exc)) from None
            return ActiveBundle(folder, info, "installed", entry.installed_at), skipped
        try:
            self._write_state(State(highest=state.highest))
        except OSError as exc:
            raise StoreError(_copy_failure(exc)) from None
        return self.open_active(), skipped


def _make_private(folder: Path) -> None:
    """Extracted files (never links: extraction makes none) for the kiosk user only."""
    for current, dirs, files in os.walk(folder):
        for name in dirs:
            (Path(current) / name).chmod(0o700)
        for name in files:
            (Path(current) / name).chmod(0o600)
    folder.chmod(0o700)


@contextlib.contextmanager
def _disk_refusal() -> Iterator[None]:
    """Any disk error becomes one sentence for staff (StoreError), never a traceback."""
    try:
        yield
    except OSError as exc:
        raise StoreError(_storage_sentence(exc)) from None


def _folder_id_version(folder: str) -> tuple[str, int]:
    """'town-pt-v3-a1b2c3' -> ('town-pt', 3); ('', 0) for a name of another shape."""
    stem, _, _ = folder.rpartition("-")
    ident, _, version = stem.rpartition("-v")
    if ident and version.isdigit() and len(version) < 10:
        return ident, int(version)
    return "", 0


def _folder_label(folder: str) -> str:
    """'town-pt-v3-a1b2c3' -> 'town-pt version 3'."""
    ident, version = _folder_id_version(folder)
    return f"{ident} version {version}" if ident else folder


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError, OSError):
            path.unlink()


def _sentence(exc: BaseException) -> str:
    text = exc.summary if isinstance(exc, BundleError) else str(exc)
    text = text.strip()
    return text if text.endswith((".", "?", "!", ")")) else text + "."


def _storage_sentence(exc: OSError) -> str:
    return (
        f"The kiosk's data folder cannot be written ({_os_reason(exc)}): the content on "
        "screen stays, but installs, rollbacks and key changes are refused until it is fixed."
    )


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _copy_failure(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "The disk became full while copying the bundle; nothing was changed."
    return f"The disk reported an error while installing ({_os_reason(exc)}); nothing was changed."


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"

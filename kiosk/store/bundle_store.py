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
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.content.sealed import Digest, Seal, check_files, read_seal
from kiosk.store import ready

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from kiosk.content.distribution import VerifiedBundle

# kiosk.content.distribution, kiosk.content.validate and kiosk.content.signing are imported
# where they are used: they load the schema (pydantic), the Markdown parser and cryptography,
# which the patient app's start skips when its bundle has a ready copy (bench/bench_ui.py).

KEEP_PREVIOUS = 3
STATE_NAME = "state.json"
BUNDLE_SUFFIX = ".kbundle"
MIN_SPARE_BYTES = 4 * 1024 * 1024  # free space left over after an install, at the least

Source = Literal["installed", "previous", "builtin"]
Clock = Callable[[], dt.datetime]
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
    previous: tuple[str, ...]  # "<id> version <n>" of the bundles a rollback can return to


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
    return tuple(ReviewDue(page_id, r.due) for page_id, r in pages if r.due <= today)


def find_bundles(folders: Sequence[Path]) -> list[Path]:
    """`.kbundle` files in each folder and one level below it (a USB stick's top folders).

    Unreadable folders are skipped: a drive can vanish or refuse access while it is scanned.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def entries(folder: Path) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as it:
                return sorted(it, key=lambda e: e.name)
        except OSError:
            return []

    for folder in folders:
        for entry in entries(folder):
            try:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    for inner in entries(Path(entry.path)):
                        if _is_bundle_file(inner):
                            found.append(Path(inner.path))
                elif _is_bundle_file(entry):
                    found.append(Path(entry.path))
            except OSError:
                continue
    out = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _is_bundle_file(entry: os.DirEntry[str]) -> bool:
    # Name checks first: is_file() may touch a slow drive. "._x.kbundle" is macOS metadata.
    return (
        entry.name.lower().endswith(BUNDLE_SUFFIX)
        and not entry.name.startswith(".")
        and entry.is_file()
    )


def load_keys(folder: Path) -> list[Ed25519PublicKey]:
    """Every usable `*.pub` key in a folder; unusable files are skipped (they trust nothing)."""
    from kiosk.content.signing import KeyFileError, load_public_key

    keys = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.pub")):
            with contextlib.suppress(KeyFileError):
                keys.append(load_public_key(path))
    return keys


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
        builtin_trust: Sequence[Ed25519PublicKey] | Keys,
        *,
        events: EventSink | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.root = root
        self.builtin = builtin
        # Keys shipped with the app vouch for the built-in bundle only, never for an install.
        self._builtin_trust = builtin_trust
        self.events: EventSink = events or _NoEvents()
        self.clock = clock

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
        for folder in (self.bundles_dir, self.staging_dir, self.trusted_dir):
            folder.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def _locked(self, *, wait: bool = False) -> Iterator[bool]:
        """Yields True with the store's lock held, or False when another process holds it."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no other kiosk process is expected
            yield True
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
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
    @property
    def builtin_trust(self) -> Sequence[Ed25519PublicKey]:
        if callable(self._builtin_trust):
            self._builtin_trust = list(self._builtin_trust())
        return self._builtin_trust

    def trusted_keys(self) -> list[Ed25519PublicKey]:
        return load_keys(self.trusted_dir)

    def trust_key(self, public_key: Path) -> str:
        """Adds a public key (PEM) to the keys trusted for installs; returns its key id."""
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        from kiosk.content.signing import KeyFileError, key_id, load_public_key

        try:
            key = load_public_key(public_key)
        except KeyFileError as exc:
            raise StoreError(str(exc)) from None
        ident = key_id(key)
        self._ensure_layout()
        pem = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        atomic.write_bytes(self.trusted_dir / f"{ident}.pub", pem)
        self.events.record("trust", f"Key {ident} is now trusted for installs.", key=ident)
        return ident

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
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"unexpected content ({exc})") from None
        return State(active, history)

    def _write_state(self, state: State) -> None:
        """Switches the pointer. Raises OSError only if the switch did not happen."""
        data = {
            "format": 1,
            "active": state.active.to_json() if state.active else None,
            "history": [e.to_json() for e in state.history],
        }
        text = json.dumps(data, indent=2) + "\n"
        atomic.write_bytes(self.state_path, text.encode(), sync_dir=False)
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
    def start_up(self) -> ActiveBundle:
        """Cleans up after interrupted work, then opens the active bundle (see open_active).

        Call once when the kiosk starts, before anything is shown. Why a fallback happened is
        recorded for staff.
        """
        self.clean_up()
        active = self.open_active()
        if active.fallback_reason:
            self.events.record(
                "fallback",
                active.fallback_reason,
                served=_describe(active.info),
                source=active.source,
            )
        return active

    def serve(self) -> Served:
        """`start_up()` for the patient app: cleans up, then loads the content of the bundle
        `open_active()` would pick, with the same fallbacks, recorded the same way.

        A bundle with a ready copy has every file's hash checked against it, then is read
        from the copy; one without is verified (signature included) and validated in full,
        and its copy is written for the next start. Raises BundleError only when the built-in
        bundle fails.
        """
        self.clean_up()
        _, bundle, source, _, reason = self._pick(self._patient_content)
        if reason:
            self.events.record(
                "fallback",
                reason,
                served=_describe(bundle),
                source=source,
            )
        return Served(bundle, source, reason)

    def _patient_content(self, folder: Path, keys: Keys) -> Bundle:
        seal = read_seal(folder)
        copy = self._ready_copy(folder, seal)
        if copy is not None:
            # The signature was checked when the copy was made, for exactly these seal bytes;
            # checking it again would prove nothing more (whoever can write the copy can also
            # write a trusted key), while the files' hashes catch a damaged disk.
            check_files(folder, copy.files)
            return copy.bundle
        from kiosk.content.distribution import verify_folder
        from kiosk.content.validate import load_folder

        info = verify_folder(folder, keys())
        bundle = load_folder(folder)
        self._write_ready_copy(bundle, _file_digests(info), seal)
        return bundle

    def _ready_copy(self, folder: Path, seal: Seal) -> ready.ReadyCopy | None:
        try:
            data = (self.ready_dir / f"{seal.digest}.json").read_bytes()
            return ready.load(data, folder, seal.digest)
        except (OSError, ready.ReadyCopyError):
            return None  # missing, unreadable or stale: the slow path writes a new one

    def _write_ready_copy(self, bundle: Bundle, files: dict[str, Digest], seal: Seal) -> None:
        """Best effort: without the copy the next start is only slower (a full disk, say)."""
        with contextlib.suppress(OSError):
            self.ready_dir.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(
                self.ready_dir / f"{seal.digest}.json", ready.dump(bundle, files, seal.digest)
            )

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
            atomic.fsync_dir(self.staging_dir)
            atomic.fsync_dir(self.bundles_dir)
        return removed

    def _seal_digests(self, folders: set[str]) -> set[str]:
        """The seal digests of the kept folders and the built-in bundle (unreadable: none)."""
        digests = set()
        for folder in [*(self.bundles_dir / name for name in folders), self.builtin]:
            with contextlib.suppress(BundleError, OSError):
                digests.add(read_seal(folder).digest)
        return digests

    def open_active(self) -> ActiveBundle:
        """The bundle to serve: the active one if every file verifies, else the newest good
        previous one, else the built-in default. Changes nothing on disk.

        Raises BundleError only when the built-in bundle itself fails (a broken installation);
        the app should then show its plain splash screen.
        """
        from kiosk.content.distribution import verify_folder

        folder, info, source, installed_at, reason = self._pick(
            lambda folder, keys: verify_folder(folder, keys())
        )
        return ActiveBundle(folder, info, source, installed_at, reason)

    def _pick(
        self, open_one: Callable[[Path, Keys], _T]
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
            opened = open_one(self.builtin, lambda: self.builtin_trust)
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
        from kiosk.content.distribution import verify_folder

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
        """The built-in bundle, verified; BundleError when it is damaged."""
        from kiosk.content.distribution import verify_folder

        return verify_folder(self.builtin, self.builtin_trust)

    # -- the staff panel ------------------------------------------------------------------
    def describe_active(self, today: dt.date | None = None) -> Description:
        active = self.open_active()
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
            previous=tuple(_folder_label(e.folder) for e in history),
        )

    def preview_install(self, path: Path) -> Diff:
        """Verifies a bundle file and says what installing it would change.

        Raises StoreError (a BundleError) when the file cannot be installed at all: bad or
        unknown signature, tampered or missing file, schema error. A bundle that is valid but
        not newer, or too big for the disk, comes back with `blocked` set instead.
        """
        from kiosk.content.distribution import verify_bundle

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
            with self._locked() as locked:
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
        from kiosk.content.distribution import extract_bundle
        from kiosk.content.validate import validate_folder

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

        final = self.bundles_dir / name
        entry = Entry(name, self.clock().replace(microsecond=0))
        history = (state.active, *state.history) if state.active else state.history
        new_state = State(entry, history[:KEEP_PREVIOUS])
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
            self._write_ready_copy(content, _file_digests(info), read_seal(final))
        return ActiveBundle(final, info, "installed", entry.installed_at, None)

    def rollback(self) -> ActiveBundle:
        """Makes the previous good bundle active again (the built-in one when none is left).

        Returns the bundle now active; raises StoreError when there is nothing to roll back.
        """
        try:
            with self._locked() as locked:
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
        from kiosk.content.distribution import verify_folder

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
                self._write_state(State(entry, state.history[index + 1 :]))
            except OSError as exc:
                raise StoreError(_copy_failure(exc)) from None
            return ActiveBundle(folder, info, "installed", entry.installed_at), skipped
        try:
            self._write_state(State())
        except OSError as exc:
            raise StoreError(_copy_failure(exc)) from None
        return self.open_active(), skipped


def _folder_label(folder: str) -> str:
    """'town-pt-v3-a1b2c3' -> 'town-pt version 3'."""
    stem, _, _ = folder.rpartition("-")
    ident, _, version = stem.rpartition("-v")
    return f"{ident} version {version}" if ident and version.isdigit() else folder


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


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _copy_failure(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "The disk became full while copying the bundle; nothing was changed."
    return f"The disk reported an error while installing ({_os_reason(exc)}); nothing was changed."


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"

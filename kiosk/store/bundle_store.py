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
import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from kiosk import atomic, statefile
from kiosk.clocks import WallClock
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.content.sealed import check_files, played_clip, read_seal
from kiosk.content.trust_roots import check_pin
from kiosk.store import trust
from kiosk.store.disk import remove, store_lock
from kiosk.store.errors import StoreError, disk_refusal, sentence, storage_sentence
from kiosk.store.installer import Installer, Progress
from kiosk.store.ready_copies import ReadyCopies, file_digests
from kiosk.store.records import (
    ActiveBundle,
    Description,
    Diff,
    Entry,
    Installed,
    Served,
    Source,
    State,
    describe_active,
    describe_bundle,
)
from kiosk.store.secret import private_dir, secret_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from kiosk.content.signed_manifest import VerifiedBundle

# kiosk.content.verify, kiosk.content.validate and kiosk.content.signing are imported
# where they are used: they load the schema (pydantic), the Markdown parser and cryptography,
# which the patient app's start skips when its bundle has a ready copy (bench/bench_ui.py).

STATE_NAME = "state.json"

Keys = Callable[[], "Sequence[Ed25519PublicKey]"]  # loaded only when a signature is checked
_T = TypeVar("_T")


class EventSink(Protocol):
    """Where the store reports what staff should know (kiosk.staff.log.StaffLog fits)."""

    def record(self, action: str, message: str, /, **details: Any) -> None: ...


class _NoEvents:
    def record(self, action: str, message: str, /, **details: Any) -> None:
        pass


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
        self.ready_copies = ReadyCopies(self.ready_dir, self.secret_dir, builtin_pin)
        # Draws the images with Qt in a child process before an install (kiosk/store/render.py).
        self.render_check = render_check
        self._installer = Installer(self)

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

    def ensure_layout(self) -> None:
        # Private to the kiosk user: 0700 folders (files are written 0600).
        for folder in (self.root, self.bundles_dir, self.staging_dir, self.trusted_dir):
            private_dir(folder)

    def locked(self, *, wait: bool = False) -> contextlib.AbstractContextManager[bool]:
        """True with the store's lock held, False when another process holds it."""
        return store_lock(self.root, wait=wait)

    # -- trusted keys -----------------------------------------------------------------------
    def trusted_keys(self) -> list[Ed25519PublicKey]:
        return trust.load_keys(self.trusted_dir)

    def trust_key(self, public_key: Path) -> str:
        """Adds a public key (PEM) to the keys trusted for installs; returns its key id."""
        with disk_refusal():
            self.ensure_layout()
            ident = trust.add_key(self.trusted_dir, public_key)
        self.events.record("trust", f"Key {ident} is now trusted for installs.", key=ident)
        return ident

    def untrust_key(self, ident: str) -> None:
        """Stops trusting a key: its bundles are no longer installed or served (the kiosk
        falls back at once to the newest kept bundle whose signer is still trusted)."""
        ident = ident.strip().lower()
        with disk_refusal():
            trust.remove_key(self.trusted_dir, ident)
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

    def state_or_empty(self) -> State:
        try:
            return self.read_state()
        except ValueError:
            return State()

    def write_state(self, state: State) -> None:
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
        self._record_fallback(reason, describe_bundle(bundle), source)
        return Served(bundle, source, reason)

    def _record_fallback(self, reason: str | None, served: str, source: Source) -> None:
        if reason:
            self.events.record("fallback", reason, served=served, source=source)

    def _clean_up_if_possible(self) -> None:
        """A read-only or failing disk must not take the installed bundle off the screen."""
        try:
            self.clean_up()
        except OSError as exc:
            self.events.record("warning", storage_sentence(exc), error=str(exc))

    def storage_problem(self) -> str | None:
        """One sentence for staff when the data folder cannot be written, else None."""
        try:
            self.ensure_layout()
            atomic.write_bytes(self.staging_dir / ".probe", b"", mode=0o600, sync_dir=False)
            (self.staging_dir / ".probe").unlink()
        except OSError as exc:
            return storage_sentence(exc)
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
        copy_path = self.ready_copies.path(seal, builtin=keys is None)
        copy = self.ready_copies.read(copy_path, folder, seal)
        if copy is not None:
            clips = check_files(folder, copy.files, later=played_clip)
            return dataclasses.replace(copy.bundle, clip_digests=clips)
        from kiosk.content.validate import load_folder

        info = self._verify(folder, keys)
        bundle = load_folder(folder)
        self.ready_copies.write(copy_path, bundle, file_digests(info), seal)
        return bundle

    def _verify(self, folder: Path, keys: Keys | None) -> VerifiedBundle:
        """Full verification: the pin for the built-in bundle, else the signature."""
        if keys is None:
            from kiosk.content.pinned import verify_pinned

            return verify_pinned(folder, self.builtin_pin)
        from kiosk.content.verify import verify_folder

        return verify_folder(folder, keys())

    def clean_up(self) -> list[str]:
        """Deletes staging leftovers, stray temporaries and folders the pointer does not name.

        Skipped while another process installs (it holds the lock); when the pointer is
        damaged no bundle folder is deleted, so nothing is lost that could still be recovered.
        """
        removed: list[str] = []
        with self.locked() as locked:
            if not locked:
                return removed
            self.ensure_layout()
            for path in sorted(self.staging_dir.iterdir()):
                remove(path)
                removed.append(f"staging/{path.name}")
            removed += [p.name for p in atomic.remove_temp_files(self.root)]
            removed += [f"trusted/{p.name}" for p in atomic.remove_temp_files(self.trusted_dir)]
            try:
                keep = {e.folder for e in self.read_state().entries}
            except ValueError:
                return removed
            for path in sorted(self.bundles_dir.iterdir()):
                if path.name not in keep:
                    remove(path)
                    removed.append(f"bundles/{path.name}")
            removed += self.ready_copies.remove_unneeded(self._seal_digests(keep))
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
                reasons.append(f"{which} ({entry.folder}) cannot be used: {sentence(exc)}")
                continue
            source: Source = "installed" if entry is state.active else "previous"
            return folder, opened, source, entry.installed_at, " ".join(reasons) or None
        try:
            opened = open_one(self.builtin, None)
        except (BundleError, OSError) as exc:
            raise BundleError(
                f"The built-in content is damaged ({sentence(exc)}); reinstall the kiosk software."
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
                out.append(Installed(entry.folder, role, entry.installed_at, None, sentence(exc)))
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
        history = self.state_or_empty().history
        when = today or self.clock().date()
        return describe_active(active, history, when, self.storage_problem())

    def preview_install(self, path: Path) -> Diff:
        """What installing a bundle file would change (kiosk/store/installer.py)."""
        return self._installer.preview(path)

    def install(
        self, path: Path, on_progress: Progress | None = None, *, preview: Diff | None = None
    ) -> ActiveBundle:
        """Installs a bundle file and makes it active (kiosk/store/installer.py)."""
        return self._installer.install(path, on_progress, preview=preview)

    def rollback(self) -> ActiveBundle:
        """Makes the previous good bundle active again (kiosk/store/installer.py)."""
        return self._installer.rollback()

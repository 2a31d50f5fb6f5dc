"""Installs and rollbacks: the only two ways the store's pointer (state.json) changes.

Both hold the store's lock, refuse with one sentence for staff (StoreError) and leave nothing
behind when refused; every outcome goes to the staff log. An install is checked in full before
the pointer moves: signature and hashes while copying, content validity, and that Qt can draw
its images (in a child process).
"""

from __future__ import annotations

import errno
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import atomic
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.store.disk import make_private, remove
from kiosk.store.errors import StoreError, copy_failure, disk_refusal, mib, os_reason, sentence
from kiosk.store.records import (
    ActiveBundle,
    Diff,
    Entry,
    State,
    describe_bundle,
    diff_pages,
    folder_label,
)

if TYPE_CHECKING:
    from kiosk.content.signed_manifest import VerifiedBundle
    from kiosk.store.bundle_store import BundleStore

KEEP_PREVIOUS = 3
MIN_SPARE_BYTES = 4 * 1024 * 1024  # free space left over after an install, at the least
BUSY = "Another install or rollback is in progress; try again when it is done."

Progress = Callable[[int, int], None]


def _folder_name(info: VerifiedBundle) -> str:
    return f"{info.id}-v{info.version}-{secrets.token_hex(3)}"


class Installer:
    def __init__(self, store: BundleStore) -> None:
        self.store = store

    def preview(self, path: Path) -> Diff:
        """Verifies a bundle file and says what installing it would change.

        Raises StoreError (a BundleError) when the file cannot be installed at all: bad or
        unknown signature, tampered or missing file, schema error. A bundle that is valid but
        not newer, or too big for the disk, comes back with `blocked` set instead.
        """
        from kiosk.content.verify import verify_bundle

        keys = self.store.trusted_keys()
        if not keys:
            raise StoreError(
                "No signing key is trusted yet; add one with `kiosk keys trust` first."
            )
        try:
            info = verify_bundle(path, keys)
        except BundleError as exc:
            raise StoreError(sentence(exc), exc.problems) from None
        except OSError as exc:
            raise StoreError(f"The bundle file could not be read ({os_reason(exc)}).") from None
        active = self.store.open_active()
        added, changed, removed = diff_pages(active.info, info)
        return Diff(
            path=path,
            old_id=active.id,
            old_version=active.version,
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
        newest = self.store.state_or_empty().newest_seen(info.id)
        if info.version < newest:
            return (
                f"This bundle is version {info.version}, older than version {newest} of "
                f"{info.id} that was installed before; use Roll back to return to a kept bundle."
            )
        # The manifest's sizes are signed, so they are what the copy will write at most.
        needed = info.total_size + max(info.total_size // 10, MIN_SPARE_BYTES)
        self.store.root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.store.root).free
        if free < needed:
            return (
                f"There is not enough free disk space: the bundle needs {mib(needed)} "
                f"and {mib(free)} is free."
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
        events = self.store.events
        try:
            with disk_refusal(), self.store.locked() as locked:
                if not locked:
                    raise StoreError(BUSY)
                active = self._install(path, on_progress, preview)
        except StoreError as exc:
            events.record("refusal", exc.summary, file=path.name)
            raise
        info = active.info
        events.record(
            "install",
            f"Installed {describe_bundle(info)}.",
            file=path.name,
            bundle=active.id,
            version=active.version,
            signer=info.signer,
        )
        return active

    def _install(
        self, path: Path, on_progress: Progress | None, preview: Diff | None
    ) -> ActiveBundle:
        self.store.ensure_layout()
        expected = self._expected(path, preview)
        state = self.store.state_or_empty()  # a damaged pointer is simply replaced
        name = _folder_name(expected)
        staged = self.store.staging_dir / name
        info = self._extract(path, staged, expected, on_progress)
        content = self._showable_content(staged)
        make_private(staged)
        final = self.store.bundles_dir / name
        entry = Entry(name, self.store.clock().replace(microsecond=0))
        history = (state.active, *state.history) if state.active else state.history
        highest = {**state.highest, info.id: max(state.newest_seen(info.id), info.version)}
        try:
            staged.replace(final)
            atomic.fsync_dir(self.store.bundles_dir)
            atomic.fsync_dir(self.store.staging_dir)
            self.store.write_state(State(entry, history[:KEEP_PREVIOUS], highest))
        except OSError as exc:
            # The pointer still names the old bundle: take the new folder away again.
            remove(staged)
            remove(final)
            raise StoreError(copy_failure(exc)) from None
        self.store.ready_copies.write_for(final, content, info)
        return ActiveBundle(final, info, "installed", entry.installed_at, None)

    def _expected(self, path: Path, preview: Diff | None) -> VerifiedBundle:
        """The signed bundle staff agreed to install, still allowed now."""
        if preview is not None and preview.info is not None and preview.path == path:
            expected = preview.info
            # Checked again now: the active bundle or the free space may have changed since.
            blocked = self._blocked(expected, self.store.open_active())
        else:
            diff = self.preview(path)
            assert diff.info is not None
            expected, blocked = diff.info, diff.blocked
        if blocked:
            raise StoreError(blocked)
        return expected

    def _extract(
        self, path: Path, staged: Path, expected: VerifiedBundle, on_progress: Progress | None
    ) -> VerifiedBundle:
        """Copies the bundle into staging, checking every file against its signed manifest."""
        from kiosk.content.verify import extract_bundle

        try:
            info = extract_bundle(path, staged, self.store.trusted_keys(), on_progress=on_progress)
        except (BundleError, OSError) as exc:
            remove(staged)
            cause = exc if isinstance(exc, OSError) else exc.__cause__
            if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StoreError(copy_failure(cause)) from None
            if isinstance(exc, OSError):
                raise StoreError(copy_failure(exc)) from None
            raise StoreError(sentence(exc), exc.problems) from None
        if info.signed != expected.signed:
            remove(staged)
            raise StoreError("The bundle file changed while it was being installed.")
        return info

    def _showable_content(self, staged: Path) -> Bundle:
        """A trusted signer can still ship content the app cannot show (a page missing in one
        language, markup outside the subset, an image Qt cannot draw): refuse it here rather
        than fall back later. Reading levels were judged when it was built; they do not make
        a bundle unshowable."""
        from kiosk.content.validate import validate_folder

        content, problems = validate_folder(staged, readability_checks=False)
        if content is None or problems.errors:
            remove(staged)
            more = len(problems.errors) - 1
            tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise StoreError(
                f"The bundle's content is not valid: {problems.errors[0]}{tail}.", problems.errors
            )
        check = self.store.render_check
        drawing = check(staged) if check is not None else []
        if drawing:
            remove(staged)
            raise StoreError(f"An image in the bundle cannot be shown: {drawing[0]}.")
        return content

    def rollback(self) -> ActiveBundle:
        """Makes the previous good bundle active again (the built-in one when none is left).

        Returns the bundle now active; raises StoreError when there is nothing to roll back.
        """
        events = self.store.events
        try:
            with disk_refusal(), self.store.locked() as locked:
                if not locked:
                    raise StoreError(BUSY)
                active, skipped = self._rollback()
        except StoreError as exc:
            events.record("refusal", exc.summary, during="rollback")
            raise
        message = f"Rolled back to {describe_bundle(active.info)}"
        if active.source == "builtin":
            message += " (the built-in content)"
        if skipped:
            message += f"; skipped damaged {', '.join(skipped)}"
        events.record("rollback", message + ".", bundle=active.id, version=active.version)
        return active

    def _rollback(self) -> tuple[ActiveBundle, list[str]]:
        try:
            state = self.store.read_state()
        except ValueError:
            raise StoreError(
                "The record of installed bundles is damaged; install a bundle to repair it."
            ) from None
        if state.active is None:
            raise StoreError("No bundle is installed, so there is nothing to roll back.")
        from kiosk.content.verify import verify_folder

        keys = self.store.trusted_keys()
        skipped: list[str] = []
        for index, entry in enumerate(state.history):
            folder = self.store.bundles_dir / entry.folder
            try:
                info = verify_folder(folder, keys)
            except (BundleError, OSError):
                skipped.append(folder_label(entry.folder))
                continue
            self._switch(State(entry, state.history[index + 1 :], state.highest))
            return ActiveBundle(folder, info, "installed", entry.installed_at), skipped
        self._switch(State(highest=state.highest))
        return self.store.open_active(), skipped

    def _switch(self, state: State) -> None:
        try:
            self.store.write_state(state)
        except OSError as exc:
            raise StoreError(copy_failure(exc)) from None

"""Where the store keeps ready copies (kiosk/store/ready.py) and how it reads and writes them.

A ready copy lets the patient app start without parsing and validating its bundle again. It is
authenticated with the kiosk's secret key (kiosk/store/secret.py); one that is missing, stale
or forged is simply not used, and the slow path writes a new one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import atomic, statefile
from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.content.sealed import Digest, Seal, read_seal
from kiosk.store import ready
from kiosk.store.disk import remove
from kiosk.store.secret import SecretKey, private_dir

if TYPE_CHECKING:
    from kiosk.content.signed_manifest import VerifiedBundle

MAX_READY_COPY_BYTES = 64 * 1024 * 1024  # a ready copy is the rendered text: far less


def file_digests(info: VerifiedBundle) -> dict[str, Digest]:
    """What the signed manifest says every file must hash to (kept in the ready copy)."""
    return {entry.path: Digest(entry.sha256, entry.size) for entry in info.files}


class ReadyCopies:
    def __init__(self, ready_dir: Path, secret_dir: Path, builtin_pin: str) -> None:
        self.ready_dir = ready_dir
        # The built-in bundle's copy lives beside the key, never in the writable data folder.
        self.builtin_dir = secret_dir / "builtin-ready"
        self._builtin_pin = builtin_pin
        self._mac_key = SecretKey(secret_dir)

    def path(self, seal: Seal, *, builtin: bool) -> Path:
        folder = self.builtin_dir if builtin else self.ready_dir
        return folder / f"{seal.digest}.json"

    def read(self, path: Path, folder: Path, seal: Seal) -> ready.ReadyCopy | None:
        try:
            data = statefile.read_bytes(path, MAX_READY_COPY_BYTES)
            if data is None:
                return None
            return ready.load(data, folder, seal.digest, self._mac_key.get())
        except (OSError, ValueError):
            return None  # missing, unreadable, forged or stale: the slow path writes a new one

    def write(self, path: Path, bundle: Bundle, files: dict[str, Digest], seal: Seal) -> None:
        """Best effort: without the copy the next start is only slower (a full disk, say)."""
        with contextlib.suppress(OSError):
            private_dir(path.parent)
            copy = ready.dump(bundle, files, seal.digest, self._mac_key.get())
            atomic.write_bytes(path, copy, mode=0o600)

    def write_for(self, folder: Path, bundle: Bundle, info: VerifiedBundle) -> None:
        """The copy of a bundle installed just now, so the next start reads it at once."""
        with contextlib.suppress(BundleError, OSError):
            seal = read_seal(folder)
            self.write(self.path(seal, builtin=False), bundle, file_digests(info), seal)

    def content(self, folder: Path, *, builtin: bool) -> Bundle | None:
        """The authenticated ready copy's content of a folder verified just now, else None."""
        try:
            seal = read_seal(folder)
        except (BundleError, OSError):
            return None
        copy = self.read(self.path(seal, builtin=builtin), folder, seal)
        return None if copy is None else copy.bundle

    def remove_unneeded(self, digests: set[str]) -> list[str]:
        """Deletes the copies of bundles no longer kept and temporaries; returns what went."""
        removed = [f"ready/{p.name}" for p in atomic.remove_temp_files(self.ready_dir)]
        keep = {f"{digest}.json" for digest in digests}
        copies = self.ready_dir.iterdir() if self.ready_dir.is_dir() else ()
        for path in sorted(copies):
            if path.name not in keep:
                remove(path)
                removed.append(f"ready/{path.name}")
        return removed + self._remove_old_builtin_copies()

    def _remove_old_builtin_copies(self) -> list[str]:
        """Copies of built-in bundles of earlier app versions (best effort: not our folder)."""
        removed = []
        with contextlib.suppress(OSError):
            for path in sorted(self.builtin_dir.iterdir()):
                if path.name != f"{self._builtin_pin}.json":
                    remove(path)
                    removed.append(path.name)
        return removed

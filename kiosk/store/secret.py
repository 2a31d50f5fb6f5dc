"""The key that authenticates the store's ready copies, kept outside the data folder.

A ready copy (kiosk/store/ready.py) is what the patient app shows without validating the bundle
again, so it must not be forgeable by whoever can write the data folder. Each copy carries an
HMAC-SHA256 of its body under a random 256-bit key that lives in a separate folder: by default
`.<data folder name>.secret` beside the data folder, or `$KIOSK_SECRET_DIR`. The folder is 0700
and the key 0600. The built-in bundle's ready copy lives there too, so its text is never read
from the writable data folder. What this does and does not protect against is in docs/keys.md.

Standard library only: read at every patient start.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from kiosk import atomic
from kiosk.statefile import StateFileError, read_bytes

SECRET_DIR_ENV = "KIOSK_SECRET_DIR"  # noqa: S105 - a variable name, not a secret
KEY_NAME = "ready-copy.key"
KEY_BYTES = 32


def secret_dir(data_dir: Path) -> Path:
    """Where the ready-copy key lives for a data folder: never inside it."""
    env = os.environ.get(SECRET_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return data_dir.parent / f".{data_dir.name}.secret"


def private_dir(folder: Path) -> None:
    """Creates `folder` (and its missing parents) readable by the kiosk user only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # mkdir's mode is reduced by the umask; an existing folder keeps its own


class SecretKey:
    """The ready-copy key of one secret folder, read (or made) when first needed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._key: bytes | None = None

    def get(self) -> bytes:
        """The key; OSError when it can neither be read nor made (then no copy is trusted)."""
        if self._key is None:
            self._key = self._read() or self._make()
        return self._key

    def _read(self) -> bytes | None:
        try:
            data = read_bytes(self.folder / KEY_NAME, KEY_BYTES)
        except StateFileError as exc:
            raise OSError(str(exc)) from None
        if data is not None and len(data) != KEY_BYTES:
            raise OSError(f"{KEY_NAME} is damaged.")
        return data

    def _make(self) -> bytes:
        private_dir(self.folder)
        key = secrets.token_bytes(KEY_BYTES)
        try:
            atomic.write_new(self.folder / KEY_NAME, key, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            existing = self._read()
            if existing is None:
                raise
            return existing
        with contextlib.suppress(OSError):
            atomic.fsync_dir(self.folder)
        return key

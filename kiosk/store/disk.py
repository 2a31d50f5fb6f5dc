"""Filesystem helpers of the store: its lock, private permissions, removal that never raises."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def store_lock(root: Path, *, wait: bool = False) -> Iterator[bool]:
    """Yields True with the store's lock held, or False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no other kiosk process is expected
        yield True
        return
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def make_private(folder: Path) -> None:
    """Extracted files (never links: extraction makes none) for the kiosk user only."""
    for current, dirs, files in os.walk(folder):
        for name in dirs:
            (Path(current) / name).chmod(0o700)
        for name in files:
            (Path(current) / name).chmod(0o600)
    folder.chmod(0o700)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError, OSError):
            path.unlink()

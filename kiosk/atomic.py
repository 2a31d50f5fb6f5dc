"""Crash-safe file writes: a reader sees the whole old file or the whole new one, never a mix.

The recipe: write a temporary file in the same folder, fsync it, `os.replace` it over the target,
then fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

TEMP_MARK = ".tmp-"


def fsync_dir(folder: Path) -> None:
    """Makes renames and deletions inside `folder` durable (no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (PermissionError, IsADirectoryError):  # Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Creates `path` with `mode` from the start and fsyncs it; O_EXCL refuses existing files
    and links, so a secret is never written through a planted link or with loose permissions."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, *, mode: int = 0o644, sync_dir: bool = True) -> None:
    """Replaces `path` with `data` atomically and durably; on failure the old file is untouched.

    With `sync_dir=False` the caller fsyncs the folder itself, to tell a failed switch (an
    exception from here) from a switch whose durability is in doubt (the folder's fsync).
    """
    temp = path.with_name(f"{path.name}{TEMP_MARK}{secrets.token_hex(4)}")
    try:
        write_new(temp, data, mode)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def write_json(path: Path, value: Any, *, mode: int = 0o644) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_bytes(path, text.encode("utf-8"), mode=mode)


def remove_temp_files(folder: Path) -> list[Path]:
    """Deletes temporaries that a killed `write_bytes` left behind; returns what it removed."""
    removed = []
    if folder.is_dir():
        for path in folder.iterdir():
            if TEMP_MARK in path.name and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed

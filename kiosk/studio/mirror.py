"""The unsaved state of a studio folder as a real folder, so the kiosk's own validator reads it.

`kiosk bundle validate` reads a folder (kiosk/content/validate.py), and the live checks must be
that same validation: so the folder as a save would leave it is kept in a private temporary
folder, and each sync writes only the files that changed since the last one (a keystroke changes
one page, or bundle.toml). The live preview shows the illustrations from here too, unsaved ones
included.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

FileSource = bytes | Path
_Stamp = tuple[int, int, int] | bytes  # a file on disk by (inode, size, mtime), else its bytes


def _stamp(source: FileSource) -> _Stamp:
    if isinstance(source, bytes):
        return source
    info = source.stat()
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class Mirror:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-studio-")) / "bundle"
        self.root.mkdir()
        self._written: dict[str, _Stamp] = {}

    def sync(self, files: dict[str, FileSource]) -> Path:
        """Makes the folder hold exactly `files` (relative path -> bytes or a file to copy)."""
        for rel in set(self._written) - set(files):
            with contextlib.suppress(FileNotFoundError):
                (self.root / rel).unlink()
            del self._written[rel]
        for rel, source in files.items():
            stamp = _stamp(source)
            if self._written.get(rel) == stamp:
                continue
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, bytes):
                target.write_bytes(source)
            else:
                shutil.copyfile(source, target)
            self._written[rel] = stamp
        return self.root

    def close(self) -> None:
        shutil.rmtree(self.root.parent, ignore_errors=True)
        self._written.clear()

"""Where staff mode looks for bundle files: mounted drives and the import folder (no Qt).

Drives are the mounts in `/proc/self/mounts` that could be a staff member's USB stick (not the
system's own disk, no pseudo file system, no system folder), plus on Linux the folders under
`/media/*`, `/media/*/*` and `/run/media/*/*`. The import folder comes from
`kiosk --import-dir DIR` or `$KIOSK_IMPORT_DIR`; tests use it as the drive.

Looking is bounded in count and time: a stick with 20,000 `.kbundle` files, or a drive that
answers slowly, lists the first `MAX_LISTED` files found and says so in plain words.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

IMPORT_DIR_ENV = "KIOSK_IMPORT_DIR"
BUNDLE_SUFFIX = ".kbundle"
MAX_LISTED = 50  # more than staff can choose from on one screen
MAX_ENTRIES = 200_000  # directory entries read in one look, at the most
SCAN_SECONDS = 5.0  # a slow drive gets this long
MOUNTS_FILE = Path("/proc/self/mounts")

# File systems that never hold a staff member's bundle file.
PSEUDO_FILESYSTEMS = frozenset(
    {
        "autofs",
        "binfmt_misc",
        "bpf",
        "cgroup",
        "cgroup2",
        "configfs",
        "debugfs",
        "devpts",
        "devtmpfs",
        "efivarfs",
        "fusectl",
        "hugetlbfs",
        "mqueue",
        "nsfs",
        "overlay",
        "proc",
        "pstore",
        "ramfs",
        "rpc_pipefs",
        "securityfs",
        "squashfs",
        "sysfs",
        "tmpfs",
        "tracefs",
    }
)
SYSTEM_PREFIXES = (
    "/boot",
    "/dev",
    "/efi",
    "/etc",
    "/home",
    "/nix",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/snap",
    "/srv",
    "/sys",
    "/tmp",  # noqa: S108 (a prefix to skip, not a file to write)
    "/usr",
    "/var",
)
REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/")
LINUX_DRIVE_GLOBS = ("/media/*", "/media/*/*", "/run/media/*/*")


@dataclass(frozen=True)
class ImportSource:
    folder: Path
    label: str  # for staff: "drive KINGSTON", "the import folder"


@dataclass(frozen=True)
class Volume:
    """What matters of one mounted file system (a plain value, so the filter is testable)."""

    root: str
    fs_type: str
    name: str
    ready: bool = True


@dataclass(frozen=True)
class Found:
    """The bundle files to list (the first `MAX_LISTED`, in order) and what was left out."""

    paths: tuple[Path, ...]
    more: bool  # more files were found than are listed
    complete: bool  # False: the count or time limit stopped the look early


def is_import_volume(volume: Volume, system_root: str = "/") -> bool:
    """A mounted drive that could be a staff member's USB stick: not the system's own disk, not
    a pseudo file system, not a system folder."""
    root = volume.root.replace("\\", "/")
    if not volume.ready or volume.fs_type.lower() in PSEUDO_FILESYSTEMS:
        return False
    trimmed = root.rstrip("/") or "/"
    if trimmed == "/" or trimmed == (system_root.replace("\\", "/").rstrip("/") or "/"):
        return False
    if (trimmed + "/").startswith(REMOVABLE_PREFIXES):
        return True
    return not any(trimmed == p or trimmed.startswith(p + "/") for p in SYSTEM_PREFIXES)


def _unescape(field: str) -> str:
    """Mount points in /proc/self/mounts write space, tab, newline and backslash in octal."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mounted_volumes(mounts: Path = MOUNTS_FILE) -> list[Volume]:
    """Every mounted file system the kernel lists (none where there is no such list)."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    volumes = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            root = _unescape(fields[1])
            volumes.append(Volume(root, fields[2], Path(root).name or root))
    return volumes


def mounted_import_sources() -> list[ImportSource]:
    """Removable and other non-system drives that are mounted now."""
    sources = [
        ImportSource(Path(v.root), f"drive {v.name}")
        for v in mounted_volumes()
        if is_import_volume(v)
    ]
    if sys.platform.startswith("linux"):
        for pattern in LINUX_DRIVE_GLOBS:
            parent = Path(pattern.split("*", 1)[0])
            relative = pattern[len(str(parent)) + 1 :]
            try:
                folders = sorted(p for p in parent.glob(relative) if p.is_dir())
            except OSError:
                continue
            sources += [ImportSource(p, f"drive {p.name}") for p in folders]
    return sources


def import_dir_from(override: Path | None = None) -> Path | None:
    """The chosen import folder: `--import-dir`, else `$KIOSK_IMPORT_DIR`, else none."""
    if override is not None:
        return override.expanduser()
    env = os.environ.get(IMPORT_DIR_ENV)
    return Path(env).expanduser() if env else None


def source_of(path: Path, sources: Sequence[ImportSource]) -> ImportSource | None:
    """The most specific source folder that holds `path`."""
    best: ImportSource | None = None
    for source in sources:
        if path.is_relative_to(source.folder) and (
            best is None or len(source.folder.parts) > len(best.folder.parts)
        ):
            best = source
    return best


# -- finding bundle files ------------------------------------------------------------------------


class _Budget:
    """How many directory entries may still be read, and until when."""

    def __init__(self, entries: int, seconds: float, clock: Callable[[], float]) -> None:
        self.entries = entries
        self.deadline = clock() + seconds
        self.clock = clock
        self.spent = False

    def take(self) -> bool:
        self.entries -= 1
        if self.entries < 0 or self.clock() > self.deadline:
            self.spent = True
        return not self.spent


def _entries(folder: Path, budget: _Budget) -> list[os.DirEntry[str]]:
    """The entries of `folder` by name, as many as the budget allows; unreadable: none."""
    out = []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if not budget.take():
                    break
                if not entry.name.startswith("."):  # "._x.kbundle" is macOS metadata
                    out.append(entry)
    except OSError:
        pass
    return sorted(out, key=lambda e: e.name)


def _named_like_bundle(entry: os.DirEntry[str]) -> bool:
    return entry.name.lower().endswith(BUNDLE_SUFFIX)


def _candidates(folders: Iterable[Path], budget: _Budget) -> list[os.DirEntry[str]]:
    """Entries named like a bundle file in each folder and one level below it, in order."""
    found = []
    for folder in folders:
        for entry in _entries(folder, budget):
            if _named_like_bundle(entry):
                found.append(entry)
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir and not budget.spent:
                found += [e for e in _entries(Path(entry.path), budget) if _named_like_bundle(e)]
    return found


def find_bundle_files(
    folders: Sequence[Path],
    *,
    limit: int = MAX_LISTED,
    max_entries: int = MAX_ENTRIES,
    seconds: float = SCAN_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> Found:
    """`.kbundle` files in each folder and one level below it (a USB stick's top folders),
    sorted by name within each folder, each file once. Unreadable folders are skipped: a drive
    can vanish or refuse access while it is read."""
    budget = _Budget(max_entries, seconds, clock)
    listed: list[Path] = []
    seen: set[Path] = set()
    for entry in _candidates(folders, budget):
        try:
            if not entry.is_file():  # may touch a slow drive: only for names that match
                continue
        except OSError:
            continue
        if len(listed) == limit:
            return Found(tuple(listed), more=True, complete=not budget.spent)
        path = Path(entry.path)
        key = path.resolve()  # a drive can be reached twice (/media/kiosk and below it)
        if key not in seen:
            seen.add(key)
            listed.append(path)
    return Found(tuple(listed), more=False, complete=not budget.spent)

"""Where staff mode looks for bundle files, and the plain words it uses (no window needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.staff.drives import (
    IMPORT_DIR_ENV,
    ImportSource,
    Volume,
    import_dir_from,
    is_import_volume,
    mounted_import_sources,
    source_of,
)
from kiosk.staff_ui.importing import where
from kiosk.staff_ui.texts import locked_message, plain_wait


@pytest.mark.parametrize(
    ("root", "fs_type", "expected"),
    [
        ("/media/kiosk/KINGSTON", "vfat", True),
        ("/run/media/kiosk/USB STICK", "exfat", True),
        ("/mnt/usb", "ntfs3", True),
        ("/data", "ext4", True),  # another disk, mounted by hand: worth a look
        ("/", "ext4", False),
        ("/boot/efi", "vfat", False),
        ("/home", "ext4", False),
        ("/run/user/1000", "tmpfs", False),
        ("/run/credentials/x", "ramfs", False),
        ("/sys/fs/cgroup", "cgroup2", False),
        ("/proc", "proc", False),
        ("/snap/core22/1234", "squashfs", False),
        ("/var/lib/docker/overlay2/x/merged", "overlay", False),
        ("/tmp", "tmpfs", False),
    ],
)
def test_only_drives_that_could_be_a_usb_stick(root: str, fs_type: str, expected: bool) -> None:
    assert is_import_volume(Volume(root, fs_type, "label")) is expected


def test_windows_system_drive_is_skipped() -> None:
    assert not is_import_volume(Volume("C:/", "NTFS", "Windows"), system_root="C:/")
    assert is_import_volume(Volume("E:/", "FAT32", "KINGSTON"), system_root="C:/")


def test_a_drive_that_is_not_ready_is_skipped() -> None:
    assert not is_import_volume(Volume("/media/kiosk/CARD", "vfat", "CARD", ready=False))


def test_scanning_the_real_mounts_never_fails() -> None:
    sources = mounted_import_sources()
    assert all(s.folder != Path("/") for s in sources)


def test_bundles_say_where_they_are(tmp_path: Path) -> None:
    stick = ImportSource(Path("/media/kiosk/KINGSTON"), "drive KINGSTON")
    folder = ImportSource(tmp_path, "the import folder")
    assert where(stick) == "on drive KINGSTON"
    assert where(folder, detail=True) == f"in the import folder ({tmp_path})"


def test_the_most_specific_source_names_a_file() -> None:
    drive = ImportSource(Path("/media/kiosk"), "drive kiosk")
    stick = ImportSource(Path("/media/kiosk/STICK"), "drive STICK")
    path = Path("/media/kiosk/STICK/bundles/a.kbundle")
    assert source_of(path, [drive, stick]) == stick
    assert source_of(Path("/elsewhere/a.kbundle"), [drive, stick]) is None


def test_import_folder_from_flag_or_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(IMPORT_DIR_ENV, raising=False)
    assert import_dir_from(None) is None
    monkeypatch.setenv(IMPORT_DIR_ENV, str(tmp_path))
    assert import_dir_from(None) == tmp_path
    assert import_dir_from(tmp_path / "flag") == tmp_path / "flag"
    args = build_parser().parse_args(["--import-dir", str(tmp_path / "usb")])
    assert args.import_dir == tmp_path / "usb"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (30, "30 seconds"),
        (29.2, "30 seconds"),
        (1, "1 second"),
        (119, "119 seconds"),
        (120, "2 minutes"),
        (3600, "60 minutes"),
    ],
)
def test_waits_in_plain_words(seconds: float, words: str) -> None:
    assert plain_wait(seconds) == words
    assert locked_message(seconds) == f"Too many tries. Try again in {words}."

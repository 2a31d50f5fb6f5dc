"""Where staff mode looks for bundle files, how long it looks, and the plain words it uses
(no window needed)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.staff.drives import (
    IMPORT_DIR_ENV,
    MAX_LISTED,
    ImportSource,
    Volume,
    find_bundle_files,
    import_dir_from,
    is_import_volume,
    mounted_import_sources,
    mounted_volumes,
    source_of,
)
from kiosk.staff_ui.importing import found_note, where
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


def test_mounts_are_read_with_their_escapes(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/kiosk/USB\\040STICK vfat rw 0 0\n"
        "proc /proc proc rw 0 0\n"
        "broken\n"
    )
    volumes = mounted_volumes(mounts)
    assert [v.root for v in volumes] == ["/", "/media/kiosk/USB STICK", "/proc"]
    assert [v.name for v in volumes if is_import_volume(v)] == ["USB STICK"]
    assert mounted_volumes(tmp_path / "missing") == []


def test_bundle_files_are_found_one_level_deep(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    (usb / "kiosk" / "old").mkdir(parents=True)
    for rel in (
        "top.kbundle",
        "SHOUT.KBUNDLE",
        "kiosk/inner.kbundle",
        "kiosk/old/too-deep.kbundle",
        "._top.kbundle",
        "notes.txt",
    ):
        (usb / rel).write_bytes(b"x")
    (usb / "folder.kbundle").mkdir()
    (usb / ".Trashes").mkdir()
    (usb / ".Trashes" / "deleted.kbundle").write_bytes(b"x")
    found = find_bundle_files([usb, usb, tmp_path / "not-mounted"])
    assert [p.relative_to(usb).as_posix() for p in found.paths] == [
        "SHOUT.KBUNDLE",
        "kiosk/inner.kbundle",
        "top.kbundle",
    ]
    assert not found.more and found.complete


def test_a_crowded_drive_lists_the_first_files_quickly(tmp_path: Path) -> None:
    for n in range(20_000):
        (tmp_path / f"b{n:05}.kbundle").touch()
    started = time.monotonic()
    found = find_bundle_files([tmp_path])
    assert time.monotonic() - started < 5
    assert len(found.paths) == MAX_LISTED and found.more and found.complete
    assert found.paths[0].name == "b00000.kbundle"
    assert found_note(found).startswith(f"There are more than {MAX_LISTED} bundle files")


def test_the_look_stops_at_its_entry_and_time_budgets(tmp_path: Path) -> None:
    for n in range(30):
        (tmp_path / f"b{n:02}.kbundle").touch()
    few = find_bundle_files([tmp_path], max_entries=10)
    assert len(few.paths) <= 10 and not few.complete
    ticks = iter(range(0, 1000, 1))
    slow = find_bundle_files([tmp_path], seconds=5, clock=lambda: float(next(ticks)))
    assert not slow.complete and len(slow.paths) < 30
    assert "too many files" in found_note(slow)
    assert found_note(find_bundle_files([tmp_path])) == ""


def test_waits_in_spanish_and_an_unknown_language_falls_back_to_english() -> None:
    assert locked_message(1, "es") == "Demasiados intentos. Vuelva a intentarlo en 1 segundo."
    assert plain_wait(300, "es") == "5 minutos"
    assert locked_message(30, "es", wrong=True).startswith("Ese PIN no es correcto.")
    assert plain_wait(45, "fr") == "45 seconds"

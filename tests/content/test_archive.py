"""Hostile archives: every refusal of kiosk.content.archive, each with its sentence, and the
destination folder never left behind."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from kiosk.content.archive import (
    DEFAULT_LIMITS,
    MAX_FILES,
    Limits,
    SafeArchive,
    check_member_name,
    target_path,
)
from kiosk.content.problems import BundleError
from kiosk.content.verify import extract_bundle, verify_bundle
from tests.content.conftest import KeyPair
from tests.content.zipcraft import entry, patch_end_record, patch_entry, rewrite_zip, write_zip

MiB = 1024 * 1024


def assert_refused(
    archive: Path,
    tmp_path: Path,
    keys: KeyPair,
    message: str,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Extracting is refused with exactly `message`, and the destination does not exist."""
    dest = tmp_path / "dest"
    with pytest.raises(BundleError) as error:
        extract_bundle(archive, dest, [keys.public], limits=limits)
    assert error.value.summary == message
    assert not dest.exists()
    with pytest.raises(BundleError) as error:
        verify_bundle(archive, [keys.public], limits=limits)
    assert error.value.summary == message


def zip_with(tmp_path: Path, *bad: tuple[zipfile.ZipInfo | str, bytes]) -> Path:
    ok = (entry("bundle.toml"), b'format = 1\nid = "x"\n')
    return write_zip(tmp_path / "bad.kbundle", [ok, *bad])


# -- names -------------------------------------------------------------------------------------


def test_dot_dot_segment(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/../../evil.txt"), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains a file name that leads out of it (..): pages/../../evil.txt.",
    )


def test_absolute_path(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("/etc/evil.conf"), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains a file name that is an absolute path: /etc/evil.conf.",
    )


def test_drive_letter(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("C:/Windows/evil.dll"), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains a file name with a drive letter: C:/Windows/evil.dll.",
    )


def test_drive_relative_name(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("c:evil.txt"), b"x"))
    assert_refused(
        path, tmp_path, keys, "The bundle contains a file name with a drive letter: c:evil.txt."
    )


def test_colon_elsewhere(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md:stream"), b"x"))
    assert_refused(
        path, tmp_path, keys, "The bundle contains a file name with a colon: pages/a.md:stream."
    )


def test_backslash(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("..\\..\\evil.txt"), b"x"))
    assert_refused(
        path, tmp_path, keys, "The bundle contains a file name with a backslash: ..\\..\\evil.txt."
    )


def test_empty_and_dot_parts(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages//a.md"), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains a file name with an empty or '.' part: pages//a.md.",
    )


def test_name_with_nul_byte(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("evil.txtXpng"), b"x"))
    patch_entry(path, "evil.txtXpng", raw_name=b"evil.txt\x00png")
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains a file name with a control character: evil.txt\\x{0}png.",
    )


def test_name_too_long(tmp_path: Path, keys: KeyPair) -> None:
    name = "pages/" + "a" * 300
    path = zip_with(tmp_path, (entry(name), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        f"The bundle contains a file name longer than 255 characters: {name[:60]}...",
    )


def test_name_not_utf8_without_the_utf8_flag(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/cafX.md"), b"x"))
    patch_entry(path, "pages/cafX.md", raw_name=b"pages/caf\xe9.md")  # Latin-1, flag bit 11 unset
    assert_refused(
        path, tmp_path, keys, "The bundle contains a file name that is not UTF-8: pages/cafΘ.md."
    )


def test_name_bad_utf8_with_the_utf8_flag(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/cafX.md"), b"x"))
    patch_entry(path, "pages/cafX.md", raw_name=b"pages/caf\xff.md", flag_bits=1 << 11)
    assert_refused(path, tmp_path, keys, "The bundle contains a file name that is not valid UTF-8.")


def test_utf8_names_with_the_flag_are_accepted(tmp_path: Path) -> None:
    path = zip_with(tmp_path, (entry("pages/café.md"), b"x"))
    with SafeArchive(path) as archive:
        assert "pages/café.md" in archive.names


# -- entry types -------------------------------------------------------------------------------


def test_symlink_entry(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("images/a.svg", mode=stat.S_IFLNK | 0o777), b"/etc/passwd"))
    assert_refused(
        path, tmp_path, keys, "The bundle contains a link, which is not allowed: images/a.svg."
    )


@pytest.mark.parametrize("kind", [stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK])
def test_special_file_entry(tmp_path: Path, keys: KeyPair, kind: int) -> None:
    path = zip_with(tmp_path, (entry("images/a.svg", mode=kind | 0o644), b""))
    assert_refused(
        path, tmp_path, keys, "The bundle contains images/a.svg, which is not a regular file."
    )


@pytest.mark.parametrize(
    ("name", "attr"),
    [
        ("pages/", (stat.S_IFDIR | 0o755) << 16),  # a folder entry as zip tools write them
        ("pages", (stat.S_IFDIR | 0o755) << 16),  # folder type bits without the slash
        ("pages", 0x10),  # the MS-DOS folder attribute
    ],
)
def test_folder_entries_are_refused(tmp_path: Path, keys: KeyPair, name: str, attr: int) -> None:
    path = zip_with(tmp_path, (entry(name, external_attr=attr), b""))
    assert_refused(
        path,
        tmp_path,
        keys,
        f"The bundle contains a folder entry, which bundles never have: {name}.",
    )


def test_encrypted_entry(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md"), b"secret"))
    patch_entry(path, "pages/a.md", flag_bits=0x1)
    assert_refused(path, tmp_path, keys, "The bundle contains an encrypted file: pages/a.md.")


def test_strongly_encrypted_entry(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md"), b"secret"))
    patch_entry(path, "pages/a.md", flag_bits=0x41)
    assert_refused(path, tmp_path, keys, "The bundle contains an encrypted file: pages/a.md.")


def test_unsupported_compression(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md", compression=zipfile.ZIP_BZIP2), b"text"))
    assert_refused(
        path, tmp_path, keys, "The file pages/a.md in the bundle uses an unsupported compression."
    )


# -- duplicates --------------------------------------------------------------------------------


def test_duplicate_names(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md"), b"one"), (entry("pages/a.md"), b"two"))
    assert_refused(path, tmp_path, keys, "The bundle contains the file pages/a.md twice.")


def test_names_differing_only_in_case(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/a.md"), b"one"), (entry("Pages/A.MD"), b"two"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains the files pages/a.md and Pages/A.MD, whose names differ only in case.",
    )


def test_names_differing_only_in_unicode_case_folding(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages/straße.md"), b"one"), (entry("pages/STRASSE.md"), b"2"))
    assert_refused(
        path,
        tmp_path,
        keys,
        "The bundle contains the files pages/straße.md and pages/STRASSE.md, "
        "whose names differ only in case.",
    )


def test_name_used_as_file_and_folder(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("pages"), b"file"), (entry("pages/a.md"), b"two"))
    assert_refused(
        path, tmp_path, keys, "The bundle contains pages both as a file and as a folder."
    )


# -- counts and sizes --------------------------------------------------------------------------


def test_more_than_max_files(tmp_path: Path, keys: KeyPair) -> None:
    path = write_zip(
        tmp_path / "many.kbundle", [(entry(f"f/{i}.txt"), b"") for i in range(MAX_FILES + 1)]
    )
    assert_refused(path, tmp_path, keys, f"The bundle has more than {MAX_FILES} files.")


def test_more_than_max_files_with_a_lower_limit(tmp_path: Path, keys: KeyPair) -> None:
    path = write_zip(tmp_path / "many.kbundle", [(entry(f"f/{i}.txt"), b"") for i in range(6)])
    limits = Limits(max_files=5)
    assert_refused(path, tmp_path, keys, "The bundle has more than 5 files.", limits)


def test_table_of_contents_that_lies_about_its_count(tmp_path: Path, keys: KeyPair) -> None:
    path = patch_end_record(zip_with(tmp_path), entries=65000)
    assert_refused(path, tmp_path, keys, f"The bundle has more than {MAX_FILES} files.")


def test_table_of_contents_too_large(tmp_path: Path, keys: KeyPair) -> None:
    path = patch_end_record(zip_with(tmp_path), size=0xFFFF_FFF0)
    assert_refused(
        path, tmp_path, keys, "The bundle's table of contents is larger than any bundle needs."
    )


def test_file_over_the_size_cap(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("notice.bin"), os.urandom(2000)))
    limits = Limits(max_file_bytes=1000)
    assert_refused(
        path,
        tmp_path,
        keys,
        "The file notice.bin in the bundle is larger than the limit of 1,000 bytes.",
        limits,
    )


def test_default_size_cap_is_64_mib(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, (entry("notice.bin"), b"x"))
    patch_entry(path, "notice.bin", file_size=64 * MiB + 1)
    assert_refused(
        path,
        tmp_path,
        keys,
        "The file notice.bin in the bundle is larger than the limit of 64 MiB.",
    )


def test_total_over_the_size_cap(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(tmp_path, *[(entry(f"notices/{i}.bin"), os.urandom(1500)) for i in range(3)])
    limits = Limits(max_total_bytes=4000)
    assert_refused(
        path,
        tmp_path,
        keys,
        "The files in the bundle add up to more than the limit of 4,000 bytes.",
        limits,
    )


def test_zip_bomb_ratio(tmp_path: Path, keys: KeyPair) -> None:
    path = zip_with(
        tmp_path, (entry("notice.txt", compression=zipfile.ZIP_DEFLATED), bytes(2 * MiB))
    )
    assert_refused(
        path,
        tmp_path,
        keys,
        "The file notice.txt in the bundle is compressed more than 100 to 1, like a zip bomb.",
    )


def test_small_files_may_compress_well(tmp_path: Path) -> None:
    path = zip_with(
        tmp_path, (entry("blank.svg", compression=zipfile.ZIP_DEFLATED), bytes(500_000))
    )
    with SafeArchive(path) as archive:
        assert archive.stream("blank.svg").size == 500_000


def test_header_claiming_less_than_the_data_is_never_trusted(tmp_path: Path) -> None:
    path = zip_with(tmp_path, (entry("notice.bin"), os.urandom(100_000)))
    patch_entry(path, "notice.bin", file_size=10)
    received: list[bytes] = []
    with SafeArchive(path) as archive, pytest.raises(BundleError) as error:
        archive.stream("notice.bin", received.append)
    assert error.value.summary == "The file notice.bin in the bundle is damaged."
    assert sum(map(len, received)) <= 10  # stopped at what the header claimed


def test_signed_member_with_a_lying_header(tmp_path: Path, kbundle: Path, keys: KeyPair) -> None:
    patch_entry(kbundle, "pages/stretching.en.md", file_size=10)
    assert_refused(
        kbundle,
        tmp_path,
        keys,
        "The file pages/stretching.en.md was changed after the bundle was signed.",
    )


def test_header_claiming_more_than_the_data(tmp_path: Path) -> None:
    path = zip_with(tmp_path, (entry("notice.bin"), os.urandom(1000)))
    patch_entry(path, "notice.bin", file_size=5000)
    with SafeArchive(path) as archive, pytest.raises(BundleError) as error:
        archive.stream("notice.bin")
    assert error.value.summary == "The file notice.bin in the bundle is damaged."


def test_not_a_zip_at_all(tmp_path: Path, keys: KeyPair) -> None:
    path = tmp_path / "junk.kbundle"
    path.write_bytes(os.urandom(5000))
    assert_refused(
        path, tmp_path, keys, "The file is not a bundle (it is not a readable zip archive)."
    )


def test_entry_not_listed_in_the_manifest(tmp_path: Path, kbundle: Path, keys: KeyPair) -> None:
    path = rewrite_zip(kbundle, tmp_path / "extra.kbundle", add={"images/extra.svg": b"<svg/>"})
    assert_refused(
        path, tmp_path, keys, "The bundle contains a file that was not signed: images/extra.svg."
    )


def test_manifest_files_may_be_absent_from_the_list(kbundle: Path) -> None:
    with SafeArchive(kbundle) as archive:
        listed = set(archive.names) - {"manifest.json", "manifest.sig"}
        archive.check_listed(listed | {"manifest.json", "manifest.sig"})


# -- property-based: random names --------------------------------------------------------------

TRICKY = ["/", "\\", "..", ".", ":", "\x00", "C:", "c:", "~", " ", "é", "ǅ", "ß", "\u202e", "a"]
names = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=8).map("".join)


def assert_stays_inside(name: str) -> None:
    dest = Path("/srv/kiosk/staging/new")
    target = target_path(dest, name)
    assert os.path.commonpath([dest, os.path.normpath(target)]) == str(dest)
    assert target != dest
    pure = PurePosixPath(name)
    assert not pure.is_absolute() and ".." not in pure.parts
    windows = PureWindowsPath(name)
    assert not windows.drive and not windows.root and ".." not in windows.parts


@given(names)
@settings(max_examples=500)
def test_random_names_are_safe_or_refused(name: str) -> None:
    try:
        check_member_name(name)
    except BundleError:
        event("refused")
        return
    event("accepted")
    assert_stays_inside(name)


MODES = st.one_of(
    st.sampled_from([0, stat.S_IFREG | 0o644, stat.S_IFLNK | 0o777, stat.S_IFDIR | 0o755]),
    st.integers(0, 0xFFFF),
)


# Mostly-plain names too, so that accepted archives are common enough to check their paths.
plain_names = st.from_regex(r"[a-zA-Z0-9_.-]{1,6}(/[a-zé._-]{1,6}){0,2}", fullmatch=True)


@given(st.lists(st.one_of(names, plain_names), min_size=1, max_size=3), MODES)
@settings(max_examples=150, deadline=None)
def test_random_archives_are_safe_or_refused(members: list[str], mode: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "random.kbundle"
        try:
            infos = [entry(name, mode=mode) for name in members]
            write_zip(path, [(info, b"data") for info in infos])
        except (UnicodeEncodeError, ValueError):
            return  # zipfile itself cannot write this name
        try:
            with SafeArchive(path) as archive:
                dest = Path(temp) / "dest"
                for name in archive.names:
                    assert_stays_inside(name)
                    target = target_path(dest, name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with target.open("xb") as out:
                        archive.stream(name, out.write)
                    assert target.resolve().is_relative_to(dest.resolve())
            event("accepted")
        except BundleError:
            event("refused")


def test_name_part_over_255_bytes(tmp_path: Path, keys: KeyPair) -> None:
    """600 bytes of UTF-8 in 150 characters: the file system would say "File name too long"."""
    name = "pages/" + "\U0001d11e" * 150
    path = zip_with(tmp_path, (entry(name), b"x"))
    assert_refused(
        path,
        tmp_path,
        keys,
        f"The bundle contains a file name part longer than 255 bytes: {name[:60]}...",
    )

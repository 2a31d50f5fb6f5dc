"""Zip parser differentials: a signed bundle is accepted in exactly one form (issue 12).

Each archive below is the real signed bundle with one thing changed that Python's zipfile (and
main before this change) still reads: the content hashes still match, so only the canonical-form
check can refuse it.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.archive import SafeArchive
from kiosk.content.problems import BundleError
from kiosk.content.verify import verify_bundle
from kiosk.content.zip_canon import NOT_CANONICAL
from tests.content.conftest import KeyPair
from tests.content.zipcraft import CENTRAL, END, patch_end_record

Edit = Callable[[bytearray], bytearray]


def _central(data: bytearray, index: int = 0) -> tuple[int, list[int]]:
    """Offset and fields of the index-th central directory record."""
    *_, start, _ = END.unpack_from(data, len(data) - END.size)
    at = start
    for _ in range(index):
        fields = CENTRAL.unpack_from(data, at)
        at += CENTRAL.size + fields[12] + fields[13] + fields[14]
    return at, list(CENTRAL.unpack_from(data, at))


def _stored_entry(data: bytearray) -> int:
    """The index of a stored (not deflated) entry, whose method can flip without harm."""
    for index in range(1000):
        _, fields = _central(data, index)
        if fields[6] == zipfile.ZIP_STORED:
            return index
    raise AssertionError("no stored entry")


def _local_method_deflated(data: bytearray) -> bytearray:
    # zipfile trusts the central method (stored); another reader may trust the local one.
    _, fields = _central(data, _stored_entry(data))
    struct.pack_into("<H", data, fields[18] + 8, zipfile.ZIP_DEFLATED)
    return data


def _local_encryption_flag(data: bytearray) -> bytearray:
    _, fields = _central(data)
    flags = struct.unpack_from("<H", data, fields[18] + 6)[0]
    struct.pack_into("<H", data, fields[18] + 6, flags | 1)
    return data


def _local_size(data: bytearray) -> bytearray:
    _, fields = _central(data)
    struct.pack_into("<L", data, fields[18] + 22, fields[11] + 1)
    return data


def _junk_before(data: bytearray) -> bytearray:
    return bytearray(b"MZ self-extractor stub " * 10) + data


def _junk_after(data: bytearray) -> bytearray:
    return data + b"trailing junk"


def _comment_past_the_end(data: bytearray) -> bytearray:
    struct.pack_into("<H", data, len(data) - 2, 500)
    return data


def _comment(data: bytearray) -> bytearray:
    struct.pack_into("<H", data, len(data) - 2, 5)
    return data + b"hello"


EDITS: dict[str, Edit] = {
    "central and local method differ": _local_method_deflated,
    "encryption flag in the local header only": _local_encryption_flag,
    "local size differs": _local_size,
    "junk before the archive": _junk_before,
    "junk after the end record": _junk_after,
    "comment length past the end": _comment_past_the_end,
    "an archive comment": _comment,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_non_canonical_archive_is_refused(
    kbundle: Path, keys: KeyPair, tmp_path: Path, edit: Edit
) -> None:
    bad = tmp_path / "bad.kbundle"
    bad.write_bytes(bytes(edit(bytearray(kbundle.read_bytes()))))
    with pytest.raises(BundleError) as info:
        verify_bundle(bad, [keys.public])
    assert "\n" not in info.value.summary


def test_an_end_record_that_lies_about_the_entry_count_is_refused(
    kbundle: Path, keys: KeyPair, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.kbundle"
    bad.write_bytes(kbundle.read_bytes())
    with zipfile.ZipFile(kbundle) as archive:
        count = len(archive.infolist())
    patch_end_record(bad, entries=count - 1)
    with pytest.raises(BundleError):
        verify_bundle(bad, [keys.public])


def test_junk_before_is_read_by_zipfile_but_refused_here(kbundle: Path, tmp_path: Path) -> None:
    """The differential itself: zipfile opens it, the kiosk does not."""
    bad = tmp_path / "bad.kbundle"
    bad.write_bytes(bytes(_junk_before(bytearray(kbundle.read_bytes()))))
    with zipfile.ZipFile(bad) as archive:
        assert archive.testzip() is None
    with pytest.raises(BundleError, match=NOT_CANONICAL):
        SafeArchive(bad)


def test_the_canonical_form_is_accepted(kbundle: Path, keys: KeyPair) -> None:
    assert verify_bundle(kbundle, [keys.public]).version >= 1

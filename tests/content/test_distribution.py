"""Building, sealing, verifying and extracting signed bundles, mostly through `kiosk ...`."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.commands.archive_lint import validate_archive
from kiosk.content.authoring import build_bundle, seal_folder
from kiosk.content.problems import BundleError
from kiosk.content.sealed import MANIFEST_JSON, MANIFEST_SIG
from kiosk.content.signed_manifest import manifest_bytes, parse_manifest
from kiosk.content.verify import extract_bundle, verify_bundle, verify_folder
from tests.content import pngcraft
from tests.content.conftest import BUILT_AT, KeyPair
from tests.content.zipcraft import members, rewrite_zip


def verify_cli(path: Path, *keys: Path) -> int:
    return main(["bundle", "verify", str(path), "--trust", *(str(k) for k in keys)])


def refusal(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.strip()


# -- build and verify through the CLI ----------------------------------------------------------


def test_keys_build_verify_round_trip_through_the_cli(
    tmp_path: Path, bundle_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys_dir = tmp_path / "k"
    assert main(["keys", "generate", "--out", str(keys_dir)]) == 0
    key_id = capsys.readouterr().out.split("key id: ")[1].strip()
    out = tmp_path / "clinic.kbundle"
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys_dir / "kiosk.key")]
    assert main([*args, "-o", str(out), "--no-readability", "--narration", "none"]) == 0
    assert f"signed by key {key_id}" in capsys.readouterr().out

    assert verify_cli(out, keys_dir / "kiosk.pub") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "id: test-bundle" in lines
    assert "version: 1" in lines
    assert f"signer: {key_id}" in lines
    assert "pages: 3" in lines  # one about page, one treatment, the disclaimer


def test_build_with_readability_checks_on(
    tmp_path: Path, bundle_folder: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clinic.kbundle"
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys.private_path)]
    assert main([*args, "-o", str(out), "--narration", "none"]) == 0
    assert "WARNING" not in capsys.readouterr().out
    assert verify_bundle(out, [keys.public]).page_count == 3


def test_build_refuses_an_invalid_folder_and_lists_the_problems(
    tmp_path: Path, bundle_folder: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = bundle_folder / "bundle.toml"
    toml.write_text(toml.read_text().replace('greeting = "Welcome"\n', ""))
    (bundle_folder / "stray.txt").write_text("left over")
    out_dir = tmp_path / "dist"
    out_dir.mkdir()
    out = out_dir / "clinic.kbundle"
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys.private_path), "-o", str(out)]
    assert main([*args, "--no-readability"]) == 1
    err = refusal(capsys)
    assert "is not a valid bundle (2 errors)." in err
    assert "ERROR bundle.toml: ui.en.greeting: missing translation" in err
    assert "ERROR stray.txt: file is not referenced by bundle.toml" in err
    assert list(out_dir.iterdir()) == []


def test_build_refuses_to_write_into_the_bundle_folder(bundle_folder: Path, keys: KeyPair) -> None:
    with pytest.raises(BundleError, match="must be written outside the bundle folder"):
        build_bundle(bundle_folder, keys.private, bundle_folder / "x.kbundle")


def test_missing_arguments_are_bad_usage(
    tmp_path: Path, bundle_folder: Path, kbundle: Path, keys: KeyPair
) -> None:
    missing = tmp_path / "nope"
    build = ["bundle", "build", "--key", str(keys.private_path), "-o", str(tmp_path / "x.kbundle")]
    assert main([*build, str(missing)]) == 2
    assert main(["bundle", "build", str(bundle_folder), "--key", str(missing), "-o", "x"]) == 2
    no_folder = ["-o", str(missing / "x.kbundle")]
    assert (
        main(["bundle", "build", str(bundle_folder), "--key", str(keys.private_path), *no_folder])
        == 2
    )
    assert verify_cli(missing, keys.public_path) == 2
    assert verify_cli(kbundle, missing) == 2
    assert main(["bundle", "seal", str(missing), "--key", str(keys.private_path)]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["bundle", "verify", str(kbundle)])  # no --trust
    assert exit_info.value.code == 2


def test_build_with_a_public_key_is_refused(
    tmp_path: Path, bundle_folder: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["bundle", "build", str(bundle_folder), "--key", str(keys.public_path)]
    assert main([*args, "-o", str(tmp_path / "x.kbundle")]) == 1
    assert "is a public key; signing needs the private key." in refusal(capsys)


def test_archive_layout_and_deterministic_manifest(
    tmp_path: Path, kbundle: Path, bundle_folder: Path, keys: KeyPair
) -> None:
    with zipfile.ZipFile(kbundle) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        data = archive.read(MANIFEST_JSON)
        signature = archive.read(MANIFEST_SIG)
    assert list(infos)[-2:] == [MANIFEST_JSON, MANIFEST_SIG]
    assert len(signature) == 64
    keys.public.verify(signature, data)
    manifest = parse_manifest(data)
    assert manifest_bytes(manifest) == data  # the exact bytes are reproducible
    document = json.loads(data)
    assert list(document) == ["format", "id", "version", "built_at", "signer", "files"]
    assert document["built_at"] == "2026-11-20T12:00:00Z"
    assert document["signer"] == keys.id
    paths = [f["path"] for f in document["files"]]
    assert paths == sorted(paths)
    assert set(paths) == set(infos) - {MANIFEST_JSON, MANIFEST_SIG}
    assert infos["pages/stretching.en.md"].compress_type == zipfile.ZIP_DEFLATED

    again = tmp_path / "again.kbundle"
    build_bundle(bundle_folder, keys.private, again, readability_checks=False, built_at=BUILT_AT)
    assert again.read_bytes() == kbundle.read_bytes()


def test_png_is_stored_and_text_deflated(
    tmp_path: Path, bundle_folder: Path, keys: KeyPair
) -> None:
    png = pngcraft.png(32, 32, extra=[pngcraft.chunk(b"tEXt", b"Comment\0" + b"x" * 4000)])
    (bundle_folder / "images" / "stretching.svg").unlink()
    (bundle_folder / "images" / "stretching.png").write_bytes(png)
    toml = bundle_folder / "bundle.toml"
    toml.write_text(toml.read_text().replace("images/stretching.svg", "images/stretching.png"))
    (bundle_folder / "NOTICE.txt").write_text("Licence notice.\n" * 200)
    toml.write_text(toml.read_text().replace("notices = []", 'notices = ["NOTICE.txt"]'))
    out = tmp_path / "x.kbundle"
    build_bundle(bundle_folder, keys.private, out, readability_checks=False)
    with zipfile.ZipFile(out) as archive:
        assert archive.getinfo("images/stretching.png").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("NOTICE.txt").compress_type == zipfile.ZIP_DEFLATED
    assert verify_bundle(out, [keys.public]).file_count == 11


# -- verify failures: exit 1 and one sentence --------------------------------------------------


def test_tampered_page_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "pages/stretching.en.md"
    text = members(kbundle)[page]
    tampered = rewrite_zip(kbundle, tmp_path / "t.kbundle", replace={page: text[:-2] + b"!\n"})
    assert verify_cli(tampered, keys.public_path) == 1
    assert refusal(capsys) == f"The file {page} was changed after the bundle was signed."


def test_a_byte_flipped_in_the_file_is_reported(
    kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(kbundle.read_bytes())
    with zipfile.ZipFile(kbundle) as archive:
        info = archive.getinfo("pages/disclaimer.en.md")  # stored: its bytes are plain
    at = data.index(b"general help")
    assert info.header_offset < at < info.header_offset + 200
    data[at] ^= 0x20
    kbundle.write_bytes(bytes(data))
    assert verify_cli(kbundle, keys.public_path) == 1
    assert refusal(capsys) == "The file pages/disclaimer.en.md in the bundle is damaged."


def test_missing_file_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = rewrite_zip(kbundle, tmp_path / "m.kbundle", drop=["images/stretching.svg"])
    assert verify_cli(broken, keys.public_path) == 1
    assert refusal(capsys) == "The file images/stretching.svg listed in the bundle is missing."


def test_extra_file_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = rewrite_zip(kbundle, tmp_path / "e.kbundle", add={"extra.txt": b"hello"})
    assert verify_cli(broken, keys.public_path) == 1
    assert refusal(capsys) == "The bundle contains a file that was not signed: extra.txt."


def test_unknown_key_is_reported(
    kbundle: Path, keys: KeyPair, other_keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify_cli(kbundle, other_keys.public_path) == 1
    assert refusal(capsys) == (
        f"The bundle was signed by key {keys.id}, which this kiosk does not trust."
    )
    assert verify_cli(kbundle, other_keys.public_path, keys.public_path) == 0


def test_bad_signature_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    signature = bytearray(members(kbundle)[MANIFEST_SIG])
    signature[10] ^= 0x01
    broken = rewrite_zip(kbundle, tmp_path / "s.kbundle", replace={MANIFEST_SIG: bytes(signature)})
    assert verify_cli(broken, keys.public_path) == 1
    assert refusal(capsys) == "The bundle's signature is not valid."


def test_tampered_manifest_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "pages/stretching.en.md"
    text = members(kbundle)[page]
    new_text = text.replace(b"slowly", b"fast!!")
    document = json.loads(members(kbundle)[MANIFEST_JSON])
    for entry in document["files"]:
        if entry["path"] == page:  # the attacker updates the hash too
            entry["sha256"] = hashlib.sha256(new_text).hexdigest()
    tampered = json.dumps(document, indent=2).encode() + b"\n"
    broken = rewrite_zip(
        kbundle, tmp_path / "j.kbundle", replace={page: new_text, MANIFEST_JSON: tampered}
    )
    assert verify_cli(broken, keys.public_path) == 1
    assert refusal(capsys) == "The bundle's signature is not valid."


def test_unsigned_bundle_is_reported(
    tmp_path: Path, kbundle: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = rewrite_zip(kbundle, tmp_path / "u.kbundle", drop=[MANIFEST_SIG])
    assert verify_cli(broken, keys.public_path) == 1
    assert refusal(capsys) == "The bundle is not signed (it has no manifest.sig)."


def test_signed_manifest_that_disagrees_with_bundle_toml(
    tmp_path: Path, bundle_folder: Path, keys: KeyPair
) -> None:
    """A signed but inconsistent bundle (only a buggy builder makes one) is still refused."""
    out = tmp_path / "x.kbundle"
    build_bundle(bundle_folder, keys.private, out, readability_checks=False)
    document = json.loads(members(out)[MANIFEST_JSON])
    document["version"] = 7
    data = json.dumps(document).encode()
    signed = rewrite_zip(
        out,
        tmp_path / "y.kbundle",
        replace={MANIFEST_JSON: data, MANIFEST_SIG: keys.private.sign(data)},
    )
    with pytest.raises(BundleError, match="disagree about its id or version"):
        verify_bundle(signed, [keys.public])


def test_verify_result_fields(kbundle: Path, keys: KeyPair) -> None:
    info = verify_bundle(kbundle, [keys.public])
    assert (info.id, info.version, info.signer) == ("test-bundle", 1, keys.id)
    assert info.built_at == BUILT_AT
    assert info.file_count == 10
    assert info.total_size == sum(
        len(v) for k, v in members(kbundle).items() if "manifest" not in k
    )
    assert info.manifest.organization.name == "Test Clinic"
    assert [f.path for f in info.files] == sorted(f.path for f in info.files)
    assert info.signed.signer == keys.id


# -- sealed folders ----------------------------------------------------------------------------


def test_seal_and_verify_a_folder(
    bundle_folder: Path, keys: KeyPair, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["bundle", "seal", str(bundle_folder), "--key", str(keys.private_path)]
    assert main([*args, "--no-readability"]) == 0
    assert (bundle_folder / MANIFEST_SIG).stat().st_size == 64
    assert verify_cli(bundle_folder, keys.public_path) == 0
    assert "pages: 3" in capsys.readouterr().out
    # A sealed folder is still a valid authoring folder, and sealing again works.
    assert main(["bundle", "validate", str(bundle_folder), "--no-readability"]) == 0
    assert main([*args, "--no-readability"]) == 0
    assert [p.name for p in bundle_folder.iterdir() if ".tmp" in p.name] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("edit", "The file pages/stretching.es.md was changed after the bundle was signed."),
        ("remove", "The file images/locations.svg listed in the bundle is missing."),
        ("add", "The bundle contains a file that was not signed: pages/extra.en.md."),
        ("link", "The bundle contains a link, which is not allowed: images/link.svg."),
        (
            "replace-with-link",
            "The bundle contains a link, which is not allowed: images/locations.svg.",
        ),
    ],
)
def test_verify_folder_failures(
    bundle_folder: Path, keys: KeyPair, change: str, message: str
) -> None:
    seal_folder(bundle_folder, keys.private, readability_checks=False)
    verify_folder(bundle_folder, [keys.public])
    images = bundle_folder / "images"
    if change == "edit":
        page = bundle_folder / "pages" / "stretching.es.md"
        page.write_bytes(page.read_bytes() + b" ")
    elif change == "remove":
        (images / "locations.svg").unlink()
    elif change == "add":
        (bundle_folder / "pages" / "extra.en.md").write_text("# Extra\n")
    elif change == "link":
        (images / "link.svg").symlink_to(images / "locations.svg")
    else:  # same bytes, but from outside the folder
        outside = (images / "locations.svg").rename(bundle_folder.parent / "real.svg")
        (images / "locations.svg").symlink_to(outside)
    with pytest.raises(BundleError) as error:
        verify_folder(bundle_folder, [keys.public])
    assert error.value.summary == message


def test_verify_folder_needs_the_signature(bundle_folder: Path, keys: KeyPair) -> None:
    with pytest.raises(BundleError, match=r"has no manifest\.json"):
        verify_folder(bundle_folder, [keys.public])
    seal_folder(bundle_folder, keys.private, readability_checks=False)
    (bundle_folder / MANIFEST_SIG).unlink()
    with pytest.raises(BundleError, match=r"is not signed \(it has no manifest\.sig\)"):
        verify_folder(bundle_folder, [keys.public])


# -- extract -----------------------------------------------------------------------------------


def test_extract_writes_a_verifiable_folder_and_reports_progress(
    tmp_path: Path, kbundle: Path, keys: KeyPair
) -> None:
    dest = tmp_path / "staging" / "bundle"
    dest.parent.mkdir()
    progress: list[tuple[int, int]] = []
    info = extract_bundle(
        kbundle, dest, [keys.public], on_progress=lambda d, t: progress.append((d, t))
    )
    assert progress[0] == (0, info.total_size)
    assert progress[-1] == (info.total_size, info.total_size)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    for name, data in members(kbundle).items():
        assert (dest / name).read_bytes() == data
    assert verify_folder(dest, [keys.public]) == info


def test_extract_refuses_an_existing_destination_and_leaves_it_alone(
    tmp_path: Path, kbundle: Path, keys: KeyPair
) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(BundleError, match="already exists"):
        extract_bundle(kbundle, dest, [keys.public])
    assert (dest / "keep.txt").read_text() == "mine"


def test_extract_of_a_tampered_bundle_leaves_nothing(
    tmp_path: Path, kbundle: Path, keys: KeyPair
) -> None:
    page = "pages/what-is-clonus.es.md"
    tampered = rewrite_zip(kbundle, tmp_path / "t.kbundle", replace={page: b"# Hola\n"})
    dest = tmp_path / "dest"
    with pytest.raises(BundleError) as error:
        extract_bundle(tampered, dest, [keys.public])
    assert error.value.summary == f"The file {page} was changed after the bundle was signed."
    assert not dest.exists()


def test_extract_cleans_up_when_the_drive_goes_away_mid_copy(
    tmp_path: Path, kbundle: Path, keys: KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read = zipfile.ZipExtFile.read
    calls = {"n": 0}

    def flaky_read(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        calls["n"] += 1
        if calls["n"] > 12:  # manifest and signature read, several files copied
            raise OSError(5, "Input/output error")
        return real_read(self, -1 if n is None else n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", flaky_read)
    dest = tmp_path / "dest"
    progress: list[int] = []
    with pytest.raises(BundleError) as error:
        extract_bundle(kbundle, dest, [keys.public], on_progress=lambda d, t: progress.append(d))
    assert error.value.summary == (
        "The bundle file could not be read to the end (was the drive removed?)."
    )
    assert max(progress) > 0  # files had been written before the failure
    assert not dest.exists()


def test_extract_cleans_up_when_writing_fails(
    tmp_path: Path, kbundle: Path, keys: KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    dest = tmp_path / "dest"
    with pytest.raises(BundleError, match=r"could not be copied to .*No space left on device"):
        extract_bundle(kbundle, dest, [keys.public])
    assert not dest.exists()


# -- validate_archive --------------------------------------------------------------------------


def test_validate_a_kbundle_through_the_cli(
    tmp_path: Path,
    kbundle: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    assert main(["bundle", "validate", str(kbundle), "--no-readability"]) == 0
    assert "valid, 0 warning(s)" in capsys.readouterr().out
    assert list(temp_root.iterdir()) == []  # the temporary folder is gone


def test_validate_archive_reports_content_problems_and_hash_mismatches(
    tmp_path: Path, kbundle: Path
) -> None:
    page = "pages/stretching.en.md"
    text = members(kbundle)[page]
    tampered = rewrite_zip(kbundle, tmp_path / "t.kbundle", replace={page: text + b"x"})
    bundle, problems = validate_archive(tampered, readability_checks=False)
    assert bundle is None
    assert [str(p) for p in problems.errors] == [
        f"ERROR t.kbundle: The file {page} was changed after the bundle was signed."
    ]


def test_validate_archive_runs_the_folder_checks(
    tmp_path: Path, bundle_folder: Path, kbundle: Path, keys: KeyPair
) -> None:
    # Sign a bundle whose page breaks the Markdown subset, as a careless builder could.
    page = "pages/what-is-clonus.en.md"
    content = members(kbundle)
    content[page] = b"# Title\n\n<b>html</b>\n"
    broken = tmp_path / "b.kbundle"
    rewrite_zip(kbundle, broken, replace={page: content[page]})
    document = json.loads(content[MANIFEST_JSON])
    for entry in document["files"]:
        if entry["path"] == page:
            entry["sha256"] = hashlib.sha256(content[page]).hexdigest()
            entry["size"] = len(content[page])
    data = json.dumps(document).encode()
    resigned = rewrite_zip(
        broken,
        tmp_path / "r.kbundle",
        replace={MANIFEST_JSON: data, MANIFEST_SIG: keys.private.sign(data)},
    )
    _, problems = validate_archive(resigned, readability_checks=False)
    assert any("HTML is not allowed" in str(p) and page in str(p) for p in problems.errors)
    unsigned = rewrite_zip(resigned, tmp_path / "u.kbundle", drop=[MANIFEST_SIG])
    _, problems = validate_archive(unsigned, readability_checks=False)
    assert any("is not signed" in str(p) for p in problems.errors)

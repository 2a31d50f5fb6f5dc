"""Signing keys: file modes, no overwriting, clear errors for wrong files, key ids."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.cli import main
from kiosk.content.signing import (
    KeyFileError,
    find_signer,
    generate_keypair,
    key_id,
    load_private_key,
    load_public_key,
    sign,
    verify_signature,
)
from tests.content.conftest import KeyPair, make_keypair


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_generate_writes_private_key_0600_and_public_pem(tmp_path: Path) -> None:
    private_path, public_path = generate_keypair(tmp_path / "keys", "signer")
    assert private_path == tmp_path / "keys" / "signer.key"
    assert public_path == tmp_path / "keys" / "signer.pub"
    assert mode(private_path) == 0o600
    assert mode(public_path) & 0o077 in (0o044, 0o004, 0o040, 0)  # umask may only take away
    assert private_path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public_path.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    private = load_private_key(private_path)
    assert key_id(private.public_key()) == key_id(load_public_key(public_path))


def test_private_key_is_created_0600_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private_path, _ = generate_keypair(tmp_path)
    finally:
        os.umask(old)
    assert mode(private_path) == 0o600


def test_generate_refuses_to_overwrite_either_file(tmp_path: Path) -> None:
    private_path, public_path = generate_keypair(tmp_path)
    before = private_path.read_bytes(), public_path.read_bytes()
    with pytest.raises(KeyFileError, match="already exists; a key is never overwritten"):
        generate_keypair(tmp_path)
    assert (private_path.read_bytes(), public_path.read_bytes()) == before

    private_path.unlink()  # only the .pub is left: still refused, and no .key appears
    with pytest.raises(KeyFileError, match=r"kiosk\.pub already exists"):
        generate_keypair(tmp_path)
    assert not private_path.exists()


def test_generate_refuses_a_name_that_is_a_path(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="must be letters, digits"):
        generate_keypair(tmp_path, "../evil")
    assert list(tmp_path.iterdir()) == []


def test_cli_generate_prints_paths_and_key_id_never_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "new" / "keys"
    assert main(["keys", "generate", "--out", str(out_dir), "--name", "clinic"]) == 0
    out = capsys.readouterr().out
    public = load_public_key(out_dir / "clinic.pub")
    assert f"key id: {key_id(public)}" in out
    assert str(out_dir / "clinic.key") in out
    assert "BEGIN" not in out
    assert mode(out_dir / "clinic.key") == 0o600

    assert main(["keys", "generate", "--out", str(out_dir), "--name", "clinic"]) == 1
    captured = capsys.readouterr()
    assert "clinic.key already exists; a key is never overwritten." in captured.err


def test_cli_generate_without_out_is_bad_usage() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["keys", "generate"])
    assert exit_info.value.code == 2


def test_key_id_is_the_first_16_hex_of_sha256_of_the_raw_key(keys: KeyPair) -> None:
    raw = keys.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert len(raw) == 32
    assert keys.id == hashlib.sha256(raw).hexdigest()[:16]


def test_loading_the_wrong_kind_of_key_says_so(keys: KeyPair) -> None:
    with pytest.raises(KeyFileError, match="is a public key; signing needs the private key"):
        load_private_key(keys.public_path)
    with pytest.raises(KeyFileError, match=r"is a private key; give the public key \(\.pub\)"):
        load_public_key(keys.private_path)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a key at all", b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"],
)
def test_corrupt_private_key_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="is not a usable private key"):
        load_private_key(path)


def test_corrupt_public_key_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.pub"
    path.write_bytes(b"-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n")
    with pytest.raises(KeyFileError, match="is not a usable public key"):
        load_public_key(path)


def test_a_key_of_another_algorithm_is_refused(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    private = tmp_path / "ec.key"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public = tmp_path / "ec.pub"
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    with pytest.raises(KeyFileError, match="is not an Ed25519 key"):
        load_private_key(private)
    with pytest.raises(KeyFileError, match="is not an Ed25519 key"):
        load_public_key(public)


def test_missing_and_huge_key_files(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="could not be read"):
        load_public_key(tmp_path / "nope.pub")
    huge = tmp_path / "huge.pub"
    huge.write_bytes(b"x" * 100_000)
    with pytest.raises(KeyFileError, match="too large to be a key file"):
        load_public_key(huge)


def test_sign_and_verify(tmp_path: Path, keys: KeyPair) -> None:
    other = make_keypair(tmp_path / "other")
    signature = sign(keys.private, b"manifest bytes")
    assert len(signature) == 64
    assert verify_signature(keys.public, signature, b"manifest bytes")
    assert not verify_signature(keys.public, signature, b"manifest bytez")
    assert not verify_signature(other.public, signature, b"manifest bytes")
    assert not verify_signature(keys.public, signature[:-1], b"manifest bytes")
    assert find_signer([other.public, keys.public], signature, b"manifest bytes") is keys.public
    assert find_signer([other.public], signature, b"manifest bytes") is None

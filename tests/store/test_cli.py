"""`kiosk staff set-pin`, `kiosk keys trust`, `kiosk bundle install|list|rollback`.

Exit codes: 0 success, 1 refusal (with the reason), 2 bad usage.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli import main
from kiosk.staff import service
from kiosk.staff.pin import PinStore
from tests.content.zipcraft import rewrite_zip
from tests.store.conftest import KeyPair, MakeBundle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def kiosk_env(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, builtin: Path, builtin_pin: str
) -> None:
    """KIOSK_DATA_DIR for every command, and the test's sealed built-in bundle and its pin."""
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data_dir))
    monkeypatch.setattr(paths, "default_bundle_dir", lambda: builtin)
    monkeypatch.setattr(service, "SEAL_DIGEST", builtin_pin)


def run(
    capsys: pytest.CaptureFixture[str], *argv: str | Path, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's bad usage
        code = int(exc.code or 0)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def trusted_keys(capsys: pytest.CaptureFixture[str], keys: KeyPair) -> KeyPair:
    code, out, _ = run(capsys, "keys", "trust", keys.public_path)
    assert code == 0 and keys.id in out
    return keys


def test_set_pin_reads_stdin_twice(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "staff", "set-pin", stdin="4821\n4821\n")
    assert (code, out.strip(), err) == (0, "The staff PIN is set.", "")
    assert PinStore(data_dir / "pin.json").check("4821").ok
    assert "4821" not in (data_dir / "pin.json").read_text()
    assert "4821" not in (data_dir / "staff-log.jsonl").read_text()


@pytest.mark.parametrize(
    ("stdin", "reason"),
    [
        ("4821\n4822\n", "the two PINs differ"),
        ("48\n48\n", "The PIN must be 4 to 12 digits."),
        ("4821\n", "no PIN was given"),
        ("", "no PIN was given"),
    ],
)
def test_set_pin_refusals(
    capsys: pytest.CaptureFixture[str], data_dir: Path, stdin: str, reason: str
) -> None:
    code, out, err = run(capsys, "staff", "set-pin", stdin=stdin)
    assert code == 1 and reason in err
    assert not (data_dir / "pin.json").exists()
    assert "4821" not in out + err


def test_set_pin_in_a_real_process_never_echoes(data_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "staff", "set-pin"],
        input="736251\n736251\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "736251" not in result.stdout + result.stderr
    assert PinStore(data_dir / "pin.json").check("736251").ok


def test_keys_trust(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, trusted_keys: KeyPair
) -> None:
    stored = data_dir / "store" / "trusted" / f"{trusted_keys.id}.pub"
    assert stored.read_bytes() == trusted_keys.public_path.read_bytes()
    code, _, err = run(capsys, "keys", "trust", trusted_keys.private_path)
    assert code == 1 and "is a private key" in err
    junk = tmp_path / "junk.pub"
    junk.write_text("hello")
    code, _, err = run(capsys, "keys", "trust", junk)
    assert code == 1 and "not a usable public key" in err
    assert run(capsys, "keys", "trust", tmp_path / "nope.pub")[0] == 2
    assert run(capsys, "keys", "trust")[0] == 2
    assert sorted(p.name for p in stored.parent.iterdir()) == [stored.name]


def test_install_list_rollback(
    capsys: pytest.CaptureFixture[str], make_bundle: MakeBundle, trusted_keys: KeyPair
) -> None:
    code, out, _ = run(capsys, "bundle", "list", "--json")
    document = json.loads(out)
    assert code == 0
    assert document["serving"]["source"] == "builtin" and document["installed"] == []
    assert document["builtin"]["id"] == "default-content"

    code, out, err = run(capsys, "bundle", "install", make_bundle(1))
    assert code == 0, err
    assert "default-content version 1 -> clinic-content version 1" in out
    assert out.strip().endswith("it is now the active bundle.")
    code, out, err = run(capsys, "bundle", "install", make_bundle(2))
    assert code == 0 and "clinic-content version 1 -> version 2" in out

    code, out, _ = run(capsys, "bundle", "list", "--json")
    document = json.loads(out)
    assert [(r["role"], r["version"], r["problem"]) for r in document["installed"]] == [
        ("active", 2, None),
        ("previous", 1, None),
    ]
    assert document["serving"]["version"] == 2
    assert document["installed"][0]["signer"] == trusted_keys.id
    code, out, _ = run(capsys, "bundle", "list")
    assert "Serving: clinic-content version 2 (installed)" in out
    assert "Previous: clinic-content version 1" in out

    code, out, _ = run(capsys, "bundle", "rollback")
    assert (code, out.strip()) == (0, "Rolled back: clinic-content version 1 is now active.")
    code, out, _ = run(capsys, "bundle", "rollback")
    assert code == 0 and "(the built-in content)" in out
    code, _, err = run(capsys, "bundle", "rollback")
    assert (code, err.strip()) == (1, "No bundle is installed, so there is nothing to roll back.")


def test_install_refusal_and_bad_usage(
    capsys: pytest.CaptureFixture[str],
    make_bundle: MakeBundle,
    trusted_keys: KeyPair,
    tmp_path: Path,
) -> None:
    assert run(capsys, "bundle", "install", make_bundle(2))[0] == 0
    code, _, err = run(capsys, "bundle", "install", make_bundle(1))
    assert code == 1
    assert err.strip() == (
        "This bundle is version 1, not newer than the active version 2; "
        "use Roll back to return to an older bundle."
    )
    assert run(capsys, "bundle", "install", tmp_path / "missing.kbundle")[0] == 2
    assert run(capsys, "bundle", "install")[0] == 2
    assert run(capsys, "bundle", "list", "--bogus")[0] == 2


def test_install_with_no_trusted_key(
    capsys: pytest.CaptureFixture[str], make_bundle: MakeBundle
) -> None:
    code, _, err = run(capsys, "bundle", "install", make_bundle(1))
    assert code == 1 and "No signing key is trusted yet" in err


def test_data_dir_option_overrides_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    code, _, _ = run(capsys, "--data-dir", other, "staff", "set-pin", stdin="1234\n1234\n")
    assert code == 0 and (other / "pin.json").exists()


def test_keys_untrust_takes_the_bundle_off_the_screen(
    capsys: pytest.CaptureFixture[str], make_bundle: MakeBundle, trusted_keys: KeyPair
) -> None:
    assert run(capsys, "bundle", "install", make_bundle(1))[0] == 0
    code, out, _ = run(capsys, "keys", "list")
    assert (code, out.strip()) == (0, trusted_keys.id)
    code, out, err = run(capsys, "keys", "untrust", trusted_keys.id)
    assert code == 0, err
    assert out.strip() == (
        f"Key {trusted_keys.id} is no longer trusted. The kiosk now shows default-content "
        "version 1 (builtin)."
    )
    code, out, _ = run(capsys, "bundle", "list")
    assert "Serving: default-content version 1 (builtin)" in out
    assert "no longer trusted" in out
    code, _, err = run(capsys, "keys", "untrust", trusted_keys.id)
    assert (code, err.strip()) == (
        1,
        f"Key {trusted_keys.id} is not trusted on this kiosk, so nothing was changed.",
    )


def test_validate_says_whether_the_signature_checks_out(
    capsys: pytest.CaptureFixture[str],
    make_bundle: MakeBundle,
    trusted_keys: KeyPair,
    other_keys: KeyPair,
    tmp_path: Path,
) -> None:
    good = make_bundle(1)
    code, out, _ = run(capsys, "bundle", "validate", "--no-readability", good)
    assert code == 0 and f"Signature: good, by key {trusted_keys.id} (trusted here)." in out

    stranger = make_bundle(1, key=other_keys)
    code, out, _ = run(capsys, "bundle", "validate", "--no-readability", stranger)
    assert f"by key {other_keys.id}, which this kiosk does not trust" in out

    forged = tmp_path / "forged.kbundle"
    rewrite_zip(good, forged, replace={"manifest.sig": b"\0" * 64})
    code, out, _ = run(capsys, "bundle", "validate", "--no-readability", forged)
    assert code == 1 and f"Signature: BAD (it does not match key {trusted_keys.id}" in out
    assert ": invalid," in out

    unsigned = tmp_path / "unsigned.kbundle"
    rewrite_zip(good, unsigned, drop=["manifest.sig"])
    code, out, _ = run(capsys, "bundle", "validate", "--no-readability", unsigned)
    assert code == 1 and "Signature: none (the bundle is not signed)." in out

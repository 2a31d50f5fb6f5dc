"""Key rotation: kiosks that trusted the old keys follow the repository to the new ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.fleet import keys as key_files
from kiosk.fleet.repository import FleetRepository
from tests.fleet.conftest import Fleet, run, serve
from tests.store.conftest import KeyPair, MakeBundle


@pytest.mark.parametrize("role", ["root", "timestamp", "targets", "snapshot"])
def test_rotation_then_an_update(fleet: Fleet, role: str) -> None:
    repo = FleetRepository(fleet.team_dir)
    old_ids = repo.root().signed.roles[role].keyids
    code, out, _ = fleet.team("rotate-key", role)
    assert code == 0
    root = repo.root().signed
    assert root.version == 2
    assert not set(old_ids) & set(root.roles[role].keyids)
    assert not any(key_files.key_path(repo.keys_dir, role, k).exists() for k in old_ids)
    assert "BEGIN" not in out  # key ids, never key material
    fleet.publish(3)
    code, out, err = fleet.check()
    assert code == 0, err
    assert "Installed clinic-content version 3" in out
    # The kiosk walked from the root it joined with to the new one.
    assert (fleet.data_dir / "fleet" / "metadata" / "root_history" / "2.root.json").is_file()


def test_root_threshold_two_of_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    keys: KeyPair,
    make_bundle: MakeBundle,
) -> None:
    team = tmp_path / "team"
    code, out, _ = run(capsys, "fleet", "init", team, "--root-keys", "3", "--root-threshold", "2")
    assert code == 0
    assert "2 of 3" in out
    assert sorted(p.stat().st_mode & 0o777 for p in (team / "keys").iterdir()) == [0o600] * 6
    assert (team / "keys").stat().st_mode & 0o777 == 0o700
    assert run(capsys, "fleet", "rotate-key", team, "root")[0] == 0
    data = tmp_path / "kiosk"
    with serve(team / "repository") as server:
        base = ("--data-dir", data)
        assert run(capsys, *base, "keys", "trust", keys.public_path)[0] == 0
        root_v1 = team / "repository" / "metadata" / "1.root.json"
        assert run(capsys, *base, "fleet", "join", root_v1, server.url)[0] == 0
        assert run(capsys, "fleet", "publish", team, make_bundle(5))[0] == 0
        code, out, err = run(capsys, *base, "fleet", "check")
    assert code == 0, err
    assert "version 5" in out


def test_init_refuses_a_bad_threshold_and_an_existing_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team"
    code, _, err = run(capsys, "fleet", "init", team, "--root-keys", "1", "--root-threshold", "2")
    assert code == 1
    assert "threshold" in err
    assert run(capsys, "fleet", "init", team)[0] == 0
    code, _, err = run(capsys, "fleet", "init", team)
    assert (code, "already holds" in err) == (1, True)


def test_publish_refuses_a_version_not_newer(fleet: Fleet) -> None:
    code, _, err = fleet.team("publish", fleet.make_bundle(2))
    assert code == 1
    assert "already published" in err

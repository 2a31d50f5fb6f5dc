"""A kiosk updates itself from a repository made by the real `kiosk fleet` commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.fleet.conftest import Fleet
from tests.store.conftest import snapshot


def test_first_install_then_an_update_then_up_to_date(fleet: Fleet) -> None:
    assert fleet.installed_version() == 2
    fleet.publish(3)
    code, out, _ = fleet.check()
    assert code == 0
    assert "Installed clinic-content version 3" in out
    assert fleet.installed_version() == 3
    before = snapshot(fleet.store_root)
    code, out, _ = fleet.check()
    assert (code, snapshot(fleet.store_root)) == (0, before)
    assert "Up to date" in out
    status = json.loads((fleet.data_dir / "fleet" / "status.json").read_text())
    assert status["offered"] == status["installed"] == "clinic-content version 3"
    assert status["refusal"] is None
    assert list((fleet.data_dir / "fleet" / "downloads").iterdir()) == []


def test_a_usb_stick_holding_the_repository(fleet: Fleet, tmp_path: Path) -> None:
    """The same client reads a copied folder, with the same rollback protection."""
    old_stick = tmp_path / "old-stick"
    shutil.copytree(fleet.published, old_stick)  # offers version 2
    fleet.publish(3)
    stick = tmp_path / "stick"
    shutil.copytree(fleet.published, stick)
    code, out, err = fleet.check("--from", str(stick))
    assert code == 0, err
    assert "Installed clinic-content version 3" in out
    before = snapshot(fleet.store_root)
    code, _, err = fleet.check("--from", str(old_stick))
    assert code == 1
    assert "older update information" in err
    assert snapshot(fleet.store_root) == before


def test_join_a_folder_and_bad_joins(fleet: Fleet, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    fleet.publish(3)
    shutil.copytree(fleet.published, stick)
    root = stick / "metadata" / "root.json"
    code, _, err = fleet.kiosk("fleet", "join", root, tmp_path)
    assert code == 1
    assert "not a published fleet repository" in err
    forged = tmp_path / "forged-root.json"
    forged.write_text(root.read_text().replace('"version": 1', '"version": 7'))
    code, _, err = fleet.kiosk("fleet", "join", forged, stick)
    assert code == 1
    assert "not a valid, signed fleet root" in err
    code, out, _ = fleet.kiosk("fleet", "join", root, stick, "--every", "5")
    assert code == 0
    assert "every 5 min" in out
    assert fleet.check()[0] == 0
    assert fleet.installed_version() == 3


def test_a_swapped_trusted_root_is_refused(fleet: Fleet) -> None:
    trusted = fleet.data_dir / "fleet" / "root.json"
    other = fleet.team_dir.parent / "other-team"
    assert fleet.kiosk("fleet", "init", other)[0] == 0
    trusted.unlink()
    shutil.copyfile(other / "repository" / "metadata" / "root.json", trusted)
    fleet.publish(3)
    before = snapshot(fleet.store_root)
    code, _, err = fleet.check()
    assert code == 1
    assert "not the one it joined with" in err
    assert snapshot(fleet.store_root) == before

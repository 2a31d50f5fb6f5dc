"""A kiosk updates itself from a repository made by the real `kiosk fleet` commands."""

from __future__ import annotations

import json

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

"""Everything that can go wrong with an update: refused with the reason, the store unchanged.

Each test starts from a kiosk that installed version 2 over HTTP (the `fleet` fixture).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, SSlibKey
from tuf.api.metadata import MetaFile, Timestamp

from kiosk.fleet import keys as key_files
from kiosk.fleet.client import FleetClient, Timeouts
from kiosk.fleet.repository import FleetRepository
from kiosk.staff.service import Staff
from tests.fleet.conftest import Fleet, Handler, run_process
from tests.store.conftest import snapshot


def log_actions(fleet: Fleet) -> list[tuple[str, str]]:
    lines = (fleet.data_dir / "staff-log.jsonl").read_text().splitlines()
    return [(e["action"], e["message"]) for e in map(json.loads, lines)]


def refused(
    fleet: Fleet, reason: str, check: Callable[[], tuple[int, str, str]] | None = None
) -> None:
    """The check fails with `reason`, changes nothing in the store and tells staff why."""
    before = snapshot(fleet.store_root)
    code, out, err = (check or fleet.check)()
    assert code == 1, out
    assert reason in err
    assert "keeps its current content" in err
    assert snapshot(fleet.store_root) == before
    assert fleet.installed_version() == 2
    assert list((fleet.data_dir / "fleet" / "downloads").iterdir()) == []
    status = json.loads((fleet.data_dir / "fleet" / "status.json").read_text())
    assert reason in status["refusal"]
    assert status["installed"] == "clinic-content version 2"
    assert any(reason in message for action, message in log_actions(fleet) if "refusal" in action)


def target_file(fleet: Fleet) -> Path:
    """The bundle file published last (older ones stay for kiosks still downloading them)."""
    target = FleetRepository(fleet.team_dir).targets().signed.targets["content.kbundle"]
    return fleet.published / "targets" / f"{target.hashes['sha256']}.content.kbundle"


def answer(status: int) -> Callable[[Handler], bool]:
    def fault(handler: Handler) -> bool:
        handler.send_error(status)
        return True

    return fault


def slow_client(fleet: Fleet) -> Callable[[], tuple[int, str, str]]:
    def check() -> tuple[int, str, str]:
        result = FleetClient(Staff.open(fleet.data_dir), timeouts=Timeouts(1, 2)).check()
        return (1 if result.outcome == "refused" else 0), "", result.message

    return check


# -- the network -------------------------------------------------------------------------------


def test_network_down(fleet: Fleet) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    fleet.publish(3)
    refused(fleet, "could not be reached", lambda: fleet.check("--from", closed))


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_server_errors(fleet: Fleet, status: int, reason: str) -> None:
    fleet.publish(3)
    fleet.server.behaviour.faults[".content.kbundle"] = answer(status)
    refused(fleet, reason)
    fleet.server.behaviour.faults.clear()
    fleet.server.behaviour.faults["timestamp.json"] = answer(status)
    before = snapshot(fleet.store_root)
    assert fleet.check()[0] == 1
    assert snapshot(fleet.store_root) == before


def test_a_server_that_stops_sending_is_cut_off(fleet: Fleet) -> None:
    def stall(handler: Handler) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Length", "400")
        handler.end_headers()
        handler.wfile.write(b"{")
        handler.wfile.flush()
        handler.behaviour.release.wait(30)
        return True

    fleet.publish(3)
    fleet.server.behaviour.faults["timestamp.json"] = stall
    refused(fleet, "too slow", slow_client(fleet))


def test_a_trickling_server_is_cut_off_after_the_total_time(fleet: Fleet) -> None:
    def trickle(handler: Handler) -> bool:
        data = target_file(fleet).read_bytes()
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        for byte in data:  # one byte every 0.2 s: never silent for a whole second
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            if handler.behaviour.release.wait(0.2):
                break
        return True

    fleet.publish(3)
    fleet.server.behaviour.faults[".content.kbundle"] = trickle
    refused(fleet, "too slow", slow_client(fleet))


def test_an_endless_answer_is_cut_at_the_signed_length(fleet: Fleet) -> None:
    def endless(handler: Handler) -> bool:
        handler.send_response(200)
        handler.end_headers()
        try:
            while not handler.behaviour.release.is_set():
                handler.wfile.write(b" " * 65536)
        except OSError:
            pass  # the kiosk hung up
        return True

    fleet.publish(3)
    fleet.server.behaviour.faults["timestamp.json"] = endless
    refused(fleet, "more data than the signed update allows")


# -- the metadata ------------------------------------------------------------------------------


def test_expired_metadata_then_refresh_recovers(fleet: Fleet) -> None:
    eight_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=8)
    bundle = fleet.make_bundle(3)
    from kiosk.fleet.repository import read_offer

    FleetRepository(fleet.team_dir, clock=lambda: eight_days_ago).publish(
        bundle, read_offer(bundle)
    )
    refused(fleet, "has expired")
    assert fleet.team("refresh")[0] == 0
    code, out, _ = fleet.check()
    assert code == 0
    assert "Installed clinic-content version 3" in out


def test_rolled_back_timestamp(fleet: Fleet) -> None:
    old = fleet.save_published("offering-v2")
    fleet.publish(3)
    fleet.publish(4)
    assert fleet.check()[0] == 0  # version 4 now
    fleet_v = fleet.installed_version()
    fleet.serve_copy(old)
    before = snapshot(fleet.store_root)
    code, _, err = fleet.check()
    assert code == 1
    assert "older update information" in err
    assert snapshot(fleet.store_root) == before
    assert fleet.installed_version() == fleet_v == 4


def test_rolled_back_snapshot(fleet: Fleet) -> None:
    """An attacker holding the timestamp key signs a new timestamp naming an old snapshot."""
    fleet.publish(3)
    fleet.server.behaviour.faults[".content.kbundle"] = answer(503)
    assert fleet.check()[0] == 1  # the kiosk has seen the new snapshot, installed nothing
    fleet.server.behaviour.faults.clear()
    repo = FleetRepository(fleet.team_dir)
    timestamp = repo.timestamp()
    timestamp.signed.snapshot_meta = MetaFile(version=timestamp.signed.snapshot_meta.version - 1)
    timestamp.signed.version += 1
    for signer in key_files.signers_for(repo.keys_dir, repo.root().signed, Timestamp.type):
        timestamp.sign(signer)
    timestamp.to_file(str(repo.metadata_dir / "timestamp.json"))
    refused(fleet, "older update information")


@pytest.mark.parametrize("damage", ["missing", "older"])
def test_mix_and_match(fleet: Fleet, damage: str) -> None:
    """The snapshot names targets version 3; the repository has none, or an older one there."""
    fleet.publish(3)
    metadata = fleet.published / "metadata"
    if damage == "missing":
        (metadata / "3.targets.json").unlink()
        refused(fleet, "HTTP 404")
    else:
        shutil.copyfile(metadata / "2.targets.json", metadata / "3.targets.json")
        refused(fleet, "older update information")


def test_target_hash_mismatch(fleet: Fleet, make_bundle: Callable[..., Path]) -> None:
    """A different bundle, validly signed by the clinic's own key, under the published name."""
    fleet.publish(3)
    impostor = make_bundle(3, notices={"notices/extra.txt": b"not what was published"})
    shutil.copyfile(impostor, target_file(fleet))
    before = snapshot(fleet.store_root)
    code, out, err = fleet.check()
    assert code == 1, out
    assert "does not match what the content team signed" in err or "more data" in err
    assert snapshot(fleet.store_root) == before


def test_revoked_timestamp_key(fleet: Fleet) -> None:
    repo = FleetRepository(fleet.team_dir)
    root = repo.root().signed
    old_id = root.roles[Timestamp.type].keyids[0]
    old_pem = key_files.key_path(repo.keys_dir, Timestamp.type, old_id).read_bytes()
    public = root.get_key(old_id)
    assert isinstance(public, SSlibKey)
    assert fleet.team("rotate-key", "timestamp")[0] == 0
    assert not key_files.key_path(repo.keys_dir, Timestamp.type, old_id).exists()
    fleet.publish(3)
    # Whoever kept the old key signs a newer timestamp with it.
    timestamp = repo.timestamp()
    timestamp.signed.version += 1
    timestamp.sign(CryptoSigner(load_pem_private_key(old_pem, None), public))
    timestamp.to_file(str(repo.metadata_dir / "timestamp.json"))
    refused(fleet, "not signed by the keys this kiosk trusts")


# -- the kiosk's own disk and process ----------------------------------------------------------


def test_full_disk(fleet: Fleet) -> None:
    """Files can grow to 1 MiB only (ulimit -f): the 3 MiB bundle cannot be downloaded."""
    big = {"notices/big.bin": random.Random(5).randbytes(3 * 1024 * 1024)}
    fleet.publish(3, notices=big)

    def check() -> tuple[int, str, str]:
        proc = run_process(fleet.data_dir, "fleet", "check", file_limit_kib=1024)
        out, err = proc.communicate(timeout=120)
        return proc.returncode, out.decode(), err.decode()

    refused(fleet, "not enough disk space", check)


def test_kill_9_mid_download(fleet: Fleet) -> None:
    half_sent = threading.Event()

    def half(handler: Handler) -> bool:
        data = target_file(fleet).read_bytes()
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        handler.wfile.flush()
        half_sent.set()
        handler.behaviour.release.wait(30)
        return True

    fleet.publish(3)
    fleet.server.behaviour.faults[".content.kbundle"] = half
    before = snapshot(fleet.store_root)
    proc = run_process(fleet.data_dir, "fleet", "check")
    assert half_sent.wait(60)
    proc.kill()
    proc.communicate(timeout=30)
    assert proc.returncode == -9
    assert snapshot(fleet.store_root) == before
    fleet.server.behaviour.faults.clear()
    code, out, _ = fleet.check()
    assert code == 0
    assert "Installed clinic-content version 3" in out
    assert list((fleet.data_dir / "fleet" / "downloads").iterdir()) == []

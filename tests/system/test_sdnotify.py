"""The sd_notify protocol without systemd: a real datagram socket stands in for it."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from pathlib import Path

import pytest

from kiosk.system.sdnotify import Notifier, socket_address, watchdog_interval

from .conftest import FakeSystemd


def test_ready_watchdog_stopping_reach_the_socket(fake_systemd: FakeSystemd) -> None:
    notifier = Notifier.from_environment(
        {"NOTIFY_SOCKET": str(fake_systemd.path), "WATCHDOG_USEC": "30000000"}
    )
    assert notifier.enabled and notifier.watchdog_interval_s == 15.0
    assert notifier.ready(status="showing the attract screen")
    assert notifier.watchdog()
    assert notifier.stopping()
    assert fake_systemd.receive(5) == "READY=1\nSTATUS=showing the attract screen"
    assert fake_systemd.receive(5) == "WATCHDOG=1"
    assert fake_systemd.receive(5) == "STOPPING=1"
    notifier.close()


def test_abstract_socket_name() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(b"\0" + name.encode())
        server.settimeout(5)
        notifier = Notifier.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.watchdog()
        assert server.recv(100) == b"WATCHDOG=1"
        notifier.close()


def test_not_under_systemd_everything_is_a_no_op() -> None:
    notifier = Notifier.from_environment({})
    assert not notifier.enabled
    assert not notifier.watchdog_enabled
    assert notifier.ready() is False
    assert notifier.watchdog() is False


def test_a_vanished_socket_is_reported_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    with caplog.at_level(logging.WARNING):
        assert notifier.watchdog() is False
        assert notifier.watchdog() is False
    assert len([r for r in caplog.records if "notify" in r.getMessage()]) == 1
    notifier.close()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "200000"}, 0.1),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),  # meant for another process
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec(
    env: dict[str, str], expected: float | None
) -> None:
    assert watchdog_interval(env, os.getpid()) == expected


def test_no_watchdog_without_a_socket() -> None:
    assert Notifier.from_environment({"WATCHDOG_USEC": "1000000"}).watchdog_interval_s is None


def test_socket_addresses() -> None:
    assert socket_address("/run/user/1000/systemd/notify") == "/run/user/1000/systemd/notify"
    assert socket_address("@/org/freedesktop/systemd1/notify/1") == (
        b"\0/org/freedesktop/systemd1/notify/1"
    )
    assert socket_address("") is None
    assert socket_address("vsock:2:1234") is None

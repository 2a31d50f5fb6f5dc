"""Fixtures for the supervision tests: a socket standing in for systemd's notify socket."""

from __future__ import annotations

import select
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


class FakeSystemd:
    """A bound AF_UNIX datagram socket, read with select() and a timeout, never by sleeping."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.received: list[str] = []

    def receive(self, timeout: float) -> str | None:
        """The next datagram, or None when none arrives within `timeout` seconds."""
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return None
        message = self.sock.recv(4096).decode()
        self.received.append(message)
        return message

    def wait_for(self, predicate: str, timeout: float) -> list[str]:
        """Read until a datagram contains `predicate`; returns every datagram read on the way."""
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while True:
            left = deadline - time.monotonic()
            message = self.receive(max(0.0, left)) if left > 0 else None
            if message is None:
                raise AssertionError(f"no {predicate!r} within {timeout} s; got {seen!r}")
            seen.append(message)
            if predicate in message.splitlines():
                return seen

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def fake_systemd(tmp_path: Path) -> Iterator[FakeSystemd]:
    path = tmp_path / "notify"
    short_dir = None
    if len(str(path)) > 100:  # AF_UNIX paths are limited to 108 bytes
        short_dir = tempfile.TemporaryDirectory(prefix="kiosk-notify-")
        path = Path(short_dir.name) / "notify"
    systemd = FakeSystemd(path)
    yield systemd
    systemd.close()
    if short_dir is not None:
        short_dir.cleanup()

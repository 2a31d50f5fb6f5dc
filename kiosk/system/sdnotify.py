"""The systemd notify protocol (`sd_notify(3)`) in pure Python, with no extra service or library.

Under a unit with `Type=notify` systemd passes `$NOTIFY_SOCKET` (a filesystem path, or an abstract
socket written `@name`) and, with `WatchdogSec=`, `$WATCHDOG_USEC` (and `$WATCHDOG_PID`). The app
sends `READY=1` once it shows its first frame, `WATCHDOG=1` at half the watchdog interval from its
event loop, and `STOPPING=1` when it quits. Outside systemd every call is a cheap no-op.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

NOTIFY_SOCKET_ENV = "NOTIFY_SOCKET"
WATCHDOG_USEC_ENV = "WATCHDOG_USEC"
WATCHDOG_PID_ENV = "WATCHDOG_PID"


def socket_address(value: str) -> str | bytes | None:
    """The address to send to: a path, or the bytes of an abstract socket (`@name` -> `\\0name`)."""
    if not value:
        return None
    if value.startswith("@"):
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None  # systemd also allows vsock:... addresses; the kiosk never runs in a VM guest


def watchdog_interval(env: Mapping[str, str], pid: int) -> float | None:
    """Seconds between `WATCHDOG=1` pings (half of `$WATCHDOG_USEC`), or None when not watched.

    Like `sd_watchdog_enabled(3)`: a `$WATCHDOG_PID` naming another process means the watchdog is
    meant for that process, not this one.
    """
    raw = env.get(WATCHDOG_USEC_ENV, "")
    try:
        usec = int(raw)
    except ValueError:
        return None
    if usec <= 0:
        return None
    watched_pid = env.get(WATCHDOG_PID_ENV, "")
    if watched_pid:
        try:
            if int(watched_pid) != pid:
                return None
        except ValueError:
            return None
    return usec / 1_000_000 / 2


class Notifier:
    """Sends notify datagrams; does nothing when the app is not started by systemd."""

    def __init__(self, address: str | bytes | None, watchdog_interval_s: float | None) -> None:
        self._address = address
        self.watchdog_interval_s = watchdog_interval_s if address is not None else None
        self._sock: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(
        cls, env: Mapping[str, str] | None = None, pid: int | None = None
    ) -> Notifier:
        env = os.environ if env is None else env
        pid = os.getpid() if pid is None else pid
        address = socket_address(env.get(NOTIFY_SOCKET_ENV, ""))
        return cls(address, watchdog_interval(env, pid))

    @property
    def enabled(self) -> bool:
        return self._address is not None

    @property
    def watchdog_enabled(self) -> bool:
        return self.watchdog_interval_s is not None

    def notify(self, *assignments: str) -> bool:
        """Send `KEY=value` lines in one datagram; True when sent, False when off or it failed."""
        if self._address is None or not assignments:
            return False
        message = "\n".join(assignments).encode()
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.sendto(message, self._address)
        except OSError as error:
            if not self._failed:  # say it once, not on every ping
                log.warning("systemd notify to %r failed: %s", self._address, error)
                self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str | None = None) -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

"""The staff PIN: stored only as an argon2id hash, with a failure backoff that survives restarts.

After `FREE_ATTEMPTS` failures each further wrong PIN locks the panel for 30 s, doubling, at most
one hour. The attempt is written down *before* the hash is checked, so pulling the plug during a
check cannot be used to get free guesses. Nothing here logs, prints or stores the PIN itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk import atomic
from kiosk.clocks import EpochClock
from kiosk.statefile import StateFileError, read_json

if TYPE_CHECKING:
    from argon2 import PasswordHasher

PIN_NAME = "pin.json"
PIN_MIN_DIGITS, PIN_MAX_DIGITS = 4, 12
FREE_ATTEMPTS = 5
FIRST_DELAY, MAX_DELAY = 30.0, 3600.0


class PinError(ValueError):
    """A PIN that cannot be used (the message never contains the PIN)."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    reason: Literal["ok", "wrong", "locked", "not-set"]
    wait_seconds: float = 0.0  # how long the panel must refuse further attempts


@dataclass(frozen=True)
class _State:
    hash: str | None = None
    failures: int = 0
    locked_until: float = 0.0


def delay_after(failures: int) -> float:
    """Seconds locked after this many consecutive failures: 0, then 30, 60, 120, ... 3600."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(FIRST_DELAY * 2.0 ** min(failures - FREE_ATTEMPTS, 32), MAX_DELAY)


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS):
        raise PinError(f"The PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits.")


class PinStore:
    def __init__(
        self, path: Path, *, clock: EpochClock = time.time, hasher: PasswordHasher | None = None
    ) -> None:
        self.path = path
        self.clock = clock
        self._hasher = hasher
        self.problem: str | None = None  # why pin.json was unusable, for the staff log
        # The attempts a read-only disk would not keep: the backoff still holds in this process,
        # so staff can get in to see the disk's problem while guessing stays slow.
        self._unsaved: _State | None = None

    @property
    def hasher(self) -> PasswordHasher:
        """Made when a PIN is first set or checked: patients' start-up never needs it."""
        if self._hasher is None:
            from argon2 import PasswordHasher

            # argon2-cffi's default is RFC 9106's low-memory profile (argon2id, 64 MiB, t=3).
            self._hasher = PasswordHasher()
        return self._hasher

    def _load(self) -> _State:
        try:
            raw = read_json(self.path)  # bounded: Infinity or a 5,000-digit count is refused
            if raw is None:
                return _State()
            if not isinstance(raw, dict):
                raise StateFileError("pin.json is not a JSON object.")
            failures = raw.get("failures", 0)
            locked_until = raw.get("locked_until", 0.0)
            if not isinstance(failures, int) or not isinstance(locked_until, (int, float)):
                raise StateFileError("pin.json holds a value of the wrong type.")
            return _State(
                hash=str(raw["hash"]) if raw.get("hash") else None,
                failures=max(0, failures),
                locked_until=float(locked_until),
            )
        except StateFileError as exc:
            # No usable hash, so staff mode stays shut until `kiosk staff set-pin`.
            self.problem = f"The staff PIN file is damaged ({exc}); set the PIN again."
            return _State()

    def _save(self, state: _State) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = {"hash": state.hash, "failures": state.failures, "locked_until": state.locked_until}
        atomic.write_json(self.path, data, mode=0o600)

    def is_set(self) -> bool:
        return self._load().hash is not None

    def set_pin(self, pin: str) -> None:
        check_pin_format(pin)
        self._save(_State(hash=self.hasher.hash(pin)))

    def wait_seconds(self) -> float:
        """How long before another attempt is accepted (0 when it is accepted now)."""
        return self._wait(self._load(), self.clock())

    def _wait(self, state: _State, now: float) -> float:
        # Capped by the current delay, so a clock set back by a year cannot lock staff out.
        return max(0.0, min(state.locked_until - now, delay_after(state.failures)))

    def _keep(self, state: _State) -> None:
        """Saves the attempt count; in memory only when the disk refuses."""
        try:
            self._save(state)
        except OSError:
            self._unsaved = state
        else:
            self._unsaved = None

    def check(self, pin: str) -> PinCheck:
        state = self._unsaved if self._unsaved is not None else self._load()
        if state.hash is None:
            return PinCheck(False, "not-set")
        now = self.clock()
        wait = self._wait(state, now)
        if wait > 0:
            return PinCheck(False, "locked", wait)
        failures = state.failures + 1
        self._keep(_State(state.hash, failures, now + delay_after(failures)))
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            self.hasher.verify(state.hash, pin)
        except (VerificationError, InvalidHashError):
            return PinCheck(False, "wrong", delay_after(failures))
        new_hash = state.hash
        if self.hasher.check_needs_rehash(state.hash):
            new_hash = self.hasher.hash(pin)
        self._keep(_State(new_hash, 0, 0.0))
        return PinCheck(True, "ok")

"""`Staff`: everything the staff panel and the staff commands do, in one place.

Every action that staff should be able to review later (installs, rollbacks, refusals, PIN
failures, entering and leaving staff mode, settings changes, fallbacks at start-up) is recorded
in the staff log here or by the store, so the panel and the command line log the same things.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import paths
from kiosk.builtin_pin import SEAL_DIGEST
from kiosk.clocks import WallClock
from kiosk.content.bundle import Bundle
from kiosk.staff.log import LOG_NAME, LogEntry, StaffLog
from kiosk.staff.pin import PIN_NAME, PinCheck, PinStore
from kiosk.staff.settings import SETTINGS_NAME, Settings, load_settings, save_settings
from kiosk.store import bundle_store as store_module
from kiosk.store import trust
from kiosk.store.bundle_store import BundleStore
from kiosk.store.errors import StoreError
from kiosk.store.installer import Progress
from kiosk.store.records import ActiveBundle, Description, Diff, Served
from kiosk.store.secret import private_dir, secret_dir

if TYPE_CHECKING:
    from argon2 import PasswordHasher

STORE_FOLDER = "store"


@dataclass(frozen=True)
class Activated:
    """A bundle made active by staff: the store's record, its content, and what staff see."""

    active: ActiveBundle
    bundle: Bundle
    description: Description


def _folder_label(folder: str) -> str:
    """'town-pt-v3-a1b2c3' -> 'town-pt version 3' (as the store's description names them)."""
    stem, _, _ = folder.rpartition("-")
    ident, _, version = stem.rpartition("-v")
    return f"{ident} version {version}" if ident and version.isdigit() else folder


class Staff:
    def __init__(
        self,
        data_dir: Path,
        *,
        builtin: Path | None = None,
        builtin_pin: str | None = None,
        wall_clock: WallClock = store_module.utc_now,
        pin_clock: Callable[[], float] = time.time,
        hasher: PasswordHasher | None = None,
        render_check: Callable[[Path], list[str]] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.log = StaffLog(data_dir / LOG_NAME, clock=wall_clock)
        self.store = BundleStore(
            data_dir / STORE_FOLDER,
            builtin if builtin is not None else paths.default_bundle_dir(),
            builtin_pin if builtin_pin is not None else SEAL_DIGEST,
            events=self.log,
            clock=wall_clock,
            secrets_folder=secret_dir(data_dir),
            render_check=render_check,
        )
        self.pin = PinStore(data_dir / PIN_NAME, clock=pin_clock, hasher=hasher)
        self.settings_path = data_dir / SETTINGS_NAME

    @classmethod
    def open(cls, data_dir_override: Path | None = None) -> Staff:
        """For the app and the commands: the data folder from --data-dir / KIOSK_DATA_DIR."""
        from kiosk.store.render import render_problems

        # The app and the commands draw every image with Qt before installing it.
        return cls(paths.data_dir(data_dir_override), render_check=render_problems)

    # -- start-up ---------------------------------------------------------------------------
    def serve(self) -> Served:
        """For the patient app's start: the content to show, fast when it has a ready copy."""
        with contextlib.suppress(OSError):  # a read-only disk must not stop the start
            private_dir(self.data_dir)
        return self.store.serve()

    # -- entering and leaving -----------------------------------------------------------
    def check_pin(self, pin: str) -> PinCheck:
        result = self.pin.check(pin)
        if self.pin.problem:
            self.log.record("pin-damaged", self.pin.problem)
            self.pin.problem = None
        if result.reason == "ok":
            self.log.record("staff-enter", "Staff mode was opened.")
        elif result.reason == "wrong":
            message = "A wrong staff PIN was entered."
            if result.wait_seconds:
                message += f" Staff mode is locked for {int(result.wait_seconds)} seconds."
            self.log.record("pin-failure", message)
        return result

    def set_pin(self, pin: str) -> None:
        self.pin.set_pin(pin)
        self.log.record("pin-set", "The staff PIN was changed.")

    def exit_staff_mode(self, *, quit_app: bool = False) -> None:
        """Records that staff left the panel (or, with `quit_app`, closed the kiosk app)."""
        message = "Staff closed the kiosk app." if quit_app else "Staff mode was closed."
        self.log.record("exit", message)

    # -- bundles --------------------------------------------------------------------------
    def describe_active(self, today: dt.date | None = None) -> Description:
        return self.store.describe_active(today)

    def preview_install(self, path: Path) -> Diff:
        try:
            return self.store.preview_install(path)
        except StoreError as exc:
            self.log.record("refusal", exc.summary, file=path.name)
            raise

    def install(
        self, path: Path, on_progress: Progress | None = None, *, preview: Diff | None = None
    ) -> ActiveBundle:
        """Refusals raise StoreError (logged); pass the Diff shown to staff as `preview`."""
        return self.store.install(path, on_progress, preview=preview)

    def rollback(self) -> ActiveBundle:
        return self.store.rollback()

    def install_and_load(
        self, path: Path, on_progress: Progress | None, preview: Diff, today: dt.date
    ) -> Activated:
        """`install`, with the new content and its description for the staff panel."""
        active = self.install(path, on_progress, preview=preview)
        return Activated(active, self.content_of(active), self.describe(active, today))

    def roll_back(self, today: dt.date) -> Activated:
        """`rollback`, with the content now active and its description for the staff panel."""
        active = self.rollback()
        return Activated(active, self.content_of(active), self.describe(active, today))

    def content_of(self, active: ActiveBundle) -> Bundle:
        """The content of a bundle the store has just verified: the ready copy it wrote when it
        validated that content (no second validation), else the folder validated now."""
        bundle = self.store.ready_copies.content(active.path, builtin=active.source == "builtin")
        if bundle is not None:
            return bundle
        from kiosk.content.validate import load_folder  # deferred: the schema's import

        return load_folder(active.path)

    def describe(self, active: ActiveBundle, today: dt.date) -> Description:
        """What `describe_active` says, of a bundle verified just now (no second look)."""
        return self.store.describe(active, today)

    def trust_key(self, public_key: Path) -> str:
        return self.store.trust_key(public_key)

    def untrust_key(self, ident: str) -> None:
        """Stops trusting a key; its bundles leave the screen at the next start (StoreError
        when the key is not trusted or the disk refuses)."""
        self.store.untrust_key(ident)

    def untrust_and_load(self, ident: str, today: dt.date) -> Activated:
        """`untrust_key`, with the content patients see now (the store's fallback when the key
        signed the active bundle) and its description for the staff panel."""
        self.untrust_key(ident)
        active = self.store.open_active()
        return Activated(active, self.content_of(active), self.describe(active, today))

    def trusted_key_ids(self) -> list[str]:
        return sorted(trust.trusted_ids(self.store.trusted_dir))

    def storage_problem(self) -> str | None:
        """One sentence when the data folder cannot be written (staff must know), else None."""
        return self.store.storage_problem()

    # -- settings ---------------------------------------------------------------------------
    def load_settings(self) -> tuple[Settings, str | None]:
        settings, warning = load_settings(self.settings_path)
        if warning:
            self.log.record("settings-damaged", warning)
        return settings, warning

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.settings_path, settings)
        self.log.record("settings", "Settings were changed.", **settings.to_json())

    # -- the log ----------------------------------------------------------------------------
    def recent_log(self, count: int = 100) -> list[LogEntry]:
        return self.log.recent(count)

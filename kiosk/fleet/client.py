"""The kiosk's side: join a fleet, then check it with python-tuf and install what TUF approved.

A check builds a fresh `tuf.ngclient.Updater` bootstrapped with the root given at join (never a
cached root.json), refreshes the metadata (root -> timestamp -> snapshot -> targets, with
python-tuf's rollback, freeze and mix-and-match checks against its cache in fleet/metadata),
downloads the offered bundle into fleet/downloads (python-tuf checks length and hash first) and
hands it to `BundleStore.install`, which checks the bundle's own signature and switches
atomically. Anything else installs nothing and leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Root
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from kiosk import atomic
from kiosk.content.problems import BundleError
from kiosk.fleet.config import (
    DEFAULT_INTERVAL_MINUTES,
    TARGET_NAME,
    FleetConfig,
    FleetPaths,
    Status,
    is_url,
)
from kiosk.fleet.fetchers import FolderFetcher, HttpFetcher
from kiosk.fleet.reasons import KEPT, plain_reason
from kiosk.fleet.repository import Offer
from kiosk.staff.service import Staff
from kiosk.store.errors import StoreError
from kiosk.store.records import ActiveBundle

Outcome = Literal["installed", "up-to-date", "refused"]
SPARE_BYTES = 8 * 1024 * 1024


class JoinError(Exception):
    """The root file or source given to `join` cannot be used; nothing was changed."""


@dataclass(frozen=True)
class CheckResult:
    outcome: Outcome
    message: str  # plain words for staff and the command line
    offered: Offer | None = None
    active: ActiveBundle | None = None  # the bundle active after the check, when known


@dataclass(frozen=True)
class Timeouts:
    gap_seconds: float = 30  # silence from the server
    total_seconds: float = 600  # one file in all


def _describe(bundle_id: str, version: int) -> str:
    return f"{bundle_id} version {version}"


def root_fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FleetClient:
    def __init__(self, staff: Staff, *, timeouts: Timeouts | None = None) -> None:
        self.staff = staff
        self.paths = FleetPaths(staff.data_dir)
        self.timeouts = timeouts or Timeouts()

    # -- join ------------------------------------------------------------------------------
    def join(
        self, root_file: Path, source: str, interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    ) -> FleetConfig:
        """Trusts `root_file` for updates from `source` (a URL or a published folder)."""
        try:
            data = root_file.read_bytes()
            root = Metadata[Root].from_bytes(data)
            root.verify_delegate(Root.type, root)
        except OSError as exc:
            raise JoinError(f"{root_file} could not be read ({exc.strerror}).") from None
        except (tuf_errors.RepositoryError, ValueError, TypeError, KeyError) as exc:
            raise JoinError(f"{root_file} is not a valid, signed fleet root ({exc}).") from None
        if not is_url(source):
            folder = Path(source).resolve()
            if not (folder / "metadata").is_dir():
                raise JoinError(f"{source} is not a published fleet repository folder.")
            source = str(folder)
        old = FleetConfig.load(self.paths)
        fingerprint = root_fingerprint(data)
        if old is None or old.root_sha256 != fingerprint:
            shutil.rmtree(self.paths.metadata, ignore_errors=True)  # another fleet's history
        self.paths.folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(self.paths.root, data, mode=0o444)
        joined = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        config = FleetConfig(source, fingerprint, joined, interval_minutes)
        config.save(self.paths)
        self.staff.log.record(
            "fleet-join",
            f"This kiosk now takes updates from {source}.",
            source=source,
            root=fingerprint,
        )
        return config

    # -- check -----------------------------------------------------------------------------
    def check(self, source: str | None = None) -> CheckResult:
        """One update check now, from the joined source or `source` (a USB stick's folder)."""
        config = FleetConfig.load(self.paths)
        if config is None:
            return CheckResult("refused", "This kiosk has not joined a fleet (kiosk fleet join).")
        where = source or config.source
        with self._locked() as locked:
            if not locked:
                return CheckResult("refused", "Another update check is running; try again soon.")
            logged = False
            try:
                result = self._check(config, where)
            except StoreError as exc:  # the store logged it already
                result, logged = CheckResult("refused", f"{exc.summary} {KEPT}"), True
            except (tuf_errors.RepositoryError, tuf_errors.DownloadError, BundleError) as exc:
                result = CheckResult("refused", plain_reason(exc))
            except OSError as exc:
                result = CheckResult("refused", plain_reason(exc))
            finally:
                _empty(self.paths.downloads)
            self._record(result, where, logged=logged)
        return result

    @contextlib.contextmanager
    def _locked(self) -> Iterator[bool]:
        self.paths.folder.mkdir(parents=True, exist_ok=True)
        with self.paths.lock.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True

    def _trusted_root(self, config: FleetConfig) -> bytes:
        data = self.paths.root.read_bytes()
        if root_fingerprint(data) != config.root_sha256:
            raise BundleError(
                "The trusted fleet root on this kiosk is not the one it joined with; "
                "join the fleet again."
            )
        return data

    def _updater(self, config: FleetConfig, where: str) -> Updater:
        fetcher: FetcherInterface
        if is_url(where):
            base = where.rstrip("/")
            fetcher = HttpFetcher(
                gap_seconds=self.timeouts.gap_seconds, total_seconds=self.timeouts.total_seconds
            )
        else:
            folder = Path(where).resolve()
            base = folder.as_uri()
            fetcher = FolderFetcher(folder)
        self.paths.metadata.mkdir(parents=True, exist_ok=True)
        return Updater(
            str(self.paths.metadata),
            f"{base}/metadata/",
            str(self.paths.downloads),
            f"{base}/targets/",
            fetcher,
            bootstrap=self._trusted_root(config),
        )

    def _check(self, config: FleetConfig, where: str) -> CheckResult:
        _empty(self.paths.downloads)
        updater = self._updater(config, where)
        updater.refresh()
        target = updater.get_targetinfo(TARGET_NAME)
        active = self.staff.store.open_active()
        if target is None:
            return CheckResult(
                "up-to-date", "The fleet repository offers no bundle yet.", None, active
            )
        offer = Offer.from_target(target)
        if offer is None:
            raise BundleError("The offered bundle has no version in the signed update information.")
        if offer.bundle_id == active.id and offer.version <= active.version:
            return CheckResult(
                "up-to-date",
                f"Up to date: this kiosk has {_describe(active.id, active.version)}; the "
                f"repository offers {_describe(offer.bundle_id, offer.version)}.",
                offer,
                active,
            )
        self._check_space(target.length)
        path = self.paths.downloads / f"{offer.bundle_id}-v{offer.version}.kbundle"
        updater.download_target(target, str(path))
        installed = self.staff.install(path)
        return CheckResult(
            "installed",
            f"Installed {_describe(installed.id, installed.version)} from the fleet repository; "
            "patients see it at the next return to the start screen.",
            offer,
            installed,
        )

    def _check_space(self, length: int) -> None:
        self.paths.downloads.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.paths.downloads).free
        if free < 2 * length + SPARE_BYTES:  # the download, then its extracted copy
            raise OSError(28, os.strerror(28))  # ENOSPC: reported like a full disk

    def _record(self, result: CheckResult, where: str, *, logged: bool) -> None:
        old = Status.load(self.paths)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        refused = result.outcome == "refused"
        active = result.active
        status = Status(
            source=where,
            checked_at=now,
            succeeded_at=old.succeeded_at if refused else now,
            offered=_describe(result.offered.bundle_id, result.offered.version)
            if result.offered
            else old.offered,
            installed=_describe(active.id, active.version) if active else old.installed,
            refusal=result.message if refused else None,
        )
        with contextlib.suppress(OSError):
            status.save(self.paths)
        # A refusal goes to the staff log once, not at every poll while it lasts.
        if refused and not logged and result.message != old.refusal:
            self.staff.log.record("update-refusal", result.message, source=where)


def _empty(folder: Path) -> None:
    """Removes what an interrupted download (even kill -9) left behind."""
    if folder.is_dir():
        for path in folder.iterdir():
            with contextlib.suppress(OSError):
                path.unlink()

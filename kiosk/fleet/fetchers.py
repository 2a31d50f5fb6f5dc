"""How the TUF client reads a repository: over HTTP with hard time limits, or from a folder.

python-tuf bounds every download by the length the signed metadata allows (an endless response
is cut there); these fetchers add what it leaves to them: a server that stops sending or
trickles forever is cut after `gap_seconds` of silence or `total_seconds` in all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

import urllib3
from tuf.api import exceptions
from tuf.ngclient.fetcher import FetcherInterface

CHUNK_BYTES = 64 * 1024


class HttpFetcher(FetcherInterface):
    def __init__(self, *, gap_seconds: float = 30, total_seconds: float = 600) -> None:
        self.gap_seconds = gap_seconds
        self.total_seconds = total_seconds
        self._pool = urllib3.PoolManager(headers={"User-Agent": "clinic-kiosk fleet updater"})

    def _fetch(self, url: str) -> Iterator[bytes]:
        timeout = urllib3.Timeout(connect=self.gap_seconds, read=self.gap_seconds)
        try:
            response = self._pool.request(
                "GET", url, preload_content=False, timeout=timeout, retries=False, redirect=False
            )
        except urllib3.exceptions.NewConnectionError as exc:  # a TimeoutError subclass too
            raise exceptions.DownloadError(f"{url} could not be reached") from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise exceptions.SlowRetrievalError(f"No answer from {url}") from exc
        if response.status >= 300:
            response.release_conn()
            raise exceptions.DownloadHTTPError(
                f"{url} answered HTTP {response.status}", response.status
            )
        return self._chunks(response, url)

    def _chunks(self, response: urllib3.BaseHTTPResponse, url: str) -> Iterator[bytes]:
        cut = threading.Event()

        def stop() -> None:
            cut.set()
            response.shutdown()  # unblocks a read waiting on a trickling server

        timer = threading.Timer(self.total_seconds, stop)
        timer.daemon = True
        timer.start()
        try:
            yield from response.stream(CHUNK_BYTES)
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if cut.is_set() or isinstance(exc, urllib3.exceptions.TimeoutError):
                raise exceptions.SlowRetrievalError(f"{url} was too slow") from exc
            raise
        finally:
            timer.cancel()
            response.release_conn()
        if cut.is_set():
            raise exceptions.SlowRetrievalError(f"{url} was too slow")


class FolderFetcher(FetcherInterface):
    """Reads `file://` URLs below `root` (a repository on a USB stick or a share)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _fetch(self, url: str) -> Iterator[bytes]:
        if not self.root.is_dir():
            raise exceptions.DownloadError(f"{self.root} is not there (a drive not plugged in?)")
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve()
        if parsed.scheme != "file" or not path.is_relative_to(self.root):
            raise exceptions.DownloadHTTPError(f"{url} is outside the repository", 403)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise exceptions.DownloadHTTPError(f"{path} does not exist", 404) from None
        return self._chunks(handle)

    @staticmethod
    def _chunks(handle: BinaryIO) -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk

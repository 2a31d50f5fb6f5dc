"""A fleet repository made by the real `kiosk fleet` commands, served by http.server on
127.0.0.1 from a thread of the test, and a kiosk data folder that trusts the clinic's key."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli import main
from tests.store.conftest import (  # noqa: F401  (fixtures)
    MakeBundle,
    keys,
    make_bundle,
    snapshot,
)

ROOT = Path(__file__).resolve().parents[2]
Fault = Callable[["Handler"], bool]  # True when it answered the request itself


@dataclass
class Behaviour:
    """What the test server does besides serving files; changed by tests while it runs."""

    faults: dict[str, Fault] = field(default_factory=dict)  # by path suffix
    served: int = 0  # bytes of file bodies sent
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(SimpleHTTPRequestHandler):
    behaviour: Behaviour

    def do_GET(self) -> None:
        for suffix, fault in self.behaviour.faults.items():
            if self.path.endswith(suffix) and fault(self):
                return
        super().do_GET()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        with self.behaviour.lock:
            self.behaviour.served += len(data)
        outputfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Server:
    url: str
    folder: Path
    behaviour: Behaviour


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[Server]:
    """A static server of `folder` on 127.0.0.1 only, in a thread of this process."""
    behaviour = Behaviour()
    handler = type("BoundHandler", (Handler,), {"behaviour": behaviour})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", folder, behaviour)
    finally:
        behaviour.release.set()  # lets hanging answers end
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """One `kiosk` command in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    sys.stdin = io.StringIO("")
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_process(
    data_dir: Path, *argv: str, file_limit_kib: int | None = None
) -> subprocess.Popen[bytes]:
    """`kiosk ARGV` in a process of its own; `file_limit_kib` caps the size of any file it writes
    (ulimit -f: writes beyond it fail like a full disk)."""
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "kiosk", *argv]
    if file_limit_kib is not None:
        command = ["bash", "-c", f'ulimit -f {file_limit_kib}; exec "$0" "$@"', *command]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@dataclass
class Fleet:
    """The content team's folder, its server, and one kiosk."""

    capsys: pytest.CaptureFixture[str]
    team_dir: Path
    data_dir: Path
    server: Server
    make_bundle: MakeBundle

    @property
    def published(self) -> Path:
        return self.team_dir / "repository"

    @property
    def store_root(self) -> Path:
        return self.data_dir / "store"

    def team(self, *argv: str | Path) -> tuple[int, str, str]:
        return run(self.capsys, "fleet", argv[0], self.team_dir, *argv[1:])

    def kiosk(self, *argv: str | Path) -> tuple[int, str, str]:
        return run(self.capsys, "--data-dir", self.data_dir, *argv)

    def publish(self, version: int, **kwargs: object) -> Path:
        bundle = self.make_bundle(version, **kwargs)
        code, _, err = self.team("publish", bundle)
        assert code == 0, err
        return bundle

    def check(self, *argv: str) -> tuple[int, str, str]:
        return self.kiosk("fleet", "check", *argv)

    def installed_version(self) -> int:
        import json

        state = json.loads((self.store_root / "state.json").read_text())
        folder: str = state["active"]["folder"]
        return int(folder.split("-v")[1].split("-")[0])

    def save_published(self, name: str) -> Path:
        """A copy of what is published now, to serve again later (a rollback)."""
        copy = self.team_dir.parent / name
        shutil.copytree(self.published, copy)
        return copy

    def serve_copy(self, copy: Path) -> None:
        shutil.rmtree(self.published)
        shutil.copytree(copy, self.published)


@pytest.fixture
def fleet(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    keys,  # noqa: F811
    make_bundle: MakeBundle,  # noqa: F811
) -> Iterator[Fleet]:
    """A repository with version 2 of clinic-content published, and a kiosk that joined it over
    HTTP and installed it."""
    team_dir = tmp_path / "team"
    data_dir = tmp_path / "kiosk"
    assert run(capsys, "fleet", "init", team_dir)[0] == 0
    with serve(team_dir / "repository") as server:
        fleet = Fleet(capsys, team_dir, data_dir, server, make_bundle)
        assert fleet.kiosk("keys", "trust", keys.public_path)[0] == 0
        root = team_dir / "repository" / "metadata" / "root.json"
        code, _, err = fleet.kiosk("fleet", "join", root, server.url)
        assert code == 0, err
        fleet.publish(2)
        code, out, err = fleet.check()
        assert code == 0, err
        assert "Installed clinic-content version 2" in out
        yield fleet

"""A kiosk that joined a fleet still starts without loading TUF: the updater's first check
comes minutes after the start, in its own thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fleet.conftest import run
from tests.fresh_python import run_python

SCRIPT = (
    "import sys, threading\n"
    "from kiosk.cli import main\n"
    "code = main(['--data-dir', sys.argv[1], '--smoke-test'])\n"
    "names = {m.split('.')[0] for m in sys.modules}\n"
    "tuf = sorted(names & {'tuf', 'securesystemslib', 'urllib3'})\n"
    "print('tuf', ','.join(tuf) or '-')\n"
    "sys.exit(code)\n"
)


def test_smoke_test_of_a_joined_kiosk_imports_no_tuf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team, data = tmp_path / "team", tmp_path / "data"
    assert run(capsys, "fleet", "init", team)[0] == 0
    root = team / "repository" / "metadata" / "root.json"
    assert run(capsys, "--data-dir", data, "fleet", "join", root, "http://127.0.0.1:9")[0] == 0
    for _ in range(2):  # the first start writes the ready copy, the second starts from it
        assert run_python(SCRIPT, data).splitlines()[-1] == "tuf -"

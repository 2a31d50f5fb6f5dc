"""Logs rotate and stay small."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.system.logs import log_file, setup_logging


def test_logs_go_to_the_data_folder_and_rotate(tmp_path: Path, root_logger: logging.Logger) -> None:
    path = setup_logging(tmp_path, stderr=False, max_bytes=2000, backup_count=3)
    assert path == log_file(tmp_path) == tmp_path / "logs" / "kiosk.log"
    for n in range(200):
        logging.getLogger("kiosk.test").info("line %03d %s", n, "x" * 40)
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    assert all(p.stat().st_size <= 2000 for p in (tmp_path / "logs").iterdir())
    assert "line 199" in path.read_text(encoding="utf-8")


def test_setting_up_twice_replaces_the_handlers(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    before = len(root_logger.handlers)
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    assert len(root_logger.handlers) == before + 2  # one file + stderr, not four
    logging.getLogger("kiosk.test").warning("hello")
    assert "hello" in (tmp_path / "b" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "hello" not in (tmp_path / "a" / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_an_unwritable_folder_falls_back_to_stderr(
    tmp_path: Path, root_logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    assert setup_logging(blocked) is None
    assert "stderr only" in capsys.readouterr().err

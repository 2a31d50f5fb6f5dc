"""Logging for an unattended kiosk: a small rotating file in the data folder, and stderr.

`<data_dir>/logs/kiosk.log`, rotated at about 1 MB with 3 old files kept, so the logs never
grow past about 4 MB. Under systemd, stderr also lands in the journal
(`journalctl --user -u kiosk`).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path

LOG_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"

_HANDLER_MARK = "_kiosk_handler"


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def log_file(data_dir: Path) -> Path:
    return log_dir(data_dir) / LOG_NAME


def setup_logging(
    data_dir: Path,
    *,
    level: int = logging.INFO,
    stderr: bool = True,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
) -> Path | None:
    """Send the root logger to the rotating file (and stderr). Returns the file, or None.

    Calling it again replaces the handlers it added before (tests, a changed data folder). When
    the folder cannot be written the app still runs, logging to stderr only.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    path = log_file(data_dir)
    written: Path | None = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
            )
        )
    except OSError as error:
        print(f"kiosk: cannot write logs to {path} ({error}); stderr only", file=sys.stderr)
        written = None
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return written


def flush_logs() -> None:
    """Flush every handler: called before exiting after a crash."""
    for handler in logging.getLogger().handlers:
        with contextlib.suppress(OSError, ValueError):
            handler.flush()

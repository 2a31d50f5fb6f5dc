"""Reading the kiosk's own small state files (settings, PIN, start-up count, store pointer,
trusted keys) without trusting them.

Whoever can write the data folder can put anything there: a FIFO (a plain read waits forever), a
link to /dev/zero (a plain read never ends), a 5,000-digit number, `Infinity`, 100,000 levels of
nesting (the JSON parser's recursion overflows). Every reader here opens the file itself, never
through a link (`O_NOFOLLOW`) and without waiting (`O_NONBLOCK`), checks it is a regular file
(`fstat`), reads at most a small cap, and parses numbers and nesting within bounds. Anything else
is `StateFileError` with one sentence; the caller reports it and uses its defaults.

Standard library only: the patient app reads these files at every start.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

MAX_STATE_BYTES = 64 * 1024  # the biggest real one (store/state.json) is well under 2 KiB
MAX_DEPTH = 16
MAX_INT_DIGITS = 20
MAX_NUMBER = 1e15

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPEN = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class StateFileError(ValueError):
    """A state file that cannot be used; the message is one sentence for staff."""


class StateFileTooLarge(StateFileError):
    """The file is bigger than its cap."""


def read_bytes(path: Path, max_bytes: int = MAX_STATE_BYTES) -> bytes | None:
    """The file's bytes, or None when it does not exist. Never follows a link, never waits,
    never reads more than `max_bytes`."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StateFileError(f"{path.name} is a link, which is not allowed.") from None
        raise StateFileError(f"{path.name} could not be read ({exc.strerror}).") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StateFileError(f"{path.name} is not a regular file.")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes and (chunk := os.read(fd, max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise StateFileError(f"{path.name} could not be read ({exc.strerror}).") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise StateFileTooLarge(f"{path.name} is too large ({max_bytes:,} bytes at most).")
    return b"".join(chunks)


def parse_json(data: bytes, name: str = "The file") -> Any:
    """JSON with bounded nesting and numbers; StateFileError for anything else."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StateFileError(f"{name} is not UTF-8 text.") from None
    if _depth(text) > MAX_DEPTH:
        raise StateFileError(f"{name} is nested too deeply.")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except StateFileError as exc:
        raise StateFileError(f"{name} holds {exc}.") from None
    except (json.JSONDecodeError, RecursionError):
        raise StateFileError(f"{name} is not valid JSON.") from None


def read_json(path: Path, max_bytes: int = MAX_STATE_BYTES) -> Any | None:
    """The parsed file, or None when it does not exist; StateFileError when it is unusable."""
    data = read_bytes(path, max_bytes)
    return None if data is None else parse_json(data, path.name)


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects (strings do not count)."""
    depth = deepest = 0
    for code in _STRINGS.sub("", text).encode("ascii", "ignore").translate(None, b" \t\r\n"):
        step = _OPEN.get(code, 0)
        if step:
            depth += step
            deepest = max(deepest, depth)
    return deepest


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise StateFileError("a number that is too long")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise StateFileError("a number that is too large")
    return value


def _constant(text: str) -> float:
    raise StateFileError(f"{text}, which is not a number")

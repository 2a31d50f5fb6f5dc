"""The store's refusals: one sentence for staff, never a traceback, and nothing changed."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from kiosk.content.problems import BundleError


class StoreError(BundleError):
    """An action the store refused; `summary` is one sentence for staff, nothing was changed."""


@contextlib.contextmanager
def disk_refusal() -> Iterator[None]:
    """Any disk error becomes one sentence for staff (StoreError), never a traceback."""
    try:
        yield
    except OSError as exc:
        raise StoreError(storage_sentence(exc)) from None


def sentence(exc: BaseException) -> str:
    text = exc.summary if isinstance(exc, BundleError) else str(exc)
    text = text.strip()
    return text if text.endswith((".", "?", "!", ")")) else text + "."


def storage_sentence(exc: OSError) -> str:
    return (
        f"The kiosk's data folder cannot be written ({os_reason(exc)}): the content on "
        "screen stays, but installs, rollbacks and key changes are refused until it is fixed."
    )


def os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def copy_failure(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "The disk became full while copying the bundle; nothing was changed."
    return f"The disk reported an error while installing ({os_reason(exc)}); nothing was changed."


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"

"""Why an update check installed nothing, in words staff can read."""

from __future__ import annotations

import errno

from tuf.api import exceptions as tuf_errors

from kiosk.content.problems import BundleError

KEPT = "This kiosk keeps its current content."


def plain_reason(exc: BaseException) -> str:
    """One or two sentences; the current content is always kept."""
    return f"{_what(exc)} {KEPT}"


def _what(exc: BaseException) -> str:
    if isinstance(exc, BundleError):
        return exc.summary
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        return (
            "The update information has expired: the content team must run "
            "`kiosk fleet refresh` and publish again."
        )
    if isinstance(exc, tuf_errors.BadVersionNumberError | tuf_errors.EqualVersionNumberError):
        return (
            "The update source offered older update information than this kiosk has already "
            "seen (a rollback or a mix of old and new files), so it was refused."
        )
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        return (
            "The update information is not signed by the keys this kiosk trusts "
            "(a wrong, revoked or forged key), so it was refused."
        )
    if isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        return (
            "A downloaded file does not match what the content team signed (damaged or "
            "tampered with), so it was refused."
        )
    if isinstance(exc, tuf_errors.RepositoryError):
        return f"The update information is not valid ({exc}), so it was refused."
    return _download_reason(exc) or _disk_reason(exc) or f"The update check failed ({exc})."


def _download_reason(exc: BaseException) -> str | None:
    if isinstance(exc, tuf_errors.SlowRetrievalError):
        return "The update source was too slow to answer and the download was stopped."
    if isinstance(exc, tuf_errors.DownloadLengthMismatchError):
        return "The update source sent more data than the signed update allows, so it was cut off."
    if isinstance(exc, tuf_errors.DownloadHTTPError):
        if exc.status_code == 404:
            return "A file is missing on the update source (HTTP 404)."
        return f"The update source answered with an error (HTTP {exc.status_code})."
    if isinstance(exc, tuf_errors.DownloadError):
        return (
            "The update source could not be reached (no network, the server is down, or the "
            "drive is not plugged in)."
        )
    return None


def _disk_reason(exc: BaseException) -> str | None:
    if not isinstance(exc, OSError):
        return None
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "There is not enough disk space to download the update."
    return f"The update could not be saved on this kiosk ({exc.strerror or exc})."

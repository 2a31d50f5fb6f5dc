"""Unsaved changes kept beside the folder, so that a crash loses nothing, and offered back.

API:
- `write_autosave(folder)`: writes the unsaved changes atomically to
  `<folder>.studio-autosave.json` beside the folder (kiosk/studio/folder.py autosave_path); the
  caller calls it after changes, debounced (every few seconds). Nothing to keep: the file goes.
  FieldError (plain words) when it cannot be written.
- `find_autosave(root) -> AutosaveInfo | None`: what the next open can offer back: when it was
  written, how many pages it changed, and whether bundle.toml changed on disk since.
- `recover(root) -> StudioFolder`: the folder opened with the kept changes put back (unsaved,
  so a save makes them real); `discard_autosave(root)` forgets them. `StudioFolder.save()`
  deletes the file too.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.atomic import write_json
from kiosk.content.manifest import MANIFEST_NAME
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import PageKey, StudioFolder, autosave_path

FORMAT = 1


@dataclass(frozen=True)
class AutosaveInfo:
    path: Path
    saved_at: dt.datetime
    pages: int  # page texts it changes
    folder_changed_since: bool  # bundle.toml was changed on disk after the autosave began


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _disk_manifest(root: Path) -> str:
    try:
        return (root / MANIFEST_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def write_autosave(folder: StudioFolder, now: dt.datetime | None = None) -> None:
    path = autosave_path(folder.root)
    if not folder.dirty:
        discard_autosave(folder.root)
        return
    pages = folder.unsaved_pages()
    pending = folder.pending_files()
    state = {
        "format": FORMAT,
        "saved_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
        "base": _digest(_disk_manifest(folder.root)),
        "manifest": folder.manifest.dumps(),
        "pages": [[page_id, lang, text] for (page_id, lang), text in sorted(pages.items())],
        "pending": {rel: base64.b64encode(data).decode() for rel, data in pending.items()},
        "dropped": sorted(folder.dropped_files()),
    }
    try:
        write_json(path, state, mode=0o600)
    except OSError as exc:
        raise FieldError(
            f"Unsaved changes could not be kept beside the folder ({exc.strerror or exc}); "
            "save them to keep them."
        ) from exc


def _read(root: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(autosave_path(root).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise FieldError(f"The kept unsaved changes cannot be read ({exc}).") from exc
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise FieldError("The kept unsaved changes are in a form this studio cannot read.")
    return state


def find_autosave(root: Path) -> AutosaveInfo | None:
    state = _read(root)
    if state is None:
        return None
    return AutosaveInfo(
        path=autosave_path(root),
        saved_at=dt.datetime.fromisoformat(str(state["saved_at"])),
        pages=len(state["pages"]),
        folder_changed_since=state["base"] != _digest(_disk_manifest(root)),
    )


def recover(root: Path) -> StudioFolder:
    folder = StudioFolder.open(root)
    state = _read(root)
    if state is None:
        return folder
    try:
        pages: dict[PageKey, str] = {(str(p), str(lang)): str(t) for p, lang, t in state["pages"]}
        pending = {str(rel): base64.b64decode(data) for rel, data in state["pending"].items()}
        folder.restore(str(state["manifest"]), pages, pending, {str(r) for r in state["dropped"]})
    except (KeyError, TypeError, ValueError) as exc:
        raise FieldError(f"The kept unsaved changes cannot be read ({exc}).") from exc
    return folder


def discard_autosave(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        autosave_path(root).unlink()

"""An authoring folder open in the studio: every field by its path, unsaved edits, and saving.

API (kiosk/studio/fields.py lists the field paths):

- `StudioFolder.open(path)`; `StudioFolder.start_from_builtin(dest)` copies the built-in bundle's
  authoring source (resources/bundle without manifest.json / manifest.sig) to `dest` and opens it.
- `fields() -> list[FieldInfo]`: every field, with its label in plain words, group, language,
  whether it is multi-line and required, and its kind.
- `get(path) -> str`; `set(path, value)` checks the value's shape at once and raises FieldError
  (plain words) without changing anything when it is refused. A page's text is refused when the
  edit adds something a page cannot hold (kiosk/studio/page_text.py).
- `dirty`; `untranslated() -> list[str]`: the paths empty in one language but filled in another.
- `languages`, `page_ids()` (about, treatments, "disclaimer"), `location_ids()`,
  `page_text(page_id, lang)`, `page_file(page_id, lang)`, `values()` (bundle.toml's values),
  `version` / `set_version(n)` (kiosk/studio/build.py raises it).
- `review(page_id)` / `set_review(page_id, review)`; `add_file(rel, data)` /
  `remove_file(rel)` (illustrations: kept in memory until saved).
- `save()`: bundle.toml rewritten with its comments, blank lines and key order kept (tomlkit),
  page files and images written only when changed, each atomically (kiosk/atomic.py); the
  autosave beside the folder is deleted afterwards. `revision` counts changes (for caches).
  A folder that cannot be written raises SaveError (plain words); the edits stay unsaved.
- `files()`: the folder as a save would leave it, relative path -> bytes (in memory) or Path.
- `unsaved_pages()` / `restore(...)`: the unsaved state, for kiosk/studio/autosave.py.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.atomic import write_bytes
from kiosk.content.bundle import Review
from kiosk.content.manifest import MANIFEST_NAME
from kiosk.content.sealed import SIGNED_FILES
from kiosk.content.validate import MAX_PAGE_BYTES
from kiosk.paths import default_bundle_dir
from kiosk.studio import catalogue
from kiosk.studio.document import DISCLAIMER, PAGE_GROUPS, ManifestDoc
from kiosk.studio.fields import FieldError, FieldInfo, split_path
from kiosk.studio.page_text import edit_refusal
from kiosk.studio.values import get_value, set_value

AUTOSAVE_SUFFIX = ".studio-autosave.json"
PageKey = tuple[str, str]  # (page id, language)


class SaveError(FieldError):
    """The folder could not be written; nothing in memory was lost."""


def autosave_path(root: Path) -> Path:
    """Unsaved changes are kept beside the folder, never inside it (it would be bundled)."""
    return root.with_name(root.name + AUTOSAVE_SUFFIX)


class StudioFolder:
    def __init__(self, root: Path, manifest_text: str) -> None:
        self.root = root
        self.manifest = ManifestDoc(manifest_text)
        self._saved_manifest = manifest_text
        self._pages: dict[PageKey, str] = {}
        self._saved_pages: dict[PageKey, str | None] = {}
        self._pending: dict[str, bytes] = {}
        self._dropped: set[str] = set()
        self._dirty = False
        self.revision = 0
        # What bundle.toml says, read once per revision: tomlkit's lookups are slow.
        self._values: tuple[int, dict[str, Any]] | None = None
        self._stems: dict[str, str | None] = {}

    @classmethod
    def open(cls, path: Path) -> StudioFolder:
        manifest = path / MANIFEST_NAME
        try:
            text = manifest.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FieldError(f"{path} is not a bundle folder: it has no {MANIFEST_NAME}.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise FieldError(f"{manifest} cannot be read ({exc}).") from exc
        folder = cls(path, text)
        folder._load_pages()
        return folder

    @classmethod
    def start_from_builtin(cls, dest: Path) -> StudioFolder:
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise FieldError(f"{dest} is not empty: choose a new folder for the copy.")
        try:
            shutil.copytree(
                default_bundle_dir(), dest, dirs_exist_ok=True, ignore=_distribution_files
            )
        except OSError as exc:
            raise FieldError(f"The copy could not be made in {dest} ({exc}).") from exc
        return cls.open(dest)

    def _load_pages(self) -> None:
        for page_id in self.page_ids():
            for lang in self.languages:
                self._load_page(page_id, lang)

    def _load_page(self, page_id: str, lang: str) -> None:
        if (page_id, lang) in self._saved_pages:
            return
        rel = self.page_file(page_id, lang)
        text: str | None = None
        if rel is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = (self.root / rel).read_text(encoding="utf-8")
        self._saved_pages[(page_id, lang)] = text
        self._pages[(page_id, lang)] = text or ""

    # -- what the folder holds --------------------------------------------------------------
    @property
    def languages(self) -> list[str]:
        languages = self.values().get("languages")
        return [str(code) for code in languages] if isinstance(languages, list) else []

    @property
    def dirty(self) -> bool:
        return self._dirty

    def page_ids(self) -> list[str]:
        """The about pages, the treatments, then the disclaimer, in bundle.toml's order."""
        raw = self.values()
        ids = [_id(entry) for group in PAGE_GROUPS for entry in _entries(raw.get(group))]
        return [page_id for page_id in ids if page_id] + (
            [DISCLAIMER] if isinstance(raw.get(DISCLAIMER), dict) else []
        )

    def location_ids(self) -> list[str]:
        ids = [_id(entry) for entry in _entries(self.values().get("locations"))]
        return [location_id for location_id in ids if location_id]

    def values(self) -> dict[str, Any]:
        """bundle.toml's values as tomllib reads them (do not change them)."""
        if self._values is None or self._values[0] != self.revision:
            self._values = (self.revision, self.manifest.plain())
        return self._values[1]

    def page_file(self, page_id: str, lang: str) -> str | None:
        if page_id not in self._stems:
            self._stems[page_id] = self.manifest.page_stem(page_id)
        stem = self._stems[page_id]
        return None if stem is None else f"{stem}.{lang}.md"

    def page_text(self, page_id: str, lang: str) -> str:
        if (page_id, lang) not in self._pages:
            self.manifest.page_table(page_id)  # an unknown page is refused
            self._load_page(page_id, lang)
        return self._pages[(page_id, lang)]

    def fields(self) -> list[FieldInfo]:
        return catalogue.fields(self)

    def untranslated(self) -> list[str]:
        return catalogue.untranslated(self)

    # -- reading and changing fields --------------------------------------------------------
    def get(self, path: str) -> str:
        parts = split_path(path)
        if parts[0] == "page" and len(parts) == 3:
            if parts[2] == "illustration":
                return str(self.manifest.page_table(parts[1]).get("illustration") or "")
            return self.page_text(parts[1], parts[2])
        if parts[0] == "review" and len(parts) == 2:
            return catalogue.review_words(self.review(parts[1]))
        return get_value(self.values(), parts)

    def set(self, path: str, value: str) -> None:
        parts = split_path(path)
        if parts[0] == "page" and len(parts) == 3:
            if parts[2] == "illustration":
                self._set_illustration(parts[1], value)
            else:
                self._set_page(parts[1], parts[2], value)
        elif parts[0] == "review":
            raise FieldError("A review is recorded with the clinician's sign-off, not typed in.")
        else:
            set_value(self.manifest, parts, value)
        self._changed()

    def _set_page(self, page_id: str, lang: str, text: str) -> None:
        if lang not in self.languages:
            raise FieldError(f'The bundle has no language "{lang}"; add it to the languages first.')
        before = self.page_text(page_id, lang)
        if len(text.encode("utf-8")) > MAX_PAGE_BYTES:
            raise FieldError(f"A page can hold at most {MAX_PAGE_BYTES:,} bytes of text.")
        refusal = edit_refusal(before, text)
        if refusal is not None:
            raise FieldError(refusal)
        self._pages[(page_id, lang)] = text

    def _set_illustration(self, page_id: str, rel: str) -> None:
        if page_id == DISCLAIMER:
            raise FieldError("The disclaimer has no illustration.")
        if not rel.lower().endswith((".svg", ".png")):
            raise FieldError("An illustration must be an SVG or PNG file.")
        if rel not in self._pending and not (self.root / rel).is_file():
            raise FieldError(f"There is no file {rel} in the bundle folder.")
        self.manifest.page_table(page_id)["illustration"] = rel

    def review(self, page_id: str) -> Review:
        return self.manifest.review(page_id)

    def set_review(self, page_id: str, review: Review) -> None:
        self.manifest.set_review(page_id, review)
        self._changed()

    def add_file(self, rel: str, data: bytes) -> None:
        """A file to write at the next save (an illustration, checked by the caller)."""
        self._pending[rel] = data
        self._dropped.discard(rel)
        self._changed()

    def remove_file(self, rel: str) -> None:
        """A file to delete at the next save (an illustration no page uses any more)."""
        self._pending.pop(rel, None)
        self._dropped.add(rel)
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self.revision += 1
        self._stems.clear()

    @property
    def version(self) -> int:
        version = self.values().get("version")
        return version if isinstance(version, int) else 0

    def set_version(self, version: int) -> None:
        """The bundle's version (kiosk/studio/build.py raises it after a successful build)."""
        self.manifest.doc["version"] = version
        self._changed()

    # -- unsaved state, for the autosave ------------------------------------------------------
    def unsaved_pages(self) -> dict[PageKey, str]:
        """Page texts that differ from their files: (page id, language) -> text."""
        return {
            key: text
            for key, text in self._pages.items()
            if text != (self._saved_pages.get(key) or "")
        }

    def restore(
        self,
        manifest_text: str,
        pages: dict[PageKey, str],
        pending: dict[str, bytes],
        dropped: Iterable[str],
    ) -> None:
        """Puts back unsaved changes kept by the autosave (kiosk/studio/autosave.py)."""
        self.manifest = ManifestDoc(manifest_text)
        self._changed()
        for page_id, lang in pages:
            self._load_page(page_id, lang)
        self._pages.update(pages)
        self._pending.update(pending)
        self._dropped.update(dropped)

    # -- the folder after a save --------------------------------------------------------------
    def changed_pages(self) -> dict[str, str]:
        """Page files whose text differs from the file on disk: relative path -> text."""
        out: dict[str, str] = {}
        for (page_id, lang), text in self._pages.items():
            rel = self.page_file(page_id, lang)
            if rel is None or lang not in self.languages:
                continue
            if text != (self._saved_pages.get((page_id, lang)) or ""):
                out[rel] = text
        return out

    def pending_files(self) -> dict[str, bytes]:
        return dict(self._pending)

    def dropped_files(self) -> frozenset[str]:
        return frozenset(self._dropped)

    def files(self) -> dict[str, bytes | Path]:
        """Every file of the folder as a save would leave it (manifest.json/.sig left out)."""
        out: dict[str, bytes | Path] = {}
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and not path.is_symlink() and rel not in SIGNED_FILES:
                out[rel] = path
        for rel in self._dropped:
            out.pop(rel, None)
        out.update(self._pending)
        out.update({rel: text.encode("utf-8") for rel, text in self.changed_pages().items()})
        out[MANIFEST_NAME] = self.manifest.dumps().encode("utf-8")
        return out

    def save(self) -> None:
        """Writes what changed, each file atomically; bundle.toml last, then drops old files.

        A folder that cannot be written raises SaveError; the changes stay here, unsaved."""
        pages = self.changed_pages()
        manifest_text = self.manifest.dumps()
        try:
            for rel, text in pages.items():
                _write(self.root / rel, text.encode("utf-8"))
            for rel, data in self._pending.items():
                _write(self.root / rel, data)
            if manifest_text != self._saved_manifest:
                _write(self.root / MANIFEST_NAME, manifest_text.encode("utf-8"))
            for rel in self._dropped:
                with contextlib.suppress(FileNotFoundError):
                    (self.root / rel).unlink()
        except OSError as exc:
            raise SaveError(
                f"The folder {self.root} could not be saved ({exc.strerror or exc}). "
                "Your changes are still here: free some space or choose another folder."
            ) from exc
        self._saved(manifest_text, pages)

    def _saved(self, manifest_text: str, pages: dict[str, str]) -> None:
        self._saved_manifest = manifest_text
        for key, text in self._pages.items():
            if self.page_file(*key) in pages:
                self._saved_pages[key] = text
        self._pending.clear()
        self._dropped.clear()
        self._dirty = False
        with contextlib.suppress(FileNotFoundError):
            autosave_path(self.root).unlink()


def _entries(raw: Any) -> list[Any]:
    return raw if isinstance(raw, list) else []


def _id(entry: Any) -> str:
    value = entry.get("id") if isinstance(entry, dict) else None
    return value if isinstance(value, str) else ""


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data)


def _distribution_files(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name in SIGNED_FILES]

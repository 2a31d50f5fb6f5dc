"""The studio's document: the authoring folder open in the window, its left list, the form of
the part chosen there, typed edits (refused in plain words when a field cannot hold them), and
saving."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot

from kiosk.studio.autosave import discard_autosave
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.studio_ui import outline
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the app")
class Studio(QObject):
    entriesChanged = Signal()
    currentChanged = Signal()  # another part of the bundle is shown in the form
    edited = Signal(str)  # a field took a new value (its path)
    dirtyChanged = Signal()
    untranslatedChanged = Signal()
    messageChanged = Signal()
    focusRequested = Signal(str)  # the form shows, then focuses, the field at this path
    saved = Signal()
    signOffRequested = Signal(str)  # a page id: the sign-off dialog opens for it

    def __init__(self, folder: StudioFolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._fields = folder.fields()
        self._entries = outline.entries(folder, self._fields)
        self._current = "organization"
        self._rows = outline.rows(self._fields, self._current, folder)
        self._untranslated = folder.untranslated()
        self._message = ""
        self._titles: dict[str, str] = {}  # page path -> its first line, as the outline shows

    @property
    def folder(self) -> StudioFolder:
        return self._folder

    def current_entry(self) -> str:
        return self._current

    # -- the left list and the form -----------------------------------------------------------
    @Slot(str)
    def select(self, key: str) -> None:
        if key == self._current or not any(e["key"] == key for e in self._entries):
            return
        self._current = key
        self._rows = outline.rows(self._fields, key, self._folder)
        self.currentChanged.emit()

    @Slot(str)
    def jumpTo(self, path: str) -> None:
        """Shows the form that holds `path` and puts the cursor in that field."""
        self.select(outline.entry_of(path))
        self.focusRequested.emit(path)

    # -- edits --------------------------------------------------------------------------------
    @Slot(str, str, result=str)
    def setField(self, path: str, value: str) -> str:
        """Stores a typed value; "" when taken, else why not, in plain words (nothing changes)."""
        try:
            self._folder.set(path, value)
        except FieldError as refused:
            return str(refused)
        self._after_edit(path)
        return ""

    def _after_edit(self, path: str) -> None:
        untranslated = self._folder.untranslated()
        if untranslated != self._untranslated:
            self._untranslated = untranslated
            self.untranslatedChanged.emit()
        if path == "languages" or path.endswith(".town") or self._title_changed(path):
            self._refresh_outline()
        self.dirtyChanged.emit()
        self.edited.emit(path)

    def _title_changed(self, path: str) -> bool:
        """A page's first line (its title, which names it in the left list) is not what it was."""
        if not path.startswith("page.") or path.endswith(".illustration"):
            return False
        first = self._folder.get(path).split("\n", 1)[0]
        if self._titles.get(path) == first:
            return False
        self._titles[path] = first
        return True

    def _refresh_outline(self) -> None:
        """A page's title, a town or the languages changed: the left list follows (the form's
        rows stay, so that the field being typed in keeps its cursor)."""
        self._fields = self._folder.fields()
        entries = outline.entries(self._folder, self._fields)
        if entries != self._entries:
            self._entries = entries
            self.entriesChanged.emit()

    def changed_outside(self) -> None:
        """A change not typed into the form (a sign-off, a picture, a build): the form and
        everything that follows edits show it."""
        self._fields = self._folder.fields()
        self._rows = outline.rows(self._fields, self._current, self._folder)
        self.currentChanged.emit()
        self._after_edit("")

    @Slot(result=bool)
    def save(self) -> bool:
        try:
            self._folder.save()
        except OSError as exc:
            self.set_message(f"Not saved: {exc.strerror or exc}. Your changes are kept; try again.")
            return False
        self.set_message(f"Saved to {self._folder.root}.")
        self.dirtyChanged.emit()
        self.saved.emit()
        return True

    @Slot()
    def forgetUnsaved(self) -> None:
        """Staff chose to close without saving: the changes kept beside the folder go too."""
        discard_autosave(self._folder.root)

    def set_message(self, text: str) -> None:
        if text != self._message:
            self._message = text
            self.messageChanged.emit()

    @Slot(str, int, result=str)
    def fieldValue(self, path: str, _revision: int) -> str:
        """A field's value as the folder holds it now (for what is shown, not typed)."""
        try:
            return self._folder.get(path)
        except FieldError:
            return ""

    @Slot(str, int, result=str)
    def fileUrl(self, rel: str, _revision: int) -> str:
        """A file of the folder for an Image; "" when it is not on disk yet (added, unsaved)."""
        path = self._folder.root / rel
        return QUrl.fromLocalFile(str(path)).toString() if rel and path.is_file() else ""

    def describe(self, path: str) -> str:
        """Where a field is, in the words of the form: "Location: Maywood, Street address (es)"."""
        found = next((f for f in self._fields if f.path == path), None)
        if found is None:
            return path
        language = f" ({self.languageName(found.language)})" if found.language else ""
        return f"{found.group}, {found.label}{language}"

    @Slot(str, result=str)
    def languageName(self, code: str) -> str:
        """The language's own name, as the folder's labels give it, else its code."""
        return self.fieldValue(f"ui.{code}.language_name", 0) or code

    # -- properties ---------------------------------------------------------------------------
    def _get_entries(self) -> list[dict[str, Any]]:
        return self._entries

    def _get_current(self) -> str:
        return self._current

    def _get_rows(self) -> list[dict[str, Any]]:
        return self._rows

    def _get_dirty(self) -> bool:
        return self._folder.dirty

    def _get_untranslated(self) -> list[str]:
        return self._untranslated

    def _get_message(self) -> str:
        return self._message

    def _get_revision(self) -> int:
        return self._folder.revision

    def _get_title(self) -> str:
        return str(self._folder.root)

    def _get_languages(self) -> list[str]:
        return list(self._folder.languages)

    entries = Property(QVariantList, _get_entries, notify=entriesChanged)
    current = Property(str, _get_current, notify=currentChanged)
    rows = Property(QVariantList, _get_rows, notify=currentChanged)
    dirty = Property(bool, _get_dirty, notify=dirtyChanged)
    revision = Property(int, _get_revision, notify=dirtyChanged)
    untranslated = Property(QVariantList, _get_untranslated, notify=untranslatedChanged)
    message = Property(str, _get_message, notify=messageChanged)
    folderPath = Property(str, _get_title, constant=True)
    languages = Property(QVariantList, _get_languages, notify=entriesChanged)

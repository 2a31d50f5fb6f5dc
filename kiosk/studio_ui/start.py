"""`kiosk studio` without a folder: where to put a copy of the built-in content (a new folder
under the user's Documents unless they choose another), or which folder to open instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot

from kiosk.studio.autosave import discard_autosave, find_autosave, recover
from kiosk.studio.fields import FieldError
from kiosk.studio.folder import StudioFolder
from kiosk.ui.qml_types import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

FOLDER_NAME = "Kiosk content"


def default_folder() -> Path:
    """A folder under Documents that does not exist yet ("Kiosk content", "Kiosk content 2"...)."""
    import platformdirs  # deferred: only this start needs it

    documents = platformdirs.user_documents_path()
    candidate, number = documents / FOLDER_NAME, 1
    while candidate.exists():
        number += 1
        candidate = documents / f"{FOLDER_NAME} {number}"
    return candidate


def local_path(text: str) -> Path:
    """A path typed, or a file:// URL from a folder dialog."""
    return Path(QUrl(text).toLocalFile()) if text.startswith("file:") else Path(text).expanduser()


@QmlElement
@QmlUncreatable("made by the app")
class StudioStarter(QObject):
    opened = Signal(object)  # the StudioFolder to edit
    recoveryChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default = default_folder()
        self._kept: Path | None = None  # a folder with unsaved changes kept from last time
        self._recovery = ""

    def open_or_offer(self, root: Path) -> None:
        """Opens `root`, or first asks about the unsaved changes kept from last time."""
        kept = find_autosave(root)
        if kept is None:
            self.opened.emit(StudioFolder.open(root))
            return
        self._kept = root
        pages = f", {kept.pages} page(s) among them" if kept.pages else ""
        since = (
            " bundle.toml was changed since then: the kept version replaces it if you restore."
            if kept.folder_changed_since
            else ""
        )
        self._recovery = (
            f"Changes to {root} that were never saved were kept on "
            f"{kept.saved_at:%Y-%m-%d at %H:%M}{pages}.{since} Restore them?"
        )
        self.recoveryChanged.emit()

    @Slot(bool, result=str)
    def answerRecovery(self, restore: bool) -> str:
        """Restores the kept changes (unsaved until staff save) or forgets them."""
        assert self._kept is not None
        root = self._kept
        try:
            if restore:
                folder = recover(root)
            else:
                discard_autosave(root)
                folder = StudioFolder.open(root)
        except (FieldError, OSError) as exc:
            return str(exc)
        self.opened.emit(folder)
        return ""

    @Slot(str, result=str)
    def copyBuiltin(self, where: str) -> str:
        """Copies the built-in content to `where` and opens it; "" or why not, in plain words."""
        return self._open(StudioFolder.start_from_builtin, where)

    def _open(self, how: Callable[[Path], StudioFolder], where: str) -> str:
        if not where.strip():
            return "Choose a folder first."
        path = local_path(where.strip())
        try:
            folder = how(path)
        except (FieldError, OSError) as exc:
            return str(exc)
        self.opened.emit(folder)
        return ""

    @Slot(str, result=str)
    def openFolder(self, where: str) -> str:
        """Opens a folder edited before (asking about kept changes first, if any)."""
        if not where.strip():
            return "Choose a folder first."
        try:
            self.open_or_offer(local_path(where.strip()))
        except (FieldError, OSError) as exc:
            return str(exc)
        return ""

    @Slot(QUrl, result=str)
    def pathOf(self, url: QUrl) -> str:
        return url.toLocalFile()

    def _get_default(self) -> str:
        return str(self._default)

    def _get_recovery(self) -> str:
        return self._recovery

    defaultFolder = Property(str, _get_default, constant=True)
    recovery = Property(str, _get_recovery, notify=recoveryChanged)

"""What the studio does besides typing: a clinician's sign-off, an illustration added, the
review sheet, a build to a folder or USB stick, and publishing to the practice's kiosks.
Each says what happened, or why not, in plain words; a refusal changes nothing
(kiosk/studio does the work)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot

from kiosk.content.narration_keep import LEFT_OUT
from kiosk.content.problems import Problem
from kiosk.staff.drives import mounted_import_sources
from kiosk.studio.build import BuildError, build, fleet_repository, publish
from kiosk.studio.fields import FieldError
from kiosk.studio.illustrations import set_illustration
from kiosk.studio.signoff import review_sheet, sign_off
from kiosk.studio_ui.checks import StudioChecks
from kiosk.studio_ui.start import local_path
from kiosk.studio_ui.studio import Studio
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

LISTED_PROBLEMS = 8  # a refused build lists this many problems, then says how many more


@QmlElement
@QmlUncreatable("made by the app")
class StudioActions(QObject):
    resultChanged = Signal()

    def __init__(self, studio: Studio, checks: StudioChecks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._studio = studio
        self._checks = checks
        self._result = ""
        self._failed = False
        self._built: Path | None = None

    # -- review -------------------------------------------------------------------------------
    @Slot(str, str, str, result=str)
    def signOff(self, page_id: str, name: str, date: str) -> str:
        """Records `name` and `date` (YYYY-MM-DD) on one page, or on every page when `page_id`
        is ""; "" when done, else why not."""
        try:
            on = dt.date.fromisoformat(date.strip())
        except ValueError:
            return "Write the date as year-month-day, such as 2026-11-29."
        try:
            signed = sign_off(self._studio.folder, name, on, pages=[page_id] if page_id else None)
        except FieldError as refused:
            return str(refused)
        self._studio.changed_outside()
        pages = "this page" if page_id else f"every page ({len(signed)})"
        self._studio.set_message(
            f"Signed off {pages} by {name.strip()} on {on.isoformat()}. Save to keep it."
        )
        return ""

    @Slot(result=str)
    def writeReviewSheet(self) -> str:
        """The review sheet of the content as it is now, as a file beside the folder; its URL,
        or "" with the reason in the message line."""
        try:
            html = review_sheet(self._checks.core)
        except FieldError as refused:
            self._studio.set_message(str(refused))
            return ""
        root = self._studio.folder.root
        path = root.with_name(root.name + "-review-sheet.html")
        path.write_text(html, encoding="utf-8")
        return QUrl.fromLocalFile(str(path)).toString()

    @Slot(result=str)
    def today(self) -> str:
        return dt.date.today().isoformat()

    # -- illustrations ------------------------------------------------------------------------
    @Slot(str, QUrl, result=str)
    def replaceIllustration(self, path: str, file: QUrl) -> str:
        """Makes the chosen SVG or PNG file the page's picture; "" or why it was refused."""
        page_id = path.split(".")[1]
        try:
            set_illustration(self._studio.folder, page_id, Path(file.toLocalFile()))
        except FieldError as refused:
            return str(refused)
        self._studio.changed_outside()
        return ""

    # -- build and publish --------------------------------------------------------------------
    @Slot(str, str, bool)
    def build(self, target: str, key: str, release: bool) -> None:
        if not target.strip() or not key.strip():
            self._show("Choose the folder to build to and the signing key first.", failed=True)
            return
        try:
            built = build(
                self._studio.folder, local_path(key.strip()), local_path(target.strip()),
                release=release,
            )  # fmt: skip
        except BuildError as refused:
            self._show(_refusal(refused), failed=True)
            return
        self._built = built.path
        self._studio.changed_outside()
        kind = "release" if release else "draft"
        note = _narration_note(built.warnings)
        self._show(f"Built {built.path} (version {built.version}, {kind}).{note}", failed=False)

    @Slot(str)
    def publish(self, repository: str) -> None:
        if self._built is None:
            self._show("Build first: publishing offers the file you built.", failed=True)
            return
        try:
            offer = publish(self._built, local_path(repository.strip()))
        except BuildError as refused:
            self._show(str(refused), failed=True)
            return
        self._show(f"Published version {offer.version} to every kiosk of the practice.", False)

    @Slot(str, result=bool)
    def isRepository(self, folder: str) -> bool:
        return bool(folder.strip()) and fleet_repository(local_path(folder.strip())) is not None

    @Slot(QUrl, result=str)
    def pathOf(self, url: QUrl) -> str:
        return url.toLocalFile()

    def _show(self, text: str, failed: bool) -> None:
        self._result, self._failed = text, failed
        self.resultChanged.emit()

    def _get_targets(self) -> list[str]:
        import platformdirs  # deferred: only the build dialog needs it

        documents = str(platformdirs.user_documents_path())
        return [documents, *(str(source.folder) for source in mounted_import_sources())]

    def _get_result(self) -> str:
        return self._result

    def _get_failed(self) -> bool:
        return self._failed

    def _get_built(self) -> bool:
        return self._built is not None

    buildTargets = Property(QVariantList, _get_targets, constant=True)
    result = Property(str, _get_result, notify=resultChanged)
    failed = Property(bool, _get_failed, notify=resultChanged)
    hasBuilt = Property(bool, _get_built, notify=resultChanged)


def _refusal(refused: BuildError) -> str:
    """The reason, then the problems that caused it, as `kiosk bundle build` lists them."""
    lines = [str(refused)]
    lines += [f"- {problem}" for problem in refused.problems[:LISTED_PROBLEMS]]
    if len(refused.problems) > LISTED_PROBLEMS:
        lines.append(f"... and {len(refused.problems) - LISTED_PROBLEMS} more (see the list).")
    return "\n".join(lines) + "\nNothing was changed."


def _narration_note(warnings: Sequence[Problem]) -> str:
    """Pages whose read-aloud was left out because their text changed (narration_keep.py)."""
    left = sum(w.message == LEFT_OUT for w in warnings)
    if not left:
        return ""
    return (
        f" Read-aloud is left out for {left} page{'s' if left != 1 else ''} whose text changed:"
        " to make it anew, build with `kiosk bundle build` on a PC with espeak-ng."
    )

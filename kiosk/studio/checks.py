"""Live checks of the unsaved state: the same validation as `kiosk bundle validate`, by field.

API:
- `LiveChecks(folder, today=None)`; `run() -> CheckResult` validates the folder as a save would
  leave it with kiosk/content/validate.py itself (reading levels included), each problem mapped
  to the field it is about (`LiveProblem.path`, None when no field holds it), plus one problem
  per untranslated field; `CheckResult.reading` gives the reading level of every page in every
  language with its aim and its limit. A result is reused until the folder changes
  (`folder.revision`); the validator's parsers and scores are kept by text, so a keystroke
  re-checks one page.
- `snapshot_bundle() -> Bundle`: the unsaved state as the kiosk shows it, for the live preview,
  even while problems remain (kiosk/studio/snapshot.py).
- `synced_root()`: that private folder, up to date (the review sheet is printed from it).
- `close()` removes the private folder both read from (kiosk/studio/mirror.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import readability
from kiosk.content.bundle import Bundle
from kiosk.content.problems import Severity
from kiosk.content.validate import validate_folder
from kiosk.studio.folder import StudioFolder
from kiosk.studio.mirror import Mirror
from kiosk.studio.problem_paths import FieldFinder, where
from kiosk.studio.snapshot import SnapshotBuilder

UNTRANSLATED = "not translated yet: this language has no text here while another one has"


@dataclass(frozen=True)
class LiveProblem:
    severity: Severity
    path: str | None  # the field to jump to
    message: str
    where: str  # file and place, as `kiosk bundle validate` prints them


@dataclass(frozen=True)
class ReadingLevel:
    path: str  # page.<page-id>.<lang>
    page_id: str
    language: str
    metric: str  # "Flesch-Kincaid grade", "Fernández Huerta", ...
    value: float
    expected: str  # the aim in words: "grade 6 or lower"
    level: str  # "ok", "warning" (past the aim) or "error" (refused)
    limit: str  # past what a build refuses the page, in words ("" when it never does)


# Where validation turns a score into an error (kiosk/content/readability.py).
_LIMITS = {
    "Flesch-Kincaid grade": f"a page above grade {readability.EN_GRADE_ERROR:g} is refused",
    "Fernández Huerta": f"a page below {readability.ES_HUERTA_ERROR:g} is refused",
}


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[LiveProblem, ...]
    reading: tuple[ReadingLevel, ...]

    @property
    def errors(self) -> tuple[LiveProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_path(self, path: str) -> tuple[LiveProblem, ...]:
        return tuple(p for p in self.problems if p.path == path)


class LiveChecks:
    def __init__(self, folder: StudioFolder, *, today: dt.date | None = None) -> None:
        self.folder = folder
        self.today = today
        self._mirror = Mirror()
        self._snapshots = SnapshotBuilder(folder)
        self._result: tuple[int, CheckResult] | None = None
        self._synced_revision = -1

    def _synced(self) -> None:
        if self._synced_revision != self.folder.revision:
            self._mirror.sync(self.folder.files())
            self._synced_revision = self.folder.revision

    def run(self) -> CheckResult:
        revision = self.folder.revision
        if self._result is not None and self._result[0] == revision:
            return self._result[1]
        self._synced()
        _, found = validate_folder(self._mirror.root, today=self.today or dt.date.today())
        finder = FieldFinder(self.folder)
        untranslated = self.folder.untranslated()
        problems = [
            LiveProblem(p.severity, path, p.message, where(p))
            for p in found.items
            if (path := finder.path(p)) not in untranslated
        ]
        problems += [LiveProblem("error", path, UNTRANSLATED, path) for path in untranslated]
        result = CheckResult(tuple(problems), self._reading())
        self._result = (revision, result)
        return result

    def _reading(self) -> tuple[ReadingLevel, ...]:
        return tuple(
            ReadingLevel(
                f"page.{page_id}.{lang}",
                page_id,
                lang,
                score.metric,
                score.value,
                score.expected,
                score.level,
                _LIMITS.get(score.metric, ""),
            )
            for page_id in self.folder.page_ids()
            for lang in self.folder.languages
            for score in readability.scores(self.folder.page_text(page_id, lang), lang)
        )

    def snapshot_bundle(self) -> Bundle:
        return self._snapshots.build(self.synced_root())

    def synced_root(self) -> Path:
        """A folder holding the unsaved state as a save would leave it (valid until close)."""
        self._synced()
        return self._mirror.root

    def close(self) -> None:
        self._mirror.close()

"""Staff mode's "Usage" section: page views of the last 7 or 30 days as a bar chart, the
most-read pages, the languages used, and the CSV export to a drive or the import folder.

Every number comes from kiosk/usage/store.py, which has already turned counts below 5 into
"fewer than 5". The export runs on a thread of its own (a slow stick never freezes the panel).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList
from kiosk.usage.store import (
    IDLE_RESET,
    PAGE_VIEW,
    THRESHOLD,
    connect,
    daily_totals,
    shown_text,
    totals_by,
)

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

PERIODS = (7, 30)
TOP_PAGES = 8
Target = tuple[Path, str]  # a folder and its name for staff ("drive KINGSTON")


@QmlElement
@QmlUncreatable("made by the app")
class UsageSection(QObject):
    changed = Signal()
    messageChanged = Signal()
    exported = Signal(str, str)  # message, kind (from the export thread; queued to this one)

    def __init__(
        self,
        database: Path,
        *,
        titles: Callable[[str], str],
        language_names: Callable[[str], str],
        targets: Callable[[], list[Target]],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._titles = titles
        self._language_names = language_names
        self._targets = targets
        self._today = today
        self._period = PERIODS[0]
        self._bars: list[dict[str, Any]] = []
        self._pages: list[dict[str, str]] = []
        self._languages: list[dict[str, str]] = []
        self._visits = ""
        self._found: list[Target] = []
        self._message = ""
        self._message_kind = ""
        self._exporting = False
        self.exported.connect(self._exported)

    @Slot()
    def refresh(self) -> None:
        self._found = self._targets()
        try:
            self._read()
        except sqlite3.Error as exc:
            self._bars, self._pages, self._languages, self._visits = [], [], [], ""
            self._say(f"The usage counts could not be read ({exc}).", "problem")
        self.changed.emit()

    @Slot(int)
    def setPeriod(self, days: int) -> None:
        if days in PERIODS and days != self._period:
            self._period = days
            self.refresh()

    def _read(self) -> None:
        if not self._database.is_file():
            self._bars, self._pages, self._languages, self._visits = [], [], [], ""
            return
        db = connect(self._database)
        try:
            last = self._today()
            days = daily_totals(db, PAGE_VIEW, last, self._period)
            pages = totals_by(db, "page", PAGE_VIEW, last, self._period)[:TOP_PAGES]
            languages = totals_by(db, "language", PAGE_VIEW, last, self._period)
            visits = sum(n or 0 for _, n in daily_totals(db, IDLE_RESET, last, self._period))
        finally:
            db.close()
        top = max((n or 0 for _, n in days), default=0) or THRESHOLD
        self._bars = [
            {
                "label": day.strftime("%a %d") if self._period == 7 else day.strftime("%d"),
                "date": day.isoformat(),
                "text": "" if n == 0 else shown_text(n),
                "fewer": n is None,
                # "fewer than 5" has no exact height: a short hatched bar stands for it.
                "fraction": (n or 0) / top if n is not None else min(1.0, (THRESHOLD - 1) / top),
            }
            for day, n in days
        ]
        self._pages = [{"name": self._titles(page), "text": shown_text(n)} for page, n in pages]
        self._languages = [
            {"name": self._language_names(code), "text": shown_text(n)} for code, n in languages
        ]
        self._visits = shown_text(visits if visits >= THRESHOLD else None)

    @Slot(int)
    def exportTo(self, index: int) -> None:
        if self._exporting or not 0 <= index < len(self._found):
            return
        folder, label = self._found[index]
        out = folder / f"kiosk-usage-{self._today().isoformat()}.csv"
        self._exporting = True
        self._say(f"Writing the counts to {label}…", "")
        self.changed.emit()
        threading.Thread(target=self._export, args=(out, label), daemon=True).start()

    def _export(self, out: Path, label: str) -> None:
        from kiosk.usage.export import export_csv  # deferred: `csv` costs every start ~15 ms

        try:
            rows = export_csv(self._database, out)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.exported.emit(f"The counts could not be written to {label} ({reason}).", "problem")
            return
        self.exported.emit(f"Wrote {rows} rows to {out.name} on {label}.", "ok")

    @Slot(str, str)
    def _exported(self, message: str, kind: str) -> None:
        self._exporting = False
        self._say(message, kind)
        self.changed.emit()

    def _say(self, message: str, kind: str) -> None:
        self._message, self._message_kind = message, kind
        self.messageChanged.emit()

    # -- QML --------------------------------------------------------------------------------
    def _get_period(self) -> int:
        return self._period

    def _get_bars(self) -> list[dict[str, Any]]:
        return self._bars

    def _get_pages(self) -> list[dict[str, str]]:
        return self._pages

    def _get_languages(self) -> list[dict[str, str]]:
        return self._languages

    def _get_visits(self) -> str:
        return self._visits

    def _get_has_counts(self) -> bool:
        return bool(self._bars)

    def _get_targets(self) -> list[str]:
        return [label for _, label in self._found]

    def _get_exporting(self) -> bool:
        return self._exporting

    def _get_message(self) -> str:
        return self._message

    def _get_message_kind(self) -> str:
        return self._message_kind

    period = Property(int, _get_period, notify=changed)
    bars = Property(QVariantList, _get_bars, notify=changed)
    pages = Property(QVariantList, _get_pages, notify=changed)
    languages = Property(QVariantList, _get_languages, notify=changed)
    visits = Property(str, _get_visits, notify=changed)
    hasCounts = Property(bool, _get_has_counts, notify=changed)
    targets = Property(QVariantList, _get_targets, notify=changed)
    exporting = Property(bool, _get_exporting, notify=changed)
    message = Property(str, _get_message, notify=messageChanged)
    messageKind = Property(str, _get_message_kind, notify=messageChanged)

"""The bundle's pages for QML: home tiles as list models, each page's text per language."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import count
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QUrl,
    Signal,
    Slot,
)

from kiosk.content.bundle import (
    Blocks,
    Bundle,
    Callout,
    ContentPage,
    Heading,
    ListBlock,
    Paragraph,
    Spans,
)
from kiosk.content.narration_units import plain
from kiosk.content.spans import spans_markup
from kiosk.ui.qml_types import QmlElement, QmlUncreatable
from kiosk.ui.qt_values import DISPLAY_ROLE, USER_ROLE

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

Index = QModelIndex | QPersistentModelIndex


def file_url(path: Path) -> str:
    return QUrl.fromLocalFile(str(path)).toString()


# Space before a row, in font heights: between paragraphs, and between the items of a tight list.
PARAGRAPH_GAP = 0.7
ITEM_GAP = 0.3


def styled(spans: Spans) -> str:
    """The app's own formatting of parsed spans for Text.StyledText. Every character from the
    bundle is escaped, so no markup it contains can reach Qt's rich-text engine."""
    return spans_markup(spans, emphasis="i", strong="b")


class Units:
    """Numbers a page's readable units in reading order, as narration's cues do
    (kiosk/content/narration_units.py `page_units`): a row without words is no unit (-1), and
    neither is anything numbered by Units(None) (the disclaimer has narration of its own)."""

    def __init__(self, first: int | None = 0) -> None:
        self._next = count(first) if first is not None else None

    def take(self, words: str) -> int:
        return next(self._next) if self._next is not None and words.strip() else -1


def _row(
    units: Units, style: str, depth: int, spans: Spans, gap: float, marker: str = ""
) -> dict[str, Any]:
    return {
        "unit": units.take(plain(spans)),  # the narration unit: highlighted while it is read
        # Paragraphs.qml picks the delegate by kind: only a list item draws a bullet or a number
        "kind": "text" if not marker else "bullet" if marker == "bullet" else "number",
        "style": style,  # "p", "h" or "item"
        "depth": depth,  # indentation, in list levels
        "marker": marker,  # "" (none), "bullet" or a number such as "3."
        "gap": gap,
        "text": styled(spans),
    }


def _list_rows(
    units: Units, block: ListBlock, depth: int, first_gap: float
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    between = PARAGRAPH_GAP if block.loose else ITEM_GAP
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}." if block.ordered else "bullet"
        gap = first_gap if not rows else between
        head, rest = (
            (item[0], item[1:]) if item and isinstance(item[0], Paragraph) else (None, item)
        )
        rows.append(_row(units, "item", depth, head.spans if head else (), gap, marker))
        rows += _rows(units, rest, depth + 1, between)
    return rows


def _rows(units: Units, blocks: Blocks, depth: int, gap: float) -> list[dict[str, Any]]:
    """Blocks as the rows Paragraphs.qml draws: lists flattened, nesting kept as indentation."""
    rows: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            rows.append(_row(units, "p", depth, block.spans, gap))
        elif isinstance(block, Heading):
            rows.append(_row(units, "h", depth, block.spans, gap))
        elif isinstance(block, ListBlock):
            rows += _list_rows(units, block, depth, gap)
        gap = PARAGRAPH_GAP if depth == 0 else gap
    return rows


def blocks(
    page_blocks: Blocks, ui: Mapping[str, str], units: Units | None = None
) -> list[dict[str, Any]]:
    """A page's blocks for Paragraphs.qml: text rows, and callouts holding their own rows."""
    units = units or Units(None)
    out: list[dict[str, Any]] = []
    for block in page_blocks:
        gap = PARAGRAPH_GAP if out else 0.0
        if isinstance(block, Callout):
            label = ui[f"callout_{block.level}"]
            out.append(
                {
                    "kind": "callout",
                    "level": block.level,
                    "label": label,
                    "unit": units.take(label),
                    "gap": gap,
                    "rows": _rows(units, block.blocks, 0, 0.0),
                }
            )
        else:
            row = _rows(units, (block,), 0, gap)
            out += row
    return out


@QmlElement
@QmlUncreatable("made by the app")
class TileModel(QAbstractListModel):
    """One group of pages (about or treatments) as home-screen tiles, in the current language."""

    countChanged = Signal()

    PageIdRole = USER_ROLE + 1
    TitleRole = USER_ROLE + 2
    IllustrationRole = USER_ROLE + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: tuple[ContentPage, ...] = ()
        self._language = ""

    def set_pages(self, pages: tuple[ContentPage, ...], language: str) -> None:
        if language == self._language and _tiles(pages) == _tiles(self._pages):
            self._pages = pages  # the same tiles (an edit elsewhere): nothing to rebuild
            return
        self.beginResetModel()
        self._pages, self._language = pages, language
        self.endResetModel()
        self.countChanged.emit()

    def set_language(self, language: str) -> None:
        if language != self._language:
            self._language = language
            if self._pages:
                self.dataChanged.emit(
                    self.index(0), self.index(len(self._pages) - 1), [self.TitleRole]
                )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        page = self._pages[index.row()]
        if role == self.PageIdRole:
            return page.id
        if role in (self.TitleRole, DISPLAY_ROLE):
            return page.text[self._language].title
        if role == self.IllustrationRole:
            return file_url(page.illustration)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {
            self.PageIdRole: QByteArray(b"pageId"),
            self.TitleRole: QByteArray(b"title"),
            self.IllustrationRole: QByteArray(b"illustration"),
        }

    def _get_count(self) -> int:
        return len(self._pages)

    count = Property(int, _get_count, notify=countChanged)


def _tiles(pages: tuple[ContentPage, ...]) -> list[tuple[str, Path, dict[str, str]]]:
    """What a tile shows of each page: its id, its picture and its title in every language."""
    return [
        (page.id, page.illustration, {lang: text.title for lang, text in page.text.items()})
        for page in pages
    ]


@QmlElement
@QmlUncreatable("made by the app")
class Content(QObject):
    """Everything the bundle says, for the current bundle; `revision` goes up when it changes."""

    revisionChanged = Signal()

    def __init__(self, bundle: Bundle, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bundle = bundle
        self._language = language
        self._revision = 0
        self._about = TileModel(self)
        self._treatments = TileModel(self)
        self._fill()

    def _fill(self) -> None:
        self._about.set_pages(self._bundle.about, self._language)
        self._treatments.set_pages(self._bundle.treatments, self._language)

    def set_bundle(self, bundle: Bundle, language: str) -> None:
        self._bundle, self._language = bundle, language
        self._fill()
        self._revision += 1
        self.revisionChanged.emit()

    def set_language(self, language: str) -> None:
        self._language = language
        self._about.set_language(language)
        self._treatments.set_language(language)

    @Slot(str, str, int, result="QVariantMap")
    def page(self, page_id: str, language: str, revision: int = 0) -> dict[str, Any]:
        """One page in one language; `revision` only makes QML bindings re-evaluate."""
        del revision
        bundle = self._bundle
        page = next((p for p in bundle.pages if p.id == page_id), None)
        if page is None or language not in bundle.languages:
            return {}
        text = page.text[language]
        ui = bundle.ui(language)
        questions = ui["section_questions"]
        group = bundle.about if page.kind == "about" else bundle.treatments
        index = [p.id for p in group].index(page.id)
        # Previous/Next run through About and then the treatments, as AppState.neighbours does.
        run = [*bundle.about, *bundle.treatments]
        at = run.index(page)
        previous = run[at - 1] if at > 0 else None
        following = run[at + 1] if at + 1 < len(run) else None
        disclaimer = bundle.disclaimer.get(language)
        units = Units()
        title_unit = units.take(text.title)
        summary = blocks(text.summary, ui, units)
        sections = [
            {
                "headingUnit": units.take(s.heading),
                "heading": s.heading,
                "blocks": blocks(s.blocks, ui, units),
                "questions": s.heading == questions,
            }
            for s in text.sections
        ]
        return {
            "id": page.id,
            "kind": page.kind,
            "title": text.title,
            "titleUnit": title_unit,
            "summary": summary,
            "illustration": file_url(page.illustration),
            "sections": sections,
            "hasQuestions": any(s["questions"] for s in sections),
            "disclaimerTitle": disclaimer.title if disclaimer else "",
            "disclaimer": blocks(disclaimer.blocks, ui) if disclaimer else [],
            "previousId": previous.id if previous else "",
            "previousTitle": previous.text[language].title if previous else "",
            "nextId": following.id if following else "",
            "nextTitle": following.text[language].title if following else "",
            "position": index + 1,
            "count": len(group),
        }

    @Slot(str, int, result=str)
    def longestTileWord(self, language: str, revision: int = 0) -> str:
        """The longest word of any home tile's title: tiles are never narrower than it."""
        del revision
        if language not in self._bundle.languages:
            return ""
        titles = [p.text[language].title for p in self._bundle.pages]
        titles.append(self._bundle.ui(language)["find_location"])
        return max((w for t in titles for w in t.split()), key=len, default="")

    @Slot(str, result=str)
    def pageTitle(self, page_id: str) -> str:
        page = next((p for p in self._bundle.pages if p.id == page_id), None)
        return page.text[self._language].title if page else ""

    def _get_revision(self) -> int:
        return self._revision

    def _get_about(self) -> TileModel:
        return self._about

    def _get_treatments(self) -> TileModel:
        return self._treatments

    def _get_locations_illustration(self) -> str:
        return file_url(self._bundle.root / self._bundle.locations_illustration)

    def _get_organization(self) -> str:
        return self._bundle.organization.name

    def _get_website(self) -> str:
        return self._bundle.organization.website

    revision = Property(int, _get_revision, notify=revisionChanged)
    aboutTiles = Property(TileModel, _get_about, constant=True)
    treatmentTiles = Property(TileModel, _get_treatments, constant=True)
    locationsIllustration = Property(str, _get_locations_illustration, notify=revisionChanged)
    organization = Property(str, _get_organization, notify=revisionChanged)
    website = Property(str, _get_website, notify=revisionChanged)

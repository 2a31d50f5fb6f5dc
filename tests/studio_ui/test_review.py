"""A clinician's sign-off through the real studio window, and the review sheet it reaches."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp
from tests.studio_ui.helpers import click, find, select_all_and_delete, type_into, type_text

NAME = "Dana Reyes, PT, DPT"


class Opened(QObject):
    """What the studio asked the desktop to open (a browser is not started in tests)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Iterator[Opened]:
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def reviews(studio: StudioApp) -> dict[str, dict[str, object]]:
    manifest = tomllib.loads((studio.studio.folder.root / "bundle.toml").read_text("utf-8"))
    pages = [*manifest["about"], *manifest["treatments"], manifest["disclaimer"]]
    return {page.get("id", "disclaimer"): page.get("review", {}) for page in pages}


def save(qtbot: QtBot, studio: StudioApp) -> None:
    click(qtbot, studio, "saveButton")
    qtbot.waitUntil(lambda: not studio.studio.dirty)


def test_a_sign_off_on_one_page_reaches_bundle_toml(qtbot: QtBot, studio: StudioApp) -> None:
    click(qtbot, studio, "outline-page:botox")
    click(qtbot, studio, "signOff-review.botox")
    qtbot.waitUntil(lambda: find(studio, "signoffRecord").isVisible())
    type_into(qtbot, studio, "signoffName", NAME)
    click(qtbot, studio, "signoffRecord")
    shown = find(studio, "reviewText-review.botox")
    qtbot.waitUntil(lambda: NAME in shown.property("text"))
    save(qtbot, studio)
    found = reviews(studio)
    assert found["botox"]["by"] == NAME
    assert found["botox"]["on"] == dt.date.today()
    assert found["surgery"] == {}  # only the page signed


def test_signing_every_page_after_reading_the_review_sheet(
    qtbot: QtBot, studio: StudioApp, opened: Opened
) -> None:
    click(qtbot, studio, "signOffAllButton")
    record = find(studio, "signoffRecord")
    qtbot.waitUntil(record.isVisible)
    assert not record.isEnabled()  # the sheet must be read first
    click(qtbot, studio, "openReviewSheet")
    qtbot.waitUntil(lambda: len(opened.urls) == 1)
    click(qtbot, studio, "signoffRead")
    type_into(qtbot, studio, "signoffName", NAME)
    click(qtbot, studio, "signoffRecord")
    qtbot.waitUntil(lambda: not record.isVisible())
    save(qtbot, studio)
    assert all(review.get("by") == NAME for review in reviews(studio).values())
    opened.urls.clear()
    click(qtbot, studio, "signOffAllButton")
    click(qtbot, studio, "openReviewSheet")
    qtbot.waitUntil(lambda: len(opened.urls) == 1)
    sheet = opened.urls[0].toLocalFile()
    with open(sheet, encoding="utf-8") as file:
        assert NAME in file.read()


def test_a_sign_off_dated_in_the_future_is_refused_in_words(
    qtbot: QtBot, studio: StudioApp
) -> None:
    click(qtbot, studio, "outline-page:botox")
    click(qtbot, studio, "signOff-review.botox")
    type_into(qtbot, studio, "signoffName", NAME)
    click(qtbot, studio, "signoffDate")
    select_all_and_delete(studio)
    type_text(studio, (dt.date.today() + dt.timedelta(days=3)).isoformat())
    click(qtbot, studio, "signoffRecord")
    problem = find(studio, "signoffProblem")
    qtbot.waitUntil(problem.isVisible)
    assert "future" in problem.property("text")
    assert reviews(studio)["botox"] == {}

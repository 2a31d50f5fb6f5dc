"""Fixtures for the studio window: a real studio on a copy of the built-in bundle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.studio import StudioApp, build_studio
from kiosk.studio.folder import StudioFolder
from tests.ui.conftest import clock, default_bundle, make_kiosk

__all__ = ["clock", "default_bundle", "make_kiosk"]  # a real kiosk shows what the studio built

StudioFactory = Callable[..., StudioApp]


@pytest.fixture
def make_studio(qapp: object, qtbot: QtBot, tmp_path: Path) -> Iterator[StudioFactory]:
    made: list[StudioApp] = []

    def factory(folder: Path | None = None) -> StudioApp:
        if folder is None:
            folder = tmp_path / "clinic"
            opened = StudioFolder.start_from_builtin(folder)
        else:
            opened = StudioFolder.open(folder)
        studio = build_studio(opened)
        made.append(studio)
        qtbot.waitExposed(studio.window)
        assert studio.qml_warnings == []
        return studio

    yield factory
    for studio in made:
        studio.close()


@pytest.fixture
def studio(make_studio: StudioFactory) -> StudioApp:
    return make_studio()

"""Fixtures for the studio's core: a copy of the built-in bundle opened in the studio."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.studio.folder import StudioFolder


@pytest.fixture
def studio(tmp_path: Path) -> StudioFolder:
    return StudioFolder.start_from_builtin(tmp_path / "clinic")

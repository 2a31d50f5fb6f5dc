from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk, build_kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend
from tests.ui.helpers import FakeClock, close_kiosks

KioskFactory = Callable[..., Kiosk]


@pytest.fixture(scope="session")
def default_bundle() -> Bundle:
    return load_folder(default_bundle_dir())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(
    qapp: object, qtbot: QtBot, clock: FakeClock, default_bundle: Bundle
) -> Iterator[KioskFactory]:
    """Builds real kiosks (idle off unless asked), and tears each one down after the test."""
    made: list[Kiosk] = []

    def factory(
        *,
        size: tuple[int, int] = (1920, 1080),
        settings: UiSettings | None = None,
        **kwargs: object,
    ) -> Kiosk:
        kwargs.setdefault("bundle", default_bundle)
        kwargs.setdefault("audio", AudioBackend.NULL)  # narration plays silently, at real speed
        kiosk = build_kiosk(
            settings=settings or UiSettings(idle_seconds=3600, warning_seconds=60),
            size=size,
            clock=clock,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append(kiosk)
        qtbot.waitExposed(kiosk.window)

        def laid_out() -> None:  # the window's content follows its size a few events later
            content = kiosk.window.contentItem()
            assert (content.width(), content.height()) == (
                kiosk.window.width(),
                kiosk.window.height(),
            )

        qtbot.waitUntil(laid_out, timeout=3000)
        return kiosk

    yield factory
    close_kiosks(made)


@pytest.fixture
def kiosk(make_kiosk: KioskFactory) -> Kiosk:
    return make_kiosk()

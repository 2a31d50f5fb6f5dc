"""Fixtures for staff mode: a data folder with a trusted key and a PIN, a folder standing in for
the USB drive, signed bundles built on the spot, and real kiosks built on that data folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk, build_kiosk
from kiosk.content.authoring import build_bundle
from kiosk.content.signing import generate_keypair, load_private_key
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend
from kiosk.staff.service import Staff
from tests.content.bundle_factory import write_bundle
from tests.ui.helpers import FakeClock, close_kiosks

PIN = "2468"  # the staff PIN of every test kiosk
BUILTIN_ID = "town-pt-clonus"  # resources/bundle, version 1

StaffKioskFactory = Callable[..., Kiosk]
MakeBundle = Callable[..., Path]


@dataclass(frozen=True)
class Keys:
    private: Path
    public: Path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """The import folder: stands in for a USB drive."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def clinic_keys(tmp_path: Path) -> Keys:
    private, public = generate_keypair(tmp_path / "keys", "clinic")
    return Keys(private, public)


@pytest.fixture
def stranger_keys(tmp_path: Path) -> Keys:
    private, public = generate_keypair(tmp_path / "keys", "stranger")
    return Keys(private, public)


@pytest.fixture
def staff(data_dir: Path, clinic_keys: Keys) -> Staff:
    """The kiosk's store as `kiosk keys trust` and `kiosk staff set-pin` leave it."""
    staff = Staff.open(data_dir)
    staff.trust_key(clinic_keys.public)
    staff.set_pin(PIN)
    return staff


@pytest.fixture
def make_bundle(tmp_path: Path, usb: Path, clinic_keys: Keys) -> MakeBundle:
    """make_bundle(version, key=..., name=...) -> a signed .kbundle in the USB folder."""
    counter = iter(range(1000))

    def make(
        version: int,
        *,
        bundle_id: str = BUILTIN_ID,
        key: Keys | None = None,
        name: str | None = None,
        folder: Path | None = None,
    ) -> Path:
        n = next(counter)
        src = write_bundle(
            tmp_path / "src" / str(n),
            bundle_id=bundle_id,
            version=version,
            languages=("en", "es"),
        )
        out = (folder or usb) / (name or f"{bundle_id}-v{version}.kbundle")
        out.parent.mkdir(parents=True, exist_ok=True)
        signer = load_private_key((key or clinic_keys).private)
        build_bundle(src, signer, out, readability_checks=False)
        return out

    return make


@pytest.fixture
def make_staff_kiosk(
    qapp: object, qtbot: QtBot, clock: FakeClock, data_dir: Path, usb: Path, staff: Staff
) -> Iterator[StaffKioskFactory]:
    """Real kiosks on the test data folder; drives are not scanned (the USB folder is the
    import folder); exits are recorded in `kiosk.exits` instead of leaving the event loop."""
    made: list[Kiosk] = []

    def factory(
        *,
        size: tuple[int, int] = (1920, 1080),
        settings: UiSettings | str | None = "quiet",
        **kwargs: object,
    ) -> Kiosk:
        chosen = (
            UiSettings(idle_seconds=3600, warning_seconds=60) if settings == "quiet" else settings
        )
        assert chosen is None or isinstance(chosen, UiSettings)
        kwargs.setdefault("audio", AudioBackend.NULL)  # narration plays silently, at real speed
        kiosk = build_kiosk(
            settings=chosen,
            data_dir=data_dir,
            import_dir=usb,
            size=size,
            clock=clock,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append(kiosk)
        exits: list[int] = []
        sections = kiosk.staff_panel.sections
        assert sections is not None
        sections.importer.set_drive_scanner(list)
        sections.exit.set_exit_function(exits.append)
        kiosk.exits = exits  # type: ignore[attr-defined]
        qtbot.waitExposed(kiosk.window)
        return kiosk

    yield factory
    close_kiosks(made)


@pytest.fixture
def kiosk(make_staff_kiosk: StaffKioskFactory) -> Kiosk:
    return make_staff_kiosk()

"""The hidden entry and the PIN pad: five taps in the corner, digits shown as dots, wrong PINs
refused with a plain message, the backoff shown plainly and kept across a restart."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.wiring import Kiosk
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend
from kiosk.staff.pin import PIN_NAME
from kiosk.staff.service import Staff
from tests.staff_ui.conftest import PIN, StaffKioskFactory
from tests.staff_ui.helpers import (
    all_texts,
    described,
    item,
    open_pin_pad,
    press,
    shown,
    text,
    type_pin,
)
from tests.ui.helpers import FakeClock, settle, tap


def every_file_text(folder: Path) -> str:
    """Every file the kiosk wrote, but the store's ready copies: those hold only the bundle's
    text and its files' SHA-256 digests, where four digits in a row turn up by chance."""
    ready = folder / "store" / "ready"
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for p in folder.rglob("*")
        if p.is_file() and ready not in p.parents
    )


def test_hidden_entry_wrong_pin_then_right_pin(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, data_dir: Path
) -> None:
    assert not shown(kiosk, "staffPinPad")
    open_pin_pad(qtbot, kiosk, clock)

    # Dots, never digits; Erase takes the last one; OK waits for four digits.
    for digit in "13":
        press(qtbot, kiosk, clock, f"pinKey-{digit}")
    assert item(kiosk, "staffPinDots").property("filled") == 2
    assert not item(kiosk, "pinOk").isEnabled()
    press(qtbot, kiosk, clock, "pinErase")
    assert item(kiosk, "staffPinDots").property("filled") == 1
    press(qtbot, kiosk, clock, "pinErase")
    assert not any("13" in t for t in all_texts(kiosk))

    assert type_pin(qtbot, kiosk, clock, "1357") == "wrong"
    assert text(kiosk, "staffPinMessage") == "That PIN is not right. Try again."
    assert item(kiosk, "staffPinDots").property("filled") == 0
    assert shown(kiosk, "staffPinPad") and not shown(kiosk, "staffPanel")

    assert type_pin(qtbot, kiosk, clock, PIN) == "ok"
    qtbot.waitUntil(lambda: shown(kiosk, "staffPanel"), timeout=3000)
    assert not shown(kiosk, "staffPinPad")
    described(qtbot, kiosk)
    assert text(kiosk, "staffActiveTitle") == "Town Physical Therapy"
    assert text(kiosk, "staffActiveVersion").startswith("Version 1 of town-pt-clonus")
    assert "built-in" in text(kiosk, "staffActiveSource")

    # The PIN is nowhere: not on screen, not in any file of the data folder.
    assert not any(PIN in t or "1357" in t for t in all_texts(kiosk))
    assert PIN not in every_file_text(data_dir) and "1357" not in every_file_text(data_dir)
    actions = [e.action for e in Staff.open(data_dir).recent_log()]
    assert actions[:2] == ["staff-enter", "pin-failure"]


def test_cancel_leaves_the_patient_where_they_were(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    tap(kiosk, item(kiosk, "attractScreen"), clock)
    settle(qtbot, kiosk)
    assert kiosk.idle.property("active")
    open_pin_pad(qtbot, kiosk, clock)
    assert not kiosk.idle.property("active")  # the patient idle time waits under staff mode
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    assert kiosk.state.property("screen") == "home"
    assert kiosk.idle.property("active")


def test_backoff_is_shown_plainly_and_survives_a_restart(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock
) -> None:
    kiosk = make_staff_kiosk()
    open_pin_pad(qtbot, kiosk, clock)
    for _ in range(4):
        assert type_pin(qtbot, kiosk, clock, "9999") == "wrong"
    assert type_pin(qtbot, kiosk, clock, "9999") == "wrong"
    message = text(kiosk, "staffPinMessage")
    assert message == "That PIN is not right. Too many tries. Try again in 30 seconds."
    assert not item(kiosk, "pinKey-1").isEnabled() and not item(kiosk, "pinOk").isEnabled()
    press(qtbot, kiosk, clock, "pinCancel")

    # A new start of the app on the same data folder: the pad says so at once.
    again = make_staff_kiosk()
    open_pin_pad(qtbot, again, clock)
    message = text(again, "staffPinMessage")
    assert message.startswith("Too many tries. Try again in ") and message.endswith(" seconds.")
    assert not item(again, "pinKey-2").isEnabled()


def test_a_reset_of_the_patient_app_closes_the_pad(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    open_pin_pad(qtbot, kiosk, clock)
    kiosk.state.reset()
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    assert kiosk.staff_panel.property("mode") == "closed"


def where_the_patient_is(kiosk: Kiosk) -> tuple[object, ...]:
    state = kiosk.state
    return (state.property("attract"), state.screen, state.routeId, state.depth, state.language)


def start_in_spanish(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    with qtbot.waitSignal(kiosk.state.navigated):
        tap(kiosk, item(kiosk, "attract-lang-es"), clock)
    settle(qtbot, kiosk)


def test_an_abandoned_pad_leaves_the_patient_where_they_were(
    qtbot: QtBot, kiosk: Kiosk, clock: FakeClock
) -> None:
    kiosk.staff_panel.set_idle_seconds(panel=5.0, pin=0.3)
    start_in_spanish(qtbot, kiosk, clock)
    open_pin_pad(qtbot, kiosk, clock)
    before = where_the_patient_is(kiosk)
    assert before[0] is False  # a patient session, not the start screen
    with qtbot.waitSignal(kiosk.staff_panel.leftByIdle, timeout=3000):
        pass
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)
    assert where_the_patient_is(kiosk) == before
    assert kiosk.idle.property("active") and not kiosk.idle.property("warningVisible")
    assert not shown(kiosk, "idleDialog")


def test_an_abandoned_pad_asks_if_the_patient_is_still_there_when_that_is_due(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock
) -> None:
    # The pad sits untouched as long as the patient's own idle time: the usual question shows
    # (and its countdown), the screen behind it is still the patient's.
    kiosk = make_staff_kiosk(settings=UiSettings(idle_seconds=1.0, warning_seconds=60))
    kiosk.staff_panel.set_idle_seconds(panel=5.0, pin=1.0)
    start_in_spanish(qtbot, kiosk, clock)
    open_pin_pad(qtbot, kiosk, clock)
    before = where_the_patient_is(kiosk)
    with qtbot.waitSignal(kiosk.staff_panel.leftByIdle, timeout=5000):
        pass
    qtbot.waitUntil(lambda: shown(kiosk, "idleDialog"), timeout=3000)
    assert not shown(kiosk, "staffPinPad")
    assert where_the_patient_is(kiosk) == before
    kiosk.idle.stop()


def test_the_pad_speaks_the_patients_language(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock) -> None:
    start_in_spanish(qtbot, kiosk, clock)
    open_pin_pad(qtbot, kiosk, clock)
    assert text(kiosk, "staffPinTitle") == "PIN del personal"
    assert text(kiosk, "staffPinMessage") == "Escriba el PIN del personal y toque Aceptar."
    assert [text(kiosk, n) for n in ("pinErase", "pinOk", "pinCancel")] == [
        "Borrar",
        "Aceptar",
        "Cancelar",
    ]
    assert type_pin(qtbot, kiosk, clock, "1357") == "wrong"
    assert text(kiosk, "staffPinMessage") == "Ese PIN no es correcto. Inténtelo otra vez."
    assert not any("PIN is" in t or "Staff" in t for t in all_texts(kiosk))
    press(qtbot, kiosk, clock, "pinCancel")
    qtbot.waitUntil(lambda: not shown(kiosk, "staffPinPad"), timeout=3000)

    tap(kiosk, item(kiosk, "lang-en"), clock)  # the patient switches back: so does the pad
    qtbot.waitUntil(lambda: kiosk.state.language == "en", timeout=3000)
    open_pin_pad(qtbot, kiosk, clock)
    assert text(kiosk, "staffPinTitle") == "Staff PIN"
    assert text(kiosk, "staffPinMessage") == "Type the staff PIN, then OK."


def test_without_a_pin_the_pad_says_so_in_plain_words(
    qtbot: QtBot, make_staff_kiosk: StaffKioskFactory, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / PIN_NAME).unlink()
    kiosk = make_staff_kiosk()
    open_pin_pad(qtbot, kiosk, clock)
    plain = "Staff mode has no PIN yet. Ask the person who set up this kiosk to set one."
    assert text(kiosk, "staffPinMessage") == plain
    assert type_pin(qtbot, kiosk, clock, "1234") == "not-set"
    assert text(kiosk, "staffPinMessage") == plain
    assert not any("kiosk staff" in t or "set-pin" in t for t in all_texts(kiosk))
    assert not shown(kiosk, "staffPanel")


def test_without_a_store_the_corner_opens_nothing(
    qtbot: QtBot, qapp: object, clock: FakeClock
) -> None:
    from kiosk.app.wiring import build_kiosk
    from kiosk.content.validate import load_folder
    from kiosk.paths import default_bundle_dir
    from kiosk.patient.ui_settings import UiSettings

    kiosk = build_kiosk(
        bundle=load_folder(default_bundle_dir()),
        settings=UiSettings(idle_seconds=3600),
        size=(1280, 800),
        clock=clock,
        audio=AudioBackend.NULL,
    )
    try:
        qtbot.waitExposed(kiosk.window)
        assert kiosk.services is None
        kiosk.staff_corner.staffRequested.emit()
        assert kiosk.staff_panel.property("mode") == "closed"
        assert not shown(kiosk, "staffPinPad")
    finally:
        warnings = list(kiosk.qml_warnings)
        kiosk.close()
    assert not warnings

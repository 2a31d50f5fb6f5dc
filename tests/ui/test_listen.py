"""Listen (issue 13), through the real window: a page's narration plays in the patient's
language, the paragraph being read is marked and followed, audio stops whenever the screen
changes under it, the idle warning is spoken, and the volume starts over for every patient."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app import narration as narration_wiring
from kiosk.app.wiring import Kiosk
from kiosk.content.bundle import Bundle
from kiosk.content.narration_units import location_units, page_units, text_key
from kiosk.content.validate import load_folder
from kiosk.paths import default_bundle_dir
from kiosk.patient.locations import Locations
from kiosk.patient.pages import Content
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech import device as device_module
from kiosk.speech.device import AudioBackend, DeviceUnavailable
from kiosk.speech.narration import Narration
from tests.ui.conftest import KioskFactory
from tests.ui.helpers import FakeClock, find, go, settle, tap
from tests.ui.narration import CUES, PAGE, TOWN, RecordingDevice, narrated_bundle
from tests.ui.screens import LAYOUTS, Screen
from tests.ui.test_layout import check_covered, check_targets, check_texts

SETTINGS = UiSettings(idle_seconds=3600, warning_seconds=60)


@pytest.fixture
def bundle(tmp_path: Path) -> Bundle:
    return narrated_bundle(tmp_path)


@pytest.fixture
def device() -> RecordingDevice:
    return RecordingDevice()


def narrated(
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    size: tuple[int, int] = (1920, 1080),
    **settings: object,
) -> Kiosk:
    chosen = UiSettings(**{**SETTINGS.__dict__, **settings})  # type: ignore[arg-type]
    return make_kiosk(bundle=bundle, settings=chosen, audio=lambda: device, size=size)


def open_page(qtbot: QtBot, kiosk: Kiosk, page_id: str = PAGE) -> None:
    kiosk.window.setProperty("transitionDuration", 0)
    kiosk.state.start()
    kiosk.state.openPage(page_id)
    settle(qtbot, kiosk)


def clips(kiosk: Kiosk) -> list[Path]:
    playback = kiosk.narrator.playback
    assert playback is not None, "nothing is playing"
    return list(playback.clips)


def reading_text(kiosk: Kiosk) -> str:
    """The text under the visible reading marker of the current page ("" while none shows);
    only that text is being read."""
    items = _items(find(kiosk, "pageFlick", in_page=True))
    marks = [i for i in items if i.objectName() == "readingMark" and i.isVisible()]
    assert len(marks) <= 1, f"{len(marks)} markers"
    reading = [i for i in items if i.property("reading") is True]
    assert len(reading) <= 1, f"{len(reading)} texts read at once"
    parent = marks[0].parentItem() if marks else None
    if parent is None:
        return ""
    assert reading == [parent], "the marker is not under the text being read"
    return str(parent.property("text"))


def words(markup: str) -> str:
    """A row's styled text as the words narration reads (tags and escapes undone)."""
    text = re.sub(r"<[^>]+>", "", markup)
    return " ".join(html.unescape(text).split())


def _items(root: QQuickItem) -> list[QQuickItem]:
    out = [root]
    for child in root.childItems():
        out += _items(child)
    return out


@pytest.mark.parametrize("language", ["en", "es"])
def test_listen_plays_this_page_in_this_language(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
    language: str,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    kiosk.state.setLanguage(language)
    open_page(qtbot, kiosk)
    button = find(kiosk, "listenButton", in_page=True)
    assert button.property("text") == bundle.ui(language)["listen"]
    with qtbot.waitSignal(kiosk.narrator.playbackChanged, timeout=2000):
        tap(kiosk, button, clock)
    assert kiosk.narrator.property("pageId") == PAGE
    assert clips(kiosk) == [bundle.root / f"narration/{language}/page-{PAGE}.ogg"]
    samples = device.pull_seconds(0.1)
    assert max(samples) > 1000, "the page's audio reached the device"
    assert button.property("text") == bundle.ui(language)["pause"]


def test_the_highlight_follows_the_voice_and_pause_holds_it(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    kiosk.state.setTextStep(2)  # 200 %: the page is several screens long
    open_page(qtbot, kiosk)
    units = page_units(next(p for p in bundle.pages if p.id == PAGE).text["en"], bundle.ui("en"))
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    narrator = kiosk.narrator
    for unit, at in list(enumerate(CUES))[1:]:
        device.pull_seconds(at + 0.05 - device.pulled / 22050)
        qtbot.waitUntil(lambda u=unit: narrator.property("currentUnit") == u, timeout=2000)
        qtbot.waitUntil(lambda u=unit: words(reading_text(kiosk)) == units[u], timeout=2000)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)  # Pause
    assert narrator.property("paused")
    assert max(device.pull_seconds(0.5), default=0) == 0, "silence while paused"
    assert narrator.property("currentUnit") == len(CUES) - 1
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)  # Resume
    assert not narrator.property("paused")
    assert max(device.pull_seconds(0.1)) > 1000


def test_the_text_being_read_is_kept_in_view(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    kiosk.state.setTextStep(2)
    open_page(qtbot, kiosk)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    flick = find(kiosk, "pageFlick", in_page=True)
    flick.setProperty("contentY", float(flick.property("contentHeight")) - flick.height())
    device.pull_seconds(CUES[1] + 0.05)
    qtbot.waitUntil(lambda: kiosk.narrator.property("currentUnit") == 1, timeout=2000)
    qtbot.waitUntil(lambda: float(flick.property("contentY")) < flick.height(), timeout=3000)


def test_navigation_and_language_stop_the_audio(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    open_page(qtbot, kiosk)
    narrator = kiosk.narrator
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    assert narrator.property("playing")
    go(qtbot, kiosk, find(kiosk, "nextButton", in_page=True), clock)
    assert not narrator.property("playing")
    assert narrator.property("currentUnit") == -1
    assert max(device.pull_seconds(0.1), default=0) == 0
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    assert narrator.property("playing")
    tap(kiosk, find(kiosk, "lang-es"), clock)
    assert not narrator.property("playing")
    assert find(kiosk, "listenButton", in_page=True).property("text") == "Escuchar"


def test_the_idle_warning_stops_the_page_is_spoken_and_the_reset_silences_it(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    kiosk.state.setLanguage("es")
    open_page(qtbot, kiosk)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    kiosk.idle.warn_now()
    qtbot.waitUntil(lambda: find(kiosk, "idleDialog").isVisible(), timeout=2000)
    ui = bundle.ui("es")
    assert kiosk.narrator.property("pageId") == ""
    # The test bundle has clips for the title and the button only: the countdown's words are
    # skipped, the rest is still said (the built-in bundle has them all, see below).
    assert clips(kiosk) == [
        bundle.root / f"narration/es/text-{text_key(ui[key])}.ogg"
        for key in ("still_there", "still_here")
    ]
    assert max(device.pull_seconds(0.2)) > 1000, "the warning is heard"
    kiosk.state.reset()  # what the warning's end does
    assert not kiosk.narrator.property("playing")
    assert max(device.pull_seconds(0.1), default=0) == 0


def test_volume_steps_reset_to_the_staff_default_for_the_next_patient(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device, narration_volume=40)
    open_page(qtbot, kiosk)
    narrator = kiosk.narrator
    assert narrator.property("volumeStep") == 2
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    quiet = max(device.pull_seconds(0.1))
    tap(kiosk, find(kiosk, "louderButton", in_page=True), clock)
    tap(kiosk, find(kiosk, "louderButton", in_page=True), clock)
    assert narrator.property("volumeStep") == 4
    louder = max(device.pull_seconds(0.1))
    assert louder > 1.8 * quiet, (quiet, louder)
    kiosk.state.reset()
    assert narrator.property("volumeStep") == 2
    kiosk.state.start()
    kiosk.state.openPage(PAGE)
    settle(qtbot, kiosk)
    assert find(kiosk, "volumeLevel", in_page=True).property("level") == 2


def test_headphones_cap_the_volume(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(
        make_kiosk, bundle, device, narration_output="headphones", narration_volume=100
    )
    open_page(qtbot, kiosk)
    assert kiosk.narrator.property("volumeSteps") == 3
    assert kiosk.narrator.property("volumeStep") == 3
    assert not find(kiosk, "louderButton", in_page=True).isEnabled()


def test_no_listen_control_without_narration(
    qtbot: QtBot, make_kiosk: KioskFactory, bundle: Bundle, device: RecordingDevice
) -> None:
    silent = bundle.root.parent.parent / "silent"
    shutil.copytree(default_bundle_dir(), silent)
    loaded = load_folder(silent)
    shutil.rmtree(silent / "narration")  # a bundle without narration: no index, no audio
    plain = make_kiosk(bundle=loaded)
    open_page(qtbot, plain)
    assert not find(plain, "listenBar", in_page=True).isVisible()
    assert find(plain, "listenBar", in_page=True).height() == 0
    narrated_kiosk = narrated(make_kiosk, bundle, device)
    open_page(qtbot, narrated_kiosk, "surgery")  # a page the narration does not cover
    assert not find(narrated_kiosk, "listenBar", in_page=True).isVisible()
    off = narrated(make_kiosk, bundle, device, narration_output="none")
    open_page(qtbot, off)
    assert not find(off, "listenBar", in_page=True).isVisible()


def test_a_town_page_plays_through_the_null_device_to_the_end(
    qtbot: QtBot, make_kiosk: KioskFactory, bundle: Bundle, clock: FakeClock
) -> None:
    kiosk = make_kiosk(bundle=bundle, settings=SETTINGS, audio=AudioBackend.NULL)
    kiosk.window.setProperty("transitionDuration", 0)
    kiosk.state.start()
    kiosk.state.openLocation(TOWN)
    settle(qtbot, kiosk)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    playback = kiosk.narrator.playback
    assert playback is not None
    assert clips(kiosk) == [bundle.root / f"narration/en/page-location-{TOWN}.ogg"]
    with qtbot.waitSignal(kiosk.narrator.playbackChanged, timeout=5000):
        pass  # the clip (1 s) ends: the Narrator notices and stops
    assert playback.done and not playback.problem
    assert playback.frames == 22050


def test_every_row_carries_the_narration_unit_it_is_read_as(default_bundle: Bundle) -> None:
    """pages.py numbers its rows as narration's page_units does: the cue of unit n marks the
    row that shows the n-th unit's words, on every page in every language."""
    content = Content(default_bundle, "en")
    for language in default_bundle.languages:
        ui = default_bundle.ui(language)
        for page in default_bundle.pages:
            info = content.page(page.id, language, 0)
            shown = [(info["titleUnit"], info["title"])]
            shown += _units_of(info["summary"])
            for section in info["sections"]:
                shown.append((section["headingUnit"], section["heading"]))
                shown += _units_of(section["blocks"])
            numbered = [(unit, words(text)) for unit, text in shown if unit >= 0]
            expected = page_units(page.text[language], ui)
            assert numbered == list(enumerate(expected)), (page.id, language)
            assert all(row["unit"] == -1 for row in _rows_of(info["disclaimer"]))


def _rows_of(blocks: list[dict[str, object]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for block in blocks:
        if block["kind"] == "callout":
            rows.append({"unit": block["unit"], "text": block["label"]})
            rows += block["rows"]  # type: ignore[arg-type]
        else:
            rows.append(block)
    return rows


def _units_of(blocks: list[dict[str, object]]) -> list[tuple[int, str]]:
    return [(int(row["unit"]), str(row["text"])) for row in _rows_of(blocks)]  # type: ignore[call-overload]


def test_every_part_of_a_town_page_carries_its_narration_unit(default_bundle: Bundle) -> None:
    locations = Locations(default_bundle, None)
    for language in default_bundle.languages:
        ui = default_bundle.ui(language)
        for location in default_bundle.locations:
            info = locations.detail(location.id, language, 0)
            texts = {
                "place": info["place"],
                "organization": info["organization"],
                "callForDetails": ui["call_for_details"],
                "notes": info["notes"],
                "websiteTitle": ui["website"],
                "website": info["websiteLabel"],
                "scan": ui["scan_to_take_home"],
            }
            for field in info["fields"]:
                texts[field["key"] + "Label"] = ui[field["key"]]
                texts[field["key"] + "Value"] = field["value"]
            texts["county"] = ui["county"].replace("{county}", info["county"])
            texts["nearestOffices"] = ui["nearest_offices"]
            for near in info["nearest"]:
                texts["nearest-" + near["id"]] = near["place"]
                miles = f"{near['miles']:.1f}"
                texts["nearestMiles-" + near["id"]] = ui["miles_from_office"].replace(
                    "{miles}", miles
                )
            read = [texts[part] for part, _ in sorted(info["units"].items(), key=lambda p: p[1])]
            expected = location_units(
                location, default_bundle.organization, ui, language, default_bundle.locations
            )
            assert read == list(expected), (location.id, language)


def test_the_town_page_marks_what_is_read(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    kiosk = narrated(make_kiosk, bundle, device)
    kiosk.window.setProperty("transitionDuration", 0)
    kiosk.state.start()
    kiosk.state.openLocation(TOWN)
    settle(qtbot, kiosk)
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    device.pull_seconds(0.05)
    qtbot.waitUntil(
        lambda: find(kiosk, "townTitle", in_page=True).property("reading"), timeout=2000
    )
    go(qtbot, kiosk, find(kiosk, "backButton"), clock)
    assert not kiosk.narrator.property("playing")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("step", [0, 2], ids=["100%", "200%"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_listen_bar_keeps_the_layout_rules(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    device: RecordingDevice,
    layout: str,
    step: int,
    high_contrast: bool,
) -> None:
    """Issue 10's rules on a page being read (Pause showing, a paragraph marked), in both
    languages: targets big enough and apart, no text cut, covered or overlapping."""
    kiosk = narrated(make_kiosk, bundle, device, size=LAYOUTS[layout])
    sizes = kiosk.theme.property("sizes")
    problems: list[str] = []
    for language in ("en", "es"):
        kiosk.state.reset()
        kiosk.state.setLanguage(language)
        kiosk.state.setTextStep(step)
        kiosk.state.setHighContrast(high_contrast)
        open_page(qtbot, kiosk)
        kiosk.narrator.listen(PAGE)
        device.pull_seconds(CUES[2] + 0.05)
        qtbot.waitUntil(lambda: kiosk.narrator.property("currentUnit") == 2, timeout=2000)
        kiosk.window.grabWindow()
        content = kiosk.window.contentItem()
        window = QRectF(0, 0, kiosk.window.width(), kiosk.window.height())
        screen = Screen(f"{layout}-listening", language, content, window, content)
        problems += check_targets(screen, sizes.property("target"), sizes.property("gap"))
        problems += check_texts(screen, 28 * kiosk.theme.property("unit"))
        problems += check_covered(screen)
    assert not problems, "\n".join(problems)


def test_the_built_in_bundle_is_heard_and_followed(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    default_bundle: Bundle,
    device: RecordingDevice,
    clock: FakeClock,
) -> None:
    """The real thing: the built-in bundle's espeak-ng narration (Ogg Vorbis) decoded, and
    the highlight on its own cue times."""
    kiosk = make_kiosk(bundle=default_bundle, settings=SETTINGS, audio=lambda: device)
    open_page(qtbot, kiosk, "surgery")
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    assert clips(kiosk) == [default_bundle.root / "narration/en/page-surgery.ogg"]
    narration = Narration.of_bundle(default_bundle.root)
    assert narration is not None
    clip = narration.page("en", "surgery")
    assert clip is not None
    samples = device.pull_seconds(clip.starts[1] + 0.1)
    assert max(samples) > 1000, "speech reached the device"
    qtbot.waitUntil(lambda: kiosk.narrator.property("currentUnit") == clip.units[1], timeout=3000)


def test_without_sound_hardware_there_is_no_listen_control(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kiosk with no sound card or sound server offers no Listen (staff find why in the log)
    and never opens a device, so the sound libraries never load; the patient sees nothing
    broken."""
    monkeypatch.setattr(narration_wiring, "missing_output", lambda _backend: "no sound card")

    def never(_backend: AudioBackend) -> RecordingDevice:
        raise AssertionError("a device was opened")

    monkeypatch.setattr(device_module, "open_device", never)
    kiosk = make_kiosk(bundle=bundle, settings=SETTINGS, audio=AudioBackend.SYSTEM)
    open_page(qtbot, kiosk)
    assert not find(kiosk, "listenBar", in_page=True).isVisible()
    assert not kiosk.narrator.property("available")
    assert "narration is unavailable: no sound card" in caplog.text
    kiosk.idle.warn_now()  # the warning shows, silently
    assert find(kiosk, "idleDialog").isVisible()


def test_the_system_is_asked_about_sound_once_not_at_every_page(
    qtbot: QtBot, make_kiosk: KioskFactory, bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[AudioBackend] = []

    def sound_here(backend: AudioBackend) -> str:
        asked.append(backend)
        return ""

    monkeypatch.setattr(narration_wiring, "missing_output", sound_here)
    kiosk = make_kiosk(bundle=bundle, settings=SETTINGS, audio=AudioBackend.SYSTEM)
    open_page(qtbot, kiosk)
    for page in [*bundle.pages[:4], *bundle.pages[:1]]:
        kiosk.state.openPage(page.id)
        settle(qtbot, kiosk)
    kiosk.state.openPage(PAGE)
    settle(qtbot, kiosk)
    assert asked == [AudioBackend.SYSTEM]
    assert find(kiosk, "listenBar", in_page=True).isVisible()


def test_a_device_that_will_not_open_takes_listen_away_at_the_first_tap(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    bundle: Bundle,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The device opens at the first Listen, not when a patient starts (the sound libraries
    cost ~17 MiB). One that fails then takes the Listen control away: no error, no dead button
    left to tap again, and the page stays as it was."""
    opened: list[bool] = []

    def no_device() -> RecordingDevice:
        opened.append(True)
        raise DeviceUnavailable("no system audio device: (failed to init device, -401)")

    kiosk = make_kiosk(bundle=bundle, settings=SETTINGS, audio=no_device)
    open_page(qtbot, kiosk)
    assert not opened, "the device opened before anyone asked to listen"
    tap(kiosk, find(kiosk, "listenButton", in_page=True), clock)
    assert opened == [True]
    qtbot.waitUntil(lambda: not find(kiosk, "listenBar", in_page=True).isVisible(), timeout=2000)
    assert kiosk.state.routeId == PAGE
    assert "narration is unavailable: no system audio device" in caplog.text
    kiosk.idle.warn_now()  # the warning shows, silently, and tries no device again
    assert find(kiosk, "idleDialog").isVisible()
    assert opened == [True]


def test_the_idle_warning_says_its_countdown_with_the_built_in_clips(
    qtbot: QtBot, make_kiosk: KioskFactory, default_bundle: Bundle, device: RecordingDevice
) -> None:
    kiosk = make_kiosk(bundle=default_bundle, settings=SETTINGS, audio=lambda: device)
    open_page(qtbot, kiosk, "surgery")
    kiosk.idle.warn_now()
    ui = default_bundle.ui("en")
    said = ["Are you still there?", "Starting over in", "60", "seconds", "I'm still here"]
    assert [ui["still_there"], ui["still_here"]] == [said[0], said[-1]]
    folder = default_bundle.root / "narration" / "en"
    assert clips(kiosk) == [folder / f"text-{text_key(words)}.ogg" for words in said]

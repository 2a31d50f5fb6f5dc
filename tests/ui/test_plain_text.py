"""Issue 12, item 1 (the QML side): every bundle string reaches the screen as plain text, and
nothing a bundle contains makes the kiosk open a network connection. A hostile bundle puts an
image tag (a local file and a URL on a real HTTP server on 127.0.0.1), its entity-escaped and
its backslash-escaped forms into titles, headings, greetings, towns, notes and dialog strings;
every screen is walked in every language."""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.bundle import Bundle, PageText, Section
from kiosk.patient.ui_settings import UiSettings
from tests.ui.conftest import KioskFactory
from tests.ui.screens import qml, texts, visit


class Beacon(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Beacon.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def beacon() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that records every request a kiosk would make."""
    Beacon.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Beacon)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def hostile(url: str) -> list[str]:
    tag = f'<img src="{url}/beacon.png"><img src="file:///etc/hostname">'
    return [tag, tag.replace("<", "&lt;").replace(">", "&gt;"), tag.replace("<", "\\<")]


def poisoned(bundle: Bundle, marks: list[str]) -> Bundle:
    """The bundle with markup in every kind of string a patient screen shows as a Text."""
    mark = " ".join(marks)
    ui = {
        lang: {
            **texts_,
            "greeting": "Hi " + mark,
            "promise": "Inside " + mark,
            "still_there": "There? " + mark,
            "find_location": "Find " + mark,
            "about_clonus": "About " + mark,
        }
        for lang, texts_ in bundle.ui_text.items()
    }

    def page(p: object) -> object:
        text = {
            lang: PageText(
                title=t.title + " " + mark,
                summary=t.summary,
                sections=tuple(Section(s.heading + " " + mark, s.blocks) for s in t.sections),
            )
            for lang, t in p.text.items()  # type: ignore[attr-defined]
        }
        return dataclasses.replace(p, text=text)  # type: ignore[type-var]

    locations = tuple(
        dataclasses.replace(
            loc,
            town=loc.town + " " + mark,
            notes={lang: "Note " + mark for lang in bundle.languages},
        )
        for loc in bundle.locations
    )
    organization = dataclasses.replace(bundle.organization, name="Clinic " + mark)
    return dataclasses.replace(
        bundle,
        ui_text=ui,
        organization=organization,
        locations=locations,
        about=tuple(page(p) for p in bundle.about),  # type: ignore[misc]
        treatments=tuple(page(p) for p in bundle.treatments),  # type: ignore[misc]
    )


def test_markup_in_bundle_strings_shows_as_literal_text_and_fetches_nothing(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    default_bundle: Bundle,
    beacon: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(address)  # any connection from the kiosk's Python side
        real_connect(self, address)

    marks = hostile(beacon)
    bundle = poisoned(default_bundle, marks)
    monkeypatch.setattr(socket.socket, "connect", connect)
    kiosk = make_kiosk(bundle=bundle, settings=UiSettings(location_id="maywood"))
    shown: dict[str, int] = {}
    for screen in visit(qtbot, kiosk):
        for item in texts(screen.root):
            text = str(item.property("text"))
            if any(mark in text for mark in marks):
                assert qml(item, "textFormat") == 0, (screen.name, text)  # Text.PlainText
                assert all(mark in text for mark in marks), (screen.name, text)  # literal
                shown[screen.name] = shown.get(screen.name, 0) + 1
    monkeypatch.undo()
    assert set(shown) == {
        "attract",
        "home",
        "about",
        "treatment",
        "treatment-end",
        "locations",
        "location",
        "idle",
    }
    assert Beacon.hits == [] and attempts == []  # no request reached the beacon, no socket
    # The beacon works: a request to it is seen (so an empty list above means something).
    with socket.create_connection(("127.0.0.1", int(beacon.rsplit(":", 1)[1]))) as probe:
        probe.sendall(b"GET /probe HTTP/1.0\r\n\r\n")
        probe.recv(100)
    assert Beacon.hits == ["/probe"]

"""The studio's live preview: the real patient app (build_kiosk, Main.qml and its backends),
drawn inside the studio's window instead of a window of its own.

The patient window is made but never shown; its content is moved into an item of the studio's
window, which scales it to fit. Its size is the layout being previewed, so the patient screens
lay out exactly as they would on that kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QSizeF
from PySide6.QtQuick import QQuickItem

from kiosk.app.wiring import Kiosk, build_kiosk
from kiosk.content.bundle import Bundle
from kiosk.patient.state import AppState
from kiosk.patient.ui_settings import UiSettings
from kiosk.studio_ui.preview import StudioPreview
from kiosk.ui.theme import Theme

NEVER_IDLE = UiSettings(idle_seconds=24 * 3600.0, warning_seconds=60.0)  # staff are editing


class PatientPreview:
    """One patient app, shown in a host item, following the bundle and the page being edited."""

    def __init__(self, bundle: Bundle, controls: StudioPreview) -> None:
        self._controls = controls
        layout = controls.layout
        self.kiosk: Kiosk = build_kiosk(
            bundle=bundle, settings=NEVER_IDLE, size=(layout.width, layout.height), show=False
        )
        window = self.kiosk.window
        window.setProperty("transitionDuration", 0)  # the preview follows edits at once
        QMetaObject.invokeMethod(window, "ensureHome")  # a hidden window draws no first frame
        self.kiosk.state.start()
        controls.layoutChanged.connect(self._resize)
        self._moved: list[QQuickItem] = []

    @property
    def state(self) -> AppState:
        return self.kiosk.state

    @property
    def theme(self) -> Theme:
        return self.kiosk.theme

    def embed(self, host: QQuickItem) -> None:
        """Moves the patient screens into `host` (an item of the studio's window)."""
        root = self.kiosk.window.contentItem()
        self._moved = list(root.childItems())
        for item in self._moved:
            item.setParentItem(host)
        self._resize()

    def show_bundle(self, bundle: Bundle) -> None:
        """The edited bundle, at once; the patient stays on the page shown when it still exists."""
        self.kiosk.state.apply_bundle_now(bundle)

    def follow(self, screen: str, ident: str) -> None:
        """Shows the screen of what is being edited: a page ("page", its id), a town page
        ("location", its id), the list of towns ("locations") or Home (anything else)."""
        state = self.kiosk.state
        top = state.stack[-1] if not state.is_attract() else {}
        if top == {"screen": screen, "id": ident}:
            return
        state.home()
        if screen == "page":
            state.openPage(ident)
        elif screen in ("location", "locations"):
            state.openLocations()
            if screen == "location":
                state.openLocation(ident)

    def _resize(self) -> None:
        """The patient app lays out for the chosen kiosk screen: its window (whose size the
        theme follows) and the moved items (no longer sized by that window)."""
        layout = self._controls.layout
        self.kiosk.window.resize(layout.width, layout.height)
        for item in self._moved:
            item.setSize(QSizeF(layout.width, layout.height))

    def close(self) -> None:
        root = self.kiosk.window.contentItem()
        for item in self._moved:  # back home first: the patient window takes its items down
            item.setParentItem(root)
        self._moved = []
        self.kiosk.close()

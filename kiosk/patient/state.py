"""The patient app's state: language, text size, contrast, navigation, and the reset to attract.

QML only mirrors this: it listens to `navigated(op, route)` and performs the same change on its
StackView. The attract screen is a layer above the stack (`attract` property); the stack's root is
always Home. A reset drops every trace of the last patient.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.content.bundle import Bundle, ContentPage
from kiosk.patient.ui_settings import UiSettings
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList, QVariantMap
from kiosk.ui.theme import TEXT_SCALES

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

HOME = "home"
PAGE = "page"
LOCATIONS = "locations"
LOCATION = "location"
ATTRACT = "attract"
MAX_DEPTH = 40  # screens Back remembers (a long run of Next forgets its oldest pages)


def route(screen: str, ident: str = "") -> dict[str, str]:
    return {"screen": screen, "id": ident}


@QmlElement
@QmlUncreatable("made by the app")
class AppState(QObject):
    languageChanged = Signal()
    textStepChanged = Signal()
    highContrastChanged = Signal()
    routeChanged = Signal()
    bundleChanged = Signal()
    navigated = Signal(str, dict)  # op: start|push|forward|backward|pop|home|reset
    resetDone = Signal()
    languageChosen = Signal(str)  # a patient chose a language (usage counts); not on a reset

    def __init__(
        self, bundle: Bundle, settings: UiSettings | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings or UiSettings()
        self._bundle = bundle
        self._pending: Bundle | None = None
        self._language = self._default_language()
        self._text_step = 0
        self._high_contrast = False
        self._attract = True
        self._stack: list[dict[str, str]] = [route(HOME)]
        # Whether each stack entry replaced the one below it on screen (Next/Previous): Back
        # then slides back to that page instead of popping a screen.
        self._slid: list[bool] = [False]

    # -- bundle ------------------------------------------------------------------------------
    @property
    def bundle(self) -> Bundle:
        return self._bundle

    @property
    def settings(self) -> UiSettings:
        return self._settings

    @Slot(object)
    def set_bundle(self, bundle: Bundle) -> None:
        """A new bundle (from the store): applied at the next return to the attract screen, or
        at once when the attract screen is showing (nobody is reading)."""
        if self._attract:
            self._pending = None
            self._apply_bundle(bundle)
            self._language = self._default_language()
            self.languageChanged.emit()
        else:
            self._pending = bundle

    def set_settings(self, settings: UiSettings) -> None:
        """New kiosk settings (from the staff panel): the default language applies at the next
        reset, like everything else a patient could see change."""
        self._settings = settings

    @Slot(object)
    def apply_bundle_now(self, bundle: Bundle) -> None:
        """Preview: show the edited bundle at once, keeping the current page when it still
        exists and the language when the bundle still has it."""
        self._pending = None
        self._apply_bundle(bundle)
        if self._language not in bundle.languages:
            self._language = self._default_language()
        self.languageChanged.emit()
        top = self._stack[-1]
        if (top["screen"] == PAGE and self._find_page(top["id"]) is None) or (
            top["screen"] == LOCATION and top["id"] not in {loc.id for loc in bundle.locations}
        ):
            self.home()

    def _apply_bundle(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self.bundleChanged.emit()

    def _default_language(self) -> str:
        wanted = self._settings.default_language
        return wanted if wanted in self._bundle.languages else self._bundle.default_language

    def _find_page(self, page_id: str) -> ContentPage | None:
        return next((p for p in self._bundle.pages if p.id == page_id), None)

    def neighbours(self, page_id: str) -> tuple[str, str]:
        """The previous and next page: About pages, then the treatments, in one run, so the end
        of a group leads on to the next group ('' before the first and after the last page)."""
        ids = [p.id for p in (*self._bundle.about, *self._bundle.treatments)]
        if page_id not in ids:
            return "", ""
        index = ids.index(page_id)
        previous = ids[index - 1] if index > 0 else ""
        following = ids[index + 1] if index + 1 < len(ids) else ""
        return previous, following

    # -- language, text size, contrast ---------------------------------------------------------
    def _get_language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code in self._bundle.languages and code != self._language:
            self._language = code
            self.languageChanged.emit()
            self.languageChosen.emit(code)

    def _get_languages(self) -> list[dict[str, str]]:
        return [
            {
                "code": code,
                "name": self._bundle.ui(code)["language_name"],
                "greeting": self._bundle.ui(code)["greeting"],
                "touchToStart": self._bundle.ui(code)["touch_to_start"],
                "promise": self._bundle.ui(code)["promise"],
            }
            for code in self._bundle.languages
        ]

    def _get_ui(self) -> dict[str, str]:
        return dict(self._bundle.ui(self._language))

    def _get_ui_all(self) -> dict[str, list[str]]:
        """Every UI string in every language, by key: the chrome reserves room for the widest."""
        return {
            key: [self._bundle.ui(code)[key] for code in self._bundle.languages]
            for key in self._bundle.ui(self._bundle.default_language)
        }

    def _get_clinic(self) -> str:
        return self._bundle.organization.name

    def _get_text_step(self) -> int:
        return self._text_step

    @Slot(int)
    def setTextStep(self, step: int) -> None:
        step = max(0, min(step, len(TEXT_SCALES) - 1))
        if step != self._text_step:
            self._text_step = step
            self.textStepChanged.emit()

    def _get_text_scale(self) -> float:
        return TEXT_SCALES[self._text_step]

    def _get_high_contrast(self) -> bool:
        return self._high_contrast

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.highContrastChanged.emit()

    # -- navigation --------------------------------------------------------------------------
    def _get_attract(self) -> bool:
        return self._attract

    def _get_screen(self) -> str:
        return ATTRACT if self._attract else self._stack[-1]["screen"]

    def _get_route_id(self) -> str:
        return "" if self._attract else self._stack[-1]["id"]

    def _get_depth(self) -> int:
        return len(self._stack)

    def _get_can_go_back(self) -> bool:
        return not self._attract and len(self._stack) > 1

    @property
    def stack(self) -> list[dict[str, str]]:
        return [dict(r) for r in self._stack]

    def _navigate(self, op: str, target: dict[str, str]) -> None:
        self.routeChanged.emit()
        self.navigated.emit(op, dict(target))

    @Slot()
    def start(self) -> None:
        """Attract -> Home."""
        if self._attract:
            self._attract = False
            self._set_stack([route(HOME)])
            self._navigate("start", self._stack[-1])

    @Slot(str)
    def openPage(self, page_id: str) -> None:
        if self._find_page(page_id) is not None:
            self._push(route(PAGE, page_id))

    @Slot()
    def openLocations(self) -> None:
        self._push(route(LOCATIONS))

    @Slot(str)
    def openLocation(self, location_id: str) -> None:
        if location_id in {loc.id for loc in self._bundle.locations}:
            self._push(route(LOCATION, location_id))

    def _push(self, target: dict[str, str]) -> None:
        self._attract = False
        if self._stack[-1] == target:
            return
        self._stack.append(target)
        self._slid.append(False)
        self._navigate("push", target)

    @Slot()
    def nextPage(self) -> None:
        self._sideways(forward=True)

    @Slot()
    def previousPage(self) -> None:
        self._sideways(forward=False)

    def _sideways(self, *, forward: bool) -> None:
        top = self._stack[-1]
        if self._attract or top["screen"] != PAGE:
            return
        previous, following = self.neighbours(top["id"])
        target = route(PAGE, following if forward else previous)
        if not target["id"]:
            return
        if self._slid[-1] and self._stack[-2] == target:
            self.back()  # Previous right after Next (or the reverse) is Back: no history loop
            return
        self._stack.append(target)
        self._slid.append(True)
        if len(self._stack) > MAX_DEPTH:  # forget the oldest page of a long run of Next
            del self._stack[1], self._slid[1]
            self._slid[1] = False
        self._navigate("forward" if forward else "backward", target)

    @Slot()
    def back(self) -> None:
        """The previous screen: the page before a Next or Previous too."""
        if not self._attract and len(self._stack) > 1:
            self._stack.pop()
            sideways = self._slid.pop()
            self._navigate("backward" if sideways else "pop", self._stack[-1])

    @Slot()
    def home(self) -> None:
        if not self._attract and len(self._stack) > 1:
            self._set_stack([route(HOME)])
            self._navigate("home", self._stack[-1])

    def _set_stack(self, routes: list[dict[str, str]]) -> None:
        self._stack = routes
        self._slid = [False] * len(routes)

    @Slot()
    def reset(self) -> None:
        """Back to the attract screen with nothing of the last patient left."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._apply_bundle(pending)
        self._language = self._default_language()
        self._text_step = 0
        self._high_contrast = False
        self._attract = True
        self._set_stack([route(HOME)])
        self.languageChanged.emit()
        self.textStepChanged.emit()
        self.highContrastChanged.emit()
        self._navigate("reset", self._stack[-1])
        self.resetDone.emit()

    # -- QML properties ----------------------------------------------------------------------
    language = Property(str, _get_language, notify=languageChanged)
    languages = Property(QVariantList, _get_languages, notify=bundleChanged)
    ui = Property(QVariantMap, _get_ui, notify=languageChanged)
    uiAll = Property(QVariantMap, _get_ui_all, notify=bundleChanged)
    clinic = Property(str, _get_clinic, notify=bundleChanged)
    textStep = Property(int, _get_text_step, notify=textStepChanged)
    textScale = Property(float, _get_text_scale, notify=textStepChanged)
    highContrast = Property(bool, _get_high_contrast, notify=highContrastChanged)
    attract = Property(bool, _get_attract, notify=routeChanged)
    screen = Property(str, _get_screen, notify=routeChanged)
    routeId = Property(str, _get_route_id, notify=routeChanged)
    depth = Property(int, _get_depth, notify=routeChanged)
    canGoBack = Property(bool, _get_can_go_back, notify=routeChanged)

    # Typed access for Python (the Properties above are for QML).
    def current_language(self) -> str:
        return self._language

    def current_text_scale(self) -> float:
        return TEXT_SCALES[self._text_step]

    def is_high_contrast(self) -> bool:
        return self._high_contrast

    def is_attract(self) -> bool:
        return self._attract

    def snapshot(self) -> dict[str, Any]:
        """Everything a patient could have changed (tests compare it after a reset)."""
        return {
            "language": self._language,
            "textStep": self._text_step,
            "highContrast": self._high_contrast,
            "attract": self._attract,
            "stack": self.stack,
        }

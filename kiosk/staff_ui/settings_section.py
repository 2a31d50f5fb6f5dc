"""The Settings section: this kiosk's own location, its idle time and the language at the start.
Changes are a draft until Save; the stored file is replaced atomically (kiosk/staff/settings.py)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.content.bundle import Bundle
from kiosk.staff.service import Staff
from kiosk.staff.settings import (
    IDLE_MAX,
    IDLE_MIN,
    NARRATION_OUTPUTS,
    VOLUME_STEP,
    Settings,
    check_against,
)
from kiosk.staff_ui.notice import Notice
from kiosk.staff_ui.words import reason_of
from kiosk.ui.qml_types import QmlElement, QmlUncreatable, QVariantList, QVariantMap

QML_IMPORT_NAME = "Kiosk"  # the QML module these backends are typed in
QML_IMPORT_MAJOR_VERSION = 1

IDLE_STEP = 30  # seconds added or taken by the idle-time buttons


@QmlElement
@QmlUncreatable("made by the app")
class SettingsSection(QObject):
    changed = Signal()
    saved = Signal(object)  # the Settings now stored

    def __init__(
        self,
        staff: Staff,
        bundle: Bundle,
        notice: Notice,
        *,
        warning: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._bundle = bundle
        self._notice = notice
        self._warning = warning or ""
        self._stored = self._draft = Settings()

    def set_bundle(self, bundle: Bundle) -> None:
        """The bundle the kiosk shows now (its locations and languages are the choices)."""
        self._bundle = bundle
        self.changed.emit()

    def load(self) -> None:
        """The stored settings, read again (a small file); a damaged one is noted for staff."""
        stored, warning = self._staff.load_settings()
        if warning:
            self._warning = warning
        self._stored = self._draft = stored
        self.changed.emit()

    def _set_draft(self, **changes: Any) -> None:
        self._draft = replace(self._draft, **changes)
        self.changed.emit()

    @Slot(str)
    def chooseLocation(self, location_id: str) -> None:
        if location_id == "" or location_id in {loc.id for loc in self._bundle.locations}:
            self._set_draft(location_id=location_id or None)

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        if code == "" or code in self._bundle.languages:
            self._set_draft(default_language=code or None)

    @Slot(int)
    def stepIdle(self, direction: int) -> None:
        current = self._draft.idle_seconds
        if direction > 0:
            value = min(IDLE_MAX, (current // IDLE_STEP + 1) * IDLE_STEP)
        else:
            value = max(IDLE_MIN, math.ceil(current / IDLE_STEP - 1) * IDLE_STEP)
        self._set_draft(idle_seconds=value)

    @Slot(str)
    def chooseOutput(self, output: str) -> None:
        """Where narration plays: speaker, headphones, or none (no Listen control)."""
        if output in NARRATION_OUTPUTS:
            self._set_draft(narration_output=output)

    @Slot(int)
    def stepVolume(self, direction: int) -> None:
        """The volume every patient starts with, in the steps patients have (20 %)."""
        value = self._draft.narration_volume + (VOLUME_STEP if direction > 0 else -VOLUME_STEP)
        self._set_draft(narration_volume=min(100, max(VOLUME_STEP, value)))

    @Slot()
    def save(self) -> None:
        if self._draft == self._stored:
            return
        try:
            self._staff.save_settings(self._draft)
        except OSError as exc:
            self._notice.say(f"The settings were not saved: {reason_of(exc)}", "problem")
            return
        self._stored = self._draft
        self._warning = ""
        self.changed.emit()
        self._notice.say("Settings saved. They apply from the next start screen.", "ok")
        self.saved.emit(self._stored)

    # -- QML ------------------------------------------------------------------------------------
    def _get_values(self) -> dict[str, Any]:
        draft = self._draft
        return {
            "locationId": draft.location_id or "",
            "idleSeconds": draft.idle_seconds,
            "idleMin": IDLE_MIN,
            "idleMax": IDLE_MAX,
            "defaultLanguage": draft.default_language or "",
            "narrationOutput": draft.narration_output,
            "narrationVolume": draft.narration_volume,
            "volumeStep": VOLUME_STEP,
            "dirty": draft != self._stored,
        }

    def _get_notes(self) -> list[str]:
        notes = [self._warning] if self._warning else []
        return notes + check_against(self._stored, self._bundle)

    def _get_location_choices(self) -> list[dict[str, str]]:
        choices = [{"id": "", "name": "Not set"}]
        choices += [
            {"id": loc.id, "name": f"{loc.town}, {loc.state}"} for loc in self._bundle.locations
        ]
        return choices

    def _get_language_choices(self) -> list[dict[str, str]]:
        bundle = self._bundle
        first = bundle.ui(bundle.default_language)["language_name"]
        choices = [{"code": "", "name": f"The content's first ({first})"}]
        choices += [{"code": c, "name": bundle.ui(c)["language_name"]} for c in bundle.languages]
        return choices

    values = Property(QVariantMap, _get_values, notify=changed)
    notes = Property(QVariantList, _get_notes, notify=changed)
    locationChoices = Property(QVariantList, _get_location_choices, notify=changed)
    languageChoices = Property(QVariantList, _get_language_choices, notify=changed)

"""The keypad path (issue 13), after the Trace Center's EZ Access: move, hear, then act.

With a USB keypad or keyboard a patient moves through every control of the screen in reading
order (the arrows, Tab and Shift+Tab), hears each one as it is reached (`announce`), acts on it
with Enter as with a tap (Tappable.qml: the same tap guard, the same handler), goes back with
Back, and hears where they are with Help. The controls are Qt's focus chain (`activeFocusOnTab`,
in the order of the items); this filter keeps the chain inside the layer on top (the idle dialog,
the attract screen, or the chrome bar and the current page) and places the focus after a page
change. Touch stays as it was: a touch hides the focus until the next key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QMetaObject, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.patient.idle import IdleMonitor
from kiosk.patient.state import AppState
from kiosk.ui.taps import TapGuard


@dataclass(frozen=True)
class _Keys:
    next: frozenset[int]
    previous: frozenset[int]
    act: frozenset[int]
    back: frozenset[int]
    help: frozenset[int]


@functools.cache
def _keys() -> _Keys:
    """The keys by what they do, made at the first key press: importing `Qt` with the module
    would build all of Qt's enums on the start path (kiosk/ui/qt_values.py)."""
    from PySide6.QtCore import Qt

    key = Qt.Key
    return _Keys(
        next=frozenset({key.Key_Down, key.Key_Right, key.Key_Tab}),
        previous=frozenset({key.Key_Up, key.Key_Left, key.Key_Backtab}),
        act=frozenset({key.Key_Return, key.Key_Enter, key.Key_Space}),
        back=frozenset({key.Key_Backspace, key.Key_Escape, key.Key_Back}),
        help=frozenset({key.Key_F1, key.Key_Help, key.Key_Asterisk, key.Key_Question}),
    )


TOUCHES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})

# Each screen's title: what Help says first (objectName of the screen -> of its title).
TITLES = {
    "idleDialog": "stillThereTitle",
    "attractScreen": "touchToStart",
    "homeScreen": "homeTitle",
    "contentPage": "pageTitle",
    "locationsScreen": "locationsTitle",
    "locationDetail": "townTitle",
}


def items_under(root: QQuickItem) -> Iterator[QQuickItem]:
    """`root` and every visible item below it, in the order of Qt's focus chain. A child slot
    that is not an item is passed over: PySide can hand out None, or a stale wrapper of another
    type that it kept for a freed object at the same address (tests/ui/test_stale_wrappers.py)."""
    if not root.isVisible():
        return
    yield root
    for child in root.childItems():
        if isinstance(child, QQuickItem):
            yield from items_under(child)


def named(root: QQuickItem, name: str) -> QQuickItem | None:
    return next((item for item in items_under(root) if item.objectName() == name), None)


class KeypadNavigator(QObject):
    """The window's key filter for the patient app (installed by kiosk/app/wiring.py)."""

    # What to say, in a row: shown strings (each has its narration clip), such as a screen's
    # title and the keys, or the parts of the focused control's name (Tappable.spokenParts).
    announce = Signal(list)

    def __init__(
        self,
        window: QQuickWindow,
        state: AppState,
        idle: IdleMonitor,
        guard: TapGuard,
        staff_open: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._state = state
        self._guard = guard
        self._idle = idle
        self._staff_open = staff_open
        self._keypad = False  # the last input was a key: focus shows and is spoken
        self._opened_from: list[QQuickItem | None] = []  # the focus when each page was opened
        self._before_dialog: QQuickItem | None = None
        self._last: QQuickItem | None = None  # the last control that had the focus
        self._quiet = False  # focus without a word: the idle dialog is spoken as it opens
        window.activeFocusItemChanged.connect(self._focus_changed)
        state.navigated.connect(self._navigated)
        # After the dialog's own bindings have followed (they may be connected after this).
        idle.warningVisibleChanged.connect(
            lambda: QTimer.singleShot(0, self, self._warning_changed)
        )

    # -- input ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in TOUCHES:
            self._keypad = False
            self._clear_focus()
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if self._staff_open():
            self._clear_focus()  # staff mode has no keypad path; nothing behind it may act
            return False
        self._keypad = True
        return self._key(event.key())

    def _key(self, key: int) -> bool:
        """Handles one key; False leaves it to the focused control (Enter, Space)."""
        keys = _keys()
        if key in keys.next or key in keys.previous:
            self.move(1 if key in keys.next else -1)
        elif key in keys.back:
            self.back()
        elif key in keys.help:
            self.help()
        elif key in keys.act:
            if self.focused() is not None:
                return False  # the control acts (Tappable.qml)
            self._act_unfocused()
        else:
            return False
        return True

    # -- actions --------------------------------------------------------------------------
    def move(self, step: int) -> None:
        """Focus the next (1) or previous (-1) control; from none, the screen's first one."""
        targets, entry = self.targets()
        if not targets:
            return
        current = self.focused()
        index = entry if current not in targets else (targets.index(current) + step) % len(targets)
        self._focus(targets[index])

    def back(self) -> None:
        """The Back key does what the chrome's Back button does (nothing under a dialog)."""
        roots = self._layer()
        button = named(roots[0], "backButton") if len(roots) == 2 else None
        if button is not None and button.isEnabled():
            QMetaObject.invokeMethod(button, "activate")

    def help(self) -> None:
        """Says where the patient is and what the keys do: the screen's title, the keys, then
        the focused control."""
        keys = self._state.bundle.ui(self._state.current_language()).get("keypad_help", "")
        self._say([self.title(), keys, *self._parts(self.focused())])

    def _act_unfocused(self) -> None:
        """Enter with nothing focused: hear the first control before acting on it; on an
        attract screen without any (one language), start, as a touch does."""
        if self.targets()[0]:
            self.move(1)
        elif self._state.is_attract() and self._layer() and self._guard.accept("attract"):
            self._state.start()

    # -- what is on screen ----------------------------------------------------------------
    def _layer(self) -> list[QQuickItem]:
        """The roots of the layer on top, whose controls the keypad reaches: the idle dialog,
        the attract screen, or the chrome bar and the current page; none while closed."""
        window = self._window
        closed = window.findChild(QQuickItem, "closedLoader")
        if closed is not None and closed.property("active"):
            return []
        for name in ("idleDialog", "attractScreen"):
            # The one that shows (an attract screen of an earlier reset may await deletion).
            for layer in window.findChildren(QQuickItem, name):
                if layer.isVisible():
                    return [layer]
        chrome = window.findChild(QQuickItem, "chrome")
        stack = window.findChild(QQuickItem, "stack")
        page = stack.property("currentItem") if stack is not None else None
        return [root for root in (chrome, page) if isinstance(root, QQuickItem)]

    def targets(self) -> tuple[list[QQuickItem], int]:
        """The controls of the layer on top in reading order, and the index of the one to
        start from: the page's first control (the chrome bar comes before it)."""
        groups = [
            [item for item in items_under(root) if item is not root and self._reachable(item)]
            for root in self._layer()
        ]
        found = [item for group in groups for item in group]
        return found, (len(found) - len(groups[-1]) if groups and groups[-1] else 0)

    @staticmethod
    def _reachable(item: QQuickItem) -> bool:
        return item.activeFocusOnTab() and item.isEnabled()

    def focused(self) -> QQuickItem | None:
        item = self._window.activeFocusItem()
        return item if item is not None and item.activeFocusOnTab() else None

    def title(self) -> str:
        for root in self._layer()[-1:]:
            title = named(root, TITLES.get(root.objectName(), ""))
            if title is not None:
                return str(title.property("text") or "")
        return ""

    @staticmethod
    def _parts(item: QQuickItem | None) -> list[str]:
        parts = item.property("spokenParts") if item is not None else None
        return [str(part) for part in parts or []]

    def _say(self, texts: list[str]) -> None:
        texts = [text for text in texts if text.strip()]
        if texts:
            self.announce.emit(texts)

    # -- focus ----------------------------------------------------------------------------
    def _focus(self, item: QQuickItem | None) -> None:
        if item is not None:
            from PySide6.QtCore import Qt  # not at import: see _keys

            item.forceActiveFocus(Qt.FocusReason.TabFocusReason)

    def _clear_focus(self) -> None:
        item = self.focused()
        if item is not None:
            item.setFocus(False)

    @Slot()
    def _focus_changed(self) -> None:
        item = self.focused()
        if item is not None:
            self._last = item
        if self._keypad and item is not None and not self._quiet:
            self._say(self._parts(item))

    @Slot(str, dict)
    def _navigated(self, op: str, _route: object) -> None:
        """After a page change the focus goes on: it stays on a chrome button, returns to the
        control that opened the page, or goes to the same control (Next) or the first one."""
        before = self._last if self._last is not None and shiboken6.isValid(self._last) else None
        if op in ("reset", "start"):
            self._opened_from.clear()
            if op == "reset":  # the next patient: no focus until a key is pressed
                self._keypad, self._last = False, None
                self._clear_focus()
        if op == "push":
            self._opened_from.append(before)
        back_to = None
        if op in ("pop", "home") and self._opened_from:
            back_to = self._opened_from[0] if op == "home" else self._opened_from[-1]
            del self._opened_from[0 if op == "home" else -1 :]
        if self._keypad:
            self._settle(before, back_to)

    def _settle(self, before: QQuickItem | None, back_to: QQuickItem | None) -> None:
        targets, entry = self.targets()
        if not targets:
            return
        names = {item.objectName(): item for item in targets}
        for choice in (before, back_to):
            if choice is not None and shiboken6.isValid(choice) and choice in targets:
                self._focus(choice)
                return
        same = names.get(before.objectName()) if before is not None else None
        self._focus(same if same is not None else targets[entry])

    @Slot()
    def _warning_changed(self) -> None:
        """The idle dialog takes the focus while it shows, and gives it back."""
        if self._idle.warningVisible:
            self._before_dialog = self.focused()
            targets, _entry = self.targets()
            if self._keypad and targets:
                self._quiet = True  # kiosk/app/narration.py says the dialog and its button
                self._focus(targets[0])
                self._quiet = False
        else:
            before, self._before_dialog = self._before_dialog, None
            if self._keypad and before is not None and before in self.targets()[0]:
                self._focus(before)

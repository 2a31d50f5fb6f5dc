"""The patient app: Python QObjects that hold state, and the QML views in `qml/`."""

import os

from kiosk.ui._pyside_fix import immortalize_singletons

immortalize_singletons()
# pydantic looks for plugins (importlib.metadata, ~25 ms of start-up) unless told there are none;
# the kiosk uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

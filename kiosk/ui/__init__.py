"""Shared Qt: theme, tap guard, and the QML views in `qml/`."""

import os

# pydantic looks for plugins (importlib.metadata, ~25 ms of start-up) unless told there are none;
# the kiosk uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

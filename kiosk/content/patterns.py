"""The shapes of ids and language codes, shared by the manifest schema and the kiosk's settings.

Kept free of pydantic (standard library only) so the patient app can check settings at start
without importing the content model.
"""

from __future__ import annotations

import re

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX_LENGTH = 64
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
# A narration clip inside its bundle: narration/<language>/<name>.ogg, never anywhere else.
AUDIO_FILE_PATTERN = r"^narration/[a-z]{2,3}(-[A-Z]{2})?/[a-z0-9][a-z0-9-]{0,99}\.ogg$"

_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_AUDIO_FILE = re.compile(AUDIO_FILE_PATTERN)


def is_id(value: object) -> bool:
    """A string shaped like an id: lowercase words joined by single hyphens, at most 64 long."""
    # fullmatch, as pydantic's (Rust) regex does: Python's `$` alone would accept a trailing \n
    return isinstance(value, str) and len(value) <= ID_MAX_LENGTH and bool(_ID.fullmatch(value))


def is_lang(value: object) -> bool:
    """A string shaped like a language code: `en`, `fil`, `pt-BR`."""
    return isinstance(value, str) and bool(_LANG.fullmatch(value))


def is_audio_file(value: object) -> bool:
    """A bundle-relative narration clip path (no `..`, no absolute path, an .ogg file)."""
    return isinstance(value, str) and bool(_AUDIO_FILE.fullmatch(value))

"""Every string a patient can see, per language: each gets a text clip, so the kiosk can speak
whatever it shows (a focused button, a tile, a town name) by hashing the displayed text."""

from __future__ import annotations

from kiosk.content.bundle import Bundle
from kiosk.content.narration_units import (
    APP_TEXTS,
    DECIMAL_POINT,
    SPOKEN_NUMBERS,
    place,
    template_parts,
    text_key,
    website_label,
)

# What the decimal point's clip says, per language (primary subtag).
DECIMAL_WORDS = {"en": "point", "es": "punto"}


def _primary(lang: str) -> str:
    return lang.split("-")[0]


def spoken(s: str, lang: str) -> str:
    """What the voice says for a displayed string: itself, but for the decimal point."""
    return DECIMAL_WORDS.get(_primary(lang), s) if s == DECIMAL_POINT else s


def patient_texts(bundle: Bundle, lang: str) -> tuple[str, ...]:
    """The strings, each once (by text key), in a stable order."""
    ui = bundle.ui(lang)
    found: list[str] = []
    for value in ui.values():
        found += template_parts(value)  # the whole string when it has no placeholder
    found += [bundle.ui(other)["language_name"] for other in bundle.languages]
    found += [page.text[lang].title for page in bundle.pages]
    found.append(bundle.disclaimer[lang].title)
    found += [bundle.organization.name, website_label(bundle.organization)]
    for location in bundle.locations:
        found += [location.town, place(location)]
        found += [v for v in (location.address, location.phone, location.hours) if v]
        found += [(location.notes or {}).get(lang, "")]
    found += [str(n) for n in SPOKEN_NUMBERS]
    found.append(DECIMAL_POINT)
    found += APP_TEXTS.get(_primary(lang), ())
    unique: dict[str, str] = {}
    for s in found:
        s = " ".join(s.split())
        if s:
            unique.setdefault(text_key(s), s)
    return tuple(unique.values())

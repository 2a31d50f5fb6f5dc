"""The app's own words on the PIN pad, in the patient's language (the pad opens over a patient
session, so whoever stands there reads it). The staff panel itself is in English.

Kept here rather than in the bundle: a bundle's UI keys are fixed by its schema, and a PIN pad
must read right even on a kiosk whose content predates it.
"""

from __future__ import annotations

import math

FALLBACK = "en"

PAD_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Staff PIN",
        "prompt": "Type the staff PIN, then OK.",
        "erase": "Erase",
        "ok": "OK",
        "cancel": "Cancel",
        "checking": "Checking the PIN…",
        "wrong": "That PIN is not right. Try again.",
        "wrong_locked": "That PIN is not right. Too many tries. Try again in {wait}.",
        "locked": "Too many tries. Try again in {wait}.",
        "again": "You can try again now.",
        "too_short": "The PIN has at least {count} digits.",
        "failed": "The PIN could not be checked. Try again.",
        "not_set": ("Staff mode has no PIN yet. Ask the person who set up this kiosk to set one."),
        "second": "1 second",
        "seconds": "{count} seconds",
        "minutes": "{count} minutes",
    },
    "es": {
        "title": "PIN del personal",
        "prompt": "Escriba el PIN del personal y toque Aceptar.",
        "erase": "Borrar",
        "ok": "Aceptar",
        "cancel": "Cancelar",
        "checking": "Comprobando el PIN…",
        "wrong": "Ese PIN no es correcto. Inténtelo otra vez.",
        "wrong_locked": (
            "Ese PIN no es correcto. Demasiados intentos. Vuelva a intentarlo en {wait}."
        ),
        "locked": "Demasiados intentos. Vuelva a intentarlo en {wait}.",
        "again": "Ya puede intentarlo otra vez.",
        "too_short": "El PIN tiene al menos {count} dígitos.",
        "failed": "No se pudo comprobar el PIN. Inténtelo otra vez.",
        "not_set": (
            "El modo del personal todavía no tiene PIN. Pida a la persona que instaló este "
            "quiosco que ponga uno."
        ),
        "second": "1 segundo",
        "seconds": "{count} segundos",
        "minutes": "{count} minutos",
    },
}


def pad_texts(language: str) -> dict[str, str]:
    """The pad's words in `language`, else in English."""
    return PAD_TEXTS.get(language, PAD_TEXTS[FALLBACK])


def plain_wait(seconds: float, language: str = FALLBACK) -> str:
    """'30 seconds', '1 second', '4 minutes' (rounded up: never promise too early)."""
    words = pad_texts(language)
    whole = max(1, math.ceil(seconds))
    if whole == 1:
        return words["second"]
    if whole < 120:
        return words["seconds"].format(count=whole)
    return words["minutes"].format(count=math.ceil(whole / 60))


def locked_message(seconds: float, language: str = FALLBACK, *, wrong: bool = False) -> str:
    """'Too many tries. Try again in 30 seconds.' (after a wrong PIN, it says so first)."""
    key = "wrong_locked" if wrong else "locked"
    return pad_texts(language)[key].format(wait=plain_wait(seconds, language))

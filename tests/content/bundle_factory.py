"""A minimal valid authoring folder for tests (and the benchmark), written from scratch.

One about page, one treatment page with the five sections, the disclaimer, one location, every
UI key and small safe SVGs; in English and optionally Spanish. The sentences are short and
plain, so the folder also passes the readability checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kiosk.content.manifest import UI_KEYS

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
    '<rect x="8" y="8" width="48" height="48" rx="8" fill="#2A9D8F"/></svg>\n'
)

UI = {
    "en": {
        "language_name": "English",
        "greeting": "Welcome",
        "touch_to_start": "Touch anywhere to start",
        "promise": "What clonus is and how it is treated",
        "home": "Home",
        "back": "Back",
        "next": "Next",
        "previous": "Previous",
        "about_clonus": "About clonus",
        "treatments": "Treatment options",
        "find_location": "Find a location",
        "text_size": "Text size",
        "high_contrast": "High contrast",
        "language": "Language",
        "still_there": "Are you still there?",
        "still_here": "I'm still here",
        "resetting_in": "Starting over in {seconds} seconds",
        "you_are_here": "You are here",
        "website": "Website",
        "scan_to_take_home": "Scan with your phone to take this with you",
        "address": "Address",
        "phone": "Phone",
        "hours": "Hours",
        "call_for_details": "Ask at the front desk.",
        "callout_emergency": "Get help right away",
        "callout_doctor": "Call your doctor",
        "jump_to_questions": "Questions to ask your doctor",
        "keypad_help": "Use the arrow keys to move, Enter to choose, and Back to go back.",
        "one_moment": "One moment...",
        "all_topics": "All topics",
        "more_below": "More below",
        "distance": "{miles} miles from here",
        "county": "{county} County",
        "nearest_offices": "Our nearest other offices",
        "miles_from_office": "{miles} miles from this office",
        "listen": "Listen",
        "pause": "Pause",
        "resume": "Resume",
        "volume": "Volume",
        "quieter": "Quieter",
        "louder": "Louder",
        "section_what_it_is": "What it is",
        "section_how_it_can_help": "How it can help",
        "section_what_to_expect": "What to expect",
        "section_things_to_know": "Things to know",
        "section_questions": "Questions to ask your doctor",
    },
    "es": {
        "language_name": "Español",
        "greeting": "Bienvenidos",
        "touch_to_start": "Toque para empezar",
        "promise": "Qué es el clonus y cómo se trata",
        "home": "Inicio",
        "back": "Atrás",
        "next": "Siguiente",
        "previous": "Anterior",
        "about_clonus": "Sobre el clonus",
        "treatments": "Tratamientos",
        "find_location": "Buscar una sede",
        "text_size": "Tamaño del texto",
        "high_contrast": "Alto contraste",
        "language": "Idioma",
        "still_there": "¿Sigue ahí?",
        "still_here": "Sigo aquí",
        "resetting_in": "Volviendo al inicio en {seconds} segundos",
        "you_are_here": "Usted está aquí",
        "website": "Sitio web",
        "scan_to_take_home": "Escanee con su teléfono",
        "address": "Dirección",
        "phone": "Teléfono",
        "hours": "Horario",
        "call_for_details": "Pregunte en la recepción.",
        "callout_emergency": "Busque ayuda de inmediato",
        "callout_doctor": "Llame a su médico",
        "jump_to_questions": "Preguntas para su médico",
        "keypad_help": "Use las flechas para moverse, Intro para elegir y Atrás para volver.",
        "one_moment": "Un momento...",
        "all_topics": "Todos los temas",
        "more_below": "Hay más abajo",
        "distance": "A {miles} millas de aquí",
        "county": "Condado de {county}",
        "nearest_offices": "Nuestras otras sedes más cercanas",
        "miles_from_office": "A {miles} millas de esta sede",
        "listen": "Escuchar",
        "pause": "Pausa",
        "resume": "Seguir",
        "volume": "Volumen",
        "quieter": "Más bajo",
        "louder": "Más alto",
        "section_what_it_is": "Qué es",
        "section_how_it_can_help": "Cómo puede ayudar",
        "section_what_to_expect": "Qué esperar",
        "section_things_to_know": "Lo que debe saber",
        "section_questions": "Preguntas para su médico",
    },
}

ABOUT = {
    "en": "# What is clonus?\n\nA muscle can shake on its own. We call this clonus.\n\n"
    "## Where you feel it\n\nYou may feel it in your legs. You may feel it in your arms.\n",
    "es": "# Qué es el clonus\n\nUn músculo se mueve solo. Esto se llama clonus.\n\n"
    "## Dónde se siente\n\nLo puede sentir en las piernas. Lo puede sentir en los brazos.\n",
}

TREATMENT = {
    "en": (
        "# Stretching\n\nStretching can help your muscles.\n\n"
        "## What it is\n\nYou move your arm or leg slowly.\n\n"
        "## How it can help\n\nIt can make your muscles less tight.\n\n"
        "## What to expect\n\nA helper shows you what to do.\n\n"
        "## Things to know\n\nGo slow. Stop if it hurts.\n\n"
        "## Questions to ask your doctor\n\n- Is this safe for me?\n- How often should I do it?\n"
    ),
    "es": (
        "# Estirar\n\nEstirar le puede ayudar.\n\n"
        "## Qué es\n\nUsted mueve el brazo o la pierna con calma.\n\n"
        "## Cómo puede ayudar\n\nLos músculos se ponen menos duros.\n\n"
        "## Qué esperar\n\nUna persona le va a ayudar.\n\n"
        "## Lo que debe saber\n\nVaya con calma. Pare si le duele.\n\n"
        "## Preguntas para su médico\n\n- ¿Es bueno para mí?\n- ¿Cada cuánto lo hago?\n"
    ),
}

DISCLAIMER = {
    "en": "# Please note\n\nThis is general help. It is not advice for you. Ask your doctor.\n",
    "es": "# Aviso\n\nEsta es una ayuda general. No es un consejo. Hable con su médico.\n",
}

REVIEW = '{ by = "Test Writer, PT", on = 2024-01-01, due = 2099-01-01 }'


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bundle_toml(
    languages: Sequence[str], *, bundle_id: str, version: int, notices: Sequence[str]
) -> str:
    lines = [
        "format = 1",
        f"id = {_toml_string(bundle_id)}",
        f"version = {version}",
        "languages = [" + ", ".join(_toml_string(lang) for lang in languages) + "]",
        "notices = [" + ", ".join(_toml_string(n) for n in notices) + "]",
        'locations_illustration = "images/locations.svg"',
        "",
        "[organization]",
        'name = "Test Clinic"',
        'website = "https://clinic.example"',
        "",
        "[disclaimer]",
        'text = "pages/disclaimer"',
        f"review = {REVIEW}",
        "",
        "[[about]]",
        'id = "what-is-clonus"',
        'text = "pages/what-is-clonus"',
        'illustration = "images/what-is-clonus.svg"',
        f"review = {REVIEW}",
        "",
        "[[treatments]]",
        'id = "stretching"',
        'text = "pages/stretching"',
        'illustration = "images/stretching.svg"',
        f"review = {REVIEW}",
        "",
        "[[locations]]",
        'id = "maywood"',
        'town = "Maywood"',
        'state = "NJ"',
        "lat = 40.903",
        "lon = -74.062",
    ]
    for lang in languages:
        lines += ["", f"[ui.{lang}]"]
        lines += [f"{key} = {_toml_string(UI[lang][key])}" for key in UI_KEYS]
    return "\n".join(lines) + "\n"


def write_bundle(
    root: Path,
    *,
    languages: Sequence[str] = ("en",),
    bundle_id: str = "test-bundle",
    version: int = 1,
    notices: Sequence[str] = (),
) -> Path:
    """Writes the folder at `root` (created) and returns it. Notice files are listed in
    bundle.toml but written by the caller (the benchmark streams big ones)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pages").mkdir(exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "bundle.toml").write_text(
        bundle_toml(languages, bundle_id=bundle_id, version=version, notices=notices),
        encoding="utf-8",
    )
    for lang in languages:
        pages = {"what-is-clonus": ABOUT, "stretching": TREATMENT, "disclaimer": DISCLAIMER}
        for stem, texts in pages.items():
            (root / "pages" / f"{stem}.{lang}.md").write_text(texts[lang], encoding="utf-8")
    for name in ("locations", "what-is-clonus", "stretching"):
        (root / "images" / f"{name}.svg").write_text(SVG, encoding="utf-8")
    return root

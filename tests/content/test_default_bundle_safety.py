"""The default bundle's pages carry the safety facts a clinical review asked for.

Checked on the Markdown sources, in both languages, so a rewrite cannot drop one quietly.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from kiosk.paths import default_bundle_dir

PAGES = default_bundle_dir() / "pages"

# page -> language -> phrases the page must contain (case-insensitive).
REQUIRED: dict[str, dict[str, tuple[str, ...]]] = {
    "what-is-clonus": {
        "en": ("spasticity", "jerk", "balance"),
        "es": ("espasticidad", "sacudidas rítmicas", "equilibrio"),
    },
    "causes": {
        "en": (
            "brain or spinal cord",
            "restless",
            "confusion",
            "fast heartbeat",
            "heavy sweating",
            "shivering",
            "diarrhea",
            "twitch or jerk",
            "fever",
            "within hours",
            "face that droops",
            "note the time",
            "stiff neck",
            "breathes slowly",
        ),
        "es": (
            "cerebro o en la médula espinal",
            "inquietud",
            "confusión",
            "latidos rápidos",
            "sudar mucho",
            "escalofríos",
            "diarrea",
            "sacudidas de los músculos",
            "fiebre",
            "pocas horas",
            "la cara se cae",
            "la hora en que empezó",
            "cuello duro",
            "respira lento",
        ),
    },
    "diagnosis": {
        "en": ("implant", "medicine pump", "pacemaker", "nerve stimulator", "metal", "loud"),
        "es": ("aparato", "bomba", "marcapasos", "estimulador", "metal", "ruido"),
    },
    "medications": {
        "en": (
            "never stop",
            "seizures",
            "slowly",
            "alcohol",
            "opioids",
            "sleep medicines",
            "slow your breathing",
            "older people",
            "lung disease",
            "habit-forming",
            "liver",
            "yellow skin or eyes",
            "fall",
            "do not drive",
        ),
        "es": (
            "nunca deje",
            "convulsiones",
            "poco a poco",
            "alcohol",
            "opioides",
            "pastillas para dormir",
            "respirar más lento",
            "personas mayores",
            "pulmones",
            "crear hábito",
            "hígado",
            "ojos amarillos",
            "caerse",
            "no maneje",
        ),
    },
    "physical-therapy": {
        "en": ("fallen", "less steady"),
        "es": ("caído", "menos firmeza"),
    },
    "botox": {
        "en": (
            "spread beyond the shot",
            "hours to weeks",
            "swallowing",
            "breathing",
            "double or blurry vision",
            "drooping eyelids",
            "dysport",
            "xeomin",
            "three months",
            "do not cure",
        ),
        "es": (
            "extender más allá",
            "horas o semanas",
            "tragar",
            "respirar",
            "visión doble o borrosa",
            "párpados caídos",
            "dysport",
            "xeomin",
            "tres meses",
            "no curan",
        ),
    },
    "surgery": {
        "en": ("cannot be undone", "numb", "months of physical therapy", "pump", "tendon", "mri"),
        "es": ("deshacer", "dormidas", "meses de terapia", "bomba", "tendón", "resonancia"),
    },
    "home-care": {
        "en": ("10 to 15 minutes", "test the water", "fall", "grab bar", "bath seat", "ms"),
        "es": ("10 a 15 minutos", "pruebe el agua", "caer", "barra de apoyo", "silla de baño"),
    },
}

# Pages that name an emergency: each needs a "get help right away" callout that says 911.
EMERGENCY_PAGES = ("causes", "medications", "botox", "surgery", "disclaimer")
TREATMENTS = ("medications", "physical-therapy", "botox", "surgery", "home-care")
QUESTIONS = {
    "en": "## Questions to ask your doctor or therapist",
    "es": "## Preguntas para su médico o terapeuta",
}


def source(page: str, lang: str) -> str:
    return (PAGES / f"{page}.{lang}.md").read_text(encoding="utf-8")


def manifest() -> dict[str, Any]:
    return tomllib.loads((default_bundle_dir() / "bundle.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("page", "lang"), [(page, lang) for page in REQUIRED for lang in ("en", "es")]
)
def test_page_carries_its_safety_facts(page: str, lang: str) -> None:
    text = " ".join(source(page, lang).lower().split())
    missing = [phrase for phrase in REQUIRED[page][lang] if phrase not in text]
    assert not missing, f"{page}.{lang}.md lacks {missing}"


@pytest.mark.parametrize(
    ("page", "lang"), [(page, lang) for page in EMERGENCY_PAGES for lang in ("en", "es")]
)
def test_page_that_names_an_emergency_says_call_911_in_a_callout(page: str, lang: str) -> None:
    callouts = re.findall(r"^> \[!EMERGENCY\]\n((?:> .*\n?)+)", source(page, lang), re.M)
    assert callouts, f"{page}.{lang}.md has no EMERGENCY callout"
    assert all("911" in c for c in callouts)


def test_pages_that_name_an_emergency_declare_it() -> None:
    data = manifest()
    pages = [*data["about"], *data["treatments"]]
    declared = {p["id"] for p in pages if p.get("names_emergency")}
    assert declared == set(EMERGENCY_PAGES) - {"disclaimer"}


def test_botox_page_never_says_it_works_only_where_the_shot_goes() -> None:
    assert "only where" not in source("botox", "en").lower()
    assert "solo actúa" not in source("botox", "es").lower()


def test_clonus_is_never_called_shaking_or_tremor() -> None:
    bundle_text = (default_bundle_dir() / "bundle.toml").read_text(encoding="utf-8").lower()
    for path in PAGES.glob("*.md"):
        text = path.read_text(encoding="utf-8").lower()
        assert "shak" not in text and "tremor" not in text, path.name
        assert "tembl" not in text and "tiembl" not in text, path.name
    assert "shak" not in bundle_text and "tembl" not in bundle_text


def test_no_doses_and_no_cure_promises() -> None:
    for path in PAGES.glob("*.md"):
        text = path.read_text(encoding="utf-8").lower()
        assert not re.search(r"\d\s*(mg|milligram|miligramo|ml|units|unidades)\b", text), path
        assert not re.search(r"\b(cures|will cure|cura el|curará)\b", text), path


@pytest.mark.parametrize("page", TREATMENTS)
def test_questions_go_to_the_doctor_or_therapist(page: str) -> None:
    for lang, heading in QUESTIONS.items():
        assert heading in source(page, lang)


def test_qr_caption_says_what_the_code_opens() -> None:
    ui = manifest()["ui"]
    assert "website" in ui["en"]["scan_to_take_home"]
    assert "sitio web" in ui["es"]["scan_to_take_home"]

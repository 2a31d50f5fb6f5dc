"""Reading-level scores: Spanish pages get both Spanish formulas on correctly counted syllables."""

from __future__ import annotations

import pytest

from kiosk.content import readability

EASY_ES = "# Título\n\nEl clonus es una sacudida rítmica. Pasa en un músculo. Puede doler.\n"
HARD_ES = (
    "# Título\n\nLa administración farmacológica de relajantes musculares requiere una "
    "evaluación interdisciplinaria exhaustiva, individualizada y longitudinal.\n"
)


def test_spanish_page_has_huerta_and_inflesz() -> None:
    scores = {s.metric: s for s in readability.scores(EASY_ES, "es")}
    assert set(scores) == {"Fernández Huerta", "Szigriszt-Pazos (INFLESZ)"}
    assert all(s.level == "ok" for s in scores.values())


def test_hard_spanish_fails_huerta_and_warns_on_inflesz() -> None:
    levels = {s.metric: s.level for s in readability.scores(HARD_ES, "es")}
    assert levels == {"Fernández Huerta": "error", "Szigriszt-Pazos (INFLESZ)": "warning"}


def test_spanish_score_is_stricter_than_pyphen_count() -> None:
    # "río", "día", "país" each hide a syllable from a hyphenation dictionary.
    import textstat

    page = "# T\n\nEl río y el país. Un día frío. La tía oía.\n"
    textstat.set_lang("es")
    flattered = textstat.fernandez_huerta(readability.prose_for_scoring(page))
    (huerta, _) = readability.scores(page, "es")
    assert huerta.value < flattered - 4


@pytest.mark.parametrize("marker", ["[!EMERGENCY]", "[!DOCTOR]"])
def test_callout_marker_is_not_prose(marker: str) -> None:
    page = f"# Title\n\n> {marker}\n> Call 911 now.\n"
    assert readability.prose_for_scoring(page) == "Call 911 now."


def test_language_without_a_measure_has_no_scores() -> None:
    assert readability.scores("# Titre\n\nUn texte.\n", "fr") == ()
    assert readability.scores("# Only a title\n", "en") == ()

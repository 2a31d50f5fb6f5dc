"""Spanish syllables counted by hand, and the two reading-ease formulas built on them."""

from __future__ import annotations

import pytest

from kiosk.content import spanish

# Word, syllables (counted by hand, split shown for the reader of this test).
HAND_COUNTED = [
    ("ciudad", 2),  # ciu-dad: two weak vowels are one syllable
    ("río", 2),  # rí-o: an accented í breaks the diphthong
    ("país", 2),  # pa-ís
    ("actúa", 3),  # ac-tú-a
    ("aún", 2),  # a-ún
    ("reúne", 3),  # re-ú-ne
    ("increíble", 4),  # in-cre-í-ble
    ("oído", 3),  # o-í-do
    ("guerra", 2),  # gue-rra: silent u
    ("guitarra", 3),  # gui-ta-rra
    ("que", 1),  # silent u after q
    ("pingüino", 3),  # pin-güi-no: ü is heard
    ("agua", 2),  # a-gua: gu before a keeps its u
    ("buey", 1),  # triphthong
    ("Uruguay", 3),  # U-ru-guay
    ("averiguáis", 4),  # a-ve-ri-guáis
    ("muy", 1),  # final y is a vowel
    ("hoy", 1),
    ("y", 1),
    ("mayo", 2),  # ma-yo: y before a vowel is a consonant
    ("poeta", 3),  # po-e-ta: two strong vowels are a hiatus
    ("leer", 2),  # le-er
    ("caos", 2),
    ("aéreo", 4),  # a-é-re-o
    ("cuidado", 3),  # cui-da-do
    ("huevo", 2),  # hue-vo
    ("ahumado", 3),  # ahu-ma-do: h does not split the diphthong
    ("búho", 2),  # bú-ho
    ("médico", 3),
    ("espasticidad", 5),  # es-pas-ti-ci-dad
    ("serotoninérgico", 7),  # se-ro-to-ni-nér-gi-co
    ("convulsiones", 4),  # con-vul-sio-nes
    ("resonancia", 4),  # re-so-nan-cia
    ("Medicamentos", 5),  # capitals count the same
    ("911", 6),  # nue-ve u-no u-no
]


@pytest.mark.parametrize(("word", "expected"), HAND_COUNTED)
def test_syllables_match_a_hand_count(word: str, expected: int) -> None:
    assert spanish.syllables(word) == expected


def test_pyphen_undercounts_where_the_rules_do_not() -> None:
    # Why this module exists: hyphenation never splits off a lone vowel.
    import pyphen

    dic = pyphen.Pyphen(lang="es")
    assert len(dic.positions("río")) + 1 == 1
    assert spanish.syllables("río") == 2


def test_counts_words_sentences_and_syllables() -> None:
    c = spanish.counts("¿Qué es el clonus? Es una sacudida rítmica. Llame al 911.")
    assert c is not None
    assert (c.words, c.sentences) == (11, 3)
    # qué1 es1 el1 clo-nus2 es1 u-na2 sa-cu-di-da4 rít-mi-ca3 lla-me2 al1 911:6
    assert c.syllables == 24


def test_no_words_no_counts() -> None:
    assert spanish.counts(" ... ¿? ") is None


def test_reading_ease_formulas() -> None:
    c = spanish.Counts(words=100, syllables=200, sentences=10)
    assert spanish.fernandez_huerta(c) == pytest.approx(206.84 - 120 - 10.2)
    assert spanish.szigriszt_pazos(c) == pytest.approx(206.835 - 124.6 - 10)

"""Spanish syllables, words and sentences, and the two Spanish reading-ease formulas.

textstat counts Spanish syllables with pyphen's hyphenation points. Hyphenation is not
syllabification: a lone vowel is never split off ("río", "día", "aún" have no hyphenation
point), so pyphen undercounts and the reading ease comes out 4 to 8 points too easy. Spanish
spelling shows its syllables almost exactly, so a few rules count them correctly:

- a, e, o (strong vowels) each start a syllable of their own: two side by side are a hiatus
  ("le-er", "po-e-ta").
- i, u (weak vowels) join the strong vowel next to them: a diphthong ("cie-lo", "au-la") or a
  triphthong ("buey"). Two weak vowels together are one syllable too ("ciu-dad", "cui-da").
- an accent on a weak vowel (í, ú) breaks the diphthong: it counts as strong ("rí-o", "pa-ís",
  "ac-tú-a").
- the u of "qu", and of "gu" before e or i, is silent ("que", "gue-rra"); "ü" is heard
  ("pin-güi-no").
- y is a vowel at the end of a word or before a consonant ("muy", "hoy", "y"), otherwise a
  consonant ("ma-yo", "yo").
- h between vowels does not separate them ("ahu-ma-do"; "pro-hí-be" is split by its accent).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_STRONG = frozenset("aeoáéóíú")  # í and ú carry a written accent that breaks a diphthong
_WEAK = frozenset("iuü")
_VOWELS = _STRONG | _WEAK
# Digit strings are read one digit at a time ("911": nue-ve u-no u-no).
_DIGIT_SYLLABLES = {"0": 2, "1": 2, "2": 1, "3": 1, "4": 2, "5": 2, "6": 1, "7": 2, "8": 2, "9": 2}

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+")


def _vowel_pattern(word: str) -> str:
    """The word as a string of 'S' (strong vowel), 'W' (weak vowel) and '.' (consonant)."""
    out: list[str] = []
    for index, char in enumerate(word):
        before = word[index - 1] if index else ""
        after = word[index + 1] if index + 1 < len(word) else ""
        if char in _STRONG:
            out.append("S")
        elif char == "u" and (before == "q" or (before == "g" and after in "eiéí" and after)):
            out.append(".")  # silent u
        elif char in _WEAK:
            out.append("W")
        elif char == "y" and (not after or (after not in _VOWELS and after != "y")) and out:
            out.append("W")  # final or before a consonant: a vowel ("muy", "Dysport")
        elif char == "y" and len(word) == 1:
            out.append("W")  # the word "y"
        elif char == "h" and out and out[-1] in "SW" and after in _VOWELS:
            continue  # h between vowels joins nothing and splits nothing
        else:
            out.append(".")
    return "".join(out)


def syllables(word: str) -> int:
    """Syllables of one Spanish word (at least 1; a number is read digit by digit)."""
    word = unicodedata.normalize("NFC", word.lower())
    if word.isdigit():
        return sum(_DIGIT_SYLLABLES.get(d, 1) for d in word)
    count = 0
    for group in re.findall(r"[SW]+", _vowel_pattern(word)):
        # Each strong vowel is a nucleus; weak vowels alone form one nucleus between them.
        count += group.count("S") or 1
    return max(count, 1)


def words(text: str) -> list[str]:
    """The words of a text: runs of letters or digits ("EM", "911", "Lou-Gehrig" is one)."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences: runs of text that hold a word and end with . ! ? … (or the text's end)."""
    parts = _SENTENCE_END.split(text)
    return max(1, sum(1 for part in parts if _WORD.search(part)))


@dataclass(frozen=True)
class Counts:
    words: int
    syllables: int
    sentences: int

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences


def counts(text: str) -> Counts | None:
    """Word, syllable and sentence counts of a text; None when it has no word."""
    found = words(text)
    if not found:
        return None
    total = sum(syllables(part) for word in found for part in re.split(r"[-'’]", word) if part)
    return Counts(len(found), total, sentence_count(text))


def fernandez_huerta(c: Counts) -> float:
    """Fernández Huerta (1959) reading ease, 0-100: 70 and up is "fairly easy" (7th grade)."""
    return 206.84 - 60.0 * c.syllables_per_word - 1.02 * c.words_per_sentence


def szigriszt_pazos(c: Counts) -> float:
    """Szigriszt-Pazos perspicuity (INFLESZ scale): 65 and up is "fairly easy"."""
    return 206.835 - 62.3 * c.syllables_per_word - c.words_per_sentence

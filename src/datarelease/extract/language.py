"""The language of a text (BCP-47 primary subtag), decided from the text itself.

Each language's stop words (:mod:`datarelease.extract.vocabulary`) are counted, plus two
orthographic signs that the neighbours do not share: the infinitive marker (Norwegian ``å``,
Danish and Swedish ``at``/``att``) is in the stop words' spirit, and the letters ``æ ø`` (Danish
and Norwegian) against ``ä ö`` (Swedish and Finnish) weigh a little. Bokmål and nynorsk share most
words, so their lists hold the forms that differ (ikke/ikkje, fra/frå, hva/kva, en/ein, jeg/eg …);
Danish and bokmål differ in spelling (hvad/hva, nogle/noen, bliver/blir, af/av, meget/mye).
"""

from __future__ import annotations

import re
from collections import Counter

from datarelease.extract.vocabulary import DEFAULT_LANGUAGE, VOCABULARIES

__all__ = ["detect", "scores"]

_WORD = re.compile(r"[^\W\d_]+")
# Function words that settle close calls: the infinitive marker and a few spellings.
_SIGNS: dict[str, dict[str, float]] = {
    "å": {"nb": 1.0, "nn": 1.0},
    "at": {"da": 0.5},
    "att": {"sv": 1.0},
    "en": {"nb": 0.3, "da": 0.3, "sv": 0.3},
    "ein": {"nn": 0.5},
    "er": {"nb": 0.3, "nn": 0.3, "da": 0.3},
    "är": {"sv": 0.5},
}
_LETTERS: dict[str, dict[str, float]] = {
    "æ": {"da": 0.2, "nb": 0.2, "nn": 0.2},
    "ø": {"da": 0.2, "nb": 0.2, "nn": 0.2},
    "ä": {"sv": 0.2, "fi": 0.2},
    "ö": {"sv": 0.2, "fi": 0.2},
}
_MINIMUM = 2.0  # less evidence than this: the text does not say


def scores(text: str) -> dict[str, float]:
    """Each language's score for ``text``."""
    words = Counter(_WORD.findall(text.lower()))
    result = {language: 0.0 for language in VOCABULARIES}
    for language, vocabulary in VOCABULARIES.items():
        result[language] += sum(n for word, n in words.items() if word in vocabulary.stop_words)
    for word, weights in _SIGNS.items():
        for language, weight in weights.items():
            result[language] += weight * words.get(word, 0)
    lowered = text.lower()
    for letter, weights in _LETTERS.items():
        count = min(lowered.count(letter), 50)
        for language, weight in weights.items():
            result[language] += weight * count
    return result


def detect(text: str, *, fallback: str | None = None) -> str:
    """The best-scoring language; ``fallback`` (e.g. the page's ``lang``), else Swedish, when
    the text has too few telling words."""
    ranked = sorted(scores(text).items(), key=lambda item: (-item[1], _ORDER[item[0]]))
    best, score = ranked[0]
    if score < _MINIMUM:
        return fallback or DEFAULT_LANGUAGE
    return best


_ORDER = {language: index for index, language in enumerate(VOCABULARIES)}

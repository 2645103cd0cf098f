"""The language of a text (BCP-47 primary subtag), decided from the text itself.

Each language's stop words (:mod:`datarelease.extract.vocabulary`) are counted, plus two
orthographic signs that the neighbours do not share: the infinitive marker (Norwegian ``å``,
Danish and Swedish ``at``/``att``) is in the stop words' spirit, and the letters ``æ ø`` (Danish
and Norwegian) against ``ä ö`` (Swedish and Finnish) weigh a little. Bokmål and nynorsk share most
words, so their lists hold the forms that differ (ikke/ikkje, fra/frå, hva/kva, en/ein, jeg/eg …);
Danish and bokmål differ in spelling (hvad/hva, nogle/noen, bliver/blir, af/av, meget/mye).

A short text (a title and a sentence or two) often holds too few of those words, or holds as
many of one language's as of its neighbour's. Then character trigrams and words decide: a naive
Bayes over the profiles in ``trigrams.json``, trained on the project's own pages by
``benchmarks/language.py``, which also measures both ways on pages cut short.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from datarelease.extract.vocabulary import DEFAULT_LANGUAGE, VOCABULARIES

__all__ = ["detect", "detect_by_stop_words", "scores", "trigrams"]

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
_MINIMUM = 2.0  # less evidence than this: the stop words do not say
_DECISIVE = 2.0  # a lead smaller than this over the runner-up is a close call for the trigrams
_TRIGRAM_WORDS = 5  # fewer lower-case words of 3+ letters: the page's lang, if any, decides
_STOP_WORD_WEIGHT = 2.0  # nats per stop-word point: settles nb/nn calls the trigrams leave close
_LOWER_WORD = re.compile(r"(?<!\w)[^\W\d_A-ZÅÄÖÆØ]{3,}(?!\w)")


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


def detect(text: str, *, fallback: str | None = None,
           profiles: Mapping[str, Any] | None = None) -> str:
    """The text's language: its stop words when they are clear, else its character trigrams,
    else ``fallback`` (e.g. the page's ``lang``), else Swedish. ``profiles``: trigram profiles
    other than the shipped ones (the benchmark's held-out training)."""
    ranked = _ranked(text)
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    if score >= _MINIMUM and score - runner_up >= _DECISIVE:
        return best
    known = _profiled(profiles)
    close_call = best in known or score < _MINIMUM  # English has no profile: its words decide
    if close_call and known and len(_LOWER_WORD.findall(text)) >= _TRIGRAM_WORDS:
        return _by_trigrams(text, known, dict(ranked))
    return best if score >= _MINIMUM else fallback or DEFAULT_LANGUAGE


def detect_by_stop_words(text: str, *, fallback: str | None = None) -> str:
    """The best-scoring language by stop words alone (the detector before trigrams)."""
    best, score = _ranked(text)[0]
    return best if score >= _MINIMUM else fallback or DEFAULT_LANGUAGE


def trigrams(text: str) -> list[str]:
    """The features the profiles count: each word's character trigrams (the word padded with a
    space at both ends) and the word itself, written ``<word>`` (words settle what their
    trigrams leave close: "kommunene" against "kommunane")."""
    words = _WORD.findall(text.lower())
    padded = (f" {word} " for word in words)
    grams = [word[i:i + 3] for word in padded for i in range(len(word) - 2)]
    return grams + [f"<{word}>" for word in words]


def _ranked(text: str) -> list[tuple[str, float]]:
    return sorted(scores(text).items(), key=lambda item: (-item[1], _ORDER[item[0]]))


def _by_trigrams(text: str, profiles: Mapping[str, Any], stop_words: Mapping[str, float]) -> str:
    """Naive Bayes over trigrams, each stop word's point counting as ``_STOP_WORD_WEIGHT``."""
    grams = Counter(trigrams(text))

    def likelihood(language: str) -> float:
        profile = profiles[language]
        seen, unseen = profile["trigrams"], profile["unseen"]
        return (math.fsum(n * seen.get(gram, unseen) for gram, n in grams.items())
                + _STOP_WORD_WEIGHT * stop_words.get(language, 0.0))

    return max(sorted(profiles, key=_ORDER.__getitem__), key=likelihood)


def _profiled(profiles: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return _shipped_profiles() if profiles is None else profiles["languages"]


@cache
def _shipped_profiles() -> Mapping[str, Any]:
    text = resources.files("datarelease.extract").joinpath("trigrams.json").read_text("utf-8")
    languages: Mapping[str, Any] = json.loads(text)["languages"]
    return languages


_ORDER = {language: index for index, language in enumerate(VOCABULARIES)}

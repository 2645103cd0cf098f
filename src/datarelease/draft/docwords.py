"""The words that name a policy document ("strategi", "udspil", "esitys"), found in text: every
vocabulary's document stems as one pattern (:func:`~datarelease.draft.text.stem_pattern`), each
match with its document type. The rules ask about the same sentences and blocks again and
again, so the answers are cached.
"""

from __future__ import annotations

import functools
import re

from datarelease.draft.text import matched_stem, stem_pattern
from datarelease.draft.vocabulary import NOT_DOCUMENTS, VOCABULARIES

DOCUMENT_TYPES: dict[str, str] = {}
for _vocabulary in VOCABULARIES.values():
    for _stem, _type in _vocabulary.documents.items():
        DOCUMENT_TYPES.setdefault(_stem.lower(), _type)
DOCUMENT_WORD = stem_pattern(DOCUMENT_TYPES)


def document_words(text: str) -> list[tuple[re.Match[str], str]]:
    """Each document word in ``text`` with its type ("pressemelding" is none)."""
    return list(_document_words(text))


@functools.lru_cache(maxsize=64)
def _document_words(text: str) -> tuple[tuple[re.Match[str], str], ...]:
    return tuple((m, DOCUMENT_TYPES[matched_stem(m)]) for m in DOCUMENT_WORD.finditer(text)
                 if m.group().lower() not in NOT_DOCUMENTS)


def type_of(text: str) -> tuple[str, str] | None:
    """The first document word in ``text`` and its type."""
    found = _document_words(text)
    return (found[0][0].group(), found[0][1]) if found else None


__all__ = ["DOCUMENT_TYPES", "DOCUMENT_WORD", "document_words", "type_of"]

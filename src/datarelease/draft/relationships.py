"""Relationships between registry organisations that a sentence states: a relationship phrase
("systerorganisation", "samarbeider med", "høringssvar til", "on SKR:n sisarjärjestö") between
its subject and object, in every language's words (:mod:`datarelease.draft.vocabulary`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import (
    _TOGETHER,
    _WINDOW,
    RELATIONSHIPS,
    Fact,
    _coordinated_after,
    _coordinated_before,
    _document_words,
    _nearest_before,
    _right_after,
)
from datarelease.draft.text import Mention, OrganisationFinder, quote, sentences
from datarelease.extract import Record

SYMMETRIC = frozenset({"sister_organisation_of", "collaborates_with"})
# Being part or a member of something names it right after the phrase (an article or two at most)
_DIRECT = frozenset({"part_of", "member_of"})
_DIRECT_OBJECT = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,2}$")


def find_relationships(record: Record, source_text: str, finder: OrganisationFinder
                       ) -> list[Fact]:
    found: list[Fact] = []
    seen: set[tuple[str, str, str]] = set()
    for sentence in sentences(record):
        mentions = finder.mentions(sentence.text, we=True)
        if len(mentions) < 2:
            continue
        for predicate, pattern in RELATIONSHIPS.items():
            for phrase in pattern.finditer(sentence.text):
                if predicate == "provided_input_to" and not _names_input(sentence.text):
                    continue
                for subject, obj in _pairs(mentions, sentence.text, phrase, predicate):
                    statement = (subject.org_id, predicate, obj.org_id)
                    low, high = sorted((subject.org_id, obj.org_id))
                    unordered = (low, high, predicate)
                    if subject.org_id == obj.org_id or statement in seen or (
                            predicate in SYMMETRIC and unordered in seen):
                        continue
                    span = (min(subject.start, phrase.start()), max(obj.end, phrase.end()))
                    evidence = quote(sentence.text, source_text, around=span)
                    if evidence is None:
                        continue
                    seen.update({statement, unordered})
                    found.append(Fact(
                        {"subject": subject.org_id, "predicate": predicate,
                         "object": obj.org_id, "evidence": evidence},
                        f"'{subject.text}' … '{phrase.group()}' … '{obj.text}'"))
    return found


_POSSESSIVE = re.compile(r"(?::s|:n|s|'s|’s|')$")


def _genitives_before(mentions: Sequence[Mention], sentence: str, last: Mention | None,
                      position: int) -> list[Mention]:
    """The organisations in the genitive listed right before ``position`` ("SKR:n, KS:n ja
    KL:n sisarjärjestö"), when there are at least two of them."""
    if last is None or sentence[last.end:position].strip() or not _POSSESSIVE.search(last.text):
        return []
    chain = [m for m in _coordinated_before(mentions, sentence, last)
             if _POSSESSIVE.search(m.text)]
    return chain if len(chain) >= 2 else []


def _names_input(sentence: str) -> bool:
    """Input is something handed over: a submission-type document word must be in the sentence."""
    return any(doc_type == "submission" for _, doc_type in _document_words(sentence))


def _pairs(mentions: Sequence[Mention], sentence: str, phrase: re.Match[str], predicate: str
           ) -> list[tuple[Mention, Mention]]:
    """(subject, object) pairs a phrase states: the organisation before it (and those listed or
    joined "together with" it) and the one right after it (and those listed with it)."""
    start, end = phrase.start(), phrase.end()
    subject = _nearest_before(mentions, start)
    genitives = _genitives_before(mentions, sentence, subject, start)
    if predicate in SYMMETRIC and genitives:
        # "Kuntaliitto on SKR:n, KS:n ja KL:n sisarjärjestö": the one before the genitives is
        # the subject, each genitive an object
        owner = _nearest_before(mentions, genitives[0].start)
        if owner is None or genitives[0].start - owner.end > _WINDOW // 2:
            return []
        return [(owner, g) for g in genitives]
    obj = _right_after(mentions, sentence, end)
    if obj is not None and predicate in _DIRECT and not _DIRECT_OBJECT.match(
            sentence[end:obj.start]):
        obj = None  # "indgår i det nordiske samarbejde med SKR": SKR is not what KL is part of
    if obj is not None and subject is not None and obj.org_id == subject.org_id:
        obj = None  # "KS er vores søsterorganisation, og vi …": the object is further back
    if predicate in SYMMETRIC and subject is not None and obj is None:
        before = [m for m in mentions if m.end <= start and m.org_id != subject.org_id]
        if before and start - before[-1].end <= _WINDOW and not _TOGETHER.search(
                sentence[:subject.start]):
            return [(before[-1], subject)]
    if subject is None or obj is None or start - subject.end > 2 * _WINDOW:
        return []
    subjects = _coordinated_before(mentions, sentence, subject)
    if _TOGETHER.search(sentence[:subject.start]):
        earlier = _nearest_before(mentions, subject.start)
        if earlier is not None:
            subjects = [earlier, subject]
    return [(s, o) for s in subjects for o in _coordinated_after(mentions, sentence, obj)]


__all__ = ["SYMMETRIC", "find_relationships"]

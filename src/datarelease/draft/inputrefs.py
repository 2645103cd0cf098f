"""Input handed over whose receiver or giver is named indirectly: "lämnat ett utlåtande till
ministeriet" (a ministry named before on the page), "KS har gitt innspel til departementet";
input received "from" someone ("Regeringen har fått høringssvar fra KS", "sai Kuntaliitolta
lausunnon"). :mod:`~datarelease.draft.relationships` reads the ordinary phrases."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from datarelease.draft.facts import (
    _ALL,
    _WINDOW,
    Fact,
    _document_words,
    _nearest_before,
    _right_after,
    clause_bounds,
    relationship,
)
from datarelease.draft.modality import unasserted
from datarelease.draft.text import Mention, quote

_INPUT_NOUN = re.compile(r"(?<!\w)(?:anbefaling|rekommendation|suosituks|notat|promemoria|"
                         r"muistio|brev|kirje)\w*", re.IGNORECASE)


def names_input(sentence: str) -> bool:
    """Input is something handed over: a submission-type document word, or recommendations or a
    memo, must be in the sentence."""
    return (any(doc_type == "submission" for _, doc_type in _document_words(sentence))
            or _INPUT_NOUN.search(sentence) is not None)


# "till ministeriet", "til departementet", "ministeriölle": a ministry named before on the page
_REFERENCES = {
    "ministry": re.compile(r"(?:ministeriet|departementet|ministeriö(?:lle|ön|n)?)(?!\w)",
                           re.IGNORECASE),
    "agency": re.compile(r"(?:myndigheten|direktoratet|styrelsen|virastolle|virastoon)(?!\w)",
                         re.IGNORECASE),
}
_INPUT_GIVEN = re.compile(r"(?<!\w)(?:" + "|".join(
    rf"(?:{p})" for v in _ALL for p in v.relationships.get("provided_input_to", ())) + ")",
                          re.IGNORECASE)


def input_by_reference(sentence: str, mentions: Sequence[Mention], earlier: dict[str, str],
                        source_text: str, language: str) -> list[Fact]:
    """Input handed to an organisation the sentence names by a generic word only: "lämnat ett
    utlåtande till ministeriet" (the ministry named before on the page). The giver is the
    organisation right before the phrase."""
    if not names_input(sentence):
        return []
    facts = []
    for phrase in _INPUT_GIVEN.finditer(sentence):
        start, end = clause_bounds(sentence, phrase.start())
        if unasserted(sentence[start:phrase.end()], language, clause=sentence[start:end]):
            continue
        subject = _nearest_before(mentions, phrase.start())
        if subject is None or subject.start < start or phrase.start() - subject.end > _WINDOW:
            continue
        if any(phrase.end() <= m.start < end for m in mentions):
            continue  # a name follows: the ordinary rule reads it
        recipient = _referred(sentence[phrase.end():end], earlier)
        if recipient is None or recipient[0] == subject.org_id:
            continue
        evidence = quote(sentence, source_text,
                         around=(subject.start, phrase.end() + recipient[1]))
        if evidence is not None:
            facts.append(relationship(
                subject.org_id, "provided_input_to", recipient[0], evidence,
                f"'{subject.text}' … '{phrase.group()}' … a reference to '{recipient[0]}'"))
    return facts


def _referred(after: str, earlier: dict[str, str]) -> tuple[str, int] | None:
    """The organisation a generic word right at the start of ``after`` stands for (the last one
    of its type named before), and where the word ends. Input to a document ("innspill til
    meldingen") is a contribution to it, recorded as a role (benchmarks/drafting/GOLD.md)."""
    head = re.match(r"\s*(?:(?:den|det|de|the)\s+)?", after)
    at = head.end() if head else 0
    for org_type, pattern in _REFERENCES.items():
        word = pattern.match(after, at)
        if word is not None and org_type in earlier:
            return earlier[org_type], word.end()
    return None


# input received "from" someone: the one it came from gave it ("Regeringen har fått
# høringssvar fra KS", "Valtiovarainministeriö sai Kuntaliitolta lausunnon")
_RECEIVED = re.compile(
    r"(?<!\w)(?:fått|fick|tagit\s+emot|tog\s+emot|mottagit|fikk|mottatt|mottok|fået|fik|"
    r"modtaget|modtog)\s+(?:\w+\s+){0,3}?(?:från|fra|frå)(?!\w)", re.IGNORECASE)
_RECEIVED_FI = re.compile(r"(?<!\w)(?:sai|saivat|on\s+saanut|ovat\s+saaneet|vastaanotti)(?!\w)",
                          re.IGNORECASE)
_ABLATIVE = re.compile(r"(?:lta|ltä)$")


def input_received(sentence: str, mentions: Sequence[Mention], source_text: str,
                    language: str) -> list[Fact]:
    """Input someone received from an organisation: the giver is the name after "från"/"fra"
    (or in the Finnish ablative, "Kuntaliitolta"), the receiver the subject before the verb."""
    if not names_input(sentence):
        return []
    facts = []
    for verb in [*_RECEIVED.finditer(sentence), *_RECEIVED_FI.finditer(sentence)]:
        start, end = clause_bounds(sentence, verb.start())
        if unasserted(sentence[start:verb.end()], language, clause=sentence[start:end]):
            continue
        receiver = _nearest_before(mentions, verb.start())
        if receiver is None or receiver.start < start or verb.start() - receiver.end > _WINDOW:
            continue
        if verb.re is _RECEIVED:
            giver = _right_after(mentions, sentence, verb.end())
        else:
            giver = next((m for m in mentions if verb.end() <= m.start < end
                          and _ABLATIVE.search(m.text)), None)
        if giver is None or giver.org_id == receiver.org_id:
            continue
        evidence = quote(sentence, source_text, around=(receiver.start, max(giver.end,
                                                                             verb.end())))
        if evidence is not None:
            facts.append(relationship(
                giver.org_id, "provided_input_to", receiver.org_id, evidence,
                f"'{receiver.text}' … '{verb.group()}' … '{giver.text}': input received"))
    return facts


# "KS har i et brev til Kommunal- og distriktsdepartementet foreslått …", "SKR har i ett
# yttrande till regeringen föreslagit …", "KL har i et notat til Digitaliseringsstyrelsen
# peget på …": the input in an adverbial between the giver's auxiliary and its verb
_INPUT_ADVERBIAL = re.compile(
    r"^\s+(?:har|hade|hadde|havde|har\s+nu|har\s+nå|har\s+også|har\s+også)\s+(?:i|in)\s+"
    r"(?:(?:et|ett|eit|ei|en|sitt|sit|si|sin|sine|dess|deras|deres)\s+)?"
    r"(?P<word>\w*(?:brev|notat|skrivelse|henvendelse|henvändelse|yttrande|remissvar|"
    r"høringssvar|høyringssvar|innspill|innspel|indspil|inspel|utlåtande|uttalelse|"
    r"promemoria))\s+(?:till|til)\s+$", re.IGNORECASE)


def input_by_adverbial(sentence: str, mentions: Sequence[Mention], source_text: str,
                       language: str) -> list[Fact]:
    """Input handed over in an adverbial inside the giver's clause (see the pattern)."""
    facts = []
    for giver, receiver in itertools.pairwise(mentions):
        opening = _INPUT_ADVERBIAL.match(sentence[giver.end:receiver.start])
        if opening is None or giver.org_id == receiver.org_id:
            continue
        start, _end = clause_bounds(sentence, giver.start)
        # up to the receiver: what the letter asks for after it ("bedt om at …") is its content
        if unasserted(sentence[start:receiver.end], language,
                      clause=sentence[start:receiver.end]):
            continue  # "har ikke i et brev til …", "skal i et brev til …"
        evidence = quote(sentence, source_text, around=(giver.start, receiver.end))
        if evidence is not None:
            facts.append(relationship(
                giver.org_id, "provided_input_to", receiver.org_id, evidence,
                f"'{giver.text}' … in a '{opening['word']}' to '{receiver.text}'"))
    return facts


__all__ = ["input_by_adverbial", "input_by_reference", "input_received", "names_input"]

"""Input handed over, by structure rather than by fixed phrases: a verb of giving, sending or
delivering, something that is input (a submission-type document word, an assessment, a memo,
recommendations) and a receiving organisation, with any adverbials between them.

* Scandinavian: the giver before the verb (or right after it, behind a fronted phrase), then up
  to eight words holding the input, then "till"/"til" and the receiver: "SKR lämnade i januari
  ett underlag till regeringen", "KS har også sendt et notat med innspill til departementet".
* Finnish: the giver before the verb, the receiver in the allative and the input anywhere in the
  clause, adverbs between ("Kuntaliitto on lisäksi toimittanut hallitukselle arvion …").

Input given to a document, not to an organisation, is a contribution (GOLD.md) and is left to
the roles; negated, planned, wished or asked-for input is no input
(:mod:`~datarelease.draft.modality`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import _QUOTED, Fact, _document_words, clause_bounds, relationship
from datarelease.draft.modality import sent_for_comment, unasserted
from datarelease.draft.text import Mention, quote

# Verbs of handing over, per language, as data (regular expressions for whole words).
GIVING_VERBS = {
    "sv": (r"lämna(?:r|de|t|s)?", r"överlämna(?:r|de|t)?", r"skicka(?:r|de|t)?",
           r"ge(?:r)?", r"gav", r"gett", r"givit", r"sän(?:der|de|t)", r"överräck(?:er|te|t)",
           r"avge(?:r)?", r"avgav", r"avgett", r"avgivit"),
    "nb": (r"gi(?:r)?", r"ga", r"gav", r"gitt", r"sende(?:r)?", r"sendte", r"sendt",
           r"levere(?:r)?", r"leverte", r"levert", r"overlevere(?:r)?", r"overleverte",
           r"overlevert", r"oversende(?:r)?", r"oversendte", r"oversendt", r"avgi(?:r)?",
           r"avga", r"avgitt"),
    "nn": (r"gi(?:r)?", r"gav", r"gjeve", r"gitt", r"sende(?:r)?", r"sendt", r"levere(?:r)?",
           r"leverte", r"levert", r"overlevere(?:r)?", r"overleverte", r"overlevert"),
    "da": (r"give(?:r)?", r"gav", r"givet", r"sende(?:r)?", r"sendte", r"sendt",
           r"aflevere(?:r)?", r"afleverede", r"afleveret", r"fremsende(?:r)?", r"fremsendte",
           r"fremsendt", r"indsende(?:r)?", r"indsendte", r"indsendt", r"overdrage(?:r)?",
           r"overdrog", r"overdraget", r"afgive(?:r)?", r"afgav", r"afgivet"),
    "fi": (r"anto(?:i|ivat)", r"antanut", r"antaneet", r"antaa", r"antavat",
           r"toimitt(?:i|ivat|anut|aneet|aa|avat)", r"lähett(?:i|ivät|änyt|äneet|ää|ävät)",
           r"jätt(?:i|ivät|änyt|äneet|ää|ävät)", r"luovutt(?:i|ivat|anut|aneet|aa|avat)"),
}
# What is handed over besides a submission-type document word, per language family
_INPUT_WORDS = (r"\w*(?:notat|promemoria|brev|anbefaling|rekommendation|vurdering|bedömning|"
                r"analys|analyse|kommentar|forslag|förslag|innspill|innspel|indspil|inspel|"
                r"synspunkt|synpunkt|høringssvar|remissvar|yttrande|underlag|kunnskapsgrunnlag|"
                r"vidensgrundlag|kunskapsunderlag|input)\w*|høringsbidrag")
# Danish "bidrag" is a contribution of views; in Swedish and Norwegian it is mostly money
_DANISH_INPUT = re.compile(r"(?<!\w)bidrag(?:et|ene|ene)?(?!\w)", re.IGNORECASE)
_INPUT_WORDS_FI = (r"\w*(?:lausun|arvio|selvity|kannanot|muistio|ehdotu|palaute|palautte|aloite|"
                   r"aloittee|kirje|näkemy|suositu|suosituks|kommenti|laskelm)\w*")
_GIVING = {
    language: re.compile(r"(?<!\w)(?:" + "|".join(verbs) + r")(?!\w)", re.IGNORECASE)
    for language, verbs in GIVING_VERBS.items()
}
# verb … input … "till": at most eight words between, no clause break, no full stop
_TO_RECEIVER = re.compile(r"^(?P<between>(?:\s+[^\W\d_][\w-]*){1,8}?)\s+(?:till|til)\s+"
                          r"(?:(?:den|det|de)\s+)?", re.IGNORECASE)
_INPUT = re.compile(rf"(?<!\w){_INPUT_WORDS}", re.IGNORECASE)
_INPUT_FI = re.compile(rf"(?<!\w){_INPUT_WORDS_FI}", re.IGNORECASE)
_ALLATIVE = re.compile(r"lle$")
# a request or a commission handed over: the receiver is asked, nothing is given to it
_REQUEST = re.compile(r"(?<!\w)\w*(?:pyyn|pyyd|pyyt|tehtävä|toimeksian|uppdrag|oppdrag|opdrag|"
                      r"anmodning|begäran|forespørsel|forespørgsel|bestilling|beställning)\w*",
                      re.IGNORECASE)
# auxiliaries and adverbials between the giver and the verb, lowercase: "har i sidste uge desuden"
_AUXILIARY = re.compile(r"^\s+(?:[a-zåäöæøü]+\s+){0,6}$")
_FRONTED = re.compile(r"^\s*(?:[^\W\d_]+\s+){1,3}$")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÅÄÖÆØÜ]")
# up to three words after an indirect object: "input", "et notat", "ett nytt underlag"
_REACH = 300
_POSSESSIVE = re.compile(r"(?:[a-zåäöæø]s|'s|’s|:s|')$")
_NEXT_WORDS = re.compile(r"^(?:\s+[^\W\d_]+){1,3}")
# the receiver alone before the giver, at the start of the sentence
_FRONTED_ALLATIVE = re.compile(r"^\s*[A-ZÅÄÖ][^\W\d_]*lle\s+$")


def _giver(mentions: Sequence[Mention], sentence: str, verb: re.Match[str], start: int
           ) -> Mention | None:
    """The organisation that gives: the last one before the verb in its clause with at most
    six lowercase words between (auxiliaries, adverbials: "har i dag", "on lisäksi"), or the one right
    after the verb behind a fronted phrase ("I januari lämnade SKR …")."""
    before = [m for m in mentions if start <= m.start and m.end <= verb.start()]
    if before and _AUXILIARY.match(sentence[before[-1].end:verb.start()]):
        return before[-1]
    if _FRONTED.match(sentence[start:verb.start()]):
        return next((m for m in mentions if m.start == verb.end() + 1), None)
    return None


def _is_input(text: str, family: str) -> bool:
    return (_INPUT.search(text) is not None or any(t == "submission" for _, t in _document_words(text))
            or (family == "da" and _DANISH_INPUT.search(text) is not None
                and not re.search(r"\d|økonomisk|tilskud", text, re.IGNORECASE)))


def _indirect_object(sentence: str, mentions: Sequence[Mention], after: int, end: int,
                     family: str) -> tuple[Mention, int] | None:
    """The receiver right after the verb, the input after it: "har givet Digitaliserings-
    ministeriet input til …", "har gett Vinnova ett underlag inför …"."""
    receiver = next((m for m in mentions if m.start == after + 1 and m.end <= end), None)
    if receiver is None or _POSSESSIVE.search(receiver.text) or sentence[receiver.end:][:1] != " ":
        return None  # "sendt Digitaliseringsstyrelsens notat til …": whose, not to whom
    following = _NEXT_WORDS.match(sentence[receiver.end:end])
    return (receiver, receiver.end) if following and _is_input(following.group(), family) else None


def _scandinavian(sentence: str, mentions: Sequence[Mention], verb: re.Match[str],
                  giver: Mention, end: int, family: str) -> tuple[Mention, int] | None:
    after = verb.end() if giver.start < verb.start() else giver.end
    indirect = _indirect_object(sentence, mentions, after, end, family)
    found = _TO_RECEIVER.match(sentence[after:end])
    if indirect is not None or found is None or not _is_input(found["between"], family):
        return indirect
    between = found["between"]
    if _CAPITALISED.search(between):
        return None  # a name or a title between: the input is someone else's or a document's
    at = after + found.end()
    receiver = next((m for m in mentions if m.start == at), None)
    return (receiver, at) if receiver is not None else None


def _finnish(sentence: str, mentions: Sequence[Mention], verb: re.Match[str],
             giver: Mention, end: int, family: str) -> tuple[Mention, int] | None:
    clause = sentence[giver.end:end]
    if not _INPUT_FI.search(clause):
        return None
    receiver = next((m for m in mentions if verb.end() <= m.start < end
                     and _ALLATIVE.search(m.text)), None)
    if receiver is None and _FRONTED_ALLATIVE.match(sentence[:giver.start]):
        # "Valtiovarainministeriölle Kuntaliitto toimitti … laskelman": the receiver fronted
        receiver = next((m for m in mentions if m.end <= giver.start and _ALLATIVE.search(m.text)),
                        None)
    return (receiver, receiver.end) if receiver is not None else None


_GIVING_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(v for vs in GIVING_VERBS.values() for v in vs)
                            + r")\s+$", re.IGNORECASE)


def receives(sentence: str, position: int) -> bool:
    """Whether the organisation at ``position`` is the indirect object of a verb of giving ("har
    gitt Digdir innspill til …"): it receives the input, it gives none."""
    return _GIVING_BEFORE.search(sentence[max(0, position - 40):position]) is not None


def input_handed_over(sentence: str, mentions: Sequence[Mention], source_text: str,
                      language: str) -> list[Fact]:
    """``provided_input_to`` facts the sentence states by a verb of handing over (see the
    module)."""
    family = language.split("-")[0]
    giving = _GIVING.get(family)
    if giving is None or len(mentions) < 2 or _QUOTED.search(sentence):
        return []  # a titled document handed over has addressees, not input givers
    facts: list[Fact] = []
    for verb in giving.finditer(sentence):
        start, end = clause_bounds(sentence, verb.start())
        # a clause is read within a window around its verb: a "clause" of thousands of
        # characters (a hostile page) is not read again for every verb in it
        start, end = max(start, verb.start() - _REACH), min(end, verb.end() + _REACH)
        giver = _giver(mentions, sentence, verb, start)
        if giver is None:
            continue
        read = (_finnish if family == "fi" else _scandinavian)(sentence, mentions, verb, giver,
                                                               end, family)
        if read is None or read[0].org_id == giver.org_id:
            continue
        receiver, _ = read
        if any((f.data["subject"], f.data["object"]) == (giver.org_id, receiver.org_id)
               for f in facts):
            continue  # the same input again in one sentence: one fact, quoted once
        if unasserted(sentence[start:max(verb.end(), giver.end)], language,
                      clause=sentence[start:end]):
            continue  # "har inte lämnat", "aikoo toimittaa", "ber KS om å sende"
        if sent_for_comment(sentence[start:end], language) or _REQUEST.search(sentence[start:end]):
            continue  # "sendt forslaget på høring til KS", "lähetti … lausuntopyynnön",
            # "antoi Kuntaliitolle tehtävän": asked for input, or given a task, is no input
        evidence = quote(sentence, source_text,
                         around=(min(giver.start, verb.start()), max(receiver.end, verb.end())))
        if evidence is not None:
            facts.append(relationship(
                giver.org_id, "provided_input_to", receiver.org_id, evidence,
                f"'{giver.text}' … '{verb.group()}' … input … '{receiver.text}': handed over"))
    return facts


__all__ = ["GIVING_VERBS", "input_handed_over", "receives"]

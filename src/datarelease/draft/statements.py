"""A statement by one organisation about another's document: "Kuntaliitto on antanut lausunnon
valtiovarainministeriön luonnoksesta ”X”", "SKR har lämnat ett remissvar på regeringens utkast
till strategin ”X”", "KS har sendt høringssvar på departementets utkast til strategien «X»".

The document is the one the statement is about (``benchmarks/drafting/GOLD.md``, "Input to a
document"): the organisation giving the statement is its ``contributor``, and an organisation in
the genitive between the statement word and the title ("valtiovarainministeriön luonnoksesta",
"regeringens utkast till") is whose the document is, so its issuer when none was found. The
statement itself is no document of its own: a linked file that only names it ("Kuntaliiton
lausunto kuntatalousohjelman luonnoksesta (pdf)") is dropped once the statement is tied to the
document. And the owner in the Finnish genitive is no receiver of input (the receiver takes the
allative, "valtiovarainministeriölle").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import Document, Fact, _document_words, clause_bounds
from datarelease.draft.modality import unasserted
from datarelease.draft.text import Mention, OrganisationFinder, quote, sentences
from datarelease.extract import Record

# between the giver and the statement word: auxiliaries, verbs, adverbials, an article
_GIVER_GAP = re.compile(r"^(?::s|:n|s|'s|’s|')?(?:\s+[a-zåäöæøü][\w-]*){0,6}\s+$")
# a genitive owner: "valtiovarainministeriön", "regeringens", "departementets", "KL's", "SKR:s"
_OWNER_FORM = re.compile(r"(?::s|:n|'s|’s|s)$")
_OWNER_FORM_FI = re.compile(r"(?::n|(?<!l)(?<!s)n)$")
# a receiver named: "remissvar till regeringen", "lausunnon valtiovarainministeriölle"; then the
# statement is input to the receiver (relationships), not a role in the document (GOLD.md)
_TO = re.compile(r"(?<!\w)(?:till|til|to)\s+$", re.IGNORECASE)
# asked for, not given: "lähetti … lausunnolle", "lausuntopyyntö"
_ASKED = re.compile(r"lle$|pyyn|pyyd", re.IGNORECASE)
_OWNS_NEXT = re.compile(r"^\s+[a-zåäöæøü]")
_FINNISH_GENITIVE = re.compile(r"(?<!l)(?<!s)n$")


def _giver(mentions: Sequence[Mention], sentence: str, word_start: int, clause_start: int
           ) -> Mention | None:
    before = [m for m in mentions if clause_start <= m.start and m.end <= word_start]
    if before and _GIVER_GAP.match(sentence[before[-1].end - _suffix(before[-1]):word_start]):
        return before[-1]
    return None


def _suffix(mention: Mention) -> int:
    found = re.search(r"(?::s|:n|'s|’s|')$", mention.text)
    return len(found.group()) if found else 0


def _owner(mentions: Sequence[Mention], sentence: str, start: int, end: int,
           giver: Mention, finnish: bool) -> Mention | None:
    """The organisation in the genitive before a noun between the statement word and the title."""
    form = _OWNER_FORM_FI if finnish else _OWNER_FORM
    for mention in mentions:
        if start <= mention.start and mention.end <= end and mention.org_id != giver.org_id \
                and form.search(mention.text) and _OWNS_NEXT.match(sentence[mention.end:]):
            return mention
    return None


def _names_receiver(mentions: Sequence[Mention], sentence: str, start: int, end: int,
                    finnish: bool) -> bool:
    return any(start <= m.start < end and (
        _TO.search(sentence[max(0, m.start - 8):m.start])
        or (finnish and m.text.endswith("lle"))) for m in mentions)


def statement_roles(record: Record, source_text: str, documents: list[Document],
                    finder: OrganisationFinder) -> None:
    """Tie statements to the documents they are about (see the module); drop linked files that
    only name such a statement."""
    tied = False
    finnish = record.language.split("-")[0] == "fi"
    for sentence in sentences(record):
        text = sentence.text
        statement_words = [m for m, kind in _document_words(text)
                           if kind == "submission" and not _ASKED.search(m.group())]
        if not statement_words:
            continue
        mentions = finder.mentions(text, we=True)
        for word in statement_words:
            clause_start, clause_end = clause_bounds(text, word.start())
            for document in documents:
                if document.type == "submission":
                    continue
                title = text.find(document.title, word.end(), clause_end + len(document.title))
                if title < 0:
                    continue
                giver = _giver(mentions, text, word.start(), clause_start)
                if giver is None or _names_receiver(
                        mentions, text, word.end(), clause_end, finnish) or unasserted(
                        text[clause_start:word.end()], record.language,
                        clause=text[clause_start:clause_end]):
                    continue
                tied = True
                owner = _owner(mentions, text, word.end(), title, giver, finnish)
                if document.issuer == giver.org_id:
                    # "SKR:s remissvar på strategin "X"", "Umeå kommun har lämnat ett yttrande
                    # över … "X"": the giver issued the statement, not the document it is about
                    document.issuer, document.issuer_why = None, ""
                if document.issuer is None and owner is not None:
                    document.issuer = owner.org_id
                    document.issuer_why = (f"the document is '{owner.text}' own, "
                                           f"'{word.group()}' of '{giver.text}' is about it")
                evidence = quote(text, source_text, around=(giver.start, title))
                if evidence is not None and giver.org_id != document.issuer and not any(
                        r.data["organisation"] == giver.org_id for r in document.roles):
                    document.roles.append(Fact(
                        {"organisation": giver.org_id, "role": "contributor",
                         "evidence": evidence},
                        f"'{giver.text}' gave a statement ('{word.group()}') on the document"))
    if tied:
        documents[:] = [d for d in documents if not (d.link and d.evidence == d.link
                                                     and d.type == "submission")]


def owner_not_receiver(sentence: str, mention: Mention, language: str) -> bool:
    """"antanut lausunnon valtiovarainministeriön luonnoksesta": a Finnish genitive before a
    noun owns it; it receives nothing."""
    return (language.split("-")[0] == "fi" and _FINNISH_GENITIVE.search(mention.text) is not None
            and _OWNS_NEXT.match(sentence[mention.end:]) is not None)


__all__ = ["owner_not_receiver", "statement_roles"]

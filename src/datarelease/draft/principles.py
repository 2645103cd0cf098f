"""Principles: a list that the text introduces as a policy document's principles, steps or
starting points, in order.

Two rules propose a list, each for a list of statements (every item a sentence of three words or
more) that is not introduced as someone's demands, a report's findings, questions, a programme or
a list of members:

* the introducing sentence names principles ("tre principer", "periaatteet", "utgångspunkter");
* structure, for the words no vocabulary holds ("fem hållpunkter", "fire ledestjerner", "neljän
  tukipilarin varaan"): the introducing sentence ends in ":", names the document (its title, or
  the document word that refers to it, "Strategien har …", "I veilederen pekes det ut …") before
  any organisation other than its issuer, and every item starts with a capital and ends a
  sentence with "." or "!". What the document is called is not a cue: "Suositus rakentuu …" is
  not a list of recommendations.

A number the introduction states ("fire", "kolme", "5") must be the number of items. On a page
about one document, such a count is enough in place of the document's name ("Dessa fyra
punkter står i centrum:"), when no one speaks in the sentence and nothing says the list is
something else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from datarelease.draft.facts import (
    _ALL,
    _DEFINITE,
    DOCUMENT_WORD,
    Document,
    Fact,
    _document_words,
    _type_of,
    refers_to,
    vocabulary,
)
from datarelease.draft.principle_words import MORE_PRINCIPLE_WORDS, NOT_PRINCIPLE_WORDS
from datarelease.draft.reform import reform_word, reformed_document
from datarelease.draft.text import (
    OrganisationFinder,
    blocks,
    matched_stem,
    noun_ending,
    quote,
    split_sentences,
    word_pattern,
)
from datarelease.draft.vocabulary import VOCABULARIES
from datarelease.extract import Record
from datarelease.normalise import normalise_text

_PRINCIPLE_WORDS = (*(w for v in _ALL for w in v.principle_words),
                    *(w for words in MORE_PRINCIPLE_WORDS.values() for w in words))
PRINCIPLE_WORD = word_pattern(_PRINCIPLE_WORDS)
_NOT_A_PRINCIPLE_WORD = re.compile("|".join(re.escape(w) for w in NOT_PRINCIPLE_WORDS),
                                   re.IGNORECASE)
# (the boundaries stand outside each alternation, so a position inside a word fails at once)
NOT_PRINCIPLE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for v in _ALL for w in v.not_principle_words) + ")",
    re.IGNORECASE)
PROPOSAL = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for v in _ALL for w in v.proposal_words) + ")",
    re.IGNORECASE)
# questions, programmes, agendas, members, recommendations: lists a document has that are not its
# principles (checked only by the structural rule, which has no principle word to go by)
OTHER_LIST = re.compile(
    r"(?<!\w)[^\W\d_]*(?:" + "|".join(re.escape(w) for v in _ALL for w in v.other_list_words)
    + ")", re.IGNORECASE)
_NUMBER = re.compile(r"(?<!\w)(\d{1,2}|[^\W\d_]+)(?!\w)")
_PRINCIPLE_STEMS = frozenset(w.lower() for w in _PRINCIPLE_WORDS)
# "Anna Lindqvist, kommundirektör i Närpes": a person and their post, not a statement
_PERSON_ITEM = re.compile(r"^[A-ZÅÄÖÆØÜ][\w-]+\s+[A-ZÅÄÖÆØÜ][\w-]+,")


@functools.lru_cache(maxsize=16)
def _numbers(language: str) -> dict[str, int]:
    """Every language's number words, the page language's own first."""
    return {**{k: v for voc in _ALL for k, v in voc.numbers.items()},
            **vocabulary(language).numbers}


def _stated_count(text: str, language: str) -> int | None:
    numbers = _numbers(language)
    for match in _NUMBER.finditer(text):
        word = match.group(1).lower()
        if word.isdigit():
            return int(word)
        if word in numbers:
            return numbers[word]
    return None


def _introductions(record: Record) -> list[tuple[str, tuple[str, ...]]]:
    """Each list with the block that introduces it (the paragraph or heading just before)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    page = blocks(record)
    for items in record.lists:
        for index in range(1, len(page)):
            if tuple(page[index:index + len(items)]) == items:
                found.append((page[index - 1], items))
                break
    return found


# "inte", "ikke", "ikkje", "ei ole", "eivät" (not the nynorsk article "ei"): "Det är inte
# principer utan konkreta steg"
NEGATION = re.compile(r"(?<!\w)(?:inte|icke|ikke|ikkje|eivät|eikä|ei\s+ole|not)(?!\w)", re.IGNORECASE)


def _principle_word(intro: str) -> re.Match[str] | None:
    """The first word that introduces principles; a document word built on one
    ("periaatepäätöksen", "principbeslut": a decision in principle) does not, nor one the
    sentence negates before it ("Det är inte principer utan …")."""
    for match in PRINCIPLE_WORD.finditer(intro):
        if _NOT_A_PRINCIPLE_WORD.search(match.group()):
            continue  # "utvärderingen", "begrepene": a word that holds one by chance
        if NEGATION.search(intro, 0, match.start()):
            return None
        document = DOCUMENT_WORD.fullmatch(match.group())
        if document is None or matched_stem(document).rstrip("*") in _PRINCIPLE_STEMS:
            return match
    return None


def _statement_like(items: Sequence[str]) -> bool:
    """Principles are statements: every item has at least three words and ends a sentence of
    its own. Labels, links and breadcrumbs ("Etusivu", "Uutiset"), people and their posts, and
    items that go on the introducing sentence ("pysyvää rahoitusta …,") are not."""
    return all(len(item.split()) >= 3 and not item.rstrip().endswith((",", ";"))
               and not _PERSON_ITEM.match(item) for item in items)


_CAPITALISED_LATER = re.compile(r"\s[A-ZÅÄÖÆØÜ]")


def _noun_phrases(items: Sequence[str]) -> bool:
    """Short lowercase items that are no sentences: "den äldres självbestämmande", "tiedolla
    johtaminen", "rask og treffsikker busetjing" — one to ten words, no figures, no name
    (partners, people, links, breadcrumbs and programme points are capitalised), not a
    question and not the rest of the introducing sentence."""
    return len(items) >= 2 and all(
        item[:1].islower() and 1 <= len(item.split()) <= 10
        and not re.search(r"[\d?:;,.!]\s*$|\d", item)
        and not _CAPITALISED_LATER.search(item) and not _PERSON_ITEM.match(item)
        for item in items)


# "Den vilar på …", "Se perustuu …": a pronoun as the subject, on a page about one document
_PRONOUN_SUBJECT = re.compile(r"^(?:den|det|denne|dette|dei|de|se|ne)(?!\w)", re.IGNORECASE)


def _subject_document(intro: str, documents: Sequence[Document]) -> Document | None:
    """The document the introducing sentence has as its subject: its title, or a document
    word that refers to it, among the first three words ("Strategin står på …", "Handbokens
    utgångspunkter …", "Avtalen kviler på …"), or a pronoun on a page about one document."""
    if len(documents) == 1 and _PRONOUN_SUBJECT.match(intro):
        return documents[0]
    opening = " ".join(intro.split()[:3])
    for document in documents:
        if intro.casefold().startswith(document.title.casefold()):
            return document
    words = [m for m, _type in _document_words(opening)]
    if not words:
        return reformed_document(intro, documents)  # "Reformen bygger på följande:"
    subject = opening[:words[0].end()]
    targets = [d for d in documents if refers_to(subject, d, documents)]
    if len(targets) != 1 and len(documents) == 1 and _points_back(subject, words[0]):
        targets = list(documents)
    return targets[0] if len(targets) == 1 else None


# what a document rests on or puts weight on, uncounted: "Strategin bygger på följande:",
# "Veilederen legger vekt på:", "Strategien sætter fokus på:", "Ohjelma perustuu seuraaviin:"
_FOUNDED_ON = re.compile(
    r"(?<!\w)(?:bygger\s+på|byggjer\s+på|vilar\s+på|hviler\s+på|kviler\s+på|"
    r"utgår\s+från|tar\s+utgangspunkt\s+i|tek\s+utgangspunkt\s+i|tager\s+udgangspunkt\s+i|"
    r"lägger\s+(?:\w+\s+)?vikt\s+vid|legger\s+(?:\w+\s+)?vekt\s+på|legg\s+(?:\w+\s+)?vekt\s+på|"
    r"lægger\s+(?:\w+\s+)?vægt\s+på|sætter\s+(?:\w+\s+)?fokus\s+på|perustuu|nojaa|painottaa)"
    r"(?!\w)", re.IGNORECASE)


def _noun_phrase_target(intro: str, items: Sequence[str], stated: int | None,
                        documents: Sequence[Document], finder: OrganisationFinder
                        ) -> tuple[Document, str] | None:
    """A list of noun phrases the document has as its principles: the introduction ends in
    ":", has the document as its subject, and names principles (a principle word) or counts
    the items; no one else speaks in it and no cue makes the list demands, findings, figures,
    a programme, an agenda or members."""
    if not intro.rstrip().endswith(":") or not _noun_phrases(items) or any(
            finder.mentions(item) for item in items):
        return None  # names of organisations are no principles
    word = _principle_word(intro)
    if word is None and stated != len(items) and not _FOUNDED_ON.search(intro):
        return None
    target = _subject_document(intro, documents)
    if target is None:
        return None
    span = _reference(intro, target)
    rest = intro if span is None else intro[:span[0]] + " " + intro[span[1]:]
    if NOT_PRINCIPLE.search(rest) or OTHER_LIST.search(rest):
        return None
    if any(m.org_id != target.issuer for m in finder.mentions(intro, we=True)):
        return None  # "Förbundet anser att strategins utgångspunkter …": someone's view
    return target, word.group() if word is not None else intro.rstrip(" :")


def _sentences_of_their_own(items: Sequence[str]) -> bool:
    """Every item starts with a capital and ends with "." or "!": statements, not questions,
    programme points or the rest of the introducing sentence; and not half the items or more
    give a figure ("Anlægsrammen er på 21,5 mia. kr.": an agreement's figures, not its
    principles)."""
    figures = sum(1 for item in items if re.search(r"\d", item))
    return (all(item[:1].isupper() and item.rstrip().endswith((".", "!")) for item in items)
            and 2 * figures < len(items))


_FINNISH_STEMS = frozenset(stem.lower() for stem in VOCABULARIES["fi"].documents)
_GENITIVE_BEFORE = re.compile(r"[^\W\d_]{2,}(?:n|s|:n|:s)\s+$")


def _same_word(word: str, naming: str) -> bool:
    """Whether ``word`` is a form of the word that named the document: "strategien" of
    "Digitaliseringsstrategi" (the same document stem), "Suositus" of "suosituksen", "planen" of
    "plan" (the same first five letters, or all of the shorter word)."""
    if not naming:
        return False
    naming = naming.split()[-1]  # "hallituksen esityksen": the noun is the last word
    named = DOCUMENT_WORD.fullmatch(naming)
    if named is not None and matched_stem(named) == matched_stem(DOCUMENT_WORD.fullmatch(word)
                                                                 or named):
        return True
    a, b = word.casefold(), naming.casefold()
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                  min(len(a), len(b)))
    return shared >= min(5, len(a), len(b))


def _points_back(intro: str, match: re.Match[str]) -> bool:
    """A document word in a form that points back to a document already named: definite
    ("strategin", "udspillet") or genitive ("rapportens"); in Finnish, which has no articles,
    any form not owned by a genitive before it ("Webinaarin ohjelma" is the webinar's
    programme). An indefinite "Program för …" names something new."""
    finnish = match["star"] is not None or matched_stem(match) in _FINNISH_STEMS
    if finnish:
        return not _GENITIVE_BEFORE.search(intro[:match.start()])
    return noun_ending(match) in _DEFINITE or noun_ending(match) in ("ens", "ets", "s")


def _reference(intro: str, document: Document) -> tuple[int, int] | None:
    """Where ``intro`` names ``document``: its title, else the word that named it in a form
    that points back to it ("Programmet:" on a page about a färdplan is an event's programme)."""
    at = intro.casefold().find(document.title.casefold())
    if at >= 0:
        return at, at + len(document.title)
    for match, _type in _document_words(intro):
        if _same_word(match.group(), document.word) and _points_back(intro, match):
            return match.span()
    return None


def _structural_target(intro: str, items: Sequence[str], documents: Sequence[Document],
                       finder: OrganisationFinder) -> tuple[Document, str] | None:
    """The document whose list the structure says this is (see the module), and the words
    that name it."""
    if not intro.rstrip().endswith(":") or not _sentences_of_their_own(items):
        return None
    targets = [d for d in documents if refers_to(intro, d, documents)]
    if len(targets) != 1:
        return None
    span = _reference(intro, targets[0])
    if span is None:
        return None
    before = [m for m in finder.mentions(intro[:span[0]], we=True)
              if m.org_id != targets[0].issuer]
    if before:
        return None  # "Kommunförbundet anser att strategin …": someone else's view of it
    rest = intro[:span[0]] + " " + intro[span[1]:]  # the document's name is no cue
    if NOT_PRINCIPLE.search(rest) or OTHER_LIST.search(rest):
        return None
    return targets[0], intro[span[0]:span[1]]


# "Förslaget vilar på fyra bärande tankar:", "Forslaget bygger på tre grep:", "Ehdotus
# perustuu kolmeen periaatteeseen:": the proposal the page is about, as the subject of a verb of
# resting on something, is the document, not someone's proposal
_RESTS_ON = re.compile(r"^(?:förslaget|forslaget|ehdotus)\s+(?=(?:vilar|bygger|hviler|baserer\s+seg|"
                       r"baserar\s+sig|perustuu|rakentuu|nojaa)(?!\w))", re.IGNORECASE)


def _counted_target(intro: str, items: Sequence[str], documents: Sequence[Document],
                    finder: OrganisationFinder) -> tuple[Document, str] | None:
    """"Dessa fyra punkter står i centrum:" on a page about one document: a sentence that
    counts the items it introduces, names no other document and no one who speaks, over items
    that are sentences, introduces the document's list."""
    if (len(documents) != 1 or len(items) < 2 or not intro.rstrip().endswith(":")
            or not _sentences_of_their_own(items)):
        return None
    named = _type_of(intro)
    if named is not None and not refers_to(intro, documents[0], documents):
        return None  # another document's list
    cues = _RESTS_ON.sub("", intro)  # "Förslaget vilar på …": the proposal is the document
    if finder.mentions(intro, we=True) or NOT_PRINCIPLE.search(cues) or OTHER_LIST.search(cues):
        return None  # someone's demands or views, findings, questions, a programme
    return documents[0], intro.rstrip(" :")


def _word_target(intro: str, documents: Sequence[Document], finder: OrganisationFinder
                 ) -> tuple[Document, str] | None:
    """The document whose list a principle word introduces, and that word."""
    word = _principle_word(intro)
    if word is None:
        return None
    targets = [d for d in documents if refers_to(intro, d, documents)]
    if len(targets) != 1 and len(documents) == 1 and (
            _type_of(intro) is None or _reference(intro, documents[0]) is not None):
        # "The principles are:" on a page about one document, or one that names it by a
        # form of the word that named it ("Esityksen lähtökohtina ovat:")
        targets = list(documents)
    if len(targets) != 1:
        reformed = reformed_document(intro, documents)
        if reformed is None or any(reform_word(m.group()) is None
                                   for m, _type in _document_words(intro)):
            return None  # "Uudistuksen lähtökohtina ovat …": the one bill the page is about
        targets = [reformed]
    if NOT_PRINCIPLE.search(intro) and not _proposed_by_the_document(intro, word, targets[0],
                                                                        finder) \
            and not _according_to_the_document(intro, targets[0]):
        return None
    return targets[0], word.group()


# "according to": before the document ("Ifølge meldingen", "Enligt rapporten") or, in Finnish,
# after it ("strategian mukaan")
_ACCORDING = re.compile(r"(?<!\w)(?:ifølge|ifølgje|enligt|according\s+to)\s+(?P<after>\w+)"
                        r"|(?P<before>\w+)\s+mukaan(?!\w)", re.IGNORECASE)


def _according_to_the_document(intro: str, document: Document) -> bool:
    """"Ifølge meldingen skal fem prinsipper ligge til grunn", "Fire principper skal ifølge
    aftalen styre": principles the text gives as the document's own are its principles, when
    "according to the document" is the only cue against it (a finding has no principle word)."""
    spans = []
    for match in _ACCORDING.finditer(intro):
        word = match["after"] or match["before"]
        named = DOCUMENT_WORD.fullmatch(word)
        if named is None or not (_same_word(word, document.word)
                                 or _document_type_of(word) == document.type):
            return False  # according to someone else, or another document
        spans.append(match.span())
    cues = list(NOT_PRINCIPLE.finditer(intro))
    return bool(spans) and all(any(a <= c.start() < b for a, b in spans) for c in cues)


def _document_type_of(word: str) -> str | None:
    found = _type_of(word)
    return found[1] if found else None


def _proposed_by_the_document(intro: str, word: re.Match[str], document: Document,
                              finder: OrganisationFinder) -> bool:
    """"Utvalget foreslår at loven skal bygge på disse prinsippene", "Betänkandet föreslår …
    tre principer": principles a report or its committee proposes are the report's. Only a
    proposal cue is waived, and only when no organisation but the document's issuer speaks
    before the principle word ("SKR föreslår fem principer" is SKR's proposal)."""
    cues = [m for m in NOT_PRINCIPLE.finditer(intro)]
    if not all(PROPOSAL.match(intro, m.start()) for m in cues):
        return False
    speakers = [m for m in finder.mentions(intro[:word.start()], we=True)
                if m.org_id != document.issuer]
    return not speakers


def _heading_items(record: Record, start: int) -> list[str]:
    """The headings of the sections after ``start`` that each head a paragraph or more and
    read as a principle: two to ten words, lowercase after the first letter, no document word
    ("Strategian valmistelu" is about the document, not in it), no cue for another list."""
    items: list[str] = []
    for section in record.sections[start + 1:]:
        heading = section.heading or ""
        phrase = heading[:1].lower() + heading[1:]
        if (not section.paragraphs or len(heading.split()) < 2 or not _noun_phrases([phrase, phrase])
                or _document_words(heading) or NOT_PRINCIPLE.search(heading)
                or OTHER_LIST.search(heading)):
            break
        items.append(heading)
    return items


def _heading_intro(section_heading: str, paragraphs: Sequence[str]) -> str | None:
    """What introduces the sections after this one as principles: a heading with no text of
    its own that names principles, or the section's last sentence when it names them and
    counts them ("… perustuvat neljään periaatteeseen, jotka raportissa on kirjoitettu omiksi
    luvuikseen.")."""
    if not paragraphs:
        return section_heading if _principle_word(section_heading) is not None else None
    last = split_sentences(paragraphs[-1])[-1] if paragraphs[-1].strip() else ""
    return last if _principle_word(last) is not None else None


def _counted_heading_target(intro: str, items: Sequence[str], stated: int | None,
                            documents: Sequence[Document], finder: OrganisationFinder
                            ) -> tuple[Document, str] | None:
    """"Fire prinsipper for grensesamarbeidet" over four headed sections, on a page about one
    document: the count and the principle word are enough, when no one speaks and no cue but a
    proposal's makes the list something else."""
    if len(documents) != 1 or stated is None or stated != len(items) or stated < 2:
        return None
    cues = list(NOT_PRINCIPLE.finditer(intro))
    if (any(not PROPOSAL.match(intro, c.start()) for c in cues) or OTHER_LIST.search(intro)
            or any(m.org_id != documents[0].issuer for m in finder.mentions(intro, we=True))):
        return None
    return documents[0], intro


def _heading_principles(record: Record, source_text: str, documents: Sequence[Document],
                        finder: OrganisationFinder) -> None:
    """"Strategian ohjaavat periaatteet" as a heading with no text of its own (or a sentence
    that names and counts principles ending a section), over sections each headed by a
    principle: the headings are the document's principles."""
    for index, section in enumerate(record.sections):
        intro = _heading_intro(section.heading or "", section.paragraphs)
        if intro is None:
            continue
        items = _heading_items(record, index)
        stated = _stated_count(intro, record.language)
        if stated is not None and len(items) > stated:
            items = items[:stated]  # the sections the introduction counts
        phrases = [i[:1].lower() + i[1:] for i in items]
        target = (_noun_phrase_target(intro.rstrip(" .:") + ":", phrases, stated, documents,
                                      finder) if len(items) >= 2 and not section.paragraphs
                  else None) or _counted_heading_target(intro, items, stated, documents, finder)
        if target is None or target[0].principles:
            continue
        append_principles(target[0], items, source_text, "heading", f"under '{intro}'")


def append_principles(document: Document, quoted: Sequence[str], source_text: str,
                      kind: str, why: str, texts: Sequence[str] | None = None) -> None:
    """Give ``document`` the principles ``texts`` (else ``quoted``), each with its ``quoted``
    line as evidence and the reason "<kind> 3 of 4 <why>"; none of them when one cannot be
    quoted, since a principle without evidence is no fact and a list is drafted whole."""
    # an item markup splits ("<b>Tillit.</b> Staten ska …") is quoted by its phrase (GOLD.md)
    evidences = [quote(item, source_text) or (quote(text, source_text) if texts else None)
                 for item, text in zip(quoted, texts or quoted, strict=True)]
    if any(e is None for e in evidences):
        return
    for position, (text, evidence) in enumerate(zip(texts or quoted, evidences, strict=True), 1):
        document.principles.append(Fact({"text": normalise_text(text), "evidence": evidence},
                                        f"{kind} {position} of {len(quoted)} {why}"))


_LEAD_WORDS = 6
_MARKED_LEAD = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?P<lead>[^\W\d_][^:.!?–—\d]{0,40}?)"
                          r"(?::\s+|\s+[–—]\s+)(?=\S+\s+\S+\s+\S)")


def _lead_phrases(items: Sequence[str]) -> list[str] | None:
    """"1. Tillit. Kommunene skal …", "– Öppenhet. Kommunerna delar …": when every item opens
    with a short phrase of its own (one to four words, no verb of the items' sentences is
    needed) followed by more text, the phrases are the principles, as a sub-heading or a
    bold lead-in would be (GOLD.md)."""
    leads: list[str] = []
    for item in items:
        parts = split_sentences(item)
        lead = parts[0] if len(parts) > 1 else ""
        marked = _MARKED_LEAD.match(item)
        if marked is not None and _principle_word(marked["lead"].split()[-1]) is not None:
            return None  # "Ansvarsprincipen: den som …": the item names and states one (its
            # head word is a principle word; "Stegvis innfasing" only holds "steg")
        if marked is not None:
            lead = marked["lead"] + "."  # "Nærhed: Hjælpen skal …", "Tillit – kommunene …"
        if not (lead.endswith(".") and 1 <= len(lead.split()) <= _LEAD_WORDS
                and lead[:1].isupper() and not re.search(r"\d", lead)):
            return None
        leads.append(lead.rstrip(" ."))
    return leads if len(set(leads)) == len(leads) else None


def _mostly_names(item: str, finder: OrganisationFinder) -> bool:
    """Whether registry names make up half the item's letters or more."""
    named = sum(m.end - m.start for m in finder.mentions(item))
    return named > 0 and 2 * named >= len(item.strip())


def find_principles(record: Record, source_text: str, documents: Sequence[Document],
                    finder: OrganisationFinder) -> None:
    for introduction, items in _introductions(record):
        intro = split_sentences(introduction)[-1] if introduction else ""
        stated = _stated_count(intro, record.language)
        if stated is not None and stated != len(items):
            continue  # "three principles" over a list of four: not this list
        if any(_mostly_names(item, finder) for item in items):
            continue  # "KS og Digdir", "Stortinget i plenum": organisations, not principles
        found = None
        why = "the list introduced as '{}'"
        if _statement_like(items) and not _noun_phrases(items):
            found = _word_target(intro, documents, finder)
            if found is None:
                found = _structural_target(intro, items, documents, finder)
                why = ("a list of sentences after a sentence about the document ('{}') "
                       "ending in ':'")
            if found is None and stated == len(items):
                found = _counted_target(intro, items, documents, finder)
                why = "a list of sentences on a page about one document, counted in '{}'"
        if found is None:
            found = _noun_phrase_target(intro, items, stated, documents, finder)
            why = "a list of noun phrases the document rests on ('{}')"
        if found is None:
            continue
        target, word = found
        leads = _lead_phrases(items)
        append_principles(target, items, source_text, "item", "of " + why.format(word)
                          + (", each its opening phrase" if leads else ""), texts=leads)
    _heading_principles(record, source_text, documents, finder)


__all__ = ["find_principles"]

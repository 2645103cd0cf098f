"""Documents a page describes and who issued them: quoted titles near a document word, linked
files that name a document, and the issuer of each (the subject of an issuing verb, before it or,
in inverted word order, after it; a passive verb's agent; an organisation in the genitive).
Helpers for clauses and coordination are :mod:`datarelease.draft.facts`'s."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from datarelease.draft.facts import (
    _CAPITALISED,
    _QUOTED,
    _READ_MORE,
    _TOGETHER,
    _WINDOW,
    ISSUE,
    Document,
    Fact,
    _coordinated_after,
    _coordinated_before,
    _document_words,
    _nearest_before,
    _presented_noun,
    _right_after,
    _slug,
    _takes_part_in,
    _title_length_ok,
    _title_type,
    _type_nearest,
    _type_of,
)
from datarelease.draft.text import Mention, OrganisationFinder, blocks, quote, sentences
from datarelease.extract import Record
from datarelease.normalise import normalise_text

# documents drafted from one page at most: every sentence is compared with every document (and
# each comparison with the page's other documents), so the count bounds the drafter's time
_MAX_DOCUMENTS = 40


def find_documents(record: Record, source_text: str, finder: OrganisationFinder,
                   publisher: str | None) -> list[Document]:
    documents: list[Document] = []
    page = sentences(record)
    previous = {b: a.text for a, b in itertools.pairwise(page) if a.block == b.block}
    for sentence in page:
        if len(documents) >= _MAX_DOCUMENTS:
            break  # a page is about a few documents; hundreds are a hostile page's
        for match in _QUOTED.finditer(sentence.text):
            title = normalise_text(match["title"] or match["inverted"]).rstrip(".,;:")
            if not _title_length_ok(title) or not title[:1].isupper():
                continue
            named = (_type_nearest(sentence.text, match.start())
                     or _presented_noun(sentence.text, match.start()))
            if named is not None and _takes_part_in(sentence.text[:match.start()]) \
                    and not ISSUE.search(sentence.text):
                continue  # "samarbetar i programmet "X"": something one takes part in
            if named is None:
                continue  # a quotation, not a document: no document word in the sentence
            evidence = quote(sentence.text[:match.end()], source_text, around=match.span())
            if evidence is None or any(d.title.casefold() == title.casefold() for d in documents):
                continue
            word, doc_type = _title_type(title) or named
            document = Document(
                key=_slug(title), title=title, type=doc_type, issuer=None, evidence=evidence,
                why=f"a quoted title in a sentence that names a document ('{named[0]}')",
                word=word)
            _issuer(document, sentence.text, finder, publisher,
                    previous=previous.get(sentence, ""))
            documents.append(document)
    page_text = " ".join(blocks(record)).casefold()
    for link in record.links[:_MAX_LINKS] if len(documents) < _MAX_DOCUMENTS else ():
        title = normalise_text(link.text)
        bare = _FILE_INFO.sub("", title).casefold()  # "… (pdf, 2,4 MB)": the file, not a title
        same = next((d for d in documents if d.title.casefold() in title.casefold()
                     or (len(bare) >= 12 and d.title.casefold().startswith(bare))), None)
        if same is not None:
            same.link = title if same.link is None else same.link
            continue
        named = _type_of(title)
        is_file = link.media_type is not None
        if not _twice(page_text, bare) and not (is_file and named):
            continue  # a link the text does not speak of, unless a file that names a document
            # ("SKR:s synpunkter på … (PDF)"): read-more lists, summaries, chrome
        if (len(title.split()) < 3 or _READ_MORE.match(title) or not (is_file or named)
                or quote(title, source_text) != title):
            continue
        word, doc_type = named or ("", "other")
        document = Document(
            key=_slug(title), title=title, type=doc_type, issuer=None, evidence=title, link=title,
            why=("a linked file" if is_file else "a link") + (f" whose title names a document "
                                                              f"('{word}')" if named else ""),
            word=word)
        _issuer(document, title, finder, publisher, genitive_only=True)
        documents.append(document)
    keys: set[str] = set()
    for document in documents:  # keys are unique within the annotation
        base, number = document.key, 2
        while document.key in keys:
            document.key, number = f"{base}-{number}", number + 1
        keys.add(document.key)
    return documents


_FILE_INFO = re.compile(r"\s*\((?:pdf|docx?|xlsx?|pptx?|odt|rtf)\b[^)]*\)\s*$", re.IGNORECASE)
_GENITIVE = re.compile(r"(?::s|s|'s|’s|'|n)$")
_POSSESSIVE_PRONOUN = re.compile(r"\s+(?:sin|si|sitt|sine)\s", re.IGNORECASE)


# a page of more links than this is an index, not an article: the rest are not read as documents
_MAX_LINKS = 500


def _twice(text: str, part: str) -> bool:
    """Whether ``part`` occurs twice or more in ``text`` (found from the start, so a page
    that repeats one link line is not counted through for every line)."""
    first = text.find(part)
    return first >= 0 and text.find(part, first + len(part)) >= 0


def _issuer(document: Document, sentence: str, finder: OrganisationFinder,
            publisher: str | None, *, genitive_only: bool = False, previous: str = "") -> None:
    """The organisation that presents the document: the subject of an issuing verb (the first
    of coordinated subjects; one joined by "together with" is a contributor), or an organisation
    in the genitive before the document word or the title; else the subject of an issuing verb in
    the sentence before, when that sentence names a document of the same type."""
    if not genitive_only:
        if _issuer_by_passive(document, sentence, finder):
            return
        if _issuer_by_verb(document, sentence, finder, ""):
            return
        named = _type_of(previous) if previous else None
        if (named is not None and named[1] == document.type
                and _issuer_by_verb(document, previous, finder, " (in the sentence before)")):
            return
    for mention in finder.mentions(sentence, we=True):
        # Norwegian also writes the genitive with a possessive: "Digdir sin nye rettleiar"
        possessive = _POSSESSIVE_PRONOUN.match(sentence, mention.end)
        if not _GENITIVE.search(mention.text) and possessive is None:
            continue
        after = possessive.end() if possessive else mention.end
        following = sentence[after:after + 40].lstrip()
        capitalised = mention.text[:1].isupper()
        # "SKR:s nya strategi"; a lowercase genitive only right before the document word:
        # "regeringens udspil", "hallituksen esitys"
        window = following[:30] if capitalised else following.split(" ", 1)[0]
        if _document_words(window) or (capitalised and mention.start == 0):
            document.issuer = mention.org_id
            document.issuer_why = f"the document is '{mention.text}' own"
            return


# "Handboken "X" publicerades i dag av Kommunförbundet": a passive issuing verb, the issuer
# after "by"
_PASSIVE_ISSUE = re.compile(
    r"(?<!\w)(?:(?:publicerades|publicerats|presenterades|presenterats|gavs\s+ut|lades\s+fram|"
    r"antogs|lanserades)\s+(?:\w+\s+){0,3}?av"
    r"|(?:ble|blei|vart|er|har\s+blitt|har\s+vorte)\s+(?:publisert|presentert|lansert|"
    r"lagt\s+fr[ae]m|lagd\s+fr[ae]m|gitt\s+ut|gjeve\s+ut|vedtatt|vedteke|vedteken)"
    r"\s+(?:\w+\s+){0,3}?av"
    r"|(?:blev|er|er\s+blevet)\s+(?:udgivet|offentliggjort|præsenteret|lanceret|fremlagt|vedtaget)"
    r"\s+(?:\w+\s+){0,3}?af)(?!\w)", re.IGNORECASE)


def _issuer_by_passive(document: Document, sentence: str, finder: OrganisationFinder) -> bool:
    title = sentence.find(document.title)
    for verb in _PASSIVE_ISSUE.finditer(sentence):
        if title < 0 or verb.start() < title + len(document.title):
            continue  # the verb must follow the title: it is said of this document
        mention = _right_after(finder.mentions(sentence, we=True), sentence, verb.end())
        if mention is not None:
            _issued_by(document, [mention], verb.group(), " (passive)")
            return True
    return False


_NAME_NEXT = re.compile(r"\s+[A-ZÅÄÖÆØÜ][\w-]*")


def _other_document_after(document: Document, sentence: str, position: int) -> bool:
    """Whether a word for another kind of document stands between ``position`` (an issuing
    verb) and the document's title: the verb's object is that other document."""
    title = sentence.find(document.title, position)
    if title < 0:
        return False
    between = sentence[position:title]
    # the word right before the quote names this document ("julkaissut oppaan ”Luonto mukaan
    # kuntastrategiaan – …”": a guide, whatever word its title holds)
    return any(doc_type != document.type and match.group() != document.word
               and between[match.end():].strip(" ”“\"«»„'’:") != ""
               for match, doc_type in _document_words(between))


def _issuer_by_verb(document: Document, sentence: str, finder: OrganisationFinder,
                    why: str) -> bool:
    mentions = finder.mentions(sentence, we=True, kind=True, units=True)  # "Regionfullmäktige antog …"
    for verb in ISSUE.finditer(sentence):
        inverted = _inverted_subject(mentions, sentence, verb)
        if inverted is not None:
            _issued_by(document, _government_first(
                document, _coordinated_after(mentions, sentence, inverted), finder),
                       f"{verb.group()} (the subject after the verb)", why)
            return True
        subject = _nearest_before(mentions, verb.start())
        if subject is None or verb.start() - subject.end > 2 * _WINDOW:
            continue
        between = sentence[subject.end:verb.start()]
        if _CAPITALISED.search(between.replace(subject.text, "")) \
                and not _TOGETHER.search(sentence[max(0, subject.start - 40):subject.start]) \
                and not _listed_names_then_verb(between):
            continue  # another (unknown) name stands between: it may be the subject
        if _NAME_NEXT.match(sentence, verb.end()):
            continue  # "På KL's topmøde præsenterede Ministeriet …": the subject follows the verb
        if _other_document_after(document, sentence, verb.end()):
            continue  # "SKR har lämnat remissvar … om betänkandet "X"": SKR issued the reply
        if _TOGETHER.search(sentence[max(0, subject.start - 40):subject.start]):
            # "X har tillsammans med Y tagit fram": Y contributed, X (if known) issued
            document.roles.append(Fact(
                {"organisation": subject.org_id, "role": "contributor",
                 "evidence": document.evidence},
                f"'{subject.text}' presented the document together with its issuer"))
            earlier = _nearest_before(mentions, subject.start)
            if earlier is None or earlier.start != 0:
                return True  # the issuer is not a registry organisation: left for the steward
            subject = earlier
        _issued_by(document, _government_first(
            document, _coordinated_before(mentions, sentence, subject), finder), verb.group(), why)
        return True
    return False


# ", Danske Handicaporganisationer og FOA har i dag", ", Norsk senter for data og …": more
# subjects, unknown to the registry, listed after the known one (each part of the list starts
# with a capital; the last one runs on to the verb)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\s(?:og|och|ja|sekä|samt|&))\s+")


def _listed_names_then_verb(between: str) -> bool:
    """Whether ``between`` (after a registry organisation, before a verb) only lists more
    names with it ("KL, Danske Handicaporganisationer og FOA har underskrevet"): they are
    subjects side by side, and the first of them issues the document."""
    if not _LIST_SEPARATOR.match(between) or re.search(r"[.;:!?()«»„”\"]", between):
        return False
    parts = _LIST_SEPARATOR.split(between)[1:]
    return bool(parts) and all(part[:1].isupper() and len(part.split()) <= 7 for part in parts)


# an agreement (avtal, overenskomst, aftale, sopimus): between a government and others, it is
# the government's, whichever party the sentence names first (benchmarks/drafting/GOLD.md)
_AGREEMENT = re.compile(r"avtal|överenskommelse|aftale|overenskomst|sopimu|sopimus",
                        re.IGNORECASE)


def _government_first(document: Document, chain: Sequence[Mention],
                      finder: OrganisationFinder) -> list[Mention]:
    if not _AGREEMENT.search(document.word or document.title):
        return list(chain)
    governments = [m for m in chain if finder.types.get(m.org_id) == "government"]
    return governments[:1] + [m for m in chain if m not in governments[:1]]


def _issued_by(document: Document, chain: Sequence[Mention], verb: str, why: str) -> None:
    """The first of coordinated subjects issues the document, the others contribute."""
    document.issuer = chain[0].org_id
    document.issuer_why = f"'{chain[0].text}' {verb} the document{why}"
    for other in chain[1:]:
        document.roles.append(Fact(
            {"organisation": other.org_id, "role": "contributor", "evidence": document.evidence},
            f"'{other.text}' is named with '{chain[0].text}' as presenting the document"))


_OWNER = re.compile(r"^\s+[a-zåäöæøü]")
_SCANDINAVIAN_GENITIVE = re.compile(r"(?::s|s|'s|’s|')$")


def _owns_next(mention: Mention, sentence: str) -> bool:
    """"KS' digitaliseringstoppmøte": a genitive before a noun names an owner, not a subject
    ("Regjeringen la …" is no genitive)."""
    return (bool(_SCANDINAVIAN_GENITIVE.search(mention.text))
            and bool(_OWNER.match(sentence[mention.end:])))


# "I dag", "I går", "Nu", "Tänään", "Eilen", "Torsdag": a short opening adverbial (up to three
# words, no name in it after the first) before the verb of a sentence in V2 order
_FRONTED_ADVERBIAL = re.compile(r"^\W*[^\W\d_]+(?:\s+[a-zåäöæøü\d][\w.]*){0,2}\s*,?\s*$")


_FINNISH_CASE = re.compile(r"(?:lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|an|än|on|ön)$")


def _inverted_subject(mentions: Sequence[Mention], sentence: str, verb: re.Match[str]
                      ) -> Mention | None:
    """"Under KS' toppmøte la KS og Digdir fram handlingsplanen": after an opening phrase the
    subject follows the verb (Scandinavian word order), or stands inside a particle verb; only
    when no organisation before the verb can be the subject."""
    if not sentence[:verb.start()].strip():
        return None
    after = next((m for m in mentions if m.start > verb.start()), None)
    if after is None or (after.start >= verb.end() and sentence[verb.end():after.start].strip()):
        return None
    if not after.text[:1].isupper() and (not _FRONTED_ADVERBIAL.match(sentence[:verb.start()])
                                         or _FINNISH_CASE.search(after.text)):
        return None  # "regjeringen" in lower case only after a short adverbial: "I dag la …"
        # ("Hallitus antoi eduskunnalle …": a Finnish case names no subject)
    if _owns_next(after, sentence) or any(
            not _owns_next(m, sentence) for m in mentions if m.end <= verb.start()):
        return None
    return after


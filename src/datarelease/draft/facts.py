"""Rules that propose facts from a record: documents, their issuers and organisations' roles,
principles, relationships, and organisations the registry does not know.

Precision over recall: a rule proposes a fact only when the text says it in a recognisable way
(a quoted title near a document word, a linked PDF, a role phrase in a sentence about the
document, a list that a sentence introduces as principles), and every proposal carries an evidence
quote that occurs in the source and a ``why`` saying which rule fired.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from datarelease.draft.text import (
    Mention,
    OrganisationFinder,
    Sentence,
    blocks,
    matched_stem,
    quote,
    sentences,
    split_sentences,
    stem_pattern,
    word_pattern,
)
from datarelease.draft.vocabulary import NOT_DOCUMENTS, VOCABULARIES, DraftVocabulary
from datarelease.extract import Record
from datarelease.normalise import normalise_text

_ALL = tuple(VOCABULARIES.values())
_DOCUMENT_TYPES: dict[str, str] = {}
for _vocabulary in _ALL:
    for _stem, _type in _vocabulary.documents.items():
        _DOCUMENT_TYPES.setdefault(_stem.lower(), _type)
DOCUMENT_WORD = stem_pattern(_DOCUMENT_TYPES)
PRINCIPLE_WORD = word_pattern(w for v in _ALL for w in v.principle_words)
NOT_PRINCIPLE = re.compile(
    "|".join(rf"(?<!\w){re.escape(w)}" for v in _ALL for w in v.not_principle_words), re.IGNORECASE)
_QUOTED = re.compile(r"[„”\"“«]\s*(?P<title>[^„”\"“«»\n]{3,160}?)\s*[”\"“»]")
_READ_MORE = re.compile(r"(?:läs|les|læs|lue|se|ladda\s+ned|last\s+ned|hent|download|lataa|"
                        r"hämta|tutustu)(?!\w)", re.IGNORECASE)


def _phrases(name: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for v in _ALL for p in getattr(v, name)),
                      re.IGNORECASE)


LEAD, CONTRIBUTOR, ADDRESSEE, ISSUE = (_phrases(n) for n in
                                       ("lead", "contributor", "addressee", "issue_verbs"))
RELATIONSHIPS = {
    predicate: re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for v in _ALL
                                   for p in v.relationships.get(predicate, ())), re.IGNORECASE)
    for predicate in ("sister_organisation_of", "part_of", "member_of", "provided_input_to",
                      "collaborates_with")
}
SYMMETRIC = frozenset({"sister_organisation_of", "collaborates_with"})
_WINDOW = 60  # an organisation right after a phrase is at most this many characters after it


@dataclass
class Fact:
    """One proposal: its data as the annotation holds it, its evidence and why it was made."""

    data: dict[str, object]
    why: str


@dataclass
class Document:
    key: str
    title: str
    type: str
    issuer: str | None
    evidence: str
    why: str
    link: str | None = None
    word: str = ""  # the document word that named it ("skrivelse"), for later references
    roles: list[Fact] = field(default_factory=list)
    principles: list[Fact] = field(default_factory=list)
    issuer_why: str = ""


@dataclass
class Drafted:
    documents: list[Document]
    relationships: list[Fact]


def vocabulary(language: str) -> DraftVocabulary:
    return VOCABULARIES.get(language, VOCABULARIES["sv"])


def _slug(text: str) -> str:
    table = str.maketrans("åäáàâæöøóòôüúùéèêëíìïçñ", "aaaaaaooooouuueeeeiiicn")
    words = re.findall(r"[a-z0-9]+", text.lower().translate(table))
    return "-".join(words[:6]) or "document"


def _document_words(text: str) -> list[tuple[re.Match[str], str]]:
    """Each document word in ``text`` with its type ("pressemelding" is none)."""
    return [(m, _DOCUMENT_TYPES[matched_stem(m)]) for m in DOCUMENT_WORD.finditer(text)
            if m.group().lower() not in NOT_DOCUMENTS]


def _type_of(text: str) -> tuple[str, str] | None:
    """The first document word in ``text`` and its type."""
    found = _document_words(text)
    return (found[0][0].group(), found[0][1]) if found else None


def _nearest_before(mentions: Sequence[Mention], position: int) -> Mention | None:
    before = [m for m in mentions if m.end <= position]
    return before[-1] if before else None


# A capitalised word, except a place after "i"/"på" ("SKRs systerorganisation i Norge, KS").
_CAPITALISED = re.compile(r"(?<![\w-])(?<!\bi )(?<!\bpå )[A-ZÅÄÖÆØÜ][\w-]*")
_TOGETHER = re.compile(r"(?:sammen|saman|tillsammans)\s+med\s*$|yhdessä\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:,|och|og|and|ja|sekä|samt|&)\s*$|^\s*(?:i|på)\s+[A-ZÅÄÖÆØ]\w+\s*"
                  r"(?:,|och|og|and|ja|sekä|samt)\s*$", re.IGNORECASE)


def _right_after(mentions: Sequence[Mention], sentence: str, position: int) -> Mention | None:
    """The organisation right after ``position``: the first name that follows, if it is one in
    the registry (an unknown name first means the phrase is about that one)."""
    after = [m for m in mentions if m.start >= position and m.start - position <= _WINDOW]
    if not after:
        return None
    between = sentence[position:after[0].start]
    return None if _CAPITALISED.search(between) else after[0]


def _names_someone_after(sentence: str, position: int) -> bool:
    """A capitalised name follows within the window: the phrase is about it, known or not."""
    return _CAPITALISED.search(sentence[position:position + _WINDOW]) is not None


def _coordinated_before(mentions: Sequence[Mention], sentence: str, first: Mention
                        ) -> list[Mention]:
    """``first`` and the organisations listed before it ("Regeringen, KL og Danske Regioner"),
    in page order."""
    chain = [first]
    for mention in reversed([m for m in mentions if m.end <= first.start]):
        if not _AND.match(sentence[mention.end:chain[0].start]):
            break
        chain.insert(0, mention)
    return chain


def _coordinated_after(mentions: Sequence[Mention], sentence: str, first: Mention
                       ) -> list[Mention]:
    """``first`` and the organisations listed after it ("SKR i Sverige og KS i Norge")."""
    chain = [first]
    for mention in [m for m in mentions if m.start >= first.end]:
        if not _AND.match(sentence[chain[-1].end:mention.start]):
            break
        chain.append(mention)
    return chain


# --------------------------------------------------------------------------- documents


def find_documents(record: Record, source_text: str, finder: OrganisationFinder,
                   publisher: str | None) -> list[Document]:
    documents: list[Document] = []
    page = sentences(record)
    previous = {b: a.text for a, b in itertools.pairwise(page) if a.block == b.block}
    for sentence in page:
        for match in _QUOTED.finditer(sentence.text):
            title = normalise_text(match["title"]).rstrip(".,;:")
            words = title.split()
            if not (1 <= len(words) <= 15) or not title[:1].isupper():
                continue
            named = _type_of(sentence.text) or _presented_noun(sentence.text, match.start())
            if named is None:
                continue  # a quotation, not a document: no document word in the sentence
            evidence = quote(sentence.text[:match.end()], source_text, around=match.span())
            if evidence is None or any(d.title.casefold() == title.casefold() for d in documents):
                continue
            word, doc_type = _type_of(title) or named
            document = Document(
                key=_slug(title), title=title, type=doc_type, issuer=None, evidence=evidence,
                why=f"a quoted title in a sentence that names a document ('{named[0]}')",
                word=word)
            _issuer(document, sentence.text, finder, publisher,
                    previous=previous.get(sentence, ""))
            documents.append(document)
    for link in record.links:
        title = normalise_text(link.text)
        same = next((d for d in documents if d.title.casefold() in title.casefold()), None)
        if same is not None:
            same.link = title if same.link is None else same.link
            continue
        named = _type_of(title)
        is_file = link.media_type is not None
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


_GENITIVE = re.compile(r"(?::s|s|'s|’s|'|n)$")


def _issuer(document: Document, sentence: str, finder: OrganisationFinder,
            publisher: str | None, *, genitive_only: bool = False, previous: str = "") -> None:
    """The organisation that presents the document: the subject of an issuing verb (the first
    of coordinated subjects; one joined by "together with" is a contributor), or an organisation
    in the genitive before the document word or the title; else the subject of an issuing verb in
    the sentence before, when that sentence names a document of the same type."""
    if not genitive_only:
        if _issuer_by_verb(document, sentence, finder, ""):
            return
        named = _type_of(previous) if previous else None
        if (named is not None and named[1] == document.type
                and _issuer_by_verb(document, previous, finder, " (in the sentence before)")):
            return
    for mention in finder.mentions(sentence, we=True):
        if _GENITIVE.search(mention.text) and mention.text[:1].isupper():
            following = sentence[mention.end:mention.end + 40]
            if _document_words(following.lstrip()[:30]) or mention.start == 0:
                document.issuer = mention.org_id
                document.issuer_why = f"the document is '{mention.text}' own"
                return


def _issuer_by_verb(document: Document, sentence: str, finder: OrganisationFinder,
                    why: str) -> bool:
    mentions = finder.mentions(sentence, we=True)
    for verb in ISSUE.finditer(sentence):
        subject = _nearest_before(mentions, verb.start())
        if subject is None or verb.start() - subject.end > 2 * _WINDOW:
            continue
        if _CAPITALISED.search(sentence[subject.end:verb.start()].replace(subject.text, "")) \
                and not _TOGETHER.search(sentence[:subject.start]):
            continue  # another (unknown) name stands between: it may be the subject
        if _TOGETHER.search(sentence[:subject.start]):
            # "X har tillsammans med Y tagit fram": Y contributed, X (if known) issued
            document.roles.append(Fact(
                {"organisation": subject.org_id, "role": "contributor",
                 "evidence": document.evidence},
                f"'{subject.text}' presented the document together with its issuer"))
            earlier = _nearest_before(mentions, subject.start)
            if earlier is None or earlier.start != 0:
                return True  # the issuer is not a registry organisation: left for the steward
            subject = earlier
        chain = _coordinated_before(mentions, sentence, subject)
        document.issuer = chain[0].org_id
        document.issuer_why = f"'{chain[0].text}' {verb.group()} the document{why}"
        for other in chain[1:]:
            document.roles.append(Fact(
                {"organisation": other.org_id, "role": "contributor",
                 "evidence": document.evidence},
                f"'{other.text}' is named with '{chain[0].text}' as presenting the document"))
        return True
    return False


# --------------------------------------------------------------------------- roles


_DEFINITE = frozenset({"en", "et", "n", "t", "a", "ne", "na", "erna", "ene", "ane", "erne",
                       "arna", "rna", "ten"})


def _named_types(sentence: str) -> set[str]:
    """The types of the documents a sentence names; a definite form ("skrivelsen") refers back
    to a document already named, so when there is one, indefinite words ("inspel") are not."""
    found = [(doc_type, m.group()[m.end("stem") - m.start():].lower() if m["stem"] else "")
             for m, doc_type in _document_words(sentence)]
    definite = {doc_type for doc_type, ending in found if ending in _DEFINITE}
    return definite or {doc_type for doc_type, _ in found}


_NOUN_BEFORE = re.compile(r"(?<![\w-])([a-zåäöæøü][\w-]{3,})\s*$")


def _presented_noun(sentence: str, quote_at: int) -> tuple[str, str] | None:
    """A document named by a word the vocabularies lack: a quoted title right after a noun in a
    sentence that says someone published or presented it ("offentliggjort udspillet "X"")."""
    noun = _NOUN_BEFORE.search(sentence[:quote_at])
    if noun is None or ISSUE.search(sentence) is None:
        return None
    return noun.group(1), "other"


def _refers_to(sentence: str, document: Document, documents: Sequence[Document]) -> bool:
    if document.title.casefold() in sentence.casefold():
        return True
    if document.word and not _DOCUMENT_TYPES.get(document.word.lower()) and re.search(
            rf"(?<!\w){re.escape(document.word[:max(4, len(document.word) - 3)])}", sentence,
            re.IGNORECASE):
        return True  # the word that named a document the vocabularies lack ("udspillet")
    same_type = [d for d in documents if d.type == document.type]
    return len(same_type) == 1 and document.type in _named_types(sentence)


_WORK = re.compile(r"^(?:arbetet|arbeidet|arbejdet|työtä|työ)(?!\w)", re.IGNORECASE)


def _documents_of(sentence: str, documents: Sequence[Document]) -> list[Document]:
    """The documents a sentence is about; "Arbetet …" ("the work") on a page about a single
    document is about that one."""
    targets = [d for d in documents if _refers_to(sentence, d, documents)]
    if not targets and len(documents) == 1 and _WORK.match(sentence) and not _type_of(sentence):
        return list(documents)
    return targets


def find_roles(record: Record, source_text: str, documents: Sequence[Document],
               finder: OrganisationFinder) -> None:
    for sentence in sentences(record):
        targets = _documents_of(sentence.text, documents)
        if len(targets) != 1:
            continue  # no document, or several: which one the roles belong to is unclear
        document = targets[0]
        mentions = finder.mentions(sentence.text)
        placed: set[str] = set()  # one role per organisation and sentence
        for role, pattern in (("lead", LEAD), ("addressee", ADDRESSEE),
                              ("contributor", CONTRIBUTOR)):
            for phrase in pattern.finditer(sentence.text):
                mention = _right_after(mentions, sentence.text, phrase.end())
                if (role != "addressee" and mention is None
                        and not _names_someone_after(sentence.text, phrase.end())):
                    mention = _nearest_before(mentions, phrase.start())
                if mention is None or mention.org_id in {document.issuer, *placed}:
                    continue
                placed.add(mention.org_id)
                if any(r.data["organisation"] == mention.org_id and r.data["role"] == role
                       for r in document.roles):
                    continue
                span = (min(phrase.start(), mention.start), max(phrase.end(), mention.end))
                evidence = quote(sentence.text, source_text, around=span)
                if evidence is None:
                    continue
                document.roles.append(Fact(
                    {"organisation": mention.org_id, "role": role, "evidence": evidence},
                    f"'{phrase.group()}' next to '{mention.text}' in a sentence about the "
                    "document"))


# --------------------------------------------------------------------------- principles

_NUMBER = re.compile(r"(?<!\w)(\d{1,2}|[^\W\d_]+)(?!\w)")


def _stated_count(text: str, language: str) -> int | None:
    numbers = {**{k: v for voc in _ALL for k, v in voc.numbers.items()},
               **vocabulary(language).numbers}
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


def find_principles(record: Record, source_text: str, documents: Sequence[Document]) -> None:
    for introduction, items in _introductions(record):
        intro = split_sentences(introduction)[-1] if introduction else ""
        if not PRINCIPLE_WORD.search(intro) or NOT_PRINCIPLE.search(intro):
            continue  # not introduced as principles, or introduced as demands or findings
        stated = _stated_count(intro, record.language)
        if stated is not None and stated != len(items):
            continue  # "three principles" over a list of four: not this list
        targets = [d for d in documents if _refers_to(intro, d, documents)]
        if len(targets) != 1 and len(documents) == 1 and _type_of(intro) is None:
            targets = list(documents)  # "The principles are:" on a page about one document
        if len(targets) != 1:
            continue
        evidences = [quote(item, source_text) for item in items]
        if any(e is None for e in evidences):
            continue
        word = PRINCIPLE_WORD.search(intro)
        assert word is not None
        for position, (item, evidence) in enumerate(zip(items, evidences, strict=True), start=1):
            targets[0].principles.append(Fact(
                {"text": normalise_text(item), "evidence": evidence},
                f"item {position} of {len(items)} of the list introduced as '{word.group()}'"))


# --------------------------------------------------------------------------- relationships


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


def _names_input(sentence: str) -> bool:
    """Input is something handed over: a submission-type document word must be in the sentence."""
    return any(doc_type == "submission" for _, doc_type in _document_words(sentence))


def _pairs(mentions: Sequence[Mention], sentence: str, phrase: re.Match[str], predicate: str
           ) -> list[tuple[Mention, Mention]]:
    """(subject, object) pairs a phrase states: the organisation before it (and those listed or
    joined "together with" it) and the one right after it (and those listed with it)."""
    start, end = phrase.start(), phrase.end()
    subject = _nearest_before(mentions, start)
    obj = _right_after(mentions, sentence, end)
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


__all__ = ["Document", "Drafted", "Fact", "Sentence", "find_documents", "find_principles",
           "find_relationships", "find_roles", "vocabulary"]

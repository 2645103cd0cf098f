"""Rules that propose facts from a record: documents and their issuers (roles:
:mod:`datarelease.draft.roles`; principles: :mod:`datarelease.draft.principles`; relationships:
:mod:`datarelease.draft.relationships`; organisations the registry does not know:
:mod:`datarelease.draft.organisations` and :mod:`datarelease.draft.names`).

Precision over recall: a rule proposes a fact only when the text says it in a recognisable way
(a quoted title near a document word, a linked PDF, a role phrase in a sentence about the
document), and every proposal carries an evidence quote that occurs in the source and a ``why``
saying which rule fired.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from datarelease.draft.docwords import DOCUMENT_TYPES, DOCUMENT_WORD, document_words, type_of
from datarelease.draft.text import (
    Mention,
    OrganisationFinder,
    Sentence,
    blocks,
    matched_stem,
    noun_ending,
    quote,
    sentences,
)
from datarelease.draft.vocabulary import VOCABULARIES, DraftVocabulary
from datarelease.extract import Record
from datarelease.normalise import normalise_text

_ALL = tuple(VOCABULARIES.values())
# the names the other rules import from here (:mod:`~datarelease.draft.docwords` holds them)
_document_words, _type_of = document_words, type_of
# „…” ”…” "…" «…», and the Danish »…«
_QUOTED = re.compile(r"(?:[„”\"“«]\s*(?P<title>[^„”\"“«»\n]{3,160}?)\s*[”\"“»]"
                     r"|»\s*(?P<inverted>[^„”\"“«»\n]{3,160}?)\s*«)")
_READ_MORE = re.compile(r"(?:läs|les|læs|lue|se|ladda\s+ned|last\s+ned|hent|download|lataa|"
                        r"hämta|tutustu)(?!\w)", re.IGNORECASE)


def _whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words (the boundaries outside the alternation, so a position
    inside a word fails at once, not once per phrase)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(rf"(?:{p})" for p in phrases) + r")(?!\w)",
                      re.IGNORECASE)


def relationship_phrases() -> dict[str, re.Pattern[str]]:
    """Each relationship predicate's phrases, in every language."""
    return {predicate: _whole_words(p for v in _ALL for p in v.relationships.get(predicate, ()))
            for predicate in ("sister_organisation_of", "part_of", "member_of",
                              "provided_input_to", "collaborates_with")}


def _phrases(name: str) -> re.Pattern[str]:
    return _whole_words(p for v in _ALL for p in getattr(v, name))


LEAD, CONTRIBUTOR, ADDRESSEE, ISSUE, LEAD_VERB, CONTRIBUTOR_VERB, ADDRESSEE_VERB, NETWORK = (
    _phrases(n) for n in ("lead", "contributor", "addressee", "issue_verbs", "lead_verbs",
                          "contributor_verbs", "addressee_verbs", "network_words"))
RELATIONSHIPS = relationship_phrases()
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



def relationship(subject: str, predicate: str, obj: str, evidence: str, why: str) -> Fact:
    """A proposed relationship, its data in the order the annotation holds it."""
    return Fact({"subject": subject, "predicate": predicate, "object": obj, "evidence": evidence},
                why)


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


# "i programmet", "inom projektet", "osana ohjelmaa": a quoted name after a document word
# that follows "in" names an activity someone takes part in
_WITHIN = re.compile(r"(?<!\w)(?:i|inom|innenfor|indenfor|in)\s+[^\W\d_]+\s*$", re.IGNORECASE)


_TAKES_PART = re.compile(r"(?<!\w)(?:delta(?:r|ger|ek|tt|git)?|medverka[rt]?|osallistu\w*|"
                         r"er\s+med|är\s+med|ovat\s+mukana|on\s+mukana)(?!\w)", re.IGNORECASE)


def _takes_part_in(before: str) -> bool:
    """"samarbetar med Vinnova i programmet", "deltar i projektet": the quoted name after
    "in" + a document word is an activity the subject takes part in, not a publication."""
    return _WITHIN.search(before) is not None and (
        _TAKES_PART.search(before) is not None
        or RELATIONSHIPS["collaborates_with"].search(before) is not None)


def _type_nearest(text: str, position: int) -> tuple[str, str] | None:
    """The document word nearest before ``position`` (the noun that names a quoted title:
    "indgået en aftale om handleplanen "X"" is a plan), else the first after it."""
    found = _document_words(text)
    before = [(m, t) for m, t in found if m.end() <= position]
    chosen = before[-1] if before else next(iter(found), None)
    return (chosen[0].group(), chosen[1]) if chosen else None


def _nearest_before(mentions: Sequence[Mention], position: int) -> Mention | None:
    before = [m for m in mentions if m.end <= position]
    return before[-1] if before else None


# A capitalised word, except a place after "i"/"på" ("SKRs systerorganisation i Norge, KS").
_CAPITALISED = re.compile(r"(?<![\w-])(?<!\bi )(?<!\bpå )[A-ZÅÄÖÆØÜ][\w-]*")
_TOGETHER = re.compile(r"(?:sammen|saman|tillsammans)\s+med\s*$|yhdessä\s*$", re.IGNORECASE)
# "Digdir og Nasjonal sikkerhetsmyndighet (NSM) har bidratt": a name listed after the subject
_LISTED_WITH = re.compile(r"\s*(?:,|och|og|ja|sekä|samt|&)\s+[A-ZÅÄÖÆØÜ][^,.;:]*$")
# "KL og Danske Regioner", "till Finansministeriet och till riksdagen", "SKR i Sverige og KS"
_AND = re.compile(r"^\s*(?:,|och|og|and|ja|sekä|samt|&)(?:\s+(?:till|til|for|för))?\s*$"
                  r"|^\s*(?:i|på)\s+[A-ZÅÄÖÆØ]\w+\s*(?:,|och|og|and|ja|sekä|samt)\s*$",
                  re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:och|og|ja|samt|men|mutta|sekä)\s|;|\s[–—]\s")


def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` that holds ``position`` starts and ends (split at
    ", og", ";", " – ")."""
    start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, position)), default=0)
    following = _CLAUSE_BREAK.search(sentence, position)
    return start, following.start() if following else len(sentence)


def clause_at(sentence: str, position: int) -> str:
    """The clause of ``sentence`` that holds ``position``."""
    start, end = clause_bounds(sentence, position)
    return sentence[start:end]


def in_network_clause(sentence: str, position: int) -> bool:
    """Whether the clause holding ``position`` names a network or loose cooperation ("KL er en
    del af et nordisk netværk … sammen med SKR"): the clause states no part, membership,
    collaboration or role, while another clause of the sentence still may."""
    start, end = clause_bounds(sentence, position)
    clause = sentence[start:end]
    # a relative clause after the position speaks of the noun before it ("… yhteistä
    # ohjelmaa, jonka kautta … hankintaverkostoilla"), not of the clause's organisations
    relative = _RELATIVE_AFTER.search(clause, position - start)
    return NETWORK.search(clause[:relative.start()] if relative else clause) is not None


_RELATIVE_AFTER = re.compile(r",\s+(?:som|der|där|hvor|kor|joka|jonka|jossa|jota|mikä|which)"
                             r"(?!\w)", re.IGNORECASE)


def takes_part_in_clause(sentence: str, position: int) -> bool:
    """"KS har deltatt i referansegruppen sammen med Digdir": taking part in something side by
    side is no collaboration between the two."""
    start, end = clause_bounds(sentence, position)
    clause = sentence[start:end]
    # a relative clause after the position speaks of others ("… i partnerskabet X, hvor også
    # Ældre Sagen og Røde Kors deltager")
    relative = _RELATIVE_AFTER.search(clause, position - start)
    return _TAKES_PART.search(clause[:relative.start()] if relative else clause) is not None


_CONJUNCTION = re.compile(r"(?<!\w)(?:och|og|ja|sekä|samt|and|men|mutta|eller|tai)(?!\w)",
                          re.IGNORECASE)


def _right_after(mentions: Sequence[Mention], sentence: str, position: int) -> Mention | None:
    """The organisation right after ``position``: the first name that follows, if it is one in
    the registry (an unknown name first means the phrase is about that one)."""
    after = [m for m in mentions if m.start >= position and m.start - position <= _WINDOW]
    if not after:
        return None
    between = sentence[position:after[0].start]
    if _CAPITALISED.search(between) or _CLAUSE_BREAK.search(between) or _CONJUNCTION.search(
            between):
        # another name first, or the next clause or predicate ("letts av en särskild utredare
        # och lämnades till regeringen"): the phrase is not about it
        return None
    return after[0]


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

_MAX_TITLE_WORDS = 15
# a formal title that names its own kind ("Regeringens proposition till riksdagen med förslag
# till lag om ändring av lagen om …", "Hallituksen esitys eduskunnalle laiksi …") runs longer
_MAX_FORMAL_TITLE_WORDS = 35


def _title_type(title: str) -> tuple[str, str] | None:
    """The kind a title names in its first three words ("Regeringens proposition …",
    "Digitaliseringsstrategi 2030"); a document word further on ("Klimatanpassa nu – från plan
    till handling") is the subject, and the word before the quote names the kind."""
    return _type_of(" ".join(title.split()[:3]))


def _title_length_ok(title: str) -> bool:
    words = len(title.split())
    if 1 <= words <= _MAX_TITLE_WORDS:
        return True
    return words <= _MAX_FORMAL_TITLE_WORDS and bool(_document_words(" ".join(title.split()[:3])))



def find_documents(record: Record, source_text: str, finder: OrganisationFinder,
                   publisher: str | None) -> list[Document]:
    documents: list[Document] = []
    page = sentences(record)
    previous = {b: a.text for a, b in itertools.pairwise(page) if a.block == b.block}
    for sentence in page:
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
    for link in record.links[:_MAX_LINKS]:
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
    return any(doc_type != document.type and match.group() != document.word
               for match, doc_type in _document_words(sentence[position:title]))


def _issuer_by_verb(document: Document, sentence: str, finder: OrganisationFinder,
                    why: str) -> bool:
    mentions = finder.mentions(sentence, we=True, kind=True)  # "Regionfullmäktige antog …"
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
                and not _TOGETHER.search(sentence[:subject.start]) \
                and not _listed_names_then_verb(between):
            continue  # another (unknown) name stands between: it may be the subject
        if _NAME_NEXT.match(sentence, verb.end()):
            continue  # "På KL's topmøde præsenterede Ministeriet …": the subject follows the verb
        if _other_document_after(document, sentence, verb.end()):
            continue  # "SKR har lämnat remissvar … om betänkandet "X"": SKR issued the reply
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


def _inverted_subject(mentions: Sequence[Mention], sentence: str, verb: re.Match[str]
                      ) -> Mention | None:
    """"Under KS' toppmøte la KS og Digdir fram handlingsplanen": after an opening phrase the
    subject follows the verb (Scandinavian word order), or stands inside a particle verb; only
    when no organisation before the verb can be the subject."""
    if not sentence[:verb.start()].strip():
        return None
    after = next((m for m in mentions if m.start > verb.start()), None)
    if after is None or not after.text[:1].isupper() or (after.start >= verb.end()
                         and sentence[verb.end():after.start].strip()):
        return None
    if _owns_next(after, sentence) or any(
            not _owns_next(m, sentence) for m in mentions if m.end <= verb.start()):
        return None
    return after


# --------------------------------------------------------------------------- roles


_DEFINITE = frozenset({"en", "et", "n", "t", "a", "ne", "na", "erna", "ene", "ane", "erne",
                       "arna", "rna", "ten"})


def _named_types(sentence: str) -> set[str]:
    """The types of the documents a sentence names; a definite form ("skrivelsen") refers back
    to a document already named, so when there is one, indefinite words ("inspel") are not."""
    found = [(doc_type, noun_ending(m)) for m, doc_type in _document_words(sentence)]
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


def refers_to(sentence: str, document: Document, documents: Sequence[Document]) -> bool:
    if document.title.casefold() in sentence.casefold():
        return True
    if document.word and not DOCUMENT_TYPES.get(document.word.lower()) and re.search(
            rf"(?<!\w){re.escape(document.word[:max(4, len(document.word) - 3)])}", sentence,
            re.IGNORECASE):
        return True  # the word that named a document the vocabularies lack ("udspillet")
    same_type = [d for d in documents if d.type == document.type]
    if len(same_type) == 1 and document.type in _named_types(sentence):
        return True
    if _title_word_named(sentence, document, documents):
        return True  # "Aftalen hviler på …" about »Aftale om kræftbehandling …«
    if _compound_head_named(sentence, document.word) and not any(
            _compound_head_named(sentence, d.word) for d in documents if d is not document):
        return True
    return len(documents) == 1 and _head_noun_named(sentence, document.word)


def _title_word_named(sentence: str, document: Document, documents: Sequence[Document]) -> bool:
    """A title that opens with a document word, named by that word alone, when no other
    document's title or naming word has it."""
    def stem(text: str) -> str | None:
        found = _document_words(text)
        return matched_stem(found[0][0]) if found and found[0][0].start() == 0 else None
    own = stem(document.word) or stem(document.title)
    return own is not None and any(matched_stem(m) == own for m, _ in _document_words(sentence)) \
        and not any(own in (stem(d.title), stem(d.word)) for d in documents if d is not document)


def _compound_head_named(sentence: str, naming: str) -> bool:
    """"Pappret riktar sig …" after "positionspappret": the last part of the compound that
    named the document, written alone (five letters or more, in the same form)."""
    last = naming.split()[-1].casefold() if naming.split() else ""
    return any(len(w) >= 5 and len(w) < len(last) and last.endswith(w.casefold())
               for w in re.findall(r"[^\W\d_]+", sentence))


def _head_noun_named(sentence: str, naming: str) -> bool:
    """"Esitys on valmisteltu …" on a page about one "Hallituksen esitys": the head noun of the
    words that named the only document, in any form (its first five letters)."""
    head = naming.split()[-1].casefold() if naming.split() else ""
    return len(head) >= 5 and any(m.group().casefold()[:5] == head[:5]
                                  for m, _ in _document_words(sentence))


__all__ = ["DOCUMENT_WORD", "Document", "Drafted", "Fact", "Sentence", "clause_bounds",
           "find_documents", "refers_to", "vocabulary"]

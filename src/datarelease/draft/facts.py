"""The facts a draft proposes and the clause helpers the rules share (documents and issuers:
:mod:`datarelease.draft.documents`; roles:
:mod:`datarelease.draft.roles`; principles: :mod:`datarelease.draft.principles`; relationships:
:mod:`datarelease.draft.relationships`; organisations the registry does not know:
:mod:`datarelease.draft.organisations` and :mod:`datarelease.draft.names`).

Precision over recall: a rule proposes a fact only when the text says it in a recognisable way
(a quoted title near a document word, a linked PDF, a role phrase in a sentence about the
document), and every proposal carries an evidence quote that occurs in the source and a ``why``
saying which rule fired.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from datarelease.draft.docwords import DOCUMENT_TYPES, DOCUMENT_WORD, document_words, type_of
from datarelease.draft.role_words import MORE_ADDRESSEE, MORE_ISSUE_VERBS, MORE_RELATIONSHIPS
from datarelease.draft.text import (
    Mention,
    Sentence,
    matched_stem,
    noun_ending,
)
from datarelease.draft.vocabulary import VOCABULARIES, DraftVocabulary

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

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
    return {predicate: _whole_words(
        [p for v in _ALL for p in v.relationships.get(predicate, ())]
        + [p for more in MORE_RELATIONSHIPS.values() for p in more.get(predicate, ())])
            for predicate in ("sister_organisation_of", "part_of", "member_of",
                              "provided_input_to", "collaborates_with")}


def _phrases(name: str) -> re.Pattern[str]:
    more = _MORE.get(name, {})
    return _whole_words([p for v in _ALL for p in getattr(v, name)]
                        + [p for phrases in more.values() for p in phrases])


_MORE = {"addressee": MORE_ADDRESSEE, "issue_verbs": MORE_ISSUE_VERBS}


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
    # mentions are in page order and do not overlap: their ends are sorted (bisect, not a scan
    # of every mention for every phrase)
    index = bisect.bisect_right(mentions, position, key=lambda m: m.end)
    return mentions[index - 1] if index else None


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


_CLAUSE_REACH = 2000


def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` that holds ``position`` starts and ends (split at
    ", og", ";", " – ")."""
    # read within a window: a "clause" of thousands of characters (a hostile page of one
    # sentence) is cut at its edges, not read whole again for every position in it
    low, high = max(0, position - _CLAUSE_REACH), min(len(sentence), position + _CLAUSE_REACH)
    start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, low, position)), default=low)
    following = _CLAUSE_BREAK.search(sentence, position, high)
    return start, following.start() if following else high


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
    index = bisect.bisect_left(mentions, position, key=lambda m: m.start)
    after = [m for m in mentions[index:index + 1] if m.start - position <= _WINDOW]
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
    index = bisect.bisect_right(mentions, first.start, key=lambda m: m.end)
    for mention in reversed(mentions[:index]):
        if not _AND.match(sentence[mention.end:chain[0].start]):
            break
        chain.insert(0, mention)
    return chain


def _coordinated_after(mentions: Sequence[Mention], sentence: str, first: Mention
                       ) -> list[Mention]:
    """``first`` and the organisations listed after it ("SKR i Sverige og KS i Norge")."""
    chain = [first]
    for mention in mentions[bisect.bisect_left(mentions, first.end, key=lambda m: m.start):]:
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
    noun = _NOUN_BEFORE.search(sentence, max(0, quote_at - _BEFORE), quote_at)
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
    if _word_in_title(sentence, document, documents):
        return True  # "Strategin utgår från …" about ”Service i hela landet – strategi för …”
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


def _word_in_title(sentence: str, document: Document, documents: Sequence[Document]) -> bool:
    """A document word of the sentence that the title holds anywhere ("– en strategi för …",
    "– opas luontokadon …", "kehittämisohjelma"), when no other document's title or naming word
    holds it: a subtitle says what kind of document a skrivelse or a plan is."""
    wanted = _stems(sentence) & _stems(document.title)
    for other in documents:  # (stems are cached per text: a page of many titles stays linear)
        if not wanted:
            break
        if other is not document:
            wanted = wanted - _stems(other.title) - _stems(other.word)
    return bool(wanted)


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(matched_stem(m) for m, _ in _document_words(text))


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
           "refers_to", "vocabulary"]

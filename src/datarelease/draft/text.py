"""The page as drafting reads it: sentences, organisations named in them, words found in them.

Nothing here decides a fact; :mod:`datarelease.draft.facts` does. Evidence quotes are cut from
the record's text and kept only when they occur in the source file as the build checks them
(:func:`datarelease.normalise.evidence_occurs`): for an HTML page, a sentence broken by markup is
shortened around the words that matter until it occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datarelease.draft.bodyunits import committees
from datarelease.draft.vocabulary import ENDINGS
from datarelease.extract import Record
from datarelease.normalise import Organisation, evidence_occurs, normalise_text

_ABBREVIATION = re.compile(
    r"(?:\b(?:meld|st|prop|nr|kl|ca|jf|dvs|esim|ym|puh|tlf|tel|bl\.a|m\.fl|t\.ex|f\.eks|mm|mv|"
    r"s|sid|bil|dnr|vs|ds|sou|nou)|\b[A-ZÅÄÖÆØ])\.$",
    re.IGNORECASE,
)

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"»’]?\s+(?=[\"„”«–—-]?\s?[A-ZÅÄÖÆØÜ0-9])")
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass(frozen=True)
class Sentence:
    text: str
    block: int  # index of the block (title 0, lede 1, then the body's blocks)


@dataclass(frozen=True)
class Mention:
    """An organisation named in a sentence: a registry id, or the publisher for "vi"/"we"."""

    org_id: str
    start: int
    end: int
    text: str


def blocks(record: Record) -> list[str]:
    """The record's blocks in page order: title, lede, then paragraphs, headings, items, links."""
    body = [block for block in record.body.split("\n\n") if block.strip()]
    return [record.title, record.lede, *body]


def sentences(record: Record) -> list[Sentence]:
    found: list[Sentence] = []
    for index, block in enumerate(blocks(record)):
        for text in split_sentences(block):
            found.append(Sentence(text, index))
    return found


_LAST_WORD_WINDOW = 80


def split_sentences(block: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(block):
        # the last word before the full stop, read from a window: a block of many
        # abbreviations ("Meld. St. 9 (…) Meld. St. …") is not read again from its start
        window = max(start, match.start() - _LAST_WORD_WINDOW)
        candidate = block[window:match.start()].rstrip()
        last = candidate.split(" ")[-1] if candidate else ""
        if window > start and " " not in candidate:
            last = ""  # a word longer than the window: no abbreviation
        if _ABBREVIATION.search(last):
            continue  # "Meld. St. 30": not the end of a sentence
        parts.append(block[start:match.start()].strip())
        start = match.end()
    parts.append(block[start:].strip())
    return [part for part in parts if part]


def stem_pattern(stems: Iterable[str], *, compound: bool = True) -> re.Pattern[str]:
    """A whole word that is a stem (or ends in one, for compounds) plus a noun ending; a stem
    ending in ``*`` takes any ending (Finnish inflection). :func:`matched_stem` gives the stem."""
    plain = {s for s in stems if not s.endswith("*")}
    star = {s[:-1] for s in stems if s.endswith("*")}

    def alternatives(words: set[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"

    endings = "|".join(re.escape(e) for e in sorted(set(ENDINGS), key=len, reverse=True) if e)
    prefix = r"[^\W\d_]*" if compound else ""
    return re.compile(
        rf"(?<![\w-]){prefix}(?:(?P<stem>{alternatives(plain)})(?:{_DOUBLED}(?={endings}))?"
        rf"(?:{endings})?"
        rf"|(?P<star>{alternatives(star)})[^\W\d_]*)(?![\w])",
        re.IGNORECASE)


def noun_ending(match: re.Match[str]) -> str:
    """The ending after a :func:`stem_pattern` stem, a doubled consonant dropped
    ("programmet" → "et"); "" for a Finnish (``*``) stem."""
    if match["stem"] is None:
        return ""
    ending = match.group()[match.end("stem") - match.start():].lower()
    if ending[:1] and ending[:1] == match["stem"][-1:].lower() and ending[:1] not in "aeiouyåäöæø":
        ending = ending[1:]
    return ending


def matched_stem(match: re.Match[str]) -> str:
    """The vocabulary key a :func:`stem_pattern` match found (``lausun*`` for "lausunnon")."""
    if match["stem"] is not None:
        return re.sub(r"\s+", " ", match["stem"].lower())
    return re.sub(r"\s+", " ", match["star"].lower()) + "*"


def word_pattern(stems: Iterable[str]) -> re.Pattern[str]:
    """Any word that contains one of the stems: "principper", "periaatteet", "grundprinciper"."""
    alternatives = "|".join(re.escape(s) for s in sorted(set(stems), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])[^\W\d_]*?(?:{alternatives})[^\W\d_]*", re.IGNORECASE)


_FINNISH_GENITIVE = re.compile(r"[^\W\d_]{3,}[aeiouyäö]n$")
_FINNISH_CASES = r"(?:lle|lla|llä|ssa|ssä|sta|stä|lta|ltä|ksi|na|nä|kin)"


# Scandinavian definite forms double a final consonant: program → programmet, plan → planen
_DOUBLED = "|".join(rf"(?<={c}){c}" for c in "bdfgklmnprst")


class OrganisationFinder:
    """Finds registry organisations in text, leftmost-longest (as normalise.find_mentions)."""

    def __init__(self, organisations: Sequence[Organisation], publisher: str | None,
                 we_words: Iterable[str], *, country: str = "", home: Iterable[str] = ()
                 ) -> None:
        self.patterns: list[tuple[re.Pattern[str], str, str]] = []
        for org in organisations:
            for term in org.terms():
                acronym = bool(re.fullmatch(r"[A-ZÅÄÖÆØ]{2,6}", term))
                flags = 0 if acronym else re.IGNORECASE
                # genitives, and Finnish case endings (after an acronym's colon): SKR:s, KS:n,
                # KL's, valtiovarainministeriölle
                suffix = (r"(?::[a-zåäöæø]{1,4}|s|'s|’s|')?" if acronym
                          else r"(?::s|s|'s|’s|n|lle|lla|llä|ssa|ssä|sta|stä|lta|ltä|a|ä|ksi)?")
                self.patterns.append(
                    (re.compile(rf"(?<![\w-]){re.escape(term)}{suffix}(?![\w])", flags),
                     org.id, term))
                if org.country == "FI" and not acronym and _FINNISH_GENITIVE.search(term):
                    # a genitive alias gives the stem every case takes: "hallituksen" →
                    # "hallitukselle", "eduskunnan" → "eduskunnalle"
                    # the illative doubles the stem's last vowel: "valtioneuvostoon"
                    illative = re.escape(term[-2]) + "n"
                    self.patterns.append((re.compile(
                        rf"(?<![\w-]){re.escape(term[:-1])}(?:{_FINNISH_CASES}|{illative})"
                        r"(?![\w])", flags), org.id, term))
        # what every match of a pattern holds, lowercased: its term's first letters (the
        # Finnish case pattern's stem drops the term's last letter)
        self.clues = [term.lower()[:min(4, len(term) - 1)] or term.lower()
                      for _pattern, _org, term in self.patterns]
        self.local = _local_namesakes(organisations, country)
        # "Finansministeriet" on a Danish page is Denmark's, not Finland's (whose Swedish name
        # the registry gives): a ministry named in one word, of a country where neither the
        # publisher sits nor the page's language is spoken, is the page country's own
        own = {country, *home}
        self.foreign_ministries = frozenset(
            org.id for org in organisations
            if country and org.type == "ministry" and org.country not in ("", *own))
        self.names = {org.id: org.name.casefold() for org in organisations}
        self.types = {org.id: org.type for org in organisations}
        self.publisher = publisher
        we = "|".join(sorted({re.escape(w) for w in we_words}, key=len, reverse=True))
        self.we = re.compile(rf"(?<!\w)(?:{we})(?!\w)", re.IGNORECASE) if we else None
        kind = self.types.get(publisher or "", "")
        self.by_kind = _kind_pattern(SELF_REFERENCES.get(kind, ()))

    def mentions(self, text: str, *, we: bool = False, kind: bool = False,
                 units: bool = False) -> list[Mention]:
        """Registry organisations named in ``text``; with ``we`` the publisher speaking ("vi"),
        with ``kind`` also the publisher named by its kind ("förbundets medlemmar"), with
        ``units`` also an organisation named by its own committee or board
        (:mod:`~datarelease.draft.bodyunits`: "Regionutvecklingsnämnden antog …")."""
        found = self._mentions(text, we=we, kind=kind)
        if not units:
            return found
        spans = [(m.org_id, m.start, m.end, m.text) for m in found]
        extra = [Mention(*span) for span in committees(
            text, spans, self.publisher, self.types.get(self.publisher or "", ""))]
        return sorted([*found, *extra], key=lambda m: m.start) if extra else found

    def _mentions(self, text: str, *, we: bool, kind: bool) -> list[Mention]:
        candidates: list[tuple[int, int, str, str]] = []
        lowered = text.lower()
        for (pattern, org_id, _term), clue in zip(self.patterns, self.clues, strict=True):
            if clue not in lowered:
                continue  # the term cannot occur: skip the scan (most terms, most sentences)
            candidates += [(m.start(), -(m.end() - m.start()), org_id, m.group())
                           for m in pattern.finditer(text)]
        if we and self.we is not None and self.publisher:
            candidates += [(m.start(), -(m.end() - m.start()), self.publisher, m.group())
                           for m in self.we.finditer(text)]
        if kind and self.by_kind is not None and self.publisher:
            candidates += [(m.start(), -(m.end() - m.start()), self.publisher, m.group())
                           for m in self.by_kind.finditer(text)
                           if not _PLACE_BEFORE.search(text, max(0, m.start() - _BEFORE), m.start())]
        found: list[Mention] = []
        taken_until = -1
        for start, negative, org_id, matched in sorted(candidates):
            if start < taken_until:
                continue
            taken_until = start - negative
            if org_id in self.foreign_ministries and not re.search(r"\s", matched):
                continue
            if org_id in self.local and re.sub(r"(?::s|s)$", "", matched.casefold()) == \
                    self.names[org_id]:
                org_id = self.local[org_id]  # a bare generic name: the page country's body
            found.append(Mention(org_id, start, start - negative, matched))
        return _bodies_of(found, text)


_GENITIVE_END = re.compile(r"(?::s|:n|s|'s|’s|'|n)$")


def _bodies_of(mentions: list[Mention], text: str) -> list[Mention]:
    """"Kuntaliiton hallitus", "KS' styre": a body named right after an organisation in the
    genitive is that organisation's (its board), not the government its word also names."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (previous is not None and _GENITIVE_END.search(previous.text)
                and not text[previous.end:mention.start].strip()):
            merged[-1] = Mention(previous.org_id, previous.start, mention.end,
                                 text[previous.start:mention.end])
            continue
        merged.append(mention)
    return merged


# The publisher referred to by its kind, definite and singular (and genitive), in every
# language: "förbundets medlemmar", "regionen driver", "foreningen samarbejder", "liitto tekee".
# Only the publisher's own kind is read so: "regionen" on an association's page is no one.
SELF_REFERENCES: dict[str, tuple[str, ...]] = {
    "association_of_local_authorities": (
        "förbundet", "förbundets", "forbundet", "forbundets", "foreningen", "foreningens",
        "liitto", "liiton", "liitolla", "liitolle", "liitosta"),
    # and the bodies that decide for it: "Regionfullmäktige antog i går strategin"
    "region": ("regionen", "regionens", "fylkeskommunen", "fylkeskommunens",
               "regionfullmäktige", "regionstyrelsen", "fylkestinget", "fylkestinget",
               "regionsrådet", "aluevaltuusto", "aluehallitus"),
    "municipality": ("kommunen", "kommunens", "kommunfullmäktige", "kommunstyrelsen",
                     "kommunestyret", "bystyret", "kommunalbestyrelsen", "byrådet",
                     "kunnanvaltuusto", "kunnanhallitus", "kaupunginvaltuusto",
                     "kaupunginhallitus"),
    "ministry": ("departementet", "departementets", "ministeriet", "ministeriets", "ministeriö",
                 "ministeriön", "ministeriölle"),
    "agency": ("myndigheten", "myndighetens", "direktoratet", "direktoratets", "styrelsen",
               "styrelsens", "virasto", "viraston", "virastolle"),
}
# "kommunerna i regionen", "i hele fylkeskommunen": a place, not the organisation
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:i|inom|innen|innenfor|på|ute\s+i|hele|heile|hela|"
                           r"runt|rundt|omkring)\s+$", re.IGNORECASE)


def _kind_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) \
        if alternatives else None


_GENERIC_TYPES = ("government", "parliament")


def _local_namesakes(organisations: Sequence[Organisation], country: str) -> dict[str, str]:
    """Generic names mean the page's own country's body: "Regeringen" on a Danish page is the
    Danish government, even when the registry gives that word to the Swedish one. Maps each
    foreign government or parliament to the page country's, when the registry has one."""
    if not country:
        return {}
    local = {org.type: org.id for org in organisations
             if org.type in _GENERIC_TYPES and org.country == country}
    return {org.id: local[org.type] for org in organisations
            if org.type in local and org.country != country and org.id != local[org.type]}


# "forsknings- och innovationspolitik": a conjunction after a hyphen joins words, not clauses.
_CLAUSE_END = re.compile(r",\s|;\s|\s[–—]\s|(?<!-)\s(?:och|og|and|ja|samt|sekä|men|mutta)\s")


def _up_to_clause_end(sentence: str, end: int) -> str:
    """The sentence up to the end of the clause that holds ``end``: a quote says the fact, not
    everything the sentence goes on to say."""
    cut = _CLAUSE_END.search(sentence, end)
    if cut is None or len(sentence[:cut.start()].split()) < 4:
        return sentence
    return sentence[:cut.start()].rstrip(" ,;")


def quote(sentence: str, source_text: str, *, around: tuple[int, int] | None = None,
          ) -> str | None:
    """``sentence`` as an evidence quote that occurs in the source, or the longest run of its
    words around ``around`` (character span) that does; None when not even that occurs."""
    text = normalise_text(_up_to_clause_end(sentence, around[1]) if around else sentence)
    if evidence_occurs(text, source_text):
        return text
    words = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
    if not words:
        return None
    lo, hi = around or (words[0][0], words[-1][1])
    inside = [i for i, (s, e) in enumerate(words) if e > lo and s < hi] or [0]
    first, last = inside[0], inside[-1]
    best: str | None = None

    def span(a: int, b: int) -> str:
        return normalise_text(sentence[words[a][0]:words[b][1]])

    if not evidence_occurs(span(first, last), source_text):
        return None
    best = span(first, last)
    grew = True
    while grew:
        grew = False
        if first > 0 and evidence_occurs(span(first - 1, last), source_text):
            first -= 1
            grew = True
        if last + 1 < len(words) and evidence_occurs(span(first, last + 1), source_text):
            last += 1
            grew = True
        best = span(first, last)
    return best if len(best.split()) >= 2 else None

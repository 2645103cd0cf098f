"""Organisation names found by where they stand, not by the words they are built on.

Many organisations are named without an organisation word: "Sitra", "Inera", "Motiva", "Kela",
"Innovasjon Norge", "FOA". A capitalised name is taken as an organisation when it stands where
the page's sentences put organisations:

* as the subject right before a verb that issues, leads or contributes to a document ("Sitra
  julkaisi …", "Innovasjon Norge har finansiert …", "Arbetsförmedlingen har lämnat …");
* right after a word for a document or study and "from" ("en rapport frå Riksrevisjonen", "en
  analyse fra DMI");
* listed with an organisation already found ("Motiva ja Lahden kaupunki", "Inera och
  Integritetsskyddsmyndigheten (IMY)", "Fagforbundet og Unio");
* a national adjective written with a capital inside a sentence ("Norsk helsenett");
* a country's parliament by its proper name ("Folketinget").

A name of two or more capitalised words is taken only when one of them is a country's name
("Business Finland"), so that people ("Anna Lindqvist presenterade …") are not proposed; places
after "i"/"på" are not names of organisations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.extent import PLURAL_HEADS
from datarelease.draft.facts import _QUOTED, CONTRIBUTOR_VERB, DOCUMENT_WORD, ISSUE, LEAD_VERB

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

Candidate = tuple[str, str | None, int, int, str]


def _words(text: str) -> list[str]:
    return text.split()


_CAP_WORD = r"[A-ZÅÄÖÆØÜ][\w'’-]*"
_NAME_BEFORE = re.compile(rf"((?:{_CAP_WORD}\s+){{0,2}}{_CAP_WORD})\s*"
                          r"(?:(?:har|hade|on|ovat|oli|er|var|have|has)\s+)?$")
_NAME_AFTER = re.compile(rf"^\s*({_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})")
_LISTED = r"\s*(?:,|och|og|ja|sekä|samt|&)\s*"
_LISTED_END = re.compile(rf"{_LISTED}$")
_LISTED_START = re.compile(_LISTED)
_FROM = re.compile(r"\s+(?:från|fra|frå|af|from)\s+", re.IGNORECASE)
_STUDY = re.compile(r"(?<![\w-])[^\W\d_]*(?:undersøk|undersök|undersøg|tutkimu|kysely|studie"
                    r"|analys|analyse|selvity|utredning|utgreiing)[^\W\d_]*(?![\w-])",
                    re.IGNORECASE)
_NATIONAL_LOWER = re.compile(
    r"(?<=[\w,] )(?:Norsk|Svensk|Dansk|Finsk|Norska|Svenska|Danske|Norske)"
    r"\s+[a-zåäöæø][\w-]{3,}(?![\w-])")
_PARLIAMENT = re.compile(r"(?<![\w-])(?:Folketinget|Riksdagen|Stortinget|Eduskunta|Alltinget|"
                         r"Lagtinget|Sametinget|Inatsisartut)(?![\w-])")
_COUNTRIES = frozenset({"Sverige", "Norge", "Noreg", "Danmark", "Finland", "Suomi", "Island",
                        "Sweden", "Norway", "Denmark", "Iceland", "Åland"})
_REGIONAL = frozenset({"Nordic", "Nordisk", "Nordiska", "Nordiske", "European", "Europeiska",
                       "Europæiske", "Europeiske"})
# Capitalised words that are not names: sentence openers, days, months, titles
_NOT_NAMES = frozenset(_words(
    "den det de en ett ei eit ein vi me han hon hun hän he dei dom där der her här nu nå på för "
    "for af av til till med som om att at och og ja men mutta samt sekä också også myös nyt "
    "idag igår även dessutom desuden dessuten lisäksi siksi därför derfor difor enligt ifølge "
    "ifølgje mukaan alla alle kaikki flera flere mange många monet måndag tisdag onsdag torsdag "
    "fredag lördag söndag mandag tirsdag lørdag søndag januari februari mars april maj juni "
    "juli augusti september oktober november december januar februar marts august desember "
    "tammikuu helmikuu kesäkuu professor direktør direktör johtaja ordförande formand leder "
    "styreleder vd "
    # adverbs that open a sentence in V2 order: "Samtidig la departementet fram …"
    "samtidig samtidigt nylig nyligen nyleg tidligere tidigare tidlegare senere senare seinare "
    "deretter därefter derefter allerede redan fortsatt eilen tänään hiljattain aiemmin"))


def _plausible(words: list[str]) -> bool:
    """One capitalised word that opens no sentence, or several with a country's name among
    them ("Business Finland", "Innovasjon Norge") or led by an acronym ("IKT Agder", "NHO
    Vestland": no person's name starts with one); a word cut at a hyphen ("Forsknings- og
    …") is part of a longer name."""
    if not words or words[0].casefold() in _NOT_NAMES or any(w.endswith("-") for w in words):
        return False
    if len(words) == 1:
        return len(words[0]) >= 3 or words[0].isupper()
    return (any(w in _COUNTRIES or w.removesuffix("s") in _COUNTRIES for w in words[1:])
            or words[0] in _REGIONAL  # "Nordic Innovation", "Nordic Energy Research"
            or (len(words) == 2 and re.fullmatch(r"[A-ZÅÄÖÆØ]{2,6}", words[0]) is not None))


def _acronym(name: str) -> str | None:
    return name if re.fullmatch(r"[A-ZÅÄÖÆØ]{2,6}", name) else None


_NAME_WINDOW = 300


def _name_ending_at(text: str, position: int) -> tuple[str, int] | None:
    """The name right before ``position`` (an auxiliary verb may stand between), all of its
    capitalised words or none."""
    # read from a window before the position: three names and an auxiliary fit in it, and a
    # long sentence is not searched from its start for every verb in it
    offset = max(0, position - _NAME_WINDOW)
    found = _NAME_BEFORE.search(text, offset, position)
    if found is None:
        return None
    words = found.group(1).split()
    start = found.start(1)
    while len(words) > 1 and words[0].casefold() in _NOT_NAMES:  # "I dag Sitra …"
        start += len(words[0]) + 1
        words = words[1:]
    if not _plausible(words) or _after_place_preposition(text, start):
        return None  # a person's name ("Hanne Ries") is not cut down to a surname
    return " ".join(words), start


def _name_starting_at(text: str, position: int) -> tuple[str, int] | None:
    found = _NAME_AFTER.match(text[position:])
    if found is None:
        return None
    words = found.group(1).split()
    return (" ".join(words), position + found.start(1)) if _plausible(words) else None


def _after_place_preposition(text: str, start: int) -> bool:
    return re.search(r"(?<![\w-])(?:i|på|in|vid|ved)\s+$", text[max(0, start - 20):start],
                     re.IGNORECASE) is not None


def _subjects(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (ISSUE, LEAD_VERB, CONTRIBUTOR_VERB):
        for verb in pattern.finditer(text):
            name = _name_ending_at(text, verb.start())
            if name is None or DOCUMENT_WORD.fullmatch(name[0]):
                continue  # "Strategien presenterades …": a document, not its author
            found.append((name[0], _acronym(name[0]), name[1], name[1] + len(name[0]),
                          f"a name right before '{verb.group()}'"))
    return found


def _issues_a_titled_document(text: str, candidate: Candidate) -> bool:
    """"Sitra julkaisi kesällä selvityksen ”Kokeilukulttuuri …”": the subject of an issuing
    verb whose object is a quoted title names its author, even at the start of a sentence."""
    after = text[candidate[3]:]
    verb = ISSUE.match(after.lstrip()) or ISSUE.match(
        re.sub(r"^\s*(?:har|hade|on|ovat|oli|er|var)\s+", "", after))
    return verb is not None and _QUOTED.search(after) is not None


def _sources(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (DOCUMENT_WORD, _STUDY):
        for word in pattern.finditer(text):
            if word.start() == 0:
                continue  # a headline "Rapport från Kommundagarna" reports from an event
            after = _FROM.match(text, word.end())
            name = _name_starting_at(text, after.end()) if after else None
            if name is not None:
                found.append((name[0], _acronym(name[0]), name[1], name[1] + len(name[0]),
                              f"a name after '{word.group()}{after.group() if after else ''}'"))
    return found


# a passive participle's agent: "granskats av Funktionsrätt Sverige", "finansieret af Realdania"
_PASSIVE_AGENT = re.compile(r"(?<![\w-])[^\W\d_]{3,}(?:ats|ts|des|ades|et|ert|tt|ad|at|ede)"
                            r"\s+(?:av|af)\s+")


def _agents(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for agent in _PASSIVE_AGENT.finditer(text):
        name = _name_starting_at(text, agent.end())
        if name is not None:
            found.append((name[0], _acronym(name[0]), name[1], name[1] + len(name[0]),
                          f"the agent of '{agent.group().strip()}'"))
    return found


def _listed_with(text: str, spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    found: list[Candidate] = []
    for start, end in spans:
        before = _LISTED_END.search(text, max(0, start - 60), start)
        if before is not None and before.group().strip():
            name = _name_ending_at(text, before.start())
            if name is not None:
                found.append((name[0], _acronym(name[0]), name[1], name[1] + len(name[0]),
                              "a name listed with an organisation"))
        after = _LISTED_START.match(text, end)
        if after is not None and after.group().strip():
            name = _name_starting_at(text, after.end())
            if name is not None:
                found.append((name[0], _acronym(name[0]), name[1], name[1] + len(name[0]),
                              "a name listed with an organisation"))
    return found


# Finnish postpositions by which an organisation supports, funds or commissions something, after
# a name in the genitive: "Sitran tuella", "Business Finlandin rahoittaman hankkeen"
_AGENT_POSTPOSITION = re.compile(
    r"\s+(?:tuella|tukemana|tukema\w*|rahoituksella|rahoittama\w*|toimeksiannosta|"
    r"toimeksiantama\w*|aloitteesta|toimesta)(?!\w)")
_GENITIVE_NAME = re.compile(rf"((?:{_CAP_WORD}\s+)?{_CAP_WORD})$")


def finnish_base(word: str) -> str | None:
    """A name's nominative from its Finnish genitive, by a small suffix table: "Sitran" →
    "Sitra", "Business Finlandin" → "Business Finland", "DANVA:n" → "DANVA"; None when the word
    is no genitive."""
    if word.endswith(":n"):
        return word[:-2]
    if re.search(r"[^aeiouyäö]in$", word):
        return word[:-2]  # a name ending in a consonant takes -in
    if re.search(r"[aeiouyäö]n$", word) and len(word) > 4:
        return word[:-1]
    return None


def _finnish_agents(text: str) -> list[Candidate]:
    """"Sitran tuella", "Business Finlandin rahoittaman": a name in the genitive before a
    postposition of support, funding or commission names an organisation (in its nominative)."""
    found: list[Candidate] = []
    for postposition in _AGENT_POSTPOSITION.finditer(text):
        name = _GENITIVE_NAME.search(text, max(0, postposition.start() - _BEFORE), postposition.start())
        if name is None:
            continue
        words = name.group(1).split()
        base = finnish_base(words[-1])
        if base is None or not _plausible([*words[:-1], base]):
            continue
        found.append((" ".join([*words[:-1], base]), _acronym(base), name.start(1),
                      postposition.start(), f"a name in the genitive before "
                                            f"'{postposition.group().strip()}'"))
    return found


# a company named in apposition to the word for one: "virksomheden Netcompany", "bolaget Inera"
_COMPANY_APPOSITION = re.compile(
    rf"(?<![\w-])(?:virksomheden|selskabet|selskapet|verksemda|virksomheten|företaget|bolaget|"
    rf"konsulentfirmaet|konsulentselskabet|konsultföretaget|yritys|konsulttiyritys)\s+"
    rf"({_CAP_WORD}(?:\s+{_CAP_WORD})?)")


# several bodies named in apposition to a plural word for them: "Trafikselskaberne Movia og
# Midttrafik", "fackförbunden Kommunal och Vårdförbundet", "virastot Kela ja Traficom"
_PLURAL_APPOSITION = re.compile(
    rf"(?<![\w-])[^\W\d_]*(?i:{PLURAL_HEADS})\s+"
    rf"(?P<names>{_CAP_WORD}(?:\s+{_CAP_WORD})?(?:\s*(?:,|og|och|ja|sekä)\s+{_CAP_WORD}"
    rf"(?:\s+{_CAP_WORD})?)+)")
_NAME_IN_LIST = re.compile(rf"{_CAP_WORD}(?:\s+{_CAP_WORD})?")


def _companies(text: str) -> list[Candidate]:
    found = [(m.group(1), _acronym(m.group(1)), m.start(1), m.end(1),
              "a name in apposition to a word for a company")
             for m in _COMPANY_APPOSITION.finditer(text)
             if m.group(1).split()[0].casefold() not in _NOT_NAMES]
    for listed in _PLURAL_APPOSITION.finditer(text):
        for name in _NAME_IN_LIST.finditer(text, listed.start("names"), listed.end("names")):
            if name.group().split()[0].casefold() not in _NOT_NAMES:
                found.append((name.group(), _acronym(name.group()), name.start(), name.end(),
                              "a name listed after a plural word for such bodies"))
    return found


def positional_candidates(text: str, spans: Sequence[tuple[int, int]],
                          inside_sentences: frozenset[str]) -> list[Candidate]:
    """Names of organisations by where they stand in ``text`` (see the module); ``spans`` are
    where organisations already found stand, for names listed with them. A one-word name that
    opens the sentence ("Strategien", "Avaus") is taken only when it is an acronym or the page
    writes it with a capital inside a sentence too (``inside_sentences``)."""
    found = [c for c in _subjects(text) + _sources(text) + _listed_with(text, spans)
             + _finnish_agents(text) + _agents(text) + _companies(text)
             if c[2] > 0 or c[1] is not None or c[0] in inside_sentences or " " in c[0]
             or _issues_a_titled_document(text, c)]
    found += [(m.group(), None, m.start(), m.end(), "a national adjective with a capital")
              for m in _NATIONAL_LOWER.finditer(text)]
    found += [(m.group(), None, m.start(), m.end(), "a parliament's proper name")
              for m in _PARLIAMENT.finditer(text)]
    return found


def capitalised_inside(sentences: Sequence[str]) -> frozenset[str]:
    """The capitalised words a page writes inside its sentences (not first)."""
    return frozenset(m.group() for sentence in sentences
                     for m in re.finditer(_CAP_WORD, sentence) if m.start() > 0)


__all__ = ["capitalised_inside", "positional_candidates"]

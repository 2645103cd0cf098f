"""Forms of proposed organisation names that the name rules
(:mod:`~datarelease.draft.organisations`) find cut short, too long or not at all:

* a name followed by its acronym with no brackets, written in lowercase letters
  ("Kansaneläkelaitos Kela"): the name and the acronym apart;
* a name cut at a hyphen where a conjunction and the rest of a suspended compound follow
  ("Finlands Simundervisnings-" before "och Livräddningsförbund"): the whole name;
* a royal body ("Kungliga biblioteket", "Det Kongelige Bibliotek", "Kongelige Norske
  Videnskabers Selskab"): the royal word and the name;
* a town acting as a body: the subject of a decision ("Kristinestad har beslutat",
  "Kristiinankaupunki päätti"), or coordinated with a municipality's name ("Kristinestad och
  Pargas stad har provat …"), proposed as a municipality;
* a network described by a definite common noun ("Nätverket för socialchefer") is no name, nor
  is a body word with the first half of a name holding "og" ("Foreningen Skole" before "og
  Forældre").

And the last pass over the proposals: a name in a case beside its base form, or inside a
longer name, is kept once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from datarelease.draft.namedroles import (
    BODY_NOUNS,
    PERSON_CONTEXT,
    PLACES,
    PageIndex,
    common_noun,
)
from datarelease.draft.text import Mention

TOWN_WHY = "a town acting as a body (decides, or is coordinated with a municipality)"
_CAP = r"[A-ZÅÄÖÆØÜ][\w'’-]*"
# "Kansaneläkelaitos Kela", "Työterveyslaitos Ttl": a last word that abbreviates the name before
_TRAILING_ACRONYM = re.compile(r"^(?P<name>.{5,}?)\s+(?P<acronym>[A-ZÅÄÖÆØ][A-Za-zåäöæø]{1,5})$")
# a conjunction and the compound that completes a name cut at a hyphen
_SUSPENSION = re.compile(r"\s+(?:och|og|ja|and)\s+(?P<rest>[A-ZÅÄÖÆØÜ][^\W\d_]{3,})(?![\w-])")
_ROYAL = re.compile(
    rf"(?<![\w-])(?P<name>(?:Det\s+)?(?:Kungliga|Kongelige|Kongelig|Kgl\.)\s+"
    rf"(?:{_CAP}\s+){{0,3}}(?:{_CAP}|[a-zåäöæø]{{4,}}(?:en|et|an|n)))(?![\w-])")
# "Kristinestad har beslutat", "Närpes beslöt", "Bergen har vedtatt", "Kristiinankaupunki päätti"
_DECIDES = re.compile(
    r"^(?P<name>[A-ZÅÄÖÆØ][a-zåäöæø]{3,})\s+(?:har\s+|on\s+|ovat\s+)?"
    r"(?:(?:redan|nu|också|även|allerede|alt|nå|også|no|òg|nu|jo|nyt|myös)\s+)?"
    r"(?:beslutat|beslutade|beslöt|besluttet|besluttede|besluttede|vedtatt|vedteke|vedtok|vedtog|"
    r"vedtaget|päätti|päättänyt|päättivät)(?!\w)")
# "Kristinestad och Pargas stad", "Närpes og Bergen kommune": a town beside a municipality
_BESIDE_MUNICIPALITY = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÅÄÖÆØ][a-zåäöæø]{3,})\s+(?:och|og|ja)\s+[A-ZÅÄÖÆØ][\w-]+\s+"
    r"(?i:stad|kommun|kommune|kaupunki|kunta)(?!\w)")
_DEFINITE = re.compile(r"(?:et|en|an|na|ne|t)$")
_NETWORK_DESCRIBED = re.compile(r"^(?:Nätverket|Nettverket|Netværket|Verkosto)(?:\s|$)")
_COUNTRIES = frozenset({"Sverige", "Norge", "Noreg", "Danmark", "Finland", "Suomi", "Island"})


def without_acronym(name: str, acronym: str | None) -> str:
    """"Simundervisnings- och Livräddningsförbund FSL" with its acronym FSL: the name alone."""
    if acronym and name.endswith(" " + acronym) and len(name) > len(acronym) + 4:
        return name[:-len(acronym) - 1]
    return name


def split_trailing_acronym(name: str) -> tuple[str, str | None]:
    """The name and its acronym when the name's last word abbreviates the words before it and
    is no word of the name itself ("Kansaneläkelaitos Kela"; not "Helse Vest")."""
    match = _TRAILING_ACRONYM.match(name)
    if match is None or len(match["acronym"]) < 3 or " " in match["name"]:
        return name, None  # only one word before: "Helse Vest" is a name, not "Helse" and "V…"
    acronym, rest = match["acronym"], match["name"]
    lowered = rest.casefold()
    if not lowered.startswith(acronym[0].casefold()):
        return name, None
    at = 0
    for letter in acronym.casefold():
        at = lowered.find(letter, at)
        if at < 0:
            return name, None
        at += 1
    return rest, acronym


def complete_suspended(text: str, name: str, start: int, end: int) -> tuple[str, int, int]:
    """A name ending in a hyphen goes on to the compound after the conjunction."""
    if not name.endswith("-"):
        return name, start, end
    rest = _SUSPENSION.match(text, end)
    if rest is None:
        return name, start, end
    return text[start:rest.end()], start, rest.end()


# "Foreningen Skole" before "og Forældre": the body word and the first half of a name
_BODY_WORD_FIRST = re.compile(rf"^[^\W\d_]*(?i:{'|'.join(BODY_NOUNS)})(?:et|en|n|t)\s")
_JOINED_AFTER = re.compile(rf"\s+(?:og|och)\s+{_CAP}(?![\w-])(?=\s+[a-zåäöæø]|[,.;:]|$)")


# "Uimaopetus- ja " before "Hengenpelastusliiton": the tail of a suspended compound name
_SUSPENDED_BEFORE = re.compile(r"[^\W\d_]-,?\s+(?:och|og|ja|and)\s+$")


def not_a_name(name: str, text: str, start: int, end: int) -> bool:
    """A name still cut at a hyphen or the tail of one, a network described by a definite
    common noun, or a body word and the first half of a name that holds a conjunction (the
    whole is found by :func:`~datarelease.draft.namedroles.role_candidates`)."""
    return (name.endswith("-") or _NETWORK_DESCRIBED.match(name) is not None
            or (text.startswith(name.split()[0][:5], start)
                and _SUSPENDED_BEFORE.search(text, max(0, start - 40), start) is not None)
            or (_BODY_WORD_FIRST.match(name) is not None and _JOINED_AFTER.match(text, end)
                is not None))


def form_candidates(text: str, page: PageIndex) -> list[tuple[str, str | None, int, int, str]]:
    """Royal bodies and towns acting as bodies in ``text`` (see the module)."""
    found: list[tuple[str, str | None, int, int, str]] = []
    for match in _ROYAL.finditer(text):
        found.append((match["name"], None, match.start("name"), match.end("name"),
                      "a royal body's name"))
    for pattern in (_DECIDES, _BESIDE_MUNICIPALITY):
        for match in pattern.finditer(text):
            name = match["name"]
            known_place = name in PLACES or name in page.places
            if name in _COUNTRIES or common_noun(name, page) or name in page.surnames() \
                    or (not known_place and _DEFINITE.search(name)):
                continue  # a country, a common noun, a person, or a definite noun for an
                # assembly ("Fylkesmøtet vedtok"), unless the page writes it as a place
            found.append((name, None, match.start("name"), match.end("name"), TOWN_WHY))
    return found


class _Named(Protocol):
    name: str
    acronym: str | None


P = TypeVar("P", bound=_Named)


def without_case_forms(found: Sequence[P]) -> list[P]:
    """A Finnish name in a case beside its base form ("Opetushallituksen" and "Opetushallitus"):
    the same organisation, kept once in the shorter form. Only the last word may differ, by an
    ending after a stem that holds all but the shorter word's last letter."""
    def inflects(longer: str, shorter: str) -> bool:
        *head, last = longer.split()
        *short_head, short_last = shorter.split()
        stem = len(short_last) - 1
        return (head == short_head and len(last) > len(short_last) and stem >= 5
                and last[:stem].casefold() == short_last[:stem].casefold())
    return [p for p in found if not any(inflects(p.name, q.name) for q in found if q is not p)]


def _inside(core: str, name: str) -> bool:
    return len(core) < len(name) and core.casefold() in name.casefold()


def without_parts(found: Sequence[P]) -> list[P]:
    """A name inside a longer proposed name, or another's acronym ("Digg" of "Myndigheten för
    digital förvaltning (Digg)"), is the same organisation: keep the longer one, with the
    shorter one's acronym when it has none."""
    kept: list[P] = []
    for p in found:
        longer = next((q for q in found if p is not q and (
            p.name.casefold() in q.name.casefold()
            or any(_inside(without_acronym(p.name, a), q.name) for a in (p.acronym, q.acronym) if a)
            or p.name.casefold() == (q.acronym or "").casefold())), None)
        if longer is None:
            kept.append(p)
        elif longer.acronym is None and p.acronym:
            longer.acronym = p.acronym
    return kept


def short_but_listed(name: str, text: str, start: int, why: str) -> bool:
    """"invitere Nav og Skatteetaten": a short capitalised word inside the sentence, listed
    with an organisation, is one too; not a first name after a title ("Formand Ole og …")."""
    before = text[max(0, start - 40):start].split()[-1:] or [""]
    return (why == "a name listed with an organisation" and start > 0 and len(name) == 3
            and name[:1].isupper() and name[1:].islower() and before[0].islower()
            and not PERSON_CONTEXT.fullmatch(before[0]))


def compound_head(text: str, mention: Mention, start: int, end: int) -> bool:
    """"KL-Kuntahankinnat Oy": a registry acronym that opens a hyphenated compound of a longer
    name is part of that name, not the registry organisation."""
    m_start, m_end = mention.start, mention.end
    return (m_start == start and end > m_end + 2 and text[m_end:m_end + 1] == "-"
            and text[m_end + 1:m_end + 2].isupper())



# Finnish local cases: a name puts its place in the genitive ("Tampereen kaupunki"), never in these
_FINNISH_PLACE_CASE = re.compile(r"[^\W\d_]{3,}(?:ssa|ssä|sta|stä|lla|llä|lta|ltä)$")
_STATE_OWNERS = frozenset({"statens", "rikets", "landets", "kongens", "kronans"})


def common_genitive(name: str, page: PageIndex) -> bool:
    """"Barnets netværk", "Elevens råd": a common noun in the genitive (the page writes it in
    lower case, "barnet") before a lowercase organisation word names whose, not a body."""
    words = name.split()
    if len(words) != 2 or not words[1].islower() or not words[0][:1].isupper():
        return False
    first = words[0].casefold()
    if _FINNISH_PLACE_CASE.search(first):
        return True  # "Lausunnossa kaupunki pitää …": a noun in a local case, then the subject
    if first in _STATE_OWNERS:
        return False  # "Statens vegvesen", "Statens kulturråd": the state's agencies
    bare = first[:-1] if first.endswith("s") else ""
    return bool(bare) and (first in page.words or bare in page.words)


def overlapping(known: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (in page order, not overlapping) that overlap ``start``–``end``: found by
    bisection, not by a scan of every mention for every candidate."""
    index = bisect.bisect_right(known, start, key=lambda m: m.end)
    found = []
    for mention in known[index:]:
        if mention.start >= end:
            break
        found.append(mention)
    return found


def right_before(known: Sequence[Mention], start: int) -> Mention | None:
    """The last mention that ends at or before ``start``."""
    index = bisect.bisect_right(known, start, key=lambda m: m.end)
    return known[index - 1] if index else None


__all__ = ["TOWN_WHY", "common_genitive", "complete_suspended", "compound_head", "form_candidates",
           "not_a_name", "overlapping", "right_before", "short_but_listed",
           "split_trailing_acronym", "without_acronym", "without_case_forms", "without_parts"]

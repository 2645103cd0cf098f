"""Organisation names with no organisation word, proposed because the sentence gives them an
organisation's role (:mod:`datarelease.draft.names` has the older positions: the subject of an
issuing verb, a study "from" a name, a list with a known organisation).

* in apposition to a word for a body: "trafikselskapet Skyss", "foreningen Ældre Sagen", and
  after the name, "Skyss, fylkeskommunen sitt eige kollektivselskap," / "Västtrafik, regionens
  helägda kollektivtrafikbolag" / "Movia (trafikselskabet på Sjælland)";
* a partner: "i samarbeid med Skyss", "samarbejder med Ældre Sagen", "tillsammans med
  Västtrafik", "yhteistyössä Fölin kanssa";
* the subject of a verb organisations use to speak for themselves: "Skyss opplyser", "Amgros
  meddeler", "Västtrafik meddelar", "Föli kertoo"; the source of a statement ("ifølge Ældre
  Sagen", "enligt Västtrafik");
* the participants of a relative clause about a partnership or project ("hvor også Ældre Sagen
  og Røde Kors deltager") and names coordinated with a registry organisation ("KL, Ældre Sagen
  og Røde Kors"), several capitalised words allowed.

Not proposed: people (a first and last name the page writes beside a title, a speech verb, a
comma and a post, or a surname ending such as -sen, -son, -nen), places (countries, and any
name after "i"/"på"), weekdays and months, names inside a document's title, and a single word
that opens its sentence unless the page writes it capitalised inside a sentence too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datarelease.draft.names import Candidate

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

_CAP_WORD = r"[A-ZÅÄÖÆØÜ][\w'’-]*"
# one to three capitalised words, "Fjord1" and "Røde Kors" included
_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}"
# nouns for a body, as data: stems whose compounds name a kind of organisation ("trafikselskap",
# "kollektivtrafikbolag", "indkøbsorganisation", "ferjereiarlag")
BODY_NOUNS = ("selskap", "selskab", "bolag", "företag", "firma", "virksomhed", "virksomhet",
              "verksemd", "rederi", "reiarlag", "forbund", "förbund", "forening", "förening",
              "organisation", "organisasjon", "stiftelse", "stiftelsen", "fond", "kooperativ",
              "koncern", "konsern", "operatør", "operatör", "leverandør", "leverantör",
              "leverandør", "yhtiö", "järjestö", "operaattori")
_BODY = "|".join(BODY_NOUNS)
# "trafikselskapet Skyss", "foreningen Ældre Sagen": a definite word for a body, then the name
_DEFINITE_BEFORE = re.compile(
    rf"(?<![\w-])[^\W\d_]{{0,30}}(?i:{_BODY})(?i:et|en|a|n|t|ten|ne|erne|ene|arna|na)\s+"
    rf"(?P<name>{_NAME})(?P<more>(?:\s*(?:,|og|och)\s+{_CAP_WORD}){{0,4}})")
_MORE = re.compile(_CAP_WORD)
# a singular definite body word ("foreningen", "selskapet", "förbundet") names one body
_SINGULAR = re.compile(rf"(?i:{_BODY})(?i:et|en|n|t)$")
_JOINED_AFTER_SINGULAR = re.compile(rf"\s+(?:og|och)\s+{_CAP_WORD}(?![\w-])(?=\s+[a-zåäöæø]|[,.;:]|$)")
# "Skyss, fylkeskommunen sitt eige kollektivselskap,": the name, then the body noun closing an
# apposition of up to four words, none a preposition
_PREPOSITIONS = frozenset([
    "i", "på", "på", "for", "för", "af", "av", "til", "till", "med", "hos", "ved", "vid", "om",
    "fra", "från", "frå", "under", "over", "över", "mot", "mod", "efter", "etter"])
_APPOSITION_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<words>(?:[a-zåäöæøü][^\W\d_]*\s+){{0,4}}?)"
    rf"[a-zåäöæøü][^\W\d_]{{0,30}}(?:{_BODY})(?:e|et|en|t)?(?=\s*[,.;]|\s+(?:som|der|joka)\s)")
# "Movia (trafikselskabet på Sjælland)", "Föli (Turun seudun joukkoliikenne)": the apposition
# in brackets, lowercase, ending in a word for a body
_APPOSITION_BRACKETS = re.compile(
    rf"(?P<name>{_NAME})\s+\((?P<words>(?:[a-zåäöæøü][^\W\d_]*\s+){{0,4}}?)"
    rf"[a-zåäöæøü][^\W\d_]{{0,30}}(?:{_BODY})(?:e|et|en|t)?(?:\s+[^()]{{0,40}})?\)")
# "Företagarnas organisation Visita Väst", "KS' eget selskap KS Bedrift", "kuntien yhtiö X": an
# owner in the genitive, a word for a body (indefinite), then the name
_OWNED_BODY = re.compile(
    rf"(?<![\w-])[^\W\d_]+(?:s|'s|’s|:s|')\s+(?:(?:eget|egen|eige|eiget|egna|eigne)\s+)?"
    rf"[^\W\d_]{{0,30}}(?i:{_BODY})\s+(?P<name>{_NAME})(?=\s+[a-zåäöæø]|[,.;:])")
# "Psykiatrifonden og Børns Vilkår har …, men begge organisationer …": two names the sentence
# then calls organisations
_PAIR = re.compile(rf"(?P<a>{_NAME})\s+(?:og|och|ja)\s+(?P<b>{_NAME})(?=\s+[a-zåäöæø])")
_BOTH_BODIES = re.compile(
    rf"(?<![\w-])(?i:begge|båda|bägge|molemmat|kumpikin|de\s+to|de\s+två|dei\s+to)\s+"
    rf"(?:[a-zåäöæø]+\s+)?[^\W\d_]{{0,20}}(?i:{_BODY})", re.IGNORECASE)
# the source of a statement: "ifølge Ældre Sagen", "enligt Västtrafik", "ifølgje Skyss"
_ACCORDING = re.compile(rf"(?<![\w-])(?i:ifølge|ifølgje|enligt|according\s+to)\s+(?P<name>{_NAME})")
# a partner: "i samarbeid med X", "samarbejder tæt med X", "tillsammans med X"
_PARTNER = re.compile(
    rf"(?<![\w-])(?i:samarbe\w*|samarbei\w*|samverk\w*|tillsammans|sammen|saman|partnerskap\w*|"
    rf"partnerskab\w*)(?:\s+[a-zåäöæø]+){{0,2}}?\s+(?i:med)\s+(?P<name>{_NAME})")
_PARTNER_FI = re.compile(
    rf"(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD})?)(?::n|n)\s+kanssa(?!\w)")
# a Finnish genitive stem in the weak grade ("Matkahuollo-n" of "Matkahuolto"): its base form is
# not the stem, so the name is proposed only when the page also writes the stem alone
_GRADED = re.compile(r"(?:ll|nn|rr|mm|ng|d|v)[aeiouyäö]$")
_COLLABORATION_FI = re.compile(r"(?<!\w)(?:yhteistyö\w*|yhdessä|kumppanuu\w*)", re.IGNORECASE)
# verbs by which an organisation speaks for itself (a person "siger", "sier", "säger")
SPEAKING_VERBS = ("udtaler", "meddeler", "oplyser", "informerer", "anbefaler", "uttaler",
                  "melder", "opplyser", "opplyste", "informerer", "tilrår", "meddelar",
                  "meddelade", "informerar", "rekommenderar", "uppger", "uppgav", "kertoo",
                  "kertoi", "tiedottaa", "tiedotti", "ilmoittaa", "ilmoitti", "suosittelee")
# one word: a person speaks by these verbs too ("Lars Dyhr udtaler")
_SPEAKS = re.compile(rf"(?<![\w-])(?P<name>{_CAP_WORD})\s+(?:har\s+|on\s+)?"
                     rf"(?:{'|'.join(SPEAKING_VERBS)})(?!\w)")
_NAME_BEFORE = re.compile(r"[A-ZÅÄÖÆØÜ][\w'’-]*\s+$")
# taking part, for the participants named before the verb in a relative clause
_PARTICIPANTS = re.compile(
    rf"(?:,\s+(?:hvor|der|där|som|kor|jossa)\s+(?:også|også|även|också|ogso|myös)?\s*)"
    rf"(?P<names>{_NAME}(?:\s*(?:,|og|och|ja|sekä)\s+{_NAME}){{0,4}})\s+"
    rf"(?:deltager|deltar|deltek|medverkar|medvirker|er\s+med|är\s+med|ovat\s+mukana|"
    rf"osallistuvat)(?!\w)")
_ONE_NAME = re.compile(_NAME)
# a government inquiry named by one compound, as a source, agent or receiver: "betänkandet …
# från Äldreomsorgsutredningen", "lämnat synpunkter till Kommunutredningen" (alone,
# "utredningen" is the inquiry's report or any inquiry)
_INQUIRY = re.compile(r"(?<![\w-])(?:från|av|till|med|hos)\s+"
                      r"(?P<name>[A-ZÅÄÖ][a-zåäö]{3,}utredningen)(?![\w-])")
# people: surnames by their endings, and the words a page writes beside a person
_SURNAME = re.compile(r"(?:sen|son|ssen|sson|nen|berg|ström|strøm|lund|qvist|kvist|dahl|dal|"
                      r"stad|vik|holm|gren|man|mann|ainen|inen|lä|la|by|rud|aas|ås|heim|land)$")
PERSON_CONTEXT = re.compile(
    r"(?<!\w)(?:siger|sagde|sier|sa|seier|säger|sade|sanoo|sanoi|formand|formann|ordförande|"
    r"direktør|direktör|johtaja|minister|ministeri|borgmester|ordfører|ordførar|kommundirektör|"
    r"rådmand|rådmann|puheenjohtaja|leder|leiar|chef|sjef|professor|forsker|forskar|tutkija)"
    r"(?!\w)", re.IGNORECASE)
_NOT_NAMES = frozenset(
    [
        "Den", "Det", "De", "En", "Ett", "Ei", "Eit", "Ein", "Vi", "Me", "Han", "Hon", "Hun",
        "Hän", "He", "Dei", "Dom", "Där", "Der", "Her", "Här", "Nu", "Nå", "Också", "Også",
        "Även", "Myös", "Alla", "Alle", "Kaikki", "Flera", "Flere", "Mange", "Många", "Monet",
        "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag", "Mandag",
        "Tirsdag", "Lørdag", "Søndag", "Maanantai", "Tiistai", "Keskiviikko", "Torstai",
        "Perjantai", "Lauantai", "Sunnuntai", "Januari", "Februari", "Mars", "April", "Maj",
        "Juni", "Juli", "Augusti", "September", "Oktober", "November", "December", "Januar",
        "Februar", "Marts", "August", "Desember", "Sverige", "Norge", "Noreg", "Danmark",
        "Finland", "Suomi", "Island", "Europa", "Norden", "EU"
    ])


_CAP_SEQUENCE = re.compile(r"(?=([A-ZÅÄÖÆØÜ][a-zåäöæøü'’-]+(?:\s+[A-ZÅÄÖÆØÜ][\w'’-]*){1,2}))")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class PageIndex:
    """What the whole page says about its words, read once (each candidate is looked up, the
    page is not searched again): the words as written, the names written after a preposition of
    place, and the names of two or three words written beside a title or a speech verb."""

    words: frozenset[str]
    places: frozenset[str]
    people: frozenset[str]

    @classmethod
    def of(cls, page: str) -> PageIndex:
        places = {m.group(1) for m in re.finditer(
            rf"{_PLACE_BEFORE}({_CAP_WORD}(?:\s+{_CAP_WORD})?)", page)}
        places |= {name.split()[0] for name in places}
        people: set[str] = set()
        for context in PERSON_CONTEXT.finditer(page):
            window = page[max(0, context.start() - 60):context.end() + 60]
            for sequence in _CAP_SEQUENCE.finditer(window):
                words = sequence.group(1).split()
                people.update(" ".join(words[:n]) for n in (2, 3) if len(words) >= n)
        return cls(frozenset(_WORD.findall(page)), frozenset(places), frozenset(people))

    def surnames(self) -> frozenset[str]:
        return frozenset(name.split()[-1] for name in self.people)


def _person_like(name: str, page: PageIndex) -> bool:
    """Whether ``name`` of two or more words reads as a person's: a surname ending, or the page
    writes it beside a title or speech verb ("siger Lars Dyhr", "Lars Dyhr, formand")."""
    words = name.split()
    if len(words) < 2:
        return False
    if _SURNAME.search(words[-1].casefold()) and words[-1][1:].islower():
        return True
    return name in page.people


def common_noun(name: str, page: PageIndex) -> bool:
    """A single word the page also writes in lowercase ("Fylkeskommunen … fylkeskommunen sitt
    eige …"), or a definite form of a word for a kind of body ("Kommunen", "Ministeriet"):
    a common noun, no name."""
    if " " in name:
        return False
    if name.casefold() in GENERIC_DEFINITES:
        return True
    lowered = name[:1].lower() + name[1:]
    return lowered != name and lowered in page.words


# definite forms of words for a kind of body, in every language, as data: alone they name no
# one ("Fylkeskommunen gav innspel …" on a county's page)
GENERIC_DEFINITES = frozenset(
    [
        "kommunen", "kommunene", "kommunane", "kommunerne", "kommunerna", "regionen",
        "regionene", "regionane", "regionerne", "regionerna", "fylkeskommunen",
        "fylkeskommunane", "fylkeskommunene", "fylket", "fylka", "fylkene", "landstinget",
        "ministeriet", "departementet", "direktoratet", "styrelsen", "myndigheten",
        "myndigheita", "myndigheden", "staten", "regeringen", "regjeringa", "regjeringen",
        "forvaltningen", "förvaltningen", "förbundet", "forbundet", "foreningen", "föreningen",
        "selskapet", "selskabet", "bolaget", "företaget", "organisationen", "organisasjonen",
        "kommunestyret", "kommunalbestyrelsen", "kommunfullmäktige"
    ])


# the larger Nordic towns and regions, which a sentence may make a partner ("samarbeider med
# Bergen"): the municipality is named with its word ("Bergen kommune"), the town alone is a place
PLACES = frozenset([
    "Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping", "Umeå",
    "Luleå", "Skåne", "Norrland", "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø",
    "Kristiansand", "Drammen", "Bodø", "Vestland", "Viken", "Agder", "Nordland", "Innlandet",
    "København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Jylland", "Sjælland", "Fyn",
    "Bornholm", "Helsinki", "Helsingfors", "Espoo", "Tampere", "Tammerfors", "Turku", "Åbo",
    "Oulu", "Vaasa", "Vasa", "Lahti", "Kuopio", "Lappi", "Uusimaa", "Pirkanmaa", "Pohjanmaa",
    "Österbotten", "Nyland", "Norden", "Europa", "Brussel", "Bryssel"])
_PLACE_BEFORE = r"(?<![\w-])(?:i|på|in|vid|ved|I|På|Vid|Ved)\s+"


def _a_place(name: str, page: PageIndex) -> bool:
    """A town or region: one of :data:`PLACES`, or a name the page also writes after a
    preposition of place ("i Bergen", "på Fyn")."""
    return name in PLACES or name in page.places


def _surname(name: str, page: PageIndex) -> bool:
    """A single word the page writes elsewhere as a person's last name ("Dyhr udtaler" after
    "siger Lars Dyhr, formand for …")."""
    return " " not in name and name in page.surnames()


def _usable(name: str, text: str, start: int, page: PageIndex, inside: frozenset[str], *,
            opening: bool = False) -> bool:
    words = name.split()
    if common_noun(name, page) or _a_place(name, page) or _surname(name, page):
        return False
    if not words or words[0] in _NOT_NAMES or any(w in _NOT_NAMES for w in words[1:2]):
        return False
    if re.search(r"(?<![\w-])(?:i|på|in|vid|ved)\s+$", text[max(0, start - 8):start],
                 re.IGNORECASE):
        return False  # a place
    if start == 0 and len(words) == 1 and name not in inside and not name.isupper() \
            and not opening:
        return False  # an ordinary word opening the sentence (an apposition or a speaking
        # verb marks a name even there: "Skyss, fylkeskommunen sitt eige kollektivselskap,")
    return not _person_like(name, page)


def _trimmed(name: str) -> str:
    """Drop a trailing word that is an ordinary sentence word written with a capital after a
    full stop inside the match (none here) and a Finnish genitive's ending is left to the
    caller."""
    return name.strip(" ,.;:")


def role_candidates(text: str, page: PageIndex, inside: frozenset[str]) -> list[Candidate]:
    """(name, acronym, start, end, why) of each name ``text`` gives an organisation's role."""
    found: list[Candidate] = []

    def add(name: str, start: int, why: str, *, opening: bool = False) -> None:
        name = _trimmed(name)
        if _usable(name, text, start, page, inside, opening=opening):
            found.append((name, name if re.fullmatch(r"[A-ZÅÄÖÆØ]{2,6}", name) else None,
                          start, start + len(name), why))

    for match in _DEFINITE_BEFORE.finditer(text):
        joined = _JOINED_AFTER_SINGULAR.match(text, match.end("name"))
        halves = (match["name"].split()[-1], (joined.group().split() or [""])[-1]) if joined else ()
        if joined is not None and _SINGULAR.search(text[:match.start("name")].rstrip()) \
                and any(half.lower() in page.words for half in halves):
            # "foreningen Skole og Forældre" (the page writes "skole"): one body, so one name
            # of common words joined by "og" (not "Movia og Midttrafik")
            add(text[match.start("name"):joined.end()], match.start("name"),
                "a name holding a conjunction after a word for one body", opening=True)
            continue
        add(match["name"], match.start("name"), "a name in apposition to a word for a body",
            opening=True)
        for more in _MORE.finditer(text, match.start("more"), match.end("more")):
            add(more.group(), more.start(), "a name listed after a word for such bodies")
    for match in _OWNED_BODY.finditer(text):
        add(match["name"], match.start("name"), "a name after an owner's word for a body",
            opening=True)
    both = _BOTH_BODIES.search(text)
    for match in _PAIR.finditer(text, 0, both.start() if both else 0):
        for part in ("a", "b"):
            add(match[part], match.start(part), "one of two names the sentence calls bodies",
                opening=True)
    for match in _APPOSITION_AFTER.finditer(text):
        if not any(w.casefold() in _PREPOSITIONS for w in match["words"].split()):
            add(match["name"], match.start("name"), "a name with an apposition naming its kind",
                opening=True)
    for match in _APPOSITION_BRACKETS.finditer(text):
        add(match["name"], match.start("name"), "a name with its kind in brackets", opening=True)
    for match in _ACCORDING.finditer(text):
        add(match["name"], match.start("name"), "the source of a statement ('according to')")
    for match in _PARTNER.finditer(text):
        add(match["name"], match.start("name"), "a partner in a collaboration")
    if _COLLABORATION_FI.search(text):
        for match in _PARTNER_FI.finditer(text):
            if _GRADED.search(match["name"]) and match["name"] not in page.words:
                continue  # "Matkahuollon": the genitive's weak grade hides the base form
            add(match["name"], match.start("name"), "a partner in a collaboration (kanssa)")
    for match in _SPEAKS.finditer(text):
        if _NAME_BEFORE.search(text, max(0, match.start() - _BEFORE), match.start()):
            continue  # the last word of a longer name, a person's ("Lars Dyhr udtaler")
        add(match["name"], match.start("name"), "the subject of a verb bodies speak by",
            opening=True)
    for match in _INQUIRY.finditer(text):
        add(match["name"], match.start("name"), "an inquiry named as a source or receiver")
    for match in _PARTICIPANTS.finditer(text):
        for name in _ONE_NAME.finditer(text, match.start("names"), match.end("names")):
            add(name.group(), name.start(), "a participant named with others")
    return found


def coordinated_names(text: str, spans: Sequence[tuple[int, int]], page: PageIndex,
                      inside: frozenset[str]) -> list[Candidate]:
    """Names of several capitalised words listed right after or before an organisation already
    found ("KL, Ældre Sagen og Røde Kors"): the one-word ones :mod:`~datarelease.draft.names`
    already takes."""
    found: list[Candidate] = []
    listed = re.compile(rf"\s*(?:,|og|och|ja|sekä|samt|&)\s+(?P<name>{_NAME})(?=\s*(?:,|og|"
                        rf"och|ja|sekä|samt|&|\.|$|\s[a-zåäöæø]))")
    for _, end in spans:
        at = end
        for _ in range(5):
            after = listed.match(text, at)
            if after is None:
                break
            name = after["name"]
            if " " in name and _usable(name, text, after.start("name"), page, inside):
                found.append((name, None, after.start("name"), after.end("name"),
                              "a name listed with an organisation"))
            at = after.end()
    return found


__all__ = [
    "BODY_NOUNS",
    "GENERIC_DEFINITES",
    "PERSON_CONTEXT",
    "SPEAKING_VERBS",
    "PageIndex",
    "common_noun",
    "coordinated_names",
    "role_candidates",
]

"""Organisations a page names that the registry does not know, proposed for the steward to add.

Three shapes of name are recognised, in every language's words:

* ``Name (ACR)``: a name whose first word is capitalised, then its acronym in brackets;
* a capitalised name ending in an organisation word (``Sjöby kommun``, ``Tampereen kaupunki``,
  ``Danske Regioner``, ``Norges forskningsråd``) or one compound word that ends in one
  (``Digitaliseringsstyrelsen``, ``Valtiovarainministeriö``);
* an organisation word followed by a capitalised name (``Region Mellanland``).

Names without an organisation word are found by where they stand
(:mod:`datarelease.draft.names`). Names that are (or contain) a registry organisation's name
are left out; so are bare words like
``Kommunen`` or ``Regeringen``, which name no one in particular.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datarelease.draft.bodies import BODIES, known_bodies
from datarelease.draft.bodyunits import local_committee
from datarelease.draft.extent import PLURAL_HEADS, extend_name, generic_heads_with_field
from datarelease.draft.namedroles import (
    PageIndex,
    common_noun,
    coordinated_names,
    role_candidates,
)
from datarelease.draft.names import capitalised_inside, positional_candidates
from datarelease.draft.orgforms import (
    TOWN_WHY,
    common_genitive,
    complete_suspended,
    compound_head,
    form_candidates,
    not_a_name,
    overlapping,
    right_before,
    short_but_listed,
    split_trailing_acronym,
    without_case_forms,
    without_parts,
)
from datarelease.draft.places import across_place
from datarelease.draft.text import OrganisationFinder, quote, sentences, stem_pattern
from datarelease.draft.vocabulary import VOCABULARIES
from datarelease.extract import Record

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

_ALL = tuple(VOCABULARIES.values())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ORG_TYPES: dict[str, str] = {}
for _vocabulary in _ALL:
    for _stem, _org_type in _vocabulary.organisation_words.items():
        _ORG_TYPES.setdefault(_stem, _org_type)
_ORG_WORD = stem_pattern(_ORG_TYPES)
# Finnish organisation words in any case after a capitalised genitive ("Tampereen yliopiston",
# "Vantaan kaupungissa"), and the base form each stands for
_INFLECTED = {stem: base for v in _ALL for stem, base in v.inflected_organisation_words.items()}
_INFLECTED_NAME = re.compile(
    r"(?<![\w-])(?P<owner>[A-ZÅÄÖÆØÜ][\w-]*n)\s+(?P<word>[^\W\d_]*?(?P<stem>"
    + "|".join(sorted(map(re.escape, _INFLECTED), key=len, reverse=True))
    + r")[^\W\d_]*)(?![\w])")
# "Euroopan kuntien ja alueiden neuvoston": a capitalised genitive, lowercase genitives (joined
# by "ja"), then the organisation word in any case
_LONG_INFLECTED_NAME = re.compile(
    r"(?<![\w-])(?P<owner>[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?n)"
    r"(?P<rest>(?:\s+(?:ja\s+)?[a-zåäö]{3,}n){1,4})\s+"
    r"(?P<word>[^\W\d_]*?(?P<stem>"
    + "|".join(sorted(map(re.escape, _INFLECTED), key=len, reverse=True))
    + r")[^\W\d_]*)(?![\w])")
# "Hankinnat ja innovaatiot -osaamiskeskus": a Finnish name joined by a space and a hyphen to
# the organisation word it is the name of
_HYPHEN_JOINED_NAME = re.compile(
    r"(?<![\w-])[A-ZÅÄÖ][^\W\d_]+(?:\s+[a-zåäö][^\W\d_]*){0,3}\s+-(?P<tail>[a-zåäö]*?"
    r"(?:keskus|virasto|yhdistys|säätiö|liitto|toimisto|laitos))(?![\w-])")
_GENERIC = stem_pattern((b for v in _ALL for b in v.generic_bodies), compound=False)
# "Indenrigs- og Sundhedsministeriet", "Digi- ja väestötietoviraston": a name that starts
# with a word cut at a hyphen and a conjunction
_PAIR_NAME = re.compile(r"[A-ZÅÄÖÆØÜ][\w-]+\s+(?:og|och|ja)\s+")
_HYPHENATED_START = re.compile(r"([A-ZÅÄÖÆØÜ][\w]*-,?\s+(?:[^\W\d_]+-,?\s+)*(?:og|och|ja|and)\s+)$")
# "arbets- och näringsministeriet", "sosiaali- ja terveysministeriölle": a ministry in lowercase
_LOWER_HYPHENATED_START = re.compile(r"(?<![\w-])([^\W\d_]{3,}-\s+(?:og|och|ja)\s+)$")
# "Danmarks Statistik", "Dansk Industri", "Norges Bank": a country's name or adjective and a
# capitalised word
_NATIONAL_NAME = re.compile(
    r"(?<![\w-])(?:Sveriges|Svensk|Svenska|Norges|Norsk|Norske|Danmarks|Dansk|Danske|Finlands|"
    r"Finsk|Finska|Suomen)\s+(?P<rest>[A-ZÅÄÖÆØÜ][\w-]{2,})(?:\s+(?-i:[A-ZÅÄÖÆØÜ])[\w-]{2,})?"
    r"(?![\w-])")
_CAP = r"[A-ZÅÄÖÆØÜ][\w'’-]*"
# "MIELI Suomen Mielenterveys ry", "Menon Economics AS", "Ramboll Danmark A/S": capitalised
# words and a company's or association's legal form (written as it is: "as" is no form)
_LEGAL_FORM = re.compile(rf"(?<![\w-])(?:{_CAP}\s+){{1,4}}(?P<form>ry|r\.y\.|rf|Oy|Oyj|Ab|AB|AS|"
                         r"ASA|A/S|ApS|SA|GmbH)(?![\w/])")
# "Menon Economics", "Council of European Municipalities and Regions", "European Federation of
# Education Employers": names in English, on a Nordic page, built on an organisation word
_ENGLISH_NAME = re.compile(
    rf"(?<![\w-])(?:{_CAP}\s+){{0,3}}(?P<word>Economics|Consulting|Analytics|Council|Federation|"
    r"Association|Institute|Foundation|Agency|Network|Authority|Committee|Union|Partners)"
    rf"(?:\s+of(?:\s+(?:the|and|&|{_CAP}))+)?(?![\w-])")
# what a link's brackets give besides an acronym: the file's format
_FILE_FORMATS = frozenset({"PDF", "DOC", "DOCX", "XLS", "XLSX", "PPT", "PPTX", "ODT", "CSV",
                           "ZIP", "HTML", "KB", "MB"})
# "Rakennusteollisuus RT on laskenut": a name and its acronym without brackets
_NAME_BARE_ACRONYM = re.compile(r"(?<![\w-])(?P<name>[A-ZÅÄÖÆØ][a-zåäöæø]{4,}"
                                r"(?:\s+[A-ZÅÄÖÆØ][a-zåäöæø]+){0,2})\s+"
                                r"(?P<acronym>[A-ZÅÄÖÆØ]{2,5})(?![\w-])")


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters stand in the name in order, the first one first."""
    lowered = name.casefold()
    if not lowered.startswith(acronym[0].casefold()):
        return False
    at = 0
    for letter in acronym.casefold():
        at = lowered.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


_NAME_ACRONYM = re.compile(r"\((?P<acronym>[A-ZÅÄÖÆØ][A-Za-zÅÄÖÆØåäöæø]{1,7})\)")
_STOP = (
    _words(
        "från fra frå hos med och og ja sekä at att till til av af vid ved om på i är er on "
        "har eller samt"))
# Capitalised words that start sentences and name no organisation.
_FUNCTION = (
    _words(
        "den det de en ett vi i på för när nu nya ny nye nytt alla hela under efter med som om "
        "att till från and the a an in on for this that these kun kaikki tämä se ne hän denna "
        "detta dessa här där dei eit ein kva korleis hvad hvordan hva der dette disse enligt "
        "ifølge ifølgje mukaan också även dessutom samtidigt därför derfor difor desuden siksi "
        "myös lisäksi nyt idag inom innen blandt bland hos hvis når da jos alle både vilket "
        "etter før innan mellom mellan ved vid ingen inga intet varje hver hvert jokainen ei "
    "mutta men kvar kvart moni monet useat usea muutama harva eräs monta flera flere många "
    "monen useiden usean muutaman harvan jokaisen kaikkien samtidig "
    "mange några noen nogle enkelte vissa "
    # common adjectives before a common noun: "Pieni kunta voi …", "Liten kommun kan …"
    "pieni pienen pienet suuri suuren iso ison uusi uuden oma oman sama saman toinen toisen "
    "koko kukin kunkin eri liten lilla små stor stora ny nya nye lille store egen eget egna "
    "samma samme annan anden annen gammal gamle "
    # conjunctions that open a sentence: "Og Socialstyrelsen har …"
    "og och ja eller tai samt sekä"))
_COUNTRIES = {
    "SE": ("sverige", "sveriges", "svensk", "svenska"),
    "NO": ("norge", "noregs", "norges", "norsk", "norske", "norska", "noreg"),
    "DK": ("danmark", "danmarks", "dansk", "danske", "danska"),
    "FI": ("finland", "finlands", "suomi", "suomen", "finsk", "finska"),
}


@dataclass
class Proposed:
    name: str
    acronym: str | None
    country: str
    type: str
    evidence: str
    why: str


def _country(name: str, fallback: str) -> str:
    lowered = name.lower()
    for country, words in _COUNTRIES.items():
        if any(re.search(rf"(?<!\w){w}(?!\w)", lowered) for w in words):
            return country
    return fallback


def _type_of(name: str) -> str:
    found = [m for m in _ORG_WORD.finditer(name)]
    if not found:
        return "other"
    stem = found[-1]["stem"].lower()
    return _ORG_TYPES.get(stem, "other")


# Finnish case endings after an organisation word's inflected stem: "Kuntarakennetoimikunnalle",
# "Digi- ja väestötietovirastolle", "työryhmässä"
_FINNISH_CASE = re.compile(r"(?:lle|lla|llä|ssa|ssä|sta|stä|lta|ltä|ksi|n|na|nä|a|ä)$")


def _finnish_base(name: str) -> str:
    """A Finnish name ending in an organisation word in a case, in its base form
    ("Kuntarakennetoimikunnalle" → "Kuntarakennetoimikunta"); other names as they are."""
    case = _FINNISH_CASE.search(name)
    if case is None or not name[:case.start()].strip():
        return name
    stem = name[:case.start()]
    for inflected in sorted(_INFLECTED, key=len, reverse=True):
        if stem.lower().endswith(inflected):
            return stem[:len(stem) - len(inflected)] + _INFLECTED[inflected]
    return name


def _finnish_plural(stem: str, suffix: str) -> bool:
    """"kaupungit", "kaupungeissa", "yliopistoissa": a plural names no one organisation."""
    if suffix in ("t", "it") or suffix.startswith("ien"):
        return True
    vowel_stem = stem[-1:] in "aeiouyäö"
    return suffix[:1] in ("i", "j") if vowel_stem else suffix[:1] == "e"


def _trim(words: list[str]) -> list[str]:
    """Drop leading words that start a sentence rather than a name."""
    while words and (words[0].lower() in _FUNCTION or not words[0][:1].isupper()):
        words = words[1:]
    return words


def _by_initials(words: list[str], acronym: str) -> list[str]:
    """The nearest run of words before ``(ACR)`` that starts with a capitalised word and whose
    initials hold the acronym's letters in order: "Direktoratet for forvaltning og
    økonomistyring (DFØ)"."""
    letters = acronym.lower()
    for start in range(len(words) - 1, -1, -1):
        first = words[start].strip(",;:.")
        if words[start] != first and start < len(words) - 1:
            break  # punctuation before the run: the name cannot start further back
        if not first[:1].isupper() or first[:1].lower() != letters[0]:
            continue
        initials = iter(w[:1].lower() for w in words[start:])
        if all(letter in initials for letter in letters):
            return [w.strip(",;:.") if i == 0 else w for i, w in enumerate(words[start:])]
    return []


_LINKERS = frozenset({"för", "for", "af", "av", "of", "de", "på", "i", "du", "des"})
_CONJUNCTIONS = frozenset({"och", "og", "ja", "and", "&"})


def _by_capitals(words: list[str]) -> list[str]:
    """The words before ``(Acr)`` back to the first capitalised word: across at most three
    lower-case words (a conjunction among them: "Digital- och befolkningsdataverket"), then on
    over capitalised words and the prepositions names hold ("Norsk senter for forskningsdata")."""
    name_words: list[str] = []
    lowercase_run = 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        bare = word.strip(",;:.")
        if bare != word and name_words:
            break  # punctuation ends the name
        if name_words and name_words[0][:1].isupper():
            further = words[index - 1] if index > 0 else ""
            if bare[:1].isupper() or (bare in _LINKERS and further[:1].isupper()):
                name_words.insert(0, bare)
                continue
            break
        if bare.lower() in _STOP and bare.lower() not in _CONJUNCTIONS:
            break
        if bare[:1].isupper():
            name_words.insert(0, bare)
        elif lowercase_run < 3:
            name_words.insert(0, bare)
            lowercase_run += 1
        else:
            break
    while name_words and not name_words[0][:1].isupper():
        name_words.pop(0)
    while name_words and name_words[0].lower() in _LINKERS:
        name_words.pop(0)
    return name_words


def _candidates(text: str) -> list[tuple[str, str | None, int, int, str]]:
    """(name, acronym, start, end, why) for each name in ``text``."""
    found: list[tuple[str, str | None, int, int, str]] = []
    for match in _NAME_ACRONYM.finditer(text):
        if match["acronym"].upper() in _FILE_FORMATS:
            continue  # "Last ned veilederen (PDF)": a link to a file
        before = text[:match.start()].rstrip()
        words = re.findall(r"\S+", before)[-10:]
        name_words = _trim(_by_initials(words, match["acronym"]) or _by_capitals(words))
        if name_words:
            name = " ".join(name_words)
            found.append((name, match["acronym"], before.rfind(name_words[0]), match.end(),
                          f"a name followed by its acronym '({match['acronym']})'"))
    for match in _ORG_WORD.finditer(text):
        found += _named_by_organisation_word(text, match)
    for match in _INFLECTED_NAME.finditer(text):
        word = match["word"]
        base = word[:match.start("stem") - match.start("word")] + _INFLECTED[match["stem"]]
        suffix = word[match.end("stem") - match.start("word"):]
        # "Pienen kunnan", "Yksittäisen kunnan": an adjective, no name
        if (word != base and not _finnish_plural(match["stem"], suffix) and len(suffix) <= 6
                and match["owner"].lower() not in _FUNCTION
                and not match["owner"].endswith("isen")):
            found.append((f"{match['owner']} {base}", None, match.start(), match.end(),
                          f"an organisation word in a Finnish case ('{word}')"))
    for match in _LONG_INFLECTED_NAME.finditer(text):
        word = match["word"]
        base = word[:match.start("stem") - match.start("word")] + _INFLECTED[match["stem"]]
        suffix = word[match.end("stem") - match.start("word"):]
        if not _finnish_plural(match["stem"], suffix) and match["owner"].lower() not in _FUNCTION:
            found.append((f"{match['owner']}{match['rest']} {base}", None, match.start(),
                          match.end(), f"a Finnish name of genitives before '{word}'"))
    for match in _HYPHEN_JOINED_NAME.finditer(text):
        found.append((match.group(), None, match.start(), match.end(),
                      f"a name joined by a hyphen to '{match['tail']}'"))
    for match in _LEGAL_FORM.finditer(text):
        found.append((match.group(), None, match.start(), match.end(),
                      f"a name ending in a legal form ('{match['form']}')"))
    for match in _ENGLISH_NAME.finditer(text):
        if len(match.group().split()) >= 2:
            found.append((match.group(), None, match.start(), match.end(),
                          f"an English organisation word ('{match['word']}')"))
    for match in _NAME_BARE_ACRONYM.finditer(text):
        if _abbreviates(match["acronym"], match["name"]):
            found.append((match["name"], match["acronym"], match.start(), match.end("name"),
                          f"a name followed by its acronym '{match['acronym']}'"))
    for match in _NATIONAL_NAME.finditer(text):
        if match["rest"].lower() not in _FUNCTION:
            found.append((match.group(), None, match.start(), match.end(),
                          "a country's name and a capitalised word"))
    return [_with_head(text, *candidate) for candidate in found]


_HEAD_AFTER = re.compile(r"\s([a-zåäöæøü][a-zåäöæøü-]{2,})(?![\w-])")


# "Länsstyrelsen i Västra Götalands län", "Region Örebro län": a regional body's name goes on
# with the county it serves
_COUNTY = re.compile(r" län(?![\w-])")
_IN_PLACE = re.compile(rf" i ((?:{_CAP}s?\s+){{0,2}}{_CAP})(?: län)?(?![\w-])")
_DEFINITE_SINGULAR = re.compile(r"(?:en|et)$")
# an association's branch in a county or town: "Naturvernforbundet i Hordaland",
# "Naturskyddsföreningen i Göteborg"
_ASSOCIATION = re.compile(r"(?:forbund|förbund|forening|förening|foreining)(?:et|en)$",
                          re.IGNORECASE)


# a field named by a suspended compound after a linker: "for by- og regionforskning",
# "för miljö- och hälsoskydd"
_FIELD_AFTER = re.compile(r" (?:for|för|af|av|om) ((?:[^\W\d_]+-,? )+(?:og|och|ja|and) "
                          r"[^\W\d_]{3,})(?![\w-])")
# an acronym written after the name without brackets, before punctuation or a lowercase word
_SHORT_NAME_AFTER = re.compile(r" ([A-ZÅÄÖÆØ]{2,6})(?=[\s.,;:]|$)(?!\s+[A-ZÅÄÖÆØ])")


def candidate_names(text: str) -> list[str]:
    """The organisation names ``text`` holds by their form (an organisation word, an acronym, a
    legal form …), registry bodies among them."""
    return [candidate[0] for candidate in _candidates(text)]


def _in_county(text: str, name: str, end: int) -> int | None:
    """Where a one-word definite body's name ("Länsstyrelsen", an association's
    "Naturvernforbundet") ends when "i <place>" follows,
    or a "Region <place>" name when "län" follows; None otherwise."""
    if _COUNTY.match(text, end) and len(name.split()) == 2:
        return end + len(" län")
    found = _IN_PLACE.match(text, end)
    if (found is not None and " " not in name and _DEFINITE_SINGULAR.search(name)
            and (_type_of(name) not in ("municipality", "other") or _ASSOCIATION.search(name))
            and found.group(1).split()[0].lower() not in _FUNCTION):
        # a state body in a county; "Kommunen i Närpes" is the municipality, named otherwise
        return found.end()
    return None


def _with_head(text: str, name: str, acronym: str | None, start: int, end: int, why: str
               ) -> tuple[str, str | None, int, int, str]:
    """"Region Jönköpings län", "Svenska Finlands folkting": a name ending in a place's
    genitive goes on with the noun it qualifies."""
    county = _in_county(text, name, end) if acronym is None else None
    if county is not None:
        return text[start:county], acronym, start, county, why + " and the county it serves"
    field = _FIELD_AFTER.match(text, end) if acronym is None else None
    if field is not None:  # "Norsk institutt for by- og regionforskning"
        return text[start:field.end()], acronym, start, field.end(), why + " and its field"
    short = _SHORT_NAME_AFTER.match(text, end) if acronym is None else None
    if short is not None and "-" in name:  # "By- og regionforskningsinstituttet NIBR"
        return f"{name} {short.group(1)}", short.group(1), start, short.end(1), why
    last = name.split()[-1] if name.split() else ""
    head = _HEAD_AFTER.match(text, end)
    if (acronym is None and head is not None and len(last) > 3 and last.endswith("s")
            and len(name.split()) <= 2  # "Finlands Röda Kors medverkar": no genitive
            and last[:1].isupper() and _ORG_WORD.fullmatch(last[:-1]) is None
            and head.group(1) not in _STOP | _FUNCTION):
        return f"{name} {head.group(1)}", acronym, start, head.end(), why
    return name, acronym, start, end, why


_PLURALS = frozenset({"er", "ar", "erna", "arna", "rna", "ene", "ane", "ne", "erne", "r"})
_WORD_BEFORE = re.compile(r"([A-ZÅÄÖÆØÜ][\w'’-]*)\s+$")
# what is read before a position (a name's words, a suspended compound): a window, so a long
# sentence is not searched from its start for every organisation word in it
_BEFORE_WINDOW = 300
_AFTER = re.compile(rf"\s+(?:(?:{'|'.join(sorted(_LINKERS))})\s+)?({_CAP}(?:\s+{_CAP})?)")
def _followed_by_organisation_word(text: str, end: int) -> bool:
    following = re.match(r"\s+([^\W\d_]+)", text[end:])
    return following is not None and _ORG_WORD.fullmatch(following.group(1)) is not None


_PLURAL_HEAD = re.compile(rf"[^\W\d_]*(?:{PLURAL_HEADS})", re.IGNORECASE)
# compounds that end in an organisation word and name a place or a thing: towns ("Karlstad",
# "Strömstad"), rules and works ("regelverket", "rammeverk", "vannverk")
_NOT_BODIES = re.compile(r"(?:stad|staden|regelverk|rammeverk|ramverk|vannverk|vattenverk|"
                         r"kraftverk|kunstverk|konstverk|verktøy)\w{0,3}$", re.IGNORECASE)
# a capitalised field's last word after a conjunction, ending the name
_JOINED_FIELD = re.compile(rf"\s+(?:og|och|ja)\s+(?P<word>{_CAP})(?![\w-])(?!\s+[A-ZÅÄÖÆØÜ])")
_ACRONYM_AFTER = re.compile(r"\s+([A-ZÅÄÖÆØ]{2,6})(?![\w])")


def _named_by_organisation_word(text: str, match: re.Match[str]
                                ) -> list[tuple[str, str | None, int, int, str]]:
    """Names built on one organisation word: "Sjöby kommun", "Danske Regioner",
    "Digitaliseringsstyrelsen", "Region Mellanland", "Høgskulen på Vestlandet", "nätverket CEMR"."""
    word, stem = match.group(), match["stem"]
    start, end = match.start(), match.end()
    why = f"an organisation word ('{stem}')"
    if _SUSPENDED.match(text, end):
        return _suspended_name(text, match)  # "Europeiska kommun- och regionförbundens råd"
    # capitalised words right before it: "Sjöby kommun", "Danske Regioner", "Göteborgs Stad"
    words: list[str] = []
    cursor = start
    while len(words) < 3:
        before = _WORD_BEFORE.search(text, max(0, cursor - _BEFORE_WINDOW), cursor)
        if before is None:
            break
        words.insert(0, before.group(1))
        cursor = before.start(1)
    words = _trim(words)
    ministry = word[:1].islower() and _ORG_TYPES.get(stem.lower()) == "ministry"
    hyphenated = (_LOWER_HYPHENATED_START if ministry else _HYPHENATED_START).search(
        text, max(0, start - _BEFORE_WINDOW), start)
    if hyphenated is not None and (word[:1].islower() or not words):
        name = text[hyphenated.start():end]  # "Digi- ja väestötietoviraston"
        return [(name, None, hyphenated.start(), end, f"a hyphenated name ending in {why}")]
    ending = word[match.end("stem") - start:]
    adjective_definite = bool(words) and words[-1].endswith(("ska", "ske")) and ending in (
        "et", "en", "n", "t", "a", "an")  # "Sahlgrenska universitetssjukhuset"
    if words and (word[:1].isupper() or ending in ("", "s") or adjective_definite):
        name = " ".join([*words, word])
        pair = _PAIR_NAME.fullmatch(text[:cursor])
        if pair is not None and not text[end:].strip(" .,;"):
            name = text[:end]  # a list item that is one name: "Møre og Romsdal fylkeskommune"
        return [(name, None, end - len(name), end, f"a capitalised name ending in {why}")]
    if ministry and match.start("stem") - start >= 5:
        # Finnish (and Finland-Swedish) write ministries in lowercase: "ympäristöministeriön",
        # "socialdepartementet"; a bare "ministeriet" or "fagdepartementet" names none
        return [(word, None, start, end, f"a ministry's one-word name ending in {why}")]
    if not word[:1].isupper() or word.lower() in _FUNCTION:
        after = _ACRONYM_AFTER.match(text, end)  # "det europeiska nätverket CEMR"
        return [(after.group(1), after.group(1), start, after.end(),
                 f"an acronym after {why}")] if after else []
    if (match.start("stem") - start >= 2 and not _NOT_BODIES.search(word)
            and ending not in _PLURALS and not _PLURAL_HEAD.fullmatch(word)):
        # "Grensekommunene", "Fackförbunden": a plural names no one body
        # "Digitaliseringsstyrelsen", "Boverket"; not a town ("Strömstad") nor a set of rules
        # ("Gebyrregelverket")
        return [(word, None, start, end, f"one word ending in {why}")]
    after = _AFTER.match(text, end)  # "Region Mellanland", "Høgskulen på Vestlandet"
    if after is not None and ending not in _PLURALS and not _PLURAL_HEAD.fullmatch(word):
        # "Kommunerna i Österbotten", "Fackförbunden Kommunal": no name
        tail = _JOINED_FIELD.match(text, after.end())
        linked = re.match(r"\s+(?:for|för|af|av|of)\s", text[end:after.end()]) is not None
        if (tail is not None and linked and not tail["word"].isupper()
                and not _ORG_WORD.search(tail["word"])
                and not _followed_by_organisation_word(text, tail.end())):
            after = tail  # "Styrelsen for Dataforsyning og Infrastruktur", not "Region
            # Norrbotten och Luleå kommun"
        name = text[start:after.end()]
        return [(name, None, start, after.end(), f"{why} before a name")]
    return []


# an organisation word cut at a hyphen and joined to the next compound: "kommun- och
# regionförbundens råd", "Barne-, ungdoms- og familiedirektoratet"
_SUSPENDED = re.compile(r"-,?\s+(?:[^\W\d_]+-,?\s+)*(?:och|og|ja|and)\s+(?P<next>[^\W\d_]{3,})"
                        r"(?:\s(?P<head>[a-zåäöæøü]{3,}))?(?![\w-])")


def _suspended_name(text: str, match: re.Match[str]
                    ) -> list[tuple[str, str | None, int, int, str]]:
    """A name whose organisation word is cut at a hyphen: it runs from the capitalised words
    before it to the compound after the conjunction (and the noun that compound qualifies when
    it is a genitive: "regionförbundens råd"); a name that starts in lowercase is none."""
    cut = _SUSPENDED.match(text, match.end())
    assert cut is not None
    cursor = match.start()
    while (before := _WORD_BEFORE.search(text, max(0, cursor - _BEFORE), cursor)) is not None and \
            cursor - before.start(1) < 40 and before.group(1).lower() not in _FUNCTION:
        cursor = before.start(1)
    if not text[cursor:cursor + 1].isupper():
        return []
    genitive = cut["next"].endswith("s") and cut["head"] and cut["head"] not in _STOP | _FUNCTION
    end = cut.end("head") if genitive else cut.end("next")
    return [(text[cursor:end], None, cursor, end,
             f"a name whose organisation word ('{match['stem']}') is cut at a hyphen")]


def _strip_genitive(name: str) -> str:
    if " of " in name:
        return name  # "Council of European Municipalities and Regions": an English plural
    return re.sub(r"(?<=[a-zåäöæø])(?::s|s)$", "", name) if name.endswith(("s",)) and \
        _ORG_WORD.fullmatch(name.split()[-1][:-1]) else name


def find_unknown(record: Record, source_text: str, finder: OrganisationFinder,
                 fallback_country: str, *, titles: Sequence[str] = ()) -> list[Proposed]:
    """Organisations the page names that the registry does not know (see the module)."""
    proposed: dict[str, Proposed] = {}
    quoted = [t.casefold() for t in titles]
    page = sentences(record)
    inside = capitalised_inside([s.text for s in page])
    page_text = PageIndex.of("\n".join(s.text for s in page))
    registry_names = frozenset(finder.names.values())
    for sentence in page:
        known = finder.mentions(sentence.text)
        candidates = _candidates(sentence.text)
        spans = [(m.start, m.end) for m in known] + [(c[2], c[3]) for c in candidates]
        candidates += positional_candidates(sentence.text, spans, inside)
        candidates += role_candidates(sentence.text, page_text, inside)
        candidates += coordinated_names(sentence.text, spans, page_text, inside)
        candidates += [(name, _acronym_of(name, sentence.text, end), start, end,
                        "a well-known body's name") for name, start, end in known_bodies(sentence.text)]
        candidates += [(name, None, start, end, "a generic head and its field")
                       for name, start, end in generic_heads_with_field(sentence.text)]
        candidates += form_candidates(sentence.text, page_text)
        known_spans = [(m.start, m.end) for m in known]
        for name, acronym, start, end, why in candidates:
            whole = extend_name(sentence.text, name, start, end, _ORG_WORD,
                                known_spans) if acronym is None else None
            if acronym is None and whole is None:
                continue  # "Myndigheten", "Senter": a generic head alone names no one
            name, start, end = complete_suspended(sentence.text, *(whole or (name, start, end)))
            name, end = across_place(sentence.text, name, start, end)  # "… Møre og Romsdal"
            name = _strip_genitive(name.strip(" ,.;:"))
            if acronym is None:
                name, acronym = split_trailing_acronym(name)  # "Kansaneläkelaitos Kela"
            if not_a_name(name, sentence.text, start, end):
                continue  # "Finlands Simundervisnings-", "Nätverket för socialchefer"
            if fallback_country == "FI" and acronym is None:
                name = _finnish_base(name)
            if any(not compound_head(sentence.text, m, start, end)
                   for m in overlapping(known, start, end)):
                continue  # a registry organisation's name, or part of one
            if _PROGRAMME_AFTER.match(sentence.text, end):
                continue  # "Vastuullinen kunta -ohjelmaa": the name of a programme
            owner = right_before(known, start)
            if owner is not None and not sentence.text[owner.end:start].strip() \
                    and _OWNER.search(owner.text):
                continue  # "KL's Arbejdsmarkeds- og Erhvervsudvalg": a registry body's own
            short = len(name) < 4 and not short_but_listed(name, sentence.text, start, why)
            if (short and acronym is None) or any(name.casefold() in t for t in quoted):
                continue  # too short to be sure, or words of a document's title
            if acronym is None and (_GENERIC.fullmatch(name) or common_noun(name, page_text)
                                    or common_genitive(name, page_text) or local_committee(name)):
                continue  # "Kommunalbestyrelsen": every municipality has one; "Fylkeskommunen"
            key = name.casefold()
            if key in registry_names:
                continue  # a registry organisation's name, written in another form
            if key in proposed:
                if acronym and proposed[key].acronym is None:
                    proposed[key].acronym = acronym
                continue
            evidence = quote(sentence.text, source_text, around=(start, end))
            written = sentence.text[start:end]  # "Vantaan kaupungissa" for "Vantaan kaupunki"
            if evidence is None or not any(form.casefold() in evidence.casefold()
                                           for form in (name, written)):
                continue
            country, kind = BODIES.get(name, ("", ""))
            proposed[key] = Proposed(name=name, acronym=acronym,
                                     country=country or _country(name, fallback_country),
                                     type=kind or ("municipality" if why == TOWN_WHY
                                                   else _type_of(name)),
                                     evidence=evidence, why=why)
    found = without_parts(list(proposed.values()))
    return without_case_forms(found) if fallback_country == "FI" else found


# a Finnish name joined by a hyphen to what it names: a programme, project or strategy
_PROGRAMME_AFTER = re.compile(r"\s+-[^\W\d_]*(?:ohjelm|hank|projekt|strategi|mall|verkost)",
                              re.IGNORECASE)
_OWNER = re.compile(r"(?:'s|’s|:s|:n|')$")


def _acronym_of(name: str, text: str, end: int) -> str | None:
    """The name itself when it is an acronym, else the acronym in brackets right after it."""
    if re.fullmatch(r"[A-ZÅÄÖÆØ]{2,6}", name):
        return name
    after = _NAME_ACRONYM.match(text, end + 1) if text[end:end + 1] == " " else None
    return after["acronym"] if after else None

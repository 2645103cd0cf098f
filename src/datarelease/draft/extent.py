"""Where an organisation's name ends: a found name is carried on over the words that belong to it.

A name found by its first word or by where it stands is often longer than the word that was
found, and the short form names no one:

* a name goes on with a lowercase organisation noun, an adjective before it allowed
  ("Chalmers tekniska högskola", "Sahlgrenska universitetssjukhuset");
* a generic head ("Myndigheten", "Senter", "Institutet") goes on with a linker and the
  lowercase words of its field ("Myndigheten för yrkeshögskolan", "Senter for
  omsorgsforsking", "Institutet för de inhemska språken");
* a name ending in an organisation word or a generic head goes on with a capitalised place
  ("Välfärdsområdet Österbotten", "Business Region Göteborg").

A generic head that goes on with nothing is dropped: "Myndigheten" alone names no one. A short
name before a dash and a description ("VIVE – Det Nationale … Center for Velfærd") is the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CAP = r"[A-ZÅÄÖÆØÜ][\w'’-]*"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that name a kind of body and, standing alone and capitalised, no body in particular
GENERIC_HEAD = re.compile(
    r"(?:Myndigheten|Myndigheita|Myndigheden|Institutet|Instituttet|Institutt|Institut|Senter|"
    r"Senteret|Centret|Centeret|Center|Centrum|Centre|Rådet|Direktoratet|Nämnden|Styrelsen|"
    r"Kommissionen|Delegationen|Stiftelsen|Fonden|Fondet|Akademien|Forum|Verket|"
    r"Byrån|Kontoret|Välfärdsområdet|Hyvinvointialue|Länsstyrelsen|Statsforvaltaren|"
    r"Statsforvalteren|Fylkesmannen|Regionen|Kommunen|Kommunerna|Kommunene|Förbundet|"
    r"Forbundet|Sekretariatet|Enheten|Nettverket|Nätverket|Netværket|Agency|Institute)")
# a committee named by one compound goes on with its field: "Ekspertudvalget om
# lokaldemokrati", "Utvalget for kommunestruktur"
_COMMITTEE = re.compile(r"[\w-]*(?:udvalget|utvalget|utvalet|kommittén|delegationen|"
                        r"kommissionen|kommisjonen)", re.IGNORECASE)
# plural words for bodies, before the names of several: "Trafikselskaberne Movia og
# Midttrafik", "Fackförbunden Kommunal och Vårdförbundet": no name goes on from one
PLURAL_HEADS = (r"selskaberne|selskapene|selskapa|bolagen|förbunden|forbundene|forbundane|"
                r"fagforeningerne|organisationerna|organisationerne|organisasjonene|"
                r"organisasjonane|myndigheterna|myndighetene|myndighederne|institutterne|"
                r"instituttene|instituten|virastot|yhtiöt|järjestöt|liitot|foreningerne|"
                r"foreningene|föreningarna|företagen|virksomhederne|virksomhetene")
_PLURAL_HEAD = re.compile(rf"[^\W\d_]*(?:{PLURAL_HEADS})", re.IGNORECASE)
_LINKER = r"(?:för|for|om|af|av|til|till|de|des)"
_ARTICLE = r"(?:de|den|det|dei|ett|en|ei|eit|ein)"
# lowercase words that end a name's field: verbs, pronouns, prepositions, conjunctions
_NOT_FIELD = _words(
    "som og och ja and i på med har hade er var är ble blev blir vil skal ska kan har "
    "att at til till for för av af om fra från frå ved vid under efter etter mot mod over "
    "över sig seg sin sitt sina sine hans hennes deres deras andra andre anden flere flera "
    "mange många alle alla nogle några noen other also også även")
_FIELD = re.compile(rf"\s+({_LINKER})\s+((?:{_ARTICLE}\s+)?[a-zåäöæøü][\w-]*(?:\s+[a-zåäöæøü][\w-]*){{0,5}})")
# words that join a field's last word to it: "för vård och omsorg", "för främjande av kommunala
# analyser", "för stöd till trossamfund"
_FIELD_JOINS = _words("och og ja and av af till til")
_PLURAL_NOUN = re.compile(r"^(?:er|ar|or|erna|arna|orna|ene|ane|erne|r|rna|ne|it|t)$")
_PLURAL_DEFINITE = re.compile(r"(?:erna|arna|orna|ene|ane|erne|ne)$")
_PLACE = re.compile(rf"\s+({_CAP})(?![\w-])(?!\s*\()")
_ADJECTIVE = r"[a-zåäöæø]+(?:ska|iska|iske|ske|ka)"
_FUNCTION_CAPS = _words("Den Det De En Ett Og Och Ja Men I På För For Som Att At Til Till "
                           "Av Af Med Har Er Är Vi Han Hon Hun")


def extend_name(text: str, name: str, start: int, end: int, organisation_word: re.Pattern[str],
                taken: Sequence[tuple[int, int]] = ()) -> tuple[str, int, int] | None:
    """The whole name that ``text[start:end]`` (``name``) begins, or None when the name is a
    generic head alone (see the module); never carried into a span in ``taken``."""
    if _DESCRIPTOR_BEFORE.search(text[max(0, start - 300):start]):  # bounded: many names, long text
        return None  # words of the description after "VIVE –", not a name of their own
    name = _before_dash(name)
    if name != text[start:end]:
        return name, start, start + len(name)
    for grow in (_with_noun, _with_field, _with_place):
        longer = grow(text, name, end, organisation_word)
        if longer is not None and not any(s < longer and end < e for s, e in taken):
            return text[start:longer], start, longer
    if GENERIC_HEAD.fullmatch(name):
        return None
    return name, start, end


def generic_heads_with_field(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each generic head that goes on with its field anywhere in
    ``text``: "Institutet för de inhemska språken har granskat …"."""
    found: list[tuple[str, int, int]] = []
    for head in re.finditer(rf"(?<![\w-]){GENERIC_HEAD.pattern}(?![\w-])", text):
        if head.group() in ("Kommunen", "Kommunerna", "Kommunene", "Regionen"):
            continue  # "Kommunen för …" speaks of a municipality, named otherwise
        end = _with_field(text, head.group(), head.end(), re.compile("(?!x)x"))
        if end is not None:
            found.append((text[head.start():end], head.start(), end))
    return found


_DESCRIPTOR_BEFORE = re.compile(r"(?<![\w-])[A-ZÅÄÖÆØ]{2,6}\s+–\s+(?:[\w-]+\s+){0,5}$")


def _before_dash(name: str) -> str:
    """"VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd" → "VIVE"."""
    short, dash, _ = name.partition(" – ")
    if dash and re.fullmatch(rf"{_CAP}(?:\s+{_CAP})?", short):
        return short
    return name


def _with_noun(text: str, name: str, end: int, organisation_word: re.Pattern[str]) -> int | None:
    """"Chalmers tekniska högskola": an adjective and a lowercase organisation noun."""
    found = re.compile(rf"(?:\s+{_ADJECTIVE})?\s+([a-zåäöæø][\w]+)(?![\w-])").match(text, end)
    noun = organisation_word.fullmatch(found.group(1)) if found else None
    if found is None or noun is None or _PLURAL_NOUN.search(
            found.group(1)[noun.end("stem") - noun.start():] if noun["stem"] else ""):
        return None  # "Inera kommunerna": a plural names no one body
    if organisation_word.search(name.split()[-1]) is not None and not name[-1:].isupper():
        return None  # "Vasa stad kommun": the name already ends in its organisation noun
    return found.end()


def _with_field(text: str, name: str, end: int, _: re.Pattern[str]) -> int | None:
    """"Myndigheten för yrkeshögskolan": a generic head, a linker and lowercase words."""
    last = name.split()[-1]
    if not (GENERIC_HEAD.fullmatch(last) or _COMMITTEE.fullmatch(last)):
        return None
    found = _FIELD.match(text, end)
    if found is None:
        return None
    words = found.group(2).split()
    kept: list[str] = []
    for index, word in enumerate(words):
        rest = words[index + 1:]
        if word in _FIELD_JOINS and kept and _ends_field(rest):
            kept += [word, *rest[:2 if rest[0] in _ADJECTIVES else 1]]
            break
        if word in _NOT_FIELD or len(kept) >= 3:
            break
        kept.append(word)
    if not kept or re.fullmatch(_ARTICLE, kept[-1]):
        return None
    field = " ".join(kept)
    return found.start(2) + len(field) if text.startswith(field, found.start(2)) else None


_ADJECTIVES = _words("kommunala kommunale offentlig offentliga offentlige statlig statliga "
                     "statlige nationell nationella nasjonal nationale regional regionala")


def _ends_field(rest: list[str]) -> bool:
    """Whether the words after a join are one noun (an adjective before it allowed) that ends
    the name: "… och omsorg har …", not "… och kommunerna" nor "… och andra"."""
    length = 2 if rest and rest[0] in _ADJECTIVES else 1
    if len(rest) < length or any(w in _NOT_FIELD or _PLURAL_DEFINITE.search(w)
                                 for w in rest[:length]):
        return False
    return len(rest) == length or rest[length] in _NOT_FIELD


def _with_place(text: str, name: str, end: int, organisation_word: re.Pattern[str]
                ) -> int | None:
    """"Välfärdsområdet Österbotten", "Business Region Göteborg": a capitalised place after a
    name ending in an organisation word."""
    last = name.split()[-1]
    if not (GENERIC_HEAD.fullmatch(last) or organisation_word.fullmatch(last)) \
            or _PLURAL_HEAD.fullmatch(last):
        return None
    found = _PLACE.match(text, end)
    if found is None or found.group(1) in _FUNCTION_CAPS or len(found.group(1)) < 3:
        return None
    place = found.group(1)
    if place.isupper() or organisation_word.search(place) or place.endswith("-"):
        return None  # an acronym or another body's name: a list without commas
    return found.end(1)


__all__ = ["GENERIC_HEAD", "PLURAL_HEADS", "extend_name", "generic_heads_with_field"]

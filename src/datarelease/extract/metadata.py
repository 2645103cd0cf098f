"""Short lines of metadata near a page's title: a content label, a date, a byline, "key: value".

"Nyhet | 12. oktober 2021", "Pressemelding | Dato: 12.10.2021 | Nr: 123/21", "3. marts 2021 ·
Nyhed", "Uutinen 7.10.2021 12.30", "Af Mette Jensen | 3. marts 2021": the date and the label
they hold (:func:`dated_line`); "Pressemelding | Nr: 61-2032": a label with metadata but no date
(:func:`label_line`). Anything else (a sentence, a date under another key such as
"Søknadsfrist: 12.10.2021") is no such line.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from datarelease.extract.blocks import PARTY, clean, key
from datarelease.extract.dates import bare_date, try_parse_date
from datarelease.extract.vocabulary import CONTENT_TYPES, DATE_LINE, DATE_WORDS, MODIFIED_LINE

__all__ = ["change_stamp", "dated_line", "is_byline", "is_source_note", "label_line"]

_PART_SEPARATOR = re.compile(r"\s+[-|·•–—/]\s+|\s*[|·•]\s*")
_DATE_WORD = re.compile(rf"(?:{DATE_WORDS})\s*(?::\s*|\s+)", re.IGNORECASE)
# "Nyhet 12.10.2031", "Nyhet tirsdag 14. oktober 2031" (the date may open with its weekday)
_LABEL_FIRST = re.compile(r"(?P<label>[^\W\d_][\w -]{0,39}?)\s*[,:]?\s+"
                          r"(?P<rest>(?:[^\W\d_]+,?\s+)?\d.*)")
_KEY_VALUE = re.compile(r"[^\W\d_][\w .]{0,19}:\s*\S[^|·•]{0,29}")  # "Nr: 123/21", "Lesetid: 3 min"
# "Af Mette Jensen", "Av Kari Nordmann, seniorrådgiver": who wrote the page, beside its date.
# "Av Kari Nordmann", "Av civilminister Erik Sandberg", "Af borgmester Hans Jørgen Skov (V)"
_BY = (r"(?i:av|af|by|(?:tekst|text|teksti)(?:\s+(?:og|och|ja)\s+(?:foto|bild|kuvat?))?\s*:"
       r"|skrevet av|skrive av|skriven av|skrivet av|kirjoittaja\s*:|författare\s*:"
       r"|forfatter\s*:)\s+(?:[a-zåäöæøü][\w-]*\s+){0,3}"
       r"[A-ZÅÄÖÆØÜ][\w'’-]+(?:\s+(?:af\s+|von\s+)?[A-ZÅÄÖÆØÜ][\w'’-]+){0,3}"
       rf"(?:\s+{PARTY})?")
_BYLINE = re.compile(rf"{_BY}(?:\s*,\s*[^\W\d_][\w -]{{0,60}})?")
_BYLINE_FIRST = re.compile(rf"{_BY}\s*,\s*(?P<rest>\d.*)")
_PLACE_FIRST = re.compile(r"[A-ZÅÄÖÆØÜ][\w-]+(?:\s[A-ZÅÄÖÆØÜ][\w-]+)?,?\s+(?P<rest>(?:den\s+|d\.\s*)?\d.*)")
_MAX_METADATA_LINE = 100
_DIGIT = re.compile(r"\d")


def dated_line(value: str, path: Path) -> tuple[datetime.date, str] | None:
    """(the date, the content label or "") of a short line of metadata that holds one date and
    otherwise only a content label, a date word ("Dato:", "Datum"), a byline ("Af Mette
    Jensen") or short "key: value" parts;
    None for anything else (a sentence with a date in it is no date line)."""
    text = clean(value)
    if len(text) > _MAX_METADATA_LINE or _DIGIT.search(text) is None:
        return None  # every date has digits
    found: datetime.date | None = None
    label = ""
    for part in _PART_SEPARATOR.split(text):
        if key(part) in CONTENT_TYPES and not label:
            label = part
            continue
        date, part_label = _dated_part(part, path)
        if date is not None and found is None and not (part_label and label):
            found, label = date, label or part_label
        elif _KEY_VALUE.fullmatch(part) is None and _BYLINE.fullmatch(part) is None:
            return None
    return (found, label) if found is not None else None



def _dated_part(part: str, path: Path) -> tuple[datetime.date | None, str]:
    """A date, perhaps after a date word, a content label ("Nyhed 12. oktober 2021") or a
    byline and a comma."""
    word = _DATE_WORD.match(part)
    date = bare_date(part[word.end():] if word else part, path)
    if date is not None:
        return date, ""
    first = _LABEL_FIRST.fullmatch(part)
    if first is not None and key(first["label"]) in CONTENT_TYPES:
        return bare_date(first["rest"], path), first["label"]
    byline = _BYLINE_FIRST.fullmatch(part)  # "Av Kari Nordmann, 12. oktober 2021"
    if byline is not None:
        return bare_date(byline["rest"], path), ""
    place = _PLACE_FIRST.fullmatch(part)  # a press release's "København, 3. marts 2031"
    if place is not None:
        return bare_date(place["rest"], path), ""
    return None, ""


def change_stamp(value: str, path: Path) -> datetime.date | None:
    """The date of the change stamp in a short line of metadata whose other parts are a byline,
    a label, a date line or "key: value" ("Af Mette Jensen · Opdateret 5. maj 2031"); None for
    anything else."""
    text = clean(value)
    if len(text) > _MAX_METADATA_LINE:
        return None
    found: datetime.date | None = None
    for part in _PART_SEPARATOR.split(text):
        stamp = MODIFIED_LINE.fullmatch(part)
        date = try_parse_date(stamp["value"], path) if stamp and stamp["value"] else None
        if date is not None and found is None:
            found = date
        elif not (key(part) in CONTENT_TYPES or _BYLINE.fullmatch(part) or DATE_LINE.fullmatch(part)
                  or _KEY_VALUE.fullmatch(part) or _dated_part(part, path)[0] is not None):
            return None
    return found


def label_line(value: str) -> str:
    """The content label of a short line of metadata that holds no date: the label and only
    "key: value" parts or a byline ("Pressemelding | Nr: 61-2032"), or the label and whose it
    is ("Debattartikel från Finansdepartementet"); "" for anything else."""
    text = clean(value)
    if len(text) > _MAX_METADATA_LINE:
        return ""
    whose = _LABEL_FROM.fullmatch(text)
    if whose is not None and key(whose["label"]) in CONTENT_TYPES:
        return whose["label"]
    parts = _PART_SEPARATOR.split(text)
    label = parts[0]
    if len(parts) < 2 or key(label) not in CONTENT_TYPES:
        return ""
    rest = parts[1:]
    if all(_KEY_VALUE.fullmatch(part) or _BYLINE.fullmatch(part) for part in rest):
        return label
    return ""


_LABEL_FROM = re.compile(r"(?P<label>[^\W\d_]+)\s+(?:från|fra|frå|from|ifrån)\s+[A-ZÅÄÖÆØ][^.!?:]{1,60}")


def is_byline(text: str) -> bool:
    """A line that says who wrote the page: "Af Mette Kjær Lund, formand for Danske Regioner",
    "Av Anna-Karin Westman (S), regionstyrelsens ordförande, och Per Olofsson (C), …" (any
    names and titles, no sentence)."""
    line = clean(text)
    if _BYLINE.fullmatch(line) is not None:
        return True
    return (_BYLINE_START.match(line) is not None and len(line) <= _MAX_BYLINE
            and line[-1:] not in ".!?:;")


def is_source_note(text: str) -> bool:
    """A line that says where an opinion piece first appeared: "Bragt i Altinget 12. oktober
    2031", "Publicerad i Norrländska Socialdemokraten den 3 mars", "Først publisert i VG"."""
    line = clean(text)
    return len(line) <= _MAX_METADATA_LINE and _SOURCE_NOTE.fullmatch(line) is not None


_SOURCE_NOTE = re.compile(
    r"(?i:(?:(?:først|först|tidigare|tidligere|oprindeligt|opprinnelig|ursprungligen|alun\S*)\s+)?"
    r"(?:bragt|trykt|publiceret|publicerad|publisert|publisert|offentliggjort|julkaistu|"
    r"ble publisert|blev bragt|var publicerad)\s+(?:første gang\s+|first\s+)?(?:i|på|in)\s+)"
    r"[^!?]{1,70}"
)
_BYLINE_START = re.compile(rf"{_BY}(?:\s+\([^()]{{1,12}}\))?\s*,\s")
_MAX_BYLINE = 200

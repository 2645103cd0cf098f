"""Dates as Nordic pages print them → :class:`datetime.date`.

Day first, always: ``10 september 2020``, ``12. oktober 2021``, ``den 3. marts 2021``,
``torsdag 10 september 2020``, ``7. lokakuuta 2021``, ``10 sep. 2020``, numeric ``7.10.2021`` or
``07.10.2021``, and ISO ``2021-10-07``. Month names and weekdays come from every vocabulary
(:mod:`datarelease.extract.vocabulary`), since a page's dates need not be in its language.
Whatever follows the date (``kl. 10.15``, ``| Oppdatert …``) is ignored.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from datarelease.errors import SourceError
from datarelease.extract.blocks import clean, key
from datarelease.extract.vocabulary import (
    CONTENT_TYPES,
    DATE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
)

__all__ = ["bare_date", "dated_line", "parse_date", "try_parse_date"]

_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})(?!\d)")
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NAMED_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+)?"
    r"(?P<day>\d{1,2})(?::[ae])?\.?\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)
# A line that is a date and nothing else, perhaps with the time: "12.10.2021", "7. lokakuuta 2021
# klo 9.00", "tisdag 10 september 2020, kl. 09.00".
_BARE_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+|d\.\s*)?"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}(?::[ae])?\.?\s+[^\W\d_]+\.?,?\s+\d{4})"
    r"(?:(?:\s*,)?\s*(?:kl\.?|klo\.?)?\s*\d{1,2}[.:]\d{2})?",
    re.IGNORECASE,
)
# A line of metadata: "Nyhet | 12. oktober 2021", "Pressemelding | Dato: 12.10.2021 | Nr: 123/21",
# "3. marts 2021 · Nyhed", "Uutinen 7.10.2021 12.30", "Pressemeddelelse, 3. marts 2021".
_PART_SEPARATOR = re.compile(r"\s+[|·•–—/]\s+|\s*[|·•]\s*")
_DATE_WORD = re.compile(rf"(?:{DATE_WORDS})\s*(?::\s*|\s+)", re.IGNORECASE)
_LABEL_FIRST = re.compile(r"(?P<label>[^\W\d_][\w -]{0,39}?)\s*[,:]?\s+(?P<rest>\d.*)")
_KEY_VALUE = re.compile(r"[^\W\d_][\w .]{0,19}:\s*\S[^|·•]{0,29}")  # "Nr: 123/21", "Lesetid: 3 min"
# "Af Mette Jensen", "Av Kari Nordmann, seniorrådgiver": who wrote the page, beside its date.
_BY = r"(?i:av|af|by)\s+[A-ZÅÄÖÆØÜ][\w'’-]+(?:\s+(?:af\s+|von\s+)?[A-ZÅÄÖÆØÜ][\w'’-]+){0,3}"
_BYLINE = re.compile(rf"{_BY}(?:\s*,\s*[^\W\d_][\w -]{{0,40}})?")
_BYLINE_FIRST = re.compile(rf"{_BY}\s*,\s*(?P<rest>\d.*)")
_PREFIX = re.compile(rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+)?", re.IGNORECASE)


def parse_date(value: str, path: Path, line: int | None) -> datetime.date:
    """A printed date → a date; anything else is a :class:`SourceError` naming the line."""
    text = clean(value)
    location = f"line {line}" if line is not None else None
    iso = _ISO_DATE.match(text)
    numeric = _NUMERIC_DATE.match(text[_PREFIX.match(text).end():])  # type: ignore[union-attr]
    if iso is not None:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"])
    elif numeric is not None:
        year, month, day = int(numeric["year"]), int(numeric["month"]), int(numeric["day"])
    else:
        match = _NAMED_DATE.match(text)
        if match is None:
            raise SourceError(
                f"cannot read the date {text!r}: expected the day, a month name and the year "
                "('10 september 2020', '12. oktober 2021', '7. lokakuuta 2021'), or a numeric "
                "date ('7.10.2021', '2021-10-07')",
                path=path, location=location,
            )
        name = match["month"].lower()
        found = MONTHS.get(name, MONTH_ABBREVIATIONS.get(name))
        if found is None:
            raise SourceError(
                f"unknown month {match['month']!r} in the date {text!r}: expected a Swedish, "
                "Norwegian, Danish, Finnish or English month name (e.g. september, oktober, "
                "marts, lokakuuta) or its abbreviation",
                path=path, location=location,
            )
        year, month, day = int(match["year"]), found, int(match["day"])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise SourceError(
            f"impossible date {text!r}: there is no day {day} in month {month} of {year}",
            path=path, location=location,
        ) from None


def bare_date(value: str, path: Path) -> datetime.date | None:
    """The date of a line that holds a date and nothing else (a time may follow), else None."""
    text = clean(value)
    if _BARE_DATE.fullmatch(text) is None:
        return None
    return try_parse_date(text.removeprefix("d.").strip(), path)


def try_parse_date(value: str, path: Path) -> datetime.date | None:
    """The date, or None when ``value`` is not one (for optional stamps such as "Uppdaterad")."""
    try:
        return parse_date(value, path, None)
    except SourceError:
        return None


def dated_line(value: str, path: Path) -> tuple[datetime.date, str] | None:
    """(the date, the content label or "") of a short line of metadata that holds one date and
    otherwise only a content label, a date word ("Dato:", "Datum"), a byline ("Af Mette
    Jensen") or short "key: value" parts;
    None for anything else (a sentence with a date in it is no date line)."""
    text = clean(value)
    if len(text) > _MAX_METADATA_LINE:
        return None
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


_MAX_METADATA_LINE = 100


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
    return None, ""

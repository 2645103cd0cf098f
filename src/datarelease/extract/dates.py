"""Dates as Nordic pages print them → :class:`datetime.date`.

Day first, always: ``10 september 2020``, ``12. oktober 2021``, ``den 3. marts 2021``,
``torsdag 10 september 2020``, ``7. lokakuuta 2021``, ``10 sep. 2020``, numeric ``7.10.2021``,
``07.10.2021``, ``14/1 2031`` or ``12.10.31`` (this century), and ISO ``2021-10-07``. Month
names and weekdays come from every vocabulary (:mod:`datarelease.extract.vocabulary`), since a
page's dates need not be in its language.
Whatever follows the date (``kl. 10.15``, ``| Oppdatert …``) is ignored.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from datarelease.errors import SourceError
from datarelease.extract.blocks import clean
from datarelease.extract.vocabulary import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

__all__ = ["bare_date", "parse_date", "try_parse_date"]

_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
# "7.10.2021", and the slashes Danish pages also use: "14/1 2031", "14/1-2031", "14/1/2031".
# A two-digit year ("12.10.31", as some templates print it) is of this century.
_NUMERIC = r"\d{1,2}(?:\.\s?\d{1,2}\.\s?|/\d{1,2}[-/ ])(?:\d{4}|\d{2}(?![\d.:]))"
_NUMERIC_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:\.\s?(?P<month>\d{1,2})\.\s?|/(?P<slashed>\d{1,2})[-/ ])"
    r"(?P<year>\d{4}|\d{2}(?![\d.:]))(?!\d)"
)
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NAMED_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+|d\.\s*)?"  # "tirsdag d. 3. juni 2031"
    r"(?P<day>\d{1,2})(?::[ae])?\.?\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)
# A line that is a date and nothing else, perhaps with the time: "12.10.2021", "7. lokakuuta 2021
# klo 9.00", "tisdag 10 september 2020, kl. 09.00".
_BARE_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+|d\.\s*)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_NUMERIC}|\d{{1,2}}(?::[ae])?\.?\s+[^\W\d_]+\.?,?\s+\d{{4}})"
    r"(?:(?:\s*,)?\s*(?:kl\.?|klo\.?|klokka|klokken|kello)?\s*\d{1,2}[.:]\d{2})?",
    re.IGNORECASE,
)
_PREFIX = re.compile(rf"(?:(?:{_WEEKDAY})(?:en)?,?\s+)?(?:den\s+|d\.\s*)?", re.IGNORECASE)


def parse_date(value: str, path: Path, line: int | None) -> datetime.date:
    """A printed date → a date; anything else is a :class:`SourceError` naming the line."""
    text = clean(value)
    location = f"line {line}" if line is not None else None
    iso = _ISO_DATE.match(text)
    numeric = _NUMERIC_DATE.match(text[_PREFIX.match(text).end():])  # type: ignore[union-attr]
    if iso is not None:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"])
    elif numeric is not None:
        month_text = numeric["month"] or numeric["slashed"]
        year = int(numeric["year"]) + (2000 if len(numeric["year"]) == 2 else 0)
        month, day = int(month_text), int(numeric["day"])
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


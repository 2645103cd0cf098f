"""One source document → one structured :class:`Record`.

A source is a news page as published: either the plain-text export of the page (``.txt``) or the
HTML page itself (``.html``). :func:`read_source` picks the reader by suffix, else by content, and
both readers return the same plain, frozen :class:`Record`.

Decoding (:func:`decode_source`) accepts UTF-8 with or without a BOM, then Windows-1252, then
Latin-1; line ends become ``\\n`` and text becomes NFC, so every encoding of a page gives the same
record. NUL bytes or other control characters mean the file is not text.

The text export has lost the page's markup, so its reader leans on layout and on a few tables of
phrases kept as data at the top of this module:

* ``Publicerad: 10 september 2020`` (colon optional, any Swedish month name) is the date; the first
  lines after it are the content label (``Nyhet`` …, see ``_CONTENT_TYPES``), the title and the
  lede (the first paragraph).
* One line is one block. A *paragraph* ends with ``. ! ? :`` or is long; a *short line* does not.
  In a run of short lines the last one is a heading when body text (a paragraph or a list)
  follows, and every other one is a link (the export keeps a link's text, not its URL). A short line
  that ends the article (a contact block, page chrome or the end of the file follows) is a link.
  A line ending in a marker such as ``(PDF, nytt fönster)`` is always a link.
* List items start with ``• · – - * ▪ ◦`` (or ``1.``); a list is a run of adjacent item lines,
  so a blank line ends it. A single unindented line starting with a
  dash is a paragraph, not a list: Swedish news writes quotations as ``– Citat, säger hon.``
* ``Informationsansvarig`` and ``Kontakt`` open contact blocks: bullet-marked names, each followed
  by an indented role line. The article ends at its contact blocks; whatever else the export shows
  after them is site furniture and is left out.
* Page chrome (feedback prompts, site notices, page tools) is recognised by ``_CHROME`` and left out
  everywhere.

The HTML reader has the markup, so it uses it (BeautifulSoup with the standard library's parser):
``<h1>``, ``<time datetime>``, classes such as ``kicker`` or ``preamble``, ``<h2>``–``<h6>``,
``<ul>``/``<ol>``, ``<a href>``; it skips ``<nav>``, ``<header>``, ``<footer>``, ``<form>``, scripts
and styles, and the same chrome phrases.

Every failure is a :class:`~datarelease.errors.SourceError` naming the file and the line.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from datarelease.errors import SourceError

__all__ = [
    "Contact",
    "Link",
    "Record",
    "Section",
    "decode_source",
    "read_source",
    "read_text_source",
    "record_to_dict",
]


# --------------------------------------------------------------------------------------------
# The record
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A person named in a contact block of the page."""

    name: str
    role: str | None
    block: str  # "information_officer" (from "Informationsansvarig") or "contact" (from "Kontakt")


@dataclass(frozen=True)
class Link:
    """A link of the article; the text export keeps its text but not its URL."""

    text: str  # visible text, without markers like "(PDF, nytt fönster)"
    href: str | None  # None in the text export, which has no URLs
    media_type: str | None  # e.g. "application/pdf" when the page says PDF
    new_window: bool


@dataclass(frozen=True)
class Section:
    """The paragraphs under one heading (``heading`` is None before the first heading)."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    """One source document, read."""

    source: str  # the file name
    format: str  # "text" | "html"
    title: str
    published: datetime.date
    content_type: str  # "news" | "press_release" | "opinion" | "other"
    content_label: str  # as printed on the page, e.g. "Nyhet" ("" when the page has none)
    language: str  # BCP-47 primary language subtag, e.g. "sv"
    lede: str  # first paragraph after the title
    body: str  # paragraphs, headings, list items and link texts in page order, blank-line separated
    sections: tuple[Section, ...]
    lists: tuple[tuple[str, ...], ...]
    contacts: tuple[Contact, ...]
    links: tuple[Link, ...]


# --------------------------------------------------------------------------------------------
# Rules kept as data
# --------------------------------------------------------------------------------------------

SWEDISH_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
# Short forms some sites print ("10 sep. 2020"); anything else is an unknown month.
_MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}

# The content label as printed (lower-cased) → our content type. Labels not listed are kept as
# printed and typed "other"; the listed "other" ones are here so that they are recognised as
# labels even when the line after them would not tell.
_CONTENT_TYPES: dict[str, str] = {
    "nyhet": "news", "nyheter": "news", "notis": "news", "news": "news",
    "pressmeddelande": "press_release", "press release": "press_release",
    "krönika": "opinion", "debattartikel": "opinion", "debatt": "opinion", "ledare": "opinion",
    "replik": "opinion", "insändare": "opinion", "opinion": "opinion",
    "rapport": "other", "reportage": "other", "artikel": "other", "intervju": "other",
    "blogginlägg": "other", "evenemang": "other",
}

# A heading that opens a contact block → Contact.block.
_CONTACT_BLOCKS: dict[str, str] = {
    "informationsansvarig": "information_officer",
    "informationsansvariga": "information_officer",
    "kontakt": "contact",
    "kontakter": "contact",
    "kontaktperson": "contact",
    "kontaktpersoner": "contact",
}

# Page chrome: text the site prints on every page, which is not part of the article. Each
# pattern must match a whole block (line, paragraph, heading), case-insensitively.
_CHROME: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # The feedback widget under every page asks about the page, not about the subject.
        r"hjälpte informationen på sidan dig\s*\??",
        r"var (?:det här|den här sidan|sidan|informationen) till hjälp\s*\??",
        r"tack för (?:att du hjälper oss|din feedback|ditt svar|din återkoppling)\s*!?",
        r"ja|nej",  # the widget's two buttons, when the export keeps them
        # The site-wide Covid-19 notice SKR showed beside every article in 2020-2022.
        r"har du en fråga med anledning av det pågående virusutbrottet\s*\??",
        r"titta först på våra frågor och svar som finns här på webbplatsen\s*\.?",
        r"covid-19 och det nya coronaviruset",
        # Page tools and the page's own change stamp: about the page, not the article.
        r"(?:senast |sidan )?uppdaterad(?:es)?\s*:?\s*\d.*",
        r"dela(?: sidan| artikeln)?(?: på \w+)?\s*:?",
        r"skriv ut(?: sidan)?",
        r"(?:tillbaka )?till toppen(?: av sidan)?",
        r"lyssna(?: på sidan)?",
    )
)

# Markers a site appends to a link's text, e.g. "(PDF, nytt fönster)". A parenthesis counts as
# a marker only when every comma-separated part of it is one of these (or a file size).
_MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "word": "application/msword",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "excel": "application/vnd.ms-excel",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "powerpoint": "application/vnd.ms-powerpoint",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "zip": "application/zip",
}
_NEW_WINDOW_MARKERS = frozenset({
    "nytt fönster", "öppnas i nytt fönster", "öppnas i ett nytt fönster", "new window",
    "opens in a new window",
})
_OTHER_MARKERS = frozenset({
    "extern länk", "extern webbplats", "annan webbplats", "länk till annan webbplats",
    "external link", "external site",
})
_SIZE_MARKER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:kb|mb|gb|kib|mib)", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Stop words per language, for a simple count. Mostly words the neighbours do not share
# (och/og, inte/ikke/ikkje, från/fra/frå …); ties go to the first language, Swedish.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "sv": _words(
        "och är inte till också ett från hur där än finns mycket varit att för detta denna när"
        " vad säger"
    ),
    "nb": _words(
        "og ikke til også et fra hva hvordan jeg hvis noen blir etter mot av er være skal"
        " mange sier"
    ),
    "da": _words(
        "og ikke til også et fra hvad hvordan jeg hvis nogle nogen bliver efter mod af er være"
        " skal mange siger meget"
    ),
    "nn": _words(
        "og ikkje til òg eit ein frå kva korleis eg viss nokon blir etter mot av er vere skal"
        " dei mykje berre seier"
    ),
    "en": _words(
        "the and of to in is that for on with are this by from it was which not have has will"
        " be an as"
    ),
}
_DEFAULT_LANGUAGE = "sv"

_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_SPACES = re.compile(r"\s+")


def decode_source(data: bytes, path: Path) -> str:
    """Decode a source document's bytes to NFC text with ``\\n`` line ends.

    UTF-8 (with or without a BOM) is tried first, then Windows-1252, then Latin-1. Raises
    :class:`SourceError` when the file is empty or is not text (NUL bytes, control characters).
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise SourceError(
            "contains NUL bytes: this is a binary file (or UTF-16), not a text export; "
            "save it as UTF-8",
            path=path, location=f"line {line}",
        )
    text = ""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    newline = "\n"
    if control is not None:
        raise SourceError(
            f"contains the control character U+{ord(control.group()):04X}: this is not a text "
            "file",
            path=path, location=f"line {text.count(newline, 0, control.start()) + 1}",
        )
    if not text.strip():
        raise SourceError("the file is empty", path=path, location="line 1")
    return unicodedata.normalize("NFC", text)


def read_text_source(path: Path) -> str:
    """The decoded text of a source document, as used to check evidence quotes."""
    return decode_source(_read_bytes(path), path)


def read_source(path: Path) -> Record:
    """Read one source document (text export or HTML page) into a :class:`Record`."""
    text = read_text_source(path)
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return _read_text(text, path)
    if suffix in _HTML_SUFFIXES:
        return _read_html(text, path)
    if text.lstrip().startswith("<") or "<html" in text.lower():
        return _read_html(text, path)
    return _read_text(text, path)


def record_to_dict(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of the record (dates as ``YYYY-MM-DD``, tuples as lists)."""
    return {
        "title": record.title,
        "published": record.published.isoformat(),
        "content_type": record.content_type,
        "content_label": record.content_label,
        "language": record.language,
        "lede": record.lede,
        "body": record.body,
        "lists": [list(items) for items in record.lists],
        "contacts": [
            {"name": c.name, "role": c.role, "block": c.block} for c in record.contacts
        ],
        "links": [
            {"text": k.text, "href": k.href, "media_type": k.media_type,
             "new_window": k.new_window}
            for k in record.links
        ],
        "sections": [
            {"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in record.sections
        ],
        "source": record.source,
        "format": record.format,
    }


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror or error}", path=path) from None


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """NFC, no invisible characters, runs of white space as one space, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def _key(text: str) -> str:
    """A block's text as a lookup key: trailing colon dropped, lower case."""
    return text.rstrip(":").strip().lower()


def _is_chrome(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _CHROME)


def _split_markers(text: str) -> tuple[str, tuple[str, ...]]:
    """``"Rapport (PDF, nytt fönster)"`` → ``("Rapport", ("pdf", "nytt fönster"))``."""
    tokens: list[str] = []
    rest = text
    while rest.endswith(")"):
        start = rest.rfind("(")
        if start <= 0:
            break
        parts = [part.strip().lower() for part in rest[start + 1 : -1].split(",")]
        if not all(_is_marker(part) for part in parts):
            break
        tokens[:0] = parts
        rest = rest[:start].rstrip()
    if not rest:
        return text, ()
    return rest, tuple(tokens)


def _is_marker(token: str) -> bool:
    return (token in _MEDIA_TYPES or token in _NEW_WINDOW_MARKERS or token in _OTHER_MARKERS
            or _SIZE_MARKER.fullmatch(token) is not None)


def _media_type(tokens: Iterable[str]) -> str | None:
    for token in tokens:
        if token in _MEDIA_TYPES:
            return _MEDIA_TYPES[token]
    return None


def _detect_language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    best, best_score = _DEFAULT_LANGUAGE, 0
    for language, stop_words in _STOP_WORDS.items():
        score = sum(1 for word in words if word in stop_words)
        if score > best_score:
            best, best_score = language, score
    return best


# --- dates ---

_DATE_LINE = re.compile(
    r"(?:publicerad|publicerat|publiceringsdatum)\b\s*:?\s*(?P<value>.*)", re.IGNORECASE
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_SWEDISH_DATE = re.compile(
    r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?,?\s+)?(?:den\s+)?"
    r"(?P<day>\d{1,2})(?::[ae])?\.?\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)


def _parse_date(value: str, path: Path, line: int | None) -> datetime.date:
    """``"10 september 2020"`` (or ISO ``2020-09-10``) → a date; anything else is an error."""
    text = _clean(value)
    location = f"line {line}" if line is not None else None
    iso = _ISO_DATE.match(text)
    if iso is not None:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"])
    else:
        match = _SWEDISH_DATE.match(text)
        if match is None:
            raise SourceError(
                f"cannot read the date {text!r}: expected day, Swedish month name and year, "
                "e.g. 'Publicerad: 10 september 2020'",
                path=path, location=location,
            )
        name = match["month"].lower()
        found = SWEDISH_MONTHS.get(name, _MONTH_ABBREVIATIONS.get(name))
        if found is None:
            raise SourceError(
                f"unknown month {match['month']!r} in the date {text!r}: expected a Swedish "
                "month name (januari, februari, … december)",
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


# --- assembling the record ---


@dataclass
class _Assembly:
    """Collects the article's blocks in page order and turns them into a Record."""

    body: list[str] = field(default_factory=list)
    sections: list[tuple[str | None, list[str]]] = field(default_factory=lambda: [(None, [])])
    lists: list[tuple[str, ...]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.body.append(text)
        self.sections.append((text, []))

    def paragraph(self, text: str) -> None:
        self.body.append(text)
        self.sections[-1][1].append(text)

    def bullet_list(self, items: Sequence[str]) -> None:
        if items:
            self.lists.append(tuple(items))
            self.body.extend(items)

    def link(self, link: Link, *, in_body: bool = True) -> None:
        self.links.append(link)
        if in_body:
            self.body.append(link.text)

    def record(self, *, path: Path, fmt: str, title: str, published: datetime.date,
               label: str, lede: str, language: str | None) -> Record:
        sections = tuple(
            Section(heading, tuple(paragraphs))
            for heading, paragraphs in self.sections
            if heading is not None or paragraphs
        )
        body = "\n\n".join(self.body)
        return Record(
            source=path.name,
            format=fmt,
            title=title,
            published=published,
            content_type=_CONTENT_TYPES.get(_key(label), "other"),
            content_label=label,
            language=language or _detect_language(f"{title}\n{lede}\n{body}"),
            lede=lede,
            body=body,
            sections=sections,
            lists=tuple(self.lists),
            contacts=tuple(self.contacts),
            links=tuple(self.links),
        )


_PHONE_OR_EMAIL = re.compile(
    r"(?:tel(?:efon)?|mobil|e-?post|e-?mail|mejl)\b.*|\S+@\S+|\+?[\d\s()/-]{6,}", re.IGNORECASE
)


def _contact(lines: Sequence[str], block: str) -> Contact | None:
    """Name line, then role line; phone numbers and e-mail addresses are not roles."""
    lines = [line for line in lines if line and not _PHONE_OR_EMAIL.fullmatch(line)]
    if not lines:
        return None
    name, role = lines[0], (lines[1] if len(lines) > 1 else None)
    if role is None and ", " in name:  # "Klas Danerlöv, handläggare" on one line
        name, role = (part.strip() for part in name.split(", ", 1))
    return Contact(name=name, role=role, block=block)


# --------------------------------------------------------------------------------------------
# The text export
# --------------------------------------------------------------------------------------------

_BULLET = re.compile(r"(?P<mark>[•·–\-*▪◦]|\d{1,2}[.)])\s+(?P<item>\S.*)")
_WEAK_MARKS = frozenset("–-")  # also used for quotations; numbers may start a sentence
_SENTENCE_END = frozenset(".!?:;,…")
_MAX_SHORT = 120  # a heading or link line is at most this long
_MAX_LINK = 150  # a line with a link marker is a link only up to this length
_MAX_DATE_LINE = 80


@dataclass
class _Unit:
    """One non-blank line of the export (with any indented lines that continue a bullet)."""

    line: int
    indent: int
    text: str
    mark: str | None
    item: str
    joined_above: bool  # the line above is not blank
    details: list[str] = field(default_factory=list)
    kind: str = ""  # chrome, date, contact, item, link, short, para


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    above_blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            above_blank = True
            continue
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        clean = _clean(raw)
        bullet = _BULLET.fullmatch(clean)
        previous = units[-1] if units else None
        if (previous is not None and not above_blank and previous.mark is not None
                and bullet is None and indent > previous.indent):
            previous.details.append(clean)  # a contact's role, or a wrapped list item
            continue
        units.append(_Unit(
            line=number, indent=indent, text=clean,
            mark=bullet["mark"] if bullet else None,
            item=bullet["item"] if bullet else clean,
            joined_above=not above_blank,
        ))
        above_blank = False
    return units


def _is_item(units: Sequence[_Unit], index: int) -> bool:
    unit = units[index]
    if unit.mark is None:
        return False
    if unit.mark not in _WEAK_MARKS and not unit.mark[0].isdigit():
        return True
    if unit.indent > 0:
        return True
    # A dash or number at the margin is a list only among other items on adjacent lines.
    before = index > 0 and unit.joined_above and units[index - 1].mark is not None
    after = (index + 1 < len(units) and units[index + 1].joined_above
             and units[index + 1].mark is not None)
    return before or after


def _is_short(text: str) -> bool:
    end = text.rstrip("”\"’»)]")[-1:]
    return len(text) <= _MAX_SHORT and end not in _SENTENCE_END


def _classify(units: list[_Unit], path: Path) -> _Unit:
    """Set each unit's kind; return the date unit."""
    date_unit: _Unit | None = None
    for index, unit in enumerate(units):
        date = _DATE_LINE.fullmatch(unit.text)
        if _is_chrome(unit.text) or (unit.mark is not None and _is_chrome(unit.item)):
            unit.kind = "chrome"
        elif (date_unit is None and date is not None and len(unit.text) <= _MAX_DATE_LINE
              and (any(ch.isdigit() for ch in unit.text) or not date["value"])):
            unit.kind = "date"
            date_unit = unit
        elif _key(unit.text) in _CONTACT_BLOCKS:
            unit.kind = "contact"
        elif _is_item(units, index):
            unit.kind = "item"
        elif _split_markers(unit.text)[1] and len(unit.text) <= _MAX_LINK:
            unit.kind = "link"
        elif _is_short(unit.text):
            unit.kind = "short"
        else:
            unit.kind = "para"
    if date_unit is None:
        raise SourceError(
            "no date line: expected 'Publicerad: <day> <month> <year>', "
            "e.g. 'Publicerad: 10 september 2020', near the top of the page",
            path=path, location=f"line {units[0].line}",
        )
    return date_unit


def _text_link(text: str) -> Link:
    label, tokens = _split_markers(text)
    return Link(text=label, href=None, media_type=_media_type(tokens),
                new_window=any(token in _NEW_WINDOW_MARKERS for token in tokens))


def _read_text(text: str, path: Path) -> Record:
    units = _units(text)
    date_unit = _classify(units, path)
    date_value = _DATE_LINE.fullmatch(date_unit.text)
    value = date_value["value"] if date_value else ""
    value_line = date_unit.line
    if not value:  # "Publicerad:" with the date on the next line
        later = [u for u in units if u.line > date_unit.line]
        if later:
            later[0].kind = "date"
            value, value_line = later[0].text, later[0].line
    published = _parse_date(value, path, value_line)

    content = [u for u in units if u.kind not in ("chrome", "date")]
    position = 0
    label = ""
    last_header_line = date_unit.line
    if content:
        first = content[0]
        known = _key(first.text) in _CONTENT_TYPES
        looks_like_label = (first.kind == "short" and len(first.text) <= 40
                            and len(first.text.split()) <= 3 and first.text[:1].isupper()
                            and len(content) > 1 and content[1].kind == "short")
        if first.kind in ("short", "link", "para") and (known or looks_like_label):
            label = first.text
            last_header_line = max(last_header_line, first.line)
            position = 1
    if position >= len(content) or content[position].kind in ("item", "contact"):
        raise SourceError(
            "no title: expected the title on the line after the date and content label",
            path=path, location=f"line {last_header_line}",
        )
    title = content[position].text
    title_index = units.index(content[position])
    position += 1
    lede = ""
    if position < len(content) and content[position].kind == "para":
        lede = content[position].text
        position += 1
    start = units.index(content[position]) if position < len(content) else len(units)
    start = max(start, title_index + 1)

    assembly = _Assembly()
    rest = [u for u in units[start:] if u.kind != "date"]
    end = next((i for i, u in enumerate(rest) if u.kind == "contact"), len(rest))
    _text_body(rest[:end], assembly)
    _text_contacts(rest[end:], assembly)
    return assembly.record(path=path, fmt="text", title=title, published=published,
                           label=label, lede=lede, language=None)


def _text_body(units: Sequence[_Unit], assembly: _Assembly) -> None:
    index = 0
    while index < len(units):
        unit = units[index]
        if unit.kind == "para":
            assembly.paragraph(unit.text)
            index += 1
        elif unit.kind == "item":
            items = [_clean(" ".join([unit.item, *unit.details]))]
            index += 1
            # A list is a run of adjacent lines: a blank line ends it.
            while (index < len(units) and units[index].kind == "item"
                   and units[index].joined_above):
                items.append(_clean(" ".join([units[index].item, *units[index].details])))
                index += 1
            assembly.bullet_list(items)
        elif unit.kind in ("short", "link"):
            end = index
            while end < len(units) and units[end].kind in ("short", "link"):
                end += 1
            follows = units[end].kind if end < len(units) else "end"
            for position in range(index, end):
                line = units[position]
                if (line.kind == "short" and position == end - 1
                        and follows in ("para", "item")):
                    assembly.heading(line.text)
                else:
                    assembly.link(_text_link(line.text))
            index = end
        else:  # chrome
            index += 1


def _text_contacts(units: Sequence[_Unit], assembly: _Assembly) -> None:
    block: str | None = None
    for unit in units:
        if unit.kind == "contact":
            block = _CONTACT_BLOCKS[_key(unit.text)]
        elif unit.kind == "chrome":
            continue
        elif block is not None and unit.mark is not None:
            contact = _contact([unit.item, *unit.details], block)
            if contact is not None:
                assembly.contacts.append(contact)
        else:
            block = None  # the article has ended: what follows is site furniture


# --------------------------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------------------------

_NEVER_TEXT = ("script", "style", "template", "noscript")
_SKIP_TAGS = frozenset({
    "nav", "header", "footer", "form", "button", "select", "input", "textarea", "svg",
    "iframe", "dialog", "menu",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_LABEL_CLASS = re.compile(
    r"(?:^|[-_])(?:content-?type|content-?label|kicker|label|category)(?:$|[-_])"
)
_LEDE_CLASS = re.compile(r"(?:^|[-_])(?:lede|lead|preamble|ingress|intro|introduction)(?:$|[-_])")
_NAME_CLASS = re.compile(r"(?:^|[-_])name(?:$|[-_])")
_ROLE_CLASS = re.compile(r"(?:^|[-_])(?:role|title|position|befattning)(?:$|[-_])")


def _attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else " ".join(value)


def _has_class(tag: Tag, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(token.lower()) for token in tag.get_attribute_list("class"))


def _node_text(node: PageElement, *, breaks: bool = False,
               exclude: frozenset[str] = frozenset()) -> str:
    """The text of a node; ``breaks`` keeps ``<br>`` and block boundaries as line breaks."""
    parts: list[str] = []

    def visit(element: PageElement) -> None:
        if isinstance(element, NavigableString):
            if not isinstance(element, PreformattedString):  # comments, doctype, CDATA
                parts.append(str(element))
        elif isinstance(element, Tag) and element.name not in exclude:
            if element.name == "br":
                parts.append("\n" if breaks else " ")
                return
            block = element.name in _BLOCK_TAGS
            if block:
                parts.append("\n" if breaks else " ")
            for child in element.children:
                visit(child)
            if block:
                parts.append("\n" if breaks else " ")

    visit(node)
    return "".join(parts)


def _lines(node: PageElement) -> list[str]:
    return [line for line in (_clean(part) for part in _node_text(node, breaks=True).split("\n"))
            if line]


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in _BLOCK_TAGS for d in tag.descendants)


def _inside(tag: Tag, names: frozenset[str]) -> bool:
    return any(parent.name in names for parent in tag.parents)


def _block_of(tag: Tag) -> Tag:
    """The nearest block-level element holding ``tag`` (``tag`` itself if it is one)."""
    current = tag
    while current.name not in _BLOCK_TAGS and isinstance(current.parent, Tag) \
            and current.parent.name != "[document]":
        current = current.parent
    return current


def _tags(found: Iterable[Any]) -> list[Tag]:
    return [item for item in found if isinstance(item, Tag)]


def _read_html(text: str, path: Path) -> Record:
    soup = BeautifulSoup(text, "html.parser")
    for tag in _tags(soup.find_all(list(_NEVER_TEXT))):
        tag.decompose()
    main = soup.find("main")
    article = soup.find("article")
    root: Tag = (main if isinstance(main, Tag) else article if isinstance(article, Tag)
                 else soup.body if soup.body is not None else soup)
    outside = _SKIP_TAGS - {"header"}  # an article's own <header> holds its title and date
    consumed: set[int] = set()

    h1 = next((t for t in _tags(root.find_all("h1")) if not _inside(t, outside)), None)
    if h1 is None:
        h1 = next((t for t in _tags(soup.find_all("h1")) if not _inside(t, outside)), None)
    title = _clean(_node_text(h1)) if h1 is not None else ""
    if not title and soup.title is not None:
        title = _clean(_node_text(soup.title)).split(" | ")[0].strip()
    if not title:
        raise SourceError("no title: the page has no <h1> and no <title>", path=path,
                          location=f"line {h1.sourceline}" if h1 and h1.sourceline else "line 1")

    published = _html_date(soup, path, consumed)
    label = _html_label(root, soup, outside, consumed)
    lede = _html_lede(root, h1, outside, consumed)

    language = None
    html = soup.find("html")
    if isinstance(html, Tag):
        lang = (_attr(html, "lang") or _attr(html, "xml:lang") or "").strip()
        if lang:
            language = lang.replace("_", "-").split("-")[0].lower()

    walker = _HtmlWalker(consumed)
    walker.visit(root)
    return walker.assembly.record(path=path, fmt="html", title=title, published=published,
                                  label=label, lede=lede, language=language)


def _consume_block(tag: Tag, text: str, consumed: set[int]) -> None:
    """Leave out the block holding ``tag`` when it holds nothing but ``text``-like metadata."""
    block = _block_of(tag)
    if not _has_block_child(block) and len(_clean(_node_text(block))) <= max(len(text),
                                                                             _MAX_DATE_LINE):
        consumed.add(id(block))
    else:
        consumed.add(id(tag))


def _html_date(soup: BeautifulSoup, path: Path, consumed: set[int]) -> datetime.date:
    outside = _SKIP_TAGS - {"header"}
    times = [t for t in _tags(soup.find_all("time")) if not _inside(t, outside)]
    # Prefer the <time> that the page calls "Publicerad"; a second one is often "Uppdaterad".
    times.sort(key=lambda t: not _DATE_LINE.search(_clean(_node_text(_block_of(t)))))
    for time in times:
        value = (_attr(time, "datetime") or "").strip() or _clean(_node_text(time))
        if not value:
            continue
        published = _parse_date(value, path, time.sourceline)
        _consume_block(time, _clean(_node_text(_block_of(time))), consumed)
        return published
    for string in soup.find_all(string=_DATE_LINE):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        parent = string.parent
        if parent is None or _inside(parent, outside) or parent.name in outside:
            continue
        block = _block_of(parent)
        line = _clean(_node_text(block))
        match = _DATE_LINE.search(line)
        if match is None or len(line) > _MAX_DATE_LINE or not match["value"]:
            continue
        published = _parse_date(match["value"], path, block.sourceline)
        consumed.add(id(block))
        return published
    raise SourceError(
        "no publication date: expected <time datetime=\"2020-09-10\"> or a "
        "'Publicerad: 10 september 2020' line",
        path=path, location="line 1",
    )


def _html_label(root: Tag, soup: BeautifulSoup, outside: frozenset[str],
                consumed: set[int]) -> str:
    for scope in (root, soup):
        for tag in _tags(scope.find_all(True)):
            if _has_class(tag, _LABEL_CLASS) and not _inside(tag, outside):
                text = _clean(_node_text(tag))
                if text and len(text) <= 40:
                    _consume_block(tag, text, consumed)
                    return text
    for tag in _tags(root.find_all(["p", "span", "div", "strong", "em", "small"])):
        if _has_block_child(tag):
            continue
        text = _clean(_node_text(tag))
        if _key(text) in _CONTENT_TYPES and not _inside(tag, outside):
            _consume_block(tag, text, consumed)
            return text
    return ""


def _html_lede(root: Tag, h1: Tag | None, outside: frozenset[str], consumed: set[int]) -> str:
    for tag in _tags(root.find_all(True)):
        if _has_class(tag, _LEDE_CLASS) and not _inside(tag, outside):
            text = _clean(_node_text(tag))
            if text:
                consumed.add(id(tag))
                return text
    candidates = h1.find_all_next("p") if h1 is not None else root.find_all("p")
    for tag in _tags(candidates):
        if (id(tag) in consumed or _inside(tag, outside)
                or not any(parent is root for parent in tag.parents)):
            continue
        text = _clean(_node_text(tag))
        if not text or _is_chrome(text) or _key(text) in _CONTACT_BLOCKS:
            continue
        consumed.add(id(tag))
        return text
    return ""


def _html_link(anchor: Tag, extra_tokens: Sequence[str] = ()) -> Link | None:
    href = (_attr(anchor, "href") or "").strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    text, tokens = _split_markers(_clean(_node_text(anchor)))
    if not text:
        text = _clean(_attr(anchor, "title") or _attr(anchor, "aria-label") or "")
    if not text:
        return None
    tokens = (*tokens, *extra_tokens)
    suffix = PurePosixPath(urlsplit(href).path).suffix.lower().lstrip(".")
    media_type = _MEDIA_TYPES.get(suffix) if suffix else None
    target = (_attr(anchor, "target") or "").strip().lower()
    return Link(
        text=text,
        href=href,
        media_type=media_type or _media_type(tokens),
        new_window=target == "_blank" or any(token in _NEW_WINDOW_MARKERS for token in tokens),
    )


def _anchors(nodes: Iterable[PageElement]) -> list[Tag]:
    found: list[Tag] = []
    for node in nodes:
        if isinstance(node, Tag):
            if node.name == "a" and node.get("href") is not None:
                found.append(node)
            found.extend(_tags(node.find_all("a", href=True)))
    return found


class _HtmlWalker:
    """Walks the page in document order and feeds the article's blocks to an _Assembly."""

    def __init__(self, consumed: set[int]) -> None:
        self.consumed = consumed
        self.assembly = _Assembly()

    def visit(self, element: Tag) -> None:
        name = element.name
        if id(element) in self.consumed or name in _SKIP_TAGS or name == "h1":
            return
        if self._contact_heading(element) is not None:
            self._contacts(element)
        elif name in _HEADINGS:
            self._heading(element)
        elif name in ("ul", "ol"):
            self._list(element)
        elif name == "p" or not _has_block_child(element):
            self._text_block([element])
        else:
            run: list[PageElement] = []
            for child in element.children:
                if isinstance(child, Tag) and (child.name in _BLOCK_TAGS or child.name in _SKIP_TAGS
                                               or _has_block_child(child)):
                    self._text_block(run)
                    run = []
                    self.visit(child)
                elif isinstance(child, (Tag, NavigableString)):
                    run.append(child)
            self._text_block(run)

    def _contact_heading(self, element: Tag) -> str | None:
        if element.name in _HEADINGS or (
            element.name in ("p", "div", "strong", "b", "dt", "span")
            and not _has_block_child(element)
        ):
            return _CONTACT_BLOCKS.get(_key(_clean(_node_text(element))))
        return None

    def _heading(self, element: Tag) -> None:
        text = _clean(_node_text(element))
        if text and not _is_chrome(text):
            self.assembly.heading(text)
            self._inline_links([element])

    def _list(self, element: Tag) -> None:
        items = [
            text for text in (_clean(_node_text(li, exclude=frozenset({"ul", "ol"})))
                              for li in _tags(element.find_all("li")))
            if text and not _is_chrome(text)
        ]
        self.assembly.bullet_list(items)
        self._inline_links([element])

    def _text_block(self, nodes: Sequence[PageElement]) -> None:
        nodes = [n for n in nodes if not (isinstance(n, Tag) and id(n) in self.consumed)]
        text = _clean("".join(_node_text(node) for node in nodes))
        if not text or _is_chrome(text):
            return
        anchors = _anchors(nodes)
        if len(anchors) == 1:
            own, tokens = _split_markers(text)
            if own == _split_markers(_clean(_node_text(anchors[0])))[0]:
                link = _html_link(anchors[0], tokens)
                if link is not None:
                    self.assembly.link(link)
                    return
        self.assembly.paragraph(text)
        self._inline_links(nodes)

    def _inline_links(self, nodes: Sequence[PageElement]) -> None:
        for anchor in _anchors(nodes):
            link = _html_link(anchor)
            if link is not None:
                self.assembly.link(link, in_body=False)

    def _contacts(self, heading: Tag) -> None:
        block = self._contact_heading(heading)
        assert block is not None
        level = _HEADINGS.get(heading.name, 7)
        entries: list[list[str]] = []
        open_entry = False  # the last entry has a name and is waiting for its role
        for sibling in _tags(heading.next_siblings):
            if sibling.name in _SKIP_TAGS:
                continue
            if self._contact_heading(sibling) is not None:
                break
            if sibling.name in _HEADINGS and _HEADINGS[sibling.name] <= level:
                break
            if any(_is_chrome(line) for line in _lines(sibling)):
                break  # a site notice: the block is over
            self.consumed.add(id(sibling))
            open_entry = self._contact_entries(sibling, entries, open_entry)
        for lines in entries:
            contact = _contact(lines, block)
            if contact is not None:
                self.assembly.contacts.append(contact)

    def _contact_entries(self, element: Tag, entries: list[list[str]], open_entry: bool) -> bool:
        name = element.name
        if name in ("ul", "ol"):
            for li in _tags(element.find_all("li")):
                entries.append(_entry_lines(li))
            return False
        if name == "dl":
            for item in _tags(element.find_all(["dt", "dd"])):
                text = _clean(_node_text(item))
                if item.name == "dt":
                    entries.append([text])
                    open_entry = True
                elif open_entry and entries:
                    entries[-1].append(text)
                    open_entry = False
            return open_entry
        if name in _HEADINGS:
            entries.append([_clean(_node_text(element))])
            return True
        if _has_block_child(element) and not _has_class_descendant(element):
            for child in _tags(element.children):
                open_entry = self._contact_entries(child, entries, open_entry)
            return open_entry
        lines = _entry_lines(element)
        if open_entry and entries and len(lines) == 1:
            entries[-1].append(lines[0])
            return False
        if lines:
            entries.append(lines)
        return False


def _has_class_descendant(element: Tag) -> bool:
    return any(_has_class(tag, _NAME_CLASS) for tag in _tags(element.find_all(True)))


def _entry_lines(element: Tag) -> list[str]:
    """A contact's lines: by class (``name``, ``role``) when marked so, else by line breaks."""
    name = next((t for t in _tags(element.find_all(True)) if _has_class(t, _NAME_CLASS)), None)
    if name is not None:
        role = next((t for t in _tags(element.find_all(True)) if _has_class(t, _ROLE_CLASS)),
                    None)
        lines = [_clean(_node_text(name))]
        if role is not None:
            lines.append(_clean(_node_text(role)))
        return lines
    return _lines(element)

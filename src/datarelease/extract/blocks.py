"""Helpers both readers share: cleaning a block's text, recognising chrome and link markers, and
assembling the blocks of an article into a :class:`~datarelease.extract.record.Record`."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from datarelease.extract import language as languages
from datarelease.extract.record import Contact, Link, Record, Section
from datarelease.extract.vocabulary import (
    CHROME,
    CONTACT_BLOCKS,
    CONTENT_TYPES,
    NEW_WINDOW_MARKERS,
    OTHER_MARKERS,
    RELATED_HEADINGS,
    ROLE_ENDINGS,
    TOOL_WORDS,
    YES_AND_NO,
)

# Markers a site appends to a link's text, e.g. "(PDF, nytt fönster)". A parenthesis counts as
# a marker only when every comma-separated part of it is one of these (or a file size).
MEDIA_TYPES: dict[str, str] = {
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
_SIZE_MARKER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:kb|mb|gb|kib|mib)", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, no invisible characters, runs of white space as one space, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """A block's text as a lookup key: trailing colon dropped, lower case."""
    return text.rstrip(":").strip().lower()


# A sentence of at least four words that ends as prose does (not "Del Facebook LinkedIn").
_SENTENCE = re.compile(r"^(?:\S+\s+){3,}\S+[.:]$")


def is_related_heading(text: str) -> bool:
    """A heading over links to other pages: "Läs också", "Relaterede nyheder", "Lue myös:"."""
    return len(text) < 40 and key(text) in RELATED_HEADINGS


# "Nyhet | Publicerad 18.4.2024": a content label and the date line on one line.
_LABEL_SEPARATOR = re.compile(r"\s*[|·•/–—]\s*|\s+")


# A line that opens a list item: a bullet, a number or a letter ("•", "2.", "b)", "(3)").
BULLET = re.compile(r"(?P<mark>[•·–—\-*▪◦■●○►▶➢✓✔→o]|\d{1,2}[.)]|[a-h]\)|\((?:\d{1,2}|[a-h])\))"
                    r"\s+(?P<item>\S.*)")


def labelled(text: str) -> tuple[str, str]:
    """(label, the rest) when ``text`` starts with a known content label and a separator, else
    ("", text)."""
    for separator in _LABEL_SEPARATOR.finditer(text):
        label = text[:separator.start()]
        if len(label.split()) > 3:
            break
        if key(label) in CONTENT_TYPES:
            return label, text[separator.end():]
    return "", text


# One alternation instead of fifty patterns tried in turn: a page of many short lines (a list of
# 200,000 items) was mostly spent here.
_ANY_CHROME = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in CHROME), re.IGNORECASE)


_TOOL_SEPARATOR = re.compile(r"\s+[|·•/]\s+|\s*[|·•]\s*|:\s+")  # "Del: Facebook | E-post"


def is_chrome(text: str) -> bool:
    """Page furniture: a block every part of which ("Del på Facebook | Del på LinkedIn",
    "Meny · Sök") is chrome in some language."""
    if _ANY_CHROME.fullmatch(text) is not None:
        return True
    parts = _TOOL_SEPARATOR.split(text) if len(text) <= 200 else []
    if len(parts) > 1 and all(_ANY_CHROME.fullmatch(part.strip()) for part in parts):
        return True
    return _is_tool_run(text)


def _is_tool_run(text: str) -> bool:
    """A share bar or a feedback widget whose links were joined by spaces: a chrome opening, then
    only the one-word tools of site menus, share bars and feedback buttons ("Jaa Facebook
    LinkedIn Sähköposti", "Oliko sivusta apua? Kyllä Ei")."""
    words = text.split() if len(text) <= 120 else []
    if not 1 < len(words) <= 10:
        return False
    tools = len(words)  # where the run of tool words at the end starts
    while tools > 1 and (words[tools - 1].lower() in TOOL_WORDS
                         or YES_AND_NO.fullmatch(words[tools - 1]) is not None):
        tools -= 1
    return any(_ANY_CHROME.fullmatch(" ".join(words[:opening])) is not None
               for opening in range(max(tools, 1), len(words)))


def split_markers(text: str) -> tuple[str, tuple[str, ...]]:
    """``"Rapport (PDF, nytt fönster)"`` → ``("Rapport", ("pdf", "nytt fönster"))``."""
    tokens: list[str] = []
    rest = text
    while rest.endswith(")"):
        start = rest.rfind("(")
        if start <= 0:
            break
        parts = [part.strip().lower() for part in rest[start + 1 : -1].split(",")]
        if not all(is_marker(part) for part in parts):
            break
        tokens[:0] = parts
        rest = rest[:start].rstrip()
    if not rest:
        return text, ()
    return rest, tuple(tokens)


def is_marker(token: str) -> bool:
    return (token in MEDIA_TYPES or token in NEW_WINDOW_MARKERS or token in OTHER_MARKERS
            or _SIZE_MARKER.fullmatch(token) is not None)


def media_type(tokens: Iterable[str]) -> str | None:
    for token in tokens:
        if token in MEDIA_TYPES:
            return MEDIA_TYPES[token]
    return None



@dataclass
class Assembly:
    """Collects the article's blocks in page order and turns them into a Record."""

    body: list[str] = field(default_factory=list)
    sections: list[tuple[str | None, list[str]]] = field(default_factory=lambda: [(None, [])])
    lists: list[tuple[str, ...]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # Under "Läs också" / "Lue myös": lists there point to other pages (their links are kept)
    # and are not the article's, until the next heading or a sentence of the article's own.
    in_related: bool = False
    open_section: int = 0  # the section the next paragraph belongs to

    def heading(self, text: str) -> None:
        self.in_related = is_related_heading(text)
        self.body.append(text)
        self.sections.append((text, []))
        self.open_section = len(self.sections) - 1

    def resume(self, section: int) -> None:
        """The article goes on in ``section`` after a box (a fact box with a heading of its own)."""
        self.open_section = section
        self.in_related = False

    def paragraph(self, text: str) -> None:
        if is_related_heading(text):  # "Les også:" printed as a line of its own
            self.in_related = True
            return
        if self.in_related and _SENTENCE.match(text):
            self.in_related = False  # the article goes on after a box of links
        self.body.append(text)
        self.sections[self.open_section][1].append(text)

    def take_lede(self) -> str:
        """The article's first block when it is a paragraph before any heading (a page with no
        lede of its own opens with it), taken out of the body; else ""."""
        opening = self.sections[0][1]
        if not self.body or not opening or self.body[0] != opening[0]:
            return ""
        del self.body[0]
        return opening.pop(0)

    def bullet_list(self, items: Sequence[str]) -> None:
        if items and not self.in_related:
            self.lists.append(tuple(items))
            self.body.extend(items)

    def link(self, link: Link, *, in_body: bool = True) -> None:
        self.links.append(link)
        if in_body:
            self.body.append(link.text)

    def record(self, *, path: Path, fmt: str, title: str, published: datetime.date,
               label: str, lede: str, page_language: str | None = None,
               modified: datetime.date | None = None) -> Record:
        """The record; its language is the text's, the page's ``lang`` only when the text has
        too few words to tell."""
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
            content_type=CONTENT_TYPES.get(key(label), "other"),
            content_label=label,
            language=languages.detect(f"{title}\n{lede}\n{body}", fallback=page_language),
            lede=lede,
            body=body,
            sections=sections,
            lists=tuple(self.lists),
            contacts=tuple(self.contacts),
            links=tuple(self.links),
            modified=modified,
        )


_PHONE_OR_EMAIL = re.compile(
    r"(?:tel(?:efon)?|tlf|tfn|mob(?:il)?|puh(?:elin)?|matkapuhelin|e-?post|e-?mail|mejl|sähköposti)"
    r"\b.*|\S+(?:@|\s?[(\[]at[)\]]\s?)\S+"  # "elin.sjoberg(at)gov.fi" hides the @ from robots
    r"|(?:p\.\s*)?\+?[\d\s()/-]{6,}",  # "p. 0295 530 000": Finnish puhelin
    re.IGNORECASE,
)


# A person's name: two to four capitalised words ("Anna af Klint", "Matti Virtanen").
NAME = (r"[A-ZÅÄÖÆØÜ][\w'’-]+(?:\s+(?:af\s+|von\s+|van\s+)?[A-ZÅÄÖÆØÜ][\w'’-]+){1,3}")
# "(ministerin haastattelupyynnöt)" after a name: what to call the person about, not the role.
_ASIDE = r"(?:\s*\([^()]{1,80}\))?"
# "erityisasiantuntija Matti Virtanen, puh. …", "specialsakkunnig Anna Berg": the role first, in
# lower case, as Finnish and Finland-Swedish contact lines print it.
ROLE_FIRST = re.compile(rf"(?P<role>[a-zåäöæøü][\w-]*(?:\s+[a-zåäöæøü][\w-]*){{0,4}})\s+"
                        rf"(?P<name>{NAME}){_ASIDE}(?P<rest>\s*,.*)?")
# "Chefkonsulent Mette Jensen, tlf. …", "Neuvotteleva virkamies Matti Virtanen": the role first,
# capitalised; a role only when its last word ends like an official's title (ROLE_ENDINGS).
_CAPITAL_ROLE_FIRST = re.compile(rf"(?P<role>[A-ZÅÄÖÆØÜ][\w-]*(?:\s+[a-zåäöæøü][\w-]*){{0,3}})\s+"
                                 rf"(?P<name>{NAME}){_ASIDE}(?P<rest>\s*,.*)?")
# "Kontaktpersoner i Danske Regioner", "Lisätiedot ja haastattelupyynnöt": a heading with a
# short qualification (no sentence, at most five more words).
_QUALIFIED_HEADING = re.compile(
    r"(?P<heading>[^\W\d_]+(?:\s[^\W\d_]+)?)\s+(?:i|ja|och|og|hos|til|till|for|för|on)\s"
    r"[^.!?:;]{1,50}?:?"
)
# "Lisätietoja: erityisasiantuntija Matti Virtanen": a contact heading with its entry on one line.
_HEADING_AND_ENTRY = re.compile(r"(?P<heading>[^:]{3,60}):\s*(?P<entry>\S.*)")


# "Mer information ger bildningsdirektör Anna Lindqvist, tfn …", "Lisätietoja antaa
# rikoskomisario Janne Heikkilä, puh. …": a contact heading, a verb of giving (active or passive,
# "lämnas av", "kan fås ved"), the entries.
_HEADING_GIVES_ENTRY = re.compile(
    r"(?P<heading>[^\W\d_][^:.!?]{2,40}?)\s+(?:kan\s+)?(?P<verb>ger|lämnar|antaa|antavat|gir|giver"
    r"|(?:ges|lämnas|besvaras|gis|gives|fås)\s+(?:av|af|ved|hos)|ved|hos|får du (?:hos|av|ved)"
    r"|från|fra)\s+"
    r"(?P<entry>[^\s.][^\n]{3,300}?)\.?")


_HEADING_FIRST_WORDS = frozenset(heading.split()[0] for heading in CONTACT_BLOCKS)


def contact_heading(text: str) -> tuple[str, str] | None:
    """The contact block a line opens and the entry that follows on the same line (or "")."""
    if key(text) in CONTACT_BLOCKS:
        return CONTACT_BLOCKS[key(text)], ""
    first_word = text[:40].split(maxsplit=1)[:1]
    gives = (_HEADING_GIVES_ENTRY.fullmatch(text)
             if len(text) <= 400 and first_word and first_word[0].lower() in _HEADING_FIRST_WORDS
             else None)
    if gives is not None:
        block = (CONTACT_BLOCKS.get(key(gives["heading"]))
                 or CONTACT_BLOCKS.get(key(f"{gives['heading']} {gives['verb']}")))
        entries = split_entries(gives["entry"])
        if block is not None and all(is_whole_entry(e) for e in entries):
            return block, gives["entry"]
    qualified = _QUALIFIED_HEADING.fullmatch(text)
    if qualified is not None and key(qualified["heading"]) in CONTACT_BLOCKS:
        return CONTACT_BLOCKS[key(qualified["heading"])], ""
    both = _HEADING_AND_ENTRY.fullmatch(text)
    if both is None or key(both["heading"]) not in CONTACT_BLOCKS:
        return None
    entry = both["entry"]
    if role_first(entry) or re.match(rf"{NAME}\s*(?:,|$)", entry):
        return CONTACT_BLOCKS[key(both["heading"])], entry
    return None


# "palvelujohtaja Minna Laine, p. 040 …, ja ylilääkäri Timo Kallio, p. 040 …": two whole entries
# joined by "and" on one line; split only where a role and a name, or a name and a comma, follow.
_AND_NEXT_ENTRY = re.compile(
    rf",?\s+(?:ja|och|og|samt|sekä|and)\s+(?=(?:[a-zåäöæøü][\w-]*\s+){{1,4}}{NAME}|{NAME}\s*,)")


def split_entries(line: str) -> list[str]:
    """The entries of a line that holds several, each whole; else the line."""
    parts = _AND_NEXT_ENTRY.split(line) if len(line) <= 400 else [line]
    if len(parts) > 1 and all(is_whole_entry(part) for part in parts):
        return parts
    return [line]


def role_first(line: str) -> re.Match[str] | None:
    """A whole contact entry with the role before the name (groups role, name, rest), or None."""
    found = ROLE_FIRST.fullmatch(line)
    if found is not None:
        return found
    found = _CAPITAL_ROLE_FIRST.fullmatch(line)
    if found is None or not any(word.lower().endswith(ROLE_ENDINGS)  # "Kommunalsjef for oppvekst"
                                for word in found["role"].split()):
        return None
    return found


# A press desk or switchboard in a contact block: "Boverkets presstjänst", "Sentralbord …".
_DESK = re.compile(r"[^.!?]{0,40}\b\w*(?:press|presse|media|medie|viestintä|kommunikation|"
                   r"kommunikasjon|vaihde|växel|sentralbord|omstilling)\w*\b[^.!?]{0,40}",
                   re.IGNORECASE)


def is_desk(line: str) -> bool:
    """A desk, not a person: a press office, switchboard, its phone or e-mail."""
    return is_phone_or_email(line) or (len(line) <= 60 and _DESK.fullmatch(line) is not None
                                       and NAME_START.match(line) is None
                                       and not role_first(line))


def is_phone_or_email(line: str) -> bool:
    return _PHONE_OR_EMAIL.fullmatch(line.strip()) is not None


_NAME_THEN_ROLE = re.compile(rf"{NAME}\s*,\s*[^\W\d]")  # "Anna Korhonen, erityisasiantuntija, …"
# A line that starts with a person's name: "Kari Nordmann, …", "Kari Nordmann (rådgiver)".
NAME_START = re.compile(rf"{NAME}\s*(?:,|$|\()")


def is_whole_entry(line: str) -> bool:
    """A line that holds a whole contact entry: the role first, or the name and then the role."""
    return bool(role_first(line) or _NAME_THEN_ROLE.match(line))
# What no person's name holds: digits, an e-mail address, a colon ("Pressetelefon: 72 22 74 44",
# "Sähköpostiosoitteet ovat muotoa etunimi.sukunimi@thl.fi").
_NOT_A_NAME = re.compile(r"[\d@:]")
# A postal address under a body's name: "721 89 Västerås", "0150 Oslo", "33100 Tampere",
# "Hornsgatan 20", "Postboks 1378 Vika", "PL 200", "Box 5204".
_ADDRESS = re.compile(r"\d{3}\s?\d{2}\s+\w|\d{4,5}\s+\w|(?:postboks|pl|box|pb)\s+\d"
                      r"|[^\W\d_]+(?:gatan|gata|vägen|väg|veien|vegen|gate|gade|vej|katu|tie)\s+\d",
                      re.IGNORECASE)


# A politician's party after the name: "(C)", "(S)", "(Sp)", "(KrF)", "(SFP)".
PARTY = r"\([A-ZÅÄÖÆØ][A-Za-zåäöæø]{0,3}\)"
_PARTY = re.compile(rf"(?<=\w)\s*{PARTY}(?=\s*(?:,|$))")
_NAME_BRACKETED_ROLE = re.compile(rf"(?P<name>{NAME})\s*\((?P<role>[^()\d]{{2,60}})\)(?P<rest>.*)")


def _is_address(below_name: Sequence[str], role: str | None) -> bool:
    """Lines under a body's name that give its postal address ("Västerås sjukhus, ingång 1",
    "721 89 Västerås") rather than an official's title ("handläggare", "Kommunalsjef for …")."""
    if role is not None and _ADDRESS.match(role):
        return True
    official = role is not None and (role[:1].islower() or any(
        word.lower().endswith(ROLE_ENDINGS) for word in role.split()))
    return not official and any(_ADDRESS.match(line) for line in below_name)


def contact(lines: Sequence[str], block: str) -> Contact | None:
    """Name line, then role line; phone numbers and e-mail addresses are not roles. A line with
    the role first ("erityisasiantuntija Matti Virtanen, puh. …") is the whole entry."""
    lines = [line for line in lines if line and not _PHONE_OR_EMAIL.fullmatch(line)]
    if not lines:
        return None
    first = role_first(lines[0])
    if first is not None:
        lines = [f"{first['name']}, {first['role']}{first['rest'] or ''}"]
    lines = [_PARTY.sub("", lines[0]), *lines[1:]]  # "Anneli Bergkvist (C), ordförande …"
    bracketed = _NAME_BRACKETED_ROLE.fullmatch(lines[0])
    if bracketed is not None:  # "Hanne Strømsæther (fylkestannlege), tlf. 950 21 334"
        lines = [f"{bracketed['name']}, {bracketed['role']}{bracketed['rest']}", *lines[1:]]
    name, role = lines[0], (lines[1] if len(lines) > 1 else None)
    person = name.split(", ", 1)[0]
    if _NOT_A_NAME.search(person) or len(person.split()) > 6 or is_desk(person):
        return None  # a desk or a note
    if _is_address(lines[1:], role):
        return None  # the site's postal address under its name
    if role is None and ", " in name:  # "Klas Danerlöv, handläggare" on one line
        name, role = (part.strip() for part in name.split(", ", 1))
        parts = [p for p in role.split(", ") if not _PHONE_OR_EMAIL.fullmatch(p.strip())]
        role = ", ".join(parts) or None  # "…, johtaja, puh. 040 123 4567": the phone is no role
    return Contact(name=name, role=role, block=block)

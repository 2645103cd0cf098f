"""The reader of text exports: one line is one block, and layout says what each block is.

The export has lost the page's markup, so this reader leans on layout and on the vocabularies
(:mod:`datarelease.extract.vocabulary`):

* The date line (``Publicerad: 10 september 2020``, ``Publisert: 12. oktober 2021``,
  ``Publiceret 3. marts 2021``, ``Julkaistu 7.10.2021``; colon optional) is the date; a change
  stamp (``Uppdaterad``, ``Oppdatert``, ``Opdateret``, ``Päivitetty``) is ``modified``. The first
  lines after the date are the content label (``Nyhet``, ``Pressemelding``, ``Tiedote`` …), the
  title and the lede (the first paragraph).
* One line is one block. A *paragraph* ends with ``. ! ? :`` or is long; a *short line* does not.
  In a run of short lines the last one is a heading when body text (a paragraph or a list)
  follows, and every other one is a link (the export keeps a link's text, not its URL). A short line
  that ends the article (a contact block, page chrome or the end of the file follows) is a link.
  A line ending in a marker such as ``(PDF, nytt fönster)`` is always a link.
* List items start with ``• · – - * ▪ ◦`` or a number (``1.``, ``2)``); a list is a run of
  adjacent item lines, so a blank line ends it, except that ``2.`` after ``1.`` continues a
  numbered list across a blank line. A single unindented line starting with a dash is a
  paragraph, not a list: Nordic news writes quotations as ``– Citat, säger hon.``
* A contact heading (``Kontakt``, ``Informationsansvarig``, ``Lisätietoja`` …) opens a contact
  block: bullet-marked names, each followed by an indented role line, or unmarked lines
  ``Name`` / ``Name, role, phone``. The article ends at its contact blocks; whatever else the
  export shows after them is site furniture and is left out.
* Page chrome (feedback prompts, site notices, page tools) is left out everywhere.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from datarelease.errors import SourceError
from datarelease.extract.blocks import (
    BULLET,
    NAME_START,
    Assembly,
    clean,
    contact,
    contact_heading,
    is_chrome,
    is_desk,
    is_phone_or_email,
    key,
    labelled,
    media_type,
    role_first,
    split_entries,
    split_markers,
)
from datarelease.extract.dates import parse_date, try_parse_date
from datarelease.extract.furniture import (
    date_line,
    mail_headers_chrome,
    site_names_chrome,
    vertical_breadcrumbs_chrome,
)
from datarelease.extract.metadata import change_stamp, dated_line, is_byline, label_line
from datarelease.extract.record import Link, Record
from datarelease.extract.vocabulary import (
    BREADCRUMB,
    CONTACT_BLOCKS,
    CONTENT_TYPES,
    HOME_TRAIL,
    MODIFIED_ANYWHERE,
    MODIFIED_LINE,
    NEW_WINDOW_MARKERS,
    STAMP_WORD,
)
from datarelease.extract.wrapped import unwrap

__all__ = ["read_text"]

# Dashes also open quotations and replies, a word processor's "o" bullet is also a letter, and
# numbers may start a sentence: these marks make a list only among other items.
_WEAK_MARKS = frozenset("–—-o")
_NUMBERED = re.compile(r"(?P<open>\(?)(?P<place>\d{1,2}|[a-h])(?P<close>[.)])")
_SENTENCE_END = frozenset(".!?:;,…")
_MAX_SHORT = 120  # a heading or link line is at most this long
_MAX_LINK = 150  # a line with a link marker is a link only up to this length
_MAX_DATE_LINE = 80
# "Julkaistu: 21. lokakuuta 2031 | Kuva: … | Lukuaika 3 min": the date line is its first part
_METADATA_PART = re.compile(r"\s+\|\s+")
_BARE_DATE_UNITS = 6  # a date with no stamp word is the publication date only this near the top


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
    kind: str = ""  # chrome, date, modified, contact, item, link, short, para
    cells: tuple[str, ...] = ()  # a table row pasted as text: the cells between tabs

    def number(self) -> tuple[int, str] | None:
        """``(2, ".")`` for ``2. text``, ``(2, ")")`` for ``b) text``, ``(2, "()")`` for ``(2)
        text``: a numbered or lettered item's place and punctuation."""
        found = _NUMBERED.fullmatch(self.mark or "")
        if found is None:
            return None
        place = found["place"]
        return ((int(place) if place.isdigit() else ord(place) - ord("a") + 1),
                found["open"] + found["close"])


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    above_blank = True
    for number, raw in ((line.number, line.text) for line in unwrap(text)):
        if not raw.strip():
            above_blank = True
            continue
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        line_text = clean(raw)
        bullet = BULLET.fullmatch(line_text)
        previous = units[-1] if units else None
        if (previous is not None and not above_blank and previous.mark is not None
                and bullet is None and indent > previous.indent):
            previous.details.append(line_text)  # a contact's role, or a wrapped list item
            continue
        cells = (tuple(clean(cell) for cell in raw.strip().split("\t") if cell.strip())
                 if "\t" in raw.strip() else ())
        units.append(_Unit(
            line=number, indent=indent, text=line_text,
            cells=cells if len(cells) > 1 and bullet is None else (),
            mark=bullet["mark"] if bullet else None,
            item=bullet["item"] if bullet else line_text,
            joined_above=not above_blank,
        ))
        above_blank = False
    return units


def _is_item(units: Sequence[_Unit], index: int, unmarked_lists: frozenset[int]) -> bool:
    unit = units[index]
    if unit.mark is None:
        return index in unmarked_lists
    if unit.mark not in _WEAK_MARKS and unit.number() is None:
        return True
    if unit.indent > 0:
        return True
    # A dash or number at the margin is a list only among other items on adjacent lines,
    # or in a numbered run (1., 2., 3.) that blank lines separate.
    before = index > 0 and unit.joined_above and units[index - 1].mark is not None
    after = (index + 1 < len(units) and units[index + 1].joined_above
             and units[index + 1].mark is not None)
    return (before or after or (index > 0 and _continues(units[index - 1], unit))
            or (index + 1 < len(units) and _continues(unit, units[index + 1])))


_MAX_RUN = 60  # a list whose bullets were lost is read only up to this many lines (bounded work)


def _unmarked_lists(units: Sequence[_Unit]) -> frozenset[int]:
    """The lines that are items of lists whose bullets the copy lost, found in one pass."""
    found: set[int] = set()
    for start, end in _runs_after_colon(units):
        found.update(range(start, end))
    for start, end in _indented_runs(units):
        found.update(range(start, end))
    return frozenset(found)


def _runs_after_colon(units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """Two or more short lines with no blank line between them under a line introducing them
    with a colon (right under it or after one blank line), a blank line before the colon's line
    and after them ("Kaupunki tarjoaa korvaavia palveluja:" over one line per service):
    (first, end) of each run."""
    runs = []
    for index, intro in enumerate(units):
        if intro.joined_above or intro.mark is not None or not intro.text.rstrip().endswith(":"):
            continue
        first = index + 1  # the lines may stand right under the colon or after a blank line
        end = first + 1
        while (end < len(units) and end - index <= _MAX_RUN and units[end].joined_above
               and units[end].mark is None):
            end += 1
        run = units[first:end]
        if (len(run) >= 2 and run[0].mark is None
                and (end == len(units) or not units[end].joined_above)
                and all(_is_short_item(u.text) and not u.indent for u in run)):
            runs.append((first, end))
    return runs


def _indented_runs(units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """Two or more adjacent short lines indented alike under text at a smaller indent (a
    browser's copy of ``<ul>`` keeps the indent only): (first, end) of each run."""
    runs = []
    index = 0
    while index < len(units):
        unit = units[index]
        end = index + 1
        if unit.indent >= 2 and unit.mark is None and _is_short_item(unit.text):
            while (end < len(units) and end - index < _MAX_RUN and units[end].joined_above
                   and _alike(units[end], unit)):
                end += 1
            if end - index >= 2 and (index == 0 or units[index - 1].indent < unit.indent):
                runs.append((index, end))
        index = end
    return runs


def _alike(other: _Unit, unit: _Unit) -> bool:
    return other.indent == unit.indent and other.mark is None and _is_short_item(other.text)


def _is_short_item(text: str) -> bool:
    return len(text) <= _MAX_SHORT * 2


def _continues(previous: _Unit, unit: _Unit) -> bool:
    """``unit`` is the next number of ``previous``'s numbered list (``1.`` then ``2.``)."""
    first, second = previous.number(), unit.number()
    return (first is not None and second is not None and second[1] == first[1]
            and second[0] == first[0] + 1 and unit.indent == previous.indent)


def _same_list(previous: _Unit, unit: _Unit) -> bool:
    """``unit`` goes on ``previous``'s list across a blank line: the next number, or the same
    bullet (not a dash, which also opens quotations and replies)."""
    if _continues(previous, unit):
        return True
    return (unit.mark == previous.mark and unit.mark is not None and unit.number() is None
            and unit.mark not in _WEAK_MARKS and unit.indent == previous.indent)


def _is_short(text: str) -> bool:
    end = text.rstrip("”\"’»)]")[-1:]
    return len(text) <= _MAX_SHORT and end not in _SENTENCE_END


def _classify(units: list[_Unit], path: Path) -> _Unit:
    """Set each unit's kind; return the date unit."""
    date_unit: _Unit | None = None
    unmarked_lists = _unmarked_lists(units)
    for index, unit in enumerate(units):
        date = date_line(unit.text)
        stamp = MODIFIED_LINE.fullmatch(unit.text)
        if ((stamp is not None and len(unit.text) <= _MAX_DATE_LINE
                and try_parse_date(stamp["value"], path) is not None)
                or (date is None and STAMP_WORD.search(unit.text) is not None
                    and change_stamp(unit.text, path) is not None)):
            unit.kind = "modified"  # "Oppdatert 13.10.2021", "Af Mette Jensen · Opdateret 5. maj"
        elif is_chrome(unit.text) or (unit.mark is not None and is_chrome(unit.item)):
            unit.kind = "chrome"
        elif (date_unit is None and date is not None
              and len(_METADATA_PART.split(unit.text)[0]) <= _MAX_DATE_LINE
              and (any(ch.isdigit() for ch in unit.text) or not date["value"])):
            unit.kind = "date"
            date_unit = unit
        elif contact_heading(unit.text) is not None:
            unit.kind = "contact"
        elif _is_item(units, index, unmarked_lists):
            unit.kind = "item"
        elif split_markers(unit.text)[1] and len(unit.text) <= _MAX_LINK:
            unit.kind = "link"
        elif _is_short(unit.text):
            unit.kind = "short"
        else:
            unit.kind = "para"
    site_names_chrome(units)
    vertical_breadcrumbs_chrome(units)
    mail_headers_chrome(units)
    if date_unit is None:
        date_unit = _bare_date_unit(units, path)
    if date_unit is None:
        raise SourceError(
            "no date line: expected a publication date near the top of the page, e.g. "
            "'Publicerad: 10 september 2020', 'Publisert: 12. oktober 2021', "
            "'Publiceret 3. marts 2021' or 'Julkaistu 7.10.2021', or a date alone on a line "
            "('12.10.2021')",
            path=path, location=f"line {units[0].line}",
        )
    return date_unit


def _bare_date_unit(units: Sequence[_Unit], path: Path) -> _Unit | None:
    """A page with no stamp word: a line near the top that is a date and nothing else, or a
    line of metadata holding one ("Nyhet | 12. oktober 2021", "Dato: 12.10.2021")."""
    shown = [u for u in units if u.kind != "chrome"]
    first_paragraph = next((i for i, u in enumerate(shown) if u.kind == "para"), len(shown))
    for unit in shown[:max(_BARE_DATE_UNITS, first_paragraph + 1)]:  # a menu may come first
        if unit.kind in ("short", "para") and dated_line(unit.text, path) is not None:
            unit.kind = "date"
            return unit
    return _signed_date_unit(shown, path)


def _signed_date_unit(shown: Sequence[_Unit], path: Path) -> _Unit | None:
    """An opinion piece dated under its signature at the end ("Maria Sundqvist (C),
    regionstyrelsens ordförande" over "Umeå den 20 mars 2031"): a date line right under a
    short line, after the article's text."""
    text_seen = False
    for above, unit in itertools.pairwise(shown):
        text_seen = text_seen or above.kind == "para"
        if (text_seen and unit.kind == "short" and unit.joined_above and above.kind == "short"
                and dated_line(unit.text, path) is not None):
            unit.kind = "date"
            return unit
    return None


def _text_link(text: str) -> Link:
    label, tokens = split_markers(text)
    return Link(text=label, href=None, media_type=media_type(tokens),
                new_window=any(token in NEW_WINDOW_MARKERS for token in tokens))


def read_text(text: str, path: Path) -> Record:
    units = _units(text)
    date_unit = _classify(units, path)
    published, label = _published(units, date_unit, path)
    modified = _modified(units, date_unit, path)

    content = _header_first([u for u in units if u.kind not in ("chrome", "date", "modified")],
                            date_unit, has_label=bool(label),
                            chrome_lines={u.line: u.text for u in units if u.kind == "chrome"})
    position = 0
    last_header_line = date_unit.line
    if content and not label:
        first = content[0]
        with_metadata = label_line(first.text)  # "Pressemelding | Nr: 61-2032"
        known = key(first.text) in CONTENT_TYPES or bool(with_metadata)
        looks_like_label = (_looks_like_label(first) and len(content) > 1
                            and content[1].kind == "short")
        if first.kind in ("short", "link", "para") and (known or looks_like_label):
            label = with_metadata or first.text
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
    if position < len(content) and is_byline(content[position].text):
        position += 1  # "Af Mette Kjær Lund, formand for Danske Regioner": the author, no lede
    lede = ""
    if position < len(content) and content[position].kind == "para":
        lede = content[position].text
        position += 1
    start = units.index(content[position]) if position < len(content) else len(units)
    start = max(start, title_index + 1)

    assembly = Assembly()
    rest = [u for u in units[start:] if u.kind not in ("date", "modified")]
    body, contacts = _body_and_contacts(rest)
    _text_body(body, assembly)
    _text_contacts(contacts, assembly)
    return assembly.record(path=path, fmt="text", title=title, published=published,
                           label=label, lede=lede, modified=modified)


def _is_label(unit: _Unit) -> bool:
    return key(unit.text) in CONTENT_TYPES or bool(label_line(unit.text))


def _looks_like_label(unit: _Unit) -> bool:
    """A label no vocabulary knows ("Aktuelt"): a capitalised short line of one to three words."""
    return (unit.kind == "short" and len(unit.text) <= 40 and len(unit.text.split()) <= 3
            and unit.text[:1].isupper())


def _header_first(content: list[_Unit], date_unit: _Unit, *, has_label: bool,
                  chrome_lines: Mapping[int, str]) -> list[_Unit]:
    """The blocks in the order label, title, lede, body, when short lines stand above the date
    (a site's menu, the title, the label) or, on a page dated at its end, above the text: the
    title is the line after the date (and its label) when that is short, else the nearest
    line above the date with no chrome between (the site's name over its menu is no title),
    else the line after the date however it ends ("… efter reformen?"). ``has_label``: the
    date line gave the label."""
    anchor = date_unit.line
    first_paragraph = next((u for u in content if u.kind == "para"), None)
    if first_paragraph is not None and first_paragraph.line < anchor:
        anchor = first_paragraph.line  # dated at the end: the header is above the text
    above = [u for u in content if u.line < anchor]
    below = [u for u in content if u.line >= anchor]  # the date line is not in ``content``
    if not above or any(u.kind not in ("short", "link", "item", "contact") for u in above):
        return content  # a menu may be a list and hold "Kontakt"; a paragraph is the article's
    label_below = below[:1] if below and _is_label(below[0]) else []
    rest = below[len(label_below):]
    labels_above = [u for u in above if _is_label(u)]
    label = [] if has_label else label_below or labels_above[-1:]
    title = next((u for u in reversed(above)
                  if not _is_label(u) and not is_byline(u.text) and u.kind != "item"), None)
    if title is not None and _menu_between(title.line, anchor, chrome_lines):
        title = None
    if rest and rest[0].kind in ("short", "link") and not is_byline(rest[0].text):
        if not (title is not None and key(title.text) != key(rest[0].text)
                and _named_above(rest[0], above, chrome_lines)):
            unknown = [u for u in above[-1:] if _looks_like_label(u) and not has_label
                       and not _menu_between(u.line, anchor, chrome_lines)]  # "Min side"
            return (label or unknown) + rest  # the title after the date; perhaps a label above
        rest = rest[1:]  # the department in the trail above, named again under the date
    if title is not None:
        return [*label, title, *rest]
    if len(rest) > 1 and len(rest[0].text) <= _MAX_SHORT and rest[1].kind == "para":
        return label + rest  # a title that reads as a sentence, then the lede
    return content


def _named_above(unit: _Unit, above: Sequence[_Unit], chrome_lines: Mapping[int, str]) -> bool:
    """``unit``'s text stands above it already: a line of the menu or a crumb of the trail
    ("Forside / Dep / Kommunal- og distriktsdepartementet")."""
    wanted = key(unit.text)
    crumbs = (crumb for line, text in chrome_lines.items() if line < unit.line
              for crumb in _CRUMB_SEPARATOR.split(text))
    return any(key(u.text) == wanted for u in above) or any(key(c) == wanted for c in crumbs)


_CRUMB_SEPARATOR = re.compile(r"\s+[/›>»|]\s+")


def _menu_between(top: int, bottom: int, chrome_lines: Mapping[int, str]) -> bool:
    """A site's menu lies between two lines: two or more lines of chrome, or a breadcrumb
    (a reading time or a picture credit between a title and its date is no menu)."""
    between = list(itertools.islice(
        (text for line, text in chrome_lines.items() if top < line < bottom), 2))
    return len(between) >= 2 or any(BREADCRUMB.fullmatch(text) or HOME_TRAIL.fullmatch(text)
                                    for text in between)


def _published(units: Sequence[_Unit], date_unit: _Unit, path: Path) -> tuple[datetime.date, str]:
    """The publication date and the content label printed with it, from a date line ("Nyhet |
    Publicerad 18.4.2024"; "Publicerad:" with the date on the next line) or a line of metadata."""
    date_value = date_line(date_unit.text)
    if date_value is None:
        found = dated_line(date_unit.text, path)
        assert found is not None  # how _bare_date_unit chose it
        return found
    value, value_line = date_value["value"], date_unit.line
    if not value:
        later = [u for u in units if u.line > date_unit.line]
        if later:
            later[0].kind = "date"
            value, value_line = later[0].text, later[0].line
    return parse_date(value, path, value_line), labelled(date_unit.text)[0]


def _modified(units: Sequence[_Unit], date_unit: _Unit, path: Path) -> datetime.date | None:
    """The first change stamp: its own line, or after the date ("…, uppdaterad 12 sep 2020")."""
    on_date_line = MODIFIED_ANYWHERE.search(date_unit.text)
    if on_date_line is not None:
        found = try_parse_date(on_date_line["value"], path)
        if found is not None:
            return found
    for unit in units:
        if unit.kind == "modified":
            stamp = MODIFIED_LINE.fullmatch(unit.text)
            if stamp is not None:
                return try_parse_date(stamp["value"], path)
            return change_stamp(unit.text, path)
    return None


_MIN_RESUMING = 80  # a paragraph after a contact block this long goes on with the article


def _body_and_contacts(units: Sequence[_Unit]) -> tuple[list[_Unit], list[_Unit]]:
    """The article's blocks and its contact blocks. A contact block runs to the end, unless
    the article goes on after it (a sentence of a paragraph's length after a blank line: the
    contacts were given in the middle of the page); whatever else follows the last one is
    site furniture."""
    body: list[_Unit] = []
    contacts: list[_Unit] = []
    in_contacts = False
    for unit in units:
        if unit.kind == "contact":
            in_contacts = True
        elif in_contacts and _resumes_article(unit):
            in_contacts = False
        (contacts if in_contacts else body).append(unit)
    return body, contacts


def _resumes_article(unit: _Unit) -> bool:
    return (unit.kind == "para" and not unit.joined_above and len(unit.text) >= _MIN_RESUMING
            and unit.text.rstrip("”\"’»)")[-1:] in ".!?")


def _text_body(units: Sequence[_Unit], assembly: Assembly) -> None:
    index = 0
    while index < len(units):
        unit = units[index]
        if unit.kind == "para":
            assembly.paragraph(unit.text)
            index += 1
        elif unit.kind == "item":
            items = [clean(" ".join([unit.item, *unit.details]))]
            index += 1
            # A list is a run of adjacent lines: a blank line ends it, unless the next item
            # goes on numbering this one (1. … 2. …) or has its bullet (• … •).
            while (index < len(units) and units[index].kind == "item"
                   and (units[index].joined_above or _same_list(units[index - 1], units[index]))):
                items.append(clean(" ".join([units[index].item, *units[index].details])))
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



def _entry_has_role(lines: Sequence[str]) -> bool:
    """The entry has its role (``Name, role`` or a second line): a name line starts the next."""
    return len(lines) > 1 or ", " in lines[0]


def _text_contacts(units: Sequence[_Unit], assembly: Assembly) -> None:
    entries: list[tuple[list[str], str]] = []  # each contact's lines (name, role …) and block
    block: str | None = None
    opened = 0  # the number of entries when the current block opened
    unmarked = False  # the last entry is an unmarked name that may go on on the next line
    for unit in units:
        if (unit.kind == "contact" and unmarked and unit.joined_above
                and len(entries[-1][0]) == 1 and key(unit.text) in CONTACT_BLOCKS):
            entries[-1][0].append(unit.text)  # "Pressansvarig" under a name: the role
            unmarked = False
        elif unit.kind == "contact":
            block, entry = contact_heading(unit.text) or (None, "")
            if block is not None and entry:
                entries.extend(([part], block) for part in split_entries(entry))
            unmarked = False
            opened = len(entries)
        elif unit.kind in ("chrome", "modified"):
            if not unit.joined_above:  # share tools or a site notice after the last entry
                block, unmarked = None, False
        elif block is not None and unit.mark is not None:
            entries.append(([unit.item, *unit.details], block))
            unmarked = False
        elif block is not None and unit.cells and NAME_START.match(unit.cells[0]):
            entries.append((list(unit.cells), block))  # "Name<tab>role<tab>phone"
            unmarked = False
        elif (block is not None and role_first(unit.text) and len(unit.text) <= _MAX_SHORT
              and not (unmarked and not _entry_has_role(entries[-1][0]))):
            # "Lægefaglig direktør Birgitte Kjær, tlf. …" under a whole entry: the next one
            entries.extend(([part], block) for part in split_entries(unit.text))
            unmarked = False
        elif block is not None and ((is_phone_or_email(unit.text) and not unmarked)
                                    or (len(entries) == opened and is_desk(unit.text))):
            pass  # a phone under a whole entry; a press desk before the people ("Skolverkets presstjänst")
        elif (block is not None and unmarked and unit.joined_above
              and not (NAME_START.match(unit.text) and _entry_has_role(entries[-1][0]))):
            if not _entry_has_role(entries[-1][0]) or is_phone_or_email(unit.text):
                entries[-1][0].append(unit.text)  # the role or phone line under a name
            else:  # a note or the site's furniture under a whole entry: the block is over
                block, unmarked = None, False
        elif block is not None and NAME_START.match(unit.text) and len(unit.text) <= _MAX_SHORT:
            entries.append(([unit.text], block))
            unmarked = True
        else:
            block, unmarked = None, False  # the article has ended: the rest is site furniture
    for lines, name in entries:
        found = contact(lines, name)
        if found is not None:
            assembly.contacts.append(found)

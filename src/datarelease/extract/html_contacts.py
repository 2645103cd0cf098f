"""Contact blocks of a saved HTML page: a heading ("Kontakt", "Lisätietoja", "Spørsmål om saken
kan rettes til:") and the people after it, in whatever markup the template gives them.

The people follow the heading as siblings: paragraphs with ``<br>`` lines, lists, a ``<dl>``,
a table of one row per person, cards with ``name``/``role`` classes. Templates also wrap the
heading alone in an element of its own (the people then follow that wrapper), put the heading
in the first row of a table (the people are the rows below), or write heading and people in one
paragraph split by ``<br>``. A block beside the article (an ``<aside>`` after ``<main>``, a
column of its own) is read as well.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from datarelease.extract.blocks import (
    NAME_START,
    clean,
    contact,
    contact_heading,
    is_chrome,
    is_phone_or_email,
    is_whole_entry,
    key,
    split_entries,
)
from datarelease.extract.dom import (
    BLOCK_TAGS,
    HEADINGS,
    SKIP_TAGS,
    has_block_child,
    has_class,
    holders_of,
    inside,
    node_text,
    tags,
    text_lines,
)
from datarelease.extract.record import Contact

__all__ = ["contacts_after", "contacts_beside", "contacts_in_chunks", "contacts_within",
           "opens_contacts"]

# A person's name and title by class, as templates and microformats mark them ("contact__name",
# hCard's "fn"); schema.org's itemprop="name" / "jobTitle" count the same.
_NAME_CLASS = re.compile(r"(?:^|[-_])(?:name|fn)(?:$|[-_])")
_ROLE_CLASS = re.compile(r"(?:^|[-_])(?:role|title|position|befattning|jobtitle)(?:$|[-_])")
_HEADING_ELEMENTS = frozenset({"p", "div", "strong", "b", "dt", "span", "td", "th", "summary"})
_MAX_WRAPPERS = 2  # how far up a heading alone in its element looks for the people
_MAX_ROWS = 50  # people in a table under a heading row (bounded work on hostile tables)


def opens_contacts(element: Tag) -> tuple[str, str] | None:
    """The contact block ``element`` opens, and an entry on the same line (or "")."""
    if element.name in HEADINGS or (
        element.name in _HEADING_ELEMENTS and not has_block_child(element)
    ):
        lines = text_lines(element)
        if len(lines) > 1 and element.find("br") is not None:
            return contact_heading(lines[0])  # the heading, then the entries, by <br>
        return contact_heading(clean(node_text(element)))
    return None


def contacts_after(heading: Tag, consumed: set[int]) -> list[Contact]:
    """The people of the contact block ``heading`` opens (their elements join ``consumed``)."""
    opened = opens_contacts(heading)
    assert opened is not None
    block, entry = opened
    entries: list[list[str]] = [[entry]] if entry else []
    lines = text_lines(heading)
    if len(lines) > 1 and heading.find("br") is not None:
        entries.append(lines[1:])  # "Lisätietoja:<br>kehittämispäällikkö Matti Virtanen …"
    if heading.name in ("td", "th"):
        entries.extend(_rows_below(heading, consumed))
    elif not entries:
        _read_siblings(_people_follow(heading), HEADINGS.get(heading.name, 7), entries, consumed)
    else:  # the heading's own paragraph held a person; more may follow, one paragraph each
        entries.extend(_whole_entries_after(_people_follow(heading), consumed))
    return [found for person in (one for lines in entries for one in _one_per_person(lines))
            if (found := contact(person, block)) is not None]


def contacts_beside(soup: BeautifulSoup, root: Tag, consumed: set[int]) -> list[Contact]:
    """Contact blocks outside the article's element ``root`` (a column of their own)."""
    found: list[Contact] = []
    for element in tags(soup.find_all(True)):
        if (element is root or root in element.parents or id(element) in consumed
                or element.name in SKIP_TAGS or inside(element, SKIP_TAGS)):
            continue
        if opens_contacts(element) is not None:
            found.extend(contacts_after(element, consumed))
    return found


def contacts_within(container: Tag, consumed: set[int]) -> list[Contact]:
    """Contact blocks inside ``container`` (a sidebar the reader leaves out of the article), in
    one walk: an element that holds blocks is looked at only when it is a heading."""
    holding = holders_of(container, BLOCK_TAGS)
    found: list[Contact] = []
    stack = [child for child in reversed(container.contents) if isinstance(child, Tag)]
    while stack:
        element = stack.pop()
        if id(element) in consumed or element.name in SKIP_TAGS:
            continue
        if ((element.name in HEADINGS or id(element) not in holding)
                and opens_contacts(element) is not None):
            found.extend(contacts_after(element, consumed))
            continue
        stack.extend(child for child in reversed(element.contents) if isinstance(child, Tag))
    return found


def contacts_in_chunks(chunks: list[list[str]]) -> tuple[list[Contact], set[int]]:
    """Contact blocks in the ``<br><br>``-divided chunks of an older CMS's text run ("Kontakt<br>
    Anna Berg, …", "Mer information lämnas av …"): a chunk that opens with a contact heading, and
    the short chunks right after it that begin with a person. The contacts, and the indexes of
    the chunks they took."""
    found: list[Contact] = []
    taken: set[int] = set()
    block: str | None = None
    for index, chunk in enumerate(chunks):
        opened = contact_heading(chunk[0])
        if opened is not None:
            block, entry = opened
            people = ([entry] if entry else []) + chunk[1:]
        elif block is not None and len(chunk) <= 4 and (
                is_whole_entry(chunk[0]) or NAME_START.fullmatch(chunk[0])):
            people = chunk
        else:
            block = None
            continue
        taken.add(index)
        if people:
            found.extend(person for lines in _one_per_person(people)
                         if (person := contact(lines, block)) is not None)
    return found, taken


def _people_follow(heading: Tag) -> Tag:
    """The element whose next siblings are the people: the heading, or the wrapper it stands
    alone in (``<div class="portlet"><h2>Kontakt</h2></div><div>…people…</div>``)."""
    current = heading
    for _ in range(_MAX_WRAPPERS):
        parent = current.parent
        alone = current.find_next_sibling() is None and current.find_previous_sibling() is None
        if (not alone or not isinstance(parent, Tag)
                or parent.name in ("body", "main", "article", "[document]")):
            break
        current = parent
    return current


def _rows_below(cell: Tag, consumed: set[int]) -> list[list[str]]:
    """A heading in a table's row: each later row of the table is a person, cell by cell."""
    row = cell.find_parent("tr")
    if row is None:
        return []
    entries = []
    for below in tags(row.find_next_siblings("tr", limit=_MAX_ROWS)):
        if any(opens_contacts(c) for c in tags(below.find_all(["td", "th"]))):
            break  # the next block's heading
        consumed.add(id(below))
        if cells := _row_cells(below, ["td", "th"]):
            entries.append(cells)
    return entries


def _row_cells(row: Tag, names: list[str]) -> list[str]:
    """A table row's non-empty cells: a person's name, title, phone in cells of their own."""
    return [text for text in (clean(node_text(c)) for c in tags(row.find_all(names))) if text]


def _read_siblings(start: Tag, level: int, entries: list[list[str]], consumed: set[int]) -> None:
    open_entry = False  # the last entry has a name and is waiting for its role
    for sibling in start.next_siblings:  # lazily: a block ends long before the page does
        if not isinstance(sibling, Tag) or sibling.name in SKIP_TAGS:
            continue
        if opens_contacts(sibling) is not None:
            break
        if sibling.name in HEADINGS and HEADINGS[sibling.name] <= level:
            break
        lines = text_lines(sibling)
        if lines and is_chrome(lines[0]):
            break  # a site notice or share tools: the block is over ("E-post" in it is a field)
        consumed.add(id(sibling))
        open_entry = _entries_of(sibling, entries, open_entry)


def _whole_entries_after(start: Tag, consumed: set[int]) -> list[list[str]]:
    """The paragraphs right after ``start`` that each hold nothing but whole entries
    ("Antti Huttunen, kehittämispäällikkö, puh. …"): the first other element ends them."""
    found: list[list[str]] = []
    for sibling in start.next_siblings:
        if not isinstance(sibling, Tag):
            continue
        lines = [line for line in text_lines(sibling) if not is_phone_or_email(line)]
        if (sibling.name not in ("p", "div") or has_block_child(sibling) or not lines
                or not all(is_whole_entry(part) for line in lines for part in split_entries(line))):
            break
        consumed.add(id(sibling))
        found.append(lines)
    return found


def _entries_of(element: Tag, entries: list[list[str]], open_entry: bool) -> bool:
    name = element.name
    if name in ("ul", "ol"):
        for li in tags(element.find_all("li")):
            entries.append(_entry_lines(li))
        return False
    if name == "table":  # a row per person: name, title, phone in cells of their own
        for row in tags(element.find_all("tr")):
            if cells := _row_cells(row, ["td"]):
                entries.append(cells)
        return False
    if name == "dl" and _is_card(element):
        entries.append(_card_lines(element))
        return False
    if name == "dl":
        for item in tags(element.find_all(["dt", "dd"])):
            text = clean(node_text(item))
            if item.name == "dt":
                entries.append([text])
                open_entry = True
            elif open_entry and entries:
                entries[-1].append(text)
                open_entry = False
        return open_entry
    if name in HEADINGS:
        entries.append([clean(node_text(element))])
        return True
    if has_block_child(element) and not _has_class_descendant(element):
        for child in tags(element.children):
            open_entry = _entries_of(child, entries, open_entry)
        return open_entry
    lines = _entry_lines(element)
    if open_entry and entries and len(lines) == 1:
        entries[-1].append(lines[0])
        return False
    if lines:
        entries.append(lines)
    return len(lines) == 1 and _is_name(element)  # its role may follow


# A card of one person as field and value: "<dt>Navn</dt><dd>…</dd><dt>Titel</dt><dd>…</dd>".
_NAME_FIELDS = frozenset({"navn", "namn", "nimi", "name"})
_ROLE_FIELDS = frozenset({"titel", "tittel", "stilling", "stillingstittel", "befattning", "roll",
                          "rolle", "nimike", "tehtävä", "asema", "title", "role"})


def _is_card(element: Tag) -> bool:
    return any(key(clean(node_text(dt))) in _NAME_FIELDS for dt in tags(element.find_all("dt")))


def _card_lines(element: Tag) -> list[str]:
    """The person of a field-and-value card: the name, then the role (other fields, such as
    the phone, are no role)."""
    values: dict[str, str] = {}
    for dt in tags(element.find_all("dt")):
        dd = dt.find_next_sibling("dd")
        field_name = key(clean(node_text(dt)))
        if isinstance(dd, Tag) and field_name not in values:
            values[field_name] = clean(node_text(dd))
    name = next((values[f] for f in values if f in _NAME_FIELDS), "")
    role = next((values[f] for f in values if f in _ROLE_FIELDS), "")
    return [line for line in (name, role) if line]


def _one_per_person(lines: list[str]) -> list[list[str]]:
    """Lines that each hold a whole entry ("erityisasiantuntija Matti Virtanen, puh. …" under
    one another, split by <br>; a shared e-mail address or phone line among them) are one
    contact each; a line with several ("…, ja ylilääkäri Timo Kallio, …") is split."""
    people = [part for line in lines if not is_phone_or_email(line) for part in split_entries(line)]
    if len(people) > 1 and all(is_whole_entry(line) for line in people):
        return [[line] for line in people]
    return [lines]


def _is_name(tag: Tag) -> bool:
    return has_class(tag, _NAME_CLASS) or tag.get("itemprop") == "name"


def _is_role(tag: Tag) -> bool:
    return has_class(tag, _ROLE_CLASS) or tag.get("itemprop") == "jobTitle"




def _has_class_descendant(element: Tag) -> bool:
    return any(_is_name(tag) for tag in tags(element.find_all(True)))


def _entry_lines(element: Tag) -> list[str]:
    """A contact's lines: by class (``name``, ``role``) when marked so, else by line breaks."""
    name = next((t for t in tags(element.find_all(True)) if _is_name(t)), None)
    if name is not None:
        role = next((t for t in tags(element.find_all(True)) if _is_role(t)), None)
        lines = [clean(node_text(name))]
        if role is not None:
            lines.append(clean(node_text(role)))
        return lines
    return text_lines(element)

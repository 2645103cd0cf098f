"""The reader of saved HTML pages: the markup says what each block is.

BeautifulSoup with the standard library's parser: ``<h1>``, ``<time datetime>``, classes such as
``kicker`` or ``preamble``, ``<h2>``–``<h6>``, ``<ul>``/``<ol>``, ``<a href>``; ``<nav>``,
``<header>``, ``<footer>``, ``<form>``, scripts and styles are skipped, and so is the chrome of
every vocabulary. A ``<time>`` (or a line) under a change-stamp word (``Uppdaterad``,
``Oppdatert`` …) is ``modified``; the publication date is the other one. The page's ``lang``
attribute decides the language only when the text is too short to tell.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from datarelease.errors import SourceError
from datarelease.extract.blocks import (
    MEDIA_TYPES,
    ROLE_FIRST,
    Assembly,
    clean,
    contact,
    contact_heading,
    is_chrome,
    key,
    labelled,
    media_type,
    split_markers,
)
from datarelease.extract.dates import bare_date, parse_date, try_parse_date
from datarelease.extract.record import Link, Record
from datarelease.extract.stamps import MachineDates, machine_dates
from datarelease.extract.vocabulary import (
    CONTACT_BLOCKS,
    CONTENT_TYPES,
    DATE_LABEL,
    DATE_LINE,
    MODIFIED_ANYWHERE,
    MODIFIED_LINE,
    NEW_WINDOW_MARKERS,
)
from datarelease.extract.vocabulary import STAMP_WORD as _STAMP_WORD

__all__ = ["read_html"]

_MAX_DATE_LINE = 80
_BARE_DATE_BLOCKS = 6  # a date with no stamp word is the publication date only this near the top

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
    return [line for line in (clean(part) for part in _node_text(node, breaks=True).split("\n"))
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


_BREADCRUMB_CLASS = re.compile(r"breadcrumb")


def _is_navigation(tag: Tag) -> bool:
    """A breadcrumb trail or another element marked as navigation (``role="navigation"``)."""
    return tag.get("role") == "navigation" or _has_class(tag, _BREADCRUMB_CLASS)


def read_html(text: str, path: Path) -> Record:
    soup = BeautifulSoup(text, "html.parser")
    stated = machine_dates(soup)  # before the scripts go: JSON-LD is one
    for tag in _tags(soup.find_all(list(_NEVER_TEXT))):
        tag.decompose()
    for tag in _tags(soup.find_all(_is_navigation)):  # breadcrumbs are not the article's lists
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
    title = clean(_node_text(h1)) if h1 is not None else ""
    if not title and soup.title is not None:
        title = clean(_node_text(soup.title)).split(" | ")[0].strip()
    if not title:
        raise SourceError("no title: the page has no <h1> and no <title>", path=path,
                          location=f"line {h1.sourceline}" if h1 and h1.sourceline else "line 1")

    published, modified = _html_date(soup, root, path, consumed, stated)
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
                                  label=label, lede=lede, page_language=language,
                                  modified=modified)


def _consume_block(tag: Tag, text: str, consumed: set[int]) -> None:
    """Leave out the block holding ``tag`` when it holds nothing but ``text``-like metadata."""
    block = _block_of(tag)
    if not _has_block_child(block) and len(clean(_node_text(block))) <= max(len(text),
                                                                             _MAX_DATE_LINE):
        consumed.add(id(block))
    else:
        consumed.add(id(tag))


def _text_before(tag: Tag) -> str:
    """The text of ``tag``'s block up to ``tag``: the words that say what a <time> is."""
    parts: list[str] = []
    for node in _block_of(tag).descendants:
        if node is tag:
            break
        if isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    return clean("".join(parts))


def _is_change_stamp(tag: Tag) -> bool:
    """The last stamp word before ``tag`` is a change word ("uppdaterad"), not "publicerad"."""
    before = _text_before(tag).lower()
    changed = [m.start() for m in _STAMP_WORD.finditer(before) if m["modified"]]
    published = [m.start() for m in _STAMP_WORD.finditer(before) if m["published"]]
    return bool(changed) and (not published or max(changed) > max(published))


def _time_value(time: Tag) -> str:
    """What a <time> says: its ``datetime``, else its text without a stamp word that a page put
    inside the tag (``<time>Publiceret 5. maj 2027</time>``)."""
    attribute = (_attr(time, "datetime") or "").strip()
    if attribute:
        return attribute
    text = clean(_node_text(time))
    line = DATE_LINE.search(text)
    return line["value"] if line is not None and line["value"] else text


def _html_date(soup: BeautifulSoup, root: Tag, path: Path, consumed: set[int],
               stated: MachineDates) -> tuple[datetime.date, datetime.date | None]:
    """The publication date and the change stamp (None when the page shows none): a <time>, a
    date line, else what the page states for machines, else a date alone near the title."""
    outside = _SKIP_TAGS - {"header"}
    published, modified = _visible_date(soup, path, consumed, outside)
    if published is None and stated.published is not None:
        published = parse_date(stated.published, path, None)
        if modified is None and stated.modified is not None:
            modified = try_parse_date(stated.modified, path)
    if published is None:
        bare = _bare_date_block(root, outside, path)
        if bare is not None:
            _consume_block(bare[0], clean(_node_text(bare[0])), consumed)
            published = bare[1]
    if published is None:
        raise SourceError(
            "no publication date: expected <time datetime=\"2020-09-10\"> or a date line such as "
            "'Publicerad: 10 september 2020', 'Publisert: 12. oktober 2021', 'Publiceret 3. "
            "marts 2021' or 'Julkaistu 7.10.2021', a <meta property=\"article:published_time\">, "
            "or a date alone in a block near the title ('12.10.2021')",
            path=path, location="line 1",
        )
    if modified is None:
        modified = _change_stamp_line(root, outside, path, consumed)
    return published, None if modified == published else modified


def _visible_date(soup: BeautifulSoup, path: Path, consumed: set[int], outside: frozenset[str]
                  ) -> tuple[datetime.date | None, datetime.date | None]:
    """A <time> (the one the page calls "Publicerad" first), else a date line."""
    times = [t for t in _tags(soup.find_all("time")) if not _inside(t, outside)]
    modified: datetime.date | None = None
    stamps = [t for t in times if _is_change_stamp(t)]
    for time in stamps:
        value = _time_value(time)
        modified = modified or try_parse_date(value, path)
        _consume_block(time, clean(_node_text(_block_of(time))), consumed)
    times = [t for t in times if t not in stamps]
    times.sort(key=lambda t: not DATE_LINE.search(clean(_node_text(_block_of(t)))))
    for time in times:
        value = _time_value(time)
        if value:
            _consume_block(time, clean(_node_text(_block_of(time))), consumed)
            return parse_date(value, path, time.sourceline), modified
    for string in soup.find_all(string=DATE_LINE):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        parent = string.parent
        if parent is None or _inside(parent, outside) or parent.name in outside:
            continue
        found = _date_line_at(parent, path)
        if found is not None:
            element, line, published = found
            stamp = MODIFIED_ANYWHERE.search(line)
            if modified is None and stamp is not None:
                modified = try_parse_date(stamp["value"], path)
            consumed.add(id(element))
            return published, modified
    return None, modified


def _date_line_at(parent: Tag, path: Path) -> tuple[Tag, str, datetime.date] | None:
    """The date line holding ``parent``'s text: its block, else ``parent`` alone when the block
    is longer (spans in a line of metadata), else a stamp word with its date in the next element
    (``<dt>Publisert</dt><dd>12.10.2021</dd>``). The element to leave out, its line, the date."""
    block = _block_of(parent)
    for element in dict.fromkeys((block, parent)):
        line = clean(_node_text(element))
        match = DATE_LINE.fullmatch(line) or DATE_LINE.search(line)
        if match is None or len(line) > _MAX_DATE_LINE:
            continue
        if match["value"]:
            return element, line, parse_date(match["value"], path, element.sourceline)
        value = _next_value(element, path)
        if value is not None:
            return element, line, value
    return None


def _next_value(label: Tag, path: Path) -> datetime.date | None:
    """The date in the element after ``label`` (which it then leaves out of the article)."""
    following = label.find_next_sibling()
    if not isinstance(following, Tag):
        return None
    found = try_parse_date(clean(_node_text(following)), path)
    if found is not None:
        following.decompose()
    return found


def _change_stamp_line(root: Tag, outside: frozenset[str], path: Path,
                       consumed: set[int]) -> datetime.date | None:
    """A change stamp in an element of its own ("<span>Päivitetty 8.10.2021</span>"), or a change
    word alone with its date in the next element ("<dt>Sist oppdatert</dt><dd>…</dd>")."""
    for string in root.find_all(string=MODIFIED_LINE):
        parent = string.parent
        if not isinstance(parent, Tag) or _inside(parent, outside) or _has_block_child(parent):
            continue
        line = clean(_node_text(parent))
        stamp = MODIFIED_LINE.fullmatch(line)
        if stamp is None or len(line) > _MAX_DATE_LINE:
            continue
        value = (try_parse_date(stamp["value"], path) if stamp["value"]
                 else _next_value(parent, path))
        if value is not None:
            _consume_block(parent, line, consumed)
            return value
    return None


def _bare_date_block(root: Tag, outside: frozenset[str], path: Path
                     ) -> tuple[Tag, datetime.date] | None:
    """The first of the article's first few texts that is a date and nothing else (perhaps
    after a plain "Dato:" label), with the element holding it."""
    seen = 0
    for string in root.find_all(string=True):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        parent = string.parent
        if not clean(str(string)) or parent is None or _inside(parent, outside):
            continue
        text = clean(_node_text(parent))
        label = DATE_LABEL.match(text)
        found = bare_date(text[label.end():] if label else text, path)
        if found is not None and not _has_block_child(parent):
            return parent, found
        seen += 1
        if seen >= _BARE_DATE_BLOCKS:
            return None
    return None


def _html_label(root: Tag, soup: BeautifulSoup, outside: frozenset[str],
                consumed: set[int]) -> str:
    for scope in (root, soup):
        for tag in _tags(scope.find_all(True)):
            if _has_class(tag, _LABEL_CLASS) and not _inside(tag, outside):
                text = clean(_node_text(tag))
                if text and len(text) <= 40:
                    _consume_block(tag, text, consumed)
                    return text
    for tag in _tags(root.find_all(["p", "span", "div", "strong", "em", "small"])):
        if _has_block_child(tag):
            continue
        text = clean(_node_text(tag))
        if key(text) in CONTENT_TYPES and not _inside(tag, outside):
            _consume_block(tag, text, consumed)
            return text
        label, rest = labelled(text)  # "Nyhet | Publicerad 18.4.2024": the date line's label
        if label and DATE_LINE.fullmatch(rest) and not _inside(tag, outside):
            return label
    return ""


def _html_lede(root: Tag, h1: Tag | None, outside: frozenset[str], consumed: set[int]) -> str:
    for tag in _tags(root.find_all(True)):
        if _has_class(tag, _LEDE_CLASS) and not _inside(tag, outside):
            text = clean(_node_text(tag))
            if text:
                consumed.add(id(tag))
                return text
    candidates = h1.find_all_next("p") if h1 is not None else root.find_all("p")
    for tag in _tags(candidates):
        if (id(tag) in consumed or _inside(tag, outside)
                or not any(parent is root for parent in tag.parents)):
            continue
        text = clean(_node_text(tag))
        if not text or is_chrome(text) or key(text) in CONTACT_BLOCKS:
            continue
        consumed.add(id(tag))
        return text
    return ""


def _html_link(anchor: Tag, extra_tokens: Sequence[str] = ()) -> Link | None:
    href = (_attr(anchor, "href") or "").strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    text, tokens = split_markers(clean(_node_text(anchor)))
    if not text:
        text = clean(_attr(anchor, "title") or _attr(anchor, "aria-label") or "")
    if not text:
        return None
    tokens = (*tokens, *extra_tokens)
    suffix = PurePosixPath(urlsplit(href).path).suffix.lower().lstrip(".")
    by_suffix = MEDIA_TYPES.get(suffix) if suffix else None
    target = (_attr(anchor, "target") or "").strip().lower()
    return Link(
        text=text,
        href=href,
        media_type=by_suffix or media_type(tokens),
        new_window=target == "_blank" or any(token in NEW_WINDOW_MARKERS for token in tokens),
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
    """Walks the page in document order and feeds the article's blocks to an Assembly."""

    def __init__(self, consumed: set[int]) -> None:
        self.consumed = consumed
        self.assembly = Assembly()

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

    def _contact_heading(self, element: Tag) -> tuple[str, str] | None:
        """The contact block ``element`` opens, and an entry on the same line (or "")."""
        if element.name in _HEADINGS or (
            element.name in ("p", "div", "strong", "b", "dt", "span")
            and not _has_block_child(element)
        ):
            return contact_heading(clean(_node_text(element)))
        return None

    def _heading(self, element: Tag) -> None:
        text = clean(_node_text(element))
        if text and not is_chrome(text):
            self.assembly.heading(text)
            self._inline_links([element])

    def _list(self, element: Tag) -> None:
        items = [
            text for text in (clean(_node_text(li, exclude=frozenset({"ul", "ol"})))
                              for li in _tags(element.find_all("li")))
            if text and not is_chrome(text)
        ]
        self.assembly.bullet_list(items)
        self._inline_links([element])

    def _text_block(self, nodes: Sequence[PageElement]) -> None:
        nodes = [n for n in nodes if not (isinstance(n, Tag) and id(n) in self.consumed)]
        text = clean("".join(_node_text(node) for node in nodes))
        if not text or is_chrome(text):
            return
        anchors = _anchors(nodes)
        if len(anchors) == 1:
            own, tokens = split_markers(text)
            if own == split_markers(clean(_node_text(anchors[0])))[0]:
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
        opened = self._contact_heading(heading)
        assert opened is not None
        block, entry = opened
        level = _HEADINGS.get(heading.name, 7)
        entries: list[list[str]] = [[entry]] if entry else []
        open_entry = False  # the last entry has a name and is waiting for its role
        for sibling in _tags(heading.next_siblings):
            if sibling.name in _SKIP_TAGS:
                continue
            if self._contact_heading(sibling) is not None:
                break
            if sibling.name in _HEADINGS and _HEADINGS[sibling.name] <= level:
                break
            if any(is_chrome(line) for line in _lines(sibling)):
                break  # a site notice: the block is over
            self.consumed.add(id(sibling))
            open_entry = self._contact_entries(sibling, entries, open_entry)
        for person in (one for lines in entries for one in _one_per_person(lines)):
            found = contact(person, block)
            if found is not None:
                self.assembly.contacts.append(found)

    def _contact_entries(self, element: Tag, entries: list[list[str]], open_entry: bool) -> bool:
        name = element.name
        if name in ("ul", "ol"):
            for li in _tags(element.find_all("li")):
                entries.append(_entry_lines(li))
            return False
        if name == "dl":
            for item in _tags(element.find_all(["dt", "dd"])):
                text = clean(_node_text(item))
                if item.name == "dt":
                    entries.append([text])
                    open_entry = True
                elif open_entry and entries:
                    entries[-1].append(text)
                    open_entry = False
            return open_entry
        if name in _HEADINGS:
            entries.append([clean(_node_text(element))])
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
        return len(lines) == 1 and _has_class(element, _NAME_CLASS)  # its role may follow


def _one_per_person(lines: list[str]) -> list[list[str]]:
    """Lines that each hold a whole entry ("erityisasiantuntija Matti Virtanen, puh. …" under
    one another, split by <br>) are one contact each."""
    if len(lines) > 1 and all(ROLE_FIRST.fullmatch(line) for line in lines):
        return [[line] for line in lines]
    return [lines]


def _has_class_descendant(element: Tag) -> bool:
    return any(_has_class(tag, _NAME_CLASS) for tag in _tags(element.find_all(True)))


def _entry_lines(element: Tag) -> list[str]:
    """A contact's lines: by class (``name``, ``role``) when marked so, else by line breaks."""
    name = next((t for t in _tags(element.find_all(True)) if _has_class(t, _NAME_CLASS)), None)
    if name is not None:
        role = next((t for t in _tags(element.find_all(True)) if _has_class(t, _ROLE_CLASS)),
                    None)
        lines = [clean(_node_text(name))]
        if role is not None:
            lines.append(clean(_node_text(role)))
        return lines
    return _lines(element)

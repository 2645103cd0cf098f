"""The reader of saved HTML pages: the markup says what each block is.

BeautifulSoup with the standard library's parser: ``<h1>``, ``<time datetime>``, classes such as
``kicker`` or ``preamble``, ``<h2>``–``<h6>``, ``<ul>``/``<ol>``, ``<a href>``; ``<nav>``,
``<header>``, ``<footer>``, ``<form>``, scripts and styles are skipped, and so is the chrome of
every vocabulary. The dates come from :mod:`datarelease.extract.html_dates`. The page's
``lang`` attribute decides the language only when the text is too short to tell. A tree deeper
or larger than a news page's (:func:`datarelease.extract.dom.check_tree`) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from datarelease.errors import SourceError
from datarelease.extract.blocks import (
    BULLET,
    MEDIA_TYPES,
    Assembly,
    clean,
    is_chrome,
    key,
    labelled,
    media_type,
    split_markers,
)
from datarelease.extract.dom import (
    BLOCK_TAGS,
    HEADINGS,
    NEVER_TEXT,
    SKIP_TAGS,
    attr,
    check_tree,
    consume_block,
    has_block_child,
    has_class,
    holders_of,
    inside,
    node_text,
    tags,
)
from datarelease.extract.html_contacts import (
    contacts_after,
    contacts_beside,
    contacts_in_chunks,
    contacts_within,
    opens_contacts,
)
from datarelease.extract.html_dates import html_date
from datarelease.extract.metadata import dated_line, is_byline, is_source_note, label_line
from datarelease.extract.record import Contact, Link, Record
from datarelease.extract.stamps import machine_dates
from datarelease.extract.vocabulary import (
    CONTACT_BLOCKS,
    CONTENT_TYPES,
    DATE_LINE,
    MODIFIED_LINE,
    NEW_WINDOW_MARKERS,
)

__all__ = ["read_html"]

_LABEL_CLASS = re.compile(
    r"(?:^|[-_])(?:content-?type|content-?label|kicker|label|category|kategori|kategoria|type"
    r"|stikktittel)(?:$|[-_])"
)
_LEDE_CLASS = re.compile(
    r"(?:^|[-_])(?:lede|lead|preamble|ingress|ingressi|manchet|standfirst|intro|introduction)(?:$|[-_])"
)




# Breadcrumb trails by their class in each language ("murupolku", "brødsmuler", "brödsmulor").
_BREADCRUMB_CLASS = re.compile(r"breadcrumb|crumbs|murupolku|br[øoö]dsmul|smulesti")
# Site furniture that older pages put in a plain <div>: the footer, cookie notices, share tools.
_FURNITURE_CLASS = re.compile(
    r"cookie|consent|evaste|(?:^|[-_])(?:footer|share|sharing|social|kakor)"
    r"|(?:^|[-_]|left|right|top|main|sub|side|site)nav(?:igation|bar|menu)?(?:$|[-_])"
    r"|menu|meny|valikko|sidebar|sidebox"
)


_SIDEBAR_CLASS = re.compile(r"sidebar|sidebox")


def _sidebar_contacts(soup: BeautifulSoup, consumed: set[int]) -> list[Contact]:
    """The contact blocks of the page's sidebars (read before the sidebars are dropped as
    furniture: "Kontakt" in a column beside the text); only outermost sidebars are searched."""
    found: list[Contact] = []
    stack = [child for child in reversed(soup.contents) if isinstance(child, Tag)]
    while stack:
        element = stack.pop()
        if has_class(element, _SIDEBAR_CLASS):
            found.extend(contacts_within(element, consumed))
        else:
            stack.extend(child for child in reversed(element.contents) if isinstance(child, Tag))
    return found


def _is_navigation(tag: Tag, holders: set[int] | None = None) -> bool:
    """A breadcrumb trail, another element marked as navigation (``role="navigation"``), or a
    footer, cookie notice or share tool by its class or id, unless it holds the article
    (``holders``: the elements with an <h1>, <main> or <article> below them, when known)."""
    if tag.get("role") == "navigation" or has_class(tag, _BREADCRUMB_CLASS):
        return True
    marked = has_class(tag, _FURNITURE_CLASS) or bool(
        _FURNITURE_CLASS.search((attr(tag, "id") or "").lower()))
    if not marked:
        return False
    if holders is not None:
        return id(tag) not in holders
    return tag.find(["h1", "main", "article"]) is None


def read_html(text: str, path: Path) -> Record:
    soup = BeautifulSoup(text, "html.parser")
    check_tree(soup, path)
    stated = machine_dates(soup)  # before the scripts go: JSON-LD is one
    for tag in tags(soup.find_all(list(NEVER_TEXT))):
        tag.decompose()
    consumed: set[int] = set()
    in_sidebars = _sidebar_contacts(soup, consumed)
    holders = holders_of(soup, ("h1", "main", "article"))
    for tag in tags(soup.find_all(lambda t: _is_navigation(t, holders))):  # not the article's
        tag.decompose()
    root = _article_root(soup)
    outside = SKIP_TAGS - {"header"}  # an article's own <header> holds its title and date

    h1 = _title_heading(root, soup, outside)
    title = clean(node_text(h1)) if h1 is not None else ""
    if not title and soup.title is not None:
        title, h1 = _title_from_head(clean(node_text(soup.title)), root, consumed)
    if not title:
        raise SourceError("no title: the page has no <h1> and no <title>", path=path,
                          location=f"line {h1.sourceline}" if h1 and h1.sourceline else "line 1")

    published, modified = html_date(soup, root, path, consumed, stated, h1)
    label = _html_label(root, soup, outside, consumed, path) or _label_in_head(soup)
    lede = _html_lede(root, h1, outside, consumed, path)

    language = None
    html = soup.find("html")
    if isinstance(html, Tag):
        lang = (attr(html, "lang") or attr(html, "xml:lang") or "").strip()
        if lang:
            language = lang.replace("_", "-").split("-")[0].lower()

    walker = _HtmlWalker(consumed)
    walker.visit(root)
    if root is not soup.body and root is not soup and not walker.assembly.contacts:
        walker.assembly.contacts.extend(contacts_beside(soup, root, consumed))  # a column
    if not walker.assembly.contacts:
        walker.assembly.contacts.extend(in_sidebars)
    lede = lede or walker.assembly.take_lede()
    return walker.assembly.record(path=path, fmt="html", title=title, published=published,
                                  label=label, lede=lede, page_language=language,
                                  modified=modified)




# Containers older templates give the article: id or class "content", "main-content",
# "innehall", "innhold", "indhold", "sisalto" … (a page without <main> or <article>).
_CONTENT_CLASS = re.compile(
    r"^(?:(?:main|page|primary|article|site)[-_]?)?(?:content|innehall|innehåll|innhold|indhold"
    r"|sisalto|sisältö|body[-_]?text|brodtekst|brødtekst)$"
)


def _article_root(soup: BeautifulSoup) -> Tag:
    """Where the article is: <main>, else <article>, else the element marked ``role="main"``,
    else the innermost container named as the content that holds the page's <h1>, else the
    body."""
    for found in (soup.find("main"), soup.find("article"), soup.find(role="main")):
        if isinstance(found, Tag):
            return found
    h1 = soup.find("h1")
    if isinstance(h1, Tag):
        for parent in h1.parents:
            if isinstance(parent, Tag) and parent.name in ("div", "section", "td") and (
                    has_class(parent, _CONTENT_CLASS)
                    or _CONTENT_CLASS.search((attr(parent, "id") or "").lower())):
                return parent
    return soup.body if soup.body is not None else soup


def _title_heading(root: Tag, soup: BeautifulSoup, outside: frozenset[str]) -> Tag | None:
    """The article's <h1>, before one in the site's own header (a logo)."""
    for scope in (root, soup):
        found = [t for t in tags(scope.find_all("h1")) if not inside(t, outside)]
        if found:
            return min(found, key=_in_site_header)  # the first that is not, else the first
    return None


def _in_site_header(tag: Tag) -> bool:
    return any(parent.name == "header" and not inside(parent, _ARTICLE_TAGS)
               for parent in tag.parents)


_ARTICLE_TAGS = frozenset({"article", "main"})


_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def _title_from_head(text: str, root: Tag, consumed: set[int]) -> tuple[str, Tag | None]:
    """The title in <title> ("Innlandet fylkeskommune - Flere elever …", "Title | Site"): the
    part a heading of the page repeats, else the part the page prints in a block of its own,
    else the text before the first " | "."""
    candidates = [part.strip() for part in (text, *_TITLE_SEPARATOR.split(text)) if part.strip()]
    for find in (_heading_saying, _text_saying):  # headings first
        for candidate in candidates:
            found = find(root, candidate)
            if found is not None:
                whole = _whole_block(found, root, candidate)
                consumed.add(id(whole))
                return candidate, whole
    return text.split(" | ")[0].strip(), None


# Where older templates print the title without a heading: "<font size=4><b>Title</b></font>".
_TITLE_LOOKALIKES = frozenset({"b", "strong", "font", "span", "div", "td", "p"})


def _heading_saying(root: Tag, title: str) -> Tag | None:
    for heading in tags(root.find_all(list(HEADINGS))):
        if clean(node_text(heading)) == title and not _is_navigation(heading):
            return heading
    return None


def _text_saying(root: Tag, title: str) -> Tag | None:
    """The element a text of the page that says ``title`` stands in, looking at each text once
    (not at every element's whole text, which costs the depth of the page for each)."""
    for string in root.find_all(string=True):
        if (isinstance(string, PreformattedString) or len(string) < len(title)
                or clean(str(string)) != title):
            continue
        element = string.parent
        if (isinstance(element, Tag) and element.name in _TITLE_LOOKALIKES
                and clean(node_text(element)) == title and not _is_navigation(element)):
            return element
    return None


def _whole_block(found: Tag, root: Tag, title: str) -> Tag:
    """The outermost element around ``found`` that says nothing else: "<td><font><b>Title"."""
    while (found.parent is not None and found.parent is not root
           and clean(node_text(found.parent)) == title):
        found = found.parent
    return found


_HEAD_LABEL = re.compile(r"(?P<label>[^:|–—]{2,30}):\s")


def _label_in_head(soup: BeautifulSoup) -> str:
    """A label only the page's <title> prints: "Pressmeddelande: Kommunerna vill … - SKR"."""
    head = clean(node_text(soup.title)) if soup.title is not None else ""
    found = _HEAD_LABEL.match(head)
    return found["label"].strip() if found and key(found["label"]) in CONTENT_TYPES else ""


def _html_label(root: Tag, soup: BeautifulSoup, outside: frozenset[str],
                consumed: set[int], path: Path) -> str:
    for scope in (root, soup):
        for tag in tags(scope.find_all(True)):
            if has_class(tag, _LABEL_CLASS) and not inside(tag, outside):
                text = clean(node_text(tag))
                if text and len(text) <= 40:
                    consume_block(tag, text, consumed)
                    return text
    for tag in tags(root.find_all(["p", "span", "div", "strong", "em", "small", "td"])):
        if has_block_child(tag):
            continue
        text = clean(node_text(tag))
        if key(text) in CONTENT_TYPES and not inside(tag, outside):
            consume_block(tag, text, consumed)
            return text
        label, rest = labelled(text)  # "Nyhet | Publicerad 18.4.2024": the date line's label
        if label and DATE_LINE.fullmatch(rest) and not inside(tag, outside):
            return label
        dated = dated_line(text, path)  # "Nyhet | 12. oktober 2021", "3. marts 2021 · Nyhed"
        if dated is not None and dated[1] and not inside(tag, outside):
            consume_block(tag, text, consumed)  # metadata only: not the article's text
            return dated[1]
        label = label_line(text)  # "Pressemelding | Nr: 61-2032"
        if label and not inside(tag, outside):
            consume_block(tag, text, consumed)
            return label
    return ""


def _html_lede(root: Tag, h1: Tag | None, outside: frozenset[str], consumed: set[int],
               path: Path) -> str:
    for tag in tags(root.find_all(True)):
        if has_class(tag, _LEDE_CLASS) and not inside(tag, outside):
            text = clean(node_text(tag))
            if text:
                consumed.add(id(tag))
                return text
    following = h1.next_elements if h1 is not None else root.descendants
    for element in following:
        if isinstance(element, NavigableString):
            if _opens_with_bare_text(element, root, outside, consumed):
                return ""  # the article opens with text outside any <p>: the walker's first
            continue
        if (not isinstance(element, Tag) or element.name != "p" or id(element) in consumed
                or inside(element, outside)
                or not any(parent is root for parent in element.parents)):
            continue
        text = clean(node_text(element))
        if not text or is_chrome(text) or key(text) in CONTACT_BLOCKS:
            continue
        if _is_metadata(text, path):  # "4. mai 2031" under the title, dated by JSON-LD
            consumed.add(id(element))
            continue
        consumed.add(id(element))
        return text
    return ""


_MIN_BARE_PARAGRAPH = 40


def _opens_with_bare_text(string: NavigableString, root: Tag, outside: frozenset[str],
                          consumed: set[int]) -> bool:
    """A sentence standing in a <div> or in the article itself, not in a <p> ("teaser" blocks,
    text before the first <p>): the article's first paragraph. The text is judged first: the
    walks up the tree cost the page's depth, so only a sentence pays for them."""
    text = clean(str(string))
    if len(text) < _MIN_BARE_PARAGRAPH or text[-1:] not in ".!?" or is_chrome(text):
        return False
    parent = string.parent
    if parent is None or (parent is not root and not any(p is root for p in parent.parents)):
        return False
    block = parent
    while block.name not in BLOCK_TAGS and block.parent is not None and block is not root:
        block = block.parent
    return (block.name in _BARE_TEXT_BLOCKS and not inside(block, outside)
            and id(block) not in consumed and not any(id(p) in consumed for p in block.parents))


_BARE_TEXT_BLOCKS = frozenset({"div", "main", "article", "section", "td", "body"})


def _is_metadata(text: str, path: Path) -> bool:
    """A line of metadata under the title: a date, a stamp, a label with a date, a byline."""
    return (dated_line(text, path) is not None or DATE_LINE.fullmatch(text) is not None
            or MODIFIED_LINE.fullmatch(text) is not None or bool(label_line(text))
            or is_byline(text) or is_source_note(text))


def _html_link(anchor: Tag, extra_tokens: Sequence[str] = ()) -> Link | None:
    href = (attr(anchor, "href") or "").strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    text, tokens = split_markers(clean(node_text(anchor)))
    if not text:
        text = clean(attr(anchor, "title") or attr(anchor, "aria-label") or "")
    if not text:
        return None
    tokens = (*tokens, *extra_tokens)
    suffix = PurePosixPath(urlsplit(href).path).suffix.lower().lstrip(".")
    by_suffix = MEDIA_TYPES.get(suffix) if suffix else None
    target = (attr(anchor, "target") or "").strip().lower()
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
            found.extend(tags(node.find_all("a", href=True)))
    return found


class _HtmlWalker:
    """Walks the page in document order and feeds the article's blocks to an Assembly."""

    def __init__(self, consumed: set[int]) -> None:
        self.consumed = consumed
        self.assembly = Assembly()

    def visit(self, element: Tag) -> None:
        name = element.name
        if id(element) in self.consumed or name in SKIP_TAGS or name == "h1":
            return
        if opens_contacts(element) is not None:
            self.assembly.contacts.extend(contacts_after(element, self.consumed))
        elif name in HEADINGS:
            self._heading(element)
        elif name == "aside":
            self._box(element)
        elif name in ("ul", "ol"):
            self._list(element)
        elif name == "p" or not has_block_child(element):
            self._text_block([element])
        else:
            self.visit_children(element)

    def visit_children(self, element: Tag) -> None:
        run: list[PageElement] = []
        for child in element.children:
            if isinstance(child, Tag) and (child.name in BLOCK_TAGS or child.name in SKIP_TAGS
                                           or has_block_child(child)):
                self._text_block(run)
                run = []
                self.visit(child)
            elif isinstance(child, (Tag, NavigableString)):
                run.append(child)
        self._text_block(run)

    def _box(self, element: Tag) -> None:
        """A fact box beside the article's text: what follows it belongs to the section before."""
        section = self.assembly.open_section
        self.visit_children(element)
        self.assembly.resume(section)

    def _heading(self, element: Tag) -> None:
        text = clean(node_text(element))
        if text and not is_chrome(text):
            self.assembly.heading(text)
            self._inline_links([element])

    def _list(self, element: Tag) -> None:
        items = [
            text for text in (clean(node_text(li, exclude=frozenset({"ul", "ol"})))
                              for li in tags(element.find_all("li")))
            if text and not is_chrome(text)
        ]
        self.assembly.bullet_list(items)
        self._inline_links([element])

    def _text_block(self, nodes: Sequence[PageElement]) -> None:
        nodes = [n for n in nodes if not (isinstance(n, Tag) and id(n) in self.consumed)]
        text = clean("".join(node_text(node) for node in nodes))
        if not text or is_chrome(text) or (
                (is_byline(text) or is_source_note(text)) and not self.assembly.body):
            return  # chrome, or who wrote the page and where it appeared, above its text
        anchors = _anchors(nodes)
        if _is_link_bar(text, anchors):
            return  # "Etusivu | Uutiset": a menu or a trail of the site, not the article's
        if len(anchors) == 1:
            own, tokens = split_markers(text)
            if own == split_markers(clean(node_text(anchors[0])))[0]:
                link = _html_link(anchors[0], tokens)
                if link is not None:
                    self.assembly.link(link)
                    return
        chunks = _chunks_between_breaks(nodes)
        if chunks is not None:
            contacts, taken = contacts_in_chunks(chunks)
            self.assembly.contacts.extend(contacts)
            if taken:
                chunks = [chunk for index, chunk in enumerate(chunks) if index not in taken]
                text = " ".join(line for chunk in chunks for line in chunk)
        pieces = _pieces_of(nodes, chunks) if chunks else None
        if pieces is None and text and chunks != []:
            self.assembly.paragraph(text)
        for paragraph, items in pieces or ():
            if paragraph and not is_chrome(paragraph):
                self.assembly.paragraph(paragraph)
            self.assembly.bullet_list(items)
        self._inline_links(nodes)

    def _inline_links(self, nodes: Sequence[PageElement]) -> None:
        for anchor in _anchors(nodes):
            link = _html_link(anchor)
            if link is not None:
                self.assembly.link(link, in_body=False)

_SEPARATORS_ONLY = re.compile(r"[\s|/›»>·•–-]*")


def _is_link_bar(text: str, anchors: Sequence[Tag]) -> bool:
    """Two or more short links with nothing between them but separators."""
    if len(anchors) < 2:
        return False
    rest = text
    for anchor in anchors:
        label = clean(node_text(anchor))
        if not label or len(label) > 40:
            return False
        rest = rest.replace(label, " ", 1)
    return _SEPARATORS_ONLY.fullmatch(rest) is not None


def _chunks_between_breaks(nodes: Sequence[PageElement]) -> list[list[str]] | None:
    """The lines of a block with ``<br>`` in it, in chunks that ``<br><br>`` divides; None for a
    block without line breaks."""
    if not any(isinstance(n, Tag) and (n.name == "br" or n.find("br") is not None) for n in nodes):
        return None
    raw = "".join(node_text(node, breaks=True) for node in nodes).split("\n")
    chunks: list[list[str]] = [[]]
    for line in (clean(part) for part in raw):
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


def _pieces_of(nodes: Sequence[PageElement],
               chunks: list[list[str]]) -> list[tuple[str, tuple[str, ...]]] | None:
    """A block that ``<br><br>`` divides into paragraphs, or that holds a list of lines opened by
    bullets, as (paragraph, the list after it) pieces; None for a block that is one paragraph."""
    bold = _bold_lines(nodes)
    pieces = [piece for chunk in chunks for piece in _bold_lead_first(chunk, bold)]
    return pieces if len(pieces) > 1 or any(items for _, items in pieces) else None


def _bold_lines(nodes: Sequence[PageElement]) -> frozenset[str]:
    return frozenset(clean(node_text(b)) for node in nodes if isinstance(node, Tag)
                     for b in ([node] if node.name in ("strong", "b") else [])
                     + tags(node.find_all(["strong", "b"])))


def _bold_lead_first(lines: list[str], bold: frozenset[str]) -> list[tuple[str, tuple[str, ...]]]:
    """"<strong>Tillit</strong><br>Staten ska …": a short bold line over the text is a paragraph
    of its own (a lead phrase, not the first words of the sentence under it)."""
    if len(lines) > 1 and lines[0] in bold and len(lines[0].split()) <= 12:
        return [(lines[0], ()), *_chunk_pieces(lines[1:])]
    return _chunk_pieces(lines)


# a line led by a short capitalised phrase and a dash or colon: lines of a list without bullets
_LEAD_LINE = re.compile(r"[A-ZÅÄÖÆØÜ][^\s–—:.!?]*(?:\s[^\s–—:.!?]+){0,5}\s*(?:\s[–—-]\s|:\s)\S")


def _lead_lines(lines: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Three or more lines each led by a phrase and a dash or colon ("Stegvis innfasing – krava
    …<br>Lik konkurranse – …"), perhaps under an introduction ending in ":", as a list."""
    intro = lines[:1] if lines[0].endswith(":") else []
    items = lines[len(intro):]
    if len(items) >= 3 and all(_LEAD_LINE.match(line) for line in items):
        return [(" ".join(intro), tuple(items))]
    return []


def _chunk_pieces(lines: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Lines between blank ones: the text before two or more bulleted lines (how older CMS
    pages and pasted text make lists with <br>), and their items."""
    marked = [BULLET.fullmatch(line) for line in lines]
    if sum(1 for m in marked if m) < 2:
        return _lead_lines(lines) or [(" ".join(lines), ())]
    pieces: list[tuple[str, tuple[str, ...]]] = []
    text: list[str] = []
    items: list[str] = []
    for line, mark in zip(lines, marked, strict=True):
        if mark is not None:
            items.append(mark["item"])
            continue
        if items:
            pieces.append((" ".join(text), tuple(items)))
            text, items = [], []
        text.append(line)
    pieces.append((" ".join(text), tuple(items)))
    return pieces



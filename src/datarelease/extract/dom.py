"""What both HTML modules need of the parsed tree: the tags that hold no article text, block
and heading tags, an element's text and block, and leaving a block of metadata out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from datarelease.errors import SourceError
from datarelease.extract.blocks import clean

MAX_DATE_LINE = 80
# A news page nests some tens of elements deep and holds some thousands; these bound the time
# and stack the readers need (they walk the tree recursively) on a page built to exhaust them.
MAX_DEPTH = 256
MAX_ELEMENTS = 100_000

NEVER_TEXT = ("script", "style", "template", "noscript")
SKIP_TAGS = frozenset({
    "nav", "header", "footer", "form", "button", "select", "input", "textarea", "svg",
    "iframe", "dialog", "menu",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


def attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else " ".join(value)


def has_class(tag: Tag, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(token.lower()) for token in tag.get_attribute_list("class"))


def node_text(node: PageElement, *, breaks: bool = False,
               exclude: frozenset[str] = frozenset()) -> str:
    """The text of a node; ``breaks`` keeps ``<br>`` and block boundaries as line breaks."""
    parts: list[str] = []

    def visit(element: PageElement) -> None:
        if isinstance(element, NavigableString):
            if not isinstance(element, PreformattedString):  # comments, doctype, CDATA
                text = str(element)
                # a line break in the source is white space: only <br> and blocks break lines
                parts.append(text.replace("\r", " ").replace("\n", " ") if breaks else text)
        elif isinstance(element, Tag) and element.name not in exclude:
            if element.name == "br":
                parts.append("\n" if breaks else " ")
                return
            block = element.name in BLOCK_TAGS
            if block:
                parts.append("\n" if breaks else " ")
            for child in element.children:
                visit(child)
            if block:
                parts.append("\n" if breaks else " ")

    visit(node)
    return "".join(parts)


def text_lines(node: PageElement) -> list[str]:
    return [line for line in (clean(part) for part in node_text(node, breaks=True).split("\n"))
            if line]


def has_block_child(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCK_TAGS for d in tag.descendants)


def holders_of(root: Tag, names: Iterable[str]) -> set[int]:
    """The ids of the elements under ``root`` (and ``root``) that hold an element named in
    ``names`` below them, found in one walk up from each (stopping where an earlier walk went)."""
    holding: set[int] = set()
    for found in tags(root.find_all(list(names))):
        for parent in found.parents:
            if id(parent) in holding:
                break
            holding.add(id(parent))
            if parent is root:
                break
    return holding


def inside(tag: Tag, names: frozenset[str]) -> bool:
    return any(parent.name in names for parent in tag.parents)


def block_of(tag: Tag) -> Tag:
    """The nearest block-level element holding ``tag`` (``tag`` itself if it is one)."""
    current = tag
    while current.name not in BLOCK_TAGS and isinstance(current.parent, Tag) \
            and current.parent.name != "[document]":
        current = current.parent
    return current


def tags(found: Iterable[Any]) -> list[Tag]:
    return [item for item in found if isinstance(item, Tag)]


def consume_block(tag: Tag, text: str, consumed: set[int]) -> None:
    """Leave out the block holding ``tag`` when it holds nothing but ``text``-like metadata."""
    block = block_of(tag)
    if not has_block_child(block) and len(clean(node_text(block))) <= max(len(text),
                                                                             MAX_DATE_LINE):
        consumed.add(id(block))
    else:
        consumed.add(id(tag))


def check_tree(soup: BeautifulSoup, path: Path) -> None:
    """Refuse a tree deeper than ``MAX_DEPTH`` or larger than ``MAX_ELEMENTS`` elements (walked
    without recursion), naming the line where it went over."""
    depths: dict[int, int] = {}
    count = 0
    for element in soup.descendants:
        if not isinstance(element, Tag):
            continue
        count += 1
        depth = depths.get(id(element.parent), 0) + 1
        depths[id(element)] = depth
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            what = (f"nested more than {MAX_DEPTH} elements deep (unclosed tags?)"
                    if depth > MAX_DEPTH else f"more than {MAX_ELEMENTS:,} elements")
            raise SourceError(f"the page is {what}: not read as a news page", path=path,
                              location=f"line {element.sourceline or 1}")

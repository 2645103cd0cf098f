"""The publication date and change stamp of a saved HTML page.

In order: a ``<time>`` (the one the page calls "Publicerad" first), a date line ("Publisert:
12. oktober 2021", its stamp word and date perhaps in separate elements), the date the page
states for machines (:mod:`datarelease.extract.stamps`), and last a date alone near the title. A
change stamp ("Uppdaterad", "Sist oppdatert", "Päivitetty") is ``modified``; one on the
publication day is no change.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from datarelease.errors import SourceError
from datarelease.extract.blocks import clean
from datarelease.extract.dates import parse_date, try_parse_date
from datarelease.extract.dom import (
    BLOCK_TAGS,
    MAX_DATE_LINE,
    SKIP_TAGS,
    attr,
    block_of,
    consume_block,
    has_block_child,
    inside,
    node_text,
    tags,
    text_lines,
)
from datarelease.extract.metadata import change_stamp, dated_line
from datarelease.extract.stamps import MachineDates
from datarelease.extract.vocabulary import DATE_LINE, MODIFIED_ANYWHERE, MODIFIED_LINE
from datarelease.extract.vocabulary import STAMP_WORD as _STAMP_WORD

__all__ = ["html_date"]

_BARE_DATE_BLOCKS = 6  # a date with no stamp word is the publication date only this near the top
# schema.org microdata: an element that shows a date to readers and states it for machines
_PUBLISHED_PROPS = frozenset({"datepublished", "datecreated"})
_MODIFIED_PROPS = frozenset({"datemodified"})


def _date_prop(tag: Tag) -> str:
    return (attr(tag, "itemprop") or "").strip().lower()


def _shows_a_date(tag: Tag) -> bool:
    """A <time>, or an element with a microdata date and text of its own (read like a <time>,
    so its text, often a weekday or an abbreviated date, does not stay in the article)."""
    if tag.name == "time":
        return True
    return (tag.name != "meta" and _date_prop(tag) in _PUBLISHED_PROPS | _MODIFIED_PROPS
            and bool(clean(node_text(tag))))


def _text_before(tag: Tag) -> str:
    """The text of ``tag``'s block up to ``tag``: the words that say what a <time> is."""
    parts: list[str] = []
    for node in block_of(tag).descendants:
        if node is tag:
            break
        if isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    return clean("".join(parts))


def _is_change_stamp(tag: Tag) -> bool:
    """``tag`` says it is the change date (microdata), or the last stamp word before it is a
    change word ("uppdaterad"), not "publicerad"."""
    prop = _date_prop(tag)
    if prop:
        return prop in _MODIFIED_PROPS
    before = _text_before(tag).lower()
    changed = [m.start() for m in _STAMP_WORD.finditer(before) if m["modified"]]
    published = [m.start() for m in _STAMP_WORD.finditer(before) if m["published"]]
    return bool(changed) and (not published or max(changed) > max(published))


def _time_value(time: Tag) -> str:
    """What a <time> says: its ``datetime`` (microdata: ``content``), else its text without a
    stamp word that a page put inside the tag (``<time>Publiceret 5. maj 2027</time>``)."""
    attribute = (attr(time, "datetime") or attr(time, "content") or "").strip()
    if attribute:
        return attribute
    text = clean(node_text(time))
    line = DATE_LINE.search(text)
    return line["value"] if line is not None and line["value"] else text


def html_date(soup: BeautifulSoup, root: Tag, path: Path, consumed: set[int],
              stated: MachineDates, title: Tag | None = None
              ) -> tuple[datetime.date, datetime.date | None]:
    """The publication date and the change stamp (None when the page shows none): a <time>, a
    date line, else what the page states for machines, else a date alone near the title. Dates
    in another <article> or an <aside> than the title's (teasers of related pages) are not
    the page's."""
    outside = SKIP_TAGS - {"header"}
    own = _Own(title)
    published, modified = _visible_date(soup, path, consumed, outside, own)
    if published is None and stated.published is not None:
        published = parse_date(stated.published, path, None)
        if modified is None and stated.modified is not None:
            modified = try_parse_date(stated.modified, path)
        shown = _bare_date_block(root, outside, path, own) or _date_beside(title, path)
        if shown is not None and shown[1] == published:  # the same date shown alone: no lede
            consume_block(shown[0], clean(node_text(shown[0])), consumed)
    if published is None:
        bare = _bare_date_block(root, outside, path, own)
        if bare is not None:
            consume_block(bare[0], clean(node_text(bare[0])), consumed)
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
        modified = _change_stamp_line(root, outside, path, consumed, own)
    return published, None if modified == published else modified


class _Own:
    """Whether an element belongs to the page's own article: not to another <article> or an
    <aside> than the ones holding the title."""

    def __init__(self, title: Tag | None) -> None:
        self._holding_title = {id(parent) for parent in title.parents} if title else set()

    def __call__(self, tag: Tag) -> bool:
        return not any(parent.name in ("article", "aside") and id(parent) not in self._holding_title
                       for parent in tag.parents)


def _visible_date(soup: BeautifulSoup, path: Path, consumed: set[int], outside: frozenset[str],
                  own: _Own) -> tuple[datetime.date | None, datetime.date | None]:
    """A <time> (the one the page calls "Publicerad" first), else a date line."""
    times = [t for t in tags(soup.find_all(_shows_a_date)) if not inside(t, outside) and own(t)]
    modified: datetime.date | None = None
    stamps = [t for t in times if _is_change_stamp(t)]
    for time in stamps:
        value = _time_value(time)
        modified = modified or try_parse_date(value, path)
        consume_block(time, clean(node_text(block_of(time))), consumed)
    times = [t for t in times if t not in stamps]
    times.sort(key=lambda t: not DATE_LINE.search(clean(node_text(block_of(t)))))
    for time in times:
        value = _time_value(time)
        if value:
            consume_block(time, clean(node_text(block_of(time))), consumed)
            return parse_date(value, path, time.sourceline), modified
    for string in soup.find_all(string=DATE_LINE):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        parent = string.parent
        if parent is None or inside(parent, outside) or parent.name in outside or not own(parent):
            continue
        found = _date_line_at(parent, path)
        alone = (_line_between_breaks(string)
                 if found is None and len(clean(str(string))) <= MAX_DATE_LINE else None)
        if alone is not None:
            published = parse_date(alone, path, parent.sourceline)
            string.extract()  # a line of its own in a longer block: it leaves the page
            return published, modified
        if found is not None:
            element, line, published = found
            stamp = MODIFIED_ANYWHERE.search(line)
            if modified is None and stamp is not None:
                modified = try_parse_date(stamp["value"], path)
            consumed.add(id(element))
            return published, modified
    return None, modified


def _line_between_breaks(string: NavigableString) -> str | None:
    """The date of a date line that is a text of its own between ``<br>``s or blocks in a longer
    block (an older CMS's table cell: "<h1>…</h1>Publicerad 14 januari 2031<br><br>Ingress …"),
    else None (a date inside a sentence, or beside inline text)."""
    match = DATE_LINE.fullmatch(clean(str(string)))
    if match is None or not match["value"]:
        return None
    for side in (_neighbour(string, forward=False), _neighbour(string, forward=True)):
        if side is not None and not (isinstance(side, Tag) and (side.name == "br"
                                                                 or side.name in BLOCK_TAGS)):
            return None
    return str(match["value"])


def _neighbour(node: PageElement, *, forward: bool) -> PageElement | None:
    """The nearest sibling that is not white space."""
    side = node.next_sibling if forward else node.previous_sibling
    while isinstance(side, NavigableString) and not clean(str(side)):
        side = side.next_sibling if forward else side.previous_sibling
    return side


def _date_line_at(parent: Tag, path: Path) -> tuple[Tag, str, datetime.date] | None:
    """The date line holding ``parent``'s text: its block, else ``parent`` alone when the block
    is longer (spans in a line of metadata), else a stamp word with its date in the next element
    (``<dt>Publisert</dt><dd>12.10.2021</dd>``). The element to leave out, its line, the date."""
    block = block_of(parent)
    for element in dict.fromkeys((block, parent)):
        line = clean(node_text(element))
        match = DATE_LINE.fullmatch(line) or DATE_LINE.search(line)
        if match is None or len(line) > MAX_DATE_LINE:
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
    found = try_parse_date(clean(node_text(following)), path)
    if found is not None:
        following.decompose()
    return found


def _change_stamp_line(root: Tag, outside: frozenset[str], path: Path,
                       consumed: set[int], own: _Own) -> datetime.date | None:
    """A change stamp in an element of its own ("<span>Päivitetty 8.10.2021</span>"), or a change
    word alone with its date in the next element ("<dt>Sist oppdatert</dt><dd>…</dd>")."""
    for string in root.find_all(string=MODIFIED_LINE):
        parent = string.parent
        if (not isinstance(parent, Tag) or inside(parent, outside) or has_block_child(parent)
                or not own(parent)):
            continue
        line = clean(node_text(parent))
        if parent.find("br") is not None:  # "Tulosta | Lähetä sivu<br>Sivua päivitetty 10.4.2031"
            line = next((one for one in text_lines(parent) if MODIFIED_LINE.fullmatch(one)), line)
        stamp = MODIFIED_LINE.fullmatch(line)
        if len(line) > MAX_DATE_LINE:
            continue
        if stamp is None:  # "Af Mette Jensen · Opdateret 5. maj 2031"
            value = change_stamp(line, path)
        else:
            value = (try_parse_date(stamp["value"], path) if stamp["value"]
                     else _next_value(parent, path))
        if value is not None:
            consume_block(parent, line, consumed)
            return value
    return None


def _date_beside(title: Tag | None, path: Path) -> tuple[Tag, datetime.date] | None:
    """A date alone in the element right before or after the title's
    (``<div class="newsdate">17.11.2026</div><h1>…``)."""
    if title is None:
        return None
    for element in (title.find_previous_sibling(), title.find_next_sibling()):
        if isinstance(element, Tag) and not has_block_child(element):
            found = dated_line(node_text(element), path)
            if found is not None and not found[1]:
                return element, found[0]
    return None


def _bare_date_block(root: Tag, outside: frozenset[str], path: Path, own: _Own
                     ) -> tuple[Tag, datetime.date] | None:
    """The first of the article's first few texts that is a date and nothing else (perhaps
    after a plain "Dato:" label) or a line of metadata holding one ("Nyhet | 12. oktober 2021"),
    with the element holding it."""
    seen = 0
    for string in root.find_all(string=True):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        parent = string.parent
        if not clean(str(string)) or parent is None or inside(parent, outside) or not own(parent):
            continue
        found = dated_line(node_text(parent), path)
        if found is not None and not has_block_child(parent):
            return parent, found[0]
        seen += 1
        if seen >= _BARE_DATE_BLOCKS:
            return None
    return None

"""The dates a saved HTML page states for machines: ``<meta>``, ``itemprop`` and JSON-LD.

A page whose article shows no dated line still says when it was published to search engines:
``<meta property="article:published_time">`` (Open Graph), ``<meta name="dcterms.issued">``
(Dublin Core), ``itemprop="datePublished"`` (schema.org microdata) or ``"datePublished"`` in a
JSON-LD script. The HTML reader falls back on these only where the visible page gives no date.
The values are ISO 8601; the date is taken as written (a time and offset after it are ignored).
JSON-LD is untrusted text: each script is read only up to ``_MAX_JSON_LD`` characters and
searched only ``_MAX_DEPTH`` levels deep.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag

__all__ = ["MachineDates", "machine_dates"]

_PUBLISHED_META = frozenset({
    "article:published_time", "og:article:published_time", "datepublished", "dcterms.issued",
    "dcterms.date", "dc.date.issued", "dc.date", "date", "pubdate", "publish-date",
    "dc.date.created", "dcterms.created",
    "publication_date", "publishdate",
})
_MODIFIED_META = frozenset({
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "dc.date.modified", "last-modified",
})
_MAX_JSON_LD = 1_000_000
_MAX_DEPTH = 8


@dataclass(frozen=True)
class MachineDates:
    """ISO 8601 strings as the page gives them, or None."""

    published: str | None = None
    modified: str | None = None


def machine_dates(soup: BeautifulSoup) -> MachineDates:
    """The first publication and change dates the page states for machines (before its scripts
    are dropped: JSON-LD lives in one)."""
    published: str | None = None
    modified: str | None = None
    for kind, value in _stated(soup):
        if kind == "published" and published is None:
            published = value
        elif kind == "modified" and modified is None:
            modified = value
    return MachineDates(published, modified)


def _stated(soup: BeautifulSoup) -> Iterator[tuple[str, str]]:
    for tag in soup.find_all(["meta", "time", "span", "div", "p", "script"]):
        if not isinstance(tag, Tag):
            continue
        if tag.name == "script":
            if str(tag.get("type", "")).strip().lower() == "application/ld+json":
                yield from _json_ld(tag.get_text())
            continue
        name = _string(tag.get("property") or tag.get("name") or tag.get("itemprop")).lower()
        value = _string(tag.get("content") or tag.get("datetime")).strip()
        if not value and tag.name != "meta" and name in ("datepublished", "datemodified"):
            value = tag.get_text().strip()
        if value and name in _PUBLISHED_META:
            yield "published", value
        elif value and name in _MODIFIED_META:
            yield "modified", value


def _json_ld(text: str) -> Iterator[tuple[str, str]]:
    if len(text) > _MAX_JSON_LD:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    yield from _json_dates(data, 0)


def _json_dates(node: Any, depth: int) -> Iterator[tuple[str, str]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, dict):
        for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
            if isinstance(node.get(key), str):
                yield kind, node[key].strip()
        children: list[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return
    for child in children:
        yield from _json_dates(child, depth + 1)


def _string(value: Any) -> str:
    if isinstance(value, list):  # bs4 gives multi-valued attributes as lists
        return " ".join(str(item) for item in value)
    return "" if value is None else str(value)

"""The plain, frozen record every reader returns, and its JSON-ready form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

__all__ = ["Contact", "Link", "Record", "Section", "record_to_dict"]


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
    modified: datetime.date | None = None  # the page's "Uppdaterad"/"Oppdatert" stamp, if any



def record_to_dict(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of the record (dates as ``YYYY-MM-DD``, tuples as lists)."""
    return {
        "title": record.title,
        "published": record.published.isoformat(),
        "modified": record.modified.isoformat() if record.modified else None,
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


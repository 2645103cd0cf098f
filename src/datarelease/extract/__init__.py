"""One source document → one structured :class:`Record`.

A source is a news page as published: the plain-text export of the page (``.txt``) or the saved
HTML page (``.html``), in Swedish (from Sweden or Finland), Norwegian (bokmål or nynorsk), Danish
or Finnish. :func:`read_source` picks the reader by suffix, else by content, and both readers
return the same plain, frozen :class:`Record`:

* :mod:`~datarelease.extract.decode` turns bytes into text (UTF-8, else a legacy encoding);
* :mod:`~datarelease.extract.text` and :mod:`~datarelease.extract.html` are the two readers;
* :mod:`~datarelease.extract.vocabulary` holds each language's words as data (months, date-line
  words, content labels, contact headings, page chrome); :mod:`~datarelease.extract.dates` and
  :mod:`~datarelease.extract.language` read dates and decide the language from the text;
* :mod:`~datarelease.extract.blocks` holds what both readers share.

Every failure is a :class:`~datarelease.errors.SourceError` naming the file and the line. A
source larger than :data:`MAX_SOURCE_BYTES` (10 MB) is refused before it is read.
"""

from __future__ import annotations

from pathlib import Path

from datarelease.extract.decode import MAX_SOURCE_BYTES, decode_source, read_bytes
from datarelease.extract.html import read_html
from datarelease.extract.record import Contact, Link, Record, Section, record_to_dict
from datarelease.extract.text import read_text

__all__ = [
    "MAX_SOURCE_BYTES",
    "Contact",
    "Link",
    "Record",
    "Section",
    "decode_source",
    "read_source",
    "read_source_bytes",
    "read_text_source",
    "record_to_dict",
]

_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def read_source_bytes(path: Path) -> bytes:
    """A source document's bytes, at most :data:`MAX_SOURCE_BYTES` (else a SourceError)."""
    return read_bytes(path)


def read_text_source(path: Path) -> str:
    """The decoded text of a source document, as used to check evidence quotes."""
    return decode_source(read_bytes(path), path)


def read_source(path: Path) -> Record:
    """Read one source document (text export or HTML page) into a :class:`Record`."""
    text = read_text_source(path)
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return read_text(text, path)
    if suffix in _HTML_SUFFIXES:
        return read_html(text, path)
    if text.lstrip().startswith("<") or "<html" in text.lower():
        return read_html(text, path)
    return read_text(text, path)

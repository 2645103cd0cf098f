"""Principles given as headed paragraphs: a sentence that introduces the document's principles
("Strategin vilar på tre kärnvärden:", "Strategien har fire bærende prinsipper."), then each
principle as a block of its own — a sub-heading (h2–h4), a bold line, a short line of a text
export or a table's first cell (after a header row "Prinsipp | Hva det betyr") — followed by a
paragraph (or cell) that explains it:

    Strategin vilar på tre kärnvärden:
    Öppenhet
    Kommunerna ska dela sina data …
    Tillit
    Staten ska lita på …

The phrases are the principles. The structure is the cue, so it is strict: the phrase blocks
and the text blocks alternate, each phrase is short (one to seven words, no full stop after more
than three, no figure, no question, no document or list word), each text block sentences of
four words or more. A
count in the introduction must match the pairs (sections past the count are left out, as under
a counting heading); with no count the introduction ends in ":" and there are two pairs or
more. The introduction is judged as prose principles are (:func:`prose._prose_target`): not
someone's demands, findings or views, not another body's, not a question, not negated ("Detta
är inte strategins principer").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import Document, _document_words
from datarelease.draft.principles import (
    NEGATION,
    NOT_PRINCIPLE,
    OTHER_LIST,
    _principle_word,
    _stated_count,
    append_principles,
)
from datarelease.draft.prose import _prose_target
from datarelease.draft.text import OrganisationFinder, blocks, split_sentences
from datarelease.extract import Record

_PHRASE_WORDS = 7
_TABLE_PHRASE_WORDS = 12  # a principle in a table's first column under a "Prinsipp" header
_NUMBERING = re.compile(r"^(?:\d{1,2}|[A-Ha-h])[.)]\s+")  # a numbered heading's number
_MAX_PAIRS = 8
_NAMED_NUMBER = re.compile(r"^(?P<word>[^\W\d_]+)\s+\d{1,2}\s*[:.–—-]\s+")
# headings that close a group rather than add a principle to it: contacts, related pages,
# what happens next, "Om SKR"
_CLOSING = re.compile(r"(?<!\w)(?:läs\s+mer|les\s+mer|læs\s+mere|lue\s+lisää|"
                      r"mer\s+information|lisätietoja|yhteystied|vidare|videre|framåt|fremover|"
                      r"nästa|neste|næste|seuraava|jatko|vad\s+händer|hva\s+skjer|kva\s+skjer|"
                      r"hvad\s+sker|mitä\s+seuraavaksi)(?!\w)|(?<!\w)kontakt\w*|^om\s+\S+$",  # "Om SKR"
                      re.IGNORECASE)


def _phrase(block: str, max_words: int = _PHRASE_WORDS) -> str | None:
    """The block as a principle phrase, or None: one short phrase (a full stop only after three words or
    fewer), capitalised, no figure, question, quote, colon at its end, document word,
    principle word or cue for another list."""
    text = _NUMBERING.sub("", block.strip())  # "1. Melu torjutaan ensin sen lähteellä"
    numbered = _NAMED_NUMBER.match(text)  # "Princip 1: Öppenhet", "Periaate 2. Avoimuus"
    if numbered is not None and _principle_word(numbered["word"]) is not None:
        text = text[numbered.end():]
        max_words = max(max_words, _TABLE_PHRASE_WORDS)  # "Utgångspunkt 1: Det ska gå att bo …"
    words = len(text.split())
    if len(split_sentences(text)) != 1 or not 1 <= words <= max_words \
            or (text.endswith(".") and words > 3):
        return None  # a sentence of its own, not a phrase
    if (not text[:1].isupper() or re.search(r"\d|[?:;,]$|[\"”»«„]", text)
            or _document_words(text) or _principle_word(text) is not None
            or NOT_PRINCIPLE.match(text) or _names_another_list(text) or _CLOSING.search(text)):
        # (a cue for another list only as the phrase's head: "Hjælp, før problemerne vokser")
        return None
    return text.rstrip(" .!")


def _names_another_list(text: str) -> bool:
    """A word that ends in a cue for another kind of list ("delmål", "tiltak"), not one that
    only starts with it ("Erfaringane skal målast og delast")."""
    return any(found.end() == len(text) or not text[found.end()].isalpha()
               for found in OTHER_LIST.finditer(text))


def _explains(block: str) -> bool:
    """A text block under a phrase: sentences of four words or more, ended by a full stop."""
    text = block.strip()
    return len(text.split()) >= 4 and text.endswith((".", "!"))


def _pairs(page: Sequence[str], start: int, limit: int,
           max_words: int = _PHRASE_WORDS) -> list[tuple[str, str]]:
    """The (phrase block, phrase) of the alternating phrase and text blocks from ``start``
    (a table's first cells may be sentence-long: ``max_words``)."""
    found: list[tuple[str, str]] = []
    index = start
    while len(found) < limit and index + 1 < len(page):
        phrase = _phrase(page[index], max_words)
        if phrase is None or not _explains(page[index + 1]) or _phrase(page[index + 1]):
            break
        found.append((page[index].strip(), phrase))
        index += 2
    return found


def _table_header(page: Sequence[str], start: int) -> int:
    """The blocks of a table's header row before the principles and what they mean
    ("Prinsipp | Hva det betyr", "Periaate | Mitä se tarkoittaa"): two short cells, the first a
    principle word; 0 when there is none."""
    if start + 1 >= len(page):
        return 0
    first, second = page[start].strip(), page[start + 1].strip()
    return 2 if (len(first.split()) <= 2 and _principle_word(first) is not None
                 and len(second.split()) <= 5 and not second.endswith(".")) else 0


def headed_principles(record: Record, source_text: str, documents: Sequence[Document],
                      finder: OrganisationFinder) -> None:
    """Give a document with no principles yet the phrases of headed paragraphs its introduction
    names as its principles (see the module)."""
    page = blocks(record)
    for index, block in enumerate(page[:-1]):
        parts = split_sentences(block)
        intro = parts[-1] if parts else ""
        if _principle_word(intro) is None or intro.endswith("?") or NEGATION.search(intro):
            continue
        stated = _stated_count(intro, record.language)
        if stated is None and not intro.endswith(":"):
            continue
        header = _table_header(page, index + 1)
        start = index + 1 + header
        pairs = _pairs(page, start, stated if stated is not None else _MAX_PAIRS,
                       _TABLE_PHRASE_WORDS if header else _PHRASE_WORDS)
        if len(pairs) < 2 or (stated is not None and len(pairs) != stated):
            continue
        target = _prose_target(intro, len(pairs), record.language, documents, finder)
        if target is None or target.principles:
            continue
        append_principles(target, [quoted for quoted, _ in pairs], source_text, "heading",
                          f"a headed paragraph after '{intro}'",
                          texts=[phrase for _, phrase in pairs])


__all__ = ["headed_principles"]

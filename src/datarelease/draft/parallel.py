"""Principles as a group of parallel blocks after an introduction: one rule for the shapes the
list, headed and prose rules each take in one form only, applied to a document that has no
principles from them.

The introduction is the last sentence of a block (a paragraph, heading or list item) that names
principles (a principle word, not negated, not in a question, not a pointer to related pages)
and is a heading, ends in ":" or counts them ("Strategin vilar på fyra vägval som styr …"). It
is judged as prose principles are (:func:`prose._prose_target`): not someone's demands,
findings, views or recommendations, not another body's document or principles another owner
has ("Kommunernas principer"), not words about the principles ("Dette sier kommunene om
prinsippene:", "Udspillets principper blev drøftet på tre møder:"), no cue for another kind of
list (measures, goals, questions). The blocks after it form a group when they are
*parallel*, all of one block kind (paragraph, heading, list item) and one shape (list items only
as lead phrases: a list's statements and phrases are :mod:`~datarelease.draft.principles`'s):

* **lead** — a short phrase, then ":", a dash or a full stop, then text ("Tillit: Kommunene
  skal …", "Åpenhet – alle vedtak …"): the phrases are the principles;
* **statement** — one sentence each, of three to thirty words, capitalised, ended by "." or "!"
  (a text export's or a page's lines after a colon, numbered paragraphs "1) …"): the sentences;
* **phrase** — a short phrase each with no text between ("Öppenhet", "Tillit", …): the phrases;
* **headed** — a short phrase (a sub-heading or bold line), then one to three paragraphs or
  list items that explain it, again and again: the phrases.

The group ends where the run of that shape ends; a count in the introduction must equal the
group's size (a headed group stops at the count, as the text under the last phrase may go on).
A statement run also ends at a block that names an organisation or a document, quotes someone,
points back with a pronoun or gives a figure: the article has moved on.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence

from datarelease.draft.facts import Document, _document_words
from datarelease.draft.headed import _CLOSING, _explains, _phrase
from datarelease.draft.namedroles import PLACES
from datarelease.draft.principles import (
    NOT_PRINCIPLE,
    OTHER_LIST,
    _principle_word,
    _stated_count,
    append_principles,
)
from datarelease.draft.prose import _prose_target, _speaks
from datarelease.draft.text import OrganisationFinder, blocks, quote, split_sentences
from datarelease.extract import Record

_MAX_ITEMS = 10
_NUMBERING = re.compile(r"^(?:\d{1,2}|[A-Ha-h])[.)]\s+")
# "Tillit: …", "Åpenhet – …", "Tillit. …": a lead phrase of one to six words and its separator
_LEAD = re.compile(r"^(?P<lead>[^\W\d_][^:.!?–—\d]{0,60}?)(?P<sep>[:.]\s+|\s+[–—-]\s+)(?P<rest>\S)")
_LEAD_WORDS = {":": 6, "–": 6, ".": 3}
_QUOTE = re.compile(r"^[–—-]\s|[\"”»«„]|\?")
_BACK_REFERENCE = re.compile(r"^(?:de|dei|dem|den|det|denne|dette|disse|dessa|desse|ne|nämä|"
                             r"niistä|se|tämä|vi|me)(?!\w)", re.IGNORECASE)


# an introduction to related pages, not to the document's principles
_RELATED = re.compile(r"(?<!\w)(?:läs\s+mer|les\s+mer|les\s+meir|læs\s+mere|lue\s+lisää|"
                      r"se\s+även|se\s+också|se\s+også|katso\s+myös|lisää\s+aiheesta|"
                      r"relater\w*|liittyv\w*)(?!\w)", re.IGNORECASE)

# recommending to others: "Kuntaliitto suosittaa kunnille seuraavaa:", "KL anbefaler, at …"
_RECOMMENDS = re.compile(r"(?<!\w)(?:rekommender|anbefal|tilrå|suosit)\w*", re.IGNORECASE)


def _other_list(intro: str) -> bool:
    """A cue for another kind of list anywhere in the introduction but in a document's name
    ("Strategian painopisteitä toteutetaan seuraavilla toimenpiteillä:" lists measures)."""
    names = [m.span() for m, _ in _document_words(intro)]
    return any(not any(a <= m.start() < b for a, b in names) for m in OTHER_LIST.finditer(intro))


# "Kommunernas principer", "Kuntien periaatteet": a genitive owner right before the principle
# word (Scandinavian "-s", "SKR:s", "KS'", Finnish plural "-ien"/"-jen", "KL:n"); the
# document's own ("Strategins", "Ohjelman") or a possessive pronoun ("dess") is no other owner
_GENITIVE = re.compile(r"(?<!\w)(?P<owner>[^\W\d_]{2,}"
                       r"(?:[^s\W\d_]s|'s|’s|'|’|:s|:n|ien|jen))\s+"
                       r"(?:[^\W\d_]+\s+)?$")
_POSSESSIVE = re.compile(r"^(?:dess|dens|dets|deres|its)$", re.IGNORECASE)


def _owned_by_another(before: str) -> bool:
    """Whether the principles the introduction names belong to an owner other than a
    document: "Kommunernas principer" (not "Strategins principer", "Dess principer")."""
    match = _GENITIVE.search(before)
    return match is not None and not (_document_words(match["owner"])
                                      or _POSSESSIVE.match(match["owner"]))


def _owned_by_a_body(before: str, finder: OrganisationFinder) -> bool:
    """"Kuntaliiton periaatteet", "KS' prinsipper": a registry body right before the principle
    word (one word between at most) owns them, even the document's issuer."""
    return any(len(before[m.end:].split()) <= 1 for m in finder.mentions(before))


def _heading_like(block: str, kind: str) -> bool:
    """A heading, or a line of a text export that reads as one: a few words, no full stop."""
    text = block.strip()
    return kind == "heading" or (len(text.split()) <= 6 and not text.endswith((".", "!", "?", ":"))
                                 and len(split_sentences(text)) == 1)


def _kind(block: str, headings: frozenset[str], items: frozenset[str]) -> str:
    return "heading" if block in headings else "item" if block in items else "paragraph"


def _lead(block: str, bold: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """The lead phrase of "Tillit: Kommunene skal …" and its separator, or None. A lead ended
    by a full stop is three words at most, unless the page prints it in bold ("<strong>Drift
    är lika viktigt som nya sträckor.</strong> Vinterväghållningen …")."""
    text = _NUMBERING.sub("", block.strip())
    match = _LEAD.match(text)
    if match is None:
        return None
    lead, sep = match["lead"].strip(), match["sep"].strip()[:1].replace("-", "–").replace("—", "–")
    rest = text[match.start("rest"):]
    longest = _BOLD_LEAD_WORDS if sep == "." and _normal(lead) in bold else _LEAD_WORDS[sep]
    if (not 1 <= len(lead.split()) <= longest or not lead[:1].isupper()
            or len(rest.split()) < 3 or _QUOTE.search(lead) or _QUOTE.match(rest)
            or lead in PLACES or _FIRST_PERSON.match(rest)
            or "," in lead or _document_words(lead)
            or _principle_word(lead) is not None or NOT_PRINCIPLE.search(lead)
            or OTHER_LIST.search(lead) or _CLOSING.search(lead)):
        return None
    return lead, sep


_BOLD_LEAD_WORDS = 8
# "Bergen: Vi er fornøyd …": a place or body and what it says, not a principle and its meaning
_FIRST_PERSON = re.compile(r"(?:vi|me|meidän|vår|vårt|våre|våra|vores)(?!\w)", re.IGNORECASE)
_BOLD = re.compile(r"<(?:strong|b)(?:\s[^>]{0,200})?>(?P<text>[^<]{1,200})</(?:strong|b)>",
                   re.IGNORECASE)


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(" .:").casefold()


def _bold_texts(source_text: str) -> frozenset[str]:
    """What the page prints in bold, each as one normalised phrase (HTML pages only)."""
    return frozenset(_normal(html.unescape(m["text"])) for m in _BOLD.finditer(source_text))


def _statement(block: str) -> str | None:
    """The block as one statement ("Kommunerna ska dela sina data."), without its number and
    full stop, or None."""
    text = _NUMBERING.sub("", block.strip())
    words = len(text.split())
    if (len(split_sentences(text)) != 1 or not 3 <= words <= 30 or not text[:1].isupper()
            or not text.endswith((".", "!")) or _QUOTE.search(text)
            or _BACK_REFERENCE.match(text) or re.search(r"\d", text)
            or _principle_word(text) is not None):
        return None  # (a cue word such as "problem" inside a statement is the intro's to judge)
    return text.rstrip(" .!")


@functools.lru_cache(maxsize=4096)
def _short_phrase(block: str) -> str | None:
    return _phrase(block)  # cached: each block is read again for every introduction before it


Group = list[tuple[str, str]]  # (evidence block, principle text)


def _run(page: Sequence[str], start: int, kinds: Sequence[str],
         shape: Callable[[str], str | None], stop: Callable[[str], bool]) -> Group:
    found: Group = []
    index = start
    while index < len(page) and len(found) <= _MAX_ITEMS and kinds[index] == kinds[start]:
        text = shape(page[index])
        if text is None or stop(page[index]):
            break
        found.append((page[index].strip(), text))
        index += 1
    return found


def _lead_run(page: Sequence[str], start: int, kinds: Sequence[str],
              bold: frozenset[str]) -> Group:
    first = _lead(page[start], bold)
    if first is None:
        return []
    return _run(page, start, kinds,
                lambda b: (lead[0] if (lead := _lead(b, bold)) and lead[1] == first[1] else None),
                lambda _b: False)


def _sentences_of_next(page: Sequence[str], start: int, stated: int | None,
                       finder: OrganisationFinder) -> Group:
    """"Strategin bygger på fyra principer." and then a paragraph of exactly that many
    statements: one principle a sentence."""
    if stated is None or start >= len(page):
        return []
    parts = split_sentences(page[start])
    texts = [_statement(part) for part in parts]
    if len(parts) != stated or any(t is None for t in texts) \
            or any(_moves_on(finder)(part) for part in parts):
        return []
    return [(part, text) for part, text in zip(parts, texts, strict=True) if text is not None]


def _headed_run(page: Sequence[str], start: int, kinds: Sequence[str], limit: int) -> Group:
    """Phrase blocks of one kind, each over one to three paragraphs that explain it."""
    found: Group = []
    index = start
    while index < len(page) and len(found) < limit and kinds[index] == kinds[start]:
        phrase = _short_phrase(page[index])
        explained = 0
        while (phrase is not None and index + 1 + explained < len(page) and explained < 3
               and kinds[index + 1 + explained] != "heading"
               and _explains(page[index + 1 + explained])
               and _short_phrase(page[index + 1 + explained]) is None):
            explained += 1
        if phrase is None or explained == 0:
            break
        found.append((page[index].strip(), phrase))
        index += 1 + explained
    return found


def _moves_on(finder: OrganisationFinder) -> Callable[[str], bool]:
    def moves_on(block: str) -> bool:
        return bool(finder.mentions(block, we=True)) or bool(_document_words(block))
    return moves_on


def _groups(page: Sequence[str], start: int, kinds: Sequence[str], stated: int | None,
            finder: OrganisationFinder, bold: frozenset[str]) -> list[tuple[str, Group]]:
    """Every parallel group that could start at ``start``, by shape."""
    if start >= len(page):
        return []
    groups = [("lead", _lead_run(page, start, kinds, bold))]
    if kinds[start] == "item":
        return groups  # a list's statements and phrases are the list rules' to judge
    return [
        *groups,
        ("sentence", _sentences_of_next(page, start, stated, finder)),
        ("statement", _run(page, start, kinds, _statement, _moves_on(finder))),
        ("phrase", _run(page, start, kinds, _short_phrase, lambda _b: False)),
        ("headed", _headed_run(page, start, kinds, stated or _MAX_ITEMS)),
    ]


def _parallel(group: Group) -> bool:
    """Similar length: the longest item no more than four times the shortest, in words."""
    lengths = [len(text.split()) for _, text in group]
    return max(lengths) <= 4 * min(lengths)


def parallel_principles(record: Record, source_text: str, documents: Sequence[Document],
                        finder: OrganisationFinder) -> None:
    """Give a document with no principles yet the parallel group its introduction names as its
    principles (see the module)."""
    page = blocks(record)
    headings = frozenset(s.heading for s in record.sections if s.heading)
    items = frozenset(i for lst in record.lists for i in lst)
    kinds = [_kind(b, headings, items) for b in page]
    bold = _bold_texts(source_text) if record.format == "html" else frozenset()
    if all(d.principles for d in documents):
        return  # every document has its principles from the other rules
    for index, block in enumerate(page[:-1]):
        parts = split_sentences(block)
        intro = parts[-1] if parts else ""
        word = _principle_word(intro)
        if word is None or intro.endswith("?"):
            continue
        stated = _stated_count(intro, record.language)
        if stated is None and not intro.endswith(":") and not _heading_like(block, kinds[index]):
            continue  # a heading that names principles introduces what follows it
        fitting = [(shape, group)
                   for shape, group in _groups(page, index + 1, kinds, stated, finder, bold)
                   if 2 <= len(group) <= _MAX_ITEMS and stated in (None, len(group))
                   and _parallel(group)]
        if not fitting or _refused(intro, word, stated, finder):
            continue
        shape, group = fitting[0]
        target = _prose_target(intro, len(group), record.language, documents, finder)
        if target is None or target.principles:
            continue
        append_principles(target, [_quotable(quoted, text, source_text)
                                   for quoted, text in group], source_text, shape,
                          f"of a parallel group after '{intro}'",
                          texts=[text for _, text in group])


def _refused(intro: str, word: re.Match[str], stated: int | None,
             finder: OrganisationFinder) -> bool:
    """An introduction to related pages, to recommendations or another kind of list, to what
    someone says, to principles a body or another genitive owns, or one that speaks about the
    principles rather than introducing them."""
    before = intro[max(0, word.start() - 120):word.start()]
    return bool(_RELATED.search(intro) or _RECOMMENDS.search(intro) or _other_list(intro)
                or _speaks(intro) or _owned_by_another(before)
                or _owned_by_a_body(before, finder) or _about(intro, word, stated))


_TAIL_WORDS = 4
_ABOUT_BEFORE = re.compile(r"(?<!\w)(?:om|about)\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)
_ADJACENT_COUNT = re.compile(r"(?<!\w)(?:\d{1,2}|[^\W\d_]+)\s+(?:[^\W\d_]+\s+)?$")


def _about(intro: str, word: re.Match[str], stated: int | None) -> bool:
    """Whether the introduction speaks about principles instead of introducing them: "Dette
    sier kommunene om prinsippene:", "Periaatteista keskusteltiin …:" (the Finnish elative),
    "Udspillets principper blev drøftet på tre møder:" (the colon introduces something said
    of the principles, more than four words after them, and no count goes with the word)."""
    before = intro[max(0, word.start() - 60):word.start()]
    if _ABOUT_BEFORE.search(before) or word.group().casefold().endswith(("sta", "stä")):
        return True
    tail = intro[word.end():].rstrip(" :.").split()
    counted = stated is not None and (
        (adjacent := _ADJACENT_COUNT.search(before)) is not None
        and _stated_count(adjacent.group(), "sv") is not None)
    return len(tail) > _TAIL_WORDS and not counted


def _quotable(block: str, text: str, source_text: str) -> str:
    """The block as evidence, or, where markup splits it in the source ("<strong>Tillit:</strong>
    Kommunene …"), the principle's own phrase as the page prints it."""
    for candidate in (block, block[:block.find(text) + len(text) + 1].strip(), text):
        if quote(candidate, source_text) is not None:
            return candidate
    return block


__all__ = ["parallel_principles"]

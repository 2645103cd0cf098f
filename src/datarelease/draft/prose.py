"""Principles written as prose, not as a list: ordinal sentences ("Den nya lagen vilar på tre
grundtankar. För det första ska … För det andra ska …") and an enumeration inside one sentence
("Esityksen lähtökohtina ovat kunnan itsehallinto, asukkaiden yhdenvertaisuus ja …").

Ordinal sentences count when they run from "first" on, one a sentence, in one paragraph, and the
sentence before them introduces them: it names principles or states their number, names no one
who speaks and no document other than the one they are given to (the page's one document or
the first it names, when the sentence names none). An enumeration counts when a principle word
in the sentence's subject refers to a document (as for lists, :mod:`~datarelease.draft.principles`)
and a copula or a colon opens two or more short items without figures. A sentence that counts
principles and ends its paragraph with a colon may also be followed by that many paragraphs,
each opened by a short phrase of its own (bold, on the page): the phrases are the principles.
The one who states principles must be the document's issuer, or no one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from datarelease.draft.facts import Document, _document_words, _type_of, refers_to
from datarelease.draft.organisations import candidate_names
from datarelease.draft.principles import (
    NOT_PRINCIPLE,
    OTHER_LIST,
    PRINCIPLE_WORD,
    _principle_word,
    _stated_count,
    _word_target,
    append_principles,
)
from datarelease.draft.text import OrganisationFinder, Sentence, sentences
from datarelease.extract import Record

_ORDINALS = (
    ("för det första", "för det andra", "för det tredje", "för det fjärde", "för det femte"),
    ("for det første", "for det andre", "for det tredje", "for det fjerde", "for det femte"),
    ("for det fyrste", "for det andre", "for det tredje", "for det fjerde", "for det femte"),
    ("for det første", "for det andet", "for det tredje", "for det fjerde", "for det femte"),
    ("ensinnäkin", "toiseksi", "kolmanneksi", "neljänneksi", "viidenneksi"),
)


_ORDINAL_ADJECTIVES = (
    ("första", "andra", "tredje", "fjärde", "femte"),
    ("første", "andre", "tredje", "fjerde", "femte"),
    ("fyrste", "andre", "tredje", "fjerde", "femte"),
    ("første", "andet", "tredje", "fjerde", "femte"),
    ("første", "anden", "tredje", "fjerde", "femte"),
    ("ensimmäinen", "toinen", "kolmas", "neljäs", "viides"),
)
# "Første skridt i udspillet er at …", "Andra steget är att …": an ordinal step, joined by "is to"
_STEP_LEAD = re.compile(r"^(?P<ordinal>[^\W\d_]+)\s+(?P<noun>[^\W\d_]+)[^.:;]{0,40}?\s+"
                        r"(?:er|är|on),?\s+(?:at|att|että)\s+", re.IGNORECASE)
# "Den första är att …", "Det første prinsippet er at …", "Det første princip er, at …": an
# article or pronoun, the ordinal, the principle word or none, "is that"
# "Den första är kommunernas självstyre", "Ensimmäinen on …", "Toinen periaate on, että …":
# with or without "that"; Finnish has no article
_PRONOUN_LEAD = re.compile(r"^(?:(?:den|det|dei|de)\s+(?P<ordinal>[^\W\d_]+)"
                           r"(?:\s+(?P<noun>[^\W\d_]+))?\s+(?:er|är),?\s+(?:(?:at|att)\s+)?"
                           r"|(?P<fi>ensimmäinen|toinen|kolmas|neljäs|viides)"
                           r"(?:\s+(?P<fi_noun>[^\W\d_]+))?\s+on,?\s+(?:että\s+)?)",
                           re.IGNORECASE)


def _ordinal_step(text: str) -> tuple[int, int] | None:
    """The position an ordinal step opening ``text`` gives, and where its lead-in ends."""
    lead = _PRONOUN_LEAD.match(text)
    noun = (lead["noun"] or lead["fi_noun"]) if lead else None
    if lead is None or (noun and not PRINCIPLE_WORD.fullmatch(noun)):
        lead = _STEP_LEAD.match(text)
        if lead is None or not PRINCIPLE_WORD.fullmatch(lead["noun"]):
            return None
    ordinal = (lead["ordinal"] or lead.groupdict().get("fi") or "").casefold()
    for series in _ORDINAL_ADJECTIVES:
        if ordinal in series:
            return series.index(ordinal) + 1, lead.end()
    return None


def _ordinal(text: str) -> int | None:
    """The position an ordinal opening ``text`` gives ("För det andra" → 2, "Andet skridt er
    at" → 2), or None."""
    step = _ordinal_step(text)
    if step is not None:
        return step[0]
    lowered = text.casefold()
    for series in _ORDINALS:
        for position, opening in enumerate(series, start=1):
            if lowered.startswith(opening) and not lowered[len(opening):][:1].isalpha():
                return position
    return None


# Sequence words that open steps: "Först … Därefter … Sedan … Till sist …"
_FIRST = re.compile(r"(?:först|først|fyrst|ensin|ensiksi)(?![\w])(?!\s+och\s+främst|\s+og\s+fremmest)",
                    re.IGNORECASE)
# "Først og fremmest …", "Först och främst …", "Ennen kaikkea …": first of all, which opens a
# series only when the text closes it ("Dernæst … Endelig …") and counts it before
_FIRST_OF_ALL = re.compile(r"(?:först\s+och\s+främst|først\s+og\s+fremmest|fyrst\s+og\s+fremst|"
                           r"først\s+og\s+fremst|ennen\s+kaikkea|aivan\s+ensiksi)(?![\w])",
                           re.IGNORECASE)
_NEXT = re.compile(r"(?:därefter|sedan|därnäst|efter\s+det|deretter|derefter|dernæst|etterpå|"
                   r"så|sitten|seuraavaksi|tämän\s+jälkeen)(?![\w])(?!\s+\d)",  # "Sedan 2020"
                   re.IGNORECASE)
# "Og endelig …", "Och slutligen …", "Ja lopuksi …": the last step may be joined by "and"
_FINALLY = re.compile(r"(?:(?:og|och|ja)\s+)?(?:till\s+sist|slutligen|sist|til\s+sidst|til\s+slutt|"
                      r"endelig|lopuksi|viimeiseksi)(?![\w])", re.IGNORECASE)


def _step_run(page: Sequence[Sentence], index: int) -> list[Sentence]:
    """The sentences "Först …", "Därefter …", …, "Till sist …" from ``index`` in one block: the
    steps of a sequence, ended by its last step."""
    first_of_all = _FIRST_OF_ALL.match(page[index].text) is not None
    if not _FIRST.match(page[index].text) and not first_of_all:
        return []
    run = [page[index]]
    while index + len(run) < len(page) and page[index + len(run)].block == run[0].block:
        following = page[index + len(run)].text
        if _FINALLY.match(following):
            return [*run, page[index + len(run)]]
        if not _NEXT.match(following):
            break
        run.append(page[index + len(run)])
    return [] if first_of_all else run  # "first of all" with no last step is emphasis


def _ordinal_runs(page: Sequence[Sentence]) -> list[tuple[int, list[Sentence]]]:
    """Each run of sentences "first, second, …" in one block, with the index of the sentence
    before it."""
    runs: list[tuple[int, list[Sentence]]] = []
    index = 0
    while index < len(page):
        steps = _step_run(page, index)
        if len(steps) >= 3:
            runs.append((index - 1, steps))
            index += len(steps)
            continue
        if _ordinal(page[index].text) != 1:
            index += 1
            continue
        run = [page[index]]
        while (index + len(run) < len(page) and page[index + len(run)].block == run[0].block
               and _ordinal(page[index + len(run)].text) == len(run) + 1):
            run.append(page[index + len(run)])
        if (len(run) >= 2 and index + len(run) < len(page)
                and page[index + len(run)].block == run[0].block
                and _FINALLY.match(page[index + len(run)].text)):
            run.append(page[index + len(run)])  # "For det andre … Til slutt …"
        if len(run) >= 2:
            runs.append((index - 1, run))
        index += len(run)
    return runs


def _prose_target(intro: str, count: int, language: str, documents: Sequence[Document],
                  finder: OrganisationFinder) -> Document | None:
    word = _principle_word(intro)
    # "Suosituksen periaatteet …": what the document is called is no cue for another list
    # once a principle word names the list
    names = [m.span() for m, _ in _document_words(intro)] if word is not None else []
    other = next((m for m in OTHER_LIST.finditer(intro)
                  if not any(a <= m.start() < b for a, b in names)), None)
    speakers = finder.mentions(intro, we=True)
    if not documents or (speakers and word is None) or NOT_PRINCIPLE.search(intro) \
            or (other is not None and (word is None or other.start() < word.start())):
        return None  # someone's demands or views, findings, a programme ("… in all the
        # strategy's initiatives" after "Three principles" is no programme)
    stated = _stated_count(intro, language)
    if stated != count and word is None:
        return None  # the sentence before does not introduce these sentences
    named = [d for d in documents if refers_to(intro, d, documents)]
    target = named[0] if len(named) == 1 else (
        documents[0] if not named and _type_of(intro) is None else None)
    # "Den nya lagen vilar på …": the page's (first) document; "Regjeringen legger tre
    # prinsipper til grunn …": the principles its issuer states, not anyone else's
    if target is None or any(m.org_id != target.issuer for m in speakers):
        return None
    if word is not None and any(not finder.mentions(name)
                                for name in candidate_names(intro[:word.start()])):
        return None  # "Fagforbundet legg tre prinsipp til grunn …": a body not in the registry
    return target


def _sequence_word(text: str) -> int | None:
    """Where a sequence word opening ``text`` ("Först", "Først og fremmest", "Dernæst",
    "Endelig", "Lopuksi") ends, or None."""
    for pattern in (_FIRST_OF_ALL, _FIRST, _NEXT, _FINALLY):
        match = pattern.match(text)
        if match is not None:
            return match.end()
    return None


def _without_ordinal_word(text: str) -> str:
    end = _sequence_word(text) or 0
    return _JOIN.sub("", text[end:].lstrip(" ,")).rstrip(" .") or text


# "er at"/"är att" after an ordinal lead-in only joins it to the principle
_JOIN = re.compile(r"^(?:er|är|on)\s+(?:at|att|että)\s+", re.IGNORECASE)


def _without_ordinal(text: str) -> str:
    """The principle an ordinal sentence states, without its ordinal lead-in and full stop:
    "För det första ska kommunerna …" → "ska kommunerna …" (the evidence keeps the sentence)."""
    step = _ordinal_step(text)
    if step is not None:
        return text[step[1]:].rstrip(" .") or text
    position = _ordinal(text)
    if position is None:
        # "Dernæst skal …" → "skal …"
        return _without_ordinal_word(text) if _sequence_word(text) is not None else text
    lowered = text.casefold()
    opening = next(o for series in _ORDINALS for o in series[position - 1:position]
                   if lowered.startswith(o))
    rest = _JOIN.sub("", text[len(opening):].lstrip(" ,"))
    return rest.rstrip(" .") or text


def _ordinal_principles(record: Record, source_text: str, documents: Sequence[Document],
                        finder: OrganisationFinder) -> None:
    page = sentences(record)
    for before, run in _ordinal_runs(page):
        if before < 0 or page[before].block != run[0].block:
            if _ordinal_step(run[0].text) is None:
                continue
            before = -1  # "Første skridt i udspillet er at …" introduces itself
        intro = page[before].text if before >= 0 else run[0].text
        if _sequence_word(run[0].text) and _principle_word(intro) is None and not (
                _FIRST_OF_ALL.match(run[0].text) and _FINALLY.match(run[-1].text)
                and _stated_count(intro, record.language) == len(run)):
            continue  # steps need a word for them before ("i fyra steg"; "Planen prövas i
            # tre kommuner. Först ut är …" is a chronology), or a series of ideas — "first of
            # all" to "finally" — that the sentence before counts ("Udspillet har tre
            # bærende tanker. Først og fremmest … Dernæst … Endelig …")
        target = _prose_target(intro, len(run), record.language, documents, finder)
        if target is None or target.principles:
            continue
        # plain steps keep their sequence words ("Först kartläggs …", the verb second);
        # ordinals and "first of all … finally" are lead-ins, left out of the text
        steps = _FIRST.match(run[0].text) is not None and not _FIRST_OF_ALL.match(run[0].text)
        append_principles(target, [s.text for s in run], source_text, "sentence",
                          f"counted in prose ('{intro}')",
                          texts=[s.text if steps else _without_ordinal(s.text) for s in run])


# a sentence opened by a pronoun speaks of something named before
_BACK_REFERENCE = re.compile(r"^(?:de|dei|dem|den|det|denne|dette|disse|dessa|desse|ne|nämä|"
                             r"niistä|se|tämä)(?!\w)", re.IGNORECASE)
_SPOKEN = re.compile(r"^[–—-]|[?]$|[\"”»]")  # a quote, a question


def _counted_sentences(record: Record, source_text: str, documents: Sequence[Document],
                       finder: OrganisationFinder) -> None:
    """"Strategien bygger på tre prinsipper. Kommunene skal … Staten skal … Innbyggerne skal
    …": a sentence that names principles and counts them, followed in its paragraph by exactly
    that many sentences and no more, each a statement of its own (no quote, no question, no
    one speaking, no figure)."""
    page = sentences(record)
    for index, intro in enumerate(page):
        stated = _stated_count(intro.text, record.language)
        if stated is None or not 2 <= stated <= 6 or _principle_word(intro.text) is None \
                or intro.text.rstrip().endswith(":"):
            continue
        run = page[index + 1:index + 1 + stated]
        after = index + 1 + stated
        if len(run) != stated or any(s.block != intro.block for s in run) \
                or (after < len(page) and page[after].block == intro.block) \
                or (index > 0 and page[index - 1].block == intro.block
                    and _ordinal(page[index - 1].text) is not None):
            continue  # the paragraph goes on: which sentences are the principles is unclear
        if any(_ordinal(s.text) is not None or _sequence_word(s.text) is not None
               for s in run):
            continue  # ordinals are the ordinal rule's, in their order or not at all
        if any(_BACK_REFERENCE.match(s.text) or _principle_word(s.text) for s in run):
            continue  # "De ble vedtatt i fjor.", "Prinsippene er beskrevet …": about the
            # principles, not the principles
        if any(_SPOKEN.search(s.text) or re.search(r"\d", s.text) or len(s.text.split()) > 30
               or NOT_PRINCIPLE.search(s.text) or (finder.mentions(s.text, we=True)
               and _speaks(s.text)) for s in run):
            continue
        target = _prose_target(intro.text, stated, record.language, documents, finder)
        if target is None or target.principles:
            continue
        append_principles(target, [s.text for s in run], source_text, "sentence",
                          f"counted before ('{intro.text}'), one a sentence",
                          texts=[s.text.rstrip(" .") for s in run])


_LEAD_WORDS = 7  # a paragraph's lead-in phrase ("Førebygging framfor reparasjon.") is short


def _lead_phrases(record: Record, source_text: str, documents: Sequence[Document],
                  finder: OrganisationFinder) -> None:
    """"Strategien byggjer på tre prinsipp:" and then that many paragraphs, each opened by a
    short phrase of its own (often bold: "Førebygging framfor reparasjon. Klinikkane skal …"),
    and no more: the phrases are the principles. The sentence counts them and ends the
    paragraph with a colon; each phrase is a few words with no figure, quote or pronoun."""
    page = sentences(record)
    block_openings = [i for i in range(len(page)) if i == 0 or page[i].block != page[i - 1].block]
    for index, intro in enumerate(page):
        stated = _stated_count(intro.text, record.language)
        if stated is None or not 2 <= stated <= 6 or _principle_word(intro.text) is None \
                or not intro.text.rstrip().endswith(":"):
            continue
        openings = _paragraph_openings(block_openings, index + 1, stated + 1)
        if len(openings) != stated + 1 or not all(_is_lead(page, i) for i in openings[:-1]) \
                or _is_lead(page, openings[-1]):
            continue  # not as many phrase-led paragraphs as counted, or more of them
        target = _prose_target(intro.text, stated, record.language, documents, finder)
        if target is None or target.principles:
            continue
        leads = [page[i].text for i in openings[:-1]]
        append_principles(target, leads, source_text, "sentence",
                          f"counted before ('{intro.text}'), each a paragraph's opening phrase",
                          texts=[lead.rstrip(" .") for lead in leads])


def _paragraph_openings(openings: Sequence[int], start: int, count: int) -> list[int]:
    """The first sentences of the ``count`` blocks from ``start`` on, when a block opens at
    ``start`` (``openings``: where every block of the page opens, in order)."""
    at = bisect.bisect_left(openings, start)
    if at == len(openings) or openings[at] != start:
        return []
    return list(openings[at:at + count])


def _is_lead(page: Sequence[Sentence], index: int) -> bool:
    """A paragraph opened by a short phrase that more text follows in the same paragraph."""
    text = page[index].text
    followed = index + 1 < len(page) and page[index + 1].block == page[index].block
    return (followed and len(text.split()) <= _LEAD_WORDS and text.rstrip().endswith(".")
            and not _BACK_REFERENCE.match(text) and not _SPOKEN.search(text)
            and not re.search(r"\d", text) and _principle_word(text) is None
            and _ordinal(text) is None and _sequence_word(text) is None)


_SPEECH = re.compile(r"(?<!\w)(?:sier|sa|seier|siger|sagde|säger|sade|sanoo|sanoi|kertoo|"
                     r"mener|meiner|anser|tycker|synes|katsoo|mielestä|vil|vill|ønsker|önskar|"
                     r"haluaa)(?!\w)", re.IGNORECASE)


def _speaks(text: str) -> bool:
    """An organisation that says, thinks or wants something: a view, not a principle."""
    return _SPEECH.search(text) is not None


# "… lähtökohtina ovat A, B ja C.", "Principerna är A, B och C."
_OPENER = re.compile(r"\s(?:ovat|on|är|er|blir|:)\s|:\s", re.IGNORECASE)
_COUNT_COLON = re.compile(r"^\s*(?P<count>[^\W_]+)\s*:\s+")
_LAST = re.compile(r",?\s+(?:ja|och|og|sekä|samt|and)\s+")
_NUMBERED = re.compile(r"\s+\d{1,2}\s*[:.]")  # "Utgångspunkt 2:", "Periaate 3."


def _enumerated(rest: str, longest: int = 6) -> list[str]:
    """The items of "A, B ja C." (each one to ``longest`` words, no figures), or none."""
    body = rest.strip().rstrip(".!")
    if re.search(r"[\d;:()]", body):
        return []
    # The last item follows the first "og" after the last comma: "A, B og et samarbeid mellom
    # kommunen og frivilligheten" has three items, not "B og et samarbeid mellom kommunen".
    joins = [m for m in _LAST.finditer(body) if "," not in body[m.end():]]
    if not joins:
        return []
    # Finnish "sekä", Swedish "samt" join a list whose items hold "ja"/"och" of their own: "A,
    # kuntien ja valtion selkeä työnjako sekä C"
    joins = [m for m in joins if m.group().strip(" ,") in ("sekä", "samt")] or joins
    head, last = body[:joins[0].start()], body[joins[0].end():]
    items = [*(part.strip() for part in head.split(",")), last.strip()]
    # the last item may join two words of its own ("valtion ja kunnan yhteinen vastuu …")
    inner = 2 if _LAST.search(" " + items[-1]) else 0
    if len(items) < 2 or any(not 1 <= len(item.split()) <= longest for item in items[:-1]) \
            or not 1 <= len(items[-1].split()) <= longest + inner:
        return []
    return items


def _enumeration_principles(record: Record, source_text: str, documents: Sequence[Document],
                            finder: OrganisationFinder) -> None:
    for sentence in sentences(record):
        word = _principle_word(sentence.text)
        opener = _OPENER.search(sentence.text, word.end()) if word else None
        if word is None or opener is None or _NUMBERED.match(sentence.text, word.end()):
            continue  # "Utgångspunkt 2: A och B" is one principle's heading, not a list of two
        stated = _stated_count(sentence.text[:opener.start()], record.language)
        counted = opener.group().strip() == ":" and stated is not None
        rest = sentence.text[opener.end():]
        number = _COUNT_COLON.match(rest)
        if number is not None and _stated_count(number["count"], record.language):
            # "Principperne er fire: A, B, C og D."
            stated, counted = _stated_count(number["count"], record.language), True
            rest = rest[number.end():]
        if opener.start() - word.end() > 3 and not counted:
            continue  # the principle word is the subject, right before the copula, or
            # "Tre verdiar ligg til grunn for strategien:" states how many items follow
        if any(m.org_id not in {d.issuer for d in documents}
               for m in finder.mentions(sentence.text[:opener.start()], we=True)):
            continue  # "Kuntaliiton mielestä periaatteina ovat …": someone's view
        items = _enumerated(rest, 9 if counted else 6)
        if counted and len(items) != stated:
            continue
        found = _word_target(sentence.text[:opener.end()], documents, finder) if items else None
        if found is None or found[0].principles:
            continue
        append_principles(found[0], items, source_text, "item",
                          f"enumerated after '{word.group()}'")


# "Vägledningen lyfter fram A, B och C": a document's own emphasis, named as its subject
_EMPHASIS = re.compile(
    r"^(?P<subject>[^\W\d_]+)\s+(?:lyfter\s+fram|betonar|framhåller|"
    r"løfter\s+fram|vektlegger|vektlegg|fremhever|framhevar|fremhæver|lægger\s+vægt\s+på|"
    r"painottaa|korostaa|nostaa\s+esiin)\s+", re.IGNORECASE)
# findings and assessments are no principles, whatever the verb
_FINDING_TYPES = frozenset({"report", "submission", "evaluation", "study", "statement"})


def _emphasis_principles(record: Record, source_text: str, documents: Sequence[Document]
                         ) -> None:
    for sentence in sentences(record):
        opening = _EMPHASIS.match(sentence.text)
        kind = _type_of(opening["subject"]) if opening else None
        if opening is None or kind is None or kind[1] in _FINDING_TYPES \
                or NOT_PRINCIPLE.search(sentence.text) or OTHER_LIST.search(sentence.text):
            continue
        named = [d for d in documents if refers_to(opening["subject"], d, documents)]
        items = _enumerated(sentence.text[opening.end():])
        if len(named) != 1 or named[0].principles or len(items) < 3 \
                or named[0].type in _FINDING_TYPES \
                or any(re.search(r"\b[A-ZÅÄÖÆØ]", item) for item in items):
            continue  # names among the items: sources or partners, not principles
        append_principles(named[0], items, source_text, "item",
                          f"the document emphasises ('{opening.group().strip()}')")


def find_prose_principles(record: Record, source_text: str, documents: Sequence[Document],
                          finder: OrganisationFinder) -> None:
    """Add principles written as prose (see the module) to documents that have none yet."""
    _ordinal_principles(record, source_text, documents, finder)
    _enumeration_principles(record, source_text, documents, finder)
    _counted_sentences(record, source_text, documents, finder)
    _lead_phrases(record, source_text, documents, finder)
    _emphasis_principles(record, source_text, documents)


__all__ = ["find_prose_principles"]

"""A body's own committees, boards and councils, and whose they are: a document adopted by
"Regionutvecklingsnämnden", "Hovudutvalet for kultur i Vestland fylkeskommune", "KL's
bestyrelse" or "kunnan sivistyslautakunta" is the body's (``benchmarks/drafting/GOLD.md``).

A committee is a word whose last part is a committee head (-nämnden, -utvalget, -udvalget,
-lautakunta, -styrelsen, -hallitus …). Its owner is, in this order: the registry organisation in
the genitive right before it ("KL's bestyrelse", "regionens kulturnämnd"); the one after "i",
"hos", "ved" or "vid" right after it ("kulturnämnden i Region Skåne"); the publisher, when the
committee's own name says it is a local government's ("Regionutvecklingsnämnden",
"Fylkesutvalet", "Kaupunginhallitus") and the publisher is a region or a municipality. A
committee with none of these ("Kommunestrukturutvalget", a state committee; "Socialstyrelsen",
an agency) has no owner here, and no issuer comes from it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# the committee heads, definite or not, in the forms a subject takes
_HEADS = (r"nämnd(?:en)?|fullmäktige|styrelse(?:n)?|utskott(?:et)?"
          r"|utval(?:g|get|et)?|styre(?:t)?|formannskap(?:et)?|fylkesting(?:et)?|råd(?:et)?"
          r"|udvalg(?:et)?|bestyrelse(?:n)?|kommunalbestyrelse(?:n)?"
          r"|lautakunt(?:a|an)|valtuusto|valtuuston|hallitus|hallituksen|jaosto|jaoston")
_COMMITTEE = re.compile(rf"(?<![\w-])(?P<word>[^\W\d_]*(?:{_HEADS}))(?![\w-])", re.IGNORECASE)
# the first part of a local government's own committee: "Regionutvecklingsnämnden",
# "Kommunstyrelsen", "Fylkesutvalet", "Kaupunginhallitus", "Aluevaltuusto", "Regionsrådet"
_LOCAL = re.compile(r"^(?:region|regions|kommun|kommune|kommunal|fylkes|fylke|lands|landstings|"
                    r"kunnan|kaupungin|kaupunki|alue|stads|amts|by|herads|sote)", re.IGNORECASE)
# the owner named right after it: "i Region Skåne", "i Vestland fylkeskommune", "hos KL"
_OWNER_AFTER = re.compile(r"^(?:\s+(?:for|för|om)\s+[a-zåäöæø][\w-]*(?:\s+(?:og|och)\s+[\w-]+)?)?"
                          r"\s+(?:i|hos|ved|vid)\s+$")
_GENITIVE = re.compile(r"(?::s|:n|s|'s|’s|'|n)$")
_ADJECTIVES_BETWEEN = re.compile(r"^\s+(?:[a-zåäöæøü][\w-]*\s+){0,2}$")
_LOCAL_KINDS = ("region", "municipality")
_MAX_GAP = 60  # characters between a committee and the owner named after it ("… i Region Skåne")

Span = tuple[str, int, int, str]  # (organisation id, start, end, the committee's word)


def committees(text: str, found: Sequence[Span], publisher: str | None,
               publisher_type: str) -> list[Span]:
    """The committees in ``text`` whose owner is known, each as a mention of the owner;
    ``found`` are the registry organisations already found in ``text``."""
    spans: list[Span] = []
    by_end = sorted(found, key=lambda span: span[2])
    ends = [span[2] for span in by_end]
    by_start = sorted(found, key=lambda span: span[1])
    starts = [span[1] for span in by_start]
    for match in _COMMITTEE.finditer(text):
        word = match["word"]
        if len(word) < 5 or _inside_a_mention(match.start(), by_start, starts):
            continue
        owner = _owner(text, match, by_end, ends, by_start, starts)
        if owner is None and publisher and publisher_type in _LOCAL_KINDS and _local(word):
            owner = publisher
        if owner is not None:
            spans.append((owner, match.start(), match.end(), word))
    return spans


# heads only a local government's committees have, whatever the compound holds between:
# "Regionutvecklingsnämnden", "sivistyslautakunta", "Hovudutvalet for kultur"; other heads
# ("utvalget", "udvalget", "rådet") name state committees too ("Kommunestrukturutvalget"), so
# there the local part must be all the compound holds before its head ("Fylkesutvalet")
_LOCAL_HEAD = re.compile(r"(?:nämnd(?:en)?|lautakunt(?:a|an))$", re.IGNORECASE)
_LOCAL_ONLY = re.compile(r"^(?:hovudutval(?:et)?|hovedutvalg(?:et)?)$", re.IGNORECASE)
_DIRECT_HEAD = re.compile(rf"^(?:s|e)?(?:{_HEADS})$", re.IGNORECASE)


def _local(word: str) -> bool:
    """Whether the committee's own name says it is a local government's (see above)."""
    if _LOCAL_ONLY.match(word):
        return True
    local = _LOCAL.match(word)
    if local is None or local.end() == len(word):
        return False
    if _LOCAL_HEAD.search(word) and not _LOCAL_HEAD.match(word):
        return True
    return _DIRECT_HEAD.match(word[local.end():]) is not None


def local_committee(name: str) -> bool:
    """"Fylkesutvalet", "Byggnadsnämnden", "Tampereen kaupunkiympäristölautakunta": a name whose
    last word is a local government's committee, which every municipality or region has (a
    body's own committee, no organisation of its own to propose)."""
    last = name.split()[-1] if name.split() else ""
    return _COMMITTEE.fullmatch(last) is not None and _local(last)


def _inside_a_mention(position: int, by_start: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether ``position`` lies inside one of the mentions (sorted by start): the committee
    word is part of a registry name. Only the few mentions starting last before it can hold
    it (mentions may overlap, not pile up)."""
    index = bisect.bisect_right(starts, position)
    return any(by_start[i][1] <= position < by_start[i][2] for i in range(max(0, index - 4), index))


def _owner(text: str, match: re.Match[str], by_end: Sequence[Span], ends: Sequence[int],
           by_start: Sequence[Span], starts: Sequence[int]) -> str | None:
    """The owner in the genitive right before the committee ("SKR:s styrelse"), else named
    right after it ("… i Region Skåne"): only the nearest mention on each side can be either
    (found by bisection, so a page of many committees and names is read once)."""
    before = bisect.bisect_right(ends, match.start()) - 1
    if before >= 0:
        org_id, _start, end, matched = by_end[before]
        gap = text[end:match.start()]
        if _GENITIVE.search(matched) and _ADJECTIVES_BETWEEN.match(" " + gap) \
                and gap.startswith(" "):
            return org_id
    after = bisect.bisect_left(starts, match.end())
    if after < len(by_start):
        org_id, start, _end, _matched = by_start[after]
        if start - match.end() <= _MAX_GAP and _OWNER_AFTER.match(text[match.end():start] + " "):
            return org_id
    return None

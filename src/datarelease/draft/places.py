"""Place names that hold a conjunction ("Møre og Romsdal", "Vestfold og Telemark"), as data: a
proposed name that ends in the first part runs on over the rest ("Statsforvaltaren i Møre og
Romsdal", "Helse Møre og Romsdal"). Any other "og"/"och"/"ja" after a name joins two names, and
is never read as part of one ("Region Västra Götaland och Region Skåne")."""

from __future__ import annotations

import re

# Norwegian counties, former counties and state regions whose names join two parts (Swedish,
# Danish and Finnish regions are named in one part or with a hyphen: "Lolland-Falster")
COMPOUND_PLACES = ("Møre og Romsdal", "Sogn og Fjordane", "Vestfold og Telemark",
                   "Troms og Finnmark", "Oslo og Viken", "Oslo og Akershus")
_PARTS = {place.split()[0]: place for place in COMPOUND_PLACES}
_REST = re.compile(r"\s+(?:og|och|ja)\s+[\w-]+")


def across_place(text: str, name: str, start: int, end: int) -> tuple[str, int]:
    """``name`` (``text[start:end]``) run on over the rest of a compound place it ends in."""
    last = name.split()[-1] if name.split() else ""
    place = _PARTS.get(last)
    if place is None:
        return name, end
    rest = _REST.match(text, end)
    if rest is None or not place.endswith(rest.group().split(None, 1)[1]) \
            or (last + rest.group()).split() != place.split():
        return name, end
    return name + rest.group(), rest.end()


__all__ = ["COMPOUND_PLACES", "across_place"]

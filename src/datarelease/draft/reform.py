"""A document referred to by what it does rather than by its type or title: "Uudistuksen
lähtökohtina ovat …", "Reformens utgångspunkter är …", "Reformen bygger på …" on a page about
one bill, white paper, committee report or strategy. The word names the change the page is about;
it refers to a document only when the page has exactly one bill, or else exactly one document
that can carry a reform (not a submission or a report's findings), so "the reform" on a page
about a bill and the study or committee report it builds on is the bill.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import Document

# Word stems for a reform or change of rules, per language, as data; a compound ending in one
# counts ("kommunreformen", "sote-uudistuksen").
REFORM_STEMS = {
    "sv": ("reform", "omläggning"),
    "nb": ("reform", "omlegging"),
    "nn": ("reform", "omlegging"),
    "da": ("reform", "omlægning"),
    "fi": ("uudistu", "uudistukse", "reformi"),
}
_REFORM = re.compile(
    r"(?<![\w-])[^\W\d_]*-?(?:"
    + "|".join(sorted({re.escape(s) for stems in REFORM_STEMS.values() for s in stems},
                      key=len, reverse=True))
    + r")(?:s|en|ens|et|ets|a|ar|arna|er|erne|ene|ane|ksen|s(?:en|ta|sa|een)?|n)?(?![\w-])",
    re.IGNORECASE)
# the types a reform can be written down in ("other": a bill or a proposal the vocabularies
# do not type, "esitys", "udspil")
_CARRIERS = frozenset({"government_bill", "white_paper", "official_report", "strategy", "other"})


def reform_word(text: str) -> re.Match[str] | None:
    """The first word in ``text`` that names a reform, or None."""
    return _REFORM.search(text)


def reformed_document(intro: str, documents: Sequence[Document], *, within: int = 3
                      ) -> Document | None:
    """The document a reform word among the first ``within`` words of ``intro`` refers to:
    the page's one document of a type that carries reforms, or None."""
    opening = " ".join(intro.split()[:within])
    if reform_word(opening) is None:
        return None
    carriers = [d for d in documents if d.type in _CARRIERS]
    bills = [d for d in carriers if d.type == "government_bill"]
    if len(bills) == 1 and all(d.type in ("government_bill", "official_report") for d in carriers):
        return bills[0]  # a bill and the committee report it builds on: the bill carries it
    return carriers[0] if len(carriers) == 1 else None


__all__ = ["REFORM_STEMS", "reform_word", "reformed_document"]

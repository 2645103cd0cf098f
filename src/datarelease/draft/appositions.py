"""Relationships stated by an apposition or a relative clause right after a name, where the
phrase stands between two names rather than after a subject:

* part of: "Digitaliseringsstyrelsen, en styrelse under Digitaliseringsministeriet", "…, som er
  en styrelse under …", "valtiovarainministeriö, joka on yksi valtioneuvoston ministeriöistä",
  "… toimii valtiovarainministeriön alaisuudessa", one of a body's ministries or agencies ("…,
  eitt av departementa i regjeringa", "…, ett av regeringens departement"), "…, joka kuuluu
  valtioneuvostoon"; a name may carry its acronym in brackets before the apposition;
* member of: "Västra Götalandsregionen, som är en av SKR:s medlemmar", "… on Kuntaliiton
  jäsen";
* sisters: "Den danske søsterorganisasjonen til KS, KL, …" (the name after the comma is the
  sister of the one after "til").

Only two names right next to the phrase count, so that a list or a name further on is never
taken for its object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from datarelease.draft.text import Mention

# between the two names, and what must follow the second; a name may carry its acronym in
# brackets ("Digitaliseringsdirektoratet (Digdir), en etat under …")
_BRACKET = r"^\)?"
# "eitt av departementa i regjeringa", "ett av ministerierna i statsrådet", "ett av regeringens
# departement": one of a body's ministries or agencies (not of its participants or partners)
_ONE_OF = r"(?:en|ett|eitt|et|ei|eit|ein|én)\s+(?:av|af)\s+(?:de\s+|dei\s+)?"
_AGENCIES = (r"(?:departement|ministeri|myndighet|myndigheder|direktorat|etat|styrels|"
             r"virast|verk(?:en|a|ene)?(?!\w))[\w]*")
_PART_OF = (
    re.compile(_BRACKET + r",?\s+(?:(?:som|der)\s+)?(?:(?:er|är)\s+)?(?:en|ett|et|ei|eit|ein)\s+"
               r"[a-zåäöæø][\w-]+\s+(?:under|inom|innenfor|underlagt|underställd)\s+$",
               re.IGNORECASE),
    re.compile(_BRACKET + r",?\s+(?:joka\s+)?on\s+yksi\s+$", re.IGNORECASE),
    re.compile(_BRACKET + r",?\s+(?:joka\s+)?(?:on|toimii)\s+$", re.IGNORECASE),
    re.compile(_BRACKET + r",\s+(?:(?:som|der)\s+(?:er|är)\s+)?" + _ONE_OF + _AGENCIES
               + r"\s+(?:i|under|inom|innenfor|ved|vid|hos)\s+$", re.IGNORECASE),
    re.compile(_BRACKET + r",\s+(?:(?:som|der)\s+(?:er|är)\s+)?" + _ONE_OF + r"$",
               re.IGNORECASE),
    # "Valtiovarainministeriö, joka kuuluu valtioneuvostoon": belongs to it (illative)
    re.compile(_BRACKET + r",?\s+(?:joka\s+)?kuuluu\s+$", re.IGNORECASE),
)
_PART_OF_AFTER = (re.compile(r""),
                  re.compile(r"^\s+(?!jäsen)[a-zäö]+(?:istä|ista)(?!\w)"),
                  re.compile(r"^\s+(?:alaisuudessa|hallinnonalalla|alainen|alaisena)(?!\w)"),
                  re.compile(r"^(?!\s+[a-zåäöæø])"),
                  re.compile(r"^\s+" + _AGENCIES, re.IGNORECASE),
                  re.compile(r"^(?!\s+[a-zåäöæø])"))
_MEMBER_OF = (
    re.compile(_BRACKET + r",?\s+(?:(?:som|der)\s+)?(?:(?:er|är)\s+)?"
               r"(?:en|ett|et|ein|eitt|ei|eit)\s+(?:av|af)\s+$", re.IGNORECASE),
    re.compile(_BRACKET + r",?\s+(?:joka\s+)?on\s+(?:yksi\s+)?$", re.IGNORECASE),
)

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

_MEMBER_OF_AFTER = (re.compile(r"^\s+medlem(?:mar|mer|merne|marna|merna)(?!\w)", re.IGNORECASE),
                    re.compile(r"^\s+jäsen(?:istä|iä|enä)?(?!\w)", re.IGNORECASE))
_SISTER_BEFORE = re.compile(r"(?:syster|søster|søs|sisar)\w*\s+(?:till?|for|åt)\s+$",
                            re.IGNORECASE)
_APPOSITION_COMMA = re.compile(r"^\s*,\s*$")
_APPOSITION_END = re.compile(r"^\s*,")


def apposition_relationships(sentence: str, mentions: Sequence[Mention]
                             ) -> list[tuple[Mention, str, Mention]]:
    """(subject, predicate, object) stated by an apposition or relative clause (see the
    module)."""
    found: list[tuple[Mention, str, Mention]] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for first, second in pairwise(ordered):
        if first.org_id == second.org_id:
            continue
        # what follows is read within a window: the patterns after a name are short
        between, after = sentence[first.end:second.start], sentence[second.end:second.end + 400]
        for predicate, befores, afters in (("part_of", _PART_OF, _PART_OF_AFTER),
                                           ("member_of", _MEMBER_OF, _MEMBER_OF_AFTER)):
            if any(b.match(between) and a.match(after) for b, a in zip(befores, afters,
                                                                      strict=True)):
                found.append((first, predicate, second))
        if (_SISTER_BEFORE.search(sentence, max(0, first.start - _BEFORE), first.start)
                and _APPOSITION_COMMA.match(between) and _APPOSITION_END.match(after)):
            found.append((second, "sister_organisation_of", first))
    return found


__all__ = ["apposition_relationships"]

"""More phrases for issuers and addressees per language, as data beside
:mod:`~datarelease.draft.vocabulary` (which holds the first ones).

Addressees in inverted (V2) order with a document's designation between the verb and the title:
"I dag sendte regjeringen Meld. St. 9 (2033–2034) «X» til Stortinget", "Nu lämnar regeringen
proposition 2033/34:45 ”X” till riksdagen", "I dag sendte regeringen lovforslag L 12 "X" til
Folketinget": the words between may hold dots, colons, slashes and a year in brackets; the
receiver must follow "til"/"till" with a capital or as a parliament's name, so "sendte … til
høring" is no addressee. Issuing verbs of adopting ("har antagit", "fastställde", "vedtog",
"hyväksyi") whose subject is the body or its own board (:mod:`~datarelease.draft.bodyunits`).
"""

from __future__ import annotations

from collections.abc import Mapping

# the verb's object: up to eight words of a designation ("Meld. St. 11 (2033–2034)"), then an
# optional quoted title; no quote mark inside, so the title stays the quoted one
_DESIGNATION = r"(?:[\w.:/–-]+\s+|\([^()]{1,40}\)\s+){1,8}?"
_TITLE = (r"(?:(?:[„”\"“«][^„”\"“«»]{1,200}[”\"“»]|»[^„”\"“«»]{1,200}«)\s+"
          r"(?:\([^()]{1,40}\)\s+)?)?")
# a parliament or a capitalised receiver after the preposition (not "til høring", "till remiss")
_RECEIVER = r"(?=\s+(?:(?-i:[A-ZÅÄÖÆØ])|riksdagen|stortinget|folketinget|lagtinget))"

MORE_ADDRESSEE: Mapping[str, tuple[str, ...]] = {
    "sv": (rf"(?:lämna|överlämna|skicka)(?:de|t|r)\s+{_DESIGNATION}"
           rf"{_TITLE}till{_RECEIVER}",),
    "nb": (rf"(?:sendte|sender|overleverte|overleverer|oversendte|oversender)\s+{_DESIGNATION}"
           rf"{_TITLE}til{_RECEIVER}",),
    # (not "sende": the nynorsk past tense is also the infinitive, "vil sende")
    "nn": (rf"(?:sender|sendte|overleverte|overleverer)\s+{_DESIGNATION}{_TITLE}til{_RECEIVER}",),
    "da": (rf"(?:sendte|sender|oversendte|oversender|overrakte|overrækker)\s+{_DESIGNATION}"
           rf"{_TITLE}til{_RECEIVER}",),
    "fi": (),
}
# laid before parliament, the subject inside the particle verb: "Fredag la regjeringen fram
# Meld. St. 14 (2034–2035) «X» for Stortinget", "lade regeringen fram proposition … för riksdagen"
_LAID_BEFORE = {
    "sv": rf"(?:lade|lägger)\s+(?:\w+\s+)?fram\s+{_DESIGNATION}{_TITLE}för{_RECEIVER}",
    "nb": rf"(?:la|legger)\s+(?:\w+\s+)?fr[ae]m\s+{_DESIGNATION}{_TITLE}for{_RECEIVER}",
    "nn": rf"(?:la|legg)\s+(?:\w+\s+)?fram\s+{_DESIGNATION}{_TITLE}for{_RECEIVER}",
    "da": rf"(?:fremlagde|fremlægger)\s+{_DESIGNATION}{_TITLE}for{_RECEIVER}",
}
MORE_ADDRESSEE = {language: (*phrases, *((_LAID_BEFORE[language],) if language in _LAID_BEFORE
                                        else ()))
                  for language, phrases in MORE_ADDRESSEE.items()}

MORE_ISSUE_VERBS: Mapping[str, tuple[str, ...]] = {
    "sv": (r"antagit", r"fastställ(?:de|t)", r"beslutat\s+om", r"har\s+beslutat\s+om"),
    "nb": (r"har\s+godkjent", r"fastsatte", r"har\s+fastsatt"),
    "nn": (r"har\s+vedteke", r"fastsette", r"har\s+fastsett"),
    "da": (r"har\s+godkendt", r"fastlagde", r"har\s+fastlagt"),
    "fi": (r"on\s+hyväksynyt", r"ovat\s+hyväksyneet", r"vahvisti"),
}

# membership with a clause or an adverb between the verb and the noun: "Vestland fylkeskommune
# er, som alle fylkeskommunane i landet, medlem av KS", "Region Skåne är sedan länge medlem i
# SKR"; a negation anywhere in the phrase makes it none (relationships._negated)
MORE_RELATIONSHIPS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "sv": {"member_of": (r"är,\s+[^,.;:()]{3,80},\s+medlem(?:mar)?\s+i",
                         r"är\s+(?:[a-zåäö]+\s+){1,2}medlem(?:mar)?\s+i")},
    "nb": {"member_of": (r"er,\s+[^,.;:()]{3,80},\s+medlem(?:mer)?\s+(?:av|i)",
                         r"er\s+(?:[a-zæøå]+\s+){1,2}medlem(?:mer)?\s+(?:av|i)")},
    "nn": {"member_of": (r"er,\s+[^,.;:()]{3,80},\s+medlem(?:mer)?\s+(?:av|i)",
                         r"er\s+(?:[a-zæøå]+\s+){1,2}medlem(?:mer)?\s+(?:av|i)")},
    "da": {"member_of": (r"er,\s+[^,.;:()]{3,80},\s+medlem(?:mer)?\s+af",
                         r"er\s+(?:[a-zæøå]+\s+){1,2}medlem(?:mer)?\s+af")},
    # "Tampereen kaupunki on, kuten kaikki kunnat, Kuntaliiton jäsen": the object in the genitive
    "fi": {"member_of": (r"on,\s+[^,.;:()]{3,80},(?=\s+[^\W\d_]+n\s+jäsen)",)},
}

"""Documents that a government lays before its parliament by definition.

A "Melding til Stortinget" (Meld. St.) or a "proposisjon" is the Norwegian Government's, and a
Swedish "proposition" the Swedish Government's, whoever the page says sent it and however the
sentence is built ("I dag sendte regjeringen Meld. St. 11 … til Stortinget": the subject after
the verb, in lower case). When no issuer was found for such a document, the registry's
government of that country issues it. Words any body may use ("melding", "skrivelse",
"lovforslag") are not in the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from datarelease.draft.facts import Document
from datarelease.normalise import Organisation

# the document word (as the vocabularies match it, lower case) → the country whose government
# alone issues it
_GOVERNMENTS_OWN = {
    "meld. st.": "NO", "melding til stortinget": "NO", "stortingsmelding": "NO",
    "proposisjon": "NO", "proposition": "SE",
}


def government_documents(documents: Sequence[Document], organisations: Sequence[Organisation]
                         ) -> None:
    """Give each such document with no issuer yet its country's government (see the module)."""
    governments = {org.country: org.id for org in organisations if org.type == "government"}
    for document in documents:
        country = _GOVERNMENTS_OWN.get((document.word or "").casefold())
        if document.issuer is None and country in governments:
            document.issuer = governments[country]
            document.issuer_why = (f"a '{document.word}' is laid before parliament by the "
                                   "government alone")

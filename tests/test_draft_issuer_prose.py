"""Principles counted in prose by the document's own issuer ("Regjeringen legger tre prinsipper
til grunn …. For det første … For det andre … For det tredje …"), found blind in drafting-fresh17.
Each has a twin that must stay out: another body's principles, or a count with no principle word
(a wish list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import HEADS, draft_page

_DOCUMENT = {
    "nn": "Hovudstyret i KS har vedteke «Rekrutteringsstrategi 2035 for kommunane».\n\n",
    "da": 'KL har i dag lanceret "Den fælles strategi for velfærdsteknologi 2030".\n\n',
}
_ORDINAL_PROSE = {
    "nn": ("For det første skal alle tilsette få tilbod om heiltid. For det andre skal leiarane "
           "få meir tid til dei tilsette. For det tredje skal kommunane rekruttere saman."),
    "da": ("For det første skal borgerne altid kunne få hjælp. For det andet skal data deles "
           "sikkert. For det tredje skal løsningerne udvikles i fællesskab."),
}


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    publisher, head = HEADS[language]
    result = draft_page(tmp_path, publisher, head + _DOCUMENT[language] + body)
    return [str(p.data["text"]) for d in result.documents for p in d.principles]


@pytest.mark.parametrize(("language", "intro"), [
    ("nn", "KS legg tre prinsipp til grunn for arbeidet."),
    ("da", "KL lægger tre principper til grund for arbejdet."),
])
def test_the_issuers_own_principles_in_prose(tmp_path: Path, language: str, intro: str) -> None:
    found = _principles(tmp_path, language, f"{intro} {_ORDINAL_PROSE[language]}")
    assert len(found) == 3 and found[0].startswith("skal ")


@pytest.mark.parametrize(("language", "intro"), [
    ("nn", "Fagforbundet legg tre prinsipp til grunn for arbeidet sitt."),  # another body's
    ("da", "Danske Regioner lægger tre principper til grund for deres arbejde."),
    ("da", "KL har tre ønsker til regeringen."),  # no principle word: a wish list
])
def test_principles_in_prose_that_are_not_the_documents(tmp_path: Path, language: str,
                                                        intro: str) -> None:
    assert _principles(tmp_path, language, f"{intro} {_ORDINAL_PROSE[language]}") == []


_LEADS = {
    "nn": ("Strategien byggjer på tre prinsipp:",
           ["Førebygging framfor reparasjon. Klinikkane skal bruke meir tid på barn og unge.",
            "Tenesta kjem til pasienten. Ambulerande team skal besøkje alle sjukeheimar.",
            "Same tilbod i heile fylket. Ingen skal ha meir enn ein time reiseveg."]),
    "da": ("Strategien hviler på tre principper:",
           ["Borgeren i centrum. Løsningerne skal tage udgangspunkt i borgerens behov.",
            "Fælles data. Kommunerne skal dele data sikkert med hinanden.",
            "Læring undervejs. Erfaringerne skal samles op hvert halve år."]),
}


@pytest.mark.parametrize("language", ["nn", "da"])
def test_principles_as_the_opening_phrases_of_counted_paragraphs(tmp_path: Path,
                                                                 language: str) -> None:
    intro, paragraphs = _LEADS[language]
    body = "\n\n".join([intro, *paragraphs, "Resten av teksten handlar om noko anna heilt."])
    found = _principles(tmp_path, language, body)
    assert found == [p.split(". ")[0] for p in paragraphs]


@pytest.mark.parametrize("change", ["one more", "one fewer", "no colon", "a long opening",
                                    "a quote", "no count"])
def test_paragraph_openings_that_are_not_the_counted_principles(tmp_path: Path,
                                                               change: str) -> None:
    intro, paragraphs = _LEADS["nn"]
    paragraphs = list(paragraphs)
    if change == "one more":
        paragraphs.append("Betre samarbeid. Kommunane skal arbeide saman med fylket.")
    elif change == "one fewer":
        paragraphs[2] = "Ingen skal ha meir enn ein time reiseveg til næraste klinikk i fylket."
    elif change == "no colon":
        intro = intro.replace(":", ".")
    elif change == "a long opening":
        paragraphs[1] = ("Tenesta skal i større grad enn før kome til pasienten der han bur. "
                         "Ambulerande team skal besøkje alle sjukeheimar.")
    elif change == "a quote":
        paragraphs[1] = "– Dette er viktig. Det seier fylkesordføraren."
    else:
        intro = "Strategien byggjer på nokre prinsipp:"
    body = "\n\n".join([intro, *paragraphs, "Resten av teksten handlar om noko anna heilt."])
    assert _principles(tmp_path, "nn", body) == []

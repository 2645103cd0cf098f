"""Principles given as short noun phrases ("den äldres självbestämmande", "tiedolla johtaminen")
after a sentence that has the document as its subject and names its starting points,
priorities or pillars, or counts them; and principles in ordinal prose, whose text drops the
ordinal lead-in. Each positive case has twins that must stay out: demands, findings, figures,
a programme, questions, someone else's priorities, a count that does not match, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft

from .drafting_pages import REGISTRY, draft_page

_HEAD = {
    "sv": ("skr", "Publicerad: 3 mars 2026\n\nNyhet\n\nRubrik\n\n"
                  "Regionen har antagit ”Regional plan för hälsodata 2030–2034”.\n\n"),
    "nb": ("ks", "Publisert: 3. mars 2026\n\nNyhet\n\nOverskrift\n\n"
                 "KS har vedtatt «Strategi for digital samhandling 2030».\n\n"),
    "nn": ("ks", "Publisert: 3. mars 2026\n\nNyheit\n\nOverskrift\n\n"
                 "Hovudstyret i KS har vedteke «Rekrutteringsstrategi 2035 for kommunane».\n\n"),
    "da": ("kl", "Nyhed | Publiceret 3. marts 2026\n\nOverskrift\n\n"
                 'KL har i dag lanceret "Den fælles strategi for velfærdsteknologi 2030".\n\n'),
    "fi": ("kuntaliitto", "Julkaistu 3.3.2026\n\nUutinen\n\nOtsikko\n\n"
                          "Kuntaliitto on julkaissut strategian ”Kuntien digistrategia 2030”.\n\n"),
}


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    publisher, head = _HEAD[language]
    return [str(p.data["text"]) for d in draft_page(tmp_path, publisher, head + body).documents
            for p in d.principles]


def _bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items)


_SV = ("den enskildes integritet", "trygghet i vården", "kontinuitet i personalen")
_NB = ("rask og trygg deling av data", "felles løsninger", "innbyggeren i sentrum")
_NN = ("rask og treffsikker rekruttering", "føreseieleg finansiering", "opplæring frå første dag")
_DA = ("borgeren i centrum", "sikker deling af data", "fælles løsninger i hele landet")
_FI = ("tiedolla johtaminen", "yhteiset ratkaisut", "asukaslähtöiset palvelut")


@pytest.mark.parametrize(("language", "intro", "items"), [
    ("sv", "Planen bygger på tre utgångspunkter:", _SV),
    ("sv", "Den vilar på tre hörnstenar:", _SV),  # a pronoun for the page's one document
    ("sv", "Planen står på tre ben:", _SV),  # no principle word, but a count that matches
    ("nb", "Strategien hviler på tre grunnpilarer:", _NB),
    ("nb", "Strategiens prioriteter er:", _NB),
    ("nn", "Strategien kviler på tre grunnpilarar:", _NN),
    ("nn", "Strategien har desse satsingsområda:", _NN),
    ("da", "Strategiens pejlemærker er:", _DA),
    ("da", "Strategien bygger på tre hjørnesten:", _DA),
    ("fi", "Strategian painopisteet ovat:", _FI),
    ("fi", "Strategian lähtökohdat ovat:", _FI),
])
def test_noun_phrases_the_document_rests_on_are_its_principles(
        tmp_path: Path, language: str, intro: str, items: tuple[str, ...]) -> None:
    found = _principles(tmp_path, language, f"{intro}\n\n{_bullets(*items)}")
    assert found == list(items)


@pytest.mark.parametrize(("language", "intro", "items"), [
    ("sv", "SKR kräver därför tre saker av staten:", _SV),  # demands
    ("sv", "Planen visar tre brister:", _SV),  # findings
    ("sv", "Kommunerna har tre prioriteringar:", _SV),  # someone else's, not the document's
    ("sv", "Planen bygger på fyra utgångspunkter:", _SV),  # a count that does not match
    ("sv", "Planen bygger på utgångspunkter som", _SV),  # no ":": the sentence goes on
    ("nb", "Programmet for lanseringen:", _NB),  # a programme
    ("nb", "Strategiens mål er:", _NB),  # goals are another list
    ("nn", "Strategien i tal:", _NN),  # figures
    ("nn", "KS ønskjer desse prioriteringane:", _NN),  # someone's wishes
    ("da", "Strategien rejser tre spørgsmål:", _DA),  # questions
    ("da", "Læs også:", _DA),  # links
    ("fi", "Strategian tavoitteet ovat:", _FI),  # goals
    ("fi", "Kuntaliitto vaatii seuraavia painopisteitä:", _FI),  # demands
    ("fi", "Strategian kysymykset:", _FI),  # questions
])
def test_noun_phrases_that_are_no_principles_stay_out(
        tmp_path: Path, language: str, intro: str, items: tuple[str, ...]) -> None:
    assert _principles(tmp_path, language, f"{intro}\n\n{_bullets(*items)}") == []


def test_names_and_links_are_no_noun_phrase_principles(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", "Planen bygger på tre utgångspunkter:\n\n" + _bullets(
        "Anna Lindqvist, Region Norr", "Läs mer om Planen", "Kontakt Region Syd"))
    assert found == []


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("fi", "Strategia perustuu kolmeen periaatteeseen. Ensinnäkin palvelut ovat asukkaiden "
           "saatavilla. Toiseksi tieto kulkee kuntien välillä. Kolmanneksi ratkaisut tehdään "
           "yhdessä.",
     ["palvelut ovat asukkaiden saatavilla", "tieto kulkee kuntien välillä",
      "ratkaisut tehdään yhdessä"]),
    ("nb", "Strategien bygger på tre prinsipper. For det første skal data deles sikkert. "
           "For det andre skal løsningene være felles. For det tredje skal innbyggeren stå i "
           "sentrum.",
     ["skal data deles sikkert", "skal løsningene være felles",
      "skal innbyggeren stå i sentrum"]),
    ("da", "Første skridt i strategien er at samle data ét sted. Andet skridt er at åbne "
           "løsningerne for kommunerne. Tredje skridt er at evaluere hvert år.",
     ["samle data ét sted", "åbne løsningerne for kommunerne", "evaluere hvert år"]),
])
def test_ordinal_principles_lose_their_ordinal_lead_in(
        tmp_path: Path, language: str, body: str, expected: list[str]) -> None:
    assert _principles(tmp_path, language, body) == expected


def test_ordinal_steps_that_are_someone_elses_stay_out(tmp_path: Path) -> None:
    body = ("Første krav fra Danske Regioner er at samle data ét sted. Andet krav er at åbne "
            "løsningerne. Tredje krav er at evaluere hvert år.")
    assert _principles(tmp_path, "da", body) == []


def test_capitalised_labels_after_a_principle_word_are_none(tmp_path: Path) -> None:
    found = _principles(tmp_path, "fi", "Strategian painopisteet:\n\n" + _bullets(
        "Etusivu", "Uutiset", "Tiedotteet"))
    assert found == []


def _html_principles(tmp_path: Path, sections: str) -> list[str]:
    page = tmp_path / "kuntaliitto-2026-03-03-strategia.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Strategia</title>'
        '</head><body><main><article><p class="pvm">Julkaistu 3.3.2026</p>'
        "<h1>Kuntaliitto julkaisi digistrategian</h1>"
        "<p>Kuntaliitto on julkaissut strategian ”Kuntien digistrategia 2030”.</p>"
        f"{sections}</article></main></body></html>\n", encoding="utf-8")
    return [str(p.data["text"]) for d in draft.draft(page, REGISTRY).documents
            for p in d.principles]


_SECTIONS = ("<h3>Tiedolla johtaminen</h3><p>Tieto julkaistaan avoimena datana.</p>"
             "<h3>Yhteiset ratkaisut</h3><p>Kunnat hankkivat järjestelmät yhdessä.</p>"
             "<h2>Lisätietoja</h2><p>Matti Meikäläinen, erityisasiantuntija</p>")


def test_headings_under_the_documents_principles_are_its_principles(tmp_path: Path) -> None:
    found = _html_principles(tmp_path, "<h2>Strategian painopisteet</h2>" + _SECTIONS)
    assert found == ["Tiedolla johtaminen", "Yhteiset ratkaisut"]


@pytest.mark.parametrize("heading", [
    "Kuntaliiton vaatimukset",  # demands, no principle word
    "Kuntaliitto vaatii painopisteitä",  # someone's demands
    "Strategian tavoitteet",  # goals
])
def test_headings_under_other_lists_stay_out(tmp_path: Path, heading: str) -> None:
    assert _html_principles(tmp_path, f"<h2>{heading}</h2>" + _SECTIONS) == []


def test_a_principle_heading_with_text_of_its_own_heads_no_headings(tmp_path: Path) -> None:
    found = _html_principles(tmp_path, "<h2>Strategian painopisteet</h2>"
                                       "<p>Painopisteistä päätetään syksyllä.</p>" + _SECTIONS)
    assert found == []

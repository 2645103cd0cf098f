"""Principle shapes found blind in drafting-fresh18, on new pages: a list whose bullets a text
export lost, under a sentence that counts the principles and a blank line; principles named by
a word for "choices" ("vägval", "veivalg", "vejvalg") given as headed paragraphs; headed
paragraphs whose headings are numbered ("1. Melu torjutaan …"). Each positive has a twin that
must stay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import draft_in

_DOCUMENT = {
    "sv": "SKR har i dag antagit strategin ”Trygga vägar 2035”.\n\n",
    "nb": "KS har i dag vedtatt strategien «Trygge veier 2035».\n\n",
    "da": 'KL har i dag vedtaget strategien "Trygge veje 2035".\n\n',
    "fi": "Kuntaliitto hyväksyi tänään strategian ”Turvalliset tiet 2035”.\n\n",
}


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    result = draft_in(tmp_path, language, _DOCUMENT[language] + body)
    return [str(p.data["text"]) for d in result.documents for p in d.principles]


_UNMARKED = {
    "da": ("Strategien tager udgangspunkt i tre principper:",
           ["Skolevejen vurderes ud fra barnets perspektiv.",
            "Forældrene inddrages i kortlægningen af farlige steder.",
            "Fartdæmpning ved skoler prioriteres først."]),
    "sv": ("Strategin utgår från tre principer:",
           ["Barnens skolvägar prioriteras först.",
            "Föräldrarna får vara med när riskerna kartläggs.",
            "Hastigheten sänks vid alla skolor."]),
}


@pytest.mark.parametrize("language", sorted(_UNMARKED))
def test_an_unmarked_list_after_a_blank_line(tmp_path: Path, language: str) -> None:
    intro, items = _UNMARKED[language]
    body = f"{intro}\n\n" + "\n".join(items) + "\n\nDet var det hele om strategien i dag.\n"
    assert _principles(tmp_path, language, body) == items


@pytest.mark.parametrize("language", sorted(_UNMARKED))
def test_lines_under_a_count_of_demands_are_no_principles(tmp_path: Path, language: str) -> None:
    _, items = _UNMARKED[language]
    intro = {"da": "Forældrene stiller tre krav til kommunen:",
             "sv": "Föräldrarna ställer tre krav på kommunen:"}[language]
    body = f"{intro}\n\n" + "\n".join(items) + "\n\nDet var det hele om strategien i dag.\n"
    assert _principles(tmp_path, language, body) == []


_CHOICES = {
    "sv": "Strategin vilar på tre vägval som styr hur pengarna prioriteras.",
    "nb": "Strategien hviler på tre veivalg som styrer hvordan pengene prioriteres.",
    "da": "Strategien hviler på tre vejvalg, som styrer, hvordan pengene prioriteres.",
}
_HEADED = {
    "sv": [("Barnen först", "Skolvägar byggs före andra cykelvägar i hela regionen."),
           ("Landsbygden ska med", "En tredjedel av pengarna går till mindre orter i länet."),
           ("Drift före nybygge", "Vinterväghållningen ska ha samma standard överallt.")],
    "nb": [("Barna først", "Skoleveier bygges før andre sykkelveier i hele fylket."),
           ("Distriktene skal med", "En tredjedel av pengene går til mindre steder i fylket."),
           ("Drift før nybygg", "Vintervedlikeholdet skal ha samme standard overalt.")],
    "da": [("Børnene først", "Skoleveje bygges før andre cykelstier i hele regionen."),
           ("Landdistrikterne skal med", "En tredjedel af pengene går til mindre byer."),
           ("Drift før nybyggeri", "Vintervedligeholdelsen skal have samme standard overalt.")],
}


@pytest.mark.parametrize("language", sorted(_CHOICES))
def test_choices_given_as_headed_paragraphs(tmp_path: Path, language: str) -> None:
    pairs = "\n\n".join(f"{phrase}\n{text}" for phrase, text in _HEADED[language])
    body = f"{_CHOICES[language]}\n\n{pairs}\n"
    assert _principles(tmp_path, language, body) == [p for p, _ in _HEADED[language]]


def test_numbered_headings_over_paragraphs(tmp_path: Path) -> None:
    pairs = [("Melu torjutaan ensin sen lähteellä", "Nopeusrajoitukset tulevat ennen meluaitoja."),
             ("Hiljaiset alueet suojellaan", "Kunnat nimeävät hiljaiset alueet kaavoituksessa."),
             ("Haitat arvioidaan terveyden kannalta", "Päätöksissä otetaan huomioon unihäiriöt.")]
    blocks = "\n\n".join(f"{n}. {phrase}\n{text}" for n, (phrase, text) in enumerate(pairs, 1))
    body = f"Strategia perustuu kolmeen periaatteeseen.\n\n{blocks}\n"
    assert _principles(tmp_path, "fi", body) == [phrase for phrase, _ in pairs]


def test_numbered_headings_under_a_count_that_does_not_match(tmp_path: Path) -> None:
    pairs = [("Melu torjutaan ensin sen lähteellä", "Nopeusrajoitukset tulevat ennen meluaitoja."),
             ("Hiljaiset alueet suojellaan", "Kunnat nimeävät hiljaiset alueet kaavoituksessa.")]
    blocks = "\n\n".join(f"{n}. {phrase}\n{text}" for n, (phrase, text) in enumerate(pairs, 1))
    body = f"Strategia perustuu viiteen periaatteeseen.\n\n{blocks}\n"
    assert _principles(tmp_path, "fi", body) == []

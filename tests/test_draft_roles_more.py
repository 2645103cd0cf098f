"""Adversarial sentences for roles the blind sets missed: a document made at a ministry
("utarbeidet i", "valmisteltu …ssä", "beretts vid") as against made in cooperation with one
("utarbeidet i samarbeid med": a contributor); a bill given to parliament in the Finnish allative
("antoi eduskunnalle esityksen") or sent without "til" ("oversendt Stortinget"); an issuing
verb in the present tense; the subject of a contributing verb before an apposition that names
another organisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft

from .drafting_pages import HEADS, draft_page


def _draft(tmp_path: Path, language: str, body: str) -> draft.Draft:
    publisher, head = HEADS[language]
    return draft_page(tmp_path, publisher, head + body)


def _roles(result: draft.Draft) -> set[tuple[str, str]]:
    return {(str(r.data["organisation"]), str(r.data["role"]))
            for d in result.documents for r in d.roles}


_MELDING = "Regjeringen la fram meldingen «Tillit og handlingsrom».\n\n"
_ESITYS = ("Hallitus antoi eduskunnalle esityksen ”Hallituksen esitys eduskunnalle laiksi "
           "kuntalain muuttamisesta”.\n\n")


@pytest.mark.parametrize(("language", "body", "expected", "wrong"), [
    ("nb", _MELDING + "Meldingen er utarbeidet i Kommunal- og moderniseringsdepartementet.",
     ("no-kmd", "lead"), ("no-kmd", "contributor")),
    ("nb", _MELDING + "Meldingen er utarbeidet i samarbeid med Kommunal- og "
                      "moderniseringsdepartementet.",
     ("no-kmd", "contributor"), ("no-kmd", "lead")),
    ("fi", _ESITYS + "Hallituksen esitys on valmisteltu valtiovarainministeriössä.",
     ("fi-vm", "lead"), ("fi-vm", "contributor")),
    ("fi", _ESITYS + "Hallituksen esitys on valmisteltu yhteistyössä valtiovarainministeriön kanssa.",
     None, ("fi-vm", "lead")),
])
def test_made_at_a_ministry_is_lead_made_with_it_is_not(
        tmp_path: Path, language: str, body: str, expected: tuple[str, str] | None,
        wrong: tuple[str, str]) -> None:
    roles = _roles(_draft(tmp_path, language, body))
    if expected is not None:
        assert expected in roles
    assert wrong not in roles


def test_a_bill_given_to_parliament_in_the_allative(tmp_path: Path) -> None:
    assert ("fi-eduskunta", "addressee") in _roles(_draft(tmp_path, "fi", _ESITYS))


def test_a_statement_given_to_a_ministry_about_the_bill_makes_no_addressee(
        tmp_path: Path) -> None:
    roles = _roles(_draft(tmp_path, "fi", _ESITYS + "Kuntaliitto antoi esityksestä lausunnon "
                                                    "valtiovarainministeriölle."))
    assert ("fi-vm", "addressee") not in roles


def test_a_white_paper_sent_to_parliament_without_til(tmp_path: Path) -> None:
    roles = _roles(_draft(tmp_path, "nb", _MELDING + "Meldingen ble samme dag oversendt "
                                                     "Stortinget."))
    assert ("no-storting", "addressee") in roles


def test_an_issuing_verb_in_the_present_tense(tmp_path: Path) -> None:
    result = _draft(tmp_path, "nb", "Digdir lanserer i dag «Veikart for datadeling».")
    assert [d.issuer for d in result.documents] == ["no-digdir"]


def test_the_subject_before_an_apposition_contributes(tmp_path: Path) -> None:
    result = _draft(tmp_path, "da", (
        "KL har i dag lanceret strategien »Sammen om data«.\n\nStrategien er skrevet af KL, og "
        "Danske Regioner, en af Digitaliseringsstyrelsens samarbejdspartnere, har bidraget med "
        "cases."))
    roles = _roles(result)
    assert ("dk-regions", "contributor") in roles
    assert ("dk-digst", "contributor") not in roles


def test_the_head_noun_alone_refers_to_the_pages_one_document(tmp_path: Path) -> None:
    roles = _roles(_draft(tmp_path, "fi", _ESITYS + "Esitys on valmisteltu "
                                                    "valtiovarainministeriössä."))
    assert ("fi-vm", "lead") in roles


def test_the_head_noun_of_another_document_is_no_reference(tmp_path: Path) -> None:
    # two documents on the page: a bare "Esitys" may be either, so it names no lead
    roles = _roles(_draft(tmp_path, "fi", _ESITYS + "Kuntaliitto julkaisi raportin ”Kuntien "
                                                    "talous 2026”. Esitys on valmisteltu "
                                                    "valtiovarainministeriössä."))
    assert ("fi-vm", "lead") not in roles


_NOU = "Utvalget overleverte utredningen «Sterke lokalsamfunn» til departementet.\n\n"
_HENSYN_ITEMS = "\n".join(["- Innbyggerne skal ha likeverdige tjenester.",
                           "- Endringer i kommunegrensene skal skje frivillig."])


def test_considerations_a_committee_bases_its_report_on_are_principles(tmp_path: Path) -> None:
    result = _draft(tmp_path, "nb", f"{_NOU}Utvalget har lagt to hensyn til grunn for sine "
                                    f"forslag:\n\n{_HENSYN_ITEMS}")
    assert sum(len(d.principles) for d in result.documents) == 2


def test_considerations_someone_else_asks_for_are_none(tmp_path: Path) -> None:
    result = _draft(tmp_path, "nb", f"{_NOU}KS mener regjeringen må ta to hensyn:\n\n"
                                    f"{_HENSYN_ITEMS}")
    assert sum(len(d.principles) for d in result.documents) == 0

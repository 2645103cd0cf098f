"""Adversarial sentences for proposed organisations: names of well-known bodies written
verbatim, names whose organisation word is cut at a hyphen ("kommun- och regionförbundens
råd"), a field after the name ("for by- og regionforskning"), an acronym after the name without
brackets, and a state body in a county. Each case that must not be proposed is the false-positive
class of the rule it guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft
from datarelease.draft.bodies import BODIES

from .drafting_pages import HEADS, REGISTRY, draft_page


def _proposed(tmp_path: Path, language: str, body: str) -> dict[str, draft.organisations.Proposed]:
    publisher, head = HEADS[language]
    return {p.name: p for p in draft_page(tmp_path, publisher, head + body).proposed}


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "Arbetet görs i samarbete med SMHI och RISE under hösten.", {"SMHI", "RISE"}),
    ("nb", "Tallene kommer fra Telemarksforsking og Sikt, som har samlet dem inn.",
     {"Telemarksforsking", "Sikt"}),
    ("da", "Data om nedbør leveres af DMI til kommunerne.", {"DMI"}),
    ("fi", "Luvut ovat peräisin lähteestä Tilastokeskus ja rahoitus tulee Kuntarahoitus "
           "-yhtiöltä.", {"Tilastokeskus"}),
])
def test_a_well_known_body_written_verbatim_is_proposed(tmp_path: Path, language: str,
                                                        body: str, expected: set[str]) -> None:
    found = _proposed(tmp_path, language, body)
    assert expected <= set(found)
    assert all(found[name].country == BODIES[name][0] for name in expected)


@pytest.mark.parametrize(("language", "body", "absent"), [
    # a common word in lowercase, or inside a longer word, names no body
    ("nb", "Det var dårlig sikt på veien, og risen var for dyr.", {"Sikt"}),
    ("sv", "Siktet var att RISEN skulle minska.", {"RISE"}),
    # a registry organisation is never proposed, whatever the list holds
    ("sv", "SKR och Vinnova har tagit fram rapporten.", {"Vinnova", "SKR"}),
])
def test_a_body_not_written_as_its_name_is_not_proposed(tmp_path: Path, language: str,
                                                        body: str, absent: set[str]) -> None:
    assert not absent & set(_proposed(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "expected", "cut"), [
    ("sv", "Förbundet är medlem i Nordiska kommun- och regionförbundens samråd sedan länge.",
     "Nordiska kommun- och regionförbundens samråd", "Nordiska kommun"),
    ("nb", "Rapporten er skrevet av Agder institutt for skole- og oppvekstforskning i fjor.",
     "Agder institutt for skole- og oppvekstforskning", "Agder institutt"),
    ("nb", "Analysen er gjort av By- og bygdeforskningsinstituttet BBI i fjor.",
     "By- og bygdeforskningsinstituttet BBI", "By- og bygdeforskningsinstituttet"),
    ("nb", "Det skjer sammen med Barne-, ungdoms- og kulturdirektoratet i år.",
     "Barne-, ungdoms- og kulturdirektoratet", "kulturdirektoratet"),
    ("fi", "Hanketta tukee Liikenne- ja viestintävirasto tänä vuonna.",
     "Liikenne- ja viestintävirasto", "viestintävirasto"),
])
def test_a_name_cut_at_a_hyphen_is_proposed_whole(tmp_path: Path, language: str, body: str,
                                                  expected: str, cut: str) -> None:
    found = _proposed(tmp_path, language, body)
    assert expected in found
    assert cut not in found


def test_a_lowercase_suspended_compound_is_no_name(tmp_path: Path) -> None:
    found = _proposed(tmp_path, "sv", "Alla kommun- och regionförbund ska delta i arbetet.")
    assert not any("regionförbund" in name for name in found)


def test_a_state_body_in_a_county_is_named_with_the_county(tmp_path: Path) -> None:
    found = _proposed(tmp_path, "sv", "Planen togs fram med Länsstyrelsen i Hallands län och "
                                      "Region Kronobergs län.")
    assert {"Länsstyrelsen i Hallands län"} <= set(found)
    assert "Länsstyrelsen" not in found



@pytest.mark.parametrize(("body", "expected"), [
    ("Tilastokeskuksen mukaan kuntien velka kasvoi.", "Tilastokeskus"),
    ("Hanke sai rahoitusta Kelalta viime vuonna.", "Kela"),
    ("Selvitys tehtiin Traficomin pyynnöstä.", "Traficom"),
])
def test_a_finnish_body_named_in_a_case_is_proposed_in_its_base_form(
        tmp_path: Path, body: str, expected: str) -> None:
    assert expected in _proposed(tmp_path, "fi", body)


def test_a_word_that_only_starts_like_a_body_is_none(tmp_path: Path) -> None:
    # "Kelaan" is no listed case, "Kelatoimisto" a longer word
    found = _proposed(tmp_path, "fi", "Asiakas soitti Kelatoimistoon eilen illalla.")
    assert "Kela" not in found


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("da", "KL har sendt sine anbefalinger om it på sygehusene til Danske Regioner.",
     ("dk-kl", "provided_input_to", "dk-regions")),
    ("da", "KL har desuden fremsendt et notat til Danske Regioner om finansieringen.",
     ("dk-kl", "provided_input_to", "dk-regions")),
])
def test_recommendations_or_a_memo_sent_are_input(tmp_path: Path, language: str, body: str,
                                                  expected: tuple[str, str, str]) -> None:
    publisher, head = HEADS[language]
    triples = {(str(r.data["subject"]), str(r.data["predicate"]), str(r.data["object"]))
               for r in draft_page(tmp_path, publisher, head + body, "nyhed").relationships}
    assert expected in triples


def test_a_letter_sent_is_no_input(tmp_path: Path) -> None:
    publisher, head = HEADS["da"]
    page = tmp_path / f"{publisher}-2026-03-03-nyhed.txt"
    page.write_text(head + "KL har sendt en invitation til Danske Regioner.\n", encoding="utf-8")
    assert not draft.draft(page, REGISTRY).relationships

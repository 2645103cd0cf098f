"""Where an unknown organisation's name ends: a generic head goes on with its field or place
("Myndigheten för yrkeshögskolan", "Välfärdsområdet Österbotten"), a name with a lowercase
organisation noun ("Chalmers tekniska högskola"), a short name before a dash is the name
("VIVE – …"); a generic head alone or a quantifier and a common noun ("Moni kunta") is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import HEADS, draft_page


def _proposed(tmp_path: Path, language: str, body: str) -> set[str]:
    publisher, head = HEADS[language]
    return {p.name for p in draft_page(tmp_path, publisher, head + body, "uutinen").proposed}


@pytest.mark.parametrize(("language", "body", "expected", "not_expected"), [
    ("sv", "Det framgår av en rapport från Myndigheten för arbetsmiljöfrågor som kom i våras.",
     {"Myndigheten för arbetsmiljöfrågor"}, {"Myndigheten"}),
    ("sv", "Institutet för de nordiska språken har granskat texten inför publiceringen.",
     {"Institutet för de nordiska språken"}, {"Institutet"}),
    ("nn", "Høgskulen i Volda og Senter for kvinneforsking har lagt fram ein rapport.",
     {"Senter for kvinneforsking"}, {"Senter"}),
    ("sv", "Välfärdsområdet Kajanaland och Vasa stad har testat modellen under hösten.",
     {"Välfärdsområdet Kajanaland"}, {"Välfärdsområdet"}),
    ("sv", "I arbetet deltog Linköpings tekniska högskola, Karolinska universitetssjukhuset och "
           "Business Region Borås med synpunkter.",
     {"Karolinska universitetssjukhuset", "Business Region Borås"},
     {"Business Region", "Karolinska"}),
    ("da", "Udgifterne fremgår af en analyse fra IFRO – Institut for Fødevare- og "
           "Ressourceøkonomi, som udkom i går.",
     {"IFRO"}, {"IFRO – Institut for Fødevare- og Ressourceøkonomi", "Ressourceøkonomi",
                "Institut for Fødevare-"}),
    ("da", "Løsningen udvikles i samarbejde med virksomheden Systematic.", {"Systematic"}, set()),
    ("sv", "Forskare vid Nordregio har sammanställt underlaget, och Nordic Energy Research har "
           "finansierat en förstudie.", {"Nordic Energy Research"}, set()),
    # a field joined by a conjunction or a preposition, ending the name
    ("sv", "Institutet för språk och folkminnen har granskat texten.",
     {"Institutet för språk och folkminnen"}, {"Institutet för språk"}),
    ("sv", "Rådet för främjande av kommunala analyser har tagit fram siffrorna.",
     {"Rådet för främjande av kommunala analyser"}, {"Rådet för främjande"}),
    ("sv", "Myndigheten för yrkeshögskolan och kommunerna har lämnat synpunkter.",
     {"Myndigheten för yrkeshögskolan"}, {"Myndigheten för yrkeshögskolan och kommunerna"}),
    ("nn", "Rapporten er skriven av Senter for omsorgsforsking og Høgskulen i Volda.",
     {"Senter for omsorgsforsking"}, {"Senter for omsorgsforsking og Høgskulen"}),
    ("da", "Styrelsen for Arbejdsmarked og Rekruttering har udgivet en rapport.",
     {"Styrelsen for Arbejdsmarked og Rekruttering"}, {"Rekruttering"}),
    ("da", "Rådet for Digital Sikkerhed og Region Hovedstaden har udgivet en rapport.",
     {"Rådet for Digital Sikkerhed"}, {"Rådet for Digital Sikkerhed og Region"}),
    ("da", "Styrelsen for Dataforsyning og Infrastruktur og Danske Regioner har udgivet "
           "en rapport.", {"Styrelsen for Dataforsyning og Infrastruktur"}, {"Infrastruktur"}),
    ("sv", "Region Norrbotten och Luleå kommun har antagit planen.",
     {"Region Norrbotten", "Luleå kommun"}, {"Region Norrbotten och Luleå"}),
    # a plural after a name is no part of it
    ("sv", "Rapporten har granskats av Funktionsrätt Sverige kommunerna emellan.",
     set(), {"Funktionsrätt Sverige kommunerna"}),
    # a generic head with nothing after it, a quantifier and a common noun: no one
    ("sv", "Det framgår av en rapport från Myndigheten som kom i våras.", set(),
     {"Myndigheten"}),
    ("fi", "– Moni kunta tekee jo hienoa työtä, sanoo johtaja.", set(), {"Moni kunta"}),
    ("fi", "Pieni kunta voi hyötyä mallista. Pienen kunnan kannalta malli on hyvä.", set(),
     {"Pieni kunta", "Pienen kunta"}),
    ("sv", "Liten kommun kan också delta, säger förbundet.", set(), {"Liten kommun"}),
    ("sv", "Myndigheten för arbetsmiljöfrågor och andra har lämnat synpunkter.",
     {"Myndigheten för arbetsmiljöfrågor"}, {"Myndigheten för arbetsmiljöfrågor och andra"}),
])
def test_organisation_name_extent(tmp_path: Path, language: str, body: str,
                                  expected: set[str], not_expected: set[str]) -> None:
    names = _proposed(tmp_path, language, body)
    assert expected <= names, names
    assert not names & not_expected, names

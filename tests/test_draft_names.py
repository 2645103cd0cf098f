"""Organisations the registry does not know, found by morphology and position rather than by a
list of names: a Finnish genitive before a postposition of support ("Sitran tuella" → Sitra), an
acronym-led name ("IKT Agder"), a legal form ("… ry", "… AS"), an English organisation word
("Menon Economics"), a passive's agent ("granskats av Funktionsrätt Sverige")."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease.draft.names import finnish_base

from .drafting_pages import HEADS, draft_page


def _proposed(tmp_path: Path, language: str, body: str) -> set[str]:
    publisher, head = HEADS[language]
    return {p.name for p in draft_page(tmp_path, publisher, head + body, "uutinen").proposed}


@pytest.mark.parametrize(("genitive", "base"), [
    ("Sitran", "Sitra"), ("Kelan", "Kela"), ("Finlandin", "Finland"), ("DANVA:n", "DANVA"),
    ("Motivan", "Motiva"), ("Sitra", None), ("Kela", None),
])
def test_finnish_genitives_of_names(genitive: str, base: str | None) -> None:
    assert finnish_base(genitive) == base


@pytest.mark.parametrize(("language", "body", "expected", "not_expected"), [
    ("fi", "Kunnat saavat nyt Sitran tuella uuden työkalun, ja hanke on osa Business Finlandin "
           "rahoittamaa ohjelmaa.", {"Sitra", "Business Finland"}, {"Sitran"}),
    ("nb", "Arendal kommune og IKT Agder har vært med på å teste tiltakene.", {"IKT Agder"},
     set()),
    ("fi", "Kannanoton allekirjoittivat Kuntaliitto ja MIELI Suomen Mielenterveys ry.",
     {"MIELI Suomen Mielenterveys ry"}, {"Suomen Mielenterveys"}),
    ("nb", "Rapporten er skrevet av Menon Economics på oppdrag fra KS.", {"Menon Economics"},
     set()),
    ("sv", "Vägledningen har granskats av Funktionsrätt Sverige innan den publicerades.",
     {"Funktionsrätt Sverige"}, set()),
    ("da", "KL deltager i Council of European Municipalities and Regions sammen med SKR.",
     {"Council of European Municipalities and Regions"}, set()),
    # people and places are not proposed: a person's two names, a place after "i"
    ("sv", "Rapporten har granskats av Anna Lindqvist i Umeå.", set(),
     {"Anna Lindqvist", "Lindqvist", "Umeå"}),
    ("fi", "Työ tehtiin Mikko Virtasen tuella.", set(), {"Mikko Virtanen", "Virtanen"}),
])
def test_unknown_organisations_by_morphology_and_position(
        tmp_path: Path, language: str, body: str, expected: set[str],
        not_expected: set[str]) -> None:
    names = _proposed(tmp_path, language, body)
    assert expected <= names
    assert not names & not_expected

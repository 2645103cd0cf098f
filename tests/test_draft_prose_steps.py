"""Principles in prose of issue 12d: Danish ordinals after an introduction that also names the
document's initiatives, Swedish steps ("Först … Därefter … Sedan … Till sist …"), and values or
principles counted before a colon ("Tre verdiar ligg til grunn for strategien: A, B og C").
Each has a twin that must stay out: demands, no first step, a count that does not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import HEADS, draft_page

_DOCUMENT = {
    "sv": "Regionen har antagit ”Regional plan för hälsodata 2030–2034”.\n\n",
    "nn": "Hovudstyret i KS har vedteke «Rekrutteringsstrategi 2035 for kommunane».\n\n",
    "da": 'KL har i dag lanceret "Den fælles strategi for velfærdsteknologi 2030".\n\n',
}


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    publisher, head = HEADS[language]
    result = draft_page(tmp_path, publisher, head + _DOCUMENT[language] + body)
    return [str(p.data["text"]) for d in result.documents for p in d.principles]


def test_danish_ordinals_after_principles_in_the_strategys_initiatives(tmp_path: Path) -> None:
    found = _principles(tmp_path, "da", (
        "Tre grundprincipper går igen i alle strategiens initiativer. For det første skal "
        "borgerne altid kunne få hjælp. For det andet skal data deles sikkert. For det tredje "
        "skal løsningerne udvikles i fællesskab."))
    assert found == ["skal borgerne altid kunne få hjælp", "skal data deles sikkert",
                     "skal løsningerne udvikles i fællesskab"]


def test_danish_ordinals_after_the_initiatives_alone_are_none(tmp_path: Path) -> None:
    found = _principles(tmp_path, "da", (
        "Strategien har tre initiativer. For det første skal borgerne altid kunne få hjælp. "
        "For det andet skal data deles sikkert. For det tredje skal løsningerne udvikles."))
    assert found == []


def test_swedish_steps_are_the_plans_principles(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", (
        "Planen beskriver arbetet i fyra steg. Först kartläggs vilka register som finns. "
        "Därefter samlas behoven in. Sedan prövas lösningarna i vården. Till sist utvärderas "
        "resultaten."))
    assert found == ["Först kartläggs vilka register som finns.", "Därefter samlas behoven in.",
                     "Sedan prövas lösningarna i vården.", "Till sist utvärderas resultaten."]


@pytest.mark.parametrize("body", [
    # no first step: a narrative, not a sequence the plan sets out
    "Planen beskriver arbetet i fyra steg. Därefter samlas behoven in. Sedan prövas "
    "lösningarna i vården. Till sist utvärderas resultaten.",
    # someone's demands in steps
    "SKR kräver att regeringen gör tre saker. Först ska finansieringen säkras. Därefter "
    "ska lagen ändras. Till sist ska uppföljningen stärkas.",
])
def test_steps_without_a_first_or_after_demands_are_none(tmp_path: Path, body: str) -> None:
    assert _principles(tmp_path, "sv", body) == []


def test_values_counted_before_a_colon(tmp_path: Path) -> None:
    found = _principles(tmp_path, "nn", "Tre verdiar ligg til grunn for strategien: tillit, "
                                        "openheit og nyskaping.")
    assert found == ["tillit", "openheit", "nyskaping"]


def test_long_principles_counted_before_a_colon(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", (
        "Planen utgår från tre principer: likvärdig vård i hela regionen, ett aktivt "
        "erbjudande av digitala tjänster till alla och ett tydligt ansvar för data i ledningen."))
    assert len(found) == 3 and found[2] == "ett tydligt ansvar för data i ledningen"


@pytest.mark.parametrize("body", [
    # the count does not match the items
    "Fire verdiar ligg til grunn for strategien: tillit, openheit og nyskaping.",
    # figures: a finding, not values
    "Tre verdiar ligg til grunn for strategien: 12 prosent, 30 prosent og 40 prosent.",
    # someone's demands
    "KS krev tre verdiar i strategien: tillit, openheit og nyskaping.",
])
def test_counted_lists_that_are_no_principles(tmp_path: Path, body: str) -> None:
    assert _principles(tmp_path, "nn", body) == []


def test_what_the_strategy_emphasises_inline(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", "Planen lyfter fram tillit, öppenhet och samverkan.")
    assert found == ["tillit", "öppenhet", "samverkan"]


@pytest.mark.parametrize("body", [
    # a report's emphasis is a finding
    "Regionen har publicerat rapporten ”Hälsodata i praktiken”. Rapporten lyfter fram "
    "brister i styrningen, höga kostnader och långa väntetider.",
    # two items: too few to be sure
    "Planen lyfter fram tillit och öppenhet.",
    # someone's demands
    "Planen lyfter fram krav på tillit, öppenhet och samverkan.",
])
def test_emphasis_that_is_no_principle(tmp_path: Path, body: str) -> None:
    found = _principles(tmp_path, "sv", body)
    assert not {"brister i styrningen", "tillit", "öppenhet"} & set(found)


@pytest.mark.parametrize("body", [
    # sources named among the items: no principles
    "Planen lyfter fram data från regionerna, Kolada och enkäter.",
    # "Sedan 2020" is a time, not a step
    "Planen beskriver arbetet i tre steg. Först kartläggs registren. Sedan 2020 har regionen "
    "samlat data. Till sist utvärderas resultaten.",
])
def test_sources_and_times_are_no_principles(tmp_path: Path, body: str) -> None:
    assert _principles(tmp_path, "sv", body) == []


def test_steps_after_a_mere_count_are_none(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", (
        "Planen prövas i tre kommuner. Först ut är Sjöby kommun. Därefter följer Åby kommun. "
        "Till sist ansluter Norrby kommun."))
    assert found == []

"""Adversarial pages for documents named by long formal titles or by a word for a handbook, a
passive issuer, a ministry that prepared a bill, input given ("gav ett utlåtande … till") and
collaboration tied to an earlier round of work: mostly Finland-Swedish, the pages that failed
whole in the blind sets drafting-fresh11 and drafting-fresh12."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft

from .drafting_pages import REGISTRY, draft_page

_HEAD = "Nyhet\n\nPublicerad 20.4.2026\n\nRubrik\n\n"
_BILL = ("Regeringens proposition till riksdagen med förslag till lag om ändring av lagen om "
         "statsandel för kommunal basservice och av vissa lagar som har samband med den")


def _draft(tmp_path: Path, body: str, publisher: str = "kuntaliitto") -> draft.Draft:
    return draft_page(tmp_path, publisher, _HEAD + body, date="2026-04-20")


def _roles(result: draft.Draft) -> set[tuple[str, str]]:
    return {(str(r.data["organisation"]), str(r.data["role"]))
            for d in result.documents for r in d.roles}


def test_a_long_formal_bill_title_is_a_document_with_its_roles(tmp_path: Path) -> None:
    result = _draft(tmp_path, (
        f"Regeringen har överlämnat propositionen ”{_BILL}” (RP 41/2026 rd) till riksdagen i "
        "Finland. Propositionen har beretts vid Finansministeriet."))
    assert [d.title for d in result.documents] == [_BILL]
    assert {("fi-eduskunta", "addressee"), ("fi-vm", "lead")} <= _roles(result)


def test_a_long_quotation_that_names_no_document_kind_is_no_title(tmp_path: Path) -> None:
    # the same length, but a quotation: the title's first words name no kind of document
    quotation = ("Vi måste se till att kommunerna får pengar för alla de uppgifter som staten "
                 "ger dem och att ingen kommun lämnas ensam med sina kostnader i framtiden")
    result = _draft(tmp_path, f"Förbundet kommenterade propositionen: ”{quotation}”.")
    assert quotation not in [d.title for d in result.documents]


@pytest.mark.parametrize(("body", "title"), [
    ("Handboken ”Service på två språk – en handbok för kommuner” publicerades i dag av "
     "Kommunförbundet.", "Service på två språk – en handbok för kommuner"),
    ("KS har publisert håndboka «Digital tjenesteutvikling i kommunene».",
     "Digital tjenesteutvikling i kommunene"),
])
def test_a_handbook_is_a_document(tmp_path: Path, body: str, title: str) -> None:
    result = _draft(tmp_path, body)
    assert title in [d.title for d in result.documents]


def test_a_passive_issuing_verb_names_the_issuer_after_it(tmp_path: Path) -> None:
    result = _draft(tmp_path, "Handboken ”Service på två språk” publicerades i dag av "
                              "Kommunförbundet.", publisher="skr")
    assert [d.issuer for d in result.documents] == ["fi-kuntaliitto"]


def test_a_passive_verb_before_the_title_names_no_issuer(tmp_path: Path) -> None:
    # "by X" is said of something else before the document is named
    result = _draft(tmp_path, "Uppgifterna publicerades av Kommunförbundet i handboken "
                              "”Service på två språk”.", publisher="skr")
    assert [d.issuer for d in result.documents] != ["fi-kuntaliitto"]


def test_input_given_is_input_and_an_earlier_collaboration_is_over(tmp_path: Path) -> None:
    result = _draft(tmp_path, (
        "Kommunförbundet gav i februari ett utlåtande om utkastet till Finansministeriet.\n\n"
        "Kommunförbundet och Finansministeriet samarbetade kring den förra reformen 2015, men "
        "den här gången har förbundet stått utanför."))
    triples = {(str(r.data["subject"]), str(r.data["predicate"]), str(r.data["object"]))
               for r in result.relationships}
    assert ("fi-kuntaliitto", "provided_input_to", "fi-vm") in triples
    assert not any(p == "collaborates_with" for _, p, _ in triples)


def test_the_object_of_a_preposition_is_no_subject_of_the_next_verb(tmp_path: Path) -> None:
    result = _draft(tmp_path, (
        f"Regeringen har överlämnat propositionen ”{_BILL}” till riksdagen i Finland.\n\n"
        "Kommunförbundet gav ett utlåtande om utkastet till Finansministeriet och deltog "
        "dessutom i delegationen."))
    assert ("fi-vm", "contributor") not in _roles(result)


def _triples(result: draft.Draft) -> set[tuple[str, str, str]]:
    return {(str(r.data["subject"]), str(r.data["predicate"]), str(r.data["object"]))
            for r in result.relationships}


@pytest.mark.parametrize(("publisher", "body"), [
    ("skr", "SKR och Vinnova drev tidigare ett gemensamt program, men det avslutades 2025."),
    ("kuntaliitto", "Kuntaliitto ja valtiovarainministeriö tekivät aiemmin yhteistyötä "
                    "arviointiryhmässä, mutta ryhmä lakkautettiin 2024."),
])
def test_a_collaboration_a_but_clause_says_is_over_is_none(tmp_path: Path, publisher: str,
                                                          body: str) -> None:
    result = _draft(tmp_path, body, publisher=publisher)
    assert not any(p == "collaborates_with" for _, p, _ in _triples(result))


def test_a_collaboration_with_a_but_clause_about_something_else_still_holds(
        tmp_path: Path) -> None:
    result = _draft(tmp_path, "SKR och Vinnova driver ett gemensamt program, men det behöver "
                              "mer pengar.", publisher="skr")
    assert ("se-skr", "collaborates_with", "se-vinnova") in _triples(result) or (
        "se-vinnova", "collaborates_with", "se-skr") in _triples(result)


def test_the_nynorsk_article_ei_is_no_negation(tmp_path: Path) -> None:
    page = tmp_path / "ks-2026-03-03-nyheit.txt"
    page.write_text("Publisert: 3. mars 2026\n\nNyheit\n\nOverskrift\n\nKS har sendt ei "
                    "høyringsfråsegn til Stortinget om endringane i lova.\n", encoding="utf-8")
    triples = _triples(draft.draft(page, REGISTRY))
    assert ("no-ks", "provided_input_to", "no-storting") in triples

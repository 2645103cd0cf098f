"""Adversarial pages for principles that are not a plain "principles:" list: prose with ordinals
("För det första …"), an enumeration inside a sentence ("lähtökohtina ovat A, B ja C"), a list
given "according to" the document ("Ifølge meldingen skal fem prinsipper …"), and a title whose
document word is its subject ("… från plan till handling" on a report). Each positive case has
its false-positive twin: someone's demands, findings, another body's recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import HEADS, draft_page


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    publisher, head = HEADS[language]
    return [str(p.data["text"]) for d in draft_page(tmp_path, publisher, head + body).documents
            for p in d.principles]


_BILL_SV = "Regeringen har lagt fram propositionen ”En ny skollag för alla”.\n\n"


def test_ordinal_sentences_are_the_documents_principles(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", _BILL_SV + (
        "Den nya lagen vilar på tre grundtankar. För det första ska skolan vara likvärdig. "
        "För det andra ska eleverna få stöd tidigt. För det tredje ska lärarna ha tid."))
    # the text without the ordinal lead-in (GOLD.md); the evidence keeps the sentence
    assert found == ["ska skolan vara likvärdig", "ska eleverna få stöd tidigt",
                     "ska lärarna ha tid"]


@pytest.mark.parametrize("intro", [
    "SKR kräver tre saker.",  # someone's demands
    "Utredningen visade tre brister.",  # findings
    "Det finns tre skäl.",  # no count that matches, no principle word
])
def test_ordinal_sentences_after_demands_or_findings_are_none(tmp_path: Path,
                                                             intro: str) -> None:
    found = _principles(tmp_path, "sv", _BILL_SV + (
        f"{intro} För det första ska skolan vara likvärdig. För det andra ska eleverna få "
        "stöd tidigt."))
    assert found == []


def test_an_enumeration_after_a_principle_word_is_the_documents(tmp_path: Path) -> None:
    found = _principles(tmp_path, "fi", (
        "Hallitus antoi esityksen ”Hallituksen esitys eduskunnalle laiksi kuntalain "
        "muuttamisesta”. Esityksen lähtökohtina ovat kunnan itsehallinto, asukkaiden "
        "yhdenvertaisuus ja kuntatalouden kestävyys."))
    assert found == ["kunnan itsehallinto", "asukkaiden yhdenvertaisuus",
                     "kuntatalouden kestävyys"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("nb", "Regjeringen la fram strategien «Alle skal med». Strategien bygger på tre prinsipper: "
     "gratis deltakelse, aktiviteter nær der barna bor og et samarbeid mellom kommunen og "
     "frivilligheten.",
     ["gratis deltakelse", "aktiviteter nær der barna bor",
      "et samarbeid mellom kommunen og frivilligheten"]),
    ("sv", "Regeringen har lagt fram propositionen ”En ny skollag för alla”. Lagen vilar på tre "
     "principer: likvärdighet, tidigt stöd och ett samarbete mellan skolan och hemmet.",
     ["likvärdighet", "tidigt stöd", "ett samarbete mellan skolan och hemmet"]),
    ("fi", "Hallitus antoi esityksen ”Hallituksen esitys eduskunnalle laiksi kuntalain "
     "muuttamisesta”. Esityksen lähtökohtina ovat kunnan itsehallinto, asukkaiden "
     "yhdenvertaisuus ja valtion ja kuntien yhteinen vastuu.",
     ["kunnan itsehallinto", "asukkaiden yhdenvertaisuus", "valtion ja kuntien yhteinen vastuu"]),
])
def test_the_last_item_of_an_enumeration_may_hold_a_conjunction(
        tmp_path: Path, language: str, text: str, expected: list[str]) -> None:
    assert _principles(tmp_path, language, text) == expected


@pytest.mark.parametrize("sentence", [
    # figures, and someone's view of the principles, are no enumeration of them
    "Esityksen lähtökohtina ovat 3 prosentin säästö, 200 miljoonaa euroa ja 12 kuntaa.",
    "Kuntaliiton mielestä periaatteina ovat kunnan itsehallinto ja asukkaiden "
    "yhdenvertaisuus.",
])
def test_an_enumeration_of_figures_or_views_is_none(tmp_path: Path, sentence: str) -> None:
    found = _principles(tmp_path, "fi", (
        "Hallitus antoi esityksen ”Hallituksen esitys eduskunnalle laiksi kuntalain "
        f"muuttamisesta”. {sentence}"))
    assert found == []


_ITEMS = "\n".join(["- Kommunene skal styres gjennom rammer.",
                      "- Nye oppgaver skal følges av full finansiering."])


def test_principles_given_according_to_the_document_are_its(tmp_path: Path) -> None:
    found = _principles(tmp_path, "nb", (
        "Regjeringen la fram meldingen «Tillit og handlingsrom».\n\n"
        f"Ifølge meldingen skal to prinsipper ligge til grunn:\n\n{_ITEMS}"))
    assert len(found) == 2


def test_findings_according_to_another_source_are_none(tmp_path: Path) -> None:
    found = _principles(tmp_path, "nb", (
        "Regjeringen la fram meldingen «Tillit og handlingsrom».\n\n"
        f"Ifølge KS skal to prinsipper ligge til grunn:\n\n{_ITEMS}"))
    assert found == []


def test_a_document_word_inside_a_title_does_not_name_its_kind(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", (
        "SKR har publicerat rapporten ”Klimatanpassa nu – från plan till handling”.\n\n"
        "Enligt rapporten bör arbetet följa tre steg:\n\n"
        "- Kartlägg vilka risker kommunen har.\n- Prioritera åtgärder efter risk.\n"
        "- Följ upp åtgärderna varje år."))
    assert len(found) == 3


_SOU = "Regeringen har lagt fram propositionen ”En ny skollag för alla”.\n\n"
_TANKAR = "\n".join(["- Skolan ska vara likvärdig.", "- Eleverna ska få stöd tidigt.",
                     "- Lärarna ska ha tid för undervisning."])


def test_the_proposal_the_page_is_about_rests_on_principles(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", f"{_SOU}Förslaget vilar på tre bärande tankar:\n\n"
                                        f"{_TANKAR}")
    assert len(found) == 3


def test_someone_elses_proposals_are_still_none(tmp_path: Path) -> None:
    found = _principles(tmp_path, "sv", f"{_SOU}SKR föreslår tre förändringar:\n\n{_TANKAR}")
    assert found == []

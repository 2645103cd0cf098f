"""Relationships of issue 12d stated by an apposition or a relative clause ("Digst, en styrelse
under …", "…, som är en av SKR:s medlemmar", "…, joka on yksi valtioneuvoston ministeriöistä",
"søsterorganisasjonen til KS, KL,"), a collaboration stated outright in Finnish, and a joint
publication that is no collaboration. Each positive has a twin that must stay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import Triple, draft_in, triples


def _relationships(tmp_path: Path, language: str, body: str) -> set[Triple]:
    return triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("da", "Projektet ledes af Digitaliseringsstyrelsen, som er en styrelse under "
           "Regeringen (Danmark), og det slutter i 2030.",
     ("dk-digst", "part_of", "dk-government")),
    ("fi", "Asia on valmisteltu valtiovarainministeriössä, joka on yksi valtioneuvoston "
           "ministeriöistä.", ("fi-vm", "part_of", "fi-government")),
    ("sv", "Vinnova, som är en av SKR:s medlemmar, har prövat modellen i ett projekt.",
     ("se-vinnova", "member_of", "se-skr")),
    ("nn", "Den danske søsterorganisasjonen til KS, Kommunernes Landsforening, kjenner att "
           "dei same utfordringane.", ("dk-kl", "sister_organisation_of", "no-ks")),
    ("fi", "Kuntaliitto ja valtiovarainministeriö tekevät yhteistyötä rahoitusmallin "
           "selvittämisessä.", ("fi-kuntaliitto", "collaborates_with", "fi-vm")),
    ("fi", "Valtiovarainministeriö on Kuntaliiton jäsen.",
     ("fi-vm", "member_of", "fi-kuntaliitto")),
    ("fi", "Valtiovarainministeriö toimii valtioneuvoston alaisuudessa.",
     ("fi-vm", "part_of", "fi-government")),
    ("sv", "Vinnova är en av SKR:s medlemmar och deltar i arbetet.",
     ("se-vinnova", "member_of", "se-skr")),
    ("sv", "Vinnova är medlem i Sveriges Kommuner och Regioner och deltar i SKR:s nätverk "
           "för regional utveckling.", ("se-vinnova", "member_of", "se-skr")),
])
def test_relationships_by_apposition_and_relative_clause(
        tmp_path: Path, language: str, body: str, expected: Triple) -> None:
    assert expected in _relationships(tmp_path, language, body)


@pytest.mark.parametrize(("language", "body"), [
    # a list, not an apposition: no part of anyone
    ("da", "Digitaliseringsstyrelsen, KL og Danske Regioner har holdt et møde under "
           "Regeringen (Danmark)s konference."),
    # members of a network are no members of its owner
    ("sv", "Vinnova, som är en av nätverkets medlemmar, deltar i SKR:s nätverk."),
    # no longer a member, not a member: none
    ("sv", "Vinnova var en av SKR:s medlemmar fram till 2020."),
    ("fi", "Valtiovarainministeriö ei ole Kuntaliiton jäsen."),
    # Finnish: considering a collaboration is none
    ("fi", "Kuntaliitto ja valtiovarainministeriö selvittävät mahdollisuutta yhteistyöhön."),
    # a joint publication is the document's roles, not a collaboration
    ("sv", "I dag presenterar Sveriges Kommuner och Regioner tillsammans med Vinnova "
           "”Färdplan för digital välfärd 2029–2033”."),
])
def test_no_relationship_from_lists_networks_plans_or_joint_papers(
        tmp_path: Path, language: str, body: str) -> None:
    found = _relationships(tmp_path, language, body)
    assert not {t for t in found if t[1] in ("part_of", "member_of", "collaborates_with")}, found

"""Roles of issue 12d: an addressee after "la <adverb> fram «…» for Stortinget", a contributor
that "har ingått i strategins referensgrupp"; their twins stay out (a group it has not joined,
a proposal laid before no one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drafting_pages import HEADS, draft_page


def _roles(tmp_path: Path, language: str, body: str) -> set[tuple[str, str]]:
    publisher, head = HEADS[language]
    return {(str(r.data["organisation"]), str(r.data["role"]))
            for d in draft_page(tmp_path, publisher, head + body).documents for r in d.roles}


def test_addressee_after_an_adverb_between_la_and_fram(tmp_path: Path) -> None:
    found = _roles(tmp_path, "nb", "Regjeringen la fredag fram «Meld. St. 9 (2028–2029) "
                                   "Tillit i forvaltningen» for Stortinget.")
    assert ("no-storting", "addressee") in found


def test_no_addressee_when_nothing_is_laid_before_it(tmp_path: Path) -> None:
    found = _roles(tmp_path, "nb", "Regjeringen la fredag fram «Meld. St. 9 (2028–2029) "
                                   "Tillit i forvaltningen». Stortinget har ikke behandlet den.")
    assert ("no-storting", "addressee") not in found


@pytest.mark.parametrize(("body", "expected"), [
    ("Regeringen har beslutat om strategin ”Välfärdens kompetens 2035”. Vinnova har ingått i "
     "strategins referensgrupp.", True),
    # not joined: no role
    ("Regeringen har beslutat om strategin ”Välfärdens kompetens 2035”. Vinnova har inte "
     "ingått i strategins referensgrupp.", False),
])
def test_contributor_by_membership_of_the_reference_group(tmp_path: Path, body: str,
                                                          expected: bool) -> None:
    assert (("se-vinnova", "contributor") in _roles(tmp_path, "sv", body)) is expected

"""Pages of other kinds of sites (agencies, hospitals, small municipalities, inter-municipal
companies): several contacts on one line or line after line with the role first, a press desk
before the people, phone lines that are no person, a change stamp in the page's foot, a short
breadcrumb from the home page, a "Tekst:" byline.

Every page here is written for the test; each positive case failed on the extractor before.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from datarelease.extract import Contact, Record, read_source

HEAD_NB = ("Nyhet\n\nNy ordning for innsamling av tekstiler\n\nPublisert 23. september 2031\n\n"
           "Fra nyttår skal tekstiler sorteres for seg i alle kommunene i regionen.\n\n"
           "Kommunene setter ut egne containere på gjenvinningsstasjonene.\n\n")


def _read(tmp_path: Path, name: str, text: str) -> Record:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def _people(record: Record) -> list[tuple[str, str | None]]:
    return [(c.name, c.role) for c in record.contacts]


@pytest.mark.parametrize(("line", "expected"), [
    ("Lisätietoja: palvelujohtaja Minna Laine, p. 040 187 2201, ja ylilääkäri Timo Kallio, "
     "p. 040 187 2245", [("Minna Laine", "palvelujohtaja"), ("Timo Kallio", "ylilääkäri")]),
    ("Kontakt: Anna Berg, handläggare, och Erik Ek, utredare",
     [("Anna Berg", "handläggare"), ("Erik Ek", "utredare")]),
])
def test_two_contacts_joined_by_and_on_one_line(tmp_path: Path, line: str,
                                                 expected: list[tuple[str, str]]) -> None:
    record = _read(tmp_path, "side.txt", f"{HEAD_NB}{line}\n")
    assert _people(record) == expected


def test_role_first_contacts_line_after_line(tmp_path: Path) -> None:
    page = (f"{HEAD_NB}Kontaktpersoner:\nRegionsrådsformand Henrik Vestergaard, tlf. 97 64 80 00\n"
            "Lægefaglig direktør Birgitte Kjær, tlf. 97 64 83 10\n\nDel:\nFacebook\n")
    record = _read(tmp_path, "side.txt", page)
    assert _people(record) == [("Henrik Vestergaard", "Regionsrådsformand"),
                               ("Birgitte Kjær", "Lægefaglig direktør")]


@pytest.mark.parametrize("desk", [
    "Skolverkets presstjänst\n08-527 332 00\npress@skolverket.se",
    "Pressetelefon: 35 29 81 34",
    "Kommunikasjonsavdelingen\nSentralbord 22 22 22 22",
])
def test_a_press_desk_before_the_people_is_passed_over(tmp_path: Path, desk: str) -> None:
    page = f"{HEAD_NB}Kontakt\n{desk}\n\nJonas Wikström\navdelningschef, avdelningen för bedömning\n"
    record = _read(tmp_path, "side.txt", page)
    assert _people(record) == [("Jonas Wikström", "avdelningschef, avdelningen för bedömning")]


@pytest.mark.parametrize("line", ["Pressetelefon: 72 22 74 44 (hverdage kl. 8-16)",
                                  "Sähköpostiosoitteet ovat muotoa etunimi.sukunimi@thl.fi"])
def test_a_phone_or_address_note_in_an_html_contact_block_is_no_person(tmp_path: Path,
                                                                        line: str) -> None:
    page = ('<html lang="da"><body><main><h1>Hedebølge: gode råd til ældre</h1>'
            "<p>Publiceret 22. maj 2031</p><p>Sundhedsstyrelsen giver gode råd om varmen.</p>"
            f"<h2>Kontakt</h2><p>Mette Holm, overlæge</p><p>{line}</p></main></body></html>")
    record = _read(tmp_path, "side.html", page)
    assert record.contacts == (Contact(name="Mette Holm", role="overlæge", block="contact"),)


def test_a_change_stamp_after_a_line_break_in_the_pages_foot(tmp_path: Path) -> None:
    page = ('<html lang="fi"><body><div id="content"><h1>Savonkadun katutyöt alkavat</h1>'
            '<div class="pvm">8.4.2031</div><p>Savonkadun saneeraus alkaa toukokuussa ja kestää '
            'syksyyn asti.</p><div class="foot"><a href="#">Tulosta</a> | <a href="#">Lähetä '
            "sivu</a><br />Sivua päivitetty 10.4.2031</div></div></body></html>")
    record = _read(tmp_path, "sivu.html", page)
    assert (record.published, record.modified) == (datetime.date(2031, 4, 8),
                                                   datetime.date(2031, 4, 10))


def test_a_short_trail_from_home_a_menu_item_and_a_text_byline(tmp_path: Path) -> None:
    page = ("Innherred Renovasjon IKS\nTømmekalender\nSorteringsguide\nMin side\nSøk\n\n"
            "Forside / Aktuelt\n\n23.09.2031 kl. 13:40\n\nFra nyttår skal tekstiler sorteres for seg\n\n"
            "Tekst: Marit Solberg\n\nFra 1. januar 2032 er det ikke lov å kaste tekstiler i "
            "restavfallet.\n\nDet nye kravet gjelder for hele landet.\n")
    record = _read(tmp_path, "side.txt", page)
    assert (record.title, record.content_label) == ("Fra nyttår skal tekstiler sorteres for seg", "")
    assert record.lede == "Fra 1. januar 2032 er det ikke lov å kaste tekstiler i restavfallet."


@pytest.mark.parametrize("line", ["Tekst: Den nye planen er klar.",
                                  "Text: Så här sorterar du textilier hemma."])
def test_a_text_label_over_a_sentence_is_no_byline(tmp_path: Path, line: str) -> None:
    page = (f"Nyhet\n\nNy ordning for tekstiler\n\nPublisert 23. september 2031\n\n{line}\n\n"
            "Kommunene setter ut egne containere på gjenvinningsstasjonene.\n")
    record = _read(tmp_path, "side.txt", page)
    assert record.lede == line

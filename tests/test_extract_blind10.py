"""Contact blocks of the classes extract-blind10 missed on its first run, on pages of our own:
a contact sentence in the passive ("Mer information lämnas av …"), and more people in the
paragraphs after a heading that held the first person on its own line ("Lisätietoja: …")."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease.extract import Record, read_source

HEAD_SV = ("Nyhet\n\nNy cykelväg mellan byarna\n\nPublicerad 14 mars 2031\n\n"
           "Kommunen bygger en cykelväg mellan Norrby och Söderby under sommaren.\n\n")


def _read(tmp_path: Path, name: str, text: str) -> Record:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def _people(record: Record) -> list[tuple[str, str | None]]:
    return [(person.name, person.role) for person in record.contacts]


@pytest.mark.parametrize(("line", "expected"), [
    ("Mer information lämnas av gatuchef Lars Holm, tel. 0571-281 14, och "
     "kommundirektör Eva Sand, tel. 0571-280 01.",
     [("Lars Holm", "gatuchef"), ("Eva Sand", "kommundirektör")]),
    ("Ytterligare upplysningar lämnas av planarkitekt Sara Nyberg, tfn 08-123 45 67.",
     [("Sara Nyberg", "planarkitekt")]),
    ("Nærmere opplysninger gis ved prosjektleder Ola Bakke, tlf. 90 12 34 56.",
     [("Ola Bakke", "prosjektleder")]),
    ("Yderligere oplysninger kan fås ved centerchef Mette Holm, tlf. 72 36 00 00.",
     [("Mette Holm", "centerchef")]),
])
def test_a_contact_sentence_in_the_passive(tmp_path: Path, line: str,
                                           expected: list[tuple[str, str]]) -> None:
    record = _read(tmp_path, "sida.txt", f"{HEAD_SV}{line}\n\nDela\nFacebook\n")
    assert _people(record) == expected
    assert line not in record.body


@pytest.mark.parametrize("line", [
    "Mer information lämnas av kommunen på webbplatsen i april.",
    "Ytterligare upplysningar lämnas av skolorna vid terminsstarten.",
])
def test_a_passive_sentence_of_where_to_read_more_is_no_contact(tmp_path: Path, line: str) -> None:
    record = _read(tmp_path, "sida.txt", f"{HEAD_SV}{line}\n")
    assert record.contacts == ()
    assert line in record.body


def _fi_page(after_heading: str) -> str:
    return ('<html lang="fi"><body><article><h1>Digituki vakiintuu</h1>'
            "<p>Julkaistu 23.9.2031</p><p>Digitukea annetaan jatkossa kirjastoissa.</p>"
            '<p><strong>Lisätietoja:</strong> <a href="mailto:p@x.fi">Päivi Salonen</a>, '
            f"neuvotteleva virkamies, puh. 0295 530 221</p>{after_heading}</article>"
            '<div class="share"><span>Jaa</span> <a href="#">Facebook</a></div></body></html>')


def test_more_people_after_a_heading_with_its_first_person_on_its_line(tmp_path: Path) -> None:
    more = ('<p><a href="mailto:a@x.fi">Antti Huttunen</a>, kehittämispäällikkö, '
            "puh. 0295 530 348</p><p>erityisasiantuntija Liisa Koski, puh. 0295 530 111</p>")
    record = _read(tmp_path, "sivu.html", _fi_page(more))
    assert _people(record) == [("Päivi Salonen", "neuvotteleva virkamies"),
                               ("Antti Huttunen", "kehittämispäällikkö"),
                               ("Liisa Koski", "erityisasiantuntija")]


def test_text_after_a_heading_with_its_person_stays_the_articles(tmp_path: Path) -> None:
    text = "<p>Valtionavustushaku avataan joulukuussa, ja hakuaika päättyy helmikuussa.</p>"
    record = _read(tmp_path, "sivu.html", _fi_page(text))
    assert _people(record) == [("Päivi Salonen", "neuvotteleva virkamies")]
    assert "Valtionavustushaku avataan joulukuussa" in record.body


def _old_cms(cell: str) -> str:
    return ('<html lang="sv"><body><table><tr><td class="meny"><a href="/">Startsida</a></td>'
            '<td class="innehall"><h1>Ny cykelväg mellan byarna</h1><font size="1">2031-02-11'
            "</font><br><b>Kommunen bygger en cykelväg mellan byarna i sommar.</b><br><br>"
            f"Arbetet börjar i maj och ska vara klart i oktober.<br><br>{cell}</td></tr></table>"
            "</body></html>")


@pytest.mark.parametrize("cell", [
    "<b>Kontakt</b><br>Anna Berg, utvecklingsstrateg<br>tel. 0571-281 14<br><br>"
    "Per-Erik Svanström, kommundirektör<br>tel. 0571-280 01",
    "Mer information lämnas av utvecklingsstrateg Anna Berg, tel. 0571-281 14, och "
    "kommundirektör Per-Erik Svanström, tel. 0571-280 01.",
    "<b>Kontakt:</b> utvecklingsstrateg Anna Berg, tel. 0571-281 14<br><br>"
    "kommundirektör Per-Erik Svanström, tel. 0571-280 01",
])
def test_contacts_in_a_cell_of_lines_divided_by_breaks(tmp_path: Path, cell: str) -> None:
    record = _read(tmp_path, "sida.html", _old_cms(cell + "<br><br>Skriv ut"))
    assert _people(record) == [("Anna Berg", "utvecklingsstrateg"),
                               ("Per-Erik Svanström", "kommundirektör")]
    assert "Anna Berg" not in record.body and "oktober" in record.body


def test_the_text_after_a_contact_chunk_in_a_cell_stays_the_articles(tmp_path: Path) -> None:
    cell = ("<b>Kontakt</b><br>Anna Berg, utvecklingsstrateg<br><br>Ansökningar tas emot "
            "löpande under hela året.<br><br>Per Holm skriver om saken i nästa nummer.")
    record = _read(tmp_path, "sida.html", _old_cms(cell))
    assert _people(record) == [("Anna Berg", "utvecklingsstrateg")]
    assert "Ansökningar tas emot löpande under hela året." in record.body
    assert "Per Holm skriver om saken i nästa nummer." in record.body


def test_names_in_a_cell_without_a_contact_heading_are_no_contacts(tmp_path: Path) -> None:
    cell = "Anna Berg, utvecklingsstrateg, leder arbetet.<br><br>Per Holm<br>kommundirektör"
    assert _read(tmp_path, "sida.html", _old_cms(cell)).contacts == ()

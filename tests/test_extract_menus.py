"""A site's menu copied into a text export above the date: skip links in more words, a menu
that holds "Kontakt", and a breadcrumb trail copied one crumb a line.

Every page here is written for the test; each positive case failed on the extractor before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease.extract import Record, read_source


def _read(tmp_path: Path, text: str) -> Record:
    path = tmp_path / "sida.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


CASES = [  # (skip link, menu, label line, date line, title, lede)
    ("Till innehållet på sidan", "Meny\nRegeringen\nPress\nKontakt",
     "Pressmeddelande från Socialdepartementet", "Publicerad 3 februari 2031",
     "Nya regler för hemtjänsten", "Regeringen föreslår att kommunerna får större frihet att "
     "organisera hemtjänsten efter de äldres behov."),
    ("Siirry suoraan sisältöön", "Valikko\nMinisteriö\nYhteystiedot", "Tiedote",
     "Julkaistu 4.2.2031 10.15", "Kuntien rahoitus uudistuu",
     "Valtiovarainministeriö esittää, että kuntien valtionosuusjärjestelmää yksinkertaistetaan "
     "vuoden 2033 alusta."),
    ("Hopp direkte til innhold", "Meny\nTjenester\nKontakt oss", "Pressemelding fra "
     "Kommunal- og distriktsdepartementet", "Publisert 5. februar 2031",
     "Mer penger til kommunene", "Regjeringen vil øke rammetilskuddet til kommunene med "
     "to milliarder kroner neste år."),
]


@pytest.mark.parametrize(("skip", "menu", "label", "date", "title", "lede"), CASES)
def test_the_title_after_the_date_under_a_menu_with_a_contact_item(
        tmp_path: Path, skip: str, menu: str, label: str, date: str, title: str, lede: str) -> None:
    page = f"{skip}\n{menu}\n\n{label}\n{date}\n\n{title}\n\n{lede}\n\nMer text om saken följer här.\n"
    record = _read(tmp_path, page)
    assert (record.title, record.lede) == (title, lede)
    assert record.content_label == label.split()[0]
    assert skip not in record.body


@pytest.mark.parametrize(("trail", "label"), [
    ("Etusivu\nAjankohtaista\nUutiset", ""),
    ("Forside\nAktuelt\nNyheter", ""),
    ("Startsida\nNyheter", ""),
    ("Forside\nAktuelt\nNyheder", "Nyhed"),  # a label of its own after the trail
])
def test_a_breadcrumb_copied_one_crumb_a_line_gives_no_label(tmp_path: Path, trail: str,
                                                              label: str) -> None:
    title = "Kommunen satser på sykkelveiene om vinteren"
    own_label = f"{label}\n" if label else ""
    page = (f"Meny\nSøk\n{trail}\n\n{own_label}{title}\nPublisert 14. januar 2031\n\n"
            "Kommunen tar i bruk en ny vedlikeholdsklasse for sykkelveiene denne vinteren.\n")
    record = _read(tmp_path, page)
    assert (record.title, record.content_label) == (title, label)


def test_a_short_title_right_under_the_trail_is_kept(tmp_path: Path) -> None:
    page = ("Etusivu\nUutiset\nPyörätiet talvella\n\nJulkaistu 14.1.2031\n\n"
            "Kaupunki ottaa käyttöön uuden kunnossapitoluokituksen pyöräteille tänä talvena.\n")
    record = _read(tmp_path, page)
    assert record.title == "Pyörätiet talvella"

"""Text exports of the classes extract-blind11 got wrong on its first run, on pages of our own:
a page dated at its end whose title runs straight into the first paragraph, a reading time with
"about" under the date, the department named again under the date after the trail above, and a
capitalised care title before a contact's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease.extract import Record, read_source


def _read(tmp_path: Path, text: str) -> Record:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def test_a_page_dated_at_its_end_with_no_blank_line_under_the_title(tmp_path: Path) -> None:
    page = ("Till innehåll\nBoda kommun\nLyssna\nTranslate\nSök\nMeny\nSkola\nOmsorg\nTrafik\n"
            "Startsida / Trafik / Nyheter\nSå sandas cykelvägarna i vinter\n"
            "Kommunen sandar cykelvägarna till skolorna först när det blir halt.\n\n"
            "Därefter sandas övriga gång- och cykelvägar i centrum.\n\n"
            "Publicerad: 2031-11-18\nDela sidan\nFacebook\n")
    record = _read(tmp_path, page)
    assert record.title == "Så sandas cykelvägarna i vinter"
    assert record.content_label == ""
    assert record.lede.startswith("Kommunen sandar cykelvägarna")


@pytest.mark.parametrize("reading_time", ["Lukuaika noin 2 min", "Lukuaika n. 3 minuuttia",
                                          "Lästid: ca 3 minuter", "Læsetid ca. 4 min."])
def test_a_reading_time_with_about_under_the_date_is_no_title(tmp_path: Path,
                                                              reading_time: str) -> None:
    page = ("Etusivu / Ajankohtaista\nKirjaston aukioloajat pitenevät joulukuussa\nUutinen\n"
            f"Julkaistu 19.11.2031\n{reading_time}\nKirjastot ovat jatkossa auki myös sunnuntaisin "
            "kello 12–16.\n\nMuutos koskee kaikkia kaupungin kirjastoja.\n")
    record = _read(tmp_path, page)
    assert record.title == "Kirjaston aukioloajat pitenevät joulukuussa"
    assert record.lede.startswith("Kirjastot ovat jatkossa auki")


def _ministry(after_date: str) -> str:
    return ("Hopp til hovedinnhold\nRegjeringen.no\nSøk\nMeny\nDu er her:\nForside\nDep\n"
            "Helse- og omsorgsdepartementet\nPressemeldinger\nNye penger til fastlegene\n"
            f"Pressemelding | Dato: 25.11.2031 | Nr: 12/31\n{after_date}"
            "Regjeringen gir 200 millioner kroner ekstra til fastlegeordningen neste år.\n\n"
            "Midlene fordeles etter antall innbyggere.\n")


def test_the_department_named_again_under_the_date_is_no_title(tmp_path: Path) -> None:
    record = _read(tmp_path, _ministry("Helse- og omsorgsdepartementet\n"))
    assert record.title == "Nye penger til fastlegene"
    assert record.lede.startswith("Regjeringen gir 200 millioner")
    assert "Helse- og omsorgsdepartementet" not in record.body


def test_a_short_title_under_the_date_stays_the_title(tmp_path: Path) -> None:
    page = ("Forside\nAktuelt\nPublisert 25.11.2031\nNye penger til fastlegene\n"
            "Regjeringen gir 200 millioner kroner ekstra til fastlegeordningen.\n\nMer tekst her.\n")
    assert _read(tmp_path, page).title == "Nye penger til fastlegene"


@pytest.mark.parametrize(("line", "name", "role"), [
    ("Överskötare Camilla Sjöberg, tfn 06 218 3120", "Camilla Sjöberg", "Överskötare"),
    ("Osastonhoitaja Liisa Mäki, puh. 040 123 4567", "Liisa Mäki", "Osastonhoitaja"),
    ("Rektor Per Lund, tlf. 72 53 10 01", "Per Lund", "Rektor"),
])
def test_a_capitalised_care_or_school_title_before_the_name(tmp_path: Path, line: str, name: str,
                                                            role: str) -> None:
    page = ("Nyhet\nPublicerad 20.11.2031\nJouren håller öppet längre\n"
            "Jourmottagningen håller öppet till klockan 22 från december.\n\n"
            f"Tilläggsinformation:\n{line}\n\nDela\nFacebook\n")
    assert [(c.name, c.role) for c in _read(tmp_path, page).contacts] == [(name, role)]

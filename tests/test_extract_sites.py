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

from datarelease.errors import SourceError
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


@pytest.mark.parametrize(("line", "expected"), [
    ("Mer information ger bildningsdirektör Anna Lindqvist, tfn 040 488 5210, och "
     "bildningsnämndens ordförande Rolf Backman, tfn 050 377 1148.",
     [("Anna Lindqvist", "bildningsdirektör"), ("Rolf Backman", "bildningsnämndens ordförande")]),
    ("Lisätietoja antaa rikoskomisario Janne Heikkilä, puh. 0295 443 182.",
     [("Janne Heikkilä", "rikoskomisario")]),
    ("Nærmere opplysninger ved seniorrådgiver Kari Nordmann, tlf. 22 24 90 90.",
     [("Kari Nordmann", "seniorrådgiver")]),
    ("Yderligere oplysninger fås hos kontorchef Mette Jensen, tlf. 33 70 33 70.",
     [("Mette Jensen", "kontorchef")]),
])
def test_a_contact_sentence_with_a_verb_of_giving(tmp_path: Path, line: str,
                                                  expected: list[tuple[str, str]]) -> None:
    record = _read(tmp_path, "side.txt", f"{HEAD_NB}{line}\n\nDel\nFacebook\n")
    assert _people(record) == expected
    assert line not in record.body


@pytest.mark.parametrize("line", ["Mer information ger kommunen på sin webbplats.",
                                  "Lisätietoja antaa kaupungin verkkosivu osoitteessa tampere.fi.",
                                  "Nærmere opplysninger ved oppstart gis på skolens nettsider."])
def test_a_sentence_of_where_to_read_more_is_no_contact(tmp_path: Path, line: str) -> None:
    record = _read(tmp_path, "side.txt", f"{HEAD_NB}{line}\n")
    assert record.contacts == ()
    assert line in record.body


def test_questions_answered_by_heads_a_contact_block(tmp_path: Path) -> None:
    page = f"{HEAD_NB}Frågor besvaras av\n\nJonas Ekelund, insatsledare\nTelefon: 031-335 26 00\n"
    assert _people(_read(tmp_path, "side.txt", page)) == [("Jonas Ekelund", "insatsledare")]


def test_contact_cards_under_kontaktinformation_and_a_keyword_list(tmp_path: Path) -> None:
    page = ('<html lang="da"><body><article><h1>Grænsehindringer skal væk</h1>'
            "<p>Publiceret 28. oktober 2031</p><p>Nordisk Råd vil fjerne flere grænsehindringer.</p>"
            '<div><h2>Kontaktinformation</h2><div class="contact"><div class="contact__name">'
            'Eva Lindahl</div><div class="contact__title">Rådgiver</div></div></div>'
            '<div class="tags"><h2>Emneord</h2><ul><li><a href="/t/1">Grænsehindringer</a></li>'
            '<li><a href="/t/2">Session</a></li></ul></div></article></body></html>')
    record = _read(tmp_path, "side.html", page)
    assert _people(record) == [("Eva Lindahl", "Rådgiver")]
    assert record.lists == ()


def test_a_dublin_core_creation_date(tmp_path: Path) -> None:
    page = ('<html lang="sv"><head><meta name="DC.Date.Created" content="2031-03-04" /></head>'
            "<body><h1>Kyrkböcker blir fritt tillgängliga</h1><p>Från och med den 1 april kan "
            "alla söka i kyrkböckerna utan avgift.</p></body></html>")
    assert _read(tmp_path, "sida.html", page).published == datetime.date(2031, 3, 4)


def test_capitalised_roles_first_whatever_word_names_the_office(tmp_path: Path) -> None:
    page = (f"{HEAD_NB}Kontaktpersonar\nKommunalsjef for oppvekst Kari Skeide, tlf. 700 58 712\n"
            "Borgmester Birgitte Lund, tlf. 72 53 10 01\n\nDel\nFacebook\n")
    assert _people(_read(tmp_path, "side.txt", page)) == [
        ("Kari Skeide", "Kommunalsjef for oppvekst"), ("Birgitte Lund", "Borgmester")]


def _fi_page(contacts: str, *, around: str = "") -> str:
    return ('<html lang="fi"><body><article><h1>Omatoimikirjasto laajenee</h1>'
            "<p>Julkaistu 7.10.2031</p><p>Kirjastot avataan omatoimiaikaan kahdessa taajamassa.</p>"
            f"{contacts}</article>{around}</body></html>")


@pytest.mark.parametrize("block", [
    # people under <br>, an e-mail pattern line among them
    "<h2>Lisätietoja</h2><p>kirjastotoimenjohtaja Päivi Laine, puh. 040 133 4821<br>"
    "palvelupäällikkö Mika Hämäläinen, puh. 050 312 7730<br>etunimi.sukunimi@kangasala.fi</p>",
    # a fold-out panel of cards
    '<details><summary>Yhteyshenkilöt</summary><div class="contact"><p class="contact__name">'
    'Päivi Laine</p><p class="contact__title">kirjastotoimenjohtaja</p></div><div class="contact">'
    '<p class="contact__name">Mika Hämäläinen</p><p class="contact__title">palvelupäällikkö</p>'
    "</div></details>",
    # schema.org Person microdata with hCard classes
    '<h3>Lisätietoja</h3><div itemscope itemtype="https://schema.org/Person" class="vcard">'
    '<p class="fn" itemprop="name">Päivi Laine</p><p itemprop="jobTitle">kirjastotoimenjohtaja</p>'
    '</div><div itemscope itemtype="https://schema.org/Person" class="vcard"><p class="fn" '
    'itemprop="name">Mika Hämäläinen</p><p itemprop="jobTitle">palvelupäällikkö</p></div>',
])
def test_contacts_in_other_templates(tmp_path: Path, block: str) -> None:
    record = _read(tmp_path, "sivu.html", _fi_page(block))
    assert _people(record) == [("Päivi Laine", "kirjastotoimenjohtaja"),
                               ("Mika Hämäläinen", "palvelupäällikkö")]


def test_a_contact_box_in_a_sidebar_beside_the_article(tmp_path: Path) -> None:
    sidebar = ('<aside class="col-4 sidebar"><div class="contactbox"><h2>Lisätietoja</h2>'
               "<p><strong>Päivi Laine</strong><br>kirjastotoimenjohtaja<br>puh. 040 133 4821</p>"
               '</div><div class="related"><h2>Lue myös</h2><ul><li><a href="/a">Kirjastot</a></li>'
               "</ul></div></aside>")
    record = _read(tmp_path, "sivu.html", _fi_page("", around=sidebar))
    assert _people(record) == [("Päivi Laine", "kirjastotoimenjohtaja")]
    assert record.lists == () and "Kirjastot" not in record.body


@pytest.mark.parametrize("block", [
    '<h2>Lisätietoja</h2><p class="contact-card__name">Kangasalan kaupungin viestintä</p>'
    '<p class="contact-card__title">puh. 03 565 500</p>',
    "<h2>Yhteystiedot</h2><p>Kangasalan kaupunki<br>33100 Kangasala<br>puh. 03 565 500</p>",
    "<h2>Kontakt</h2><p>Region Västmanland<br>Västerås sjukhus, ingång 1<br>721 89 Västerås</p>",
])
def test_a_press_desk_or_a_postal_address_is_no_contact(tmp_path: Path, block: str) -> None:
    sidebar = f'<aside class="sidebar">{block}</aside>'
    assert _read(tmp_path, "sivu.html", _fi_page(block)).contacts == ()
    assert _read(tmp_path, "sivu.html", _fi_page("", around=sidebar)).contacts == ()


def test_a_breadcrumb_with_a_separator_line_between_crumbs(tmp_path: Path) -> None:
    title = "Nya regler för skolskjuts från hösten"
    page = (f"Till innehåll på sidan\nLjusdals kommun\nSök\nMeny\nStartsida\n/\nNyheter\n/\n{title}\n"
            f"{title}\nPublicerad 3 juni 2031\nBarn- och utbildningsnämnden har beslutat om nya "
            "riktlinjer för skolskjuts från höstterminen.\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.content_label) == (title, "")


def test_a_label_a_hyphen_a_weekday_and_d_before_the_date(tmp_path: Path) -> None:
    page = ('<html lang="da"><body><div id="content"><span class="dato">Nyhed - tirsdag d. 3. juni '
            "2031</span><h1>Ny vejledning om botilbud</h1><p>Socialtilsynene får en ny vejledning."
            "</p></div></body></html>")
    record = _read(tmp_path, "side.html", page)
    assert (record.published, record.content_label) == (datetime.date(2031, 6, 3), "Nyhed")


def _dated_for_machines(shown: str) -> str:
    return ('<html lang="da"><head><meta name="date" content="2026-11-17" /></head><body>'
            '<div id="menu"><a href="/">Forside</a><br /><a href="/nyheder">Nyheder</a><br />'
            '<a href="/presse">Presse</a><br /><a href="/job">Job</a></div><div id="contentcol">'
            f'<div class="newsdate">{shown}</div><h1>Ny cykelsti åbner før jul</h1>'
            "<p>Den nye cykelsti mellem Skive og Højslev står klar til brug i december.</p>"
            "<p>Stien er 4,2 kilometer lang.</p></div></body></html>")


def test_the_date_for_machines_shown_beside_the_title_is_no_lede(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.html", _dated_for_machines("17.11.2026"))
    assert record.published == datetime.date(2026, 11, 17)
    assert record.lede == "Den nye cykelsti mellem Skive og Højslev står klar til brug i december."
    assert "17.11.2026" not in record.body


def test_another_date_beside_the_title_stays_the_pages_text(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.html", _dated_for_machines("19.12.2026"))
    assert record.published == datetime.date(2026, 11, 17)
    assert "19.12.2026" in (record.lede, *record.body.split("\n\n"))


def _cell(after_title: str) -> str:
    return ('<html lang="sv"><body><table><tr><td><h1>Ny cykelväg mellan byarna</h1>'
            f"{after_title}<br><br>Kommunen bygger en cykelväg i sommar.<br><br>"
            "Arbetet börjar i maj och ska vara klart i oktober.</td></tr></table></body></html>")


def test_a_date_line_of_its_own_between_breaks_in_a_table_cell(tmp_path: Path) -> None:
    record = _read(tmp_path, "sida.html", _cell("\nPublicerad 14 januari 2031"))
    assert record.published == datetime.date(2031, 1, 14)
    assert record.lede == "Kommunen bygger en cykelväg i sommar."
    assert "Publicerad" not in record.body


@pytest.mark.parametrize("after_title", [
    "Beslutet <b>publicerades</b> Publicerad 14 januari 2031 i kommunens tidning",
    "Publicerad 14 januari 2031 <a href='/arkiv'>Arkiv</a>",
])
def test_a_date_line_beside_inline_text_in_a_cell_is_no_date_line(tmp_path: Path,
                                                                  after_title: str) -> None:
    with pytest.raises(SourceError, match="no publication date"):
        _read(tmp_path, "sida.html", _cell(after_title))

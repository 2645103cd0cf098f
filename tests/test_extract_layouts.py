"""Layouts of news pages the extractor had not seen: a site's menu above the title in a text
export, the title above the date, lists whose bullets the export lost, site furniture in plain
<div>s, dates and bylines under the title, text outside any <p>, contacts split by <br>.

Every page here is written for the test; each case failed on the extractor before it was handled.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from datarelease.errors import SourceError
from datarelease.extract import Contact, Record, read_source

SV_LEDE = "Sveriges Kommuner och Regioner har tagit fram en vägledning för kommunernas klimatarbete."
SV_BODY = "Vägledningen har tagits fram tillsammans med Naturvårdsverket och flera kommuner."
TITLE = "Ny vägledning för kommunernas klimatarbete"


def _read(tmp_path: Path, name: str, text: str) -> Record:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


# --- text exports: what stands above the date -------------------------------------------------

@pytest.mark.parametrize("top", [
    # a site's menu, the title, the label, then the date
    f"Hoppa till innehåll\nMeny\nSök\nStartsida\nNyheter\n{TITLE}\nNyhet\nPublicerad 14 januari 2031",
    # the menu, the title, the date, the label after it
    f"Meny\nSök\n\n{TITLE}\n\nPublicerad 14 januari 2031\n\nNyhet",
    # the title and the label above the date, no menu
    f"Nyhet\n{TITLE}\nPublicerad 14 januari 2031",
])
def test_a_title_above_the_date_under_a_menu(tmp_path: Path, top: str) -> None:
    record = _read(tmp_path, "sida.txt", f"{top}\n\n{SV_LEDE}\n\n{SV_BODY}\n")
    assert (record.title, record.content_label, record.lede) == (TITLE, "Nyhet", SV_LEDE)
    assert "Meny" not in record.body and "Startsida" not in record.body
    assert record.body == SV_BODY


def test_a_site_name_above_the_date_is_not_the_title(tmp_path: Path) -> None:
    page = (f"Sveriges Kommuner och Regioner\n\nPublicerad 14 januari 2031\n\n{TITLE}\n\n"
            f"{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.lede) == (TITLE, SV_LEDE)


@pytest.mark.parametrize(("menu", "title", "date", "lede"), [
    ("Meny\nSøk\nForsiden", "Kommunene får ny veileder", "Publisert: 12. oktober 2021",
     "KS har laget en veileder som skal hjelpe kommunene med å dele data på en trygg måte."),
    ("Menu\nSøg\nForside", "Kommunerne får en ny vejledning", "Publiceret 3. marts 2021",
     "KL har udarbejdet en vejledning, som skal hjælpe kommunerne med at dele data sikkert."),
    ("Valikko\nHaku\nEtusivu", "Kunnat saavat uuden oppaan", "Julkaistu 7.10.2021",
     "Kuntaliitto on laatinut oppaan, joka auttaa kuntia jakamaan tietoja turvallisesti."),
])
def test_the_menu_words_of_each_language(tmp_path: Path, menu: str, title: str, date: str,
                                         lede: str) -> None:
    record = _read(tmp_path, "side.txt", f"{menu}\n\n{title}\n\n{date}\n\n{lede}\n")
    assert (record.title, record.lede, record.body) == (title, lede, "")


def test_a_byline_above_the_date_is_not_the_title(tmp_path: Path) -> None:
    page = ("Debatindlæg\n\nKommunerne skal have frihed til at prioritere\n\n"
            "Af Jens Hansen, formand for KL\n12. april 2031\n\n"
            "Kommunerne står over for store udfordringer, og de skal have frihed til at prioritere.\n"
            "\nDel artiklen\nFacebook\nLinkedIn\nE-post\n")
    record = _read(tmp_path, "side.txt", page)
    assert (record.title, record.content_label) == (
        "Kommunerne skal have frihed til at prioritere", "Debatindlæg")
    assert record.body == "" and record.links == ()


def test_a_page_dated_at_its_end_keeps_its_first_line_as_title(tmp_path: Path) -> None:
    page = f"{TITLE}\n\n{SV_LEDE}\n\n{SV_BODY}\n\nPublicerad 14 januari 2031\n"
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.lede) == (TITLE, SV_LEDE)


# --- text exports: lists that lost their bullets ----------------------------------------------

def test_indented_lines_are_a_list_whose_bullets_were_lost(tmp_path: Path) -> None:
    items = ("Mät det som spelar roll", "Samverka över gränser", "Följ upp öppet")
    listed = "\n".join(f"    {item}" for item in items)
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n"
            f"Vägledningen vilar på tre utgångspunkter:\n\n{listed}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert record.lists == (items,)
    assert record.sections[0].paragraphs == ("Vägledningen vilar på tre utgångspunkter:", SV_BODY)


@pytest.mark.parametrize("indented", [
    "    Ett enda indraget stycke om vägledningen och hur den ska användas.",  # one line only
    "Mät det som spelar roll\nSamverka över gränser",  # at the margin: a heading and a link
])
def test_one_indented_line_or_lines_at_the_margin_are_no_list(tmp_path: Path,
                                                             indented: str) -> None:
    page = f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n{indented}\n\n{SV_BODY}\n"
    assert _read(tmp_path, "sida.txt", page).lists == ()


# --- chrome in any layout ---------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Del på Facebook | Del på LinkedIn",
    "Dela sidan | Skriv ut",
    "Jaa | Tulosta",
    "© Suomen Kuntaliitto ry 2031",
    "Copyright Danske Regioner",
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_tools_and_copyright_lines_are_chrome(tmp_path: Path, line: str, fmt: str) -> None:
    if fmt == "txt":
        page = f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n{SV_BODY}\n\n{line}\n"
    else:
        page = (f"<html><body><h1>{TITLE}</h1><p>Publicerad 14 januari 2031</p><p>{SV_LEDE}</p>"
                f"<p>{SV_BODY}</p><div>{line}</div></body></html>")
    assert _read(tmp_path, f"sida.{fmt}", page).body == SV_BODY


def test_a_sentence_about_sharing_is_not_chrome(tmp_path: Path) -> None:
    sentence = "Kommunerna ska dela data | med varandra när det behövs för vården."
    page = f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n{sentence}\n"
    assert _read(tmp_path, "sida.txt", page).body == sentence


@pytest.mark.parametrize("furniture", [
    '<div class="footer"><p>Sveriges Kommuner och Regioner, Hornsgatan 20, Stockholm.</p></div>',
    '<div id="site-footer"><p>Besöksadress Hornsgatan 20, 118 82 Stockholm.</p></div>',
    '<div class="cookiebar"><p>Vi sparar uppgifter om ditt besök för att förbättra sidan.</p></div>',
    '<div class="share-tools"><a href="/fb">Facebook</a> <a href="/li">LinkedIn</a></div>',
    '<ol class="murupolku"><li>Etusivu</li><li>Uutiset</li><li>2031</li></ol>',
    '<ul class="brodsmulor"><li><a href="/">Start</a></li><li><a href="/n">Nyheter</a></li></ul>',
    '<p><a href="/">Etusivu</a> | <a href="/uutiset">Uutiset</a></p>',
    '<div id="leftnav"><ul><li><a href="/u">Uutiset</a></li><li><a href="/t">Tiedotteet</a></li></ul></div>',
    '<div class="mainmenu"><ul><li>Om oss</li><li>Verksamhet</li></ul></div>',
])
def test_site_furniture_in_plain_elements_is_left_out(tmp_path: Path, furniture: str) -> None:
    page = (f"<html><body>{furniture}<h1>{TITLE}</h1><p>Publicerad 14 januari 2031</p>"
            f"<p>{SV_LEDE}</p><p>{SV_BODY}</p>{furniture}</body></html>")
    record = _read(tmp_path, "sida.html", page)
    assert (record.lede, record.body, record.lists) == (SV_LEDE, SV_BODY, ())


def test_a_footer_class_around_the_article_does_not_hide_it(tmp_path: Path) -> None:
    page = (f'<html><body><div class="footer-sticky"><h1>{TITLE}</h1>'
            f"<p>Publicerad 14 januari 2031</p><p>{SV_LEDE}</p><p>{SV_BODY}</p></div></body></html>")
    assert _read(tmp_path, "sida.html", page).body == SV_BODY


def test_links_in_a_sentence_are_not_a_menu(tmp_path: Path) -> None:
    body = '<p>Läs <a href="/a">rapporten</a> och <a href="/b">bilagan</a>.</p>'
    page = (f"<html><body><h1>{TITLE}</h1><p>Publicerad 14 januari 2031</p><p>{SV_LEDE}</p>"
            f"{body}</body></html>")
    record = _read(tmp_path, "sida.html", page)
    assert record.body == "Läs rapporten och bilagan."
    assert [link.text for link in record.links] == ["rapporten", "bilagan"]


# --- HTML: what stands between the title and the first paragraph ------------------------------

NB_LEDE = "KS og Digdir har i dag lagt fram felles retningslinjer for hvordan kommuner skal dele data."
NB_BODY = "Retningslinjene er utarbeidet sammen med ti kommuner."
JSON_LD = ('<script type="application/ld+json">{"@type":"NewsArticle",'
           '"datePublished":"2031-05-04T09:00:00+02:00"}</script>')


@pytest.mark.parametrize("metadata", [
    "<p>4. mai 2031</p>",
    "<p><b>Nyhet</b> 4.5.2031 kl. 10.15</p>",
    "<p>Av Kari Nordmann, seniorrådgiver i KS</p>",
    "<p>Publisert 4. mai 2031</p>",
])
def test_a_line_of_metadata_under_the_title_is_not_the_lede(tmp_path: Path, metadata: str) -> None:
    page = (f'<html lang="nb"><head>{JSON_LD}</head><body><main><h1>Nye retningslinjer</h1>'
            f"{metadata}<p>{NB_LEDE}</p><p>{NB_BODY}</p></main></body></html>")
    record = _read(tmp_path, "side.html", page)
    assert (record.lede, record.body) == (NB_LEDE, NB_BODY)


@pytest.mark.parametrize("opening", [
    NB_LEDE,  # text straight in <main>, before the first <p>
    f'<div class="teaser">{NB_LEDE}</div>',
    f'<div class="summary"><span>{NB_LEDE}</span></div>',
])
def test_an_opening_sentence_outside_any_p_is_the_lede(tmp_path: Path, opening: str) -> None:
    page = (f'<html lang="nb"><head>{JSON_LD}</head><body><main><h1>Nye retningslinjer</h1>'
            f'<p class="meta">4. mai 2031</p>{opening}<p>{NB_BODY}</p></main></body></html>')
    record = _read(tmp_path, "side.html", page)
    assert (record.lede, record.body) == (NB_LEDE, NB_BODY)


def test_a_caption_is_not_an_opening_sentence(tmp_path: Path) -> None:
    caption = "<figure><figcaption>Ordføreren åpnet møtet i rådhuset i Bergen i går.</figcaption></figure>"
    page = (f'<html lang="nb"><head>{JSON_LD}</head><body><main><h1>Nye retningslinjer</h1>'
            f"{caption}<p>{NB_LEDE}</p><p>{NB_BODY}</p></main></body></html>")
    assert _read(tmp_path, "side.html", page).lede == NB_LEDE


# --- HTML: contact entries split by <br> ------------------------------------------------------

@pytest.mark.parametrize("entries", [
    "kehittämispäällikkö Matti Virtanen, puh. 09 771 2000<br>"
    "erityisasiantuntija Anna Korhonen, puh. 09 771 2001",
    "Matti Virtanen, kehittämispäällikkö, puh. 09 771 2000<br>"
    "Anna Korhonen, erityisasiantuntija, puh. 09 771 2001",
])
def test_contacts_under_a_heading_in_the_same_paragraph(tmp_path: Path, entries: str) -> None:
    page = ('<html lang="fi"><body><h1>Kuntaliitto julkaisi suosituksen</h1>'
            "<p>Julkaistu 11.2.2031</p><p>Kuntaliitto on julkaissut suosituksen, joka ohjaa "
            f"kuntien tekoälyn käyttöä.</p><p>Lisätietoja:<br>{entries}</p></body></html>")
    assert _read(tmp_path, "sivu.html", page).contacts == (
        Contact("Matti Virtanen", "kehittämispäällikkö", "contact"),
        Contact("Anna Korhonen", "erityisasiantuntija", "contact"))


def test_one_contact_over_lines_in_the_heading_paragraph(tmp_path: Path) -> None:
    page = ('<html lang="fi"><body><h1>Kuntaliitto julkaisi suosituksen</h1>'
            "<p>Julkaistu 11.2.2031</p><p>Kuntaliitto on julkaissut suosituksen, joka ohjaa "
            "kuntien tekoälyn käyttöä.</p><p>Lisätietoja:<br>Matti Virtanen<br>"
            "kehittämispäällikkö<br>puh. 09 771 2000</p></body></html>")
    assert _read(tmp_path, "sivu.html", page).contacts == (
        Contact("Matti Virtanen", "kehittämispäällikkö", "contact"),)


# --- dates as more pages print them ------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("Publiceret 14/1 2031", "2031-01-14"),
    ("Publiceret d. 14/1-2031", "2031-01-14"),
    ("14/1/2031", "2031-01-14"),
    ("Publisert 14. januar 2031 klokka 10.15", "2031-01-14"),
    ("3. februar 2031 klokken 09:00", "2031-02-03"),
])
def test_slashed_dates_and_spelt_out_clock_words(tmp_path: Path, line: str, expected: str) -> None:
    page = f"{line}\n\nKommunerne får en ny vejledning\n\n{SV_LEDE}\n"
    assert _read(tmp_path, "side.txt", page).published.isoformat() == expected


@pytest.mark.parametrize("line", ["Publiceret 32/1 2031", "Publiceret 14/13 2031"])
def test_an_impossible_slashed_date_is_an_error(tmp_path: Path, line: str) -> None:
    page = f"{line}\n\nKommunerne får en ny vejledning\n\n{SV_LEDE}\n"
    with pytest.raises(SourceError, match="date"):
        _read(tmp_path, "side.txt", page)


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_change_stamp_beside_a_byline(tmp_path: Path, fmt: str) -> None:
    lede = "Kommunerne står over for store udfordringer, og de skal have frihed til at prioritere."
    if fmt == "txt":
        page = (f"Debatindlæg\n\nPubliceret 4. maj 2031\n\nKommunerne skal have frihed\n\n"
                f"Af Mette Jensen · Opdateret 5. maj 2031\n\n{lede}\n\nMere tekst her om sagen.\n")
    else:
        page = ('<html lang="da"><body><h1>Kommunerne skal have frihed</h1>'
                '<div class="byline">Af Mette Jensen · Opdateret 5. maj 2031</div>'
                f"<div>Udgivet 4. maj 2031</div><p>{lede}</p><p>Mere tekst her om sagen.</p>"
                "</body></html>")
    record = _read(tmp_path, f"side.{fmt}", page)
    assert (record.published.isoformat(), record.modified) == ("2031-05-04",
                                                               datetime.date(2031, 5, 5))
    assert (record.lede, record.body) == (lede, "Mere tekst her om sagen.")


@pytest.mark.parametrize("line", [
    "Kommunen har opdateret planen 5. maj 2031 efter høringen.",  # a sentence
    "Af Mette Jensen · Opdateret 5. maj 2031 · Læs også om planen her",  # more than metadata
])
def test_a_sentence_with_a_change_word_is_no_stamp(tmp_path: Path, line: str) -> None:
    page = f"Publiceret 4. maj 2031\n\nKommunerne skal have frihed\n\n{line}\n\nMere tekst.\n"
    assert _read(tmp_path, "side.txt", page).modified is None


def test_a_site_name_above_a_labelled_date_line_is_not_the_title(tmp_path: Path) -> None:
    page = ("Til hovedinnhold\nKS\nMeny\nForsiden › Aktuelt › Nyheter\n\nNyhet | 12.10.2031\n\n"
            "Ny avtale om lærlinger i kommunene\n\n"
            "KS og fagforbundene har inngått en ny avtale som skal gi flere lærlinger.\n")
    record = _read(tmp_path, "side.txt", page)
    assert (record.title, record.content_label) == ("Ny avtale om lærlinger i kommunene", "Nyhet")
    assert record.lede.startswith("KS og fagforbundene")


@pytest.mark.parametrize("line", ["Till innehållet", "Til hovedinnhold", "Til hovedindhold",
                                  "Til hovudinnhald", "Sisältöön", "Siirry pääsisältöön"])
def test_skip_links_without_their_verb_are_chrome(tmp_path: Path, line: str) -> None:
    page = f"{line}\n\nPubliceret 4. maj 2031\n\n{TITLE}\n\n{SV_LEDE}\n"
    record = _read(tmp_path, "side.txt", page)
    assert (record.title, record.content_label) == (TITLE, "")


@pytest.mark.parametrize(("line", "expected"), [
    ("København, 3. marts 2031", "2031-03-03"),
    ("Stockholm den 14 januari 2031", "2031-01-14"),
    ("Helsinki 7.10.2031", "2031-10-07"),
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_press_releases_place_and_date(tmp_path: Path, line: str, expected: str,
                                         fmt: str) -> None:
    if fmt == "txt":
        page = f"Pressemeddelelse\n\n{TITLE}\n\n{line}\n\n{SV_LEDE}\n\n{SV_BODY}\n"
    else:
        page = (f"<html><body><h1>{TITLE}</h1><p>{line}</p><p>{SV_LEDE}</p><p>{SV_BODY}</p>"
                "</body></html>")
    record = _read(tmp_path, f"side.{fmt}", page)
    assert (record.published.isoformat(), record.lede, record.body) == (expected, SV_LEDE, SV_BODY)


def test_a_sentence_with_a_place_and_a_date_is_no_date_line(tmp_path: Path) -> None:
    page = f"{TITLE}\n\nRegion Skåne beslutade 14.1.2031 om planen.\n\n{SV_BODY}\n"
    with pytest.raises(SourceError, match="no date line"):
        _read(tmp_path, "sida.txt", page)


# --- classes found by the blind set benchmarks/extract-blind1 (new pages, same classes) --------

MENU = "\n".join(["Hoppa till innehållet", "Regionförbundet", "Suomeksi | På svenska | In English",
                  "Meny", "Vård och omsorg", "Utbildning", "Trafik och resor", "Kultur",
                  "Politik", "Nyheter", "Sök"])


def test_a_long_menu_above_a_label_and_date_line(tmp_path: Path) -> None:
    page = (f"{MENU}\n\nStart > Aktuellt > Nyheter\n\nNyhet · onsdag 14 januari 2031\n\n{TITLE}\n"
            f"{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.published.isoformat(), record.content_label, record.title, record.lede,
            record.body) == ("2031-01-14", "Nyhet", TITLE, SV_LEDE, SV_BODY)


def test_feedback_buttons_and_share_lines_are_chrome_and_end_the_contacts(tmp_path: Path) -> None:
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\nKontakt\nAnna Lind\n"
            "Handläggare\n\nVar sidan till hjälp?\nJa   Nej\n\nDela\nFacebook\nMail\n\n"
            "Region Norrland, Storgatan 1, telefon 010-123 45 67\n")
    record = _read(tmp_path, "sida.txt", page)
    assert record.contacts == (Contact("Anna Lind", "Handläggare", "contact"),)


def test_a_byline_of_two_authors_with_parties_is_not_the_lede(tmp_path: Path) -> None:
    page = (f"Debattartikel\n\nPublicerad 14 januari 2031\n\n{TITLE}\n"
            "Av Karin Holm (S), regionstyrelsens ordförande, och Lars Ek (C), andre vice ordförande\n"
            f"\n{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.lede, record.body) == (TITLE, SV_LEDE, SV_BODY)


def test_a_contact_heading_word_under_a_name_is_the_role(tmp_path: Path) -> None:
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\nKontakt\n\nHelena Lund\n"
            "Utredare\nTel: 08-452 70 00\n\nMaria Ek\nPressansvarig\nTel: 08-452 71 23\n")
    assert _read(tmp_path, "sida.txt", page).contacts == (
        Contact("Helena Lund", "Utredare", "contact"),
        Contact("Maria Ek", "Pressansvarig", "contact"))


def test_hidden_e_mails_and_asides_after_names_are_not_roles(tmp_path: Path) -> None:
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\nYtterligare information:\n"
            "konsultativ tjänsteman Eva Berg, tfn 0295 530 000, eva.berg(at)gov.fi\n"
            "specialmedarbetare Olli Lahti (frågor till ministern), tfn 0295 530 001\n")
    assert _read(tmp_path, "sida.txt", page).contacts == (
        Contact("Eva Berg", "konsultativ tjänsteman", "contact"),
        Contact("Olli Lahti", "specialmedarbetare", "contact"))


OLD_CMS = """<html><head><title>Fylkeskommunen - Nye tiltak for elevene</title>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-10-14"}</script>
</head><body><table><tr><td class="menu"><a href="/a">Utdanning</a> | <a href="/b">Kultur</a></td></tr>
<tr><td class="contentcol">
<table><tr><td class="smalltext">Nyhet &nbsp;&nbsp; tirsdag 14. oktober 2031</td></tr>
<tr><td><h2 class="overskrift">Nye tiltak for elevene</h2></td></tr>
<tr><td class="byline">Av Kari Holm</td></tr></table>
<div class="tekst">Fylkestinget vedtok i dag en ny plan for elevene i videregående skole.<br><br>
<b>Tiltakene er:</b><br>
&bull; Alle elever får en kontaktlærer.<br>
&bull; Skolene samarbeider med NAV.<br><br>
Planen gjelder fra neste år.</div>
<table class="kontaktboks"><tr><td><b>Kontaktperson:</b><br>
seksjonsleder Ola Rustad, tlf. 926 45 110<br>
rådgiver Hanne Li, tlf. 913 88 204</td></tr></table>
</td></tr></table></body></html>"""


def test_an_older_cms_page_in_tables(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.html", OLD_CMS)
    assert (record.title, record.content_label, record.published.isoformat()) == (
        "Nye tiltak for elevene", "Nyhet", "2031-10-14")
    assert record.lede == "Fylkestinget vedtok i dag en ny plan for elevene i videregående skole."
    assert record.lists == (("Alle elever får en kontaktlærer.", "Skolene samarbeider med NAV."),)
    assert record.body == ("Tiltakene er:\n\nAlle elever får en kontaktlærer.\n\n"
                           "Skolene samarbeider med NAV.\n\nPlanen gjelder fra neste år.")
    assert record.contacts == (Contact("Ola Rustad", "seksjonsleder", "contact"),
                               Contact("Hanne Li", "rådgiver", "contact"))


# --- where the article is, on pages without <main> or <article> --------------------------------

def _sidebar_page(container: str) -> str:
    return (f'<html lang="sv"><body><div id="top"><a href="/">Region Norrland</a></div>{container}'
            f"<h1>{TITLE}</h1><p>Publicerad 12 mars 2031</p><p>{SV_LEDE}</p><p>{SV_BODY}</p></div>"
            '<div class="column"><h2>Senaste nytt</h2><div class="item"><h3><a href="/n1">Nya '
            "busslinjer i sommar</a></h3><p>10 mars 2031</p><p>Från juni trafikeras tre nya "
            "linjer i länet.</p></div></div>"
            "<div><h2>Kontakt</h2><p>Anna Lind, handläggare, 010-123 45 67</p></div></body></html>")


@pytest.mark.parametrize("container", ['<div id="content">', '<div class="main-content">',
                                       '<div role="main">', '<div id="innehall">'])
def test_the_content_container_is_the_article_and_contacts_beside_it_count(
        tmp_path: Path, container: str) -> None:
    record = _read(tmp_path, "sida.html", _sidebar_page(container))
    assert (record.lede, record.body) == (SV_LEDE, SV_BODY)
    assert [section.heading for section in record.sections] == [None]
    assert record.contacts == (Contact("Anna Lind", "handläggare", "contact"),)


def test_a_capitalised_role_ending_in_ansvarlig(tmp_path: Path) -> None:
    page = ('<html lang="da"><body><main><h1>Ny aftale</h1><p>Publiceret 3. marts 2031</p>'
            "<p>KL og regeringen har indgået en aftale om kommunernes økonomi for næste år.</p>"
            "</main><aside><h3>Kontakt</h3><p>Presseansvarlig Maja Thomsen, tlf. 3370 3111</p>"
            "</aside></body></html>")
    assert _read(tmp_path, "side.html", page).contacts == (
        Contact("Maja Thomsen", "Presseansvarlig", "contact"),)


# --- classes found by the blind set benchmarks/extract-blind2 (new pages, same classes) --------

NN_WRAPPED = """Hopp til hovudinnhald
Vikfjord kommune
Meny    Søk

Du er her: Vikfjord kommune / Aktuelt / Ny plan for skulane

Nyheit

Ny plan for skulane i Vikfjord skal lagast saman med foreldra

Publisert 3.11.2031 kl. 09.00

Kommunestyret i Vikfjord har vedteke at arbeidet med ein ny skuleplan
skal starte i haust. Foreldre, elevar og tilsette skal vere med frå
første dag, og planen skal vere ferdig til sommaren.

Planen skal svare på korleis kommunen kan halde oppe gode skular i
alle bygdene, sjølv om det blir færre born. Rådmannen meiner at det
er viktig å lytte til dei som kjenner skulane best.

Arbeidet skal byggje på desse prinsippa:
  - Nærleik til skulen for dei yngste borna
  - Likeverdig tilbod i heile kommunen
  - Open dialog med foreldra

Kontakt
Ingrid Vik
kommunalsjef
"""


def test_a_text_export_wrapped_at_a_fixed_width(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.txt", NN_WRAPPED)
    assert (record.title, record.content_label, record.published.isoformat()) == (
        "Ny plan for skulane i Vikfjord skal lagast saman med foreldra", "Nyheit", "2031-11-03")
    assert record.lede == ("Kommunestyret i Vikfjord har vedteke at arbeidet med ein ny skuleplan "
                           "skal starte i haust. Foreldre, elevar og tilsette skal vere med frå "
                           "første dag, og planen skal vere ferdig til sommaren.")
    assert record.lists == (("Nærleik til skulen for dei yngste borna",
                             "Likeverdig tilbod i heile kommunen", "Open dialog med foreldra"),)
    assert record.contacts == (Contact("Ingrid Vik", "kommunalsjef", "contact"),)


LYNX = """   [1]Hopp til hovedinnhold
   [2]Nordby kommune

     * [3]Tjenester
     * [4]Politikk
     * [5]Aktuelt

   [6]Forsiden > [7]Aktuelt > Nyheter

                Nordby kommune åpner nytt bibliotek i sentrum

   Nyhet | Publisert 4. nov. 2031 | Lesetid 2 min

   Nordby kommune åpner det nye biblioteket i sentrum lørdag 15. november.
   Biblioteket er bygget i samarbeid med [8]fylkesbiblioteket og får lengre
   åpningstider enn det gamle.

   Biblioteket skal være en møteplass for alle innbyggerne i kommunen, og
   det blir både lesesal, verksted og et eget rom for ungdom.

References

   1. https://www.nordby.kommune.no/#main
   2. https://www.nordby.kommune.no/
   3. https://www.nordby.kommune.no/tjenester/
   4. https://www.nordby.kommune.no/politikk/
   5. https://www.nordby.kommune.no/aktuelt/
   6. https://www.nordby.kommune.no/
   7. https://www.nordby.kommune.no/aktuelt/
   8. https://www.fylkesbiblioteket.no/
"""


def test_a_text_mode_browsers_dump(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.txt", LYNX)
    assert (record.title, record.content_label, record.published.isoformat()) == (
        "Nordby kommune åpner nytt bibliotek i sentrum", "Nyhet", "2031-11-04")
    assert record.lede.startswith("Nordby kommune åpner det nye biblioteket i sentrum lørdag "
                                  "15. november. Biblioteket er bygget i samarbeid med "
                                  "fylkesbiblioteket og")
    assert "https://" not in record.body and "[" not in record.body
    assert record.lists == ()


def test_link_addresses_after_link_texts_are_dropped(tmp_path: Path) -> None:
    page = ("Region Nord <https://www.regionnord.se/>\n\nGå direkt till innehållet <#main>\n\n"
            f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n"
            "Läs mer om klimatarbetet <https://www.regionnord.se/klimat/>\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.lede) == (TITLE, SV_LEDE)
    assert [link.text for link in record.links] == ["Läs mer om klimatarbetet"]


def test_an_opinion_piece_dated_under_its_signature(tmp_path: Path) -> None:
    page = (f"Region Nord\n\nDebattartikel\n\n{TITLE}\n\n{SV_LEDE}\n\n{SV_BODY}\n\n"
            "Karin Holm (S), regionstyrelsens ordförande, Region Nord\nLuleå den 20 mars 2031\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.published.isoformat(), record.content_label, record.title, record.lede) == (
        "2031-03-20", "Debattartikel", TITLE, SV_LEDE)


def test_an_e_mailed_press_release(tmp_path: Path) -> None:
    page = ("From: Kustby stad, kommunikation <info@kustby.fi>\nTo: media@kustby.fi\n"
            "Date: Tue, 14 Oct 2031 09:02:11 +0300\nSubject: PRESSMEDDELANDE: Kustby bygger ny skola\n"
            "\nKUSTBY STAD\nPressmeddelande\n14.10.2031\nFritt för publicering genast\n\n"
            f"Kustby bygger ny skola\n\n{SV_LEDE}\n\nYtterligare upplysningar:\n"
            "bildningsdirektör Eva Holm, tfn 040 123 4567\n\n--\nKustby stad\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.content_label, record.published.isoformat(), record.lede) == (
        "Kustby bygger ny skola", "Pressmeddelande", "2031-10-14", SV_LEDE)
    assert record.contacts == (Contact("Eva Holm", "bildningsdirektör", "contact"),)


@pytest.mark.parametrize("notice", [
    "Tällä sivustolla käytetään evästeitä. Voit hyväksyä tai kieltäytyä analytiikkaevästeistä.",
    "Denne hjemmeside bruger cookies til statistik og til at huske dine valg.",
    "Nettstaden nyttar informasjonskapslar for å lage statistikk.",
])
def test_cookie_notices_and_their_buttons_in_any_words(tmp_path: Path, notice: str) -> None:
    page = (f"Valikko\n{notice}\nHyväksy kaikki\nVain välttämättömät\nEtusivu\nAjankohtaista\n"
            "Tiedotteet\nTiedote 14.10.2031 12.30\nKunnat saavat uuden oppaan\n"
            "Kuntaliitto on laatinut oppaan, joka auttaa kuntia jakamaan tietoja turvallisesti.\n")
    record = _read(tmp_path, "sivu.txt", page)
    assert (record.title, record.content_label, record.published.isoformat()) == (
        "Kunnat saavat uuden oppaan", "Tiedote", "2031-10-14")


@pytest.mark.parametrize(("heading", "block"), [
    ("Kontaktpersoner i Danske Regioner", "Anders Friis, pressechef, tlf. 35 29 81 15"),
    ("Spørsmål om saken kan rettes til:", "Anders Friis, pressesjef, tlf. 918 44 210"),
    ("Lisätiedot ja haastattelupyynnöt", "Anders Friis\npressechef"),
    ("Ytterligare upplysningar:", "pressechef Anders Friis, tfn 040 123 4567"),
])
def test_contact_headings_in_more_words(tmp_path: Path, heading: str, block: str) -> None:
    page = f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\n{heading}\n{block}\n"
    contacts = _read(tmp_path, "sida.txt", page).contacts
    assert [c.name for c in contacts] == ["Anders Friis"]


def test_a_note_under_a_whole_contact_entry_ends_the_block(tmp_path: Path) -> None:
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\nKontakt\n"
            "Anna Lind, handläggare, tfn 08-452 70 00\nRelaterade nyheter\nRegion Nord\n"
            "Storgatan 1\n")
    assert _read(tmp_path, "sida.txt", page).contacts == (
        Contact("Anna Lind", "handläggare", "contact"),)


def test_an_old_cms_title_in_font_tags_and_a_contact_table_headed_in_a_row(tmp_path: Path) -> None:
    page = ("<html><head><title>Åby Kommune - Nyheder - Borgerservice åbner om aftenen</title>"
            "</head><body><table><tr><td class='content'>"
            "<table><tr><td><font size='1'>Publiceret d. 3. marts 2031</font></td></tr>"
            "<tr><td><font size='4'><b>Borgerservice åbner om aftenen</b></font></td></tr>"
            "<tr><td>Fra 1. april kan borgerne få hjælp til pas og kørekort to aftener om ugen.</td></tr>"
            "<tr><td><table class='kontakt'><tr><td colspan='3'><b>Kontakt</b></td></tr>"
            "<tr><td>Lene Kjær</td><td>Borgmester</td><td>tlf. 72 36 10 01</td></tr>"
            "<tr><td>Bo Dahl</td><td>Leder af Borgerservice</td><td>tlf. 72 36 14 40</td></tr>"
            "</table></td></tr></table></td></tr></table></body></html>")
    record = _read(tmp_path, "side.html", page)
    assert record.title == "Borgerservice åbner om aftenen"
    assert record.contacts == (Contact("Lene Kjær", "Borgmester", "contact"),
                               Contact("Bo Dahl", "Leder af Borgerservice", "contact"))


def test_a_contact_heading_alone_in_its_element(tmp_path: Path) -> None:
    page = ('<html lang="sv"><body><main><h1>Ny plan</h1><p>Publicerad 14 januari 2031</p>'
            f"<p>{SV_LEDE}</p></main><div class='box'><div class='portlet'><h2>Kontakt</h2></div>"
            "<div class='people'><p><strong>Helena Lind</strong><br>kommunstyrelsens ordförande"
            "<br>0570-123 45</p></div></div></body></html>")
    assert _read(tmp_path, "sida.html", page).contacts == (
        Contact("Helena Lind", "kommunstyrelsens ordförande", "contact"),)


def test_a_two_digit_year_and_a_source_note(tmp_path: Path) -> None:
    page = ('<html lang="da"><body><article><p><span>Debatindlæg</span> · <span>12.10.31</span>'
            "</p><h1>Lad kommunerne styre efter resultater</h1><p>Af Jens Lund, formand</p>"
            "<p>Bragt i Altinget 12. oktober 2031</p><p>Hver dag bruger jobcentrenes medarbejdere "
            "timer på at dokumentere samtaler.</p></article></body></html>")
    record = _read(tmp_path, "side.html", page)
    assert (record.published.isoformat(), record.content_label) == ("2031-10-12", "Debatindlæg")
    assert record.lede == "Hver dag bruger jobcentrenes medarbejdere timer på at dokumentere samtaler."


# --- classes found by the blind set benchmarks/extract-blind3 (new pages, same classes) --------

def test_a_reader_mode_copy_with_a_reading_time(tmp_path: Path) -> None:
    page = (f"regionnord.se\n{TITLE}\nAv Karin Holm\n4–5 minutter\n\n"
            f"Publicerad 14.01.2031 10:15\n\n{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.lede, record.body) == (TITLE, SV_LEDE, SV_BODY)


def test_a_question_as_title_under_a_site_name_and_menu(tmp_path: Path) -> None:
    title = "Seminarium: Hur samarbetar kommunerna efter reformen?"
    page = (f"Hoppa till innehållet\nKommunförbundet\nSök\nMeny\nStart › Aktuellt › Nyheter\n\n"
            f"Nyhet\nPublicerad 7.10.2031 kl. 12.30\n\n{title}\n\n{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.content_label, record.lede) == (title, "Nyhet", SV_LEDE)


def test_a_contact_block_in_the_middle_of_the_page(tmp_path: Path) -> None:
    more = ("Kommunerna får enligt vägledningen också stöd i att mäta sina utsläpp, och SKR "
            "ordnar utbildningar under våren.")
    page = (f"Publicerad 14 januari 2031\n\n{TITLE}\n\n{SV_LEDE}\n\nKontakt\nAnna Lind\n"
            f"Handläggare\nTelefon: 08-452 70 00\n\n{SV_BODY}\n\n{more}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert record.body == f"{SV_BODY}\n\n{more}"
    assert record.contacts == (Contact("Anna Lind", "Handläggare", "contact"),)


@pytest.mark.parametrize("entries", [
    "Hanne Moe (fylkestannlege), tlf. 950 21 334\nOle Nyhus (Sp), fylkesråd, tlf. 918 44 600",
    "Hanne Moe\tfylkestannlege\t950 21 334\nOle Nyhus\tfylkesråd\t918 44 600",
])
def test_roles_in_brackets_parties_and_tab_separated_rows(tmp_path: Path, entries: str) -> None:
    page = (f"Publisert 3. februar 2031\n\nGratis tannbehandling for unge\n\n"
            f"Fylkeskommunen utvider tilbudet om gratis tannbehandling for unge voksne.\n\n"
            f"Kontakt\n{entries}\n")
    assert _read(tmp_path, "side.txt", page).contacts == (
        Contact("Hanne Moe", "fylkestannlege", "contact"),
        Contact("Ole Nyhus", "fylkesråd", "contact"))


def test_a_contact_card_of_fields_and_values(tmp_path: Path) -> None:
    page = ('<html lang="da"><body><main><h1>Konference om det nære sundhedsvæsen</h1>'
            "<p>Publiceret 3. marts 2031</p><p>Danske Regioner inviterer til konference om "
            "sundhedsklynger og det nære sundhedsvæsen.</p></main><section><h2>Kontakt</h2>"
            "<dl><dt>Navn</dt><dd>Rikke Holm</dd><dt>Titel</dt><dd>chefkonsulent</dd>"
            "<dt>Telefon</dt><dd>35 29 81 00</dd></dl></section></body></html>")
    assert _read(tmp_path, "side.html", page).contacts == (
        Contact("Rikke Holm", "chefkonsulent", "contact"),)


def test_the_people_in_the_headings_paragraph_close_the_block(tmp_path: Path) -> None:
    page = ('<html lang="sv"><body><h1>Ny plan</h1><p>Publicerad 3.11.2031</p>'
            f"<p>{SV_LEDE}</p><p><b>Ytterligare information:</b><br>konsultativ tjänsteman "
            "Anna Lind, tfn 0295 530 123</p><p>Bilaga: <a href='/p.pdf'>Programmet (pdf)</a></p>"
            "</body></html>")
    assert _read(tmp_path, "sida.html", page).contacts == (
        Contact("Anna Lind", "konsultativ tjänsteman", "contact"),)


@pytest.mark.parametrize(("head", "body_label", "expected"), [
    ("Pressmeddelande: Kommunerna vill pröva nya modeller - SKR", "", "Pressmeddelande"),
    ("Utkast til ny strategi - KS", '<p class="article__type">Høring</p>', "Høring"),
    ("Remiss: Ny lag om kommunal ekonomi | SKR", "", "Remiss"),
])
def test_labels_in_the_title_element_or_a_type_class(tmp_path: Path, head: str, body_label: str,
                                                     expected: str) -> None:
    page = (f"<html><head><title>{head}</title></head><body><main>{body_label}<h1>Rubrik</h1>"
            f"<p>Publicerad 14 januari 2031</p><p>{SV_LEDE}</p></main></body></html>")
    assert _read(tmp_path, "sida.html", page).content_label == expected


def test_a_capitalised_finnish_role_first(tmp_path: Path) -> None:
    page = ("Julkaistu 3.6.2031\n\nHervannan kaavaluonnos nähtäville\n\nTampereen kaupunki asettaa "
            "Hervannan keskustan kaavaluonnoksen nähtäville kesäkuussa.\n\nLisätietoja\n"
            "Kaavoitusarkkitehti Laura Heinonen, puh. 040 800 7000\n")
    assert _read(tmp_path, "sivu.txt", page).contacts == (
        Contact("Laura Heinonen", "Kaavoitusarkkitehti", "contact"),)


# --- classes found by the blind set benchmarks/extract-blind4 (new pages, same classes) --------

@pytest.mark.parametrize("byline", ["Av civilminister Erik Sandberg",
                                    "Af borgmester Hans Jørgen Skov (V), Faaborg-Midtfyn Kommune"])
def test_bylines_with_a_title_before_the_name(tmp_path: Path, byline: str) -> None:
    page = (f"Debattartikel från Finansdepartementet\n\n{TITLE}\n\nPublicerad 14 januari 2031\n\n"
            f"{byline}\n\n{SV_LEDE}\n\n{SV_BODY}\n")
    record = _read(tmp_path, "sida.txt", page)
    assert (record.title, record.content_label, record.lede) == (TITLE, "Debattartikel", SV_LEDE)


def test_lines_after_a_colon_are_a_list_whose_bullets_were_lost(tmp_path: Path) -> None:
    items = ("Hallin aukioloa pidennetään arkisin kello 21:een.",
             "Sarjakortit käyvät kaikissa kaupungin uimahalleissa.",
             "Uimakoulut siirtyvät Hipposhalliin.")
    page = ("Julkaistu 22.5.2031\n\nUimahalli suljetaan korjausten ajaksi\n\n"
            "Kaupunki sulkee uimahallin kesäkuussa, ja korjaus kestää runsaan vuoden.\n\n"
            "Korjauksen aikana kaupunki tarjoaa korvaavia palveluja:\n" + "\n".join(items)
            + "\n\nUimahalli on tarkoitus avata uudelleen elokuussa 2032.\n")
    assert _read(tmp_path, "sivu.txt", page).lists == (items,)


def test_paragraphs_after_a_colon_in_an_export_without_blank_lines_are_no_list(
        tmp_path: Path) -> None:
    page = ("Julkaistu 22.5.2031\nUimahalli suljetaan korjausten ajaksi\n"
            "Kaupunki sulkee uimahallin kesäkuussa, ja korjaus kestää runsaan vuoden.\n"
            "Kaupunki kertoo syyn:\nHallin katto on huonossa kunnossa.\n"
            "Myös altaiden laatoitus uusitaan samalla.\n")
    assert _read(tmp_path, "sivu.txt", page).lists == ()


def test_a_field_label_in_a_contact_card_does_not_end_the_block(tmp_path: Path) -> None:
    page = ('<html lang="nn"><body><main><h1>Plan på høyring</h1><p>Publisert 14.10.2031</p>'
            "<p>Framlegget til ny kommunedelplan for idrett er lagt ut til offentleg ettersyn.</p>"
            "<h2>Kontaktperson</h2><dl><dt>Namn</dt><dd>Ingvild Sande</dd><dt>Stilling</dt>"
            "<dd>Kultursjef</dd><dt>E-post</dt><dd>ingvild@luster.no</dd></dl></main></body></html>")
    assert _read(tmp_path, "side.html", page).contacts == (
        Contact("Ingvild Sande", "Kultursjef", "contact"),)


def test_lines_after_a_colon_and_a_blank_line_are_a_list(tmp_path: Path) -> None:
    items = ("Skolevejen vurderes ud fra barnets perspektiv.",
             "Forældrene inddrages i kortlægningen.", "Fartdæmpning ved skoler prioriteres.")
    page = ("Publiceret 3. oktober 2033\n\nSikre skoleveje\n\nKL udgiver i dag anbefalinger om "
            "sikre skoleveje til kommunerne.\n\nAnbefalingerne tager udgangspunkt i tre principper:"
            "\n\n" + "\n".join(items) + "\n\nRådet for Sikker Trafik har bidraget med viden.\n")
    assert _read(tmp_path, "side.txt", page).lists == (items,)

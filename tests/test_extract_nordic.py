"""Pages from the Nordic sister organisations: Norwegian (bokmål, nynorsk), Danish, Finnish and
Swedish from Finland, as text exports and as HTML. The pages are written for these tests."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from datarelease.errors import SourceError
from datarelease.extract import Contact, read_source, record_to_dict
from datarelease.extract.language import detect

NB_TEXT = """\
Hopp til hovedinnhold
Publisert: 12. oktober 2021
Oppdatert 13.10.2021

Pressemelding

Kommunene får ny veileder for tjenesteinnovasjon

KS og kommunene har sammen utviklet en veileder som skal gjøre det enklere å prøve ut nye løsninger.

Veilederen beskriver fire steg:

1. Forstå behovet hos innbyggerne.
2. Utvikle ideer sammen med de ansatte.
3. Test løsningen i liten skala.
4. Del erfaringene med andre kommuner.

– Vi vil at flere skal lykkes med innovasjon, sier direktøren.

Les veilederen (PDF, nytt vindu)

Kontakt

  • Kari Nordmann
    Seniorrådgiver
  • Ola Hansen, kommunikasjonsrådgiver

Var informasjonen nyttig?

Ja

Nei
"""

NN_TEXT = """\
Publisert 3. mars 2022

Nyheit

Kommunane vil dele meir kunnskap

Fleire kommunar har no gått saman om eit nettverk. Dei meiner det er viktig å lære av kvarandre.

Nettverket skal mellom anna:

- samle erfaringar frå prosjekta
- hjelpe kommunane med å søkje midlar

Eg trur dette blir eit godt verktøy, seier leiaren. Det er ikkje berre store kommunane som får nytte av det.

Kontaktperson

  • Ingrid Haugland
    Rådgjevar
"""

DA_TEXT = """\
Nyhed

Publiceret 3. marts 2021

KL og regionerne vil styrke det digitale samarbejde

Kommunerne og regionerne har aftalt en fælles plan for at gøre de digitale løsninger bedre for borgerne.

Aftalen bygger på tre principper:

  • Borgeren skal opleve én sammenhængende offentlig sektor.
  • Data skal genbruges på tværs af myndighederne.
  • Løsningerne skal udvikles i tæt samarbejde med medarbejderne.

Det er meget vigtigt, at vi får det til at virke, siger formanden. Vi har ikke råd til at vente.

Pressekontakt

  • Mette Jensen
    Presserådgiver
    Tlf. 33 70 33 70

Fandt du det, du søgte?
"""

FI_TEXT = """\
Julkaistu 7.10.2021
Päivitetty 8.10.2021

Tiedote

Kunnat kehittävät palveluja yhdessä

Kuntaliitto ja kunnat ovat sopineet uudesta yhteistyöstä, jonka tavoitteena on parantaa palveluja.

Hankkeen periaatteet ovat:

1. Asukkaiden tarpeet ohjaavat kehittämistä.
2. Kokeiluista opitaan myös silloin, kun ne eivät onnistu.

Hanke on tärkeä, koska se auttaa kuntia oppimaan toisiltaan, sanoo johtaja. Se ei ole vain hallinnon asia.

Lisätietoja

Matti Meikäläinen, johtaja, puh. 040 123 4567
Liisa Virtanen
kehittämispäällikkö

Oliko sivusta apua?

Kyllä
"""

FI_SV_TEXT = """\
Publicerad 7.10.2021

Nyhet

Kommunförbundet stöder kommunernas innovationsarbete

Kommunförbundet och kommunerna har kommit överens om ett nytt samarbete för att förbättra servicen.

Samarbetet har två utgångspunkter:

  • Invånarnas behov styr utvecklingen.
  • Kommunerna lär sig av varandras försök.

Det är viktigt att vi inte gör samma arbete flera gånger, säger direktören. Därför delar vi också resultaten.

Ytterligare information

  • Anna Lindqvist
    Utvecklingschef
"""

NB_HTML = """<!doctype html>
<html lang="no"><head><title>Ny strategi | KS</title></head><body>
<header><nav><a href="/">Forside</a></nav></header>
<main><article>
<p class="breadcrumb">Du er her: Forside / Aktuelt</p>
<span class="label">Nyhet</span>
<h1>Ny strategi for digitalisering i kommunene</h1>
<p class="meta">Publisert <time datetime="2021-10-12">12. oktober 2021</time>,
 oppdatert <time datetime="2021-10-14">14. oktober 2021</time></p>
<p class="ingress">Regjeringen og KS har lagt fram en ny strategi for digitalisering.</p>
<p>Strategien har tre mål, og det er ikke lenge til arbeidet starter. Hva som skjer etter
dette, blir avgjort av kommunene selv.</p>
<ol><li>Enklere tjenester for innbyggerne.</li><li>Bedre bruk av data.</li>
<li>Mer samarbeid mellom kommunene.</li></ol>
<h2>Kontakt</h2>
<ul><li><span class="name">Per Olsen</span> <span class="role">Fagleder</span></li></ul>
<p>Fant du det du lette etter?</p>
</article></main>
<footer><p>KS, Haakon VIIs gate 9</p></footer>
</body></html>
"""

DA_HTML = """<!doctype html>
<html><head><title>Kronik</title></head><body><main>
<div class="kicker">Kronik</div>
<h1>Kommunerne skal have frihed til at prøve nyt</h1>
<div class="date">Publiceret 04.03.2021 | Opdateret: 05.03.2021</div>
<p class="lead">Det offentlige skal blive bedre til at lære af sine fejl.</p>
<p>Vi har ikke brug for flere regler, men for mere tillid. Det er det, der bliver afgørende
for, om vi lykkes med at udvikle velfærden efter krisen.</p>
<p>Del artiklen</p>
</main></body></html>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "published", "modified", "label", "content_type", "language"), [
        ("nb.txt", NB_TEXT, datetime.date(2021, 10, 12), datetime.date(2021, 10, 13),
         "Pressemelding", "press_release", "nb"),
        ("nn.txt", NN_TEXT, datetime.date(2022, 3, 3), None, "Nyheit", "news", "nn"),
        ("da.txt", DA_TEXT, datetime.date(2021, 3, 3), None, "Nyhed", "news", "da"),
        ("fi.txt", FI_TEXT, datetime.date(2021, 10, 7), datetime.date(2021, 10, 8), "Tiedote",
         "press_release", "fi"),
        ("fi-sv.txt", FI_SV_TEXT, datetime.date(2021, 10, 7), None, "Nyhet", "news", "sv"),
        ("nb.html", NB_HTML, datetime.date(2021, 10, 12), datetime.date(2021, 10, 14), "Nyhet",
         "news", "nb"),
        ("da.html", DA_HTML, datetime.date(2021, 3, 4), datetime.date(2021, 3, 5), "Kronik",
         "opinion", "da"),
    ])
def test_nordic_pages(tmp_path: Path, name: str, text: str, published: datetime.date,
                      modified: datetime.date | None, label: str, content_type: str,
                      language: str) -> None:
    record = read_source(_write(tmp_path, name, text))
    assert (record.published, record.modified) == (published, modified)
    assert (record.content_label, record.content_type) == (label, content_type)
    assert record.language == language


def test_numbered_lists_and_contacts_in_norwegian(tmp_path: Path) -> None:
    record = read_source(_write(tmp_path, "nb.txt", NB_TEXT))
    assert record.title == "Kommunene får ny veileder for tjenesteinnovasjon"
    assert record.lists == (("Forstå behovet hos innbyggerne.", "Utvikle ideer sammen med de ansatte.",
                             "Test løsningen i liten skala.", "Del erfaringene med andre kommuner."),)
    assert record.contacts == (Contact("Kari Nordmann", "Seniorrådgiver", "contact"),
                               Contact("Ola Hansen", "kommunikasjonsrådgiver", "contact"))
    assert [link.text for link in record.links] == ["Les veilederen"]
    everything = json.dumps(record_to_dict(record), ensure_ascii=False)
    for chrome in ("Var informasjonen nyttig", "Hopp til hovedinnhold", "Oppdatert", "Nei"):
        assert chrome not in everything


def test_finnish_contacts_without_bullets(tmp_path: Path) -> None:
    record = read_source(_write(tmp_path, "fi.txt", FI_TEXT))
    assert record.lists == (("Asukkaiden tarpeet ohjaavat kehittämistä.",
                             "Kokeiluista opitaan myös silloin, kun ne eivät onnistu."),)
    assert record.contacts == (Contact("Matti Meikäläinen", "johtaja", "contact"),
                               Contact("Liisa Virtanen", "kehittämispäällikkö", "contact"))
    assert "Oliko sivusta apua" not in record.body and "Kyllä" not in record.body


def test_danish_and_finland_swedish_contacts(tmp_path: Path) -> None:
    danish = read_source(_write(tmp_path, "da.txt", DA_TEXT))
    assert danish.contacts == (Contact("Mette Jensen", "Presserådgiver", "information_officer"),)
    assert len(danish.lists) == 1 and len(danish.lists[0]) == 3
    assert "Fandt du det" not in danish.body
    swedish = read_source(_write(tmp_path, "fi-sv.txt", FI_SV_TEXT))
    assert swedish.contacts == (Contact("Anna Lindqvist", "Utvecklingschef", "contact"),)


def test_html_pages(tmp_path: Path) -> None:
    norwegian = read_source(_write(tmp_path, "nb.html", NB_HTML))
    assert norwegian.title == "Ny strategi for digitalisering i kommunene"
    assert norwegian.lede == "Regjeringen og KS har lagt fram en ny strategi for digitalisering."
    assert norwegian.lists == (("Enklere tjenester for innbyggerne.", "Bedre bruk av data.",
                                "Mer samarbeid mellom kommunene."),)
    assert norwegian.contacts == (Contact("Per Olsen", "Fagleder", "contact"),)
    assert "Du er her" not in norwegian.body and "Fant du" not in norwegian.body
    danish = read_source(_write(tmp_path, "da.html", DA_HTML))
    assert danish.lede == "Det offentlige skal blive bedre til at lære af sine fejl."
    assert "Del artiklen" not in danish.body and "Opdateret" not in danish.body


@pytest.mark.parametrize(("text", "language"), [
    ("Vi har ikke fått svar fra departementet, og det er for sent å endre hva som blir gjort.", "nb"),
    ("Vi har ikkje fått svar frå departementet, og det er for seint å endre kva som blir gjort.",
     "nn"),
    ("Vi har ikke fået svar fra ministeriet, og det er for sent at ændre hvad der bliver gjort.",
     "da"),
    ("Emme ole saaneet vastausta ministeriöstä, ja on myöhäistä muuttaa sitä, mitä tehdään.",
     "fi"),
    ("Vi har inte fått svar från departementet, och det är för sent att ändra vad som görs.", "sv"),
    ("Kommunene skal få mer ansvar, men de må også få penger til å gjennomføre det.", "nb"),
    ("Kommunane skal få meir ansvar, men dei må òg få pengar til å gjennomføre det.", "nn"),
    ("Kommunerne skal have mere ansvar, men de skal også have penge til at gennemføre det.", "da"),
])
def test_neighbouring_languages_are_told_apart(text: str, language: str) -> None:
    assert detect(text) == language


def test_unknown_layout_names_what_is_missing(tmp_path: Path) -> None:
    page = "Aktuelt\n\nEn overskrift uten dato\n\nEn tekst om noe.\n"
    with pytest.raises(SourceError, match="no date line: expected a publication date") as caught:
        read_source(_write(tmp_path, "x.txt", page))
    assert "Publisert: 12. oktober 2021" in str(caught.value)
    with pytest.raises(SourceError, match=r"unknown month 'oktobr'.*Norwegian, Danish, Finnish"):
        read_source(_write(tmp_path, "y.txt", "Publisert: 12. oktobr 2021\n\nTittel\n"))


# --- decoding: a stray byte does not switch the file to Windows-1252 ----------------------------

def test_a_stray_invalid_byte_in_utf8_is_an_error_at_its_offset(tmp_path: Path) -> None:
    data = NB_TEXT.encode("utf-8")
    offset = data.index(b"Kommunene f")
    broken = data[:offset] + b"\xff" + data[offset:]
    path = tmp_path / "broken.txt"
    path.write_bytes(broken)
    with pytest.raises(SourceError, match=rf"invalid byte 0xFF at byte offset {offset}") as caught:
        read_source(path)
    assert "line 7" in str(caught.value)


def test_a_legacy_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(FI_SV_TEXT.encode("cp1252"))
    record = read_source(path)
    assert record.title == "Kommunförbundet stöder kommunernas innovationsarbete"


@pytest.mark.parametrize("line", ["Nyhet | Publicerad 18.4.2024", "Nyhet · Publicerad 18.4.2024",
                                  "Nyhet Publicerad 18.4.2024"])
def test_a_label_and_the_date_line_may_share_a_line(tmp_path: Path, line: str) -> None:
    text = tmp_path / "kommunforbundet-2024-04-18-vagledning.txt"
    text.write_text(f"{line}\n\nNy vägledning om öppna data\n\nKommunförbundet har publicerat en "
                    "vägledning för kommunerna om hur de kan öppna sina data.\n", encoding="utf-8")
    record = read_source(text)
    assert (record.published, record.content_label, record.content_type) == (
        datetime.date(2024, 4, 18), "Nyhet", "news")
    assert record.title == "Ny vägledning om öppna data"
    page = tmp_path / "kommunforbundet-2024-04-18-vagledning.html"
    page.write_text(f"<html><body><main><div class='meta'>{line}</div><h1>Ny vägledning</h1>"
                    "<p>Kommunförbundet har publicerat en vägledning för kommunerna om hur de kan "
                    "öppna sina data.</p></main></body></html>", encoding="utf-8")
    html = read_source(page)
    assert (html.published, html.content_label) == (datetime.date(2024, 4, 18), "Nyhet")


def test_an_unknown_word_before_the_date_line_is_no_label(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("Blandat | Publicerad 18.4.2024\n\nRubrik\n\nEn text om kommunerna som är "
                    "lång nog.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no date line"):
        read_source(text)


def test_a_breadcrumb_trail_is_not_a_list(tmp_path: Path) -> None:
    page = tmp_path / "kuntaliitto-2026-01-20-uutinen.html"
    page.write_text("<html lang='fi'><body><main><ol class='breadcrumb'><li>Etusivu</li>"
                    "<li>Uutiset</li></ol><p class='tag'>Tiedote</p><h1>Otsikko tähän</h1>"
                    "<p class='date'>Julkaistu 20.1.2026</p><p>Kuntaliitto julkaisi selvityksen "
                    "kuntien taloudesta ja sen kehityksestä.</p><p>Linjaukset ovat:</p>"
                    "<ul><li>Yksi.</li><li>Kaksi.</li></ul></main></body></html>",
                    encoding="utf-8")
    record = read_source(page)
    assert record.lists == (("Yksi.", "Kaksi."),)
    assert "Etusivu" not in record.body


@pytest.mark.parametrize("meta", [
    "<time>Publiceret 5. maj 2027</time>",  # the stamp word inside the tag, no datetime
    "Publiceret <time>5. maj 2027</time>",
    '<time datetime="2027-05-05">Publiceret 5. maj 2027</time>',
])
def test_a_time_tag_may_hold_its_stamp_word(tmp_path: Path, meta: str) -> None:
    page = DA_HTML.replace('<div class="date">Publiceret 04.03.2021 | Opdateret: 05.03.2021</div>',
                           f'<p class="date">{meta}</p>')
    assert page != DA_HTML
    record = read_source(_write(tmp_path, "da.html", page))
    assert record.published == datetime.date(2027, 5, 5)


# --- short pages: too few stop words, the character trigrams decide -------------------------------

SHORT_PAGES = {
    "nb": ("Publisert: 3. mars 2025", "Nyhet", "Nytt verktøy for kommunal planlegging",
           "Kommunene får nå tilgang til en digital tjeneste som forenkler arbeidet med "
           "arealplaner."),
    "nn": ("Publisert: 3. mars 2025", "Nyheit", "Nytt verktøy for kommunal planlegging",
           "Kommunane får no tilgang til ei digital teneste som forenklar arbeidet med "
           "arealplanane."),
    "da": ("Publiceret 3. marts 2025", "Nyhed", "Nyt værktøj til kommunal planlægning",
           "Kommunerne får nu adgang til en digital løsning, som forenkler arbejdet med "
           "lokalplaner."),
    "fi": ("Julkaistu 3.3.2025", "Uutinen", "Uusi työkalu kuntien kaavoitukseen",
           "Kunnat saavat nyt käyttöönsä digitaalisen palvelun, joka helpottaa kaavoitustyötä."),
    "sv": ("Publicerad: 3 mars 2025", "Nyhet", "Nytt verktyg för kommunal planering",
           "Kommunerna får nu tillgång till en digital tjänst som förenklar arbetet med "
           "detaljplaner."),
}


@pytest.mark.parametrize("language", sorted(SHORT_PAGES))
def test_a_short_page_gets_its_own_language(tmp_path: Path, language: str) -> None:
    date, label, title, sentence = SHORT_PAGES[language]
    page = f"{date}\n\n{label}\n\n{title}\n\n{sentence}\n"
    assert read_source(_write(tmp_path, "kort.txt", page)).language == language


@pytest.mark.parametrize("language", ["nb", "nn", "da", "fi"])
def test_a_short_page_is_not_taken_for_its_sites_language(tmp_path: Path, language: str) -> None:
    _, _, title, sentence = SHORT_PAGES[language]
    html = (f"<html lang='sv'><body><main><h1>{title}</h1>"
            f"<time datetime='2025-03-03'>2025-03-03</time><p>{sentence}</p></main></body></html>")
    assert read_source(_write(tmp_path, "kort.html", html)).language == language


@pytest.mark.parametrize(("text", "language"), [
    ("Regjeringen legger fram ny strategi. Strategien skal gjøre det lettere for kommunene å "
     "dele data med hverandre.", "nb"),
    ("Regjeringa legg fram ny strategi. Strategien skal gjere det lettare for kommunane å dele "
     "data med kvarandre.", "nn"),
    ("Regeringen fremlægger ny strategi. Strategien skal gøre det lettere for kommunerne at "
     "dele data med hinanden.", "da"),
    ("Hallitus esittelee uuden strategian. Strategian tavoitteena on helpottaa tietojen "
     "jakamista kuntien välillä.", "fi"),
    ("Regeringen presenterar ny strategi. Strategin ska göra det lättare för kommunerna att "
     "dela data med varandra.", "sv"),
])
def test_two_sentences_are_enough(text: str, language: str) -> None:
    assert detect(text) == language


def test_too_few_words_fall_back_to_the_pages_lang() -> None:
    assert detect("Riktig rubrik. Kort text.", fallback="nb") == "nb"
    assert detect("SKR, KS och KL", fallback=None) == "sv"


# --- pages with a date and no stamp word, or a date only for machines -----------------------------

NB_SENTENCE = ("KS har i dag lagt fram en ny veileder om digitalisering for kommunene. Veilederen "
               "skal gjøre det enklere for kommunene å dele data med hverandre.")


@pytest.mark.parametrize(("line", "published"), [
    ("12. oktober 2021", datetime.date(2021, 10, 12)),
    ("12.10.2021 kl. 10:15", datetime.date(2021, 10, 12)),
    ("tirsdag 12. oktober 2021", datetime.date(2021, 10, 12)),
    ("Dato: 12.10.2021", datetime.date(2021, 10, 12)),
    ("Datum: 2021-10-12", datetime.date(2021, 10, 12)),
    ("Päivämäärä: 12.10.2021", datetime.date(2021, 10, 12)),
])
def test_a_date_alone_near_the_top_is_the_publication_date(tmp_path: Path, line: str,
                                                          published: datetime.date) -> None:
    for page in (f"{line}\n\nNyhet\n\nNy veileder\n\n{NB_SENTENCE}\n",
                 f"Nyhet\n\nNy veileder\n\n{line}\n\n{NB_SENTENCE}\n"):
        record = read_source(_write(tmp_path, "side.txt", page))
        assert (record.published, record.title, record.lede) == (published, "Ny veileder",
                                                                 NB_SENTENCE)
        assert line not in record.body


def test_a_stamp_word_beats_a_date_alone(tmp_path: Path) -> None:
    page = f"1.9.2021\n\nNy veileder\n\nPublisert: 12. oktober 2021\n\n{NB_SENTENCE}\n"
    assert read_source(_write(tmp_path, "side.txt", page)).published == datetime.date(2021, 10, 12)


def test_a_date_far_down_the_page_is_no_publication_date(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Avsnitt {n} om saken, som handler om noe annet." for n in range(8))
    page = f"Nyhet\n\nNy veileder\n\n{paragraphs}\n\n12.10.2021\n"
    with pytest.raises(SourceError, match=r"no date line.*a date alone on a line"):
        read_source(_write(tmp_path, "side.txt", page))


def _html(head: str, article: str) -> str:
    return (f"<html lang='nb'><head>{head}</head><body><header><nav>Hjem</nav></header><main>"
            f"<h1>Ny veileder</h1>{article}<p>{NB_SENTENCE}</p></main></body></html>")


@pytest.mark.parametrize(("head", "article", "published", "modified"), [
    ("<meta property='article:published_time' content='2021-10-12T09:15:00+02:00'>"
     "<meta property='article:modified_time' content='2021-10-14T08:00:00+02:00'>", "",
     datetime.date(2021, 10, 12), datetime.date(2021, 10, 14)),
    ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@graph\": "
     "[{\"@type\": \"NewsArticle\", \"datePublished\": \"2021-10-12\", \"dateModified\": "
     "\"2021-10-12T15:00:00Z\"}]}</script>", "", datetime.date(2021, 10, 12), None),
    ("<meta name='DC.date.issued' content='2021-10-12'>", "", datetime.date(2021, 10, 12), None),
    ("", "<span itemprop='datePublished' content='2021-10-12'></span>",
     datetime.date(2021, 10, 12), None),
    ("", "<div class='meta'><span class='date'>12.10.2021</span></div>",
     datetime.date(2021, 10, 12), None),
    ("", "<p>Dato: 12. oktober 2021</p>", datetime.date(2021, 10, 12), None),
])
def test_an_html_page_without_a_dated_line(tmp_path: Path, head: str, article: str,
                                           published: datetime.date,
                                           modified: datetime.date | None) -> None:
    record = read_source(_write(tmp_path, "side.html", _html(head, article)))
    assert (record.published, record.modified) == (published, modified)
    assert record.lede == NB_SENTENCE and "2021" not in record.body


@pytest.mark.parametrize(("article", "published", "modified"), [
    ("<p class='meta'><span itemprop='datePublished' content='2021-10-12'>tirsdag 12. okt.</span>"
     "</p>", datetime.date(2021, 10, 12), None),
    ("<div itemprop='datePublished'>2021-10-12</div>", datetime.date(2021, 10, 12), None),
    ("<p>Publisert <span itemprop='datePublished' content='2021-10-12'>tirsdag</span></p>",
     datetime.date(2021, 10, 12), None),
    ("<p>Publisert: 12. oktober 2021</p><p><span itemprop='dateModified' content='2021-10-14'>"
     "torsdag</span></p>", datetime.date(2021, 10, 12), datetime.date(2021, 10, 14)),
])
def test_a_microdata_date_shown_to_readers_is_read_and_left_out(
        tmp_path: Path, article: str, published: datetime.date,
        modified: datetime.date | None) -> None:
    record = read_source(_write(tmp_path, "side.html", _html("", article)))
    assert (record.published, record.modified) == (published, modified)
    assert record.lede == NB_SENTENCE and record.body == ""


def test_a_visible_date_line_beats_the_pages_metadata(tmp_path: Path) -> None:
    html = _html("<meta property='article:published_time' content='2030-01-01T00:00:00Z'>",
                 "<p>Publisert: 12. oktober 2021</p>")
    assert read_source(_write(tmp_path, "side.html", html)).published == datetime.date(2021, 10, 12)


@pytest.mark.parametrize("script", [
    "[" * 100_000 + "]" * 100_000,  # deeper than json.loads can go
    json.dumps({"a": [[[[[[[[[[{"datePublished": "2021-10-12"}]]]]]]]]]]}),  # deeper than we look
    "{\"datePublished\": " + json.dumps("x" * 2_000_000) + "}",  # longer than we read
    "{not json",
])
def test_hostile_json_ld_is_no_date_and_no_crash(tmp_path: Path, script: str) -> None:
    html = _html(f"<script type='application/ld+json'>{script}</script>", "")
    with pytest.raises(SourceError, match="no publication date"):
        read_source(_write(tmp_path, "side.html", html))


# --- contact lines as Finnish and other sites print them ------------------------------------------

@pytest.mark.parametrize(("block", "contacts"), [
    ("Lisätietoja\n\nerityisasiantuntija Matti Virtanen, puh. 050 123 4567\n"
     "lakimies Liisa Laine, p. 09 771 2540",
     (Contact("Matti Virtanen", "erityisasiantuntija", "contact"),
      Contact("Liisa Laine", "lakimies", "contact"))),
    ("Lisätietoja: neuvotteleva virkamies Matti Virtanen, p. 0295 530 000",
     (Contact("Matti Virtanen", "neuvotteleva virkamies", "contact"),)),
    ("För mer information, kontakta:\n\nAnna Berg, specialsakkunnig, tfn 09 771 2000",
     (Contact("Anna Berg", "specialsakkunnig", "contact"),)),
    ("For mer informasjon, kontakt:\n\nKari Nordmann, spesialrådgiver, tlf. 412 34 567",
     (Contact("Kari Nordmann", "spesialrådgiver", "contact"),)),
    ("For yderligere oplysninger, kontakt:\n\nMette Jensen, chefkonsulent, tlf. 3370 3370",
     (Contact("Mette Jensen", "chefkonsulent", "contact"),)),
])
def test_contact_lines_with_the_role_first_or_the_heading_on_the_line(
        tmp_path: Path, block: str, contacts: tuple[Contact, ...]) -> None:
    page = f"Julkaistu 7.10.2021\n\nUutinen\n\nOtsikko\n\nEnsimmäinen kappale.\n\n{block}\n"
    record = read_source(_write(tmp_path, "sivu.txt", page))
    assert record.contacts == contacts
    assert "Ensimmäinen kappale." in record.lede + record.body


def test_a_sentence_after_a_contact_word_is_not_a_contact_block(tmp_path: Path) -> None:
    page = ("Publicerad 7.10.2021\n\nNyhet\n\nRubrik\n\nIngress om saken.\n\n"
            "Kontakt: Vi vill gärna höra från dig om hur det går.\n\nSista stycket i texten.\n")
    record = read_source(_write(tmp_path, "sida.txt", page))
    assert record.contacts == ()
    assert "Sista stycket i texten." in record.body


# --- lists ----------------------------------------------------------------------------------------

DA_LEDE = ("KL har i dag offentliggjort et nyt udspil om digitalisering i kommunerne. Udspillet skal "
           "gøre det lettere for kommunerne at dele data med hinanden.")
ITEMS = ("Borgeren i centrum", "Data skal deles", "Fælles løsninger")


@pytest.mark.parametrize("marks", [
    ("1.", "2.", "3."), ("1)", "2)", "3)"), ("a)", "b)", "c)"), ("•", "•", "•"), ("✓", "✓", "✓"),
    ("→", "→", "→"), ("■", "■", "■"),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_list_is_one_list_with_or_without_blank_lines(tmp_path: Path, marks: tuple[str, ...],
                                                       gap: str) -> None:
    items = gap.join(f"{mark} {item}" for mark, item in zip(marks, ITEMS, strict=True))
    page = (f"Publiceret 3. marts 2021\n\nNyhed\n\nOverskrift\n\n{DA_LEDE}\n\n"
            f"Udspillet bygger på tre principper:\n\n{items}\n\nSidste afsnit.\n")
    assert read_source(_write(tmp_path, "side.txt", page)).lists == (ITEMS,)


def test_dashes_apart_and_numbers_out_of_order_are_separate_lists(tmp_path: Path) -> None:
    page = (f"Publiceret 3. marts 2021\n\nNyhed\n\nOverskrift\n\n{DA_LEDE}\n\n"
            "- Borgeren i centrum\n- Data skal deles\n\n- Fælles løsninger\n- Åbne data\n\n"
            "1. Første\n2. Anden\n\n1. Igen første\n2. Igen anden\n")
    assert read_source(_write(tmp_path, "side.txt", page)).lists == (
        ("Borgeren i centrum", "Data skal deles"), ("Fælles løsninger", "Åbne data"),
        ("Første", "Anden"), ("Igen første", "Igen anden"))


@pytest.mark.parametrize(("meta", "published", "modified"), [
    ("<dl><dt>Publisert</dt><dd>12. oktober 2021</dd><dt>Sist oppdatert</dt>"
     "<dd>14. oktober 2021</dd></dl>", datetime.date(2021, 10, 12), datetime.date(2021, 10, 14)),
    ("<table><tr><th>Publisert</th><td>12.10.2021</td></tr></table>",
     datetime.date(2021, 10, 12), None),
    ("<span class='published'>Julkaistu 7.10.2021 9.00</span> "
     "<span>Päivitetty 8.10.2021 10.30</span>", datetime.date(2021, 10, 7),
     datetime.date(2021, 10, 8)),
    ("<p>Publisert 12.10.2021</p><p><span>Oppdatert</span> <span>12.10.2021</span></p>",
     datetime.date(2021, 10, 12), None),  # a change stamp on the day itself is no change
])
def test_stamp_words_and_dates_in_separate_elements(tmp_path: Path, meta: str,
                                                    published: datetime.date,
                                                    modified: datetime.date | None) -> None:
    html = (f"<html lang='nb'><body><main><article><h1>Ny veileder</h1>{meta}"
            f"<p>{NB_SENTENCE}</p><p>Mer tekst.</p></article></main></body></html>")
    record = read_source(_write(tmp_path, "side.html", html))
    assert (record.published, record.modified) == (published, modified)
    assert record.body == "Mer tekst."


FI_LEDE = ("Kuntaliitto julkaisi tänään uuden oppaan kuntien digitalisaatiosta. Oppaan tavoitteena "
           "on helpottaa tietojen jakamista kuntien välillä.")


@pytest.mark.parametrize(("block", "contacts"), [
    ("<h2>Lisätietoja</h2><p>erityisasiantuntija Matti Virtanen, puh. 050 123 4567<br>"
     "lakimies Liisa Laine, p. 09 771 2540</p>",
     (Contact("Matti Virtanen", "erityisasiantuntija", "contact"),
      Contact("Liisa Laine", "lakimies", "contact"))),
    ("<p><strong>Lisätietoja:</strong> erityisasiantuntija Matti Virtanen, puh. 050 123 4567</p>",
     (Contact("Matti Virtanen", "erityisasiantuntija", "contact"),)),
    ("<div class='contact'><h3>Yhteyshenkilö</h3><div class='name'>Matti Virtanen</div>"
     "<div class='title'>Erityisasiantuntija</div><a href='mailto:m@example.org'>m@example.org</a>"
     "</div>", (Contact("Matti Virtanen", "Erityisasiantuntija", "contact"),)),
])
def test_html_contact_blocks_as_finnish_sites_print_them(tmp_path: Path, block: str,
                                                        contacts: tuple[Contact, ...]) -> None:
    html = (f"<html lang='fi'><body><main><article><h1>Otsikko</h1><p>Julkaistu 7.10.2021</p>"
            f"<p>{FI_LEDE}</p><p>Lisää tekstiä.</p>{block}</article></main></body></html>")
    record = read_source(_write(tmp_path, "sivu.html", html))
    assert record.contacts == contacts
    assert record.body == "Lisää tekstiä."


# --- a content label and the date on one line of metadata -----------------------------------------

@pytest.mark.parametrize(("line", "published", "label"), [
    ("Nyhet | 12. oktober 2021", datetime.date(2021, 10, 12), "Nyhet"),
    ("Pressemelding | Dato: 12.10.2021 | Nr: 123/21", datetime.date(2021, 10, 12), "Pressemelding"),
    ("Nyhed 12. oktober 2021", datetime.date(2021, 10, 12), "Nyhed"),
    ("3. marts 2021 · Nyhed", datetime.date(2021, 3, 3), "Nyhed"),
    ("Pressemeddelelse, 3. marts 2021", datetime.date(2021, 3, 3), "Pressemeddelelse"),
    ("Uutinen 7.10.2021 12.30", datetime.date(2021, 10, 7), "Uutinen"),
    ("7.10.2021 | Tiedote", datetime.date(2021, 10, 7), "Tiedote"),
    ("Pressmeddelande • 12 oktober 2021", datetime.date(2021, 10, 12), "Pressmeddelande"),
    ("Datum 12 oktober 2021", datetime.date(2021, 10, 12), ""),
    ("Af Mette Jensen | 3. marts 2021", datetime.date(2021, 3, 3), ""),
    ("Av Kari Nordmann, 12. oktober 2021", datetime.date(2021, 10, 12), ""),
    ("Nyhed | Af Mette Jensen, chefkonsulent | 3. marts 2021", datetime.date(2021, 3, 3), "Nyhed"),
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_line_of_metadata_gives_the_date_and_the_label(
        tmp_path: Path, line: str, published: datetime.date, label: str, fmt: str) -> None:
    if fmt == "txt":
        page = f"Ny veileder\n\n{line}\n\n{NB_SENTENCE}\n\nMer tekst om saken her.\n"
    else:
        page = _html("", f"<p class='meta'>{line}</p>") .replace(
            f"<p>{NB_SENTENCE}</p>", f"<p>{NB_SENTENCE}</p><p>Mer tekst om saken her.</p>")
    record = read_source(_write(tmp_path, f"side.{fmt}", page))
    assert (record.published, record.content_label) == (published, label)
    assert (record.title, record.lede, record.body) == ("Ny veileder", NB_SENTENCE,
                                                         "Mer tekst om saken her.")


@pytest.mark.parametrize("line", [
    "Søknadsfrist: 12.10.2021",  # a date under a key that is not a date word
    "Nyhet om fristen 12. oktober 2021 for alle kommuner",  # a sentence, not metadata
    "Møte | 12.10.2021 | Sted: Oslo | Frist: 1.11.2021 | Påmelding: 20.10.2021 | Ansvarlig: KS",
])
def test_a_date_in_other_metadata_is_no_publication_date(tmp_path: Path, line: str) -> None:
    page = f"Ny veileder\n\n{line}\n\n{NB_SENTENCE}\n"
    with pytest.raises(SourceError, match="no date line"):
        read_source(_write(tmp_path, "side.txt", page))


@pytest.mark.parametrize(("date_line", "chrome"), [
    ("Publicerad 12 oktober 2021", "Foto: Anna Berg/SKR"),
    ("Publicerad 12 oktober 2021", "Läsetid: 3 min"),
    ("Publicerad 12 oktober 2021", "Ämnen: Digitalisering, Välfärd"),
    ("Publisert: 12. oktober 2021", "Foto: Colourbox"),
    ("Publisert: 12. oktober 2021", "Lesetid: 4 minutter"),
    ("Publisert: 12. oktober 2021", "Emneord: digitalisering"),
    ("Publisert: 12. oktober 2021", "Tips en venn"),
    ("Publiceret 3. marts 2021", "Billede: Mette Jensen"),
    ("Publiceret 3. marts 2021", "Emner: Digitalisering"),
    ("Julkaistu 7.10.2021", "Kuva: Lehtikuva"),
    ("Julkaistu 7.10.2021", "Lukuaika: 2 min"),
    ("Julkaistu 7.10.2021", "Avainsanat: digitalisaatio, kunnat"),
    ("Julkaistu 7.10.2021", "Takaisin ylös"),
])
def test_picture_credits_reading_times_and_tags_are_page_chrome(
        tmp_path: Path, date_line: str, chrome: str) -> None:
    page = (f"{date_line}\n\nRubrik\n\nFörsta stycket om saken, som är ett helt stycke.\n\n"
            f"{chrome}\n\nAndra stycket om saken, som också är ett helt stycke.\n")
    record = read_source(_write(tmp_path, "sida.txt", page))
    assert chrome not in record.body and "Andra stycket" in record.body


def test_a_sentence_that_starts_like_a_credit_stays(tmp_path: Path) -> None:
    sentence = "Bild: regionen har tagit fram en ny bild av hur vården ska se ut 2030."
    page = (f"Publicerad 12 oktober 2021\n\nRubrik\n\nFörsta stycket om saken, som är ett helt "
            f"stycke.\n\n{sentence}\n")
    assert sentence in read_source(_write(tmp_path, "sida.txt", page)).body


@pytest.mark.parametrize(("lang", "label_class", "lede_class", "date_line", "lede"), [
    ("da", "kategori", "manchet", "Publiceret 3. marts 2021",
     "Regeringen har i dag fremlagt en ny strategi for kommunernes digitale arbejde."),
    ("fi", "kategoria", "ingressi", "Julkaistu 7.10.2021",
     "Hallitus on tänään hyväksynyt uuden strategian kuntien digitaalisesta työstä."),
    ("nb", "category", "standfirst", "Publisert: 12. oktober 2021", NB_SENTENCE),
])
def test_nordic_class_names_of_the_label_and_the_lede(
        tmp_path: Path, lang: str, label_class: str, lede_class: str, date_line: str,
        lede: str) -> None:
    html = (f"<html lang='{lang}'><body><main><div class='{label_class}'>Nyhed</div>"
            f"<h1>Ny strategi</h1><p>{date_line}</p><div class='article__{lede_class}'>{lede}</div>"
            "<p>Mer tekst om saken her.</p></main></body></html>")
    record = read_source(_write(tmp_path, "side.html", html))
    assert (record.content_label, record.lede, record.body) == ("Nyhed", lede,
                                                                "Mer tekst om saken her.")


@pytest.mark.parametrize(("entry", "expected"), [
    ("Chefkonsulent Mette Jensen, tlf. 3370 3370", Contact("Mette Jensen", "Chefkonsulent", "contact")),
    ("Erityisasiantuntija Matti Virtanen, puh. 050 123 4567",
     Contact("Matti Virtanen", "Erityisasiantuntija", "contact")),
    ("Neuvotteleva virkamies Liisa Laine", Contact("Liisa Laine", "Neuvotteleva virkamies", "contact")),
    ("Seniorrådgiver Kari Nordmann", Contact("Kari Nordmann", "Seniorrådgiver", "contact")),
    ("Anna Maria Berg, handläggare", Contact("Anna Maria Berg", "handläggare", "contact")),
    ("Karin Sjef Holm", Contact("Karin Sjef Holm", None, "contact")),  # a name, not a title
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_capitalised_title_before_the_name(tmp_path: Path, entry: str, expected: Contact,
                                             fmt: str) -> None:
    if fmt == "txt":
        page = f"Publisert: 12. oktober 2021\n\nNy veileder\n\n{NB_SENTENCE}\n\nKontakt\n\n{entry}\n"
    else:
        page = _html("<meta name='x'>", "<p>Publisert: 12. oktober 2021</p>").replace(
            "</main>", f"<h2>Kontakt</h2><p>{entry}</p></main>")
    assert read_source(_write(tmp_path, f"side.{fmt}", page)).contacts == (expected,)


def test_a_contact_table_is_a_row_per_person(tmp_path: Path) -> None:
    table = ("<table><tr><th>Navn</th><th>Stilling</th><th>Telefon</th></tr>"
             "<tr><td>Mette Jensen</td><td>Chefkonsulent</td><td>3370 3370</td></tr>"
             "<tr><td>Jens Hansen</td><td>Kontorchef</td><td>3370 3371</td></tr></table>")
    page = _html("", "<p>Publisert: 12. oktober 2021</p>").replace(
        "</main>", f"<h2>Kontakt</h2>{table}</main>")
    assert read_source(_write(tmp_path, "side.html", page)).contacts == (
        Contact("Mette Jensen", "Chefkonsulent", "contact"),
        Contact("Jens Hansen", "Kontorchef", "contact"))


@pytest.mark.parametrize("marks", [("(1)", "(2)", "(3)"), ("(a)", "(b)", "(c)"), ("—", "—", "—"),
                                   ("o", "o", "o")])
def test_more_list_marks(tmp_path: Path, marks: tuple[str, ...]) -> None:
    items = ("Brukeren først", "Åpenhet i alt", "Samarbeid på tvers")
    lines = "\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True))
    page = (f"Publisert: 12. oktober 2021\n\nNy strategi\n\n{NB_SENTENCE}\n\n"
            f"Strategien har tre prinsipper:\n\n{lines}\n\nSiste avsnitt om saken her.\n")
    assert read_source(_write(tmp_path, "side.txt", page)).lists == (items,)


@pytest.mark.parametrize("line", ["— Vi er glade for at strategien er på plass, sier ordføreren.",
                                  "(1) Tallene gjelder for 2020."])
def test_a_lone_dash_or_bracketed_number_is_no_list(tmp_path: Path, line: str) -> None:
    page = (f"Publisert: 12. oktober 2021\n\nNy strategi\n\n{NB_SENTENCE}\n\n{line}\n\n"
            "Siste avsnitt om saken her.\n")
    record = read_source(_write(tmp_path, "side.txt", page))
    assert record.lists == () and line in record.body


FI_SENTENCE = "Hallitus on tänään hyväksynyt uuden strategian kuntien digitaalisesta työstä."


def test_a_logo_in_the_sites_header_is_not_the_title(tmp_path: Path) -> None:
    html = ("<html lang='fi'><body><header><h1 class='logo'>Kuntaliitto</h1></header>"
            f"<div id='content'><h1>Uusi strategia</h1><p>Julkaistu 7.10.2021</p><p>{FI_SENTENCE}"
            "</p></div></body></html>")
    assert read_source(_write(tmp_path, "sivu.html", html)).title == "Uusi strategia"


def test_the_date_of_a_related_pages_teaser_is_not_the_pages(tmp_path: Path) -> None:
    html = ("<html lang='fi'><body><main><article><h1>Uusi strategia</h1><div class='meta'>"
            f"<span>Uutinen</span><span>7.10.2021</span></div><p>{FI_SENTENCE}</p></article>"
            "<section><h2>Ajankohtaista</h2><article><h3><a href='/x'>Toinen uutinen</a></h3>"
            "<time datetime='2021-09-01'>1.9.2021</time></article></section>"
            "<aside><p>Päivitetty 2.9.2021</p></aside></main></body></html>")
    record = read_source(_write(tmp_path, "sivu.html", html))
    assert (record.published, record.modified) == (datetime.date(2021, 10, 7), None)


def test_a_heading_that_repeats_the_pages_title_is_not_body(tmp_path: Path) -> None:
    html = ("<html lang='fi'><head><title>Uusi strategia | Kuntaliitto</title></head><body><main>"
            f"<h2>Uusi strategia</h2><p>Julkaistu 7.10.2021</p><p>{FI_SENTENCE}</p>"
            "<p>Toinen kappale asiasta.</p></main></body></html>")
    record = read_source(_write(tmp_path, "sivu.html", html))
    assert (record.title, record.lede, record.body) == ("Uusi strategia", FI_SENTENCE,
                                                        "Toinen kappale asiasta.")


def _nb_page(article: str) -> str:
    return (f"<html lang='nb'><body><main><h1>Ny strategi</h1><p>Publisert: 12. oktober 2021</p>"
            f"{article}</main></body></html>")


def test_paragraphs_that_br_br_divides(tmp_path: Path) -> None:
    second = "Strategien har tre prinsipper som skal gjelde for alle kommuner fra neste år."
    html = _nb_page(f"<div class='text'>{NB_SENTENCE}<br><br>{second}<br /><br />Siste avsnitt."
                    "</div>")
    record = read_source(_write(tmp_path, "side.html", html))
    assert (record.lede, record.body) == (NB_SENTENCE, f"{second}\n\nSiste avsnitt.")


@pytest.mark.parametrize("marks", [("•", "•", "•"), ("-", "-", "-"), ("1.", "2.", "3.")])
def test_a_list_of_lines_that_br_divides(tmp_path: Path, marks: tuple[str, ...]) -> None:
    items = ("Brukeren først", "Åpenhet", "Samarbeid på tvers")
    lines = "".join(f"<br>{mark} {item}" for mark, item in zip(marks, items, strict=True))
    html = _nb_page(f"<p>{NB_SENTENCE}</p><p>Prinsippene er:{lines}<br>Les mer på nettsidene.</p>")
    record = read_source(_write(tmp_path, "side.html", html))
    assert record.lists == (items,)
    assert record.body == "\n\n".join(("Prinsippene er:", *items, "Les mer på nettsidene."))


def test_lines_that_one_br_divides_stay_one_paragraph(tmp_path: Path) -> None:
    html = _nb_page(f"<p>{NB_SENTENCE}</p><p>KS<br>Haakon VIIs gate 9<br>0161 Oslo</p>"
                    "<p>- Vi er glade, sier hun.<br>Strategien gjelder fra nyttår.</p>")
    record = read_source(_write(tmp_path, "side.html", html))
    assert record.lists == ()
    assert record.body == ("KS Haakon VIIs gate 9 0161 Oslo\n\n"
                           "- Vi er glade, sier hun. Strategien gjelder fra nyttår.")


@pytest.mark.parametrize(("head", "label"), [
    ("Regjeringen.no\nForsiden › Departementene › Kommunal- og distriktsdepartementet › Aktuelt\n\n"
     "Pressemelding | Nr: 61-2032", "Pressemelding"),
    ("Danske Regioner\nForside > Nyheder > Debatindlæg\n\nDebatindlæg", "Debatindlæg"),
    ("Valtiovarainministeriö\nEtusivu > Ajankohtaista > Tiedotteet > 2031\n\nTiedote", "Tiedote"),
    ("www.skr.se\n\nStart » Nyheter » 2021\n\nNyhet", "Nyhet"),
])
def test_a_text_exports_site_name_and_breadcrumbs_are_chrome(
        tmp_path: Path, head: str, label: str) -> None:
    page = (f"{head}\n\nPublisert: 12. oktober 2021\n\nNy strategi for samarbeid\n\n"
            f"{NB_SENTENCE}\n\nSiste avsnitt om saken her.\n")
    record = read_source(_write(tmp_path, "side.txt", page))
    assert (record.content_label, record.title, record.lede, record.body) == (
        label, "Ny strategi for samarbeid", NB_SENTENCE, "Siste avsnitt om saken her.")


def test_a_byline_under_the_title_is_no_section_and_the_lede_follows_it(tmp_path: Path) -> None:
    page = ("Debatindlæg\n\nPubliceret: 12.11.2031\n\nPatienten skal ikke sendes rundt\n\n"
            "Af Mette Kjær Lund, formand for Danske Regioner\n\n"
            "Hvis man bor i Thyborøn, kan en blodprøve tage en halv dag.\n\nAndet afsnit.\n")
    record = read_source(_write(tmp_path, "side.txt", page))
    assert record.lede == "Hvis man bor i Thyborøn, kan en blodprøve tage en halv dag."
    assert record.body == "Andet afsnit." and record.sections[0].heading is None


def test_a_comparison_with_arrows_in_the_text_is_no_breadcrumb(tmp_path: Path) -> None:
    line = "Kommunene > 20 000 innbyggere > 5 prosent vekst i 2020 fikk mer."
    page = f"Publisert: 12. oktober 2021\n\nNy strategi\n\n{NB_SENTENCE}\n\n{line}\n"
    assert line in read_source(_write(tmp_path, "side.txt", page)).body

"""Tests for datarelease.extract: one source document → one Record.

Fixtures live in tests/data/sources/ (see its README.md); re-encoded copies are written to
tmp_path by the tests themselves.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from datarelease import extract
from datarelease.errors import InputError, SourceError
from datarelease.extract import (
    Contact,
    Link,
    Record,
    Section,
    decode_source,
    read_source,
    read_text_source,
    record_to_dict,
)

SOURCES = Path(__file__).parent / "data" / "sources"
SEED = SOURCES / "skr-2020-09-10-norge.txt"
SEED_HTML = SOURCES / "skr-2020-09-10-norge.html"
PRESS = SOURCES / "region-2021-01-19-pressmeddelande.txt"
COLUMN = SOURCES / "kommun-2019-02-28-kronika.txt"
ENGLISH = SOURCES / "skr-2023-11-07-english.txt"
DEBATE = SOURCES / "region-2022-06-21-debatt.htm"
NO_SUFFIX = SOURCES / "kommun-2018-12-03-nyhet"
TEXT_FIXTURES = (SEED, PRESS, COLUMN, ENGLISH)
HTML_FIXTURES = (SEED_HTML, DEBATE, NO_SUFFIX)

SEED_PRINCIPLES = (
    "Politiker och offentliga organisationer ska bidra med incitament och handlingsutrymme för "
    "innovationsarbete.",
    "Ledare för offentlig verksamhet ska utveckla en kultur och kompetens för innovation där det "
    "finns möjlighet att tänka nytt och lära av såväl misstag som framgångar.",
    "Offentliga verksamheter ska söka nya former av samarbete för fortsatt utveckling av "
    "offentlig verksamhet.",
)
SEED_LINKS = (
    Link(text="Melding til Stortinget: En innovativ offentlig sektor, 2020", href=None,
         media_type=None, new_window=False),
    Link(text="SKR:s synpunkter på regeringens forsknings- och innovationspolitik", href=None,
         media_type="application/pdf", new_window=True),
)

# Page chrome that appears in the fixtures and must not reach any field of any record.
CHROME_PHRASES = (
    "Hjälpte informationen",
    "Tack för att du hjälper oss",
    "Var det här till hjälp",
    "Tack för din feedback",
    "virusutbrottet",
    "Titta först på våra frågor",
    "coronaviruset",
    "Uppdaterad",
    "uppdaterad",
    "Publicerad",
    "Sveriges Kommuner och Regioner, 118 82",
    "Om SKR",
    "Sjöby kommun, 123 45",
    "Startsida",
    "Senast granskad",
    "console.log",
    "dataLayer",
    "position: absolute",
)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def write(directory: Path, name: str, data: bytes | str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def page(date: str = "Publicerad: 10 september 2020", label: str = "Nyhet",
         title: str = "En rubrik för testet", body: str = "") -> str:
    lede = "Det här är ingressen till en påhittad artikel om kommunerna."
    return f"{date}\n\n{label}\n\n{title}\n\n{lede}\n\n{body}"


# --- public API ------------------------------------------------------------------------------


def test_all_lists_the_public_names() -> None:
    assert sorted(extract.__all__) == sorted([
        "MAX_SOURCE_BYTES", "Contact", "Link", "Record", "Section", "decode_source",
        "read_source", "read_source_bytes", "read_text_source", "record_to_dict",
    ])
    for name in extract.__all__:
        assert hasattr(extract, name)


def test_records_are_frozen() -> None:
    record = read_source(SEED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "x"  # type: ignore[misc]
    assert isinstance(record, Record)


# --- the seed --------------------------------------------------------------------------------


def test_seed_header() -> None:
    record = read_source(SEED)
    assert record.source == "skr-2020-09-10-norge.txt"
    assert record.format == "text"
    assert record.title == "Nationellt initiativ för offentlig innovation i Norge"
    assert record.published == datetime.date(2020, 9, 10)
    assert record.content_type == "news"
    assert record.content_label == "Nyhet"
    assert record.language == "sv"
    assert record.lede.startswith("Den norska regeringen presenterade i juni 2020")
    assert record.lede == (
        "Den norska regeringen presenterade i juni 2020 en skrivelse för ”En innovativ "
        "offentlig sektor”. Där lyfts utvecklingsbehov som den norska regeringen bedömer vara "
        "viktiga för att utveckla arbetet med innovation i offentlig sektor i hela landet."
    )


def test_seed_list_contacts_and_links() -> None:
    record = read_source(SEED)
    assert record.lists == (SEED_PRINCIPLES,)
    assert record.contacts == (
        Contact(name="Klas Danerlöv", role="Handläggare", block="information_officer"),
    )
    assert record.links == SEED_LINKS


def test_seed_sections_keep_the_page_typo() -> None:
    record = read_source(SEED)
    assert [s.heading for s in record.sections] == [
        "Om den norska skrivelsen",
        "SKR:s synpunker på svensk forsknings- och innovationspolitik",
    ]
    first, second = record.sections
    assert first.paragraphs[0].startswith("I skrivelsen lyfts tre centrala principer")
    assert first.paragraphs[1].startswith("Arbetet med skrivelsen har letts av")
    assert second == Section(
        heading="SKR:s synpunker på svensk forsknings- och innovationspolitik",
        paragraphs=(
            "För svensk del kan det norska initiativet ses som en inspirationskälla.",
            record.sections[1].paragraphs[1],
        ),
    )
    assert second.paragraphs[1].startswith("I det underlag som SKR lämnat till regeringen")


def test_seed_body_is_the_article_in_page_order() -> None:
    record = read_source(SEED)
    blocks = record.body.split("\n\n")
    assert blocks[0] == "Om den norska skrivelsen"
    assert blocks[1].startswith("I skrivelsen lyfts")
    assert tuple(blocks[2:5]) == SEED_PRINCIPLES
    assert blocks[5].startswith("Arbetet med skrivelsen")
    assert blocks[6:9] == [
        "Melding til Stortinget: En innovativ offentlig sektor, 2020",
        "SKR:s synpunker på svensk forsknings- och innovationspolitik",
        "För svensk del kan det norska initiativet ses som en inspirationskälla.",
    ]
    assert blocks[10] == "SKR:s synpunkter på regeringens forsknings- och innovationspolitik"
    assert len(blocks) == 11
    assert record.title not in record.body
    assert record.lede not in record.body
    assert "(PDF" not in record.body
    assert "Klas Danerlöv" not in record.body
    assert "Informationsansvarig" not in record.body


@pytest.mark.parametrize("path", TEXT_FIXTURES + HTML_FIXTURES, ids=lambda p: p.name)
def test_no_page_chrome_anywhere(path: Path) -> None:
    record = record_to_dict(read_source(path))
    for text in strings(record):
        for phrase in CHROME_PHRASES:
            assert phrase not in text, (phrase, text)
    items = [item for items in record["lists"] for item in items]
    for text in items + [link["text"] for link in record["links"]]:
        assert text not in {"Ja", "Nej", "Kontakt", "Informationsansvarig"}


def test_record_to_dict_is_json_ready() -> None:
    data = record_to_dict(read_source(SEED))
    assert list(data) == [
        "title", "published", "modified", "content_type", "content_label", "language", "lede", "body",
        "lists", "contacts", "links", "sections", "source", "format",
    ]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["published"] == "2020-09-10"
    assert data["lists"] == [list(SEED_PRINCIPLES)]
    assert data["contacts"] == [
        {"name": "Klas Danerlöv", "role": "Handläggare", "block": "information_officer"}
    ]
    assert data["links"][1] == {
        "text": "SKR:s synpunkter på regeringens forsknings- och innovationspolitik",
        "href": None, "media_type": "application/pdf", "new_window": True,
    }
    assert data["sections"][0]["heading"] == "Om den norska skrivelsen"
    assert data["source"] == "skr-2020-09-10-norge.txt"
    assert data["format"] == "text"


# --- encodings -------------------------------------------------------------------------------

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "cp1252": lambda text: text.encode("cp1252"),
    "latin-1": lambda text: text.encode("latin-1"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "cp1252-crlf": lambda text: text.replace("\n", "\r\n").encode("cp1252"),
    "utf-8-bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    "nfd": lambda text: unicodedata.normalize("NFD", text).encode("utf-8"),
}
# Windows-1252 has no ▪ ◦ and Latin-1 also lacks ” • –; the column is written to fit Latin-1.
ONLY = {
    "latin-1": (COLUMN,),
    "cp1252": (SEED, COLUMN),
    "cp1252-crlf": (SEED, COLUMN),
}
ENCODING_CASES = [
    (path, encoding)
    for path in TEXT_FIXTURES
    for encoding in ENCODINGS
    if path in ONLY.get(encoding, TEXT_FIXTURES)
]


@pytest.mark.parametrize(("path", "encoding"), ENCODING_CASES,
                         ids=[f"{p.stem}-{e}" for p, e in ENCODING_CASES])
def test_every_encoding_gives_the_same_record(tmp_path: Path, path: Path, encoding: str) -> None:
    original = path.read_bytes().decode("utf-8")
    data = ENCODINGS[encoding](original)
    assert data != path.read_bytes()
    copy = write(tmp_path / encoding, path.name, data)
    assert read_text_source(copy) == read_text_source(path)
    assert read_source(copy) == read_source(path)


def test_decode_source_rules() -> None:
    where = Path("x.txt")
    assert decode_source(b"\xef\xbb\xbfHej\r\nd\xc3\xa5\rsist", where) == "Hej\ndå\nsist"
    assert decode_source("”Citat” • punkt".encode("cp1252"), where) == "”Citat” • punkt"
    assert decode_source("Malmö".encode("latin-1"), where) == "Malmö"
    # 0x81 is undefined in Windows-1252, so this can only be Latin-1.
    assert decode_source(b"Malm\xf6 \x81", where) == "Malmö \x81"
    assert decode_source("Sko\u0308vde".encode(), where) == "Skövde"


@pytest.mark.parametrize(("data", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Microsoft Office document"),
    (b"{\\rtf1\\ansi Publicerad 12 oktober 2021", "an RTF document"),
])
def test_a_document_saved_instead_of_the_page_is_named(data: bytes, what: str) -> None:
    with pytest.raises(SourceError, match=f"rapport.docx, line 1: is {what}.*UTF-8 .txt file"):
        decode_source(data, Path("rapport.docx"))


# --- dates and labels ------------------------------------------------------------------------

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


@pytest.mark.parametrize("number", range(1, 13))
def test_every_swedish_month(tmp_path: Path, number: int) -> None:
    month = MONTHS[number - 1]
    for line in (f"Publicerad: 28 {month} 2021", f"Publicerad 28 {month.upper()} 2021",
                 f"publicerad: 28 {month.capitalize()} 2021"):
        record = read_source(write(tmp_path, "sida.txt", page(date=line)))
        assert record.published == datetime.date(2021, number, 28), line


@pytest.mark.parametrize(("line", "expected"), [
    ("Publicerad: 1 maj 2020", datetime.date(2020, 5, 1)),
    ("Publicerad: 29 februari 2020", datetime.date(2020, 2, 29)),
    ("Publicerad:   31  december   1999", datetime.date(1999, 12, 31)),
    ("Publicerad: 10 sep. 2020", datetime.date(2020, 9, 10)),
    ("Publicerad: torsdag 10 september 2020", datetime.date(2020, 9, 10)),
    ("Publicerad: 2020-09-10", datetime.date(2020, 9, 10)),
    ("Publicerad: 10 september 2020, uppdaterad 12 september 2020", datetime.date(2020, 9, 10)),
])
def test_date_line_forms(tmp_path: Path, line: str, expected: datetime.date) -> None:
    assert read_source(write(tmp_path, "sida.txt", page(date=line))).published == expected


def test_date_on_the_line_after_publicerad(tmp_path: Path) -> None:
    record = read_source(write(tmp_path, "sida.txt", page(date="Publicerad:\n3 mars 2022")))
    assert record.published == datetime.date(2022, 3, 3)
    assert record.title == "En rubrik för testet"


@pytest.mark.parametrize(("label", "content_type"), [
    ("Nyhet", "news"),
    ("Pressmeddelande", "press_release"),
    ("Krönika", "opinion"),
    ("Debattartikel", "opinion"),
    ("Debatt", "opinion"),
    ("Ledare", "opinion"),
    ("Rapport", "other"),
    ("Reportage", "other"),
    ("Temasida", "other"),  # not in any table: recognised by its place above the title
])
def test_content_types(tmp_path: Path, label: str, content_type: str) -> None:
    record = read_source(write(tmp_path, "sida.txt", page(label=label)))
    assert (record.content_label, record.content_type) == (label, content_type)
    assert record.title == "En rubrik för testet"
    assert record.lede.startswith("Det här är ingressen")


def test_page_without_label(tmp_path: Path) -> None:
    text = ("Publicerad: 1 april 2021\n\nKommunen bygger ny skola\n\n"
            "Bygget börjar i höst och skolan ska vara klar 2023.\n")
    record = read_source(write(tmp_path, "sida.txt", text))
    assert (record.content_label, record.content_type) == ("", "other")
    assert record.title == "Kommunen bygger ny skola"
    assert record.lede == "Bygget börjar i höst och skolan ska vara klar 2023."
    assert record.body == ""
    assert record.sections == ()


# --- the look-alike text pages ---------------------------------------------------------------


def test_press_release() -> None:
    record = read_source(PRESS)
    assert record.published == datetime.date(2021, 1, 19)
    assert (record.content_label, record.content_type) == ("Pressmeddelande", "press_release")
    assert record.title == "Region Mellanland inför digitala vårdbesök i hela länet"
    assert record.lede.startswith("Från och med den 1 mars kan alla invånare")
    assert record.lists == (
        ("Video för bedömning av hudbesvär och uppföljning.",
         "Chatt för enklare frågor om recept och provsvar.",
         "Telefon för den som saknar en smart telefon."),  # double space collapsed
        ("Mars 2021: alla vårdcentraler i norra länsdelen.",
         "Maj 2021: alla vårdcentraler i södra länsdelen.",
         "September 2021: utvärdering av de första sex månaderna."),
    )
    assert record.contacts == (
        Contact("Maria Lind", "Presschef", "information_officer"),
        Contact("Johan Ek", "Kommunikatör", "information_officer"),
        Contact("Anna Berg", "Hälso- och sjukvårdsdirektör", "contact"),
        Contact("Peter Sund", "Projektledare digital vård", "contact"),
    )
    # In a run of short lines all but the last are links; the last heads what follows.
    assert record.links == (
        Link("Vårdguiden 1177", None, None, False),
        Link("Beslut i regionstyrelsen 2021-01-18", None, None, False),
        Link("Beslutsunderlag digitala vårdbesök", None, "application/pdf", False),
    )
    assert [s.heading for s in record.sections] == [
        "Så fungerar det", "Tidplan", "Om primärvårdsreformen",
    ]
    quote = ("– Vi vill att det ska vara lika enkelt att få hjälp i Norrby som i centralorten, "
             "säger Anna Berg, hälso- och sjukvårdsdirektör.")
    assert quote in record.sections[0].paragraphs  # a dash at the margin is a quotation
    assert "”god och nära vård”" in record.body
    assert "010-123 45 67" not in json.dumps(record_to_dict(record), ensure_ascii=False)
    assert record.body.endswith("Beslutsunderlag digitala vårdbesök")


def test_column_without_contacts() -> None:
    record = read_source(COLUMN)
    assert record.published == datetime.date(2019, 2, 28)
    assert (record.content_label, record.content_type) == ("Krönika", "opinion")
    assert record.title == "Varför vi behöver prata om skolvägen"
    assert record.contacts == ()
    assert record.lists == (
        ("Sänka hastigheten till 30 km/h kring alla skolor.",
         "Bygga en gång- och cykelbro över Storgatan.",
         'Införa "gående skolbuss" med vuxna som turas om.'),
        ("Skriv till mig via kommunens webbplats.",
         "Kom till öppet hus på biblioteket den 12 mars."),
    )
    # The last line before the feedback prompt (no blank line between) is a link.
    assert record.links == (
        Link("Trafikplan för Åby kommun 2019-2023", None, "application/pdf", False),
    )
    assert record.sections[0] == Section(None, (
        "Jag har själv gått den vägen i tjugo år, först som elev och sedan som förälder. "
        "Mycket har förändrats, men trafiken har bara ökat.",
        "- Vi går hellre den långa vägen, säger en elev i årskurs fem.",
    ))
    assert [s.heading for s in record.sections[1:]] == [
        "Tre saker vi kan göra redan i år", "Nästa steg",
    ]
    assert "1 mars 2019" not in record.body  # the "Uppdaterad" stamp


def test_english_report() -> None:
    record = read_source(ENGLISH)
    assert record.published == datetime.date(2023, 11, 7)
    assert (record.content_label, record.content_type) == ("Rapport", "other")
    assert record.language == "en"
    assert record.lists == (
        ("Most municipalities use digital tools for dialogue.",
         "Dialogue is most common in planning and in schools.",
         "Few councils follow up on what the dialogue has led to."),
        ("Plan the dialogue before the decision is drafted.",
         "Report back to the participants."),
    )
    assert record.contacts == (Contact("Sara Nordin", "Utredare", "contact"),)
    assert record.links == (
        Link("Local democracy in a changing Europe", None, "application/pdf", True),
        Link("Council of European Municipalities and Regions", None, None, False),
    )


def test_short_lines_before_the_end_are_links(tmp_path: Path) -> None:
    body = ("Ett stycke som slutar med punkt.\n\nRubrik före listan\n\n• ett\n• två\n\n"
            "Läs mer hos Kommunförbundet\n\nAnnan länk")
    record = read_source(write(tmp_path, "sida.txt", page(body=body)))
    assert [s.heading for s in record.sections] == [None, "Rubrik före listan"]
    assert record.lists == (("ett", "två"),)
    assert [link.text for link in record.links] == ["Läs mer hos Kommunförbundet", "Annan länk"]


def test_list_marks_and_wrapped_items(tmp_path: Path) -> None:
    body = ("Rubrik\n\n- första\n- andra\n\nStycke.\n\n  ▪ ett långt\n    inslaget ord\n"
            "  ▪ kort\n\n· punkt\n\n* stjärna\n* stjärna två\n\n  ◦ ring\n\n"
            "1. etta\n2) tvåa\n\n3. Ensam siffra vid marginalen är ett stycke.\n")
    record = read_source(write(tmp_path, "sida.txt", page(body=body)))
    assert record.lists == (
        ("första", "andra"), ("ett långt inslaget ord", "kort"), ("punkt",),
        ("stjärna", "stjärna två"), ("ring",), ("etta", "tvåa"),
    )
    assert record.sections == (Section("Rubrik", (
        "Stycke.", "3. Ensam siffra vid marginalen är ett stycke.",
    )),)


def test_contact_blocks_with_several_people(tmp_path: Path) -> None:
    body = ("Stycke.\n\nKontakt\n\n  • Ada Lund\n    Chefsjurist\n  • Bo Ek, utredare\n"
            "  • Cia Holm\n\nInformationsansvarig:\n\n  • Dan Berg\n    Presschef\n"
            "    dan.berg@example.org\n\nDela sidan\n")
    record = read_source(write(tmp_path, "sida.txt", page(body=body)))
    assert record.contacts == (
        Contact("Ada Lund", "Chefsjurist", "contact"),
        Contact("Bo Ek", "utredare", "contact"),
        Contact("Cia Holm", None, "contact"),
        Contact("Dan Berg", "Presschef", "information_officer"),
    )
    assert record.body == "Stycke."


def test_article_ends_at_its_contact_blocks(tmp_path: Path) -> None:
    body = ("Stycke.\n\n  – ensam indragen punkt\n\nKontakt\n\n  • Ada Lund\n    Chefsjurist\n\n"
            "Prenumerera på vårt nyhetsbrev\n\n  • Nyhetsbrev för kommuner\n\n"
            "Informationsansvarig\n\n  • Dan Berg\n    Presschef\n")
    record = read_source(write(tmp_path, "sida.txt", page(body=body)))
    assert record.contacts == (
        Contact("Ada Lund", "Chefsjurist", "contact"),
        Contact("Dan Berg", "Presschef", "information_officer"),
    )
    assert record.lists == (("ensam indragen punkt",),)  # indented: an item, not a quotation
    assert record.body == "Stycke.\n\nensam indragen punkt"
    assert "nyhetsbrev" not in json.dumps(record_to_dict(record), ensure_ascii=False).lower()


def test_white_space_is_collapsed(tmp_path: Path) -> None:
    text = page(title="  En   rubrik\tmed  luft  ", body="Ett  stycke\u00a0med   luft.\n")
    record = read_source(write(tmp_path, "sida.txt", text))
    assert record.title == "En rubrik med luft"
    assert record.body == "Ett stycke med luft."


# --- language --------------------------------------------------------------------------------

LANGUAGE_SAMPLES = {
    "sv": "Kommunen har inte fått något svar från regeringen och det är för sent att ändra.",
    "nb": "Kommunen har ikke fått noe svar fra regjeringen, og det er for sent å endre hva "
          "som blir gjort etter valget.",
    "nn": "Kommunen har ikkje fått noko svar frå regjeringa, og det er for seint å endre kva "
          "som blir gjort etter valet. Eg meiner dei må sjå på dette.",
    "da": "Kommunen har ikke fået noget svar fra regeringen, og det er for sent at ændre hvad "
          "der bliver gjort efter valget. Det er meget vigtigt.",
    "en": "The council has not had an answer from the government and it is too late to change "
          "the plan that was agreed.",
}


@pytest.mark.parametrize("language", sorted(LANGUAGE_SAMPLES))
def test_language_by_stop_words(tmp_path: Path, language: str) -> None:
    text = (f"Publicerad: 2 juni 2021\n\nNyhet\n\nRubrik\n\n{LANGUAGE_SAMPLES[language]}\n\n"
            f"{LANGUAGE_SAMPLES[language]}\n")
    assert read_source(write(tmp_path, "sida.txt", text)).language == language


def test_language_defaults_to_swedish(tmp_path: Path) -> None:
    text = "Publicerad: 2 juni 2021\n\nNyhet\n\nSKR 2021\n\nKS, SKR, KL.\n"
    assert read_source(write(tmp_path, "sida.txt", text)).language == "sv"


# --- HTML ------------------------------------------------------------------------------------


def test_html_twin_of_the_seed_matches_the_text_export() -> None:
    text, html = read_source(SEED), read_source(SEED_HTML)
    assert html.format == "html"
    assert html.source == "skr-2020-09-10-norge.html"
    for name in ("title", "published", "content_type", "content_label", "language", "lede",
                 "body", "sections", "lists", "contacts"):
        assert getattr(html, name) == getattr(text, name), name
    assert html.links == (
        dataclasses.replace(SEED_LINKS[0],
                            href="https://example.org/regjeringen/meld-st-30-2019-2020"),
        dataclasses.replace(SEED_LINKS[1],
                            href="/globalassets/example/skr-synpunkter-forskning-innovation.pdf"),
    )


def test_html_debate_article() -> None:
    record = read_source(DEBATE)
    assert record.format == "html"
    assert record.title == "Länstrafiken behöver långsiktiga spelregler"
    assert record.published == datetime.date(2022, 6, 21)  # "Publicerad", not "uppdaterad"
    assert (record.content_label, record.content_type) == ("Debattartikel", "opinion")
    assert record.language == "sv"  # from lang="sv-SE"
    assert record.lede == ("Kollektivtrafiken i våra län har tappat resenärer och intäkter. "
                           "Staten måste ta ett större ansvar, skriver fem regionråd.")
    assert record.lists == ((
        "Ett flerårigt stöd till regional kollektivtrafik.",
        "Ett gemensamt biljettsystem för hela landet.",
        "Tydligare ansvar för banor och stationer, som föreslås i Trafikverkets utredning.",
    ),)
    assert [s.heading for s in record.sections] == [None, "Tre krav på staten", "Vad kostar det?"]
    assert record.contacts == (
        Contact("Karin Sjö", "Pressekreterare", "contact"),
        Contact("Olof Ström", "Trafikstrateg", "contact"),
    )
    assert record.links == (
        Link("Trafikverkets utredning", "https://example.org/trafikverket/regional-trafik",
             None, True),
        Link("beräkningen", "/globalassets/debatt/berakning-2022.xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        Link("Skrivelse till Infrastrukturdepartementet",
             "/globalassets/debatt/skrivelse-2022-06.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
    )
    assert "”kostnader för en trafik som ingen har råd att dra ned på”" in record.body
    blocks = record.body.split("\n\n")
    assert "Skrivelse till Infrastrukturdepartementet" in blocks  # link text, no "(Word)"
    assert "Start" not in blocks and "Debatt" not in blocks  # breadcrumbs in <nav>


def test_html_detected_by_content_without_suffix() -> None:
    record = read_source(NO_SUFFIX)
    assert record.format == "html"
    assert record.source == "kommun-2018-12-03-nyhet"
    assert record.title == "Nytt äldreboende invigt i Sjöby"
    assert record.published == datetime.date(2018, 12, 3)  # from "Publicerad:" text
    assert (record.content_label, record.content_type) == ("Nyhet", "news")
    assert record.language == "sv"  # no lang attribute: detected
    assert record.lede.startswith("På måndagen invigdes Solgläntans äldreboende")
    assert record.lists == (("60 lägenheter fördelade på sex avdelningar.",
                             "Gemensam trädgård och restaurang som är öppen för alla."),)
    assert record.contacts == (
        Contact("Lars Ek", "Kommunikatör", "information_officer"),
        Contact("Greta Lund", "Verksamhetschef äldreomsorg", "contact"),
        Contact("Nils Ahlberg", "enhetschef", "contact"),
    )
    assert record.links == (
        Link("Läs mer om äldreboenden i Sjöby", "https://example.org/sjoby/aldreboende",
             None, True),
    )
    assert "Nyhet" not in record.body.split("\n\n")


def test_suffix_wins_and_unknown_suffix_sniffs_content(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "sida.txt", page())).format == "text"
    export = write(tmp_path, "sida.export", SEED.read_bytes())
    assert read_source(export).format == "text"
    assert read_source(export).lists == (SEED_PRINCIPLES,)
    named_html = write(tmp_path, "sida.HTML", NO_SUFFIX.read_bytes())
    assert read_source(named_html).format == "html"


def test_html_title_falls_back_to_title_element(tmp_path: Path) -> None:
    html = ("<html><head><title>Ny plan för parker | Sjöby kommun</title></head><body>"
            "<p>Publicerad: 5 oktober 2020</p><p>Ingressen om parkerna.</p>"
            "<p>Brödtext om parkerna.</p></body></html>")
    record = read_source(write(tmp_path, "sida.html", html))
    assert record.title == "Ny plan för parker"
    assert record.published == datetime.date(2020, 10, 5)
    assert record.lede == "Ingressen om parkerna."
    assert record.body == "Brödtext om parkerna."


def test_html_skips_page_furniture(tmp_path: Path) -> None:
    html = ("<html lang='nb'><body><header><h1>Sajtens namn</h1></header><main>"
            "<h1>Riktig rubrik</h1><time datetime='2021-07-01'>1 juli 2021</time>"
            "<p class='lede'>Ingress.</p><p>Brödtext med <b>fet</b> stil.</p>"
            "<form><p>Skriv din e-post</p></form><style>p{}</style>"
            "<script>var x = 'skript';</script><!-- kommentar --></main>"
            "<footer><p>Sidfot</p></footer></body></html>")
    record = read_source(write(tmp_path, "sida.html", html))
    assert record.title == "Riktig rubrik"
    assert record.published == datetime.date(2021, 7, 1)
    assert record.language == "nb"
    assert record.body == "Brödtext med fet stil."
    assert record.sections == (Section(None, ("Brödtext med fet stil.",)),)


# --- bad input -------------------------------------------------------------------------------

BAD_TEXT = [
    ("empty", b"", "line 1", "empty"),
    ("blank", b"  \r\n\n\t\n", "line 1", "empty"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 3", "NUL"),
    ("control", b"Publicerad: 1 maj 2020\n\nNyhet\n\x01\x02\x03", "line 4", "control character"),
    ("no-date", page(date="Nyheter från SKR").encode(), "line 1", "no date line"),
    ("unknown-month", page(date="\nPublicerad: 10 septober 2020").encode(), "line 2",
     "unknown month 'septober'"),
    ("impossible", page(date="Publicerad: 31 februari 2021").encode(), "line 1",
     "impossible date"),
    ("not-a-date", page(date="Publicerad: 2020 i september").encode(), "line 1",
     "cannot read the date"),
    ("no-title", b"Publicerad: 10 september 2020\n\nNyhet\n", "line 3", "no title"),
    ("list-not-title", b"Publicerad: 10 september 2020\n\n\xe2\x80\xa2 punkt\n", "line 1",
     "no title"),
]


@pytest.mark.parametrize(("name", "data", "line", "message"), BAD_TEXT,
                         ids=[case[0] for case in BAD_TEXT])
def test_bad_text_sources(tmp_path: Path, name: str, data: bytes, line: str,
                          message: str) -> None:
    path = write(tmp_path, f"{name}.txt", data)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}, {line}: ")
    assert message in str(caught.value)
    assert caught.value.path == path
    assert isinstance(caught.value, InputError)


BAD_HTML = [
    ("no-title", "<html><body><p>Publicerad: 1 maj 2020</p><p>Text.</p></body></html>",
     "line 1", "no title"),
    ("no-date", "<html><body><h1>Rubrik</h1><p>Text.</p></body></html>", "line 1",
     "no publication date"),
    ("bad-datetime", "<html><body><h1>Rubrik</h1>\n<p>\n<time datetime='2020-02-31'>x</time>"
     "</p></body></html>", "line 3", "impossible date"),
    ("bad-month", "<html><body><h1>Rubrik</h1>\n\n<p>Publicerad: 3 septober 2020</p>"
     "</body></html>", "line 3", "unknown month 'septober'"),
]


@pytest.mark.parametrize(("name", "html", "line", "message"), BAD_HTML,
                         ids=[case[0] for case in BAD_HTML])
def test_bad_html_sources(tmp_path: Path, name: str, html: str, line: str,
                          message: str) -> None:
    path = write(tmp_path, f"{name}.html", html)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}, {line}: ")
    assert message in str(caught.value)


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "finns-inte.txt"
    with pytest.raises(SourceError, match="cannot read the file"):
        read_source(path)
    with pytest.raises(SourceError, match=r"finns-inte\.txt"):
        read_text_source(path)

"""Boxes beside the article's text: links to other pages ("Läs också", "Relaterede nyheder",
"Lue myös") are not the article's lists (their links are kept); the text after a fact box belongs
to the section before it; share bars and feedback widgets whose links were joined by spaces are
chrome.

Every page here is written for the test; the positive cases failed on the extractor before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease.extract import Record, read_source

PRINCIPLES = ["Aktivitet hver dag", "Alle skal med", "Lek før konkurranse"]
RELATED = ["Skolehelsetjenesten styrkes", "Nye tall om barns helse"]


def _read(tmp_path: Path, name: str, text: str) -> Record:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def _html(after_article: str, *, lang: str = "nb", heading: str = "Les også") -> str:
    items = "".join(f'<li><a href="/sak/{n}">{text}</a></li>' for n, text in enumerate(RELATED))
    principles = "".join(f"<li>{item}</li>" for item in PRINCIPLES)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>KS</title></head><body><main><article>'
            "<h1>Ny plan for fysisk aktivitet i skolen</h1><p>Publisert: 12. oktober 2031</p>"
            "<p>KS og Helsedirektoratet har laget en ny plan for fysisk aktivitet i skolen.</p>"
            f"<p>Planen bygger på tre prinsipper:</p><ul>{principles}</ul>"
            "<p>Kommunene får veiledning i løpet av høsten.</p>"
            f"<h2>{heading}</h2><ul>{items}</ul>{after_article}</article></main></body></html>")


@pytest.mark.parametrize("heading", ["Les også", "Relaterte saker", "Läs också", "Relaterat",
                                     "Relaterede nyheder", "Læs også", "Lue myös",
                                     "Aiheeseen liittyvät", "Sjå også", "Les også:"])
def test_a_box_of_related_links_is_no_list_of_the_article(tmp_path: Path, heading: str) -> None:
    record = _read(tmp_path, "side.html", _html("", heading=heading))
    assert record.lists == (tuple(PRINCIPLES),)
    assert [link.text for link in record.links] == RELATED  # the links are kept
    assert not any(item in record.body for item in RELATED)


def test_share_tools_after_the_box_stay_out_of_the_articles_sections(tmp_path: Path) -> None:
    record = _read(tmp_path, "side.html", _html("<p>Del Facebook LinkedIn E-post</p>"))
    assert record.sections[0].paragraphs[-1] == "Kommunene får veiledning i løpet av høsten."


def test_a_list_after_the_box_and_a_sentence_of_the_article_is_kept(tmp_path: Path) -> None:
    """A box of links in the middle of the article: the article goes on after it."""
    rest = ("<p>Planen skal evalueres etter tre år av disse instansene:</p>"
            "<ul><li>Kommunene</li><li>Fylkeskommunene</li></ul>")
    record = _read(tmp_path, "side.html", _html(rest))
    assert record.lists == (tuple(PRINCIPLES), ("Kommunene", "Fylkeskommunene"))


@pytest.mark.parametrize("heading", ["Les også om prinsippene for aktivitet i skolen",
                                     "Dette bør du lese", "Lenkene i planen"])
def test_a_heading_that_only_resembles_a_related_box_keeps_its_list(tmp_path: Path,
                                                                    heading: str) -> None:
    record = _read(tmp_path, "side.html", _html("", heading=heading))
    assert record.lists == (tuple(PRINCIPLES), tuple(RELATED))


def test_a_related_line_in_a_text_export_closes_the_list_that_follows(tmp_path: Path) -> None:
    page = ("Nyhet\n\nNy plan for fysisk aktivitet i skolen\n\nPublisert: 12. oktober 2031\n\n"
            "KS og Helsedirektoratet har laget en ny plan for fysisk aktivitet i skolen.\n\n"
            "Planen bygger på tre prinsipper:\n\n" + "\n".join(f"• {p}" for p in PRINCIPLES)
            + "\n\nKommunene får veiledning i løpet av høsten.\n\nLes også:\n\n"
            + "\n".join(f"• {r}" for r in RELATED) + "\n")
    record = _read(tmp_path, "side.txt", page)
    assert record.lists == (tuple(PRINCIPLES),)


def _fact_box_page(box: str) -> str:
    return ('<!DOCTYPE html><html lang="sv"><head><title>SKR</title></head><body><main><article>'
            "<h1>Kommunerna får ny vägledning om klimatanpassning</h1>"
            "<p>Publicerad 14 januari 2031</p>"
            "<p>SKR har tagit fram en vägledning om klimatanpassning för kommunerna.</p>"
            "<h2>Så togs den fram</h2><p>Vägledningen bygger på erfarenheter från tolv kommuner.</p>"
            f"{box}<p>Vägledningen presenteras på ett webbinarium i februari.</p>"
            "<h2>Nästa steg</h2><p>SKR följer upp arbetet under hösten.</p>"
            "</article></main></body></html>")


def test_the_text_after_a_fact_box_belongs_to_the_section_before_it(tmp_path: Path) -> None:
    box = '<aside class="faktaruta"><h3>Fakta</h3><p>Tolv kommuner deltog under 2030.</p></aside>'
    record = _read(tmp_path, "sida.html", _fact_box_page(box))
    sections = {section.heading: section.paragraphs for section in record.sections}
    assert sections["Så togs den fram"] == (
        "Vägledningen bygger på erfarenheter från tolv kommuner.",
        "Vägledningen presenteras på ett webbinarium i februari.")
    assert sections["Fakta"] == ("Tolv kommuner deltog under 2030.",)
    assert sections["Nästa steg"] == ("SKR följer upp arbetet under hösten.",)


def test_a_box_without_a_heading_leaves_the_sections_as_they_were(tmp_path: Path) -> None:
    box = "<aside><p>Tolv kommuner deltog under 2030.</p></aside>"
    record = _read(tmp_path, "sida.html", _fact_box_page(box))
    sections = {section.heading: section.paragraphs for section in record.sections}
    assert sections["Så togs den fram"] == (
        "Vägledningen bygger på erfarenheter från tolv kommuner.",
        "Tolv kommuner deltog under 2030.",
        "Vägledningen presenteras på ett webbinarium i februari.")


@pytest.mark.parametrize(("opening", "tools"), [
    ("Jaa", "Facebook LinkedIn Sähköposti"), ("Del artiklen", "LinkedIn Facebook Mail"),
    ("Dela", "Facebook LinkedIn E-post"), ("Oliko sivusta apua?", "Kyllä Ei"),
    ("Fann du det du leita etter?", "Ja Nei"), ("Var denne siden nyttig?", "JaNei"),
])
def test_share_bars_and_feedback_widgets_joined_by_spaces_are_chrome(tmp_path: Path, opening: str,
                                                                     tools: str) -> None:
    buttons = "".join(f"<button>{word}</button> " for word in tools.split())
    record = _read(tmp_path, "sida.html", _fact_box_page(f"<div><span>{opening}</span> {buttons}</div>"))
    assert opening not in record.body
    assert all(opening not in paragraph for s in record.sections for paragraph in s.paragraphs)


def test_a_feedback_question_alone_is_chrome(tmp_path: Path) -> None:
    record = _read(tmp_path, "sida.html", _fact_box_page("<p>Var sidan till nytta?</p>"))
    assert "nytta" not in record.body


@pytest.mark.parametrize("sentence", ["Facebook och LinkedIn", "Del 2 av planen",
                                      "Dela med dig av erfarenheter"])
def test_short_lines_that_only_start_like_a_tool_are_kept(tmp_path: Path, sentence: str) -> None:
    record = _read(tmp_path, "sida.html", _fact_box_page(f"<p>{sentence}</p>"))
    assert sentence in record.body


def test_a_bold_line_over_a_line_break_is_a_paragraph_of_its_own(tmp_path: Path) -> None:
    box = ("<p><strong>Tillit</strong><br>Staten ska styra med mål och ramar.</p>"
           "<p><b>Öppenhet</b><br>Alla beslut ska gå att följa.</p>")
    record = _read(tmp_path, "sida.html", _fact_box_page(box))
    paragraphs = [p for s in record.sections for p in s.paragraphs
                  if p.startswith(("Tillit", "Staten", "Öppen", "Alla"))]
    assert paragraphs == ["Tillit", "Staten ska styra med mål och ramar.", "Öppenhet",
                          "Alla beslut ska gå att följa."]


def test_bold_words_inside_a_sentence_split_nothing(tmp_path: Path) -> None:
    box = "<p>Planen ger <strong>alla kommuner</strong> mer stöd,<br>och den gäller från i dag.</p>"
    record = _read(tmp_path, "sida.html", _fact_box_page(box))
    assert "Planen ger alla kommuner mer stöd, och den gäller från i dag." in record.body

"""Boxes of links to other pages ("Läs också", "Relaterede nyheder", "Lue myös") are not the
article's lists: their links are kept, their items are not list items of the article.

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

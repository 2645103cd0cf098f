"""Principle shapes that drafting-fresh22 and drafting-fresh23 missed blind, on new pages (each
positive failed before): lines led by a phrase and a dash under one paragraph's ``<br>``s (the
extractor now keeps them as a list), a lead phrase that only holds a principle word inside a
word ("Stegvis innfasing" holds "steg"), a bold lead of five or six words, and list items that
markup splits ("<b>Fotgängare först.</b> Gångvägar …"), quoted by their phrase as GOLD.md says.
Each has a twin that must stay out."""

from __future__ import annotations

from pathlib import Path

from datarelease.extract import read_source

from .drafting_pages import draft_html


def _principles(tmp_path: Path, language: str, body: str) -> list[str]:
    result = draft_html(tmp_path, language, body)
    return [str(p.data["text"]) for d in result.documents for p in d.principles]


_NN_LINES = ("Stegvis innfasing – krava blir skjerpa år for år.<br />"
             "Føreseielege krav – leverandørane skal kjenne krava to år før.<br />"
             "Lik konkurranse – små og store entreprenørar skal konkurrere likt.")


def _nn(intro: str, lines: str) -> str:
    return ("<p>KS har i dag vedteke strategien «Utsleppsfrie anleggsplassar 2036–2040».</p>"
            f"<p>{intro}</p><p>{lines}</p><p>Strategien gjeld frå neste år.</p>")


def test_lines_led_by_a_phrase_under_breaks_are_principles(tmp_path: Path) -> None:
    body = _nn("Strategien har tre prinsipp, som skal liggje til grunn i alle anbod:", _NN_LINES)
    assert _principles(tmp_path, "nn", body) == ["Stegvis innfasing", "Føreseielege krav",
                                                 "Lik konkurranse"]


def test_the_same_lines_under_a_list_of_measures_are_no_principles(tmp_path: Path) -> None:
    assert _principles(tmp_path, "nn", _nn("Strategien har tre tiltak:", _NN_LINES)) == []


def test_lines_of_prose_under_breaks_stay_one_paragraph(tmp_path: Path) -> None:
    page = tmp_path / "side.html"
    page.write_text("<html lang='nn'><body><h1>Tittel</h1><p>Publisert 03.03.2036</p><p>Første "
                    "line går vidare<br />og held fram her – med tankestrek<br />til slutt.</p>"
                    "</body></html>", encoding="utf-8")
    record = read_source(page)
    assert record.lists == ()


_SV_ITEMS = ("<ul><li><b>Fotgängare först.</b> Gångvägar till skolor plogas före bilgatorna.</li>"
             "<li><b>Samma nivå i hela kommunen.</b> Invånare i byarna ska kunna lita på samma "
             "servicenivå.</li><li><b>Tydliga löften.</b> Kommunen berättar på förhand hur snabbt "
             "gator plogas.</li></ul><p>Mer om detta senare.</p>")


def test_bold_leads_split_from_their_items_by_markup(tmp_path: Path) -> None:
    body = ("<p>SKR har publicerat rekommendationen ”Vinterunderhåll av gator”.</p>"
            "<p>Rekommendationen bygger på tre principer:</p>" + _SV_ITEMS)
    result = draft_html(tmp_path, "sv", body)
    principles = [p.data for d in result.documents for p in d.principles]
    assert [p["text"] for p in principles] == ["Fotgängare först", "Samma nivå i hela kommunen",
                                               "Tydliga löften"]
    assert [p["evidence"] for p in principles] == ["Fotgängare först", "Samma nivå i hela kommunen",
                                                   "Tydliga löften"]


def test_bold_leads_under_someone_elses_demands_stay_out(tmp_path: Path) -> None:
    body = ("<p>SKR har publicerat rekommendationen ”Vinterunderhåll av gator”.</p>"
            "<p>Förbundet kräver tre saker av staten:</p>" + _SV_ITEMS)
    assert _principles(tmp_path, "sv", body) == []


def test_a_page_of_many_titled_documents_drafts_the_first_forty(tmp_path: Path) -> None:
    # every sentence is compared with every document: the count bounds the drafter's time
    body = "".join(f"<p>SKR lämnar i dag skrivelsen ”Plan {n} – en strategi för landet”.</p>"
                   for n in range(60))
    titles = [d.title for d in draft_html(tmp_path, "sv", body).documents]
    assert titles == [f"Plan {n} – en strategi för landet" for n in range(40)]

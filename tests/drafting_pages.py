"""Small pages written for the drafting tests: a head in the language's layout (date line, label,
title) and the body under test, drafted against the development corpus's registry."""

from __future__ import annotations

from pathlib import Path

from datarelease import draft
from datarelease.normalise import load_registry

REPO = Path(__file__).resolve().parent.parent
REGISTRY = load_registry(REPO / "benchmarks" / "drafting" / "organisations.yaml")
# Each language's page head (date line, label, title) and the registry body that publishes it;
# the Finnish one opens with a sentence, since a Finnish page needs some text to be told apart.
HEADS = {
    "sv": ("skr", "Publicerad: 3 mars 2026\n\nNyhet\n\nRubrik\n\n"),
    "nb": ("ks", "Publisert: 3. mars 2026\n\nNyhet\n\nOverskrift\n\n"),
    "nn": ("ks", "Publisert: 3. mars 2026\n\nNyheit\n\nOverskrift\n\n"),
    "da": ("kl", "Nyhed | Publiceret 3. marts 2026\n\nOverskrift\n\n"),
    "fi": ("kuntaliitto", "Julkaistu 3.3.2026\n\nUutinen\n\nOtsikko\n\n"
                          "Tämä on uutinen, joka kertoo asiasta, ja se on myös tärkeä. "),
}


def draft_page(tmp_path: Path, publisher: str, text: str, slug: str = "nyhet",
               date: str = "2026-03-03") -> draft.Draft:
    """Write ``text`` as the page ``<publisher>-<date>-<slug>.txt`` (the file name gives the
    publisher) and draft it."""
    page = tmp_path / f"{publisher}-{date}-{slug}.txt"
    page.write_text(text + "\n", encoding="utf-8")
    return draft.draft(page, REGISTRY)


# Each language's head for an HTML page: the registry body publishing it, label, date line.
HTML_HEADS = {
    "sv": ("skr", "Nyhet", "Publicerad 3 mars 2026"),
    "nb": ("ks", "Nyhet", "Publisert 03.03.2026"),
    "nn": ("ks", "Nyheit", "Publisert 03.03.2026"),
    "da": ("kl", "Nyhed", "Publiceret 3. marts 2026"),
    "fi": ("kuntaliitto", "Uutinen", "Julkaistu 3.3.2026"),
}


def draft_html(tmp_path: Path, language: str, body: str) -> draft.Draft:
    """Draft ``body`` as the article of a saved HTML page in the language's head (HTML_HEADS)."""
    publisher, label, date = HTML_HEADS[language]
    page = tmp_path / f"{publisher}-2026-03-03-nyhet.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>T</title>'
        f'</head><body><main><article><div class="meta"><span>{label}</span> <span>{date}'
        f"</span></div><h1>Rubrik for siden</h1>{body}</article></main></body></html>",
        encoding="utf-8")
    return draft.draft(page, REGISTRY)


Triple = tuple[str, str, str]


def draft_in(tmp_path: Path, language: str, body: str) -> draft.Draft:
    """Draft ``body`` under the language's page head (see HEADS)."""
    publisher, head = HEADS[language]
    return draft_page(tmp_path, publisher, head + body, "uutinen")


def triples(result: draft.Draft) -> set[Triple]:
    """The drafted relationships as (subject, predicate, object)."""
    return {(str(r.data["subject"]), str(r.data["predicate"]), str(r.data["object"]))
            for r in result.relationships}


def either_way(result: draft.Draft, a: str, predicate: str, b: str) -> bool:
    """A symmetric relationship drafted in either direction."""
    found = triples(result)
    return (a, predicate, b) in found or (b, predicate, a) in found

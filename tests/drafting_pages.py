"""Small pages written for the drafting tests: a head in the language's layout (date line, label,
title) and the body under test, drafted against the development corpus's registry."""

from __future__ import annotations

from pathlib import Path

from datarelease import draft
from datarelease.normalise import load_registry

REPO = Path(__file__).resolve().parent.parent
REGISTRY = load_registry(REPO / "benchmarks" / "drafting" / "organisations.yaml")


def draft_page(tmp_path: Path, publisher: str, text: str, slug: str = "nyhet",
               date: str = "2026-03-03") -> draft.Draft:
    """Write ``text`` as the page ``<publisher>-<date>-<slug>.txt`` (the file name gives the
    publisher) and draft it."""
    page = tmp_path / f"{publisher}-{date}-{slug}.txt"
    page.write_text(text + "\n", encoding="utf-8")
    return draft.draft(page, REGISTRY)

"""The extractor on the sets of pages written with the record each should give
(``benchmarks/extract-*``, scored by ``benchmarks/score_extract.py``): every field of every page
as expected, every list and contact found and none wrong. The sets were written blind; after
their first run (their RESULTS.md) the extractor was fixed by class, so here they guard against
regressions."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from datarelease.extract import read_source

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted(p for p in (ROOT / "benchmarks").glob("extract-*") if (p / "expected").is_dir())
PAGES = [page for corpus in SETS for page in sorted((corpus / "pages").iterdir())]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extract",
                                                  ROOT / "benchmarks" / "score_extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


def test_there_is_a_set() -> None:
    assert len(PAGES) >= 16


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_the_page_gives_the_expected_record(page: Path) -> None:
    expected = json.loads((page.parent.parent / "expected" / f"{page.stem}.json").read_text("utf-8"))
    tally: Counter[str] = Counter()
    differences: list[str] = []
    SCORER._score_page(expected, SCORER._actual(read_source(page)), tally, differences)
    assert differences == []
    assert tally["lists fp"] == tally["lists fn"] == tally["contacts fp"] == tally["contacts fn"] == 0

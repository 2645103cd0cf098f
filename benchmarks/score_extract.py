"""Score the extractor against a corpus of pages with the record each should give.

    .venv/bin/python benchmarks/score_extract.py --corpus benchmarks/extract-blind1 [--verbose]

A corpus folder holds ``pages/`` (text exports ``.txt`` and saved HTML pages ``.html``) and
``expected/<page>.json`` for each page, written by hand::

    {"title": "…", "published": "2031-10-12", "modified": null, "label": "Nyhet",
     "language": "nb", "lede": "…", "lists": [["item", "item"]],
     "contacts": [{"name": "Kari Nordmann", "role": "seniorrådgiver"}],
     "ignore_lists_containing": ["an item of a related-links list"]}

Each page is read with :func:`datarelease.extract.read_source` and compared field by field
(white space collapsed; quote marks and case as printed). Fields are right or wrong per page;
lists and contacts are counted as facts, with precision and recall (a list is right when its
items are exactly the expected ones, in order; a list holding an item named in
``ignore_lists_containing`` — a related-links list — is neither right nor wrong). A page the
extractor refuses counts as wrong in every field. Exit 0 always: this measures, it does not gate.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datarelease.errors import SourceError
from datarelease.extract import Record, read_source, record_to_dict

FIELDS = ("title", "published", "modified", "label", "language", "lede")
_SPACE = re.compile(r"\s+")


def _norm(value: object) -> str:
    return _SPACE.sub(" ", str(value)).strip() if value is not None else ""


def _actual(record: Record) -> dict[str, Any]:
    """The record as ``datarelease extract`` prints it, with the label under the expectation's
    key."""
    actual = record_to_dict(record)
    actual["label"] = actual["content_label"]
    return actual


def _score_page(expected: dict[str, Any], actual: dict[str, Any] | None,
                tally: Counter[str], lines: list[str]) -> None:
    for field in FIELDS:
        want = _norm(expected.get(field))
        got = _norm(actual[field]) if actual is not None else "(refused)"
        tally[f"{field} total"] += 1
        if want == got:
            tally[f"{field} right"] += 1
        else:
            lines.append(f"    {field}: expected {want!r}, got {got!r}")
    ignore = {_norm(item) for item in expected.get("ignore_lists_containing", [])}
    want_lists = [tuple(_norm(i) for i in items) for items in expected.get("lists", [])]
    got_lists = [tuple(_norm(i) for i in items) for items in (actual or {}).get("lists", [])]
    got_lists = [items for items in got_lists if not ignore & set(items)]
    _count("lists", want_lists, got_lists, tally, lines)
    want_contacts = [(_norm(c["name"]), _norm(c.get("role"))) for c in expected.get("contacts", [])]
    got_contacts = [(_norm(c["name"]), _norm(c["role"])) for c in (actual or {}).get("contacts", [])]
    _count("contacts", want_contacts, got_contacts, tally, lines)


def _count(kind: str, want: Sequence[tuple[str, ...]], got: Sequence[tuple[str, ...]],
           tally: Counter[str], lines: list[str]) -> None:
    remaining = list(got)
    for item in want:
        if item in remaining:
            remaining.remove(item)
            tally[f"{kind} tp"] += 1
        else:
            tally[f"{kind} fn"] += 1
            lines.append(f"    {kind} missed: {item!r}"[:300])
    for item in remaining:
        tally[f"{kind} fp"] += 1
        lines.append(f"    {kind} wrong: {item!r}"[:300])


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "  – "


def _report(name: str, tally: Counter[str]) -> list[str]:
    out = [f"{name}:"]
    fields = "  ".join(f"{field} {_ratio(tally[f'{field} right'], tally[f'{field} total'])}"
                       for field in FIELDS)
    out.append(f"  fields right: {fields}")
    for kind in ("lists", "contacts"):
        tp, fp, fn = tally[f"{kind} tp"], tally[f"{kind} fp"], tally[f"{kind} fn"]
        out.append(f"  {kind}: TP {tp} FP {fp} FN {fn}  P {_ratio(tp, tp + fp)}  "
                   f"R {_ratio(tp, tp + fn)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true", help="print every difference")
    args = parser.parse_args()
    pages = sorted(p for p in (args.corpus / "pages").iterdir() if p.is_file())
    total: Counter[str] = Counter()
    by_language: dict[str, Counter[str]] = defaultdict(Counter)
    refused = 0
    for page in pages:
        expected = json.loads((args.corpus / "expected" / f"{page.stem}.json").read_text("utf-8"))
        lines: list[str] = []
        try:
            actual: dict[str, Any] | None = _actual(read_source(page))
        except SourceError as exc:
            actual, refused = None, refused + 1
            lines.append(f"    refused: {exc}")
        tally: Counter[str] = Counter()
        _score_page(expected, actual, tally, lines)
        total.update(tally)
        by_language[str(expected.get("language", "?"))].update(tally)
        if args.verbose and lines:
            print(f"{page.name}")
            print("\n".join(lines))
    print(f"Corpus {args.corpus.name}: {len(pages)} pages, {refused} refused")
    print("\n".join(_report("all pages", total)))
    for language in sorted(by_language):
        print("\n".join(_report(language, by_language[language])))


if __name__ == "__main__":
    main()

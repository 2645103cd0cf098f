"""Score `datarelease add`'s drafts against the development corpus's gold annotations.

    .venv/bin/python benchmarks/score_drafts.py [--corpus benchmarks/drafting] [--verbose]

The corpus (benchmarks/drafting/: pages/, gold/, organisations.yaml) is written for the project:
invented news pages in the layouts (text export, saved HTML) and languages (sv, Swedish from
Finland, nb, nn, da, fi) of the Nordic sister organisations. Each page is drafted as
`datarelease add --publisher <the gold's publisher>` would draft it, against the corpus's
registry, and compared with its gold annotation, fact by fact:

* documents: by title (quote marks and white space normalised, case ignored);
* roles: (document, organisation, role), the document's issuer counted as the role "issuer";
* principles: (document, text);
* relationships: (subject, predicate, object); sister_organisation_of and collaborates_with are
  symmetric, so their two orders are the same fact;
* proposed organisations: by name, allowing a different inflected ending (Finnish cases), or by
  acronym.

It prints precision and recall per fact kind, and per language, and checks the two promises a
draft makes: every evidence quote occurs in the source (as the build checks it), and every gold
evidence quote does too (the gold itself is checked). Exit 1 if a promise is broken.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from datarelease import draft
from datarelease.errors import SourceError
from datarelease.extract import read_text_source
from datarelease.normalise import evidence_occurs, load_registry, normalise_text

KINDS = ("documents", "roles", "principles", "relationships", "proposed organisations")
SYMMETRIC = {"sister_organisation_of", "collaborates_with"}
TARGETS = {"documents": (0.85, 0.7), "roles": (0.85, 0.7), "principles": (0.9, 0.9),
           "relationships": (0.85, 0.7), "proposed organisations": (None, 0.8)}
_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"', "’": "'"})


def _norm(text: object) -> str:
    return normalise_text(str(text)).translate(_QUOTES).casefold().rstrip(".")


def _facts(documents: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]]
           ) -> dict[str, set[tuple[str, ...]]]:
    found: dict[str, set[tuple[str, ...]]] = {k: set() for k in KINDS if k != "proposed organisations"}
    for document in documents:
        title = _norm(document["title"])
        found["documents"].add((title,))
        if document.get("issuer"):
            found["roles"].add((title, str(document["issuer"]), "issuer"))
        for role in document.get("organisations") or []:
            found["roles"].add((title, str(role["organisation"]), str(role["role"])))
        for principle in document.get("principles") or []:
            found["principles"].add((title, _norm(principle["text"])))
    for rel in relationships:
        subject, predicate, obj = str(rel["subject"]), str(rel["predicate"]), str(rel["object"])
        if predicate in SYMMETRIC:
            subject, obj = sorted((subject, obj))
        found["relationships"].add((subject, predicate, obj))
    return found


def _same_name(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(longer) - len(shorter) <= 3 and len(shorter) >= 5 and longer.startswith(
        shorter[:-2])


def _match_organisations(drafted: list[dict[str, Any]], gold: list[dict[str, Any]]
                         ) -> tuple[int, list[str], list[str]]:
    unmatched = list(gold)
    true, false = 0, []
    for org in drafted:
        hit = next((g for g in unmatched if _same_name(org["name"], g["name"]) or (
            org.get("acronym") and org.get("acronym") == g.get("acronym"))), None)
        if hit is None:
            false.append(org["name"])
        else:
            unmatched.remove(hit)
            true += 1
    return true, false, [g["name"] for g in unmatched]


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {k: [0, 0, 0] for k in KINDS}  # tp, fp, fn

    def add(self, kind: str, tp: int, fp: int, fn: int) -> None:
        counts = self.counts[kind]
        counts[0] += tp
        counts[1] += fp
        counts[2] += fn

    def line(self, kind: str) -> str:
        tp, fp, fn = self.counts[kind]
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "  – "
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "  – "
        return f"{tp:>4}{fp:>4}{fn:>4}   P {precision}  R {recall}"


def _language(record_language: str, publisher: str | None) -> str:
    if record_language == "sv" and (publisher or "").startswith("fi-"):
        return "sv-FI"
    return record_language


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parent / "drafting")
    parser.add_argument("--verbose", action="store_true", help="list every miss and wrong fact")
    args = parser.parse_args()
    registry = load_registry(args.corpus / "organisations.yaml")
    overall = Tally()
    by_language: dict[str, Tally] = defaultdict(Tally)
    broken: list[str] = []
    unreadable: list[str] = []
    pages: Counter[str] = Counter()
    gold_files = sorted((args.corpus / "gold").glob("*.yaml"))
    for gold_path in gold_files:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        page = args.corpus / "pages" / gold["source"]["file"]
        publisher = gold["source"].get("publisher")
        try:
            result = draft.draft(page, registry, publisher=publisher)
        except SourceError as error:  # an unreadable page drafts nothing: every gold fact is missed
            unreadable.append(f"{page.name}: {error}")
            _count_misses(gold, overall, by_language["unreadable"])
            pages["unreadable"] += 1
            continue
        source_text = read_text_source(page)
        language = _language(result.record.language, publisher)
        pages[language] += 1
        drafted_docs = [{"title": d.title, "issuer": d.issuer,
                         "organisations": [r.data for r in d.roles],
                         "principles": [p.data for p in d.principles]} for d in result.documents]
        drafted = _facts(drafted_docs, [r.data for r in result.relationships])
        expected = _facts(gold.get("policy_documents") or [], gold.get("relationships") or [])
        for evidence in _evidences(result):
            if not evidence_occurs(evidence, source_text):
                broken.append(f"{page.name}: drafted evidence not in the source: {evidence!r}")
        for evidence in _gold_evidences(gold):
            if not evidence_occurs(evidence, source_text):
                broken.append(f"{gold_path.name}: gold evidence not in the source: {evidence!r}")
        notes = []
        for kind, facts in drafted.items():
            tp, fp, fn = facts & expected[kind], facts - expected[kind], expected[kind] - facts
            overall.add(kind, len(tp), len(fp), len(fn))
            by_language[language].add(kind, len(tp), len(fp), len(fn))
            notes += [f"    wrong {kind}: {f}" for f in sorted(fp)]
            notes += [f"    missed {kind}: {f}" for f in sorted(fn)]
        tp_orgs, fp_orgs, fn_orgs = _match_organisations(
            [{"name": p.name, "acronym": p.acronym} for p in result.proposed],
            gold.get("proposed_organisations") or [])
        overall.add("proposed organisations", tp_orgs, len(fp_orgs), len(fn_orgs))
        by_language[language].add("proposed organisations", tp_orgs, len(fp_orgs), len(fn_orgs))
        notes += [f"    wrong organisation: {n}" for n in fp_orgs]
        notes += [f"    missed organisation: {n}" for n in fn_orgs]
        if args.verbose:
            print(f"{page.name} ({language}, {result.record.format})")
            print("\n".join(notes) if notes else "    all right")
    listed = ", ".join(f"{lang} {n}" for lang, n in sorted(pages.items()))
    print(f"Corpus {args.corpus.name}: {len(gold_files)} pages ({listed})\n")
    print(f"{'':<24}{'TP':>4}{'FP':>4}{'FN':>4}")
    for kind in KINDS:
        precision, recall = TARGETS[kind]
        target = " ".join(part for part in (
            f"P≥{precision}" if precision else "", f"R≥{recall}" if recall else "") if part)
        print(f"{kind:<24}{overall.line(kind)}   (target {target})")
    for language in sorted(by_language):
        print(f"\n{language} ({pages[language]} pages)")
        for kind in KINDS:
            print(f"  {kind:<22}{by_language[language].line(kind)}")
    for problem in unreadable:
        print(f"UNREADABLE (all its gold facts count as missed): {problem}")
    for problem in broken:
        print(f"BROKEN PROMISE: {problem}", file=sys.stderr)
    return 1 if broken else 0


def _count_misses(gold: dict[str, Any], *tallies: Tally) -> None:
    expected = _facts(gold.get("policy_documents") or [], gold.get("relationships") or [])
    for tally in tallies:
        for kind, facts in expected.items():
            tally.add(kind, 0, 0, len(facts))
        tally.add("proposed organisations", 0, 0, len(gold.get("proposed_organisations") or []))


def _evidences(result: draft.Draft) -> Iterable[str]:
    for document in result.documents:
        yield document.evidence
        for fact in (*document.roles, *document.principles):
            yield str(fact.data["evidence"])
    for fact in result.relationships:
        yield str(fact.data["evidence"])
    for org in result.proposed:
        yield org.evidence


def _gold_evidences(gold: dict[str, Any]) -> Iterable[str]:
    for document in gold.get("policy_documents") or []:
        if document.get("evidence"):
            yield document["evidence"]
        for item in (*(document.get("organisations") or []), *(document.get("principles") or [])):
            if item.get("evidence") or item.get("text"):
                yield item.get("evidence") or item.get("text")
    for rel in gold.get("relationships") or []:
        if rel.get("evidence"):
            yield rel["evidence"]


if __name__ == "__main__":
    sys.exit(main())

"""Time the drafter (`datarelease add`'s rules) on hostile pages: one unit repeated to fill a
text export of about ``--kilobytes`` KB (290 by default, under the drafter's 300,000-character
limit), each built to stress a rule (names and commas, appositions, headed paragraphs, input
handed over, and the parallel groups of round 12i: lead lines, statement lines, heading lines,
one endless word before a principle word; and of round 12j: designations before a title,
committees, statements on a draft, inserted clauses). Prints CPU seconds per MB of page for each unit.

    .venv/bin/python benchmarks/bench_draft_hostile.py [--kilobytes 290] [--only NAME]

The pages are written to a temporary folder and drafted against the development registry
(benchmarks/drafting/organisations.yaml); nothing is kept.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from datarelease import draft
from datarelease.normalise import load_registry

HERE = Path(__file__).resolve().parent
HEAD = "Publicerad: 3 mars 2026\n\nNyhet\n\nRubrik för sidan\n\n"
NB_HEAD = "Publisert: 3. mars 2026\n\nNyhet\n\nOverskrift\n\n"

# name → (page head, the unit repeated)
UNITS: dict[str, tuple[str, str]] = {
    "selskapet names": (NB_HEAD, "selskapet Aa, Bb og Cc, "),
    "capitalised pairs": (HEAD, "Ab Cd, "),
    "headed paragraphs": (HEAD, "Strategin vilar på tre kärnvärden:\n\nÖppenhet\n\n"
                                "Kommunerna ska dela sina data med varandra.\n\n"),
    "input handed over": (HEAD, "SKR har gett Vinnova ett underlag. "),
    "lead lines": (NB_HEAD, "Strategien bygger på fire prinsipper:\n\n"
                            "Tillit: Kommunene skal få mer handlingsrom.\n\n"
                            "Åpenhet – alle vedtak skal kunne etterprøves.\n\n"),
    "statement lines": (HEAD, "Strategin vilar på följande utgångspunkter:\n\n"
                              "Kommunerna ska dela sina data med varandra.\n\n"),
    "heading lines": (HEAD, "Strategins principer\n\n"),
    "one sentence of principle words": (HEAD, "Kommunernas tre principer och "),
    # round 12j: designations before a title, committees, statements on a draft, inserted clauses
    "V2 designations": (NB_HEAD, "I dag la regjeringen fram Meld. St. 9 (2033–2034) "),
    "committees": (HEAD, "Regionutvecklingsnämnden och kulturnämnden i Region Skåne "),
    "statements on drafts": (HEAD, "SKR har lämnat ett remissvar på regeringens utkast till "),
    "inserted clauses": (NB_HEAD, "Digdir er, som KS, medlem av KS og "),
    # found by the closing review of the eighth session: many quoted documents (every sentence
    # was compared with every document, and each comparison with all the others) and
    # committees among names in one sentence (each committee sliced the text to every name)
    "many titled documents": (HEAD, "SKR lämnar i dag skrivelsen ”Plan {n} – en strategi för "
                                    "landet”. Strategin utgår från principer.\n\n"),
    "committees among names": (HEAD, "kulturnämnden och SKR och "),
}


def _page(head: str, unit: str, size: int) -> str:
    count = max(1, (size - len(head)) // len(unit))
    body = "".join(unit.format(n=n) for n in range(count)) if "{n}" in unit else unit * count
    return head + "SKR presenterade i dag strategin ”Starka kommuner”.\n\n" + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kilobytes", type=int, default=290)
    parser.add_argument("--only", default=None, help="time only the unit with this name")
    args = parser.parse_args()
    registry = load_registry(HERE / "drafting" / "organisations.yaml")
    with tempfile.TemporaryDirectory() as folder:
        for name, (head, unit) in UNITS.items():
            if args.only and args.only != name:
                continue
            text = _page(head, unit, args.kilobytes * 1000)
            path = Path(folder) / "skr-2026-03-03-nyhet.txt"
            path.write_text(text, encoding="utf-8")
            megabytes = len(text.encode("utf-8")) / 1e6
            started = time.process_time()
            draft.draft(path, registry)
            seconds = time.process_time() - started
            print(f"{name:34} {megabytes * 1000:6.0f} KB  {seconds:6.1f} s CPU  "
                  f"{seconds / megabytes:6.1f} s/MB", flush=True)


if __name__ == "__main__":
    main()

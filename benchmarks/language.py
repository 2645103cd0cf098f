"""Language detection on short texts: train the character-trigram profiles, and measure.

    .venv/bin/python benchmarks/language.py            # leave-one-set-out accuracy, old and new
    .venv/bin/python benchmarks/language.py --write    # (re)write the shipped profiles

The profiles (``src/datarelease/extract/trigrams.json``) are trained on the project's own
drafting pages (``benchmarks/drafting*/pages``, all written for this project), labelled with the
language the stop words give on the whole page. Accuracy is measured by leaving out one set at a
time: the profiles that judge a set were trained without it. Each page is cut to its first N
words (title, lede, body) to stand for a short page.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from datarelease.extract import read_source
from datarelease.extract.language import detect, detect_by_stop_words, trigrams

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "src" / "datarelease" / "extract" / "trigrams.json"
LANGUAGES = ("sv", "nb", "nn", "da", "fi")
KEPT = 2000  # features kept per language: 1000 loses accuracy, 5000 gains none (measured)
LENGTHS = (8, 15, 25, 50, 100)

Page = tuple[str, str, str]  # set, language, text


def pages() -> list[Page]:
    found = []
    for path in sorted(ROOT.glob("benchmarks/drafting*/pages/*")):
        record = read_source(path)
        text = f"{record.title}\n{record.lede}\n{record.body}"
        found.append((path.parent.parent.name, detect_by_stop_words(text), text))
    return found


def train(corpus: Sequence[Page]) -> dict[str, object]:
    counts: dict[str, Counter[str]] = {language: Counter() for language in LANGUAGES}
    for _, language, text in corpus:
        if language in counts:
            counts[language].update(trigrams(text))
    profiles: dict[str, object] = {}
    for language, count in counts.items():
        total = sum(count.values())
        profiles[language] = {
            "unseen": round(math.log(0.5 / total), 3),
            "trigrams": {gram: round(math.log(n / total), 3)
                         for gram, n in sorted(count.most_common(KEPT))},
        }
    return {"languages": profiles, "pages": len(corpus),
            "trained_on": "benchmarks/drafting*/pages (written for this project)",
            "made_by": "benchmarks/language.py --write"}


def accuracy(corpus: Sequence[Page], profiles_for: dict[str, dict[str, object]]) -> None:
    print(f"{len(corpus)} pages: {dict(Counter(language for _, language, _ in corpus))}")
    print("words  stop words only   with trigrams   (leave one set out)")
    for length in LENGTHS:
        old = new = 0
        for name, language, text in corpus:
            cut = " ".join(text.split()[:length])
            old += detect_by_stop_words(cut) == language
            new += detect(cut, profiles=profiles_for[name]) == language
        print(f"{length:5}  {old:>8}/{len(corpus)}      {new:>8}/{len(corpus)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the shipped profiles")
    args = parser.parse_args(argv)
    corpus = pages()
    if args.write:
        PROFILES.write_text(json.dumps(train(corpus), ensure_ascii=False, sort_keys=True,
                                       indent=0) + "\n", encoding="utf-8")
        print(f"wrote {PROFILES.relative_to(ROOT)} from {len(corpus)} pages")
        return 0
    sets = sorted({name for name, _, _ in corpus})
    held_out = {name: train([page for page in corpus if page[0] != name]) for name in sets}
    accuracy(corpus, held_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generate a realistic release in the shape of ours, with a known number of injected errors.

The package holds four tables with this repository's Table Schemas (``schemas/``): news items
with Swedish titles, ledes and multi-paragraph bodies (quoted cells with commas, quotes and
newlines), URLs, dates and enums; the organisation registry; relationships between
organisations (foreign keys into organisations and, across tables, into the news items); and
organisation mentions (a composite primary key and an integer count). The one change to our
schemas: ``organisation_mentions.mention_count`` gets ``"maximum": 100000`` so that maximum
failures can be injected.

Errors are injected at seeded, known rows, a round-robin over the kinds in :data:`KINDS`; the
manifest ``injected.json`` lists each one (table, row number as frictionless counts it, field,
kind, the value written). Every resource declares its ``bytes`` and ``sha256`` hash, as a
built release does.

    python benchmarks/generate.py --rows 1000000 --errors 200 --out benchmarks/out/1m

Sizes: ``--rows`` news items, ``rows // 1000`` organisations (at least 50), ``rows // 100``
relationships and mentions (at least 20). Same seed and rows, same bytes.

``--parts N`` splits the news items into N files (a multipart resource, ``"path": [...]``), each
starting with the header, cut at record boundaries; the stream frictionless reads (the parts
concatenated, the header line of every part after the first dropped) is the single file's bytes,
so ``bytes`` and ``hash`` stay as declared. ``--split PACKAGE --parts N --out DIR`` does that to a
package already generated (the other files are copied).

``--shape mixed`` writes a package of other shapes instead (datetimes with ``Z`` and offsets,
times, years, numbers with ``decimalChar``/``groupChar``, custom booleans, email and URI formats,
``list`` and ``array`` fields, other missing values, a unique long string, a composite foreign key
into ``rows`` keys): see ``shapes.py``. ``--shape bounded`` writes one narrow table with a
bounded datetime and a distinct JSON array in every row.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True}
TABLES = ("organisations", "news_items", "organisation_relationships", "organisation_mentions")

# kind -> (table, field, what frictionless reports)
KINDS: dict[str, tuple[str, str, str]] = {
    "type": ("news_items", "published", "type-error"),
    "format": ("news_items", "source_url", "type-error"),
    "pattern": ("news_items", "language", "constraint-error"),
    "enum": ("news_items", "content_type", "constraint-error"),
    "required": ("news_items", "rights_holder", "constraint-error"),
    "minimum": ("organisation_mentions", "mention_count", "constraint-error"),
    "maximum": ("organisation_mentions", "mention_count", "constraint-error"),
    "unique": ("news_items", "news_item_id", "unique-error, primary-key"),
    "primary-key": ("organisation_mentions", "news_item_id, organisation_id", "primary-key"),
    "foreign-key": ("news_items", "publisher_id", "foreign-key"),
    "foreign-key-across": ("organisation_relationships", "source_news_item_id", "foreign-key"),
    "extra-cell": ("news_items", "", "extra-cell"),
    "missing-cell": ("news_items", "source_sha256", "missing-cell, constraint-error"),
    "blank-row": ("news_items", "", "blank-row, primary-key"),
}

WORDS = (
    'kommun', 'region', 'myndighet', 'innovation', 'offentlig', 'sektor', 'digital', 'förvaltning',
    'välfärd', 'samverkan', 'utveckling', 'tjänster', 'invånare', 'medborgare', 'styrning',
    'ledning', 'kvalitet', 'effektivitet', 'hållbarhet', 'skola', 'vård', 'omsorg', 'socialtjänst',
    'kollektivtrafik', 'bostäder', 'klimat', 'energi', 'vatten', 'avlopp', 'upphandling', 'data',
    'öppna', 'data', 'ansvar', 'förtroende', 'rättssäkerhet', 'tillgänglighet', 'säkerhet',
    'regeringen', 'riksdagen', 'departementet', 'utredning', 'betänkande', 'proposition', 'remiss',
    'strategi', 'försök', 'pilotprojekt', 'lärande', 'erfarenhet', 'kunskap', 'forskning',
    'högskola', 'näringsliv', 'civilsamhälle', 'äldreomsorg', 'förskola', 'gymnasieskola',
    'arbetsmarknad', 'integration', 'landsbygd', 'glesbygd', 'storstad', 'Norge', 'Sverige',
    'Danmark', 'Finland', 'Island', 'Norden', 'Europa', 'världen', 'år', 'månad', 'vecka', 'dag',
)
VERBS = (
    'presenterar', 'lanserar', 'utvecklar', 'prövar', 'stärker', 'förenklar', 'samordnar',
    'granskar', 'föreslår', 'välkomnar', 'kritiserar', 'beslutar', 'inför', 'avvecklar', 'utreder',
    'finansierar',
)
LABELS = {"news": "Nyhet", "press_release": "Pressmeddelande", "opinion": "Debattartikel", "other": "Övrigt"}
PREDICATES = ("part_of", "member_of", "sister_organisation_of", "collaborates_with", "provided_input_to")
ORG_TYPES = ("government", "ministry", "parliament", "agency", "association_of_local_authorities",
             "municipality", "region", "other")
COUNTRIES = ("se", "no", "dk", "fi", "is")
RIGHTS = ("© {holder}. Title, lede and short quotations republished with attribution as "
          "quotations; the full text is not republished.")


@dataclass(frozen=True)
class Injected:
    table: str
    row_number: int
    """As frictionless counts rows: the header is row 1."""
    field: str
    kind: str
    reported_as: str
    value: str


class Text:
    """Seeded Swedish-looking text from a fixed vocabulary (vectorised choice of words)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.words = np.array(WORDS, dtype=object)
        self.verbs = np.array(VERBS, dtype=object)

    def sentences(self, count: int, lo: int, hi: int) -> list[str]:
        lengths = self.rng.integers(lo, hi, size=count)
        picks = self.rng.integers(0, len(self.words), size=int(lengths.sum()))
        verbs = self.verbs[self.rng.integers(0, len(self.verbs), size=count)]
        out: list[str] = []
        start = 0
        for i, length in enumerate(lengths.tolist()):
            words = self.words[picks[start:start + length]].tolist()
            start += length
            words.insert(min(2, len(words)), verbs[i])
            if length > 6:
                words[4] += ","
            sentence = " ".join(words)
            out.append(sentence[0].upper() + sentence[1:] + ".")
        return out


def _hex(rng: np.random.Generator, count: int, width: int) -> list[str]:
    raw = rng.integers(0, 16, size=(count, width), dtype=np.uint8)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[raw]
    return [bytes(row).decode("ascii") for row in digits]


def organisation_ids(count: int) -> list[str]:
    return [f"{COUNTRIES[i % len(COUNTRIES)]}-org{i:06d}" for i in range(count)]


def organisations(count: int, rng: np.random.Generator, text: Text) -> Iterator[list[str]]:
    ids = organisation_ids(count)
    names = text.sentences(count, 2, 5)
    for i, org_id in enumerate(ids):
        name = names[i].rstrip(".")
        parent = ids[int(rng.integers(0, i))] if i > 10 and i % 3 == 0 else ""
        aliases = "|".join(name.split()[:2]) if i % 2 else ""
        yield [org_id, name, f"Organisation {i}", f"ORG{i}" if i % 4 == 0 else "", aliases,
               org_id[:2].upper(), ORG_TYPES[i % len(ORG_TYPES)], parent,
               f"https://www.{org_id}.example.{org_id[:2]}/"]


def news_ids(rng: np.random.Generator, count: int) -> list[str]:
    # Distinct by construction: a running counter in the last six hex digits.
    prefix = _hex(rng, count, 6)
    return [f"news-{p}{i:06x}" for i, p in enumerate(prefix)]


def news_items(count: int, ids: list[str], org_ids: list[str], rng: np.random.Generator,
               text: Text, chunk: int = 50_000) -> Iterator[list[str]]:
    content_types = list(LABELS)
    for start in range(0, count, chunk):
        n = min(chunk, count - start)
        titles = text.sentences(n, 4, 11)
        ledes = text.sentences(n, 14, 30)
        body_sentences = text.sentences(n * 4, 8, 20)
        days = rng.integers(0, 365 * 12, size=n)
        kinds = rng.integers(0, 4, size=n)
        publishers = rng.integers(0, len(org_ids), size=n)
        repub = rng.integers(0, 3, size=n)
        shas = _hex(rng, n, 64)
        quoted = rng.random(n) < 0.2
        base = np.datetime64("2012-01-01")
        for j in range(n):
            i = start + j
            title = titles[j].rstrip(".")
            if quoted[j]:
                title = f'"{title}" – ny rapport'
            kind = content_types[int(kinds[j])]
            publisher = org_ids[int(publishers[j])]
            republication = ("full", "excerpt", "metadata")[int(repub[j])]
            body = ""
            if republication == "full":
                paragraphs = body_sentences[4 * j:4 * j + 4]
                body = paragraphs[0] + " " + paragraphs[1] + "\n\n" + paragraphs[2] + " " + paragraphs[3]
            holder = f"Organisation {publishers[j]}"
            yield [
                ids[i], title, str(base + int(days[j])), kind, LABELS[kind], "sv" if i % 10 else "sv-SE",
                publisher, ledes[j] if republication != "metadata" else "", body, republication, holder,
                RIGHTS.format(holder=holder),
                f"https://www.{publisher}.example.se/nyheter/{ids[i][5:]}" if i % 7 else "",
                f"{publisher}-{ids[i][5:]}.html", shas[j],
            ]


def relationships(count: int, news: list[str], org_ids: list[str], rng: np.random.Generator,
                  text: Text) -> Iterator[list[str]]:
    ids = _hex(rng, count, 6)
    evidence = text.sentences(count, 6, 14)
    for i in range(count):
        annotation = i % 2 == 0
        yield [
            f"rel-{ids[i]}{i:06x}", org_ids[int(rng.integers(0, len(org_ids)))],
            PREDICATES[i % len(PREDICATES)], org_ids[int(rng.integers(0, len(org_ids)))],
            "annotation" if annotation else "registry",
            news[int(rng.integers(0, len(news)))] if annotation else "",
            evidence[i] if annotation else "",
        ]


def mentions(count: int, news: list[str], org_ids: list[str],
             rng: np.random.Generator) -> Iterator[list[str]]:
    for i in range(count):
        org = org_ids[i % len(org_ids)]
        # (news item, organisation) pairs are distinct: news item i, organisation i mod n
        yield [news[i], org, str(int(rng.integers(1, 40))), f"{org}|ORG{i % len(org_ids)}"]


class Injector:
    """Chooses the rows to break and breaks them as the rows stream past."""

    def __init__(self, errors: int, sizes: dict[str, int], rng: np.random.Generator) -> None:
        self.plan: dict[str, dict[int, str]] = {table: {} for table in TABLES}
        kinds = list(KINDS)
        per_table: dict[str, list[str]] = {table: [] for table in TABLES}
        for n in range(errors):
            kind = kinds[n % len(kinds)]
            per_table[KINDS[kind][0]].append(kind)
        for table, wanted in per_table.items():
            if not wanted:
                continue
            # Spread over the table; row index 0 is kept clean so "unique" can copy an earlier id.
            rows = rng.choice(np.arange(1, sizes[table]), size=len(wanted), replace=False)
            for index, kind in zip(sorted(rows.tolist()), wanted, strict=True):
                self.plan[table][index] = kind
        self.done: list[Injected] = []

    def apply(self, table: str, index: int, row: list[str], names: list[str],
              previous: list[str] | None) -> list[str]:
        kind = self.plan[table].get(index)
        if kind is None:
            return row
        field = KINDS[kind][1]
        row = list(row)
        value = ""
        if kind == "type":
            value = row[names.index(field)] = row[names.index(field)][:5] + "02-30"
        elif kind == "format":
            value = row[names.index(field)] = "www.exempel.se/utan-schema"
        elif kind == "pattern":
            value = row[names.index(field)] = "Svenska"
        elif kind == "enum":
            value = row[names.index(field)] = "blogg"
        elif kind == "required":
            value = row[names.index(field)] = ""
        elif kind == "minimum":
            value = row[names.index(field)] = "0"
        elif kind == "maximum":
            value = row[names.index(field)] = "1000000"
        elif kind == "unique":
            assert previous is not None
            value = row[names.index(field)] = previous[names.index(field)]
        elif kind == "primary-key":
            assert previous is not None
            row[0], row[1] = previous[0], previous[1]
            value = f"{row[0]}, {row[1]}"
        elif kind in ("foreign-key", "foreign-key-across"):
            value = row[names.index(field)] = ("se-okand-myndighet" if kind == "foreign-key"
                                               else "news-000000000000")
        elif kind == "extra-cell":
            row.append("en cell för mycket")
            value = row[-1]
        elif kind == "missing-cell":
            row = row[:-1]
        elif kind == "blank-row":
            row = [""] * len(names)
        self.done.append(Injected(table, index + 2, field, kind, KINDS[kind][2], value))
        return row


class HashingFile(io.RawIOBase):
    def __init__(self, path: Path) -> None:
        self.handle = path.open("wb")
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.handle.write(chunk)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return len(chunk)

    def close(self) -> None:
        self.handle.close()
        super().close()


def write_table(path: Path, names: list[str], rows: Iterator[list[str]], table: str,
                injector: Injector) -> tuple[int, str]:
    raw = HashingFile(path)
    text = io.TextIOWrapper(io.BufferedWriter(raw, 1 << 20), encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    previous: list[str] | None = None
    for index, row in enumerate(rows):
        writer.writerow(injector.apply(table, index, row, names, previous))
        if previous is None:
            previous = row
    text.flush()
    text.close()
    return raw.size, raw.sha256.hexdigest()


def load_schema(table: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / f"{table}.json").read_text(encoding="utf-8"))
    if table == "organisation_mentions":
        for field in schema["fields"]:
            if field["name"] == "mention_count":
                field["constraints"]["maximum"] = 100000
    return schema


def generate(out: Path, rows: int, errors: int, seed: int) -> list[Injected]:
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "schemas").mkdir()
    rng = np.random.default_rng(seed)
    text = Text(rng)
    sizes = {
        "organisations": max(50, rows // 1000),
        "news_items": rows,
        "organisation_relationships": max(20, rows // 100),
        "organisation_mentions": max(20, rows // 100),
    }
    injector = Injector(errors, sizes, rng)
    org_ids = organisation_ids(sizes["organisations"])
    news = news_ids(rng, rows)
    streams = {
        "organisations": organisations(sizes["organisations"], rng, text),
        "news_items": news_items(rows, news, org_ids, rng, text),
        "organisation_relationships": relationships(sizes["organisation_relationships"], news, org_ids,
                                                    rng, text),
        "organisation_mentions": mentions(sizes["organisation_mentions"], news, org_ids, rng),
    }
    resources = []
    for table in TABLES:
        schema = load_schema(table)
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        (out / "schemas" / f"{table}.json").write_text(text, encoding="utf-8")
        names = [field["name"] for field in schema["fields"]]
        size, sha = write_table(out / "data" / f"{table}.csv", names, streams[table], table, injector)
        resources.append({
            "name": table, "type": "table", "path": f"data/{table}.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "dialect": dict(DIALECT),
            "bytes": size, "hash": f"sha256:{sha}", "schema": f"schemas/{table}.json",
        })
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"benchmark-{rows}", "title": f"Generated benchmark release ({rows} news items)",
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    manifest = {"rows": rows, "errors": errors, "seed": seed, "sizes": sizes,
                "injected": [asdict(item) for item in injector.done]}
    (out / "injected.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return injector.done


def split_csv(source: Path, targets: list[Path], block: int = 1 << 26) -> None:
    """Cut ``source`` (a header line without quotes, then records) into ``targets`` of about
    equal size at line ends outside quotes, each starting with the header line."""
    n = len(targets)
    with open(source, "rb") as src:
        header = src.readline()
        start = len(header)
        size = source.stat().st_size - start
        cuts = [start + size * (i + 1) // n for i in range(n - 1)]
        part = 0
        out = open(targets[0], "wb")  # noqa: SIM115 - closed as parts end
        out.write(header)
        offset, parity = start, 0  # file offset of the block, quotes before it (mod 2)
        while data := src.read(block):
            arr = np.frombuffer(data, dtype=np.uint8)
            quotes = np.flatnonzero(arr == ord('"'))
            at = 0
            while part < n - 1 and cuts[part] < offset + len(data):
                begin = max(cuts[part] - offset, at)
                ends = np.flatnonzero(arr[begin:] == ord("\n")) + begin
                outside = ends[(parity + np.searchsorted(quotes, ends)) % 2 == 0]
                if not outside.size:
                    cuts[part] = offset + len(data)  # the record goes on: cut in the next block
                    break
                cut = int(outside[0]) + 1
                out.write(data[at:cut])
                out.close()
                part += 1
                out = open(targets[part], "wb")  # noqa: SIM115
                out.write(header)
                at = cut
            out.write(data[at:])
            parity = (parity + len(quotes)) % 2
            offset += len(data)
        out.close()
    for target in targets[part + 1:]:  # fewer records than parts: the rest hold the header only
        target.write_bytes(header)


def split_package(package: Path, parts: int, origin: Path | None = None, table: str = "news_items") -> None:
    """Make ``table`` of a generated package a multipart resource of ``parts`` files (read from
    the package ``origin`` if given, else from the package itself, whose file is then removed)."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    source = (origin or package) / resource["path"]
    names = [f"data/{table}-{k}.csv" for k in range(1, parts + 1)]
    split_csv(source, [package / name for name in names])
    if origin is None:
        source.unlink()
    resource["path"] = names
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="news items (10k, 100k, 1M, 10M ...)")
    parser.add_argument("--errors", type=int, default=200, help="errors to inject, round-robin over kinds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="package folder to (re)create")
    parser.add_argument("--shape", choices=("news", "mixed", "bounded"), default="news",
                        help="news: the shape of our release; mixed: other shapes; bounded: a bounded "
                             "datetime and distinct arrays (see shapes.py)")
    parser.add_argument("--parts", type=int, default=1, help="news items as this many files (multipart)")
    parser.add_argument("--split", type=Path, help="copy this generated package, news items in --parts files")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.split:
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(args.split, args.out, ignore=shutil.ignore_patterns("news_items.csv"))
        split_package(args.out, args.parts, origin=args.split)
        print(f"{args.out}: news items of {args.split} in {args.parts} parts, "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return 0
    if args.shape in ("mixed", "bounded"):
        from shapes import generate_bounded, generate_mixed

        if args.out.exists():
            shutil.rmtree(args.out)
        make = generate_mixed if args.shape == "mixed" else generate_bounded
        done: list[Any] = make(args.out, args.rows, args.errors, args.seed)
    else:
        done = generate(args.out, args.rows, args.errors, args.seed)
        if args.parts > 1:
            split_package(args.out, args.parts)
    size = sum(p.stat().st_size for p in (args.out / "data").iterdir())
    print(f"{args.out}: {args.rows} news items, {len(done)} injected errors, {size / 1e6:.0f} MB of CSV "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A package of other shapes than ours (``generate.py --shape mixed``), with known injected errors.

Two tables of ``rows`` rows each:

* ``stations``: a composite primary key (``region``, ``station_no``) — the 1M keys the other
  table's foreign key refers to;
* ``events``: a ``unique`` id that is a long string (60+ characters), ISO 8601 datetimes with
  ``Z`` and with offsets (``+02:00``, ``-05:30``), times, years, numbers with ``decimalChar``
  ``,`` and ``groupChar`` space, booleans with ``trueValues``/``falseValues`` ``ja``/``nej``,
  ``format: email`` and ``format: uri``, a ``list`` (``;``) and an ``array`` (JSON) field,
  ``missingValues`` ``["", "NA", "-"]``, and a composite foreign key into ``stations``.

Errors (round-robin, at seeded rows; ``injected.json`` lists them): a datetime without seconds,
a number with a stray letter, a boolean outside the true/false values, an email without ``@``,
a URI without a scheme, a repeated id, an unknown station, an array that is not JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

MISSING = ["", "NA", "-"]

STATIONS_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "region", "type": "string", "constraints": {"required": True}},
        {"name": "station_no", "type": "integer", "constraints": {"required": True}},
        {"name": "name", "type": "string"},
        {"name": "opened", "type": "date"},
    ],
    "primaryKey": ["region", "station_no"],
    "missingValues": MISSING,
}

EVENTS_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "event_id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "occurred_at", "type": "datetime"},
        {"name": "local_time", "type": "time"},
        {"name": "season", "type": "year"},
        {"name": "amount", "type": "number", "decimalChar": ",", "groupChar": " "},
        {"name": "verified", "type": "boolean", "trueValues": ["ja", "J"], "falseValues": ["nej", "N"]},
        {"name": "contact", "type": "string", "format": "email"},
        {"name": "homepage", "type": "string", "format": "uri"},
        {"name": "tags", "type": "list", "delimiter": ";"},
        {"name": "readings", "type": "array"},
        {"name": "region", "type": "string"},
        {"name": "station_no", "type": "integer"},
    ],
    "missingValues": MISSING,
    "foreignKeys": [{"fields": ["region", "station_no"],
                     "reference": {"resource": "stations", "fields": ["region", "station_no"]}}],
}

KINDS = {
    "datetime": ("occurred_at", "2021-03-04T05:06"),
    "number": ("amount", "12 345,6x"),
    "boolean": ("verified", "kanske"),
    "email": ("contact", "anna.example.org"),
    "uri": ("homepage", "www.example.org/x"),
    "unique": ("event_id", None),
    "foreign-key": ("station_no", "999999999"),
    "array": ("readings", "[1, 2"),
}
REGIONS = ["SE-AB", "SE-C", "SE-D", "SE-E", "SE-F", "NO-03", "NO-11", "FI-18", "DK-84", "IS-1"]


@dataclass
class Injected:
    table: str
    row: int
    field: str
    kind: str
    value: str


def _datetimes(rng: np.random.Generator, count: int) -> list[str]:
    seconds = rng.integers(1_500_000_000, 1_800_000_000, count)
    stamps = np.array(seconds, dtype="datetime64[s]").astype(str)
    zones = np.array(["Z", "+02:00", "-05:30", "+00:00", "Z", "+01:00"])[rng.integers(0, 6, count)]
    fraction = rng.integers(0, 4, count)
    micro = rng.integers(0, 1_000_000, count)
    return [f"{s}.{m:06d}{z}" if f == 0 else f"{s}{z}"
            for s, z, f, m in zip(stamps.tolist(), zones.tolist(), fraction.tolist(), micro.tolist(),
                                  strict=True)]


def _amounts(rng: np.random.Generator, count: int) -> list[str]:
    whole = rng.integers(0, 10_000_000, count)
    cents = rng.integers(0, 100, count)
    sign = rng.integers(0, 10, count)
    return [f"{'-' if s == 0 else ''}{w:,}".replace(",", " ") + f",{c:02d}"
            for w, c, s in zip(whole.tolist(), cents.tolist(), sign.tolist(), strict=True)]


def stations(count: int) -> list[list[str]]:
    return [[REGIONS[i % len(REGIONS)], str(i // len(REGIONS) + 1), f"Station {i}",
             f"{1990 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}"] for i in range(count)]


def events(count: int, rng: np.random.Generator) -> list[list[str]]:
    when = _datetimes(rng, count)
    amounts = _amounts(rng, count)
    hours, minutes, secs = (rng.integers(0, n, count).tolist() for n in (24, 60, 60))
    seasons = rng.integers(1990, 2030, count).tolist()
    verified = np.array(["ja", "nej", "J", "N", "NA"])[rng.integers(0, 5, count)].tolist()
    station = rng.integers(0, count, count).tolist()
    tags = np.array(["flood", "storm", "snow;ice", "heat;drought;fire", "-", "wind"])[
        rng.integers(0, 6, count)].tolist()
    rows = []
    for i in range(count):
        region = REGIONS[station[i] % len(REGIONS)]
        number = station[i] // len(REGIONS) + 1
        rows.append([
            f"urn:example:observatory:event:{region.lower()}:{i:09d}:{when[i][:10]}",
            when[i], f"{hours[i]:02d}:{minutes[i]:02d}:{secs[i]:02d}", str(seasons[i]), amounts[i],
            verified[i], f"observer.{i}@station{number}.example.org",
            f"https://example.org/{region.lower()}/{number}/events/{i}", tags[i],
            f"[{i % 97}, {i % 13}.5, {i % 7}]" if i % 5 else "-", region, str(number),
        ])
    return rows


def inject(table: list[list[str]], names: list[str], errors: int,
           rng: np.random.Generator) -> list[Injected]:
    count = min(errors, len(table) - 1)
    rows = sorted(rng.choice(np.arange(1, len(table)), size=count, replace=False).tolist())
    done = []
    kinds = list(KINDS)
    for n, index in enumerate(rows):
        kind = kinds[n % len(kinds)]
        field, value = KINDS[kind]
        column = names.index(field)
        if value is None:
            value = table[index - 1][column]
        table[index][column] = value
        done.append(Injected("events", index + 2, field, kind, value))
    return done


def write_csv(path: Path, names: list[str], rows: list[list[str]]) -> tuple[int, str]:
    import csv
    import hashlib
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return len(data), hashlib.sha256(data).hexdigest()


def generate_mixed(out: Path, rows: int, errors: int, seed: int) -> list[Injected]:
    (out / "data").mkdir(parents=True)
    rng = np.random.default_rng(seed)
    resources = []
    injected: list[Injected] = []
    for name, schema, table in (("stations", STATIONS_SCHEMA, stations(rows)),
                                ("events", EVENTS_SCHEMA, events(rows, rng))):
        names = [f["name"] for f in schema["fields"]]
        if name == "events":
            injected = inject(table, names, errors, rng)
        size, sha = write_csv(out / "data" / f"{name}.csv", names, table)
        resources.append({"name": name, "type": "table", "path": f"data/{name}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "bytes": size,
                          "hash": f"sha256:{sha}", "schema": schema})
    descriptor = {"name": f"shapes-{rows}", "resources": resources}
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    manifest = {"rows": rows, "errors": errors, "seed": seed, "injected": [asdict(i) for i in injected]}
    (out / "injected.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return injected


BOUNDED_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "at", "type": "datetime", "constraints": {"minimum": "2020-01-01T00:00:00"}},
        {"name": "readings", "type": "array"},
    ],
}


def generate_bounded(out: Path, rows: int, errors: int, seed: int) -> list[Injected]:
    """``--shape bounded``: one narrow table of the shape that took the per-cell path before
    issue 11's second round, a datetime with a ``minimum`` and an ``array`` with a distinct value
    in every row; the errors are datetimes one second before the minimum."""
    (out / "data").mkdir(parents=True)
    rng = np.random.default_rng(seed)
    stamps = np.array(rng.integers(1_577_836_800, 1_609_459_200, rows), dtype="datetime64[s]").astype(str)
    table = [[str(i), str(stamp), f"[{i}, {i % 97}]"] for i, stamp in enumerate(stamps.tolist())]
    injected = []
    for index in sorted(rng.choice(rows, size=min(errors, rows), replace=False).tolist()):
        table[index][1] = "2019-12-31T23:59:59"
        injected.append(Injected("readings", index + 2, "at", "minimum", "2019-12-31T23:59:59"))
    size, sha = write_csv(out / "data" / "readings.csv", [f["name"] for f in BOUNDED_SCHEMA["fields"]], table)
    resource = {"name": "readings", "type": "table", "path": "data/readings.csv", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "bytes": size, "hash": f"sha256:{sha}",
                "schema": BOUNDED_SCHEMA}
    descriptor = {"name": f"bounded-{rows}", "resources": [resource]}
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    manifest = {"rows": rows, "errors": errors, "seed": seed, "injected": [asdict(i) for i in injected]}
    (out / "injected.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return injected

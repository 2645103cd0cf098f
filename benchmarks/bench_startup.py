"""Start-up on small packages: ``datarelease validate`` against ``frictionless validate``.

Writes (deterministically: the same command writes the same bytes) a set of one-table packages of
10 rows — valid and invalid, with and without each feature the fast path covers (patterns,
string formats, missing values, foreign keys, dialect options, label and row errors) and a few it
does not — then, for each, runs

    datarelease validate PKG/datapackage.json --format json
    frictionless validate PKG/datapackage.json --limit-errors 0 --json

each its own process, ``--repeat`` times, and prints a Markdown table: the path datarelease takes
(``fast``: ``validate.small`` answers in plain Python; ``engine``: it hands the package on), the
best wall time, the CPU time (user + system) and peak RSS of that run for each, and whether the
two reported the same findings (resource, type, row, field, note, message, in order). Then the
same for ``datarelease --help``. The load average is printed before and after.

    python benchmarks/bench_startup.py                 # best of 5
    python benchmarks/bench_startup.py --repeat 3 --out /tmp/startup
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import BIN, best, ours, theirs  # noqa: E402

UUID = "6fa459ea-ee8a-3ca4-894e-db77e160355e"
Fields = list[dict[str, Any]]
Rows = list[list[str]]


def _plain(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields = [{"name": "id", "type": "integer", "constraints": {"required": True}},
              {"name": "name", "type": "string", "constraints": {"maxLength": 12}},
              {"name": "day", "type": "date"}]
    rows = [[str(n), f"name {n}", f"2020-01-{n:02d}"] for n in range(1, 11)]
    if errors:
        rows[2][0], rows[4][1], rows[6][2] = "x", "a name that is too long", "2020-02-30"
    return fields, rows, {"primaryKey": ["id"]}


def _pattern(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields, rows, schema = _plain(False)
    fields[1]["constraints"] = {"pattern": "name [0-9]+"}
    if errors:
        rows[3][1], rows[8][1] = "Name 4", "name nine"
    return fields, rows, schema


def _formats(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields = [{"name": "id", "type": "integer"}, {"name": "email", "type": "string", "format": "email"},
              {"name": "site", "type": "string", "format": "uri"},
              {"name": "uid", "type": "string", "format": "uuid"}]
    rows = [[str(n), f"user{n}@example.org", f"https://example.org/{n}", UUID] for n in range(1, 11)]
    if errors:
        rows[1][1], rows[5][2], rows[7][3] = "user@", "example.org/6", "not-a-uuid"
    return fields, rows, {"primaryKey": ["id"]}


def _missing(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields, rows, _ = _plain(False)
    fields.append({"name": "amount", "type": "number", "constraints": {"required": True, "minimum": 0}})
    for n, cells in enumerate(rows):
        cells.append("NA" if n % 4 == 3 and errors else "-" if n % 4 == 3 else f"{n}.5")
    if not errors:
        fields[3]["constraints"] = {"minimum": 0}
    return fields, rows, {"primaryKey": ["id"], "missingValues": ["", "NA", "-"]}


def _self_key(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields, rows, _ = _plain(False)
    fields.append({"name": "parent", "type": "integer"})
    for n, cells in enumerate(rows):
        cells.append("" if n == 0 else str(n))
    if errors:
        rows[5][3] = "42"
    return fields, rows, {"primaryKey": ["id"], "foreignKeys": [
        {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}]}


def _other_key(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields, rows, _ = _plain(False)
    fields.append({"name": "kind", "type": "string"})
    for n, cells in enumerate(rows):
        cells.append("abc"[n % 3])
    if errors:
        rows[4][3] = "z"
    return fields, rows, {"primaryKey": ["id"], "foreignKeys": [
        {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["code"]}}]}


def _time(errors: bool) -> tuple[Fields, Rows, dict[str, Any]]:
    fields, rows, schema = _plain(errors)
    fields.append({"name": "at", "type": "time"})
    for cells in rows:
        cells.append("12:00:00")
    return fields, rows, schema


Shape = Callable[[bool], tuple[Fields, Rows, dict[str, Any]]]
# name: (shape, errors, dialect, what is done to the written table)
PACKAGES: dict[str, tuple[Shape, bool, dict[str, Any] | None, str]] = {
    "plain, valid": (_plain, False, None, ""),
    "plain, type and constraint errors": (_plain, True, None, ""),
    "pattern, valid": (_pattern, False, None, ""),
    "pattern, errors": (_pattern, True, None, ""),
    "email/uri/uuid, valid": (_formats, False, None, ""),
    "email/uri/uuid, errors": (_formats, True, None, ""),
    "missingValues, valid": (_missing, False, None, ""),
    "missingValues, required errors": (_missing, True, None, ""),
    "foreign key to itself, valid": (_self_key, False, None, ""),
    "foreign key to itself, errors": (_self_key, True, None, ""),
    "foreign key to a 2nd table, valid": (_other_key, False, None, ""),
    "foreign key to a 2nd table, errors": (_other_key, True, None, ""),
    "dialect ; and ', valid": (_plain, False, {"delimiter": ";", "quoteChar": "'"}, ""),
    "dialect ; and ', errors": (_plain, True, {"delimiter": ";", "quoteChar": "'"}, ""),
    "label errors": (_plain, False, None, "labels"),
    "blank rows, extra and missing cells": (_plain, False, None, "rows"),
    "duplicate primary keys": (_plain, False, None, "duplicates"),
    "time field (not mirrored), valid": (_time, False, None, ""),
    "time field (not mirrored), errors": (_time, True, None, ""),
    "declared bytes wrong (not mirrored)": (_plain, False, None, "bytes"),
}


def write(folder: Path, name: str) -> Path:
    shape, errors, dialect, change = PACKAGES[name]
    fields, rows, schema = shape(errors)
    labels = [f["name"] for f in fields]
    if change == "labels":
        labels = [labels[0], "Name", labels[1], labels[2]]  # an incorrect label and an extra one
    if change == "rows":
        rows[2:2] = [[]]
        rows[5] = rows[5][:2]
        rows[7] = [*rows[7], "extra"]
    if change == "duplicates":
        rows[6][0] = rows[8][0] = "3"
    delimiter = (dialect or {}).get("delimiter", ",")
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quotechar=(dialect or {}).get("quoteChar", '"'),
               lineterminator="\n").writerows([labels, *rows])
    folder.mkdir(parents=True, exist_ok=True)
    data = out.getvalue().encode("utf-8")
    (folder / "table.csv").write_bytes(data)
    resource: dict[str, Any] = {"name": "table", "path": "table.csv", "schema": {"fields": fields, **schema}}
    if dialect:
        resource["dialect"] = dialect
    if change == "bytes":
        resource["bytes"] = len(data) + 1
    resources = [resource]
    if "kinds" in json.dumps(schema):
        (folder / "kinds.csv").write_text("code,label\na,Alpha\nb,Beta\nc,Gamma\n", encoding="utf-8")
        resources.append({"name": "kinds", "path": "kinds.csv", "schema": {"fields": [
            {"name": "code", "type": "string"}, {"name": "label", "type": "string"}],
            "primaryKey": ["code"]}})
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "startup", "resources": resources}, indent=1) + "\n",
                          encoding="utf-8")
    return descriptor


def path_taken(descriptor: Path) -> str:
    from datarelease.validate import small

    # confirm_valid: the fast path before it reported findings (PYTHONPATH=old/src for "before")
    answer = getattr(small, "validate_small", None) or small.confirm_valid
    return "fast" if answer(descriptor, descriptor) is not None else "engine"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (the best is shown)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "startup")
    parser.add_argument("--only", default="", help="comma-separated package names (default: all)")
    args = parser.parse_args(argv)
    names = [n for n in PACKAGES if not args.only or n in args.only.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"best of {args.repeat}; wall s / CPU s / peak MB\n")
    print("| package | path | datarelease | frictionless | findings | same |")
    print("|---|---|---:|---:|---:|---|")
    for number, name in enumerate(names):
        descriptor = write(args.out / f"{number:02d}", name)
        ours_run, _ = best([str(BIN / "datarelease"), "validate", str(descriptor), "--format", "json"],
                           args.repeat)
        theirs_run, _ = best([str(BIN / "frictionless"), "validate", str(descriptor), "--limit-errors", "0",
                              "--json"], args.repeat)
        found, expected = ours(ours_run.output), theirs(theirs_run.output)
        print(f"| {name} | {path_taken(descriptor)} | {_figures(ours_run)} | {_figures(theirs_run)} | "
              f"{len(found)} | {'yes' if found == expected else 'NO'} |", flush=True)
    helped, _ = best([str(BIN / "datarelease"), "--help"], args.repeat)
    print(f"| `datarelease --help` | | {_figures(helped)} | | | |")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _figures(run: Any) -> str:
    return f"{run.wall:.2f} / {run.cpu:.2f} / {run.peak_mb:.0f}"


if __name__ == "__main__":
    sys.exit(main())

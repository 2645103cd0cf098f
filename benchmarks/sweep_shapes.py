"""A sweep over shapes nobody generated: one feature at a time, parity and speed.

For every shape below (an ``id`` primary key plus one or two columns, or two tables for a foreign
key, with a few seeded errors of the kinds frictionless reports) this script

1. generates the package at ``--small`` rows (deterministic: same seed, same bytes) and runs
   ``datarelease validate PKG --engine stream --format json`` and ``frictionless validate PKG
   --limit-errors 0 --json``, each as its own process, comparing the findings as
   ``bench_validate.py`` does (resource, type, row, field, note, message, in order);
2. counts, in a process of its own on the same small package, how many cells each column sent
   to frictionless's per-cell reader and which tables the engine handed to frictionless whole
   (``--count``: the engine's ``Column`` and planner wrapped, nothing else changed);
3. generates it again at ``--rows`` rows and times the engine alone through the CLI (wall and CPU
   from ``wait4``), with a time limit (``--limit``).

and prints one table: shape, parity, the path (``vector``; ``cells`` when a column read more than
a tenth of its cells one by one; ``frictionless`` when a table was handed over), wall and CPU at
``--rows``, frictionless's estimate (its wall time at ``--small`` rows × rows / small), and the
ratio. frictionless itself is run only at the small size: on a shared 2-core machine a 1M-row
frictionless run per shape would take hours. Generated packages are deleted as soon as they are
measured.

    python benchmarks/sweep_shapes.py                        # every shape: 20k parity, 1M timing
    python benchmarks/sweep_shapes.py --only date-unique,latin1 --rows 200000
    python benchmarks/sweep_shapes.py --parity-only          # no 1M runs
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bench_validate import BIN, Run, measure, ours, theirs
from sweep_catalogue import SHAPES, Table

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- writing


def write_package(out: Path, tables: list[Table]) -> None:
    (out / "data").mkdir(parents=True)
    resources = []
    for table in tables:
        names = [f["name"] for f in table.fields]
        delimiter = (table.dialect or {}).get("csv", {}).get("delimiter", ",")
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=table.newline)
        writer.writerow(names)
        writer.writerows(zip(*(table.columns[name] for name in names), strict=True))
        data = ("\ufeff" if table.bom else "") + buffer.getvalue()
        (out / "data" / f"{table.name}.csv").write_bytes(data.encode(table.encoding))
        resource: dict[str, Any] = {"name": table.name, "type": "table", "path": f"data/{table.name}.csv",
                                    "format": "csv", "mediatype": "text/csv", "encoding": table.encoding,
                                    "schema": {"fields": table.fields, **table.schema}}
        if not table.declare_encoding:
            del resource["encoding"]
        if table.dialect:
            resource["dialect"] = table.dialect
        resources.append(resource)
    descriptor = {"name": "sweep", "resources": resources}
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")


def generate(name: str, rows: int, out: Path, seed: int) -> Path:
    """Write the package in a process of its own: a child of a process that grew to hold 1M rows
    would inherit that peak in its own ``ru_maxrss`` (Linux keeps it across fork and exec)."""
    package = out / f"{name}-{rows}"
    shutil.rmtree(package, ignore_errors=True)
    subprocess.run([sys.executable, __file__, "--generate", name, str(rows), str(package), str(seed)],
                   check=True)
    return package


def generate_here(name: str, rows: int, package: Path, seed: int) -> None:
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])  # a shape added keeps the others
    write_package(package, SHAPES[name](rows, rng))


# --------------------------------------------------------------------------- measuring


def count_reads(package: Path) -> dict[str, Any]:
    """In this process: cells each column sent to frictionless's reader, tables handed over."""
    from datarelease.validate import validate_package
    from datarelease.validate.stream import cells, plan
    from datarelease.validate.stream.spec import Delegate

    reads: dict[str, int] = {}
    delegated: dict[str, str] = {}
    original_init = cells.Column.__init__

    def init(self: Any, index: int, f: Any) -> None:
        original_init(self, index, f)
        reader, key = self.reader, str(f.name)
        reads.setdefault(key, 0)

        def counted(cell: Any) -> Any:
            reads[key] += 1
            return reader(cell)
        self.reader = counted

    original_plan = plan.Planner.plan

    def planned(self: Any, resource: Any, names: set[str]) -> Any:
        result = original_plan(self, resource, names)
        if isinstance(result, Delegate):
            delegated[str(resource.name)] = str(result)
        return result

    cells.Column.__init__ = init  # type: ignore[method-assign]
    plan.Planner.plan = planned  # type: ignore[method-assign,assignment]
    validate_package(package, engine="stream")
    return {"reads": reads, "delegated": delegated}


def limited_like_ours(findings: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """frictionless's findings as datarelease lists them: the first ``FINDINGS_PER_KIND`` of each
    resource, type and field (every report is capped so; the rest are counted, not listed)."""
    from datarelease.validate.report import FINDINGS_PER_KIND

    seen: dict[tuple[Any, ...], int] = {}
    kept = []
    for finding in findings:
        key = (finding[0], finding[1], finding[3])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= FINDINGS_PER_KIND:
            kept.append(finding)
    return kept


def path_taken(counts: dict[str, Any], rows: int) -> str:
    if counts["delegated"]:
        return "frictionless"
    worst = max(counts["reads"].values(), default=0)
    return f"cells ({worst / rows:.0%})" if worst > rows / 10 else "vector"


def frictionless_run(package: Path) -> Run:
    return measure([str(BIN / "frictionless"), "validate", str(package), "--limit-errors", "0", "--json"])


def engine_command(package: Path) -> list[str]:
    return [str(BIN / "datarelease"), "validate", str(package), "--engine", "stream", "--format", "json"]


def limited(command: list[str], seconds: float) -> Run | None:
    """``measure`` with a time limit: None when the command ran out of it."""
    wrapped = ["timeout", "--signal=KILL", str(int(seconds)), *command]
    run = measure(wrapped)
    return None if run.exit_code in (-9, 137) else run


@dataclass
class Row:
    shape: str
    parity: str
    path: str
    findings: int
    small_engine: float
    small_frictionless: float
    wall: float | None = None
    cpu: float | None = None
    peak_mb: float | None = None


def sweep_one(name: str, args: argparse.Namespace, out: Path) -> Row:
    package = generate(name, args.small, out, args.seed)
    ours_run = measure(engine_command(package))
    theirs_run = frictionless_run(package)
    try:
        everything = theirs(theirs_run.output)
        found, expected = ours(ours_run.output), limited_like_ours(everything)
        counted_all = len(found) + int(json.loads(ours_run.output).get("omittedCount", 0))
        same = found == expected and counted_all == len(everything)
        parity = "same" if same else f"DIFF ({counted_all} vs {len(everything)})"
        if not same and args.keep_diffs:
            diff = json.dumps({"ours": found, "theirs": expected}, indent=1)
            (args.out / f"{name}.diff.json").write_text(diff)
    except (json.JSONDecodeError, KeyError) as exc:
        found, parity = [], f"ERROR ({type(exc).__name__})"
    counted = subprocess.run([sys.executable, __file__, "--count", str(package)], capture_output=True,
                             text=True, check=False)
    failed = {"reads": {}, "delegated": {"?": "error"}}
    counts = json.loads(counted.stdout) if counted.returncode == 0 else failed
    row = Row(name, parity, path_taken(counts, args.small), len(found), ours_run.wall, theirs_run.wall)
    if parity != "same" and args.keep_diffs:
        shutil.copytree(package, args.out / f"{name}-kept", dirs_exist_ok=True)
    shutil.rmtree(package)
    if not args.parity_only:
        package = generate(name, args.rows, out, args.seed)
        run = limited(engine_command(package), args.limit)
        if run is not None:
            row.wall, row.cpu, row.peak_mb = run.wall, run.cpu, run.peak_mb
        shutil.rmtree(package)
    return row


def print_table(rows: list[Row], args: argparse.Namespace) -> None:
    scale = args.rows / args.small
    print(f"{'shape':<24}{'parity':<14}{'path':<16}{'wall s':>8}{'cpu s':>8}{'MB':>6}"
          f"{'fl. est s':>11}{'ratio':>8}   (small: ours / frictionless s)")
    for r in rows:
        estimate = r.small_frictionless * scale
        if r.wall is None:
            timing = f"{'>' + str(int(args.limit)) if not args.parity_only else '-':>8}{'':>8}{'':>6}"
            ratio = f"<{estimate / args.limit:.0f}x" if not args.parity_only else "-"
        else:
            timing = f"{r.wall:>8.2f}{r.cpu:>8.2f}{r.peak_mb:>6.0f}"
            ratio = f"{estimate / r.wall:.0f}x"
        print(f"{r.shape:<24}{r.parity:<14}{r.path:<16}{timing}{estimate:>11.0f}{ratio:>8}"
              f"   ({r.small_engine:.2f} / {r.small_frictionless:.2f})")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"rows: parity at {args.small:,}, timing at {args.rows:,}; frictionless estimate = its wall "
          f"time at {args.small:,} rows x {scale:g}; load average {load}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the timing")
    parser.add_argument("--small", type=int, default=20_000, help="rows for the parity check")
    parser.add_argument("--only", help="comma-separated shapes (default: all)")
    parser.add_argument("--parity-only", action="store_true")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds before a timed run is stopped")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "sweep")
    parser.add_argument("--keep-diffs", action="store_true", help="keep packages whose findings differ")
    parser.add_argument("--list", action="store_true", help="print the shapes' names")
    parser.add_argument("--count", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        name, rows, package, seed = args.generate
        generate_here(name, int(rows), Path(package), int(seed))
        return 0
    if args.count:
        print(json.dumps(count_reads(args.count)))
        return 0
    if args.list:
        print("\n".join(SHAPES))
        return 0
    names = args.only.split(",") if args.only else list(SHAPES)
    unknown = sorted(set(names) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.out) as scratch:
        for name in names:
            rows.append(sweep_one(name, args, Path(scratch)))
            print(f"[{time.perf_counter() - started:6.0f} s] {name}: {rows[-1].parity}, {rows[-1].path}",
                  file=sys.stderr, flush=True)
    print_table(rows, args)
    return 0 if all(r.parity == "same" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

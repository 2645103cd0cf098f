"""Packaging at speed: datarelease's single-pass table writer against the floor for the work.

The floor, measured on the news table of a generated release (no injected errors), is the sum
of three steps done with pyarrow and hashlib directly, each on its own:

1. reading the CSV with pyarrow (Table Schema types),
2. writing that table as Parquet with pyarrow (zstd, the same row groups and statistics),
3. hashing both files with sha256.

datarelease writes the same table as CSV and Parquet and hashes both, in one pass
(``package.write_table``), from two kinds of input:

- ``batches``: Arrow record batches streamed from the CSV (the input counts: it is read, then
  written again as CSV and as Parquet);
- ``rows``: dicts, as the normalise stage hands rows to ``package.stage_release`` (making the
  dicts from the batches is part of the measured time, and measured on its own too).

Each measurement runs in its own process (wall time, CPU time and peak memory from wait4).

    python benchmarks/bench_build.py --rows 1000000
    python benchmarks/bench_build.py --rows 1000000 --repeat 3

The target: ``batches`` at most 2x the floor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = "news_items"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def child(kind: str, package: Path, out: Path) -> dict[str, float]:
    """One measured step, in this process; returns its own timings of the parts."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    from datarelease import package as pkg
    from datarelease import tableschema

    schema = json.loads((package / "schemas" / f"{TABLE}.json").read_text(encoding="utf-8"))
    target = tableschema.arrow_schema(schema)
    source = package / "data" / f"{TABLE}.csv"
    convert = pcsv.ConvertOptions(column_types={f.name: f.type for f in target},
                                  strings_can_be_null=True, quoted_strings_can_be_null=False)
    parse = pcsv.ParseOptions(newlines_in_values=True)
    parts: dict[str, float] = {}
    started = time.perf_counter()
    if kind == "read":
        table = pcsv.read_csv(source, parse_options=parse, convert_options=convert)
        parts["rows"] = table.num_rows
    elif kind == "parquet":
        table = pcsv.read_csv(source, parse_options=parse, convert_options=convert)
        table = table.cast(target)
        started = time.perf_counter()  # only the write counts
        pq.write_table(table, out / "floor.parquet", compression="zstd",
                       row_group_size=pkg.ROW_GROUP_ROWS, write_statistics=True)
    elif kind == "hash":
        pq_path = out / "floor.parquet"
        sha256(source)
        sha256(pq_path)
    elif kind in ("batches", "rows"):
        reader = pcsv.open_csv(source, read_options=pcsv.ReadOptions(block_size=4 << 20),
                               parse_options=parse, convert_options=convert)

        def batches() -> object:
            for batch in reader:
                yield batch.cast(target)

        def rows() -> object:
            for batch in reader:
                yield from batch.cast(target).to_pylist()

        stream = batches() if kind == "batches" else rows()
        csv_info, parquet_info = pkg.write_table(stream, schema, out / f"{TABLE}.csv",  # type: ignore[arg-type]
                                                 out / f"{TABLE}.parquet", out)
        parts["csv_mb"] = csv_info.bytes / 1e6
        parts["parquet_mb"] = parquet_info.bytes / 1e6
    elif kind == "dicts":  # making the dict rows alone, to tell it from writing them
        reader = pcsv.open_csv(source, read_options=pcsv.ReadOptions(block_size=4 << 20),
                               parse_options=parse, convert_options=convert)
        parts["rows"] = sum(len(batch.cast(target).to_pylist()) for batch in reader)
    else:
        raise SystemExit(f"unknown step {kind}")
    parts["seconds"] = time.perf_counter() - started
    return parts


def measure(kind: str, package: Path, out: Path) -> tuple[float, float, float, dict[str, float]]:
    """(wall of the step, CPU of the process, peak MB of the process, the step's own figures)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as result:
        process = subprocess.Popen([sys.executable, __file__, "--child", kind, "--package", str(package),
                                    "--out", str(out), "--result", result.name])
        _pid, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"step {kind} failed")
        parts = json.loads(Path(result.name).read_text(encoding="utf-8"))
    return parts["seconds"], usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--package", type=Path,
                        help="a generated release (default: benchmarks/out/clean-ROWS)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--steps", default="read,parquet,hash,batches,rows,dicts",
                        help="which steps to run (the floor steps hold the whole table in memory: "
                             "at 10M rows run --steps batches)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        parts = child(args.child, args.package, args.out)
        args.result.write_text(json.dumps(parts), encoding="utf-8")
        return 0

    package = args.package or HERE / "out" / f"clean-{args.rows}"
    if not (package / "datapackage.json").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(args.rows),
                        "--errors", "0", "--out", str(package)], check=True)
    size = (package / "data" / f"{TABLE}.csv").stat().st_size
    print(f"table: {package / 'data' / f'{TABLE}.csv'} ({size / 1e6:,.0f} MB)")
    out = Path(tempfile.mkdtemp(prefix="datarelease-bench-build-", dir=package.parent))
    try:
        best: dict[str, tuple[float, float, float, dict[str, float]]] = {}
        for _ in range(args.repeat):
            for kind in args.steps.split(","):
                run = measure(kind, package, out)
                if kind not in best or run[0] < best[kind][0]:
                    best[kind] = run
        print(f"{'step':<42}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}")
        labels = {"read": "floor 1: read CSV (pyarrow)", "parquet": "floor 2: write Parquet (pyarrow)",
                  "hash": "floor 3: sha256 of CSV and Parquet",
                  "batches": "datarelease write_table (Arrow batches)",
                  "rows": "datarelease write_table (dict rows)",
                  "dicts": "  of which making the dict rows"}
        for kind, (wall, cpu, peak, _parts) in best.items():
            print(f"{labels[kind]:<42}{wall:>8.2f}{cpu:>8.2f}{peak:>9.0f}")
        if {"read", "parquet", "hash"} <= best.keys():
            floor = sum(best[k][0] for k in ("read", "parquet", "hash"))
            print(f"{'floor (1 + 2 + 3)':<42}{floor:>8.2f}")
            if "batches" in best:
                print(f"ratio batches / floor: {best['batches'][0] / floor:.2f}x")
            if {"rows", "dicts"} <= best.keys():
                print(f"ratio rows / floor: {best['rows'][0] / floor:.2f}x "
                      f"({(best['rows'][0] - best['dicts'][0]) / floor:.2f}x without making the dicts)")
        if "batches" in best:
            parts = best["batches"][3]
            print(f"written: CSV {parts['csv_mb']:,.0f} MB, Parquet {parts['parquet_mb']:,.0f} MB")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

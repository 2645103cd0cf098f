"""Benchmark ``datarelease diff`` on two releases of a large table.

Generates two releases under ``benchmarks/out/diff/`` (ignored by git): OLD with ``--rows`` rows in a
keyed table (``measurements``, primary key ``id``) and the same number in a table without a primary
key (``events``, compared as a multiset); NEW removes 0.5 %, changes 1 % and adds 1 % of the rows.
Then it runs ``datarelease diff OLD NEW --format json`` in a child process, once on the Parquet
files and once on the CSV files only, and prints the wall time and the child's peak memory (max RSS).

    .venv/bin/python benchmarks/bench_diff.py --rows 1000000

The generator writes files the way ``datarelease build`` lays them out (CSV + Parquet twins,
``schemas/``, ``datapackage.json`` with bytes and sha256) but with pyarrow directly, since a
million Python dicts would time the generator, not the diff.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

OUT = Path(__file__).resolve().parent / "out" / "diff"
BIN = Path(sys.executable).parent / "datarelease"

MEASUREMENTS: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "station", "type": "string", "constraints": {"required": True}},
        {"name": "day", "type": "date", "constraints": {"required": True}},
        {"name": "value", "type": "integer"},
        {"name": "score", "type": "number"},
        {"name": "note", "type": "string"},
    ],
    "missingValues": [""],
    "primaryKey": ["id"],
}
EVENTS: dict[str, Any] = {
    "fields": [{"name": "station", "type": "string"}, {"name": "kind", "type": "string"},
               {"name": "count", "type": "integer"}],
    "missingValues": [""],
}


def measurements(ids: np.ndarray, rng: np.random.Generator) -> pa.Table:
    n = len(ids)
    days = np.datetime64("2020-01-01") + rng.integers(0, 1500, n).astype("timedelta64[D]")
    return pa.table({
        "id": pa.array([f"m{i:09d}" for i in ids]),
        "station": pa.array([f"st-{i % 997:03d}" for i in ids]),
        "day": pa.array(days, type=pa.date32()),
        "value": pa.array(rng.integers(0, 10_000, n), type=pa.int64()),
        "score": pa.array(np.round(rng.random(n), 6)),
        "note": pa.array([None if i % 7 else f"checked {i % 13}" for i in ids], type=pa.string()),
    })


def events(n: int, rng: np.random.Generator) -> pa.Table:
    return pa.table({
        "station": pa.array([f"st-{i:03d}" for i in rng.integers(0, 997, n)]),
        "kind": pa.array(rng.choice(["rain", "wind", "snow", "sun"], n)),
        "count": pa.array(rng.integers(0, 50, n), type=pa.int64()),
    })


def _sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def write_release(root: Path, tables: dict[str, tuple[dict[str, Any], pa.Table]], version: str) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "publish").mkdir(parents=True)
    (root / "schemas").mkdir()
    resources = []
    for name, (schema, table) in tables.items():
        (root / "schemas" / f"{name}.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")
        csv_path, parquet_path = root / "publish" / f"{name}.csv", root / "publish" / f"{name}.parquet"
        pacsv.write_csv(table, csv_path, pacsv.WriteOptions(quoting_style="needed"))
        pq.write_table(table, parquet_path, compression="zstd", row_group_size=128 * 1024)
        for path, fmt in ((csv_path, "csv"), (parquet_path, "parquet")):
            size, digest = _sha256(path)
            resources.append({
                "name": name if fmt == "csv" else f"{name}-parquet",
                "type": "table" if fmt == "csv" else "file",
                "path": path.relative_to(root).as_posix(), "format": fmt,
                "bytes": size, "hash": f"sha256:{digest}", "schema": f"schemas/{name}.json"})
    descriptor = {"name": "bench", "version": version, "resources": resources}
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def generate(rows: int, seed: int = 1) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    old_ids = np.arange(rows)
    old = measurements(old_ids, rng)
    old_events = events(rows, rng)
    # NEW: drop 0.5 %, change value (and every other one's note) of 1 %, add 1 % new ids.
    keep = rng.random(rows) >= 0.005
    changed = rng.random(rows) < 0.01
    values = old.column("value").to_numpy()
    new_values = np.where(changed, values + 1, values)
    notes = old.column("note").to_pylist()
    new_notes = [("revised" if c and i % 2 else note) for i, (c, note) in enumerate(zip(changed, notes,
                                                                                         strict=True))]
    new = old.set_column(3, "value", pa.array(new_values, type=pa.int64()))
    new = new.set_column(5, "note", pa.array(new_notes, type=pa.string())).filter(pa.array(keep))
    added = measurements(np.arange(rows, rows + rows // 100), rng)
    new = pa.concat_tables([new, added])
    new_events = pa.concat_tables([old_events.slice(rows // 200), events(rows // 100, rng)])
    old_root, new_root = OUT / "old", OUT / "new"
    write_release(old_root, {"measurements": (MEASUREMENTS, old), "events": (EVENTS, old_events)}, "1.0.0")
    write_release(new_root, {"measurements": (MEASUREMENTS, new), "events": (EVENTS, new_events)}, "1.1.0")
    return old_root, new_root


def csv_only(root: Path) -> Path:
    """A copy of the descriptor without the Parquet resources, beside the same files."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["format"] == "csv"]
    path = root / "datapackage-csv.json"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return path


def timed_diff(old: Path, new: Path) -> tuple[float, float, dict[str, Any]]:
    """Wall seconds, peak RSS of the child in MiB, and the parsed JSON diff."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([str(BIN), "diff", str(old), str(new), "--format", "json"],
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    start = time.perf_counter()
    old, new = generate(args.rows)
    print(f"generated 2 releases x 2 tables x {args.rows:,} rows in {time.perf_counter() - start:.1f} s "
          f"({sum(p.stat().st_size for p in OUT.rglob('*.parquet')) / 2**20:.0f} MiB Parquet, "
          f"{sum(p.stat().st_size for p in OUT.rglob('*.csv')) / 2**20:.0f} MiB CSV)")
    for label, (a, b) in {"parquet": (old, new), "csv": (csv_only(old), csv_only(new))}.items():
        seconds, peak, result = timed_diff(a, b)
        rows = {t["name"]: t["rows"] for t in result["tables"]}
        m, e = rows["measurements"], rows["events"]
        print(f"{label:8} {seconds:6.2f} s  peak RSS {peak:6.0f} MiB  "
              f"measurements +{m['added']} -{m['removed']} ~{m['changed']}  "
              f"events (multiset) +{e['added']} -{e['removed']}  [source: {m['source']}]")


if __name__ == "__main__":
    main()

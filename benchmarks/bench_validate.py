"""Validate one package with datarelease and with ``frictionless validate``, in the same run.

Each engine runs as its own command (a fresh process, as a user runs it), one after the other:

    datarelease validate PACKAGE --engine stream --format json
    frictionless validate PACKAGE --limit-errors 0 --json

and the floor (``floor.py``: pyarrow parsing the same CSV files, and sha256 of their bytes,
each its own process), and the script prints wall time, CPU time (user + system, all threads)
and peak resident memory of each, their ratios, and whether the two reported the same findings
(type, row, field, note, message, in order). With ``--rows N`` it first generates the package
(benchmarks/generate.py)
into ``benchmarks/out/``.

    python benchmarks/bench_validate.py --rows 1000000
    python benchmarks/bench_validate.py benchmarks/out/1000000 --repeat 3
    python benchmarks/bench_validate.py --rows 10000000 --skip-frictionless

``--repeat`` runs each engine that many times and reports the fastest run (and all wall times),
because other work on the machine slows single runs down.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    exit_code: int
    output: str


def measure(command: list[str]) -> Run:
    """Run a command; wall time, CPU time and peak RSS from wait4 (the child alone)."""
    with tempfile.TemporaryFile("w+b") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode("utf-8")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               os.waitstatus_to_exitcode(status), text)


def best(command: list[str], repeat: int) -> tuple[Run, list[float]]:
    runs = [measure(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run.wall), [run.wall for run in runs]


def ours(output: str) -> list[tuple[Any, ...]]:
    report = json.loads(output)
    return [(e["resource"], e["type"], e["rowNumber"], e["fieldNumber"], e["note"], e["message"])
            for e in report["errors"]]


def theirs(output: str) -> list[tuple[Any, ...]]:
    report = json.loads(output)
    return [(task["name"], e["type"], e.get("rowNumber"), e.get("fieldNumber"), e["note"], e["message"])
            for task in report["tasks"] for e in task["errors"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", nargs="?", type=Path, help="a package folder or datapackage.json")
    parser.add_argument("--rows", type=int, help="generate a package of this many news items first")
    parser.add_argument("--errors", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-frictionless", action="store_true")
    parser.add_argument("--shape", choices=("news", "mixed", "bounded"), default="news", help="with --rows")
    args = parser.parse_args(argv)
    package = args.package
    if args.rows:
        suffix = "" if args.shape == "news" else "-" + args.shape
        package = package or HERE / "out" / (str(args.rows) + suffix)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(args.rows),
                        "--errors", str(args.errors), "--out", str(package), "--shape", args.shape],
                       check=True)
    if package is None:
        parser.error("give a package or --rows")
    data = package / "data" if package.is_dir() else package.parent / "data"
    size = sum(p.stat().st_size for p in data.glob("*.csv")) if data.is_dir() else 0
    print(f"package: {package} ({size / 1e6:,.0f} MB of CSV)")

    floor_parse, parse_walls = best([sys.executable, str(HERE / "floor.py"), str(package), "parse"],
                                    args.repeat)
    floor_hash, hash_walls = best([sys.executable, str(HERE / "floor.py"), str(package), "sha256"],
                                  args.repeat)
    stream, stream_walls = best([str(BIN / "datarelease"), "validate", str(package), "--engine", "stream",
                                 "--format", "json"], args.repeat)
    rows = [("floor: pyarrow parse", floor_parse, parse_walls), ("floor: sha256", floor_hash, hash_walls),
            ("datarelease (stream)", stream, stream_walls)]
    found = ours(stream.output)
    reference = None
    if not args.skip_frictionless:
        reference, reference_walls = best([str(BIN / "frictionless"), "validate", str(package),
                                           "--limit-errors", "0", "--json"], args.repeat)
        rows.append(("frictionless validate", reference, reference_walls))

    print(f"{'engine':<24}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}   all wall times")
    for name, run, walls in rows:
        times = ", ".join(f"{w:.2f}" for w in walls)
        print(f"{name:<24}{run.wall:>9.2f}{run.cpu:>9.2f}{run.peak_mb:>9.0f}   {times}")
    for run in (floor_parse, floor_hash):
        if run.exit_code:
            print(f"the floor did not run (exit {run.exit_code}): its figures are not the floor")
    floor = floor_parse.wall + floor_hash.wall
    print(f"floor (parse + sha256): {floor:.2f} s; datarelease is {stream.wall / floor:.2f}x the floor")
    print(f"findings: datarelease {len(found)}")
    if reference is not None:
        expected = theirs(reference.output)
        print(f"findings: frictionless {len(expected)}; identical: {found == expected}")
        print(f"ratio (frictionless / datarelease): wall {reference.wall / stream.wall:.1f}x, "
              f"cpu {reference.cpu / stream.cpu:.1f}x, "
              f"peak memory {stream.peak_mb / reference.peak_mb:.2f} of frictionless's")
        return 0 if found == expected else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

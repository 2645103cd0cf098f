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
    python benchmarks/bench_validate.py --rows 1000000 --parts 10   # news items as a multipart resource

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
import threading
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
    tree_peak_mb: float = 0.0


def measure(command: list[str]) -> Run:
    """Run a command; wall time, CPU time (its own and its waited-for children's, such as the
    worker processes of a multipart table) and peak RSS from wait4 (of the largest process alone),
    and the peak of the RSS summed over the process and its descendants (sampled every 50 ms)."""
    with tempfile.TemporaryFile("w+b") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        sampler = TreeRss(process.pid)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        out.seek(0)
        text = out.read().decode("utf-8")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               os.waitstatus_to_exitcode(status), text, sampler.peak / 1024)


class TreeRss(threading.Thread):
    """The largest sum of VmRSS (kB) over a process and its descendants, from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()
        self.start()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.join()


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


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
    parser.add_argument("--save", type=Path, help="write datarelease's JSON report to this file")
    parser.add_argument("--parts", type=int, default=1, help="with --rows: news items in this many files")
    args = parser.parse_args(argv)
    package = args.package
    if args.rows:
        suffix = "" if args.shape == "news" else "-" + args.shape
        suffix += f"-parts{args.parts}" if args.parts > 1 else ""
        package = package or HERE / "out" / (str(args.rows) + suffix)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(args.rows),
                        "--errors", str(args.errors), "--out", str(package), "--shape", args.shape,
                        "--parts", str(args.parts)],
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
    if args.save:
        args.save.write_text(stream.output, encoding="utf-8")
    reference = None
    if not args.skip_frictionless:
        reference, reference_walls = best([str(BIN / "frictionless"), "validate", str(package),
                                           "--limit-errors", "0", "--json"], args.repeat)
        rows.append(("frictionless validate", reference, reference_walls))

    print(f"{'engine':<24}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'all MB':>9}   all wall times")
    for name, run, walls in rows:
        times = ", ".join(f"{w:.2f}" for w in walls)
        figures = f"{run.wall:>9.2f}{run.cpu:>9.2f}{run.peak_mb:>9.0f}{run.tree_peak_mb:>9.0f}"
        print(f"{name:<24}{figures}   {times}")
    print("peak MB: the largest process (wait4); all MB: the peak of the RSS summed over the process "
          "and its worker processes (sampled)")
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

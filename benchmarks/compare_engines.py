"""Time this checkout's streaming engine against another copy of datarelease, alternating runs,
and check that both print byte-identical JSON reports.

    git -C /path/to/main archive HEAD src | tar -x -C /tmp/old
    python benchmarks/compare_engines.py --old /tmp/old/src --rounds 3 PKG [PKG ...]

Each round runs, for every package, ``datarelease validate PKG --engine stream --format json``
once with the other copy first on ``PYTHONPATH`` ("before") and once with this checkout
("after"), in turn (which one goes first alternates by round), so that both see the same load on
a shared machine. It prints, per package and side, the fastest wall time of the rounds with the
CPU time and peak memory of that run (``wait4``: all threads), every wall time, the load average
before and after, and whether every report of the two sides was the same bytes (exit 1 if not).
``--engine`` picks another engine (``auto``); ``--save DIR`` keeps the first report of each side.
``--idle SHARE`` waits (up to ``--wait`` seconds) before each run until at least that share of
the machine's CPU time was idle over one second (others' work on a shared machine), and prints
the idle share seen with each run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from bench_validate import BIN, Run, measure


def command(package: Path, engine: str) -> list[str]:
    return [str(BIN / "datarelease"), "validate", str(package), "--engine", engine, "--format", "json"]


def run_side(package: Path, engine: str, old: Path | None) -> Run:
    saved = os.environ.get("PYTHONPATH")
    try:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = str(old)
        return measure(command(package, engine))
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpu_times() -> tuple[int, int]:
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    return values[3] + values[4], sum(values)  # idle + iowait, all


def idle_share(seconds: float = 1.0) -> float:
    """The share of all cores' time that was idle over the next ``seconds``."""
    idle0, all0 = _cpu_times()
    time.sleep(seconds)
    idle1, all1 = _cpu_times()
    return (idle1 - idle0) / max(1, all1 - all0)


def wait_for_idle(share: float, longest: float) -> float:
    """Wait until the idle share is at least ``share`` (at most ``longest`` seconds); the last seen."""
    deadline = time.monotonic() + longest
    seen = idle_share()
    while seen < share and time.monotonic() < deadline:
        seen = idle_share()
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="+", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="the other copy's src/ folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", default="stream")
    parser.add_argument("--save", type=Path, help="write the first report of each side here")
    parser.add_argument("--idle", type=float, default=0.0, help="wait for this idle share before each run")
    parser.add_argument("--wait", type=float, default=120.0, help="longest wait for --idle, seconds")
    args = parser.parse_args(argv)
    print(f"load average at start: {load()}", flush=True)
    same = True
    for package in args.packages:
        runs: dict[str, list[Run]] = {"before": [], "after": []}
        for round_ in range(args.rounds):
            order = ["before", "after"] if round_ % 2 == 0 else ["after", "before"]
            for side in order:
                idle = wait_for_idle(args.idle, args.wait) if args.idle else None
                run = run_side(package, args.engine, args.old if side == "before" else None)
                runs[side].append(run)
                quiet = f", idle {idle:.0%} before" if idle is not None else ""
                print(f"  {package.name} {side}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, "
                      f"{run.peak_mb:.0f} MB, exit {run.exit_code} (load {load()}{quiet})", flush=True)
        outputs = {run.output for side in runs.values() for run in side}
        identical = len(outputs) == 1
        same &= identical
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for side, side_runs in runs.items():
                (args.save / f"{package.name}.{side}.json").write_text(side_runs[0].output, encoding="utf-8")
        print(f"{package}: reports {'identical' if identical else 'DIFFER'} "
              f"({len(runs['before']) + len(runs['after'])} runs)")
        for side, side_runs in runs.items():
            fastest = min(side_runs, key=lambda r: r.wall)
            walls = ", ".join(f"{r.wall:.2f}" for r in side_runs)
            peaks = [r.peak_mb for r in side_runs]
            print(f"  {side:<6} fastest {fastest.wall:.2f} s wall, {fastest.cpu:.2f} s CPU, "
                  f"{fastest.peak_mb:.0f} MB (walls: {walls}; peak MB {min(peaks):.0f}-{max(peaks):.0f})")
    print(f"load average at end: {load()}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

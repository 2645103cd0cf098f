"""Where the streaming engine's time goes: CPU per thread and per stage of one run of
``datarelease validate PKG --engine stream --format json``, in process.

    python benchmarks/profile_validate.py PKG [--json]
    PYTHONPATH=/tmp/old/src python benchmarks/profile_validate.py PKG   # another copy's engine

Wraps the stages (``time.thread_time`` around each call, so a thread waiting for the GIL or a
queue is not counted) and prints, per run: wall time, process CPU, the CPU of each thread kind
(main, reader, parser, check threads, prehash), the start-up (wall and CPU until the first table
is read), and the CPU of the reader's sha256, quote scan and record checks, of pyarrow's CSV
reading, of the records pyarrow set aside, and of every column's checks and key hashes. One
line of JSON per run (``--json``) or a table. Sampling profilers (py-spy) count threads that
wait in C as busy here: these figures are what the threads spent.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_LOCK = threading.Lock()
CPU: collections.Counter[str] = collections.Counter()


def _add(label: str, seconds: float) -> None:
    with _LOCK:
        CPU[label] += seconds


def timed(owner: Any, name: str, label: str | Callable[..., str]) -> None:
    """Count the thread CPU of every call of ``owner.name`` under ``label`` (or label(self))."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            _add(label(*args) if callable(label) else label, time.thread_time() - start)

    setattr(owner, name, wrapper)


def thread_kind(name: str) -> str:
    for kind in ("read", "parse", "check", "prehash"):
        if f"-{kind}" in name:
            return f"thread {kind}"
    return "thread other"


def instrument() -> dict[str, float]:
    """Wrap the engine's stages; returns the marks filled in as the run goes."""
    import datarelease.validate.prehash as prehash
    import datarelease.validate.stream.cells as cells
    import datarelease.validate.stream.parse as parse
    import datarelease.validate.stream.read as read
    import datarelease.validate.stream.scan as scan

    marks: dict[str, float] = {}
    for owner in (threading.Thread, read.Reader):  # the reader overrides run()
        original_run = owner.run

        def run(self: threading.Thread, _run: Callable[[threading.Thread], None] = original_run) -> None:
            try:
                _run(self)
            finally:
                _add(thread_kind(self.name), time.thread_time())

        owner.run = run  # type: ignore[method-assign]
    timed(read.Reader, "_hash", "reader: sha256")
    timed(read, "_quotes", "reader: quote positions")
    timed(read, "_regular", "reader: quotes regular")
    timed(read, "_last_boundary", "reader: last record end")
    timed(parse.Parser, "_read_csv", "parser: pyarrow read_csv")
    timed(parse.Parser, "_with_records", "parser: records set aside")
    timed(prehash.Prehash, "_hash", "prehash: sha256")
    timed(scan.TableScan, "_keys_from_table", "main: store and look up keys")
    timed(scan.TableScan, "resolve_table_keys", "main: duplicate keys")
    timed(scan.TableScan, "resolve_foreign_keys", "main: foreign keys at the end")
    timed(cells.Column, "check", lambda column, *_: f"check {column.name}")
    timed(cells.Column, "key_hashes", lambda column, *_: f"key hashes {column.name}")
    first_scan = scan.TableScan.run

    def run_scan(self: Any, *args: Any, **kwargs: Any) -> Any:
        if "start-up wall" not in marks:
            marks["start-up wall"] = time.perf_counter()
            marks["start-up CPU"] = time.process_time()
        return first_scan(self, *args, **kwargs)

    scan.TableScan.run = run_scan  # type: ignore[method-assign]
    return marks


def profile(package: str) -> dict[str, float]:
    start = time.perf_counter()
    cpu = time.process_time()
    import datarelease.cli as cli  # imports counted: the CLI imports the engine lazily

    marks = instrument()
    sys.argv = ["datarelease", "validate", package, "--engine", "stream", "--format", "json"]
    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
        cli.main()
    result = {"wall": time.perf_counter() - start, "CPU": time.process_time() - cpu,
              "thread main": time.thread_time(), "load": os.getloadavg()[0],
              "start-up wall": marks.get("start-up wall", start) - start,
              "start-up CPU": marks.get("start-up CPU", cpu) - cpu}
    result.update(CPU)
    return {k: round(v, 3) for k, v in result.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package")
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    args = parser.parse_args()
    result = profile(args.package)
    if args.json:
        print(json.dumps(result))
        return
    for label, seconds in result.items():
        if seconds >= 0.01 or label in ("load",):
            print(f"{seconds:8.2f}  {label}")


if __name__ == "__main__":
    main()

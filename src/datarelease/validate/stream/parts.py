"""Multipart resources read in parallel: one worker process per part (or run of parts), each
scanning its bytes with the table scan; this process shifts their row numbers, adopts the keys
they spilled and puts their findings together — the report of the parts read as one stream.

frictionless reads a multipart CSV resource as one byte stream: the parts one after the other,
every part after the first without its first line (its header). A part is therefore read on its
own only where the stream certainly starts a new record there: after a part that ends with a line
end outside quotes (:attr:`Reader.clean_end`, checked by the worker). Parts that do not (a part
that ends without a line end, or inside a quoted cell) are read together with the next part; a
worker that finds its run of parts ended inside quotes makes the whole table be read again in this
process, as one stream. Row numbers come from a prefix sum of the records each worker counted.
Workers are fresh interpreters (``python -c``, fork and exec), never a fork of this process, whose
other threads (pyarrow's, the caller's) a fork would copy mid-work; each gets its share of runs
(the largest first, to the least loaded) pickled on stdin and answers on stdout.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import frictionless

from datarelease.progress import Progress
from datarelease.validate.stream.common import Budget, Scope, Undecodable, cores
from datarelease.validate.stream.findings import Row
from datarelease.validate.stream.keys import KeySpace, KeyStore, KnownKeys
from datarelease.validate.stream.parse import missing_values
from datarelease.validate.stream.read import open_stream, stream_size
from datarelease.validate.stream.scan import TableScan, known_keys
from datarelease.validate.stream.spec import Segment, TableSpec

PARALLEL_BYTES = 32 << 20
"""A multipart table smaller than this is read in this process (workers take ~0.5 s to start)."""
_HASH_BLOCK = 8 << 20


@dataclass(frozen=True)
class PartDone:
    """Telemetry: a run of parts of a multipart table that a worker process checked."""

    table: str
    parts: tuple[str, ...]
    records: int
    pid: int
    seconds: float


PartHook = Callable[[PartDone], None]


@dataclass
class _Job:
    """What a worker needs to scan a run of parts (plain data: it is pickled to the worker)."""

    index: int
    spec: TableSpec
    """The table's spec without its frictionless objects (``resource``, ``fields``)."""
    fields: list[dict[str, Any]]
    pick: tuple[str, ...]
    skip: tuple[str, ...]
    budget: Budget
    folder: Path
    known: KnownKeys
    """The keys of tables already read that foreign keys refer to (checked as rows go by)."""


@dataclass
class _Result:
    """What a worker found in its run of parts (rows numbered from 1 after the first run)."""

    index: int
    records: int
    size: int
    clean_end: bool
    rows: dict[int, Row]
    undecodable: list[Undecodable]
    header_undecodable: list[Undecodable]
    cells: int
    sequences: int
    dropped: Counter[tuple[str, str | None]]
    stores: dict[str, tuple[Path, int]]
    pending: dict[int, Path]
    failing: dict[int, dict[int, str]]
    pid: int
    seconds: float


# --------------------------------------------------------------------------- this process


def scan_parts(spec: TableSpec, scope: Scope, keys: KeySpace, progress: Progress, budget: Budget,
               done: Mapping[str, TableScan], on_part: PartHook | None = None) -> TableScan | None:
    """The scan of a multipart table read by worker processes, or None when it is to be read in
    this process as one stream (one worker would do, or a run of parts ended inside quotes)."""
    units = _units(spec.parts)
    count = _worker_count(spec, len(units), budget.workers)
    if count < 2:
        return None
    folder = Path(tempfile.mkdtemp(prefix="parts-", dir=keys.folder))
    # the cores are shared out between the workers' check threads
    worker_budget = dataclasses.replace(budget, key_memory=max(1 << 20, budget.key_memory // count),
                                        check_threads=budget.check_threads or max(1, cores() // count))
    known = known_keys(spec, done)
    jobs = [_job(spec, k, unit, scope, worker_budget, folder / str(k), known)
            for k, unit in enumerate(units)]
    total = stream_size(spec)
    progress.start(spec.name, total)
    digest = _Digest(spec) if spec.hash_algorithm else None
    done_bytes = done_records = 0

    def finished(result: _Result) -> None:
        nonlocal done_bytes, done_records
        done_bytes += sum(part.end - part.start for part in units[result.index])
        done_records += result.records
        progress.update(done_records, done_bytes)
        if on_part is not None:
            on_part(PartDone(spec.name, tuple(p.name for p in units[result.index]), result.records,
                             result.pid, result.seconds))

    try:
        results = _run_workers(jobs, count, finished)
        if digest is not None:
            digest.join()
    finally:
        if digest is not None:
            digest.stop.set()  # the workers failed: stop reading (a no-op once it is done)
        progress.finish(done_records)
    if not all(result.clean_end for result in results[:-1]):
        return None
    return _merge(TableScan(spec, scope, keys, progress, {}, budget, known), units, results,
                  digest.hexdigest() if digest is not None else None)


def _units(parts: tuple[Segment, ...]) -> list[tuple[Segment, ...]]:
    """Runs of parts read by one worker: a run ends with a part whose last byte is a line end."""
    units: list[list[Segment]] = [[]]
    for part in parts:
        units[-1].append(part)
        if part is not parts[-1] and part.end > part.start and _ends_with_lf(part):
            units.append([])
    return [tuple(unit) for unit in units]


def _ends_with_lf(part: Segment) -> bool:
    try:
        with open(part.path, "rb") as handle:
            handle.seek(part.end - 1)
            return handle.read(1) == b"\n"
    except OSError:
        return False


def _worker_count(spec: TableSpec, units: int, wanted: int | None) -> int:
    if not sys.executable:  # an embedded interpreter: no Python to start workers with
        return 1
    if wanted is None:
        if stream_size(spec) < PARALLEL_BYTES:
            return 1
        wanted = cores()
    return max(1, min(wanted, units))


def _job(spec: TableSpec, index: int, unit: tuple[Segment, ...], scope: Scope, budget: Budget,
         folder: Path, known: KnownKeys) -> _Job:
    first = index == 0
    plain = dataclasses.replace(
        spec, resource=None, fields=[], header_errors=[], parts=unit, hash_algorithm=None,
        hash_expected=None, skip_bom=spec.skip_bom and first,
        header_records=spec.header_records if first else 0, first_row=spec.first_row if first else 1)
    # Each field with the missing values its cell reader uses (its own, else its schema's).
    fields = [{**f.to_descriptor(), "missingValues": missing_values(f)} for f in spec.fields]
    return _Job(index, plain, fields, scope.pick, scope.skip, budget, folder, known)


class _Digest(threading.Thread):
    """The declared hash of the stream, computed here while the workers check it (sha256 and md5
    cannot be split)."""

    def __init__(self, spec: TableSpec) -> None:
        super().__init__(daemon=True, name=f"datarelease-hash-{spec.name}")
        self.spec = spec
        self.hash: Any = hashlib.new(str(spec.hash_algorithm))
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.start()

    def run(self) -> None:
        try:
            with open_stream(self.spec) as stream:
                while not self.stop.is_set() and (block := stream.read(_HASH_BLOCK)):
                    self.hash.update(block)
        except BaseException as exc:  # raised in the caller's thread
            self.error = exc

    def hexdigest(self) -> str:
        if self.error is not None:
            raise self.error
        return str(self.hash.hexdigest())


def _run_workers(jobs: list[_Job], count: int, finished: Callable[[_Result], None]) -> list[_Result]:
    """Run the jobs on ``count`` worker processes (a fixed share each, the largest first), and
    return their results in job order; a worker's exception is raised here."""
    shares: list[list[_Job]] = [[] for _ in range(count)]
    loads = [0] * count
    for job in sorted(jobs, key=lambda j: -stream_size(j.spec)):
        least = loads.index(min(loads))
        shares[least].append(job)
        loads[least] += stream_size(job.spec)
    answers: queue.Queue[tuple[int, Any]] = queue.Queue()
    workers: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []
    results: dict[int, _Result] = {}
    try:
        for k, share in enumerate(shares):
            stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
            process = subprocess.Popen([sys.executable, "-c", _SERVE], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=stderr, env=_worker_env())
            workers.append((process, stderr))
            threading.Thread(target=_talk, args=(process, share, k, answers), daemon=True,
                             name=f"datarelease-part-{k}").start()
        ended = 0
        while ended < len(workers):
            _k, item = answers.get()
            if item is None:
                ended += 1
                continue
            kind, index, payload = item
            if kind == "error":
                raise payload
            results[index] = payload
            finished(payload)
        if len(results) < len(jobs):
            raise RuntimeError("a worker process checking parts stopped: " + _stopped(workers))
    finally:
        for process, kept in workers:
            if process.poll() is None:
                process.kill()
            process.wait()
            kept.close()
    return [results[k] for k in range(len(jobs))]


# A fresh interpreter (fork and exec): nothing of this process's threads is copied, and callers
# need no ``if __name__ == "__main__"`` guard (multiprocessing's spawn would import their script).
_SERVE = "from datarelease.validate.stream.parts import serve; serve()"


def _worker_env() -> dict[str, str]:
    """This process's environment, with the datarelease it runs first on the path."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _talk(process: subprocess.Popen[bytes], share: list[_Job], k: int,
          answers: queue.Queue[tuple[int, Any]]) -> None:
    """Hand a worker its share, then pass on its answers as they come (None: it is done)."""
    try:
        assert process.stdin is not None and process.stdout is not None
        with process.stdin:
            pickle.dump(share, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        while True:
            answers.put((k, pickle.load(process.stdout)))
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        pass  # the worker is done, or stopped (see _stopped)
    finally:
        if process.stdout is not None:
            process.stdout.close()
        answers.put((k, None))


def _stopped(workers: list[tuple[subprocess.Popen[bytes], IO[bytes]]]) -> str:
    said = []
    for process, output in workers:
        code = process.wait()
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").strip().splitlines()
        said.append(f"exit code {code}" + (f" ({lines[-1]})" if code and lines else ""))
    return ", ".join(said)


def _merge(scan: TableScan, units: list[tuple[Segment, ...]], results: list[_Result],
           digest: str | None) -> TableScan:
    """The scan of the whole table (made with the workers' ``known`` keys, read nothing yet)
    from the workers' results, in stream order."""
    spec = scan.spec
    stores = _stores(scan)
    row = spec.first_row
    at = 0  # offset in the stream of the run's first byte
    for unit, result in zip(units, results, strict=True):
        shift = 0 if result.index == 0 else row - 1
        for number, found in result.rows.items():
            scan.rows[number + shift] = found
        scan.dropped.update(result.dropped)
        scan.undecodable_cells += result.cells
        scan.undecodable_sequences += result.sequences
        for number, field_number, offset, sequences in result.undecodable:
            scan.keep_undecodable((number + shift, field_number, offset + at, sequences))
        if result.index == 0:
            scan.header_undecodable = result.header_undecodable
        for role, store in stores.items():
            stem, size = result.stores[role]
            store.adopt(stem, shift, size)
        for index, pending in scan.fk_pending.items():
            pending.adopt(result.pending[index], shift)
        for index, failing in result.failing.items():
            scan.fk_failing.setdefault(index, {}).update(
                {number + shift: shown for number, shown in failing.items()})
        scan.count += result.records
        scan.size += result.size
        if len(scan.rows) > scan.prune_at:
            scan.prune()
        row += result.records
        at += sum(part.end - part.start for part in unit)
    scan.digest = digest
    scan.resolve_table_keys()
    return scan


def _stores(scan: TableScan) -> dict[str, KeyStore]:
    """The key stores of a scan by role (the same for every scan of one spec)."""
    stores = {f"unique-{index}": store for index, store in scan.unique_stores.items()}
    if scan.pk_store is not None and not scan.pk_shares:
        stores["pk"] = scan.pk_store
    stores |= {f"fk-{index}": store for index, store in scan.fk_stores.items()}
    stores |= {"ref-" + "\x1f".join(key): store for key, store in scan.referenced.items()}
    return stores


# --------------------------------------------------------------------------- worker processes


def serve() -> None:
    """A worker process: read its share of jobs on stdin, answer each on stdout (pickled)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    jobs: list[_Job] = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed may come between the answers
    for job in jobs:
        try:
            answer: tuple[str, int, Any] = ("ok", job.index, _scan(job))
        except BaseException as exc:  # raised again in the parent
            answer = ("error", job.index, _picklable(exc))
        pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        if answer[0] == "error":
            return


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # anything that does not come back whole
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _scan(job: _Job) -> _Result:
    started = time.perf_counter()
    fields = [frictionless.Field.from_descriptor(descriptor) for descriptor in job.fields]
    spec = dataclasses.replace(job.spec, fields=fields)
    keys = KeySpace(job.folder, job.budget.key_memory)
    scan = TableScan(spec, Scope(job.pick, job.skip), keys, Progress(False), {}, job.budget, job.known)
    scan.run(resolve=False)
    stores = {}
    for role, store in _stores(scan).items():
        store.spill()
        stores[role] = (store.stem, store.size)
    pending = {index: kept.finish() for index, kept in scan.fk_pending.items()}
    return _Result(
        index=job.index, records=scan.count, size=scan.size, clean_end=scan.clean_end,
        rows=scan.rows, undecodable=scan.undecodable, header_undecodable=scan.header_undecodable,
        cells=scan.undecodable_cells, sequences=scan.undecodable_sequences, dropped=scan.dropped,
        stores=stores, pending=pending,
        failing=scan.fk_failing,
        pid=os.getpid(), seconds=time.perf_counter() - started)

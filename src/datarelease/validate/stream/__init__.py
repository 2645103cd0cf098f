"""The streaming validation engine: frictionless's findings at close to the speed of the disk.

:func:`validate_package_streaming` reports what ``frictionless validate`` reports for a Data
Package — the same error types, row numbers, fields, notes and messages, in the same order, and
the same resource summaries — but checks whole columns at a time on pyarrow batches instead of
cell by cell in Python, reads each table once, and holds a bounded amount of it in memory.
``datarelease validate`` and ``build`` use it; ``--engine frictionless`` runs the reference.

How it stays equal to frictionless
----------------------------------

* **Metadata is frictionless's.** Descriptors, dialects, encodings, headers, labels and (for a
  table without a schema) the inferred schema come from frictionless itself, which reads only a
  sample to work them out. Every descriptor-level finding is therefore frictionless's own.
* **Cells are judged by frictionless's own cell readers.** The vectorised checks only sort cells
  into *certainly fine* and *suspect*, and they are written so that they never call a bad cell
  fine: the ``uri`` format is exactly the anchored regex rfc3986 applies (a scheme), a pattern
  is run by RE2 only when RE2 cannot accept what Python's ``re`` would reject (``\\d``, ``\\w``
  and ``\\s`` as their ASCII subsets), an integer is accepted only in the plain form Python's
  ``int`` reads the same way, a length bound is read from byte lengths (a character is one to
  four bytes) and, where those cannot tell, from code points, an ISO 8601 date, datetime or
  time (or one in a ``strptime`` format of ``%Y %m %d %H %M %S``, rewritten to ISO 8601:
  :mod:`~datarelease.validate.stream.strptime`), a year, a number (with its
  ``decimalChar``/``groupChar``), a uuid or an email is passed only in a plain form the reader
  certainly accepts (29 February, leap seconds, exponents, upper-case emails and the like are
  suspects), and so on. Every suspect cell — and each distinct value of a type with no
  vectorised check (booleans, arrays, objects, durations, ...), or of a field with a constraint
  the column-wise checks do not cover (``enum`` of a date or number, for instance; bounds of
  dates, datetimes, times, years and numbers are compared column-wise:
  :mod:`~datarelease.validate.stream.bounds`) — goes through the field's frictionless cell
  reader, which writes the notes.
* **Rows are numbered as frictionless numbers them** (records, header = row 1, blank lines
  counted), and a row's errors are put together in the order frictionless's ``Row`` produces
  them (unique, primary-key and foreign-key fields read first, a blank row replacing the rest).
* **Multipart resources are read as frictionless reads them**: the parts as one stream, every
  part after the first without its first line (when the resource is CSV with a header). Parts
  that begin a new record are checked by worker processes, one per part up to one per core
  (:mod:`.parts`); their rows are renumbered by a prefix sum of records, their spilled keys
  adopted with the offset, so duplicates and foreign keys are found across parts as in one file.
* **Single-byte encodings are transcoded.** A table in Latin-1, Windows-1252 or another code
  page of one character per byte (declared, or detected by frictionless) is cut and hashed as
  its own bytes and parsed run by run as UTF-8 (:mod:`.transcode`); one holding a byte its
  encoding leaves undefined is handed to frictionless (the run starts again, once).
* **Anything else is handed to frictionless.** A resource that is not local, uncompressed CSV
  in UTF-8 or a single-byte encoding, or that needs a dialect option (``skipInitialSpace``, an
  escape character, comment rows, ...) or a key type the engine does not stream, is validated by
  frictionless itself, as is a table whose foreign key refers to one of those;
  :func:`plan_package` says which and why.

Reading
-------

Three threads run side by side. One reads the file in 8 MB blocks, hashes them (sha256 or md5,
only if the descriptor declares a hash) and cuts them at record boundaries found from the quote
positions; one parses each piece with pyarrow's CSV reader; the caller's checks it. The
vectorised column checks of a batch (and the key hashes that need no cell reader) run on a small
pool of check threads, one per core, side by side, and those of the next batch start while the
caller reads this one's suspect cells and stores its keys; frictionless's cell readers run in
the caller's thread only (a ``pattern`` check is time-limited only in the main thread, see
:mod:`datarelease.validate.patterns`). Each result belongs to one column of one batch, so the
findings and their order do not depend on the threads. ``datarelease validate`` starts hashing
the files (:mod:`datarelease.validate.prehash`) before it imports this engine: the reader takes
the hash over where that got to. Cutting by
quote parity is exact when every quote opens or closes a quoted field or is doubled inside one
(RFC 4180); the engine verifies that for every piece and reads the rest of a file that breaks it
with Python's ``csv`` module, which is what frictionless reads with. A record with too few or
too many cells, or an empty line where an empty cell is not a missing value, is read with
Python's ``csv`` module too, at its row.

Keys
----

``unique`` fields, primary keys and foreign keys are compared by 128-bit hashes of the cast
values (written column-wise for plain integers, years, dates, datetimes and numbers, see
:mod:`~datarelease.validate.stream.canon`; read cell by cell for other types; typed, so ``1``
the integer and ``"1"`` the string differ, as they do in Python, and a NaN equals nothing). The
hashes, with row numbers, are held in memory up to :data:`KEY_MEMORY_BYTES` for the whole run
and spilled beyond it to temporary files, one per hash partition; duplicates and missing
references are then found a partition at a time. Memory is therefore bounded by the batches in
flight plus that budget, whatever the number of rows. Two different keys share a hash with
probability below 10⁻²⁰ even at ten million keys: that is the one way the engine could differ
from frictionless (a hidden duplicate or a missed foreign-key error). A foreign key into a table
already read is checked as the rows go by (with pyarrow's ``is_in`` against the keys themselves
when they are few texts); any other once every table has been read, so each table is read once,
in an order where referred-to tables come first.

Where the engine differs from frictionless on purpose
----------------------------------------------------

* **Invalid UTF-8**: frictionless stops reading the table at the 8 kB text chunk holding the bad
  byte (or, if it is in its first 10 kB, at once) and reports one ``encoding-error`` without a
  row. The engine reports one ``encoding-error`` for each cell holding invalid UTF-8 (however
  many bad bytes it holds: a Latin-1 file declared UTF-8 gives one per accented cell, not one
  per accented letter) with its row, field and the byte offset of the first bad byte, reads the
  bytes with U+FFFD in their place, checks every row, and closes the table's findings with one
  ``encoding-error`` without a row that counts the cells and the invalid byte sequences. Where
  the file's quoting is irregular and Python's ``csv`` module reads it, the bad bytes cannot be
  placed in a cell: one finding at the row where they start, then the count.

* **A part of a multipart resource that cannot be opened** (missing, a folder): frictionless
  reports the errors of the rows it read before its reading reached that part (as far as its
  read-ahead got), then a ``scheme-error``; the engine reports that ``scheme-error`` (the same
  words) alone, before reading any part. In a multipart table, the note of an ``encoding-error``
  names the part and the byte in it.

Where frictionless is silent, and so is the engine (for parity; tested)
-----------------------------------------------------------------------

* ``foreignKeys`` declared on the resource instead of in its schema (a v1-era habit) are not
  checked at all; nor is a foreign key whose fields are not all in the file's header.
* frictionless 5.21 raises (``TypeError``) instead of reporting when a datetime bound meets an
  aware datetime, and on a ``list``-typed key; the engine, using its cell readers, raises too.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless

from datarelease.progress import Progress
from datarelease.validate.prehash import Prehash
from datarelease.validate.reference import (
    MEMORY,
    Outcome,
    check_references,
    descriptor_data_path,
    descriptor_file,
    exception_errors,
    load_descriptor,
    open_package,
    to_report,
)
from datarelease.validate.report import FINDINGS_PER_KIND, Finding, Report, limit_findings
from datarelease.validate.stream.common import (
    BLOCK_BYTES,
    KEY_MEMORY_BYTES,
    Budget,
    ErrorDict,
    Scope,
    progress_of,
)
from datarelease.validate.stream.parts import PartDone, PartHook
from datarelease.validate.stream.run import Run
from datarelease.validate.stream.spec import Delegate, TableSpec

__all__ = [
    "PartDone",
    "TablePlan",
    "plan_package",
    "plan_resource",
    "validate_package_streaming",
    "validate_resource_streaming",
]


# --------------------------------------------------------------------------- public entry points


@dataclass(frozen=True)
class TablePlan:
    """How :func:`validate_package_streaming` will check one resource."""

    name: str
    streamed: bool
    reason: str
    """Why the resource is handed to frictionless (empty when it is streamed)."""


def validate_package_streaming(
    path: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    progress: bool | Progress | None = None,
    key_memory: int = KEY_MEMORY_BYTES,
    block_bytes: int = BLOCK_BYTES,
    max_errors: int | None = None,
    allow_remote: bool = False,
    workers: int | None = None,
    on_part: PartHook | None = None,
    check_threads: int | None = None,
    prehash: Prehash | None = None,
) -> Report:
    """Validate a Data Package as :func:`datarelease.validate.validate_package` does with
    frictionless, with the same findings, streaming each CSV table once.

    ``progress``: a :class:`~datarelease.progress.Progress`, or whether to draw one on stderr
    (``None``: only when stderr is a terminal and ``CI`` is not set). ``key_memory``: bytes of key
    hashes held in memory before spilling. ``block_bytes``: bytes read and parsed at a time.
    ``max_errors``: keep at most this many findings (every one is counted); as for every report,
    only the first :data:`~datarelease.validate.report.FINDINGS_PER_KIND` of each resource, type
    and field are kept, so memory stays bounded however many there are.
    ``allow_remote``: fetch remote references (by default they are findings, and nothing is fetched).
    ``workers``: processes checking the parts of a multipart table (None: one per core when the
    table is large enough; 1: none, the parts are read here as one stream). ``on_part``:
    telemetry, called here with a :class:`PartDone` for each run of parts a worker checked.
    ``check_threads``: threads checking the columns of a batch side by side (None: one per
    core; 1: the caller's thread alone). ``prehash``: the files' hashes started ahead
    (:class:`~datarelease.validate.prehash.Prehash`; None: started here, once the descriptor is
    read). The findings are the same whatever these are.
    """
    scope = Scope(pick_errors, skip_errors)
    target = str(path)
    opened = open_package(path, allow_remote=allow_remote)
    if isinstance(opened, Report):
        return opened
    descriptor_path, loaded = opened
    if prehash is None:
        resources = loaded.get("resources")
        prehash = Prehash.of_resources(resources if isinstance(resources, list) else [],
                                       descriptor_path.parent)
    try:
        try:
            package = frictionless.Package.from_descriptor(
                copy.deepcopy(loaded), basepath=str(descriptor_path.parent)
            )
            package.to_descriptor(validate=True)
        except frictionless.FrictionlessException as exc:
            outcome = Outcome(errors=exception_errors(exc), tasks=())
            return to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))
        run = Run(scope, progress_of(progress), _budget(block_bytes, key_memory, max_errors, workers,
                                                                    check_threads),
                  on_part, prehash)
        tasks = run.validate(list(package.resources), in_package=True)
    finally:
        prehash.close()
    outcome = Outcome(errors=(), tasks=tuple(tasks))
    report = to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))
    return limit_findings(report, max_errors=max_errors)


def validate_resource_streaming(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    progress: bool | Progress | None = None,
    key_memory: int = KEY_MEMORY_BYTES,
    block_bytes: int = BLOCK_BYTES,
    max_errors: int | None = None,
    allow_remote: bool = False,
    workers: int | None = None,
    on_part: PartHook | None = None,
    check_threads: int | None = None,
    prehash: Prehash | None = None,
) -> Report:
    """:func:`datarelease.validate.validate_resource`, streamed; the arguments of
    :func:`validate_package_streaming`, the same report."""
    scope = Scope(pick_errors, skip_errors)
    path = descriptor_data_path(descriptor)
    name = descriptor.get("name")
    name = name if isinstance(name, str) else None
    target = path or name or MEMORY
    refused = check_references(descriptor, Path(basepath), allow_remote=allow_remote, package=False)
    if refused:
        return Report(target=target, findings=tuple(refused), resources=())
    if prehash is None:
        prehash = Prehash.of_resources([dict(descriptor)], Path(basepath))
    try:
        try:
            resource = frictionless.Resource.from_descriptor(
                copy.deepcopy(dict(descriptor)), basepath=str(basepath)
            )
        except frictionless.FrictionlessException as exc:
            outcome = Outcome(errors=exception_errors(exc), tasks=())
            return to_report(target, outcome, [descriptor], name, path)
        run = Run(scope, progress_of(progress), _budget(block_bytes, key_memory, max_errors, workers,
                                                                    check_threads),
                  on_part, prehash)
        tasks = run.validate([resource], in_package=False)
    finally:
        prehash.close()
    outcome = Outcome(errors=(), tasks=tuple(tasks))
    return limit_findings(to_report(target, outcome, [descriptor], name, path), max_errors=max_errors)


def _budget(block_bytes: int, key_memory: int, max_errors: int | None, workers: int | None,
            check_threads: int | None) -> Budget:
    per_kind = FINDINGS_PER_KIND if max_errors is None else max(0, min(FINDINGS_PER_KIND, max_errors))
    return Budget(block_bytes, key_memory, per_kind, workers, check_threads)


def plan_package(path: Path | str) -> list[TablePlan]:
    """Which resources of a package the engine streams, and why it hands the others to
    frictionless. Reads descriptors and samples only."""
    descriptor_path = descriptor_file(Path(path))
    loaded = load_descriptor(descriptor_path)
    if isinstance(loaded, Finding):
        return []
    try:
        package = frictionless.Package.from_descriptor(
            copy.deepcopy(loaded), basepath=str(descriptor_path.parent)
        )
    except frictionless.FrictionlessException:
        return []
    run = Run(Scope((), ()), Progress(False), Budget())
    plans = run.plan(list(package.resources), in_package=True)
    return [TablePlan(str(resource.name), *_describe(plan))
            for resource, plan in zip(package.resources, plans, strict=True)]


def plan_resource(descriptor: Mapping[str, Any], basepath: Path | str) -> TablePlan | None:
    """:func:`plan_package` for one resource descriptor (None if it cannot be loaded)."""
    try:
        resource = frictionless.Resource.from_descriptor(
            copy.deepcopy(dict(descriptor)), basepath=str(basepath)
        )
    except frictionless.FrictionlessException:
        return None
    run = Run(Scope((), ()), Progress(False), Budget())
    (plan,) = run.plan([resource], in_package=False)
    return TablePlan(str(resource.name), *_describe(plan))


def _describe(plan: TableSpec | Delegate | list[ErrorDict]) -> tuple[bool, str]:
    if isinstance(plan, TableSpec):
        return True, ""
    if isinstance(plan, Delegate):
        return False, plan.reason
    return False, "frictionless stops at its metadata (it reports the error)"

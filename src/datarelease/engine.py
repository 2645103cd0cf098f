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
  is run by RE2 only when RE2 cannot accept what Python's ``re`` would reject, an integer is
  accepted only in the plain form Python's ``int`` reads the same way, a length bound is read
  from byte lengths (a character is one to four bytes), and so on. Every suspect cell — and each
  distinct value of a type with no vectorised check (dates, booleans, ...) — goes through the
  field's frictionless cell reader, which writes the notes.
* **Rows are numbered as frictionless numbers them** (records, header = row 1, blank lines
  counted), and a row's errors are put together in the order frictionless's ``Row`` produces
  them (unique, primary-key and foreign-key fields read first, a blank row replacing the rest).
* **Anything else is handed to frictionless.** A resource that is not a local, uncompressed,
  UTF-8 CSV file, or that needs a dialect option (``skipInitialSpace``, an escape character,
  comment rows, ...) or a key type the engine does not stream, is validated by frictionless
  itself, as is a table whose foreign key refers to one of those; :func:`plan_package` says which
  and why.

Reading
-------

Three threads run side by side. One reads the file in 8 MB blocks, hashes them (sha256 or md5,
only if the descriptor declares a hash) and cuts them at record boundaries found from the quote
positions; one parses each piece with pyarrow's CSV reader; the caller's checks it. Cutting by
quote parity is exact when every quote opens or closes a quoted field or is doubled inside one
(RFC 4180); the engine verifies that for every piece and reads the rest of a file that breaks it
with Python's ``csv`` module, which is what frictionless reads with. A record with too few or
too many cells, or an empty line where an empty cell is not a missing value, is read with
Python's ``csv`` module too, at its row.

Keys
----

``unique`` fields, primary keys and foreign keys are compared by 128-bit hashes of the cast
values (typed, so ``1`` the integer and ``"1"`` the string differ, as they do in Python, and a
NaN equals nothing). The hashes, with row numbers, are held in memory up to
:data:`KEY_MEMORY_BYTES` for the whole run and spilled beyond it to temporary files, one per hash
partition; duplicates and missing references are then found a partition at a time. Memory is
therefore bounded by the batches in flight plus that budget, whatever the number of rows. Two
different keys share a hash with probability below 10⁻²⁰ even at ten million keys: that is the
one way the engine could differ from frictionless (a hidden duplicate or a missed foreign-key
error). A foreign key into a table already read is checked as the rows go by (with pyarrow's
``is_in`` against the keys themselves when they are few texts); any other once every table has
been read, so each table is read once, in an order where referred-to tables come first.

Where the engine differs from frictionless on purpose
----------------------------------------------------

* **Invalid UTF-8**: frictionless stops reading the table at the 8 kB text chunk holding the bad
  byte (or, if it is in its first 10 kB, at once) and reports one ``encoding-error`` without a
  row. The engine reports an ``encoding-error`` for each bad cell with its row, field and byte
  offset, reads the bytes with U+FFFD in their place, and checks every row.

Where frictionless is silent, and so is the engine (for parity; tested)
-----------------------------------------------------------------------

* ``foreignKeys`` declared on the resource instead of in its schema (a v1-era habit) are not
  checked at all; nor is a foreign key whose fields are not all in the file's header.
* frictionless 5.21 raises (``TypeError``) instead of reporting when a datetime bound meets an
  aware datetime, and on a ``list``-typed key; the engine, using its cell readers, raises too.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import csv
import hashlib
import io
import itertools
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NamedTuple

import frictionless
import frictionless.errors as ferrors
import frictionless.helpers as fhelpers
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from datarelease import validate as _v
from datarelease.validate import Report

__all__ = [
    "Progress",
    "TablePlan",
    "plan_package",
    "plan_resource",
    "validate_package_streaming",
    "validate_resource_streaming",
]

BLOCK_BYTES = 8 << 20
"""Bytes read (and parsed as one pyarrow batch) at a time."""
KEY_MEMORY_BYTES = 64 << 20
"""Key hashes kept in memory before they are spilled to disk, for the whole package."""
_PARTITION_BITS = 6
_MEMO_LIMIT = 200_000
_QUEUE_DEPTH = 3
_LF, _CR = 10, 13

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
ErrorDict = dict[str, Any]


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
    progress: bool | None = None,
    key_memory: int = KEY_MEMORY_BYTES,
) -> Report:
    """Validate a Data Package as :func:`datarelease.validate.validate_package` does with
    frictionless, with the same findings, streaming each CSV table once.

    ``progress``: draw a progress line on stderr (``None``: only when stderr is a terminal and
    ``CI`` is not set). ``key_memory``: bytes of key hashes held in memory before spilling.
    """
    scope = _Scope(pick_errors, skip_errors)
    target = str(path)
    descriptor_path = _v._descriptor_file(Path(path))
    loaded = _v._load_descriptor(descriptor_path)
    if isinstance(loaded, _v.Finding):
        return Report(target=target, findings=(loaded,), resources=())
    try:
        package = frictionless.Package.from_descriptor(
            copy.deepcopy(loaded), basepath=str(descriptor_path.parent)
        )
        package.to_descriptor(validate=True)
    except frictionless.FrictionlessException as exc:
        outcome = _v._Outcome(errors=_v._exception_errors(exc), tasks=())
        return _v._to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))
    run = _Run(scope, Progress.create(progress), key_memory)
    tasks = run.validate(list(package.resources), in_package=True)
    outcome = _v._Outcome(errors=(), tasks=tuple(tasks))
    return _v._to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))


def validate_resource_streaming(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    progress: bool | None = None,
    key_memory: int = KEY_MEMORY_BYTES,
) -> Report:
    """:func:`datarelease.validate.validate_resource`, streamed; same arguments and report."""
    scope = _Scope(pick_errors, skip_errors)
    path = _v._descriptor_data_path(descriptor)
    name = descriptor.get("name")
    name = name if isinstance(name, str) else None
    target = path or name or _v._MEMORY
    try:
        resource = frictionless.Resource.from_descriptor(
            copy.deepcopy(dict(descriptor)), basepath=str(basepath)
        )
    except frictionless.FrictionlessException as exc:
        outcome = _v._Outcome(errors=_v._exception_errors(exc), tasks=())
        return _v._to_report(target, outcome, [descriptor], name, path)
    run = _Run(scope, Progress.create(progress), key_memory)
    tasks = run.validate([resource], in_package=False)
    outcome = _v._Outcome(errors=(), tasks=tuple(tasks))
    return _v._to_report(target, outcome, [descriptor], name, path)


def plan_package(path: Path | str) -> list[TablePlan]:
    """Which resources of a package the engine streams, and why it hands the others to
    frictionless. Reads descriptors and samples only."""
    descriptor_path = _v._descriptor_file(Path(path))
    loaded = _v._load_descriptor(descriptor_path)
    if isinstance(loaded, _v.Finding):
        return []
    try:
        package = frictionless.Package.from_descriptor(
            copy.deepcopy(loaded), basepath=str(descriptor_path.parent)
        )
    except frictionless.FrictionlessException:
        return []
    run = _Run(_Scope((), ()), Progress.create(False), KEY_MEMORY_BYTES)
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
    run = _Run(_Scope((), ()), Progress.create(False), KEY_MEMORY_BYTES)
    (plan,) = run.plan([resource], in_package=False)
    return TablePlan(str(resource.name), *_describe(plan))


def _describe(plan: _TableSpec | _Delegate | list[ErrorDict]) -> tuple[bool, str]:
    if isinstance(plan, _TableSpec):
        return True, ""
    if isinstance(plan, _Delegate):
        return False, plan.reason
    return False, "frictionless stops at its metadata (it reports the error)"


# --------------------------------------------------------------------------- error scope


class _Scope:
    """frictionless's checklist: which error types are reported."""

    def __init__(self, pick_errors: Sequence[str], skip_errors: Sequence[str]) -> None:
        self.checklist = _v._checklist(pick_errors, skip_errors)
        self._scope = set(self.checklist.scope)
        self._data_types: dict[str, bool] = {}

    def wants(self, kind: str) -> bool:
        """Whether an error of this type is reported (errors that are not data errors always are)."""
        if kind in self._scope:
            return True
        data = self._data_types.get(kind)
        if data is None:
            cls = frictionless.system.select_error_class(kind)
            data = isinstance(cls, type) and issubclass(cls, ferrors.DataError)
            self._data_types[kind] = data
        return not data


def _error(cls: type[Any], **values: Any) -> ErrorDict:
    """An error descriptor as frictionless writes it (message rendered from its template)."""
    descriptor: ErrorDict = {"type": cls.type, **values}
    descriptor["message"] = fhelpers.safe_format(cls.template, descriptor)
    return descriptor


# --------------------------------------------------------------------------- planning


@dataclass
class _Delegate:
    reason: str


@dataclass
class _KeyRef:
    """A foreign key of a streamed table, as frictionless builds it."""

    index: int
    target: tuple[str, ...]
    source_name: str
    """The table referred to (this table for a self-reference)."""
    source_key: tuple[str, ...]
    label: str
    """The resource as the descriptor names it (``""`` for a self-reference), for the note."""


@dataclass
class _TableSpec:
    """Everything needed to stream one CSV resource."""

    resource: Any
    name: str
    path: Path
    skip_bom: bool
    delimiter: str
    quote: str
    header_records: int
    first_row: int
    fields: list[Any]
    header_errors: list[ErrorDict]
    hash_algorithm: str | None
    hash_expected: str | None
    declared_bytes: int | None
    declared_rows: int | None
    declared_fields: int | None
    schema_fields: int
    """Fields of the schema frictionless uses (declared, or inferred from a sample)."""
    unique: list[int]
    primary_key: list[int]
    foreign_keys: list[_KeyRef]
    referenced_keys: list[tuple[str, ...]] = field(default_factory=list)


_FAST_KEY_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year", "any"}
_CSV_FORMATS = {"csv", "tsv"}


_Plan = _TableSpec | _Delegate | list[ErrorDict]


class _Planner:
    def __init__(self, in_package: bool) -> None:
        self.in_package = in_package

    def plan(self, resource: Any, package_names: set[str]) -> _TableSpec | _Delegate | list[ErrorDict]:
        """A spec to stream, a reason to delegate, or the errors frictionless stops with."""
        if not isinstance(resource, frictionless.resources.TableResource):
            return _Delegate("not a table resource")
        if resource.data is not None or not isinstance(resource.path, str):
            return _Delegate("inline data")
        if resource.multipart or resource.remote or resource.compression:
            return _Delegate("remote, multipart or compressed data")
        if resource.format not in _CSV_FORMATS:
            return _Delegate(f"format {resource.format!r} is not CSV")
        try:
            resource.to_descriptor(validate=True)
        except frictionless.FrictionlessException as exc:
            return [error.to_descriptor() for error in exc.to_errors()]
        foreign_keys = list(resource.schema.foreign_keys) if resource.schema else []
        probe = self._probe(resource)
        if isinstance(probe, frictionless.FrictionlessException):
            declared = resource.get_defined("encoding")
            undecodable = probe.error.type == "encoding-error" and declared and codecs.lookup(
                declared).name in ("utf-8", "utf-8-sig")
            if not undecodable:
                return [error.to_descriptor() for error in probe.to_errors()]
            # The sample frictionless reads holds undecodable bytes: read it leniently, so that
            # the engine can point at the row and field of each one.
            probe = self._probe(resource, _LENIENT_UTF8)
            if isinstance(probe, frictionless.FrictionlessException):
                return [error.to_descriptor() for error in probe.to_errors()]
        try:
            return self._spec(resource, probe, foreign_keys, package_names)
        finally:
            probe.close()

    @staticmethod
    def _probe(resource: Any, encoding: str | None = None) -> Any:
        """The resource opened by frictionless without its foreign keys (which would make it
        read the tables they refer to): frictionless reads a sample only."""
        probe = resource.to_copy()
        if probe.schema:
            probe.schema.foreign_keys = []
        if encoding:
            probe.encoding = encoding
        try:
            probe.open()
        except frictionless.FrictionlessException as exc:
            with contextlib.suppress(Exception):
                probe.close()
            return exc
        return probe

    def _spec(self, resource: Any, probe: Any, foreign_keys: list[dict[str, Any]],
              package_names: set[str]) -> _TableSpec | _Delegate | list[ErrorDict]:
        encoding = codecs.lookup(probe.encoding or "utf-8").name
        if encoding == _LENIENT_UTF8:
            encoding = codecs.lookup(resource.get_defined("encoding")).name
        if encoding not in ("utf-8", "utf-8-sig"):
            return _Delegate(f"encoding {encoding}")
        dialect = probe.dialect
        control = dialect.get_control("csv") if dialect.has_control("csv") else None
        delimiter = control.delimiter if control else ","
        quote = control.quote_char if control else '"'
        if control and (control.escape_char or control.skip_initial_space):
            return _Delegate("escapeChar or skipInitialSpace")
        if not (len(delimiter) == 1 and len(quote) == 1 and delimiter.isascii() and quote.isascii()
                and delimiter not in "\r\n" and quote not in "\r\n" and delimiter != quote):
            return _Delegate("delimiter or quote character")
        if dialect.comment_char or dialect.comment_rows or dialect.skip_blank_rows:
            return _Delegate("commentChar, commentRows or skipBlankRows")
        if not dialect.header_case:
            return _Delegate("headerCase false")
        header_records = dialect.header_rows[-1] if dialect.header and dialect.header_rows else 0
        header = probe.header
        try:
            fields = list(header.get_expected_fields())
        except frictionless.FrictionlessException as exc:
            return [error.to_descriptor() for error in exc.to_errors()]
        names = [f.name for f in fields]
        header_errors: list[ErrorDict] = []
        if not (probe.labels or probe.fragment):
            header_errors.append(ferrors.SourceError(note="the source is empty").to_descriptor())
        header_errors += [error.to_descriptor() for error in header.errors]
        # Foreign keys as frictionless's lookup would meet them (in schema order).
        refs: list[_KeyRef] = []
        for number, fk in enumerate(foreign_keys):
            source_name = fk["reference"]["resource"]
            if source_name and source_name != resource.name:
                if not self.in_package:
                    note = 'package is required for foreign keys to other resources: "{fk}"'
                    return [ferrors.ResourceError(note=note).to_descriptor()]
                if source_name not in package_names:
                    note = (f'failed to handle a foreign key for resource "{resource.name}" as resource '
                            f'"{source_name}" does not exist')
                    return [ferrors.ResourceError(note=note).to_descriptor()]
            target = tuple(fk["fields"])
            if set(target).issubset(names):
                refs.append(_KeyRef(number, target, source_name or str(resource.name),
                                    tuple(fk["reference"]["fields"]), str(source_name)))
        schema = probe.schema
        primary = list(schema.primary_key) if schema else []
        pk = [names.index(name) for name in primary] if primary and set(primary) <= set(names) else []
        unique = [i for i, f in enumerate(fields) if f.constraints.get("unique")]
        key_fields = {fields[i].type for i in [*pk, *unique]}
        key_fields |= {fields[names.index(n)].type for ref in refs for n in ref.target}
        odd = sorted(key_fields - _FAST_KEY_TYPES)
        if odd:
            return _Delegate(f"key field of type {', '.join(odd)}")
        for f in fields:
            if f.type == "string" and f.constraints.get("pattern") is not None:
                try:
                    re.compile(f"^{f.constraints['pattern']}$")
                except re.error:
                    return _Delegate("a pattern Python cannot compile")
        algorithm = expected = None
        if resource.hash:
            algorithm, expected = fhelpers.parse_resource_hash_v1(resource.hash)
            if algorithm not in ("md5", "sha256"):
                algorithm = expected = None
        path = Path(resource.normpath)
        return _TableSpec(
            resource=resource, name=str(resource.name), path=path,
            skip_bom=encoding == "utf-8-sig", delimiter=delimiter, quote=quote,
            header_records=header_records, first_row=header_records + 1 if dialect.header else 1,
            fields=fields, header_errors=header_errors,
            hash_algorithm=algorithm, hash_expected=expected,
            declared_bytes=resource.bytes or None, declared_rows=resource.rows or None,
            declared_fields=resource.fields or None,
            schema_fields=len(schema.fields) if schema else 0,
            unique=unique, primary_key=pk, foreign_keys=refs,
        )


# --------------------------------------------------------------------------- the run


class _Run:
    """One validation: plans every resource, streams the tables, resolves keys, reports."""

    def __init__(self, scope: _Scope, progress: Progress, key_memory: int) -> None:
        self.scope = scope
        self.progress = progress
        self.key_memory = key_memory

    def plan(self, resources: list[Any], *, in_package: bool) -> list[_Plan]:
        planner = _Planner(in_package)
        names = {str(r.name) for r in resources}
        plans = [planner.plan(resource, names) for resource in resources]
        by_name: dict[str, _Plan] = {str(r.name): p for r, p in zip(resources, plans, strict=True)}
        # A foreign key is streamed only if the table it refers to is streamed too.
        changed = True
        while changed:
            changed = False
            for i, p in enumerate(plans):
                if not isinstance(p, _TableSpec):
                    continue
                for ref in p.foreign_keys:
                    source = by_name.get(ref.source_name, p) if ref.source_name != p.name else p
                    if not isinstance(source, _TableSpec):
                        plans[i] = by_name[p.name] = _Delegate(
                            f"refers to {ref.source_name!r}, which is not streamed")
                        changed = True
                        break
        for p in plans:
            if isinstance(p, _TableSpec):
                for ref in p.foreign_keys:
                    source = p if ref.source_name == p.name else by_name[ref.source_name]
                    assert isinstance(source, _TableSpec)
                    if ref.source_key not in source.referenced_keys:
                        source.referenced_keys.append(ref.source_key)
        return plans

    def validate(self, resources: list[Any], *, in_package: bool) -> list[_v._Task]:
        plans = self.plan(resources, in_package=in_package)
        with tempfile.TemporaryDirectory(prefix="datarelease-keys-") as tmp:
            keys = _KeySpace(Path(tmp), self.key_memory)
            scans: dict[str, _TableScan] = {}
            for spec in _dependency_order([p for p in plans if isinstance(p, _TableSpec)]):
                scans[spec.name] = _TableScan(spec, self.scope, keys, self.progress, scans).run()
            for scan in scans.values():
                scan.resolve_foreign_keys(scans)
            tasks = []
            for resource, plan in zip(resources, plans, strict=True):
                if isinstance(plan, _TableSpec):
                    tasks.append(scans[plan.name].task())
                elif isinstance(plan, _Delegate):
                    report = resource.validate(self.scope.checklist, limit_errors=_v._NO_LIMIT)
                    tasks.extend(_v._task(task) for task in report.tasks)
                else:
                    tasks.append(_v._Task(name=str(resource.name), place=_place(resource), rows=None,
                                          valid=not plan, errors=tuple(plan)))
            keys.close()
        return tasks


def _put(target: queue.Queue[Any], item: Any, stop: threading.Event) -> None:
    """Put unless told to stop (a consumer that gave up must not leave producers blocked)."""
    while not stop.is_set():
        try:
            target.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _dependency_order(specs: list[_TableSpec]) -> list[_TableSpec]:
    """Tables in descriptor order, except that a table is read after the tables its foreign
    keys refer to when that is possible (a cycle is read in descriptor order)."""
    by_name = {spec.name: spec for spec in specs}
    done: set[str] = set()
    order: list[_TableSpec] = []

    def visit(spec: _TableSpec, path: set[str]) -> None:
        if spec.name in done or spec.name in path:
            return
        path.add(spec.name)
        for ref in spec.foreign_keys:
            source = by_name.get(ref.source_name)
            if source is not None and source is not spec:
                visit(source, path)
        path.discard(spec.name)
        if spec.name not in done:
            done.add(spec.name)
            order.append(spec)

    for spec in specs:
        visit(spec, set())
    return order


def _place(resource: Any) -> str | None:
    path = resource.path
    return path if isinstance(path, str) else None


# --------------------------------------------------------------------------- hashing of keys

_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_SEED1 = np.uint64(0x9E3779B97F4A7C15)
_SEED2 = np.uint64(0xD6E8FEB86659FD93)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_NULL1 = np.uint64(0x2545F4914F6CDD1D)
_NULL2 = np.uint64(0x5851F42D4C957F2D)
_LONG = 256  # values longer than this are hashed with blake2b, one by one


def _fmix(x: U64) -> U64:
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(33))
        x = x * _M1
        x = x ^ (x >> np.uint64(33))
        x = x * _M2
        return x ^ (x >> np.uint64(33))


_NAN = 9  # the domain of NaN, which in Python equals nothing, not even another NaN
_NAN_SERIAL = itertools.count(1)


def _hash_texts(values: pa.Array, domain: npt.NDArray[np.uint8]) -> tuple[U64, U64]:
    """Two independent 64-bit hashes of each string's UTF-8 bytes, mixed with its domain (the
    kind of value it stands for). Nulls get arbitrary hashes; the caller masks them."""
    return _hash_bytes(values, domain)


def _apart(h1: U64, h2: U64, rows: I64) -> None:
    """Give these rows hashes no other row has."""
    if rows.size:
        serial = np.array([next(_NAN_SERIAL) for _ in range(rows.size)], dtype=np.uint64)
        with np.errstate(over="ignore"):
            h1[rows] = _fmix(serial ^ _SEED2)
            h2[rows] = _fmix(serial * _M1)


def _hash_bytes(values: pa.Array, domain: npt.NDArray[np.uint8]) -> tuple[U64, U64]:
    values = values.cast(pa.large_string()) if values.type != pa.large_string() else values
    n = len(values)
    if n == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint64)
    buffers = values.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[values.offset:values.offset + n + 1]
    data = (np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None
            else np.zeros(0, np.uint8))
    starts = offsets[:-1]
    lengths = offsets[1:] - starts
    if values.null_count:
        lengths = np.where(np.asarray(values.is_null()), 0, lengths)
    long_rows = np.flatnonzero(lengths > _LONG)
    if long_rows.size:
        lengths = np.where(lengths > _LONG, 0, lengths)
    width = int(lengths.max(initial=0) + 7) // 8
    padded = np.concatenate([data[: int(offsets[-1])], np.zeros(8 * width + 8, np.uint8)])
    windows = np.lib.stride_tricks.as_strided(padded, shape=(max(len(padded) - 7, 1), 8), strides=(1, 1))
    lu = lengths.astype(np.uint64)
    dom = domain.astype(np.uint64)
    with np.errstate(over="ignore"):
        h1 = (_SEED1 ^ lu) + dom * _M2
        h2 = (_SEED2 ^ (lu * _M1)) + dom
        for k in range(width):
            word = np.ascontiguousarray(windows[starts + 8 * k]).view(np.uint64).ravel()
            remaining = np.clip(lengths - 8 * k, 0, 8)
            shift = (np.minimum(remaining, 7) * 8).astype(np.uint64)
            mask = np.where(remaining >= 8, _ALL, (np.uint64(1) << shift) - np.uint64(1))
            word = word & mask
            active = remaining > 0  # a value's hash must not depend on its neighbours' lengths
            h1 = np.where(active, _fmix(h1 ^ word), h1)
            h2 = np.where(active, _fmix((h2 + word) * _M2), h2)
        h1 = _fmix(h1)
        h2 = _fmix(h2 ^ h1)
    for row in long_rows.tolist():
        text = values[row].as_py()
        digest = hashlib.blake2b(f"{int(domain[row])}:{text}".encode(), digest_size=16).digest()
        h1[row] = np.frombuffer(digest[:8], dtype=np.uint64)[0]
        h2[row] = np.frombuffer(digest[8:], dtype=np.uint64)[0]
    return h1, h2


class _Hashed(NamedTuple):
    """Hashes of the cast values of a column (or of a tuple of columns) of a batch."""

    h1: U64
    h2: U64
    null: Mask
    """Where the value is None (for a tuple: where every cell is None)."""
    nan: Mask
    """Where the value is (or holds) a NaN, which equals nothing in Python."""

    def keys(self) -> tuple[U64, U64]:
        """The hashes to store or look up: a NaN gets hashes no other value has, each time."""
        if not self.nan.any():
            return self.h1, self.h2
        h1, h2 = self.h1.copy(), self.h2.copy()
        _apart(h1, h2, np.flatnonzero(self.nan))
        return h1, h2


def _combine(parts: list[_Hashed]) -> _Hashed:
    """The hash of a tuple of cells from the hashes of its cells (a None cell has a fixed hash)."""
    first = parts[0]
    h1 = np.where(first.null, _NULL1, first.h1)
    h2 = np.where(first.null, _NULL2, first.h2)
    all_null = first.null.copy()
    nan = first.nan.copy()
    with np.errstate(over="ignore"):
        for part in parts[1:]:
            h1 = _fmix(h1 * _M1 + np.where(part.null, _NULL1, part.h1))
            h2 = _fmix((h2 ^ np.where(part.null, _NULL2, part.h2)) * _M2)
            all_null &= part.null
            nan |= part.nan
    return _Hashed(h1, h2, all_null, nan)


# --------------------------------------------------------------------------- key stores

_KEY_DTYPE = np.dtype([("h1", "<u8"), ("h2", "<u8"), ("row", "<i8")])
_SMALL_KEYS = 1 << 16


class _KeySpace:
    """Temporary storage for every key store of a run, with one memory budget."""

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget
        self.stores: list[_KeyStore | _Pending] = []
        self.count = 0

    def store(self, label: str) -> _KeyStore:
        self.count += 1
        store = _KeyStore(self, self.folder / f"k{self.count}")
        self.stores.append(store)
        return store

    def pending(self) -> _Pending:
        self.count += 1
        pending = _Pending(self, self.folder / f"p{self.count}.arrow")
        self.stores.append(pending)
        return pending

    def in_memory(self) -> int:
        return sum(store.memory for store in self.stores)

    def note_growth(self) -> None:
        if self.in_memory() > self.budget:
            for store in sorted(self.stores, key=lambda s: s.memory, reverse=True):
                store.spill()
                if self.in_memory() <= self.budget // 2:
                    break

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class _KeyStore:
    """(hash, hash, row) records, in memory or spilled to one file per hash partition."""

    def __init__(self, space: _KeySpace, stem: Path) -> None:
        self.space = space
        self.stem = stem
        self.chunks: list[tuple[U64, U64, I64]] = []
        self.memory = 0
        self.spilled = False
        self.size = 0
        self._lookup: tuple[U64, U64] | None = None
        # The keys themselves, while they are few and texts (one text field): a foreign key into
        # them is then checked with pyarrow's is_in, without hashing the referring column.
        self.texts: list[pa.Array] | None = []
        self._text_set: pa.Array | None = None

    def add(self, h1: U64, h2: U64, rows: I64, texts: pa.Array | None = None) -> None:
        if self.texts is not None:
            if texts is None or self.size + len(rows) > _SMALL_KEYS:
                self.texts = None
            elif len(texts):
                self.texts.append(texts)
                self._text_set = None
        if not len(rows):
            return
        self.chunks.append((h1, h2, rows))
        self.memory += 24 * len(rows)
        self.size += len(rows)
        self._lookup = None
        self.space.note_growth()

    def spill(self) -> None:
        """Append the records in memory to the partition files, a chunk at a time (so that
        spilling needs no more memory than one chunk)."""
        if not self.chunks:
            return
        self.stem.parent.mkdir(parents=True, exist_ok=True)
        handles: dict[int, IO[bytes]] = {}
        try:
            for h1, h2, rows in self.chunks:
                records = np.empty(len(rows), dtype=_KEY_DTYPE)
                records["h1"], records["h2"], records["row"] = h1, h2, rows
                part = (h1 >> np.uint64(64 - _PARTITION_BITS)).astype(np.intp)
                order = np.argsort(part, kind="stable")
                records, part = records[order], part[order]
                bounds = np.searchsorted(part, np.arange((1 << _PARTITION_BITS) + 1))
                for p in np.flatnonzero(np.diff(bounds)).tolist():
                    if p not in handles:
                        handles[p] = open(f"{self.stem}.{p}", "ab")  # noqa: SIM115 - closed below
                    records[int(bounds[p]):int(bounds[p + 1])].tofile(handles[p])
        finally:
            for handle in handles.values():
                handle.close()
        self.chunks = []
        self.memory = 0
        self.spilled = True

    def partitions(self, split: bool) -> Iterator[tuple[U64, U64, I64]]:
        """Every record, a partition at a time (all at once unless ``split``), rows ascending."""
        if not split:
            if len(self.chunks) > 1:
                merged = tuple(np.concatenate([c[k] for c in self.chunks]) for k in range(3))
                self.chunks = [merged]  # type: ignore[list-item]
            if self.chunks:
                yield self.chunks[0]
            else:
                yield np.empty(0, np.uint64), np.empty(0, np.uint64), np.empty(0, np.int64)
            return
        self.spill()
        for p in range(1 << _PARTITION_BITS):
            name = Path(f"{self.stem}.{p}")
            records = np.fromfile(name, dtype=_KEY_DTYPE) if name.exists() else np.empty(0, _KEY_DTYPE)
            yield records["h1"], records["h2"], records["row"]

    def duplicates(self) -> Iterator[tuple[int, int]]:
        """(row, the row before it with the same key) for every repeated key."""
        for h1, h2, rows in self.partitions(self.spilled):
            if len(rows) < 2:
                continue
            ordered = np.sort(h1)
            repeated = ordered[1:][ordered[1:] == ordered[:-1]]
            if not repeated.size:
                continue
            candidates = np.flatnonzero(np.isin(h1, repeated))
            last: dict[tuple[int, int], int] = {}
            for i in candidates[np.argsort(rows[candidates], kind="stable")].tolist():
                key = (int(h1[i]), int(h2[i]))
                row = int(rows[i])
                if key in last:
                    yield row, last[key]
                last[key] = row

    def text_set(self) -> pa.Array | None:
        """The keys as texts, if kept (see ``texts``)."""
        if self.texts is None:
            return None
        if self._text_set is None:
            self._text_set = (pa.concat_arrays(self.texts) if self.texts
                              else pa.array([], pa.string()))
        return self._text_set

    def lookup(self) -> tuple[U64, U64]:
        """The stored keys sorted by h1 (for membership tests), computed once."""
        if self._lookup is None:
            (h1, h2, _rows), = self.partitions(False)
            order = np.argsort(h1)
            self._lookup = (h1[order], h2[order])
        return self._lookup


class _Pending:
    """Foreign-key cells kept until the table they refer to has been read (row numbers and the
    cells as read), in memory or spilled to an Arrow IPC stream."""

    def __init__(self, space: _KeySpace, path: Path) -> None:
        self.space = space
        self.path = path
        self.tables: list[pa.Table] = []
        self.memory = 0
        self.writer: Any = None
        self.sink: Any = None

    def add(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        if self.writer is not None:
            self.writer.write_table(table)
            return
        self.tables.append(table)
        self.memory += table.nbytes
        self.space.note_growth()

    def spill(self) -> None:
        if not self.tables:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.sink = pa.OSFile(str(self.path), "wb")
            self.writer = pa.ipc.new_stream(self.sink, self.tables[0].schema)
        for table in self.tables:
            self.writer.write_table(table)
        self.tables = []
        self.memory = 0

    def read(self) -> Iterator[pa.Table]:
        yield from self.tables
        if self.writer is not None:
            self.writer.close()
            self.sink.close()
            self.writer = None
            with pa.memory_map(str(self.path)) as source:
                reader = pa.ipc.open_stream(source)
                for batch in reader:
                    yield pa.Table.from_batches([batch])


def _contains(known: tuple[U64, U64], h1: U64, h2: U64) -> Mask:
    """Which (h1, h2) are among the known keys (sorted by h1)."""
    k1, k2 = known
    if not len(k1):
        return np.zeros(len(h1), dtype=bool)
    lo = np.searchsorted(k1, h1, side="left")
    hi = np.searchsorted(k1, h1, side="right")
    hit = hi > lo
    found: Mask = hit & (k2[np.minimum(lo, len(k1) - 1)] == h2)
    for i in np.flatnonzero(hit & ~found & (hi - lo > 1)).tolist():
        found[i] = bool(np.any(k2[lo[i]:hi[i]] == h2[i]))
    return found


def _missing_rows(referencing: _KeyStore, referenced: _KeyStore) -> Iterator[int]:
    """Rows of ``referencing`` whose key is not in ``referenced``."""
    split = referencing.spilled or referenced.spilled
    known_parts: Iterator[tuple[U64, U64]]
    if split:
        known_parts = ((k1[o], k2[o]) for k1, k2, _r in referenced.partitions(True)
                       for o in [np.argsort(k1)])
    else:
        known_parts = iter([referenced.lookup()])
    for (p1, p2, rows), (k1, k2) in zip(referencing.partitions(split), known_parts, strict=True):
        if not len(rows):
            continue
        if not len(k1):
            yield from rows.tolist()
            continue
        lo = np.searchsorted(k1, p1, side="left")
        hi = np.searchsorted(k1, p1, side="right")
        hit = hi > lo
        found = hit & (k2[np.minimum(lo, len(k1) - 1)] == p2)
        # several known keys share this h1 (repeated keys, or a collision): look through them
        for i in np.flatnonzero(hit & ~found & (hi - lo > 1)).tolist():
            found[i] = bool(np.any(k2[lo[i]:hi[i]] == p2[i]))
        yield from np.sort(rows[~found]).tolist()


# --------------------------------------------------------------------------- reading CSV bytes


class _Chunk:
    """A run of whole records: their bytes and where they start in the file. A chunk with
    ``python_from`` set instead says: from this file offset on (after skipping ``skip``
    records), read the file with Python's csv module, because quote parity cannot be trusted."""

    __slots__ = ("data", "irregular", "offset", "python_from", "skip")

    def __init__(self, data: Any, offset: int, irregular: bool = False,
                 python_from: int | None = None, skip: int = 0) -> None:
        self.data = data
        self.offset = offset
        self.irregular = irregular
        self.python_from = python_from
        self.skip = skip


class _Reader(threading.Thread):
    """Reads a file in blocks, hashes and counts its bytes, and cuts it into runs of whole
    records after the header, handing them over through a bounded queue."""

    def __init__(self, spec: _TableSpec) -> None:
        super().__init__(daemon=True, name=f"datarelease-read-{spec.name}")
        self.spec = spec
        self.queue: queue.Queue[_Chunk | BaseException | None] = queue.Queue(maxsize=_QUEUE_DEPTH)
        self.size = 0
        self.digest: Any = hashlib.new(spec.hash_algorithm) if spec.hash_algorithm else None
        self.stop = threading.Event()
        self.quote = ord(spec.quote)
        self.delimiter = ord(spec.delimiter)
        self.header_errors: list[tuple[int, int | None, int]] = []

    def run(self) -> None:
        try:
            self._read()
        except BaseException as exc:
            self._put(exc)
        else:
            self._put(None)

    def _put(self, item: _Chunk | BaseException | None) -> None:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _read(self) -> None:
        carry = b""
        base = 0  # file offset of the first byte of the data in hand
        header_left = self.spec.header_records
        first = True
        with open(self.spec.path, "rb") as handle:
            while not self.stop.is_set():
                buffer = bytearray(len(carry) + BLOCK_BYTES)
                buffer[: len(carry)] = carry
                got = handle.readinto(memoryview(buffer)[len(carry):])
                if got:
                    self.size += got
                    if self.digest is not None:
                        self.digest.update(memoryview(buffer)[len(carry):len(carry) + got])
                del buffer[len(carry) + got:]
                data: bytes | bytearray = buffer
                carry = b""
                at_end = not got
                if first:
                    first = False
                    if self.spec.skip_bom and data.startswith(codecs.BOM_UTF8):
                        data, base = data[3:], 3
                if header_left:
                    offset, taken = _skip_records(data, header_left, self.quote, at_end)
                    head = bytes(data[:offset])
                    if not _regular(head, _quotes(head, self.quote), self.quote, self.delimiter):
                        self._python(handle, 3 if self.spec.skip_bom and base >= 3 else 0,
                                     self.spec.header_records)
                        return
                    row = self.spec.header_records - header_left + 1
                    bad, _text = _undecodable(head, self.quote, self.delimiter, row, base)
                    self.header_errors += bad
                    header_left -= taken
                    data, base = data[offset:], base + offset
                    if header_left and not at_end:
                        carry = bytes(data)
                        continue
                quotes = _quotes(data, self.quote)
                if at_end:
                    if data:
                        regular = _regular(data, quotes, self.quote, self.delimiter)
                        self._put(_Chunk(memoryview(data), base, not regular))
                    return
                cut = _last_boundary(data, quotes)
                if cut is None:
                    carry = bytes(data)
                    continue
                inside = quotes[: int(np.searchsorted(quotes, cut))]
                if not _regular(memoryview(data)[:cut], inside, self.quote, self.delimiter):
                    self._python(handle, base, 0)
                    return
                self._put(_Chunk(memoryview(data)[:cut], base))
                carry, base = bytes(memoryview(data)[cut:]), base + cut

    def _python(self, handle: IO[bytes], start: int, skip: int) -> None:
        """Hand the rest of the file to Python's csv module; only hash and count from here."""
        self._put(_Chunk(b"", start, python_from=start, skip=skip))
        while not self.stop.is_set():
            block = handle.read(BLOCK_BYTES)
            if not block:
                return
            self.size += len(block)
            if self.digest is not None:
                self.digest.update(block)


def _quotes(data: Any, quote: int) -> I64:
    return np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == quote)


def _last_boundary(data: bytes | bytearray, quotes: I64) -> int | None:
    """The offset just after the last line end that quote parity puts outside quotes (never
    between a CR and the LF that may follow it), or None."""
    end = len(data)
    while True:
        lf = data.rfind(b"\n", 0, end)
        cr = data.rfind(b"\r", 0, end)
        pos = max(lf, cr)
        if pos < 0:
            return None
        if pos == len(data) - 1 and data[pos] == _CR:
            end = pos  # a CR at the very end may be the first half of a CR LF
            continue
        before = int(np.searchsorted(quotes, pos))
        if before % 2 == 0:
            return pos + 1
        end = int(quotes[before - 1])


def _regular(data: Any, quotes: I64, quote: int, delimiter: int) -> bool:
    """Whether every quote opens a field, closes it, or is a doubled quote inside it: then quote
    parity tells exactly where Python's csv module is inside a quoted field."""
    if not quotes.size:
        return True
    if quotes.size % 2:
        return False  # an unterminated quote (at the very end): let Python's csv module read it
    arr = np.frombuffer(data, dtype=np.uint8)
    opens = quotes[0::2]
    closes = quotes[1::2]
    before = arr[np.maximum(opens - 1, 0)]
    ok_open = (opens == 0) | (before == delimiter) | (before == _LF) | (before == _CR)
    escaped = np.zeros(len(opens), dtype=bool)
    escaped[1:] = opens[1:] == closes[: len(opens) - 1] + 1
    if not bool(np.all(ok_open | escaped)):
        return False
    after = arr[np.minimum(closes + 1, len(arr) - 1)]
    ok_close = ((closes == len(arr) - 1) | (after == delimiter) | (after == _LF) | (after == _CR)
                | (after == quote))
    return bool(np.all(ok_close))


def _record_ends(data: Any, quote: int) -> tuple[I64, I64]:
    """(start, end) of every record of a regular run; ``end`` excludes the line end."""
    arr = np.frombuffer(data, dtype=np.uint8)
    size = len(arr)
    quotes = np.flatnonzero(arr == quote)
    breaks = np.flatnonzero((arr == _LF) | (arr == _CR) if b"\r" in data else arr == _LF)
    breaks = breaks[(np.searchsorted(quotes, breaks) % 2) == 0]
    # In CR LF, the LF ends nothing: the record ended at the CR.
    lf_after_cr = np.zeros(len(breaks), dtype=bool)
    if len(breaks) > 1:
        lf_after_cr[1:] = ((breaks[1:] == breaks[:-1] + 1) & (arr[breaks[1:]] == _LF)
                           & (arr[breaks[:-1]] == _CR))
    ends = breaks[~lf_after_cr].astype(np.int64)
    following = np.minimum(ends + 1, max(size - 1, 0))
    crlf = (arr[ends] == _CR) & (ends + 1 < size) & (arr[following] == _LF)
    starts = np.concatenate([np.zeros(1, np.int64), ends + 1 + crlf.astype(np.int64)])
    if size == 0 or starts[-1] >= size:
        starts = starts[:-1]
    all_ends = np.concatenate([ends, np.array([size], np.int64)])[: len(starts)]
    return starts, all_ends


def _undecodable(data: bytes, quote: int, delimiter: int, first_row: int, offset: int
                 ) -> tuple[list[tuple[int, int | None, int]], str]:
    """(row, field number, file offset) of every undecodable byte of a regular run of records,
    and the run's text with U+FFFD in their place."""
    _RECORDED.clear()
    text = data.decode("utf-8", errors=_DECODE_ERRORS)
    bad = list(_RECORDED)
    _RECORDED.clear()
    if not bad:
        return [], text
    starts, _ends = _record_ends(data, quote)
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == quote)
    errors: list[tuple[int, int | None, int]] = []
    for at in bad:
        record = max(int(np.searchsorted(starts, at, side="right")) - 1, 0)
        begin = int(starts[record]) if len(starts) else 0
        delims = np.flatnonzero(arr[begin:at] == delimiter) + begin
        delims = delims[(np.searchsorted(quotes, delims) % 2) == 0]
        errors.append((first_row + record, len(delims) + 1, offset + at))
    return errors, text


def _skip_records(data: Any, count: int, quote: int, at_end: bool) -> tuple[int, int]:
    """(bytes taken by up to ``count`` complete records at the start of ``data``, how many)."""
    starts, _ends = _record_ends(data, quote)
    complete = len(starts) if at_end else len(starts) - 1
    take = max(0, min(count, complete))
    offset = int(starts[take]) if take < len(starts) else len(data)
    return offset, take


# --------------------------------------------------------------------------- parsing runs


@dataclass
class _Batch:
    """The records of one run: the well-formed ones as a table of strings, the others apart."""

    table: pa.Table
    rows: I64
    """Row number of each table row."""
    odd: list[tuple[int, list[str]]]
    """(row number, cells) of records with a cell count other than the header's."""
    count: int
    """Records in the run."""
    encoding_errors: list[tuple[int, int | None, int]]
    """(row number, field number, byte offset in the file) of undecodable bytes."""


class _Parser:
    """Turns runs of records into batches: pyarrow's CSV reader (one thread: the engine runs
    reading, parsing and checking side by side), Python's csv module where pyarrow cannot
    tell."""

    def __init__(self, spec: _TableSpec) -> None:
        self.spec = spec
        self.width = len(spec.fields)
        self.names = [f"c{i}" for i in range(self.width)]
        self.quote = ord(spec.quote)
        self.delimiter = ord(spec.delimiter)
        self.convert_options = pcsv.ConvertOptions(
            column_types={name: pa.string() for name in self.names},
            strings_can_be_null=False, quoted_strings_can_be_null=False,
        )
        self.python_dialect = _python_dialect(spec.delimiter, spec.quote)
        self.empty_is_missing = all("" in _missing_values(f) for f in spec.fields)

    def _read_options(self, size: int) -> pcsv.ReadOptions:
        # 1 MB blocks parse faster than one big block (they stay in cache); the columns come in
        # several chunks, which the checks take as they are.
        return pcsv.ReadOptions(column_names=self.names, use_threads=False, block_size=1 << 20)

    def parse(self, chunk: _Chunk, first_row: int) -> _Batch:
        offset = chunk.offset
        if self.width == 0 or chunk.irregular:
            return self._python(bytes(chunk.data), first_row, offset)
        invalid: list[str] = []

        def on_invalid(row: Any) -> str:
            invalid.append(row.text)
            return "skip"

        parse_options = pcsv.ParseOptions(
            delimiter=self.spec.delimiter, quote_char=self.spec.quote, double_quote=True,
            escape_char=False, newlines_in_values=True, ignore_empty_lines=False,
            invalid_row_handler=on_invalid,
        )
        encoding_errors: list[tuple[int, int | None, int]] = []
        data = chunk.data
        read_options = self._read_options(len(data))
        try:
            table = pcsv.read_csv(pa.py_buffer(data), read_options=read_options,
                                  parse_options=parse_options, convert_options=self.convert_options)
        except pa.ArrowInvalid as exc:
            if "UTF8" not in str(exc) and "utf8" not in str(exc).lower():
                raise
            encoding_errors, data = self._repair(bytes(data), first_row, offset)
            chunk.data = data
            invalid.clear()
            table = pcsv.read_csv(pa.py_buffer(data), read_options=self._read_options(len(data)),
                                  parse_options=parse_options, convert_options=self.convert_options)
        needs_records = bool(invalid)
        if not needs_records and not self.empty_is_missing and table.num_rows:
            needs_records = self._has_empty_rows(table)
        if not needs_records:
            rows = np.arange(first_row, first_row + table.num_rows, dtype=np.int64)
            return _Batch(table, rows, [], table.num_rows, encoding_errors)
        return self._with_records(data, table, invalid, first_row, encoding_errors)

    def _has_empty_rows(self, table: pa.Table) -> bool:
        empty = None
        for column in table.columns:
            is_empty = pc.equal(pc.utf8_length(column), 0)
            empty = is_empty if empty is None else pc.and_(empty, is_empty)
        return bool(pc.any(empty).as_py())

    def _with_records(self, data: Any, table: pa.Table, invalid: list[str], first_row: int,
                      encoding_errors: list[tuple[int, int | None, int]]) -> _Batch:
        """Locate the records pyarrow set aside (wrong cell count) or could not tell apart (an
        empty line and a line of empty cells), reading those few with Python's csv module."""
        data = bytes(data)
        starts, ends = _record_ends(data, self.quote)
        empty = ends == starts
        odd_mask = np.zeros(len(starts), dtype=bool)
        located = self._locate(data, invalid, starts, ends)
        if located is None:
            located = self._count_cells(data, starts, ends)
        odd_mask[located] = True
        set_aside = odd_mask.copy()
        if not self.empty_is_missing:
            odd_mask |= empty  # Python reads an empty line as no cells at all
        if int(np.count_nonzero(set_aside)) != len(invalid) or len(starts) - len(invalid) != table.num_rows:
            return self._python(data, first_row, 0)  # pragma: no cover - a safety net
        record_rows = np.arange(first_row, first_row + len(starts), dtype=np.int64)
        odd = []
        for i in np.flatnonzero(odd_mask).tolist():
            text = data[int(starts[i]):int(ends[i])].decode("utf-8", errors="replace")
            parsed = next(csv.reader(io.StringIO(text, newline=""), dialect=self.python_dialect), [])
            odd.append((int(record_rows[i]), parsed))
        keep = ~odd_mask
        if bool(np.any(odd_mask & ~set_aside)):
            # pyarrow kept the empty lines as rows of empty cells: Python reads no cells at all
            table = table.filter(pa.array(keep[~set_aside]))
        return _Batch(table, record_rows[keep], odd, len(starts), encoding_errors)

    @staticmethod
    def _locate(data: bytes, texts: list[str], starts: I64, ends: I64) -> list[int] | None:
        """Indices of the records whose bytes are ``texts`` (in order), or None."""
        found: list[int] = []
        pos = 0
        for text in texts:
            needle = text.encode("utf-8")
            at = data.find(needle, pos)
            while at >= 0:
                index = int(np.searchsorted(starts, at))
                if index < len(starts) and starts[index] == at and ends[index] == at + len(needle):
                    break
                at = data.find(needle, at + 1)
            if at < 0:
                return None
            found.append(index)
            pos = int(ends[index])
        return found

    def _count_cells(self, data: bytes, starts: I64, ends: I64) -> list[int]:
        """Indices of the non-empty records whose cell count differs from the header's."""
        arr = np.frombuffer(data, dtype=np.uint8)
        quotes = np.flatnonzero(arr == self.quote)
        delims = np.flatnonzero(arr == self.delimiter)
        delims = delims[(np.searchsorted(quotes, delims) % 2) == 0]
        cells = np.bincount(np.searchsorted(starts, delims, side="right") - 1,
                            minlength=len(starts)) + 1
        return np.flatnonzero((cells != self.width) & (ends != starts)).tolist()

    def _repair(self, data: bytes, first_row: int, offset: int
                ) -> tuple[list[tuple[int, int | None, int]], bytes]:
        """Where the undecodable bytes are (row, field, file offset), and the run with each
        replaced by U+FFFD."""
        errors, text = _undecodable(data, self.quote, self.delimiter, first_row, offset)
        return errors, text.encode("utf-8")

    def python_from(self, start: int, skip: int, first_row: int) -> Iterator[_Batch]:
        """Read the file from ``start`` with Python's csv module (exactly as frictionless
        does), skipping ``skip`` records first, in batches."""
        errors: list[int] = []
        with open(self.spec.path, "rb") as raw:
            raw.seek(start)
            text = io.TextIOWrapper(raw, encoding="utf-8", errors=_DECODE_ERRORS, newline="")
            records = csv.reader(text, dialect=self.python_dialect)
            for _ in range(skip):
                next(records, None)
            row = first_row
            while True:
                _RECORDED.clear()
                part = list(itertools.islice(records, _PYTHON_BATCH))
                if not part:
                    return
                batch = self._records(part, row, [])
                if _RECORDED and not errors:
                    errors.append(row)
                    batch.encoding_errors.append((row, None, start))
                row += len(part)
                yield batch

    def _python(self, data: bytes, first_row: int, offset: int) -> _Batch:
        """Read a run with Python's csv module (exactly as frictionless does)."""
        encoding_errors: list[tuple[int, int | None, int]] = []
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            encoding_errors.append((first_row, None, offset))
        records = list(csv.reader(io.StringIO(text, newline=""), dialect=self.python_dialect))
        return self._records(records, first_row, encoding_errors)

    def _records(self, records: list[list[str]], first_row: int,
                 encoding_errors: list[tuple[int, int | None, int]]) -> _Batch:
        columns: list[list[str]] = [[] for _ in range(self.width)]
        rows: list[int] = []
        odd: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(records, start=first_row):
            if len(cells) == self.width and self.width:
                for column, cell in zip(columns, cells, strict=True):
                    column.append(cell)
                rows.append(number)
            else:
                odd.append((number, cells))
        table = pa.table({name: pa.array(column, pa.string())
                          for name, column in zip(self.names, columns, strict=True)})
        if not self.width:
            table = pa.table({})
        return _Batch(table, np.array(rows, dtype=np.int64), odd, len(records), encoding_errors)


_LENIENT_UTF8 = "datarelease-lenient-utf-8"


class _LenientDecoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
        return codecs.utf_8_decode(data, "replace", final)


def _lenient_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != _LENIENT_UTF8:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=_LENIENT_UTF8, encode=utf8.encode,
        decode=lambda data, errors="strict": codecs.utf_8_decode(data, "replace", True),
        incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_LenientDecoder,
        streamreader=utf8.streamreader, streamwriter=utf8.streamwriter,
    )


codecs.register(_lenient_codec)

_PYTHON_BATCH = 65_536
_DECODE_ERRORS = "datarelease-engine-replace"
_RECORDED: list[int] = []


def _record_decode_error(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _RECORDED.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error(_DECODE_ERRORS, _record_decode_error)


def _python_dialect(delimiter: str, quote: str) -> type[csv.Dialect]:
    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    Dialect.quotechar = quote
    Dialect.doublequote = True
    Dialect.escapechar = None
    Dialect.skipinitialspace = False
    Dialect.quoting = csv.QUOTE_MINIMAL
    return Dialect


# --------------------------------------------------------------------------- cells


def _missing_values(f: Any) -> list[str]:
    values = f.missing_values
    if not f.has_defined("missing_values") and f.schema:
        values = f.schema.missing_values
    return [str(v) for v in values]


def _safe_pattern(pattern: str) -> str | None:
    """An RE2 pattern that matches no string Python's ``re.match('^…$')`` rejects (strings
    ending in a line feed aside), or None when the pattern uses syntax where RE2 and Python
    could disagree."""
    if re.search(r"\\[A-Za-z0-9]|\[:|\{,|\(\?(?!:)", pattern):
        return None
    wrapped = f"^(?:^{pattern}$)"
    try:
        pc.match_substring_regex(pa.array([""]), wrapped)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return wrapped


_URI = "^[a-zA-Z][a-zA-Z0-9+.-]*:"
_INTEGER = "^-?[0-9]{1,18}$"


@dataclass
class _CellOutcome:
    """What the checks found in one column of a batch."""

    missing: Mask
    suspect: Mask


class _Column:
    """One field: vectorised checks that find the cells frictionless could object to, and
    frictionless's own cell reader for those."""

    def __init__(self, index: int, f: Any) -> None:
        self.index = index
        self.field = f
        self.name = str(f.name)
        self.type = str(f.type)
        self.format = str(f.format or "default")
        self.constraints: dict[str, Any] = dict(f.constraints or {})
        self.missing = _missing_values(f)
        self.missing_array = pa.array(self.missing, pa.string()) if self.missing else None
        self.reader = f.create_cell_reader()
        self.memo: dict[str | None, tuple[Any, dict[str, str] | None]] = {}
        self.judged: pa.Array | None = pa.array([], pa.string())
        self.noted: pa.Array = pa.array([], pa.string())
        self.kind = self._kind()
        self.pattern: str | None = None
        self.enum: pa.Array | None = None
        self.bounds: dict[str, int] = {}
        self._prepare()

    # which vectorised path the column takes
    def _kind(self) -> str:
        if self.type == "string" and self.format in ("default", "uri"):
            return "string"
        if self.type == "any":
            return "any"
        if self.type == "integer" and self.field.bare_number:
            return "integer"
        if (self.type == "list" and getattr(self.field, "item_type", "string") == "string"
                and not {"minLength", "maxLength"} & set(self.constraints)):
            return "list"
        return "memo"

    def _prepare(self) -> None:
        c = self.constraints
        if self.kind == "string":
            if c.get("pattern") is not None:
                self.pattern = _safe_pattern(str(c["pattern"]))
                if self.pattern is None:
                    self.kind = "memo"
                    return
            if c.get("enum") is not None:
                value_reader = self.field.create_value_reader()
                allowed = [value_reader(v) for v in c["enum"]]
                self.enum = pa.array([v for v in allowed if isinstance(v, str)], pa.string())
            for name in ("minLength", "maxLength"):
                if c.get(name) is not None:
                    if not isinstance(c[name], int) or isinstance(c[name], bool):
                        self.kind = "memo"
                        return
                    self.bounds[name] = c[name]
        elif self.kind == "any":
            if c.get("enum") is not None:
                self.enum = pa.array([v for v in c["enum"] if isinstance(v, str)], pa.string())
        elif self.kind == "integer":
            value_reader = self.field.create_value_reader()
            for name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                if c.get(name) is not None:
                    bound = value_reader(c[name])
                    if not _int64(bound):
                        self.kind = "memo"
                        return
                    self.bounds[name] = bound
            if c.get("enum") is not None:
                allowed = [value_reader(v) for v in c["enum"]]
                if not all(_int64(v) for v in allowed):
                    self.kind = "memo"
                    return
                self.enum = pa.array(allowed, pa.int64())

    def _noted(self, column: pa.Array) -> Mask:
        """Cells frictionless's reader has a note about, judging each distinct value once."""
        encoded = pc.dictionary_encode(column)
        dictionary = encoded.dictionary
        fresh = dictionary
        if self.judged is not None and len(self.judged):
            fresh = dictionary.filter(pc.invert(pc.is_in(dictionary, value_set=self.judged)))
        noted = [cell for cell in fresh.to_pylist() if self.read(cell)[1] is not None]
        if noted:
            self.noted = pa.concat_arrays([self.noted, pa.array(noted, pa.string())])
        if len(fresh):
            judged = fresh if self.judged is None else pa.concat_arrays([self.judged, fresh])
            self.judged = judged if len(judged) <= _MEMO_LIMIT else None
            if self.judged is None:
                self.noted = pa.array([], pa.string())  # start over: judge again batch by batch
                noted_here = np.fromiter((self.read(cell)[1] is not None for cell in dictionary.to_pylist()),
                                         dtype=bool, count=len(dictionary))
                return noted_here[np.asarray(encoded.indices, dtype=np.int64)]
        if not len(self.noted):
            return np.zeros(len(column), dtype=bool)
        flags = np.asarray(pc.is_in(dictionary, value_set=self.noted), dtype=bool)
        return flags[np.asarray(encoded.indices, dtype=np.int64)]

    def read(self, cell: str | None) -> tuple[Any, dict[str, str] | None]:
        """frictionless's verdict on one cell (memoised)."""
        known = self.memo.get(cell)
        if known is None:
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            target, notes = self.reader(cell)
            known = (target, dict(notes) if notes else None)
            self.memo[cell] = known
        return known

    def check(self, column: pa.ChunkedArray | pa.Array) -> _CellOutcome:
        """Missing cells and suspect cells (those that may carry a note) of a column."""
        n = len(column)
        lengths = _byte_lengths(column)
        if self.missing == [""]:
            missing = lengths == 0
        elif self.missing_array is not None:
            missing = np.asarray(pc.is_in(column, value_set=self.missing_array), dtype=bool)
        else:
            missing = np.zeros(n, dtype=bool)
        required = bool(self.constraints.get("required"))
        suspect = missing.copy() if required else np.zeros(n, dtype=bool)
        present = ~missing
        if self.kind == "memo":
            suspect |= present & self._noted(_one_chunk(column))
            return _CellOutcome(missing, suspect)
        bad: Mask | None = None
        if self.kind == "string":
            if self.format == "uri":
                bad = _or(bad, pc.invert(pc.match_substring_regex(column, _URI)))
            if self.pattern is not None:
                ok = pc.and_(pc.match_substring_regex(column, self.pattern),
                             pc.invert(pc.ends_with(column, "\n")))
                bad = _or(bad, pc.invert(ok))
            # A character takes one to four bytes in UTF-8: byte lengths bound the length.
            if "minLength" in self.bounds and self.bounds["minLength"] > 0:
                bad = _or(bad, lengths < 4 * self.bounds["minLength"])
            if "maxLength" in self.bounds:
                bad = _or(bad, lengths > self.bounds["maxLength"])
            if self.enum is not None:
                bad = _or(bad, pc.invert(pc.is_in(column, value_set=self.enum)))
        elif self.kind == "any":
            if self.enum is not None:
                bad = _or(bad, pc.invert(pc.is_in(column, value_set=self.enum)))
        elif self.kind == "integer":
            plain = pc.match_substring_regex(column, _INTEGER)
            bad = _or(bad, pc.invert(plain))
            if self.bounds or self.enum is not None:
                values = pc.cast(pc.if_else(plain, column, "0"), pa.int64())
                for name, op in (("minimum", pc.less), ("maximum", pc.greater),
                                 ("exclusiveMinimum", pc.less_equal),
                                 ("exclusiveMaximum", pc.greater_equal)):
                    if name in self.bounds:
                        bad = _or(bad, op(values, self.bounds[name]))
                if self.enum is not None:
                    bad = _or(bad, pc.invert(pc.is_in(values, value_set=self.enum)))
        if bad is not None:
            suspect |= present & bad
        return _CellOutcome(missing, suspect)

    @property
    def text(self) -> bool:
        """Whether the cast value is the cell's text itself."""
        return self.kind in ("string", "any") and self.type in ("string", "any")

    def text_nulls(self, column: pa.Array, outcome: _CellOutcome) -> Mask:
        """Where a text column's cast value is None: a missing cell, or one that does not cast
        (a uri without a scheme)."""
        null = outcome.missing.copy()
        for i in np.flatnonzero(outcome.suspect & ~outcome.missing).tolist():
            target, notes = self.read(column[i].as_py())
            if (notes and "type" in notes) or target is None:
                null[i] = True
        return null

    def key_hashes(self, column: pa.Array, outcome: _CellOutcome) -> _Hashed:
        """Hashes of the cast values (None where the cell is missing or does not cast)."""
        column = _one_chunk(column)
        n = len(column)
        null = outcome.missing.copy()
        if self.text:
            null = self.text_nulls(column, outcome)
            h1, h2 = _hash_texts(column, np.full(n, 1, dtype=np.uint8))
            return _Hashed(h1, h2, null, np.zeros(n, dtype=bool))
        if self.kind == "integer":
            plain = np.asarray(pc.match_substring_regex(column, _INTEGER), dtype=bool)
            canon = pc.cast(pc.cast(pc.if_else(pa.array(plain), column, "0"), pa.int64()), pa.string())
            canon_list: list[Any] = canon.to_pylist() if not plain.all() else []
            domain = np.full(n, 2, dtype=np.uint8)
            if canon_list:
                for i in np.flatnonzero(~plain & ~outcome.missing).tolist():
                    target, _notes = self.read(column[i].as_py())
                    text, dom = _canonical(target)
                    canon_list[i] = text
                    domain[i] = dom
                    if target is None:
                        null[i] = True
                canon = pa.array(canon_list, pa.string())
            h1, h2 = _hash_texts(canon, domain)
            return _Hashed(h1, h2, null, domain == _NAN)
        # every other type: frictionless's cast value, per distinct cell
        encoded = pc.dictionary_encode(column)
        dictionary = encoded.dictionary.to_pylist()
        indices = np.asarray(encoded.indices, dtype=np.int64)
        texts_d: list[str | None] = []
        domains_d = np.zeros(len(dictionary), dtype=np.uint8)
        null_d = np.zeros(len(dictionary), dtype=bool)
        for j, cell in enumerate(dictionary):
            target, _notes = self.read(cell)
            text, dom = _canonical(target)
            texts_d.append(text)
            domains_d[j] = dom
            null_d[j] = target is None
        d1, d2 = _hash_texts(pa.array(texts_d, pa.string()), domains_d)
        return _Hashed(d1[indices], d2[indices], null | null_d[indices], domains_d[indices] == _NAN)

    def display(self, cell: str | None) -> str:
        """``str`` of the cast value, as frictionless writes it in a foreign-key note."""
        target, _notes = self.read(cell)
        return str(target)


def _one_chunk(column: Any) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    return column


def _int64(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _or(left: Mask | None, right: Any) -> Mask:
    """Either mask (the right one numpy or pyarrow booleans), as numpy."""
    mask: Mask = right if isinstance(right, np.ndarray) else np.asarray(right, dtype=bool)
    return mask if left is None else left | mask


def _byte_lengths(column: pa.Array | pa.ChunkedArray) -> I64:
    """The UTF-8 length in bytes of every string (from the offsets, without touching the text)."""
    if isinstance(column, pa.ChunkedArray):
        if column.num_chunks == 1:
            return _byte_lengths(column.chunk(0))
        return np.concatenate([_byte_lengths(chunk) for chunk in column.chunks] or [np.zeros(0, np.int64)])
    if column.type == pa.string():
        offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)
    else:
        offsets = np.frombuffer(column.buffers()[1], dtype=np.int64)
    offsets = offsets[column.offset:column.offset + len(column) + 1]
    return np.diff(offsets).astype(np.int64)


def _canonical(value: Any) -> tuple[str | None, int]:
    """Text and domain such that two cast values are equal in Python exactly when both are."""
    import datetime as dt

    if value is None:
        return None, 0
    if isinstance(value, str):
        return value, 1
    if isinstance(value, bool):
        return ("1" if value else "0"), 2
    if isinstance(value, int):
        return str(value), 2
    if isinstance(value, float):
        if value != value:
            return "nan", _NAN
        value = Decimal(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan", _NAN
        if value.is_infinite():
            return ("inf" if value > 0 else "-inf"), 2
        if value == value.to_integral_value():
            return str(int(value)), 2
        return format(value.normalize(), "f"), 2
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return (value - value.utcoffset()).replace(tzinfo=None).isoformat(), 5  # type: ignore[operator]
        return value.isoformat(), 4
    if isinstance(value, dt.date):
        return value.isoformat(), 3
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            return value.isoformat(), 7
        return value.isoformat(), 6
    return repr(value), 8


# --------------------------------------------------------------------------- per-row issues


class _Row:
    """What is wrong with one row, kept until the table's findings are put together."""

    __slots__ = ("blank", "cells", "extra", "fk", "missing_fields", "notes", "pk", "unique", "width")

    def __init__(self) -> None:
        self.notes: dict[int, tuple[dict[str, str], str]] = {}
        self.cells: list[str] | None = None
        self.extra: list[tuple[int, str]] = []
        self.missing_fields: list[int] = []
        self.blank = False
        self.unique: dict[int, int] = {}
        self.pk: int | None = None  # 0: every primary-key cell is None; else the earlier row
        self.fk: dict[int, str] = {}
        self.width = 0


# --------------------------------------------------------------------------- one table


class _TableScan:
    def __init__(self, spec: _TableSpec, scope: _Scope, keys: _KeySpace, progress: Progress,
                 done: Mapping[str, _TableScan]) -> None:
        self.spec = spec
        self.scope = scope
        self.progress = progress
        self.columns = [_Column(i, f) for i, f in enumerate(spec.fields)]
        self.rows: dict[int, _Row] = {}
        self.encoding: list[ErrorDict] = []
        self.count = 0
        self.size = 0
        self.digest: str | None = None
        # Every key is checked whatever the error scope: a unique, primary-key or foreign-key
        # error changes the order in which frictionless lists the row's other errors.
        self.unique_stores = {i: keys.store(f"unique-{i}") for i in spec.unique}
        self.pk_store = keys.store("pk") if spec.primary_key else None
        # A one-field primary key that is also unique holds the same keys as its unique store.
        self.pk_shares = len(spec.primary_key) == 1 and spec.primary_key[0] in self.unique_stores
        if self.pk_shares:
            self.pk_store = self.unique_stores[spec.primary_key[0]]
        names = [f.name for f in spec.fields]
        self.names = names
        # A foreign key into a table already read (and whose keys are in memory) is checked as
        # the rows go by; any other is checked once every table has been read.
        self.fk_known: dict[int, tuple[U64, U64]] = {}
        self.fk_texts: dict[int, pa.Array] = {}
        for ref in spec.foreign_keys:
            source = done.get(ref.source_name) if ref.source_name != spec.name else None
            known = source.referenced_store(ref.source_key) if source is not None else None
            if known is not None and not known.spilled:
                self.fk_known[ref.index] = known.lookup()
                text_set = known.text_set()
                if source is not None and text_set is not None and len(ref.target) == 1 and all(
                        n in source.names and source.columns[source.names.index(n)].text
                        for n in ref.source_key):
                    self.fk_texts[ref.index] = text_set
        self.fk_stores = {ref.index: keys.store(f"fk-{ref.index}") for ref in spec.foreign_keys
                          if ref.index not in self.fk_known}
        self.fk_pending = {index: keys.pending() for index in self.fk_stores}
        self.fk_failing: dict[int, dict[int, str]] = {ref.index: {} for ref in spec.foreign_keys}
        self.referenced: dict[tuple[str, ...], _KeyStore] = {}
        for source_key in spec.referenced_keys:
            if spec.primary_key and tuple(names[i] for i in spec.primary_key) == source_key:
                continue  # the primary-key store holds exactly these keys
            self.referenced[source_key] = keys.store("ref")

    # ---- reading

    def run(self) -> _TableScan:
        reader = _Reader(self.spec)
        self.parser = _Parser(self.spec)
        parsed: queue.Queue[_Batch | BaseException | None] = queue.Queue(maxsize=_QUEUE_DEPTH)
        stop = threading.Event()

        def parse() -> None:
            row = self.spec.first_row
            try:
                while not stop.is_set():
                    item = reader.queue.get()
                    if item is None or isinstance(item, BaseException):
                        _put(parsed, item, stop)
                        return
                    batches = (self.parser.python_from(item.python_from, item.skip, row)
                               if item.python_from is not None else iter([self.parser.parse(item, row)]))
                    for batch in batches:
                        row += batch.count
                        _put(parsed, batch, stop)
            except BaseException as exc:
                _put(parsed, exc, stop)

        parser = threading.Thread(target=parse, daemon=True, name=f"datarelease-parse-{self.spec.name}")
        total = self.spec.path.stat().st_size
        self.progress.start(self.spec.name, total)
        reader.start()
        parser.start()
        try:
            while True:
                batch = parsed.get()
                if batch is None:
                    break
                if isinstance(batch, BaseException):
                    raise batch
                self._check(batch)
                self.count += batch.count
                self.progress.update(self.count, reader.size)
        finally:
            stop.set()
            reader.stop.set()
            with contextlib.suppress(queue.Empty):
                while True:
                    reader.queue.get_nowait()
            parser.join()
            reader.join()
            self.progress.finish(self.count)
        self.size = reader.size
        self.digest = reader.digest.hexdigest() if reader.digest is not None else None
        if reader.header_errors:
            self._encoding_errors(reader.header_errors)
        self._resolve_table_keys()
        return self

    # ---- checking a batch

    def _row(self, number: int) -> _Row:
        found = self.rows.get(number)
        if found is None:
            found = self.rows[number] = _Row()
        return found

    def _check(self, batch: _Batch) -> None:
        self._encoding_errors(batch.encoding_errors)
        self._check_cells(batch)

    def _encoding_errors(self, found: list[tuple[int, int | None, int]]) -> None:
        for row_number, field_number, offset in found:
            name = self.names[field_number - 1] if field_number and field_number <= len(self.names) else None
            note = f"invalid UTF-8 at byte {offset} (row {row_number}" + (
                f", field {name!r})" if name else ")")
            self.encoding.append({"row": row_number, **_error(
                ferrors.EncodingError, note=note, rowNumber=row_number, fieldName=name,
                fieldNumber=field_number)})

    def _check_cells(self, batch: _Batch) -> None:
        table = batch.table
        rows = batch.rows
        if table.num_rows:
            present = self.columns
            outcomes = {c.index: c.check(table.column(f"c{c.index}")) for c in present}
            all_missing = np.ones(table.num_rows, dtype=bool)
            for outcome in outcomes.values():
                all_missing &= outcome.missing
            for i in np.flatnonzero(all_missing).tolist():
                self._row(int(rows[i])).blank = True
            for column in present:
                outcome = outcomes[column.index]
                flagged = np.flatnonzero(outcome.suspect & ~all_missing)
                if not flagged.size:
                    continue
                cells = table.column(f"c{column.index}").take(pa.array(flagged)).to_pylist()
                for i, cell in zip(flagged.tolist(), cells, strict=True):
                    _target, notes = column.read(cell)
                    if notes:
                        self._row(int(rows[i])).notes[column.index] = (notes, str(cell))
            if table.num_rows:
                self._keys_from_table(table, rows, outcomes)
        if batch.odd:
            self._odd_rows(batch.odd)

    def _odd_rows(self, odd: list[tuple[int, list[str]]]) -> None:
        """Rows with the wrong number of cells, checked cell by cell as frictionless does."""
        width = len(self.columns)
        key_cells: list[list[Any]] = []
        for number, cells in odd:
            issue = self._row(number)
            issue.cells = cells
            blank_count = 0
            values: list[Any] = []
            for column in self.columns:
                source = cells[column.index] if column.index < len(cells) else None
                target, notes = column.read(source)
                values.append(target)
                if target is None and not (notes and "type" in notes):
                    blank_count += 1
                if notes:
                    issue.notes[column.index] = (notes, str(source))
            issue.extra = [(width + 1 + k, str(c)) for k, c in enumerate(cells[width:])]
            issue.missing_fields = list(range(len(cells), width))
            issue.blank = blank_count == width
            key_cells.append(values)
        self._keys_from_values([n for n, _ in odd], key_cells)

    # ---- keys

    def _keys_from_table(self, table: pa.Table, rows: I64, outcomes: dict[int, _CellOutcome]) -> None:
        cache: dict[int, _Hashed] = {}

        def hashes(index: int) -> _Hashed:
            if index not in cache:
                cache[index] = self.columns[index].key_hashes(table.column(f"c{index}"), outcomes[index])
            return cache[index]

        def fail(ref: _KeyRef, indices: list[int], at: I64) -> None:
            picked = table.select([f"c{i}" for i in indices]).take(pa.array(at))
            self._fail(ref, indices, picked, rows[at])

        def pend(ref: _KeyRef, indices: list[int], keep: Mask) -> None:
            cells = table.select([f"c{i}" for i in indices]).filter(pa.array(keep))
            self.fk_pending[ref.index].add(cells.append_column("row", pa.array(rows[keep])))

        def texts(index: int) -> tuple[pa.Array, Mask] | None:
            column = self.columns[index]
            if not column.text:
                return None
            cells = _one_chunk(table.column(f"c{index}"))
            if index in cache:
                return cells, cache[index].null
            return cells, column.text_nulls(cells, outcomes[index])

        self._keys(rows, hashes, fail, pend, texts)

    def _keys_from_values(self, numbers: list[int], values: list[list[Any]]) -> None:
        if not numbers:
            return
        rows = np.array(numbers, dtype=np.int64)

        def hashes(index: int) -> _Hashed:
            texts, domains = zip(*(_canonical(v[index]) for v in values), strict=True)
            domain = np.array(domains, dtype=np.uint8)
            h1, h2 = _hash_texts(pa.array(list(texts), pa.string()), domain)
            null = np.array([v[index] is None for v in values], dtype=bool)
            return _Hashed(h1, h2, null, domain == _NAN)

        def display(indices: list[int], k: int) -> str:
            return ", ".join(str(values[k][i]) for i in indices)

        def fail(ref: _KeyRef, indices: list[int], at: I64) -> None:
            for k in at.tolist():
                self.fk_failing[ref.index][numbers[k]] = display(indices, k)

        def pend(ref: _KeyRef, indices: list[int], keep: Mask) -> None:
            # rows with the wrong cell count are few: keep what frictionless would show aside
            for k in np.flatnonzero(keep).tolist():
                self.fk_failing.setdefault(-1 - ref.index, {})[numbers[k]] = display(indices, k)

        def texts(index: int) -> tuple[pa.Array, Mask] | None:
            if not self.columns[index].text:
                return None
            cells = [v[index] if isinstance(v[index], str) else None for v in values]
            return pa.array([c or "" for c in cells], pa.string()), np.array([c is None for c in cells])

        self._keys(rows, hashes, fail, pend, texts)

    def _keys(self, rows: I64, hashes: Callable[[int], _Hashed],
              fail: Callable[[_KeyRef, list[int], I64], None],
              pend: Callable[[_KeyRef, list[int], Mask], None],
              texts: Callable[[int], tuple[pa.Array, Mask] | None]) -> None:
        """Store the keys of a batch's rows, and check foreign keys that can be checked now."""

        def kept_texts(store: _KeyStore, indices: list[int], keep: Mask) -> pa.Array | None:
            if store.texts is None or len(indices) != 1:
                return None
            found = texts(indices[0])
            return found[0].filter(pa.array(keep)) if found is not None else None

        for index, store in self.unique_stores.items():
            hashed = hashes(index)
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            store.add(h1[keep], h2[keep], rows[keep], kept_texts(store, [index], keep))
        if self.pk_store is not None:
            hashed = _combine([hashes(i) for i in self.spec.primary_key])
            for i in np.flatnonzero(hashed.null).tolist():
                self._row(int(rows[i])).pk = 0
            if not self.pk_shares:
                keep = ~hashed.null
                h1, h2 = hashed.keys()
                self.pk_store.add(h1[keep], h2[keep], rows[keep],
                                  kept_texts(self.pk_store, self.spec.primary_key, keep))
        for source_key, store in self.referenced.items():
            indices = [self.names.index(n) if n in self.names else -1 for n in source_key]
            if -1 in indices:
                continue
            hashed = _combine([hashes(i) for i in indices])
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            store.add(h1[keep], h2[keep], rows[keep], kept_texts(store, indices, keep))
        for ref in self.spec.foreign_keys:
            indices = [self.names.index(n) for n in ref.target]
            known_texts = self.fk_texts.get(ref.index)
            found_texts = texts(indices[0]) if known_texts is not None else None
            if known_texts is not None and found_texts is not None:
                cells, null = found_texts
                absent = ~null & ~np.asarray(pc.is_in(cells, value_set=known_texts), dtype=bool)
                missing = np.flatnonzero(absent)
                if missing.size:
                    fail(ref, indices, missing)
                continue
            hashed = _combine([hashes(i) for i in indices])
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            known = self.fk_known.get(ref.index)
            if known is not None:
                missing = np.flatnonzero(keep & ~_contains(known, h1, h2))
                if missing.size:
                    fail(ref, indices, missing)
                continue
            self.fk_stores[ref.index].add(h1[keep], h2[keep], rows[keep])
            pend(ref, indices, keep)

    def _resolve_table_keys(self) -> None:
        for index, store in self.unique_stores.items():
            for row, previous in store.duplicates():
                self._row(row).unique[index] = previous
                if self.pk_shares and index == self.spec.primary_key[0]:
                    self._row(row).pk = previous
        if self.pk_store is not None and not self.pk_shares:
            for row, previous in self.pk_store.duplicates():
                self._row(row).pk = previous

    def referenced_store(self, source_key: tuple[str, ...]) -> _KeyStore | None:
        if source_key in self.referenced:
            return self.referenced[source_key]
        if self.pk_store is not None and tuple(self.names[i] for i in self.spec.primary_key) == source_key:
            return self.pk_store
        return None

    def _fail(self, ref: _KeyRef, indices: list[int], cells: pa.Table, rows: I64) -> None:
        """Note the foreign-key failure of these rows, with the cells as frictionless shows them."""
        columns = [cells.column(k).to_pylist() for k in range(len(indices))]
        failing = self.fk_failing[ref.index]
        for j, row in enumerate(rows.tolist()):
            failing[int(row)] = ", ".join(
                self.columns[index].display(columns[k][j]) for k, index in enumerate(indices))

    def resolve_foreign_keys(self, scans: Mapping[str, _TableScan]) -> None:
        """Check the foreign keys that waited for every table to be read."""
        for ref in self.spec.foreign_keys:
            if ref.index in self.fk_known:
                continue
            known = scans[ref.source_name].referenced_store(ref.source_key)
            store = self.fk_stores[ref.index]
            if known is None:
                failing = {int(r) for _h1, _h2, rows in store.partitions(False) for r in rows}
            else:
                failing = set(_missing_rows(store, known))
            if not failing:
                continue
            indices = [self.names.index(n) for n in ref.target]
            wanted = np.array(sorted(failing), dtype=np.int64)
            for table in self.fk_pending[ref.index].read():
                rows = np.asarray(table.column("row"), dtype=np.int64)
                hits = np.flatnonzero(np.isin(rows, wanted))
                if hits.size:
                    self._fail(ref, indices, table.take(pa.array(hits)), rows[hits])
            odd = self.fk_failing.get(-1 - ref.index, {})
            for row in failing:
                if row in odd:
                    self.fk_failing[ref.index][row] = odd[row]
        for index, failing_rows in self.fk_failing.items():
            if index < 0:
                continue
            for row, display in failing_rows.items():
                self._row(row).fk[index] = display
        self.fk_pending = {}

    # ---- findings

    def task(self) -> _v._Task:
        errors: list[ErrorDict] = [e for e in self.spec.header_errors if self.scope.wants(e["type"])]
        encoding = sorted(self.encoding, key=lambda e: e["row"])
        e_at = 0
        for number in sorted(self.rows):
            while e_at < len(encoding) and encoding[e_at]["row"] <= number:
                errors.append({k: v for k, v in encoding[e_at].items() if k != "row"})
                e_at += 1
            row_errors = self._row_errors(number, self.rows[number])
            errors.extend(e for e in row_errors if self.scope.wants(e["type"]))
        errors.extend({k: v for k, v in e.items() if k != "row"} for e in encoding[e_at:])
        errors.extend(e for e in self._end_errors() if self.scope.wants(e["type"]))
        rows = self.count or None
        valid = not errors
        if rows is None and valid:
            rows = 0
        return _v._Task(name=self.spec.name, place=_place(self.spec.resource), rows=rows, valid=valid,
                        errors=tuple(errors))

    def _end_errors(self) -> list[ErrorDict]:
        spec = self.spec
        errors: list[ErrorDict] = []
        if spec.hash_expected is not None and self.digest and self.digest != spec.hash_expected:
            note = f'expected is "{spec.hash_expected}" and actual is "{self.digest}"'
            errors.append(_error(ferrors.HashCountError, note=note))
        if spec.declared_bytes and spec.declared_bytes != self.size:
            note = f'expected is "{spec.declared_bytes}" and actual is "{self.size}"'
            errors.append(_error(ferrors.ByteCountError, note=note))
        if spec.declared_fields and spec.declared_fields != spec.schema_fields:
            note = f'expected is "{spec.declared_fields}" and actual is "{spec.schema_fields}"'
            errors.append(_error(ferrors.FieldCountError, note=note))
        if spec.declared_rows and spec.declared_rows != self.count:
            note = f'expected is "{spec.declared_rows}" and actual is "{self.count}"'
            errors.append(_error(ferrors.RowCountError, note=note))
        return errors

    def _row_errors(self, number: int, issue: _Row) -> list[ErrorDict]:
        """The row's errors in the order frictionless's Row and row stream produce them."""
        errors: list[ErrorDict] = []
        processed: set[int] = set()
        full = False
        columns = self.columns

        def cell_errors(index: int) -> list[ErrorDict]:
            found = issue.notes.get(index)
            if not found:
                return []
            notes, source = found
            column = columns[index]
            common = {"cell": source, "rowNumber": number, "fieldName": column.name,
                      "fieldNumber": index + 1}
            type_note = notes.get("type")
            out: list[ErrorDict] = []
            if type_note:
                out.append(_error(ferrors.TypeError, note=type_note, **common))
            for name, note in notes.items():
                if name != "type":
                    out.append(_error(ferrors.ConstraintError, note=note, **common))
            return out

        def access(index: int) -> None:
            if not full and index not in processed:
                processed.add(index)
                errors.extend(cell_errors(index))

        def process() -> None:
            nonlocal errors, full
            if full:
                return
            for index in range(len(columns)):
                if index not in processed:
                    processed.add(index)
                    errors.extend(cell_errors(index))
            for field_number, cell in issue.extra:
                errors.append(_error(ferrors.ExtraCellError, note="", cell=cell, rowNumber=number,
                                     fieldName="", fieldNumber=field_number))
            for index in issue.missing_fields:
                errors.append(_error(ferrors.MissingCellError, note="", cell="", rowNumber=number,
                                     fieldName=columns[index].name, fieldNumber=index + 1))
            if issue.blank:
                errors = [_error(ferrors.BlankRowError, note="", rowNumber=number)]
            full = True

        if self.spec.unique:
            for index in self.spec.unique:
                access(index)
                previous = issue.unique.get(index)
                if previous:
                    process()
                    note = f"the same as in the row at position {previous}"
                    errors.append(_error(ferrors.UniqueError, note=note, cell="", rowNumber=number,
                                         fieldName=columns[index].name, fieldNumber=index + 1))
        if self.spec.primary_key:
            for index in self.spec.primary_key:
                access(index)
            if issue.pk == 0:
                process()
                note = 'cells composing the primary keys are all "None"'
                errors.append(_error(ferrors.PrimaryKeyError, note=note, rowNumber=number))
            elif issue.pk:
                process()
                note = f"the same as in the row at position {issue.pk}"
                errors.append(_error(ferrors.PrimaryKeyError, note=note, rowNumber=number))
        for ref in self.spec.foreign_keys:
            indices = [self.names.index(n) for n in ref.target]
            for index in indices:
                access(index)
            display = issue.fk.get(ref.index)
            if display is not None:
                process()
                note = (f'for "{", ".join(ref.target)}": values "{display}" not found in the lookup '
                        f'table "{ref.label}" as "{", ".join(ref.source_key)}"')
                error = _error(ferrors.ForeignKeyError, note=note, rowNumber=number)
                error["fieldNames"] = list(ref.target)
                errors.append(error)
        process()
        return errors


# --------------------------------------------------------------------------- progress


_PROGRESS_EVERY = 0.5  # seconds between progress lines (and before the first)


class Progress:
    """A one-line progress report on stderr for a long table: rows, rows per second and, when
    the size is known, the share done. :meth:`create` with ``None`` shows it only when stderr is
    a terminal and ``CI`` is not set; a table done within half a second leaves no line."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.name = ""
        self.total = 0
        self.started = 0.0
        self.last = 0.0

    @classmethod
    def create(cls, wanted: bool | None) -> Progress:
        if wanted is None:
            wanted = sys.stderr.isatty() and not os.environ.get("CI")
        return cls(bool(wanted))

    def start(self, name: str, total: int) -> None:
        self.name, self.total = name, total
        self.started = self.last = time.perf_counter()

    def update(self, rows: int, done: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < _PROGRESS_EVERY:
            return
        self.last = now
        rate = rows / max(now - self.started, 1e-9)
        share = f" {100 * done / self.total:3.0f}%" if self.total else ""
        self.stream.write(f"\r{self.name}: {rows:,} rows, {rate:,.0f} rows/s{share}  ")
        self.stream.flush()

    def finish(self, rows: int) -> None:
        if not self.enabled or time.perf_counter() - self.started < _PROGRESS_EVERY:
            return
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"\r{self.name}: {rows:,} rows in {elapsed:.1f} s "
                          f"({rows / max(elapsed, 1e-9):,.0f} rows/s)\n")
        self.stream.flush()


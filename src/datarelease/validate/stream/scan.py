"""The table scan: one table read once, every row's errors put together in frictionless's order."""

from __future__ import annotations

import contextlib
import heapq
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import frictionless.errors as ferrors
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datarelease.progress import Progress
from datarelease.validate.arrays import bools, ints, strings, to_bools, to_ints
from datarelease.validate.prehash import Prehash
from datarelease.validate.reference import Task
from datarelease.validate.stream.cells import CellOutcome, Column, canonical, one_chunk
from datarelease.validate.stream.common import (
    I64,
    QUEUE_DEPTH,
    Budget,
    ErrorDict,
    Mask,
    Scope,
    Undecodable,
    cap_key,
    cores,
    error_descriptor,
    get_unless_stopped,
    put_unless_stopped,
    resource_place,
)
from datarelease.validate.stream.dense import DenseColumns
from datarelease.validate.stream.findings import Row, encoding_summary, row_errors
from datarelease.validate.stream.keys import (
    NAN,
    Hashed,
    KeySpace,
    KeyStore,
    KnownKeys,
    Lookup,
    combine_hashes,
    contains_keys,
    hash_texts,
    missing_rows,
)
from datarelease.validate.stream.parse import Batch, Parser
from datarelease.validate.stream.read import Reader, part_offset, stream_size
from datarelease.validate.stream.spec import KeyRef, TableSpec

_PRUNE_ROWS = 50_000
_NOTHING = object()
"""Rows with findings held before the ones beyond every cap are dropped (see TableScan._prune)."""

# --------------------------------------------------------------------------- one table

def known_keys(spec: TableSpec, done: Mapping[str, TableScan]) -> KnownKeys:
    """The keys of tables already read that this table's foreign keys refer to (those in memory)."""
    hashes: dict[int, Lookup] = {}
    texts: dict[int, pa.Array] = {}
    for ref in spec.foreign_keys:
        source = done.get(ref.source_name) if ref.source_name != spec.name else None
        known = source.referenced_store(ref.source_key) if source is not None else None
        if source is None or known is None or known.spilled:
            continue
        hashes[ref.index] = known.lookup()
        text_set = known.text_set()
        if text_set is not None and len(ref.target) == 1 and all(
                n in source.names and source.columns[source.names.index(n)].text for n in ref.source_key):
            texts[ref.index] = text_set
    return hashes, texts


class TableScan:
    def __init__(self, spec: TableSpec, scope: Scope, keys: KeySpace, progress: Progress,
                 done: Mapping[str, TableScan], budget: Budget, known: KnownKeys | None = None,
                 prehash: Prehash | None = None) -> None:
        """``done``: the tables read so far; ``known``: the keys of those the foreign keys refer
        to, when found already (:func:`known_keys`); ``prehash``: the files' hashes started ahead."""
        self.spec = spec
        self.prehash = prehash
        self.block_bytes = budget.block_bytes
        self.check_threads = budget.check_threads or cores()
        self.pool: ThreadPoolExecutor | None = None
        self.started: dict[int, dict[int, Future[tuple[CellOutcome, Hashed | None]]]] = {}
        """The vectorised checks started on the check threads, by batch (``id``) and column."""
        # Memory stays bounded however many findings: the first `per_kind` of each type and
        # field are kept (rows beyond are dropped now and then, see prune), all are counted.
        self.per_kind = budget.per_kind
        self.dropped: Counter[tuple[str, str | None]] = Counter()
        self.encoding_seen: Counter[str | None] = Counter()
        self.prune_at = _PRUNE_ROWS
        self.scope = scope
        self.progress = progress
        self.columns = [Column(i, f) for i, f in enumerate(spec.fields)]
        self.dense = DenseColumns(spec.fields, self.per_kind, scope.wants(ferrors.TypeError.type))
        self.rows: dict[int, Row] = {}
        self.undecodable: list[Undecodable] = []  # the cells with invalid UTF-8 kept (capped)
        self.header_undecodable: list[Undecodable] = []
        self.undecodable_cells = self.undecodable_sequences = 0
        self.count = 0
        self.size = 0
        self.digest: str | None = None
        self.clean_end = False
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
        self.fk_known, self.fk_texts = known_keys(spec, done) if known is None else known
        self.fk_stores = {ref.index: keys.store(f"fk-{ref.index}") for ref in spec.foreign_keys
                          if ref.index not in self.fk_known}
        self.fk_pending = {index: keys.pending() for index in self.fk_stores}
        self.fk_failing: dict[int, dict[int, str]] = {ref.index: {} for ref in spec.foreign_keys}
        self.referenced: dict[tuple[str, ...], KeyStore] = {}
        for source_key in spec.referenced_keys:
            if spec.primary_key and tuple(names[i] for i in spec.primary_key) == source_key:
                continue  # the primary-key store holds exactly these keys
            self.referenced[source_key] = keys.store("ref")
        self.key_columns = self._key_columns()

    def _key_columns(self) -> list[int]:
        """The columns whose key hashes :meth:`_keys` asks for (computed ahead on the check threads)."""
        wanted: list[int] = list(self.unique_stores)
        if self.pk_store is not None:
            wanted += self.spec.primary_key
        for source_key in self.referenced:
            indices = [self.names.index(n) if n in self.names else -1 for n in source_key]
            if -1 not in indices:
                wanted += indices
        for ref in self.spec.foreign_keys:
            indices = [self.names.index(n) for n in ref.target]
            if ref.index in self.fk_texts and self.columns[indices[0]].text:
                continue  # checked against the referenced texts, not hashed
            wanted += indices
        return list(dict.fromkeys(wanted))

    # ---- reading

    def run(self, resolve: bool = True) -> TableScan:
        """Read and check the table; then (unless not ``resolve``: a part of a multipart table,
        whose keys are merged elsewhere) find its duplicate keys."""
        reader = Reader(self.spec, self.block_bytes, self.prehash)
        self.parser = Parser(self.spec)
        parsed: queue.Queue[Batch | BaseException | None] = queue.Queue(maxsize=QUEUE_DEPTH)
        stop = threading.Event()

        def parse() -> None:
            row = self.spec.first_row
            try:
                while not stop.is_set():
                    # not a plain get(): told to stop, the reader puts nothing more (and what it
                    # put may have been drained), so a get() without end could wait forever
                    item = get_unless_stopped(reader.queue, stop)
                    if item is None or isinstance(item, BaseException):
                        put_unless_stopped(parsed, item, stop)
                        return
                    batches = (self.parser.python_from(item.python_from, item.skip, row)
                               if item.python_from is not None else iter([self.parser.parse(item, row)]))
                    for batch in batches:
                        row += batch.count
                        put_unless_stopped(parsed, batch, stop)
            except BaseException as exc:
                put_unless_stopped(parsed, exc, stop)

        parser = threading.Thread(target=parse, daemon=True, name=f"datarelease-parse-{self.spec.name}")
        total = stream_size(self.spec)
        self.progress.start(self.spec.name, total)
        reader.start()
        parser.start()
        if self.check_threads > 1:
            self.pool = ThreadPoolExecutor(self.check_threads,
                                           thread_name_prefix=f"datarelease-check-{self.spec.name}")
        try:
            ahead: object = _NOTHING  # the next batch, when taken ahead
            while True:
                batch = parsed.get() if ahead is _NOTHING else ahead
                ahead = _NOTHING
                if batch is None:
                    break
                if isinstance(batch, BaseException):
                    raise batch
                assert isinstance(batch, Batch)
                if self.pool is not None:
                    # the next batch's vectorised checks start (after this one's) while this
                    # one's cells are read and keys stored here, if the parser has it ready
                    self._start(batch)
                    with contextlib.suppress(queue.Empty):
                        ahead = parsed.get_nowait()
                        if isinstance(ahead, Batch):
                            self._start(ahead)
                self._check(batch)
                if len(self.rows) > self.prune_at:
                    self.prune()
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
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
                self.pool = None
                self.started.clear()
            self.progress.finish(self.count)
        self.size = reader.size
        self.digest = reader.digest.hexdigest() if reader.digest is not None else None
        self.clean_end = reader.clean_end
        self.header_undecodable = reader.header_errors
        if resolve:
            self.resolve_table_keys()
        return self

    # ---- checking a batch

    def _row(self, number: int) -> Row:
        found = self.rows.get(number)
        if found is None:
            found = self.rows[number] = Row()
        return found

    def _check(self, batch: Batch) -> None:
        self._encoding_errors(batch.encoding_errors)
        self._check_cells(batch)

    def _encoding_errors(self, found: list[Undecodable]) -> None:
        for item in found:
            self.undecodable_cells += 1
            self.undecodable_sequences += item[3]
            self.keep_undecodable(item)

    def _field_name(self, field_number: int | None) -> str | None:
        return self.names[field_number - 1] if field_number and field_number <= len(self.names) else None

    def keep_undecodable(self, item: Undecodable, capped: bool = True) -> None:
        """Keep an undecodable cell among the first ``per_kind`` of its field, or count it."""
        name = self._field_name(item[1])
        self.encoding_seen[name] += 1
        if capped and self.encoding_seen[name] > self.per_kind:  # they come in row order
            if self.scope.wants(ferrors.EncodingError.type):
                self.dropped[(ferrors.EncodingError.type, name)] += 1
            return
        self.undecodable.append(item)

    def _encoding_finding(self, item: Undecodable) -> ErrorDict:
        row_number, field_number, offset, _sequences = item
        name = self._field_name(field_number)
        where = f"byte {offset}"
        if self.spec.parts:  # the offset is in the joined stream: say which part, and where in it
            part, at = part_offset(self.spec.parts, offset)
            where = f"byte {at} of {part.name}"
        note = f"invalid UTF-8 at {where} (row {row_number}" + (f", field {name!r})" if name else ")")
        return {"row": row_number, **error_descriptor(
            ferrors.EncodingError, note=note, rowNumber=row_number, fieldName=name,
            fieldNumber=field_number)}

    def _check_cells(self, batch: Batch) -> None:
        table = batch.table
        rows = batch.rows
        if table.num_rows:
            present = self.columns
            outcomes, hashed = self._outcomes(batch)
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
                picked = table.column(f"c{column.index}").take(ints(flagged))
                flagged, picked = self.dense.skip(column.index, flagged, picked, outcome.missing,
                                                  self.dropped)
                for i, cell in zip(flagged.tolist(), picked.to_pylist(), strict=True):
                    _target, notes = column.read(cell)
                    if notes:
                        self.dense.noted(column.index, notes)
                        self._row(int(rows[i])).notes[column.index] = (notes, str(cell))
            if table.num_rows:
                self._keys_from_table(table, rows, outcomes, hashed)
        if batch.odd:
            self._odd_rows(batch.odd)

    def _start(self, batch: Batch) -> None:
        """Start the vectorised checks of a batch (and the key hashes that need no cell reader)
        on the check threads, side by side (pyarrow's compute functions release the GIL)."""
        if self.pool is None or id(batch) in self.started or not batch.table.num_rows:
            return
        table = batch.table
        keyed = set(self.key_columns)

        def check(column: Column) -> tuple[CellOutcome, Hashed | None]:
            cells = table.column(f"c{column.index}")
            outcome = column.check(cells)
            if column.index in keyed and column.hashes_without_reader(outcome):
                return outcome, column.key_hashes(cells, outcome)
            return outcome, None

        self.started[id(batch)] = {c.index: self.pool.submit(check, c) for c in self.columns if c.vectorised}

    def _outcomes(self, batch: Batch) -> tuple[dict[int, CellOutcome], dict[int, Hashed]]:
        """Every column's check of a batch, and the key hashes that need no cell reader. With
        check threads, the vectorised ones come from them (:meth:`_start`); a check that runs
        frictionless's cell readers runs here, in the caller's thread (a reader's pattern check
        is time-limited only in the main thread). Each result depends on its column and batch
        alone: the findings and their order are the same whichever thread computes them."""
        table = batch.table
        if self.pool is None:
            return {c.index: c.check(table.column(f"c{c.index}")) for c in self.columns}, {}
        self._start(batch)
        futures = self.started.pop(id(batch))
        here = {c.index: c.check(table.column(f"c{c.index}")) for c in self.columns if not c.vectorised}
        outcomes: dict[int, CellOutcome] = {}
        hashed: dict[int, Hashed] = {}
        for c in self.columns:
            if c.index in futures:
                outcomes[c.index], found = futures[c.index].result()
                if found is not None:
                    hashed[c.index] = found
            else:
                outcomes[c.index] = here[c.index]
        return outcomes, hashed

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
                    self.dense.noted(column.index, notes)
                    issue.notes[column.index] = (notes, str(source))
            issue.extra = [(width + 1 + k, str(c)) for k, c in enumerate(cells[width:])]
            issue.missing_fields = list(range(len(cells), width))
            issue.blank = blank_count == width
            key_cells.append(values)
        self._keys_from_values([n for n, _ in odd], key_cells)

    # ---- bounded findings

    def prune(self) -> None:
        """Drop the rows all of whose findings (so far) come after the first ``per_kind`` of
        their type and field, counting them: rows are read in order, so those kept stay the
        first. A key error found later for a dropped row is kept or counted on its own."""
        seen: Counter[tuple[str, str | None]] = Counter()
        for number in sorted(self.rows):
            found = row_errors(self.spec, self.columns, number, self.rows[number])
            errors = [e for e in found if self.scope.wants(e["type"])]
            keys = [cap_key(e) for e in errors]
            seen.update(keys)
            if all(seen[key] > self.per_kind for key in keys):
                self.dropped.update(keys)
                del self.rows[number]
        self.prune_at = max(_PRUNE_ROWS, 2 * len(self.rows))

    def _first_rows(self, found: Iterator[tuple[int, int]], kind: str, field: str | None,
                    also: tuple[str, str | None] | None = None) -> list[tuple[int, int]]:
        """The ``per_kind`` lowest rows of (row, earlier row) pairs; the others counted."""
        total = 0

        def counted() -> Iterator[tuple[int, int]]:
            nonlocal total
            for pair in found:
                total += 1
                yield pair

        first = heapq.nsmallest(self.per_kind, counted())
        for key in [(kind, field), *([also] if also else [])]:
            if self.scope.wants(key[0]):
                self.dropped[key] += total - len(first)
        return first

    # ---- keys

    def _keys_from_table(self, table: pa.Table, rows: I64, outcomes: dict[int, CellOutcome],
                         ready: Mapping[int, Hashed] | None = None) -> None:
        cache: dict[int, Hashed] = dict(ready or {})

        def hashes(index: int) -> Hashed:
            if index not in cache:
                cache[index] = self.columns[index].key_hashes(table.column(f"c{index}"), outcomes[index])
            return cache[index]

        def fail(ref: KeyRef, indices: list[int], at: I64) -> None:
            picked = table.select([f"c{i}" for i in indices]).take(ints(at))
            self._fail(ref, indices, picked, rows[at])

        def pend(ref: KeyRef, indices: list[int], keep: Mask) -> None:
            cells = table.select([f"c{i}" for i in indices]).filter(bools(keep))
            self.fk_pending[ref.index].add(cells.append_column("row", ints(rows[keep])))

        def texts(index: int) -> tuple[pa.Array, Mask] | None:
            column = self.columns[index]
            if not column.text:
                return None
            cells = one_chunk(table.column(f"c{index}"))
            if index in cache:
                return cells, cache[index].null
            return cells, column.text_nulls(cells, outcomes[index])

        self._keys(rows, hashes, fail, pend, texts)

    def _keys_from_values(self, numbers: list[int], values: list[list[Any]]) -> None:
        if not numbers:
            return
        rows = np.array(numbers, dtype=np.int64)

        def hashes(index: int) -> Hashed:
            texts, domains = zip(*(canonical(v[index]) for v in values), strict=True)
            domain = np.array(domains, dtype=np.uint8)
            h1, h2 = hash_texts(strings(list(texts)), domain)
            null = np.array([v[index] is None for v in values], dtype=bool)
            return Hashed(h1, h2, null, domain == NAN)

        def display(indices: list[int], k: int) -> str:
            return ", ".join(str(values[k][i]) for i in indices)

        def fail(ref: KeyRef, indices: list[int], at: I64) -> None:
            for k in at.tolist():
                self.fk_failing[ref.index][numbers[k]] = display(indices, k)

        def pend(ref: KeyRef, indices: list[int], keep: Mask) -> None:
            # rows with the wrong cell count are few: keep what frictionless would show aside
            for k in np.flatnonzero(keep).tolist():
                self.fk_failing.setdefault(-1 - ref.index, {})[numbers[k]] = display(indices, k)

        def texts(index: int) -> tuple[pa.Array, Mask] | None:
            if not self.columns[index].text:
                return None
            cells = [v[index] if isinstance(v[index], str) else None for v in values]
            return strings([c or "" for c in cells]), np.array([c is None for c in cells])

        self._keys(rows, hashes, fail, pend, texts)

    def _keys(self, rows: I64, hashes: Callable[[int], Hashed],
              fail: Callable[[KeyRef, list[int], I64], None],
              pend: Callable[[KeyRef, list[int], Mask], None],
              texts: Callable[[int], tuple[pa.Array, Mask] | None]) -> None:
        """Store the keys of a batch's rows, and check foreign keys that can be checked now."""

        def kept_texts(store: KeyStore, indices: list[int], keep: Mask) -> pa.Array | None:
            if store.texts is None or len(indices) != 1:
                return None
            found = texts(indices[0])
            return found[0].filter(bools(keep)) if found is not None else None

        for index, store in self.unique_stores.items():
            hashed = hashes(index)
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            store.add(h1[keep], h2[keep], rows[keep], kept_texts(store, [index], keep))
        if self.pk_store is not None:
            hashed = combine_hashes([hashes(i) for i in self.spec.primary_key])
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
            hashed = combine_hashes([hashes(i) for i in indices])
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            store.add(h1[keep], h2[keep], rows[keep], kept_texts(store, indices, keep))
        for ref in self.spec.foreign_keys:
            indices = [self.names.index(n) for n in ref.target]
            known_texts = self.fk_texts.get(ref.index)
            found_texts = texts(indices[0]) if known_texts is not None else None
            if known_texts is not None and found_texts is not None:
                cells, null = found_texts
                absent = ~null & ~to_bools(pc.is_in(cells, value_set=known_texts))
                missing = np.flatnonzero(absent)
                if missing.size:
                    fail(ref, indices, missing)
                continue
            hashed = combine_hashes([hashes(i) for i in indices])
            keep = ~hashed.null
            h1, h2 = hashed.keys()
            known = self.fk_known.get(ref.index)
            if known is not None:
                missing = np.flatnonzero(keep & ~contains_keys(known, h1, h2))
                if missing.size:
                    fail(ref, indices, missing)
                continue
            self.fk_stores[ref.index].add(h1[keep], h2[keep], rows[keep])
            pend(ref, indices, keep)

    def resolve_table_keys(self) -> None:
        """Undecodable header cells (never capped), then the duplicate keys of the whole table."""
        for item in self.header_undecodable:
            self.undecodable_cells += 1
            self.undecodable_sequences += item[3]
            self.keep_undecodable(item, capped=False)
        self._resolve_table_keys()

    def _resolve_table_keys(self) -> None:
        for index, store in self.unique_stores.items():
            shares = self.pk_shares and index == self.spec.primary_key[0]
            also = (ferrors.PrimaryKeyError.type, None) if shares else None
            for row, previous in self._first_rows(store.duplicates(), ferrors.UniqueError.type,
                                                  self.names[index], also):
                self._row(row).unique[index] = previous
                if shares:
                    self._row(row).pk = previous
        if self.pk_store is not None and not self.pk_shares:
            for row, previous in self._first_rows(self.pk_store.duplicates(),
                                                  ferrors.PrimaryKeyError.type, None):
                self._row(row).pk = previous

    def referenced_store(self, source_key: tuple[str, ...]) -> KeyStore | None:
        if source_key in self.referenced:
            return self.referenced[source_key]
        if self.pk_store is not None and tuple(self.names[i] for i in self.spec.primary_key) == source_key:
            return self.pk_store
        return None

    def _fail(self, ref: KeyRef, indices: list[int], cells: pa.Table, rows: I64) -> None:
        """Note the foreign-key failure of these rows, with the cells as frictionless shows them."""
        columns = [cells.column(k).to_pylist() for k in range(len(indices))]
        failing = self.fk_failing[ref.index]
        for j, row in enumerate(rows.tolist()):
            failing[int(row)] = ", ".join(
                self.columns[index].display(columns[k][j]) for k, index in enumerate(indices))
        if len(failing) > 2 * self.per_kind:
            self._trim_failing(ref, failing)

    def _trim_failing(self, ref: KeyRef, failing: dict[int, str]) -> None:
        """Keep the ``per_kind`` lowest rows failing a foreign key; count the others."""
        keep = set(heapq.nsmallest(self.per_kind, failing))
        if self.scope.wants(ferrors.ForeignKeyError.type):
            self.dropped[(ferrors.ForeignKeyError.type, ", ".join(ref.target))] += len(failing) - len(keep)
        for row in [r for r in failing if r not in keep]:
            del failing[row]

    def resolve_foreign_keys(self, scans: Mapping[str, TableScan]) -> None:
        """Check the foreign keys that waited for every table to be read."""
        for ref in self.spec.foreign_keys:
            if ref.index in self.fk_known:
                continue
            known = scans[ref.source_name].referenced_store(ref.source_key)
            store = self.fk_stores[ref.index]
            if known is None:
                every: Iterator[int] = (int(r) for _h1, _h2, rows in store.partitions(False) for r in rows)
            else:
                every = missing_rows(store, known)
            failing = {row for row, _ in self._first_rows(
                ((row, 0) for row in every), ferrors.ForeignKeyError.type, ", ".join(ref.target))}
            if not failing:
                continue
            indices = [self.names.index(n) for n in ref.target]
            wanted = np.array(sorted(failing), dtype=np.int64)
            for table in self.fk_pending[ref.index].read():
                rows = to_ints(table.column("row"))
                hits = np.flatnonzero(np.isin(rows, wanted))
                if hits.size:
                    self._fail(ref, indices, table.take(ints(hits)), rows[hits])
            odd = self.fk_failing.get(-1 - ref.index, {})
            for row in failing:
                if row in odd:
                    self.fk_failing[ref.index][row] = odd[row]
        for index, failing_rows in self.fk_failing.items():
            if index < 0:
                continue
            if len(failing_rows) > self.per_kind:
                ref = next(r for r in self.spec.foreign_keys if r.index == index)
                self._trim_failing(ref, failing_rows)
            for row, display in failing_rows.items():
                self._row(row).fk[index] = display
        self.fk_pending = {}

    # ---- findings

    def task(self) -> Task:
        errors: list[ErrorDict] = [e for e in self.spec.header_errors if self.scope.wants(e["type"])]
        encoding = sorted((self._encoding_finding(item) for item in self.undecodable),
                          key=lambda e: e["row"])
        e_at = 0
        for number in sorted(self.rows):
            while e_at < len(encoding) and encoding[e_at]["row"] <= number:
                errors.append({k: v for k, v in encoding[e_at].items() if k != "row"})
                e_at += 1
            found = row_errors(self.spec, self.columns, number, self.rows[number])
            errors.extend(e for e in found if self.scope.wants(e["type"]))
        errors.extend({k: v for k, v in e.items() if k != "row"} for e in encoding[e_at:])
        if self.undecodable_cells and self.scope.wants(ferrors.EncodingError.type):
            errors.append(encoding_summary(self.undecodable_cells, self.undecodable_sequences))
        errors.extend(e for e in self._end_errors() if self.scope.wants(e["type"]))
        rows = self.count or None
        omitted: Counter[str] = Counter()
        for (kind, _field), count in self.dropped.items():
            omitted[kind] += count
        valid = not errors and not any(omitted.values())
        if rows is None and valid:
            rows = 0
        return Task(name=self.spec.name, place=resource_place(self.spec.resource), rows=rows, valid=valid,
                    errors=tuple(errors), omitted=tuple(sorted((k, n) for k, n in omitted.items() if n)))

    def _end_errors(self) -> list[ErrorDict]:
        spec = self.spec
        errors: list[ErrorDict] = []
        if spec.hash_expected is not None and self.digest and self.digest != spec.hash_expected:
            note = f'expected is "{spec.hash_expected}" and actual is "{self.digest}"'
            errors.append(error_descriptor(ferrors.HashCountError, note=note))
        if spec.declared_bytes and spec.declared_bytes != self.size:
            note = f'expected is "{spec.declared_bytes}" and actual is "{self.size}"'
            errors.append(error_descriptor(ferrors.ByteCountError, note=note))
        if spec.declared_fields and spec.declared_fields != spec.schema_fields:
            note = f'expected is "{spec.declared_fields}" and actual is "{spec.schema_fields}"'
            errors.append(error_descriptor(ferrors.FieldCountError, note=note))
        if spec.declared_rows and spec.declared_rows != self.count:
            note = f'expected is "{spec.declared_rows}" and actual is "{self.count}"'
            errors.append(error_descriptor(ferrors.RowCountError, note=note))
        return errors

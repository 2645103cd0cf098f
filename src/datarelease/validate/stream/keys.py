"""Keys: 128-bit hashes of cast values, held in memory up to a budget and spilled to disk by
hash partition beyond it; duplicates and missing references found a partition at a time."""

from __future__ import annotations

import hashlib
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from datarelease.validate.arrays import ints, strings, to_bools, to_ints
from datarelease.validate.stream.common import I64, U64, Mask

_PARTITION_BITS = 6


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


NAN = 9  # the domain of NaN, which in Python equals nothing, not even another NaN
_NAN_SERIAL = itertools.count(1)


def hash_texts(values: pa.Array, domain: npt.NDArray[np.uint8]) -> tuple[U64, U64]:
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
        lengths = np.where(to_bools(values.is_null()), 0, lengths)
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
        rows = np.arange(n)  # the values with bytes left to mix in (longest last to drop out)
        for k in range(width):
            left = lengths[rows] - 8 * k
            if left.min(initial=1) <= 0:  # a hash must not depend on the neighbours' lengths
                rows, left = rows[left > 0], left[left > 0]
            word = np.ascontiguousarray(windows[starts[rows] + 8 * k]).view(np.uint64).ravel()
            if left.min(initial=8) < 8:
                shift = (np.minimum(left, 7) * 8).astype(np.uint64)
                word = word & np.where(left >= 8, _ALL, (np.uint64(1) << shift) - np.uint64(1))
            if len(rows) == n:
                h1 = _fmix(h1 ^ word)
                h2 = _fmix((h2 + word) * _M2)
            else:
                h1[rows] = _fmix(h1[rows] ^ word)
                h2[rows] = _fmix((h2[rows] + word) * _M2)
        h1 = _fmix(h1)
        h2 = _fmix(h2 ^ h1)
    for row in long_rows.tolist():
        text = values[row].as_py()
        digest = hashlib.blake2b(f"{int(domain[row])}:{text}".encode(), digest_size=16).digest()
        h1[row] = np.frombuffer(digest[:8], dtype=np.uint64)[0]
        h2[row] = np.frombuffer(digest[8:], dtype=np.uint64)[0]
    return h1, h2


class Hashed(NamedTuple):
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


def combine_hashes(parts: list[Hashed]) -> Hashed:
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
    return Hashed(h1, h2, all_null, nan)


# --------------------------------------------------------------------------- key stores

_KEY_DTYPE = np.dtype([("h1", "<u8"), ("h2", "<u8"), ("row", "<i8")])
_SMALL_KEYS = 1 << 16


class KeySpace:
    """Temporary storage for every key store of a run, with one memory budget."""

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget
        self.stores: list[KeyStore | _Pending] = []
        self.count = 0

    def store(self, label: str) -> KeyStore:
        self.count += 1
        store = KeyStore(self, self.folder / f"k{self.count}")
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


class KeyStore:
    """(hash, hash, row) records, in memory or spilled to one file per hash partition."""

    def __init__(self, space: KeySpace, stem: Path) -> None:
        self.space = space
        self.stem = stem
        self.chunks: list[tuple[U64, U64, I64]] = []
        self.memory = 0
        self.spilled = False
        self.size = 0
        self._lookup: Lookup | None = None
        # The keys themselves, while they are few and texts (one text field): a foreign key into
        # them is then checked with pyarrow's is_in, without hashing the referring column.
        self.texts: list[pa.Array] | None = []
        self._text_set: pa.Array | None = None
        # Partition files another process spilled (a part of a multipart table), with the number
        # to add to their rows: read with this store's own, partition by partition.
        self.adopted: list[tuple[Path, int]] = []

    def adopt(self, stem: Path, row_offset: int, size: int) -> None:
        """Take in the spilled partitions of a store another process filled (``size`` records;
        rows numbered from 1 there, from ``row_offset + 1`` here). Stores adopt in row order."""
        self.adopted.append((stem, row_offset))
        self.size += size
        self.spilled = True
        self.texts = None
        self._lookup = None

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
        if not split and not self.adopted:
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
            pieces = [_partition(self.stem, p, 0)]
            pieces += [_partition(stem, p, offset) for stem, offset in self.adopted]
            records = pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
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
                              else strings([]))
        return self._text_set

    def lookup(self) -> Lookup:
        """The stored keys, indexed for membership tests (computed once)."""
        if self._lookup is None:
            (h1, h2, _rows), = self.partitions(False)
            self._lookup = Lookup.of(h1, h2)
        return self._lookup


def _partition(stem: Path, p: int, row_offset: int) -> npt.NDArray[Any]:
    name = Path(f"{stem}.{p}")
    records = np.fromfile(name, dtype=_KEY_DTYPE) if name.exists() else np.empty(0, _KEY_DTYPE)
    if row_offset:
        records["row"] += row_offset
    return records


class _Pending:
    """Foreign-key cells kept until the table they refer to has been read (row numbers and the
    cells as read), in memory or spilled to an Arrow IPC stream."""

    def __init__(self, space: KeySpace, path: Path) -> None:
        self.space = space
        self.path = path
        self.tables: list[pa.Table] = []
        self.memory = 0
        self.writer: Any = None
        self.sink: Any = None
        self.adopted: list[tuple[Path, int]] = []

    def adopt(self, path: Path, row_offset: int) -> None:
        """Take in the cells another process kept (see :meth:`finish`), rows shifted."""
        if path.exists():
            self.adopted.append((path, row_offset))

    def finish(self) -> Path:
        """Write every table kept to the file and close it (for another process to adopt)."""
        self.spill()
        if self.writer is not None:
            self.writer.close()
            self.sink.close()
            self.writer = None
        return self.path

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
        for path, row_offset in self.adopted:
            with pa.memory_map(str(path)) as source:
                for batch in pa.ipc.open_stream(source):
                    table = pa.Table.from_batches([batch])
                    at = table.schema.get_field_index("row")
                    shifted = ints(to_ints(table.column(at)) + row_offset)
                    yield table.set_column(at, "row", shifted)


class Lookup(NamedTuple):
    """Keys sorted by h1 and bucketed by its top bits: a membership test reads a bucket (about
    one key) instead of binary-searching all of them (a cache miss per step, at 1M keys ~20)."""

    k1: U64
    k2: U64
    starts: npt.NDArray[np.signedinteger[Any]]
    """Where each bucket starts in k1 (one more entry than buckets)."""
    shift: np.uint64

    @classmethod
    def of(cls, h1: U64, h2: U64) -> Lookup:
        order = np.argsort(h1)
        k1, k2 = h1[order], h2[order]
        bits = min(max(len(k1), 1).bit_length(), _BUCKET_BITS)  # about one key a bucket
        shift = np.uint64(64 - bits)
        counts = np.bincount((k1 >> shift).astype(np.intp), minlength=1 << bits)
        kind = np.int32 if len(k1) < 2**31 else np.int64
        starts = np.concatenate([np.zeros(1, kind), np.cumsum(counts, dtype=kind)])
        return cls(k1, k2, starts, shift)

    def contains(self, h1: U64, h2: U64) -> Mask:
        """Which (h1, h2) are among the keys."""
        bucket = (h1 >> self.shift).astype(np.intp)
        first = self.starts[bucket]
        size = self.starts[bucket + 1] - first
        found: Mask = np.zeros(len(h1), dtype=bool)
        probe = np.flatnonzero(size > 0)
        step = 0
        while probe.size:  # the i-th key of every bucket still looked through, at once
            at = first[probe] + step
            hit = (self.k1[at] == h1[probe]) & (self.k2[at] == h2[probe])
            found[probe[hit]] = True
            step += 1
            probe = probe[~hit & (size[probe] > step)]
        return found


KnownKeys = tuple[dict[int, Lookup], dict[int, pa.Array]]
"""Per foreign key (by index) checked as rows go by: the referenced keys' hashes (indexed), and
the keys themselves when they are few texts."""


_BUCKET_BITS = 22  # at most 4M buckets (16 MB of starts)


def contains_keys(known: Lookup, h1: U64, h2: U64) -> Mask:
    """Which (h1, h2) are among the known keys."""
    return known.contains(h1, h2)


def missing_rows(referencing: KeyStore, referenced: KeyStore) -> Iterator[int]:
    """Rows of ``referencing`` whose key is not in ``referenced``."""
    split = referencing.spilled or referenced.spilled
    known_parts: Iterator[Lookup]
    if split:
        known_parts = (Lookup.of(k1, k2) for k1, k2, _r in referenced.partitions(True))
    else:
        known_parts = iter([referenced.lookup()])
    for (p1, p2, rows), known in zip(referencing.partitions(split), known_parts, strict=True):
        if not len(rows):
            continue
        found = known.contains(p1, p2)
        yield from np.sort(rows[~found]).tolist()

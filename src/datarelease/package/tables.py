"""Writing tables: one pass, batch by batch.

Rows (dicts) or Arrow record batches go through once: each batch becomes an Arrow record batch
with the Table Schema's types, is written as CSV text (formatted column by column by Arrow
compute, byte for byte what csv.writer writes from csv_cell) and as one Parquet row group, and
both files are hashed as they are written. Memory holds one batch, never the whole table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import queue
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from datarelease.progress import Progress
from datarelease.tableschema import arrow_schema, lexical

Row = Mapping[str, Any]
ROW_GROUP_ROWS = 128 * 1024  # large enough for good compression, small enough to skip by stats
ROW_GROUP_BYTES = 64 << 20  # ... and no more than this much Arrow data (wide text tables)
PIECE_ROWS = 8 * 1024  # rows gathered at a time; ROW_GROUP_ROWS is a multiple


@dataclass(frozen=True)
class RowGroups:
    """How tables are cut: Parquet row groups of at most ``rows`` rows and ``bytes`` of Arrow
    data, gathered from pieces of ``piece_rows`` (parameters, so tests can make them small)."""

    rows: int = ROW_GROUP_ROWS
    bytes: int = ROW_GROUP_BYTES
    piece_rows: int = PIECE_ROWS


@dataclass(frozen=True)
class FileInfo:
    """A written file: its path relative to the release root, size and sha256."""

    path: str
    bytes: int
    sha256: str


class _HashingWriter(io.RawIOBase):
    """A binary file that hashes and counts what passes through it."""

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self._target.write(view)
        self.sha256.update(view)
        self.size += view.nbytes
        return view.nbytes

    def tell(self) -> int:
        return self.size


Source: TypeAlias = Iterable[Row] | Iterable[pa.RecordBatch] | pa.Table
"""Rows as dicts, or Arrow record batches (or a table) with the Table Schema's columns."""

# csv.writer quotes a cell holding a comma, a quote or a line feed; a bare carriage return is
# quoted too (a reader ends a line there, so csv.writer's output would not read back).
_NEEDS_QUOTES = '[,"\\n\\r]'


def _record_batches(rows: Source, target: pa.Schema, groups: RowGroups) -> Iterator[pa.RecordBatch]:
    """The rows as record batches with the target types, one per Parquet row group: each
    ``groups.rows`` rows, or fewer if that would pass ``groups.bytes`` (decided by the data
    alone, so the same rows always make the same row groups)."""
    if isinstance(rows, pa.Table):
        rows = rows.to_batches()
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    iterator = itertools.chain([first], iterator)
    if isinstance(first, pa.RecordBatch):
        pieces: Iterator[pa.RecordBatch] = (
            b.select(target.names).cast(target) for b in iterator  # type: ignore[union-attr]
        )
    else:
        pieces = _from_dicts(iterator, target, groups.piece_rows)
    yield from _grouped(_exact(pieces, target, groups.piece_rows), target, groups)


def _from_dicts(rows: Iterator[Any], target: pa.Schema, piece_rows: int) -> Iterator[pa.RecordBatch]:
    while chunk := list(itertools.islice(rows, piece_rows)):
        columns = {name: [row.get(name) for row in chunk] for name in target.names}
        yield pa.RecordBatch.from_pydict(columns, schema=target)


def _exact(batches: Iterator[pa.RecordBatch], target: pa.Schema,
           piece_rows: int) -> Iterator[pa.RecordBatch]:
    """The same rows in pieces of exactly ``piece_rows`` rows (the last may be shorter),
    whatever sizes came in."""
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        held.append(batch)
        count += batch.num_rows
        if count < piece_rows:
            continue
        table = pa.Table.from_batches(held, target)
        at = 0
        while count - at >= piece_rows:
            yield table.slice(at, piece_rows).combine_chunks().to_batches()[0]
            at += piece_rows
        rest = table.slice(at)
        held = rest.combine_chunks().to_batches() if rest.num_rows else []
        count -= at
    if count:
        yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]


def _grouped(pieces: Iterator[pa.RecordBatch], target: pa.Schema,
             groups: RowGroups) -> Iterator[pa.RecordBatch]:
    """Row groups: pieces gathered until ``groups.rows`` rows or ``groups.bytes`` bytes."""
    held: list[pa.RecordBatch] = []
    rows = size = 0
    for piece in pieces:
        held.append(piece)
        rows += piece.num_rows
        size += piece.nbytes
        if rows >= groups.rows or size >= groups.bytes:
            yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]
            held, rows, size = [], 0, 0
    if held:
        yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]


def _csv_text(batch: pa.RecordBatch, fields: Sequence[Mapping[str, Any]]) -> pa.Array:
    """The batch as CSV lines (``\\n`` ended), quoted as csv.writer quotes."""
    cells = []
    for column, field in zip(batch.columns, fields, strict=True):
        text = lexical(column, field)
        needs = pc.match_substring_regex(text, _NEEDS_QUOTES)
        if len(fields) == 1:
            needs = pc.or_(needs, pc.equal(text, ""))  # csv.writer writes a lone empty cell as ""
        if pc.any(needs).as_py():
            quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
            text = pc.if_else(needs, quoted, text)
        cells.append(text)
    lines = pc.binary_join_element_wise(*cells, ",") if len(cells) > 1 else cells[0]
    return pc.binary_join_element_wise(lines, "", "\n")


def _write_text(lines: pa.Array, sink: _HashingWriter) -> None:
    lines = lines.cast(pa.large_string()) if lines.type == pa.string() and len(lines) > (1 << 20) else lines
    width = np.int64 if lines.type == pa.large_string() else np.int32
    offsets = np.frombuffer(lines.buffers()[1], dtype=width)
    start, end = int(offsets[lines.offset]), int(offsets[lines.offset + len(lines)])
    if end > start:
        sink.write(memoryview(lines.buffers()[2])[start:end])


def _header(fields: Sequence[Mapping[str, Any]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([f["name"] for f in fields])
    return text.getvalue().encode("utf-8")


class _TableWriter:
    """CSV and/or Parquet for one table, written batch by batch and hashed as written: the CSV
    text in the calling thread, the Parquet row groups in a second one, side by side."""

    _CSV_ROWS = 16 * 1024  # rows formatted as CSV text at a time (bounds the text in memory)

    def __init__(self, schema: Mapping[str, Any], csv_path: Path | None, parquet_path: Path | None,
                 groups: RowGroups) -> None:
        self.fields = schema["fields"]
        self.groups = groups
        self.target = arrow_schema(schema)
        self._files: list[IO[bytes]] = []
        self.csv: _HashingWriter | None = None
        self.parquet: _HashingWriter | None = None
        self._writer: pq.ParquetWriter | None = None
        self._written = False
        self._queue: queue.Queue[pa.RecordBatch | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        if csv_path is not None:
            self.csv = _HashingWriter(self._open(csv_path))
            self.csv.write(_header(self.fields))
        if parquet_path is not None:
            self.parquet = _HashingWriter(self._open(parquet_path))
            self._writer = pq.ParquetWriter(self.parquet, self.target, compression="zstd",
                                            write_statistics=True)
            self._thread = threading.Thread(target=self._write_parquet, daemon=True,
                                            name="datarelease-parquet")
            self._thread.start()

    def _open(self, path: Path) -> IO[bytes]:
        handle = path.open("wb")
        self._files.append(handle)
        return handle

    def _write_parquet(self) -> None:
        assert self._writer is not None
        try:
            while (batch := self._queue.get()) is not None:
                self._writer.write_table(pa.Table.from_batches([batch], self.target),
                                         row_group_size=self.groups.rows)
                self._written = True
            if not self._written:  # as pq.write_table does: one empty row group
                self._writer.write_table(self.target.empty_table(), row_group_size=self.groups.rows)
        except BaseException as exc:
            self._failure = exc
            while self._queue.get() is not None:  # let the producer finish
                pass

    def write(self, batch: pa.RecordBatch) -> None:
        if self._failure is not None:
            raise self._failure
        if self._thread is not None:
            self._queue.put(batch)
        if self.csv is not None:
            for start in range(0, batch.num_rows, self._CSV_ROWS):
                _write_text(_csv_text(batch.slice(start, self._CSV_ROWS), self.fields), self.csv)

    def close(self) -> None:
        try:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                assert self._writer is not None
                self._writer.close()
                if self._failure is not None:
                    raise self._failure
        finally:
            for handle in self._files:
                handle.close()


def _info(sink: _HashingWriter, path: Path, root: Path) -> FileInfo:
    return FileInfo(path.relative_to(root).as_posix(), sink.size, sink.sha256.hexdigest())


def write_table(rows: Source, schema: Mapping[str, Any], csv_path: Path, parquet_path: Path,
                root: Path, *, progress: bool | Progress | None = None,
                groups: RowGroups = RowGroups()) -> tuple[FileInfo, FileInfo]:
    """Write a table as CSV and Parquet in one pass over its rows, hashing both as written.

    ``rows``: dicts (missing keys are empty cells) or Arrow record batches (or a table) with the
    Table Schema's columns. Parquet: Arrow types from the Table Schema, zstd, row groups of
    :data:`ROW_GROUP_ROWS` rows or :data:`ROW_GROUP_BYTES` with statistics (big enough to
    compress well, many enough to read in parallel, small enough to skip by statistics). Memory
    holds a few row groups, never the table. ``progress``: a :class:`~datarelease.progress.Progress`,
    or whether to show one (``None``: on a terminal outside CI). ``groups``: see :class:`RowGroups`.
    """
    writer = _TableWriter(schema, csv_path, parquet_path, groups)
    report = progress if isinstance(progress, Progress) else Progress.create(progress)
    report.start(csv_path.stem, 0)
    written = 0
    try:
        for batch in _record_batches(rows, writer.target, groups):
            writer.write(batch)
            written += batch.num_rows
            report.update(written, 0)
    finally:
        writer.close()
        report.finish(written)
    assert writer.csv is not None and writer.parquet is not None
    return _info(writer.csv, csv_path, root), _info(writer.parquet, parquet_path, root)


def _write_pass(rows: Source, schema: Mapping[str, Any], csv_path: Path | None,
                parquet_path: Path | None, groups: RowGroups) -> _TableWriter:
    """One pass over ``rows`` into whichever of the two files is asked for."""
    writer = _TableWriter(schema, csv_path, parquet_path, groups)
    try:
        for batch in _record_batches(rows, writer.target, groups):
            writer.write(batch)
    finally:
        writer.close()
    return writer


def write_csv(rows: Source, schema: Mapping[str, Any], path: Path, root: Path, *,
              groups: RowGroups = RowGroups()) -> FileInfo:
    """UTF-8, ``\\n`` line ends, RFC 4180 quoting, header row; hashed while written."""
    writer = _write_pass(rows, schema, path, None, groups)
    assert writer.csv is not None
    return _info(writer.csv, path, root)


def file_info(path: Path, root: Path) -> FileInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return FileInfo(path.relative_to(root).as_posix(), path.stat().st_size, digest.hexdigest())


def write_parquet(rows: Source, schema: Mapping[str, Any], path: Path, root: Path, *,
                  groups: RowGroups = RowGroups()) -> FileInfo:
    """Parquet with column types from the Table Schema, zstd-compressed; hashed while written."""
    writer = _write_pass(rows, schema, None, path, groups)
    assert writer.parquet is not None
    return _info(writer.parquet, path, root)

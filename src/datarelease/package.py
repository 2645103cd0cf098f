"""Rows → ``publish/<table>.csv`` and ``.parquet``, hashes and sizes, and ``datapackage.json``.

Column types come from the Table Schema, never from pandas' guesses: a ``date`` field is an Arrow
``date32`` and ``YYYY-MM-DD`` in CSV, an ``integer`` is ``int64``. Every file is hashed while it is
written. A release is first written into a staging folder next to the target and only moved into
place by :func:`commit_release`, so a failed build leaves ``publish/`` and ``datapackage.json`` as
they were. Output is deterministic to the byte for the same inputs and library versions. The
release log (``RELEASES.md``, when there is one) is listed as the ``changelog`` resource, with its
bytes and sha256 like every other file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from datarelease.engine import Progress
from datarelease.errors import SchemaError
from datarelease.validate import Finding, Report, ResourceSummary

__all__ = [
    "CHANGELOG_RESOURCE",
    "CSV_DIALECT",
    "PARQUET_MEDIATYPE",
    "FileInfo",
    "StagedRelease",
    "arrow_schema",
    "changelog_resource",
    "check_parquet",
    "commit_release",
    "csv_cell",
    "discard_release",
    "load_table_schema",
    "stage_release",
    "write_csv",
    "write_parquet",
    "write_table",
]

Row = Mapping[str, Any]
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# Declared, not sniffed: frictionless guesses a wrong delimiter for some valid files
# (e.g. a quoted cell holding '""'), so every CSV resource states exactly how it was written.
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True,
}
CHANGELOG_RESOURCE = "changelog"  # the release log (RELEASES.md) as a resource of the release
ROW_GROUP_ROWS = 128 * 1024  # large enough for good compression, small enough to skip by stats
ROW_GROUP_BYTES = 64 << 20  # ... and no more than this much Arrow data (wide text tables)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
    "time": pa.time64("us"),
    "year": pa.int64(),
}


@dataclass(frozen=True)
class FileInfo:
    """A written file: its path relative to the release root, size and sha256."""

    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class StagedRelease:
    """A complete release written under ``staging``; nothing in the target root changed yet."""

    root: Path
    staging: Path
    descriptor: dict[str, Any]
    files: tuple[FileInfo, ...]


def load_table_schema(path: Path) -> dict[str, Any]:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaError(f"cannot read Table Schema: {exc}", path=path) from exc
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) and f.get("name") for f in fields):
        raise SchemaError("a Table Schema needs a 'fields' list of objects with a 'name'", path=path)
    return dict(schema)


def arrow_type(field: Mapping[str, Any]) -> pa.DataType:
    kind = field.get("type", "string")
    if kind == "list":
        return pa.list_(_ARROW_TYPES.get(field.get("itemType", "string"), pa.string()))
    return _ARROW_TYPES.get(kind, pa.string())


def arrow_schema(schema: Mapping[str, Any]) -> pa.Schema:
    """The Arrow schema for a Table Schema; descriptions travel as field metadata."""
    return pa.schema([
        pa.field(
            f["name"], arrow_type(f),
            nullable=not f.get("constraints", {}).get("required", False),
            metadata={"description": f["description"]} if f.get("description") else None,
        )
        for f in schema["fields"]
    ])


def csv_cell(value: Any, field: Mapping[str, Any]) -> str:
    """A value as Table Schema's lexical form; ``None`` is the empty missing value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return str(field.get("delimiter", ",")).join(str(v) for v in value)
    return str(value)


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


# --- writing tables: one pass, batch by batch ---------------------------------------------------
#
# Rows (dicts) or Arrow record batches go through once: each batch becomes an Arrow record batch
# with the Table Schema's types, is written as CSV text (formatted column by column by Arrow
# compute, byte for byte what csv.writer writes from csv_cell) and as one Parquet row group, and
# both files are hashed as they are written. Memory holds one batch, never the whole table.

Source: TypeAlias = Iterable[Row] | Iterable[pa.RecordBatch] | pa.Table
"""Rows as dicts, or Arrow record batches (or a table) with the Table Schema's columns."""

# csv.writer quotes a cell holding a comma, a quote or a line feed; a bare carriage return is
# quoted too (a reader ends a line there, so csv.writer's output would not read back).
_NEEDS_QUOTES = '[,"\\n\\r]'


def _record_batches(rows: Source, target: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The rows as record batches with the target types, one per Parquet row group: each
    :data:`ROW_GROUP_ROWS` rows, or fewer if that would pass :data:`ROW_GROUP_BYTES` (decided by
    the data alone, so the same rows always make the same row groups)."""
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
        pieces = _from_dicts(iterator, target)
    yield from _grouped(_exact(pieces, target), target)


_PIECE_ROWS = 8 * 1024  # ROW_GROUP_ROWS is a multiple


def _from_dicts(rows: Iterator[Any], target: pa.Schema) -> Iterator[pa.RecordBatch]:
    while chunk := list(itertools.islice(rows, _PIECE_ROWS)):
        columns = {name: [row.get(name) for row in chunk] for name in target.names}
        yield pa.RecordBatch.from_pydict(columns, schema=target)


def _exact(batches: Iterator[pa.RecordBatch], target: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The same rows in pieces of exactly :data:`_PIECE_ROWS` rows (the last may be shorter),
    whatever sizes came in."""
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        held.append(batch)
        count += batch.num_rows
        if count < _PIECE_ROWS:
            continue
        table = pa.Table.from_batches(held, target)
        at = 0
        while count - at >= _PIECE_ROWS:
            yield table.slice(at, _PIECE_ROWS).combine_chunks().to_batches()[0]
            at += _PIECE_ROWS
        rest = table.slice(at)
        held = rest.combine_chunks().to_batches() if rest.num_rows else []
        count -= at
    if count:
        yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]


def _grouped(pieces: Iterator[pa.RecordBatch], target: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Row groups: pieces gathered until :data:`ROW_GROUP_ROWS` rows or
    :data:`ROW_GROUP_BYTES` bytes."""
    held: list[pa.RecordBatch] = []
    rows = size = 0
    for piece in pieces:
        held.append(piece)
        rows += piece.num_rows
        size += piece.nbytes
        if rows >= ROW_GROUP_ROWS or size >= ROW_GROUP_BYTES:
            yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]
            held, rows, size = [], 0, 0
    if held:
        yield pa.Table.from_batches(held, target).combine_chunks().to_batches()[0]


def _lexical(column: pa.Array, field: Mapping[str, Any]) -> pa.Array:
    """Each value's Table Schema lexical form (:func:`csv_cell`), missing values as ``""``."""
    kind = field.get("type", "string")
    kinds = pa.types
    if kinds.is_string(column.type):
        text = column
    elif (kind in ("integer", "year") and kinds.is_integer(column.type)) or (
            kind == "date" and kinds.is_date32(column.type)):
        text = column.cast(pa.string())  # the same digits as str(int) and date.isoformat()
    elif kind == "boolean" and kinds.is_boolean(column.type):
        text = pc.if_else(column, "true", "false")
    elif (kinds.is_list(column.type) and kinds.is_string(column.type.value_type)
          and not pc.any(pc.is_null(pc.list_flatten(column))).as_py()):
        text = pc.binary_join(column, str(field.get("delimiter", ",")))
    else:  # numbers, datetimes, times: Python's own formatting, as csv_cell does
        text = pa.array([csv_cell(value, field) for value in column.to_pylist()], pa.string())
    return pc.fill_null(text, "")


def _csv_text(batch: pa.RecordBatch, fields: Sequence[Mapping[str, Any]]) -> pa.Array:
    """The batch as CSV lines (``\\n`` ended), quoted as csv.writer quotes."""
    cells = []
    for column, field in zip(batch.columns, fields, strict=True):
        text = _lexical(column, field)
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

    def __init__(self, schema: Mapping[str, Any], csv_path: Path | None, parquet_path: Path | None
                 ) -> None:
        self.fields = schema["fields"]
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
                                         row_group_size=ROW_GROUP_ROWS)
                self._written = True
            if not self._written:  # as pq.write_table does: one empty row group
                self._writer.write_table(self.target.empty_table(), row_group_size=ROW_GROUP_ROWS)
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
                root: Path, *, progress: bool | None = None) -> tuple[FileInfo, FileInfo]:
    """Write a table as CSV and Parquet in one pass over its rows, hashing both as written.

    ``rows``: dicts (missing keys are empty cells) or Arrow record batches (or a table) with the
    Table Schema's columns. Parquet: Arrow types from the Table Schema, zstd, row groups of
    :data:`ROW_GROUP_ROWS` rows or :data:`ROW_GROUP_BYTES` with statistics (big enough to
    compress well, many enough to read in parallel, small enough to skip by statistics). Memory
    holds a few row groups, never the table. ``progress``: as :class:`engine.Progress`.
    """
    writer = _TableWriter(schema, csv_path, parquet_path)
    report = Progress.create(progress)
    report.start(csv_path.stem, 0)
    written = 0
    try:
        for batch in _record_batches(rows, writer.target):
            writer.write(batch)
            written += batch.num_rows
            report.update(written, 0)
    finally:
        writer.close()
        report.finish(written)
    assert writer.csv is not None and writer.parquet is not None
    return _info(writer.csv, csv_path, root), _info(writer.parquet, parquet_path, root)


def _write_pass(rows: Source, schema: Mapping[str, Any], csv_path: Path | None,
                parquet_path: Path | None) -> _TableWriter:
    """One pass over ``rows`` into whichever of the two files is asked for."""
    writer = _TableWriter(schema, csv_path, parquet_path)
    try:
        for batch in _record_batches(rows, writer.target):
            writer.write(batch)
    finally:
        writer.close()
    return writer


def write_csv(rows: Source, schema: Mapping[str, Any], path: Path, root: Path) -> FileInfo:
    """UTF-8, ``\\n`` line ends, RFC 4180 quoting, header row; hashed while written."""
    writer = _write_pass(rows, schema, path, None)
    assert writer.csv is not None
    return _info(writer.csv, path, root)


def _file_info(path: Path, root: Path) -> FileInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return FileInfo(path.relative_to(root).as_posix(), path.stat().st_size, digest.hexdigest())


def write_parquet(rows: Source, schema: Mapping[str, Any], path: Path, root: Path) -> FileInfo:
    """Parquet with column types from the Table Schema, zstd-compressed; hashed while written."""
    writer = _write_pass(rows, schema, None, path)
    assert writer.parquet is not None
    return _info(writer.parquet, path, root)


def _resource(table: str, info: FileInfo, schema: Mapping[str, Any], schema_path: str,
              fmt: str) -> dict[str, Any]:
    csv_format = fmt == "csv"
    resource: dict[str, Any] = {
        "name": table if csv_format else f"{table}-parquet",
        # frictionless 5.21 reads Parquet without counting bytes and cannot cast Arrow lists, so
        # the Parquet twin is a "file" to it (bytes and hash checked); datarelease checks its
        # columns and values against the CSV twin (see check_parquet).
        "type": "table" if csv_format else "file",
        "path": info.path,
        "format": fmt,
        "mediatype": "text/csv" if csv_format else PARQUET_MEDIATYPE,
    }
    if csv_format:
        resource["encoding"] = "utf-8"
        resource["dialect"] = dict(CSV_DIALECT)
    resource.update({
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": schema.get("title", table) + ("" if csv_format else " (Parquet)"),
        "description": _description(schema, table, csv_format),
        "schema": schema_path,
    })
    return resource


def _description(schema: Mapping[str, Any], table: str, csv_format: bool) -> str:
    """The table's description; a Parquet twin also says what it is and names its CSV twin."""
    text = str(schema.get("description", ""))
    if csv_format:
        return text
    return (f"Apache Parquet copy of the CSV resource {table!r}: the same rows and columns, typed "
            f"(read it with pyarrow, pandas or DuckDB). {text}").strip()


def changelog_resource(info: FileInfo) -> dict[str, Any]:
    """The release log as a resource: a Markdown file, checked by its bytes and hash, no schema."""
    return {
        "name": CHANGELOG_RESOURCE,
        "type": "file",
        "path": info.path,
        "format": "md",
        "mediatype": "text/markdown",
        "encoding": "utf-8",
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": f"Release notes ({PurePosixPath(info.path).name})",
        "description": "What changed in each release of this dataset and why it has its version "
                       "number, newest first.",
    }


def build_descriptor(metadata: Mapping[str, Any], resources: list[dict[str, Any]]) -> dict[str, Any]:
    """``datapackage.json``: metadata keys in a fixed order, then the resources."""
    descriptor: dict[str, Any] = {"$schema": PROFILE}
    for key in ("name", "title", "description", "version", "homepage", "created", "keywords",
                "language", "licenses", "contributors", "publisher", "contactPoint", "themes",
                "spatialCoverage", "temporalCoverage",
                "sources", "personalData", "rights"):
        if metadata.get(key) not in (None, "", []):
            descriptor[key] = metadata[key]
    descriptor["resources"] = resources
    return descriptor


def _stage_dir(root: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".datarelease-staging-", dir=root))


def stage_release(tables: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any], *,
                  root: Path, schemas_dir: Path, release_log: Path | None = None) -> StagedRelease:
    """Write every table as CSV and Parquet plus ``datapackage.json`` into a staging folder.

    The staging folder mirrors the release root (``publish/``, ``schemas/``,
    ``datapackage.json``) so that it can be validated as it will be published. ``release_log``
    (``RELEASES.md`` in ``root``), when given, is listed last as the ``changelog`` resource; a copy
    in the staging folder is what is hashed and validated. It is an input: :func:`commit_release`
    leaves the file in ``root`` as it is.
    """
    staging = _stage_dir(root)
    try:
        shutil.copytree(schemas_dir, staging / "schemas")
        (staging / "publish").mkdir()
        resources: list[dict[str, Any]] = []
        files: list[FileInfo] = []
        for table, rows in tables.items():
            schema_file = schemas_dir / f"{table}.json"
            schema = load_table_schema(schema_file)
            schema_ref = f"schemas/{table}.json"
            csv_info, parquet_info = write_table(
                rows, schema, staging / "publish" / f"{table}.csv",
                staging / "publish" / f"{table}.parquet", staging)
            resources.append(_resource(table, csv_info, schema, schema_ref, "csv"))
            resources.append(_resource(table, parquet_info, schema, schema_ref, "parquet"))
            files += [csv_info, parquet_info]
        if release_log is not None:
            relative = release_log.relative_to(root)
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(release_log, staging / relative)
            log_info = _file_info(staging / relative, staging)
            resources.append(changelog_resource(log_info))
            files.append(log_info)
        descriptor = build_descriptor(metadata, resources)
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StagedRelease(root, staging, descriptor, tuple(files))


def discard_release(staged: StagedRelease) -> None:
    shutil.rmtree(staged.staging, ignore_errors=True)


def commit_release(staged: StagedRelease) -> None:
    """Move the staged ``publish/`` and ``datapackage.json`` into the root.

    Each step is a rename on the same file system: ``publish/`` is swapped whole, then the
    descriptor replaces the old one. Schemas and the release log are inputs and are not touched.
    """
    root, staging = staged.root, staged.staging
    publish, previous = root / "publish", staging / "publish.previous"
    try:
        if publish.exists():
            os.replace(publish, previous)
        os.replace(staging / "publish", publish)
        os.replace(staging / "datapackage.json", root / "datapackage.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- the Parquet twins ----------------------------------------------------------------------------

def _parquet_finding(resource: Mapping[str, Any], note: str, row: int | None = None,
                     field: str | None = None) -> Finding:
    return Finding(resource=resource["name"], type="parquet-mismatch", row_number=row,
                   field_name=field, field_number=None,
                   message=f"The Parquet file does not match its CSV twin: {note}", note=note,
                   path=resource.get("path"))


def _twin_findings(parquet: Mapping[str, Any], csv_resource: Mapping[str, Any],
                   schema: Mapping[str, Any], root: Path) -> list[Finding]:
    """Columns must have the Table Schema's Arrow types; values must equal the CSV's cells.

    Both files are read batch by batch, side by side; the first differing value is reported.
    """
    try:
        source = pq.ParquetFile(root / parquet["path"])
    except (OSError, pa.ArrowException) as exc:
        return [_parquet_finding(parquet, f"cannot be read as Parquet: {exc}")]
    expected = arrow_schema(schema)
    actual = source.schema_arrow.remove_metadata()
    if actual != expected.remove_metadata():
        return [_parquet_finding(parquet, f"columns are {actual}, "
                                          f"the Table Schema asks for {expected.remove_metadata()}")]
    fields = schema["fields"]
    csv_rows = 0
    row = 2
    try:
        pairs = _aligned(source.iter_batches(batch_size=ROW_GROUP_ROWS), _csv_batches(
            root / csv_resource["path"], len(fields)))
        for values, cells in pairs:
            if values is None or cells is None:
                csv_rows = -1
                break
            for index, field in enumerate(fields):
                differs = pc.not_equal(_lexical(values.column(index), field), cells.column(index))
                if pc.any(differs).as_py():
                    at = int(np.flatnonzero(np.asarray(differs, dtype=bool))[0])
                    return [_parquet_finding(parquet, "a value differs", row + at, field["name"])]
            row += values.num_rows
    except (OSError, pa.ArrowException) as exc:
        return [_parquet_finding(parquet, f"cannot be read as Parquet: {exc}")]
    if csv_rows < 0:
        csv_total = _csv_row_count(root / csv_resource["path"], len(fields))
        return [_parquet_finding(parquet, f"{source.metadata.num_rows} rows, the CSV has {csv_total}")]
    return []


def _csv_batches(path: Path, width: int) -> Iterator[pa.RecordBatch]:
    """A CSV written by this module, as record batches of strings (the header skipped)."""
    names = [f"c{i}" for i in range(width)]
    reader = pcsv.open_csv(
        path,
        read_options=pcsv.ReadOptions(column_names=names, skip_rows=1, block_size=16 << 20),
        parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    yield from reader


def _csv_row_count(path: Path, width: int) -> int:
    return sum(batch.num_rows for batch in _csv_batches(path, width))


def _aligned(left: Iterable[pa.RecordBatch], right: Iterable[pa.RecordBatch]
             ) -> Iterator[tuple[pa.RecordBatch | None, pa.RecordBatch | None]]:
    """Equal-length slices of two streams of batches, in order; (None, None) once one stream
    runs out before the other."""
    lefts, rights = iter(left), iter(right)
    a = b = None
    while True:
        if a is None or not a.num_rows:
            a = next(lefts, None)
            while a is not None and not a.num_rows:
                a = next(lefts, None)
        if b is None or not b.num_rows:
            b = next(rights, None)
            while b is not None and not b.num_rows:
                b = next(rights, None)
        if a is None and b is None:
            return
        if a is None or b is None:
            yield None, None
            return
        size = min(a.num_rows, b.num_rows)
        yield a.slice(0, size), b.slice(0, size)
        a, b = a.slice(size), b.slice(size)


def check_parquet(descriptor_path: Path) -> Report:
    """Compare every Parquet resource with the CSV resource that shares its Table Schema."""
    root = descriptor_path.parent
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources = descriptor.get("resources", [])
    csv_by_schema = {r["schema"]: r for r in resources
                     if r.get("format") == "csv" and isinstance(r.get("schema"), str)}
    findings: list[Finding] = []
    summaries: list[ResourceSummary] = []
    for parquet in (r for r in resources if r.get("format") == "parquet"):
        twin = csv_by_schema.get(parquet.get("schema"))
        if twin is None or not isinstance(parquet.get("schema"), str):
            continue
        schema = load_table_schema(root / parquet["schema"])
        found = _twin_findings(parquet, twin, schema, root)
        findings += found
        summaries.append(ResourceSummary(parquet["name"], parquet.get("path"), None, not found,
                                         len(found)))
    return Report(str(descriptor_path), tuple(findings), tuple(summaries))

"""Rows → ``publish/<table>.csv`` and ``.parquet``, hashes and sizes, and ``datapackage.json``.

Column types come from the Table Schema, never from pandas' guesses: a ``date`` field is an Arrow
``date32`` and ``YYYY-MM-DD`` in CSV, an ``integer`` is ``int64``. Every file is hashed while it is
written. A release is first written into a staging folder next to the target and only moved into
place by :func:`commit_release`, so a failed build leaves ``publish/`` and ``datapackage.json`` as
they were. Output is deterministic to the byte for the same inputs and library versions. The
release log (``RELEASES.md``, when there is one) is listed as the ``changelog`` resource, with its
bytes and sha256 like every other file. Figures made from the tables (the organisation network
as SVG) are written to ``publish/`` and listed after the tables, as files with bytes and sha256.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import io
import itertools
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from datarelease.errors import DataReleaseError
from datarelease.progress import Progress
from datarelease.tableschema import arrow_schema, lexical, load_table_schema

__all__ = [
    "CHANGELOG_RESOURCE",
    "COMMIT_STEPS",
    "CSV_DIALECT",
    "PARQUET_MEDIATYPE",
    "Figure",
    "FileInfo",
    "RowGroups",
    "StagedRelease",
    "changelog_resource",
    "commit_release",
    "discard_release",
    "figure_resource",
    "make_staging",
    "recover_release",
    "release_staging",
    "remove_stale_staging",
    "stage_release",
    "write_csv",
    "write_parquet",
    "write_table",
]

Row = Mapping[str, Any]
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
PARQUET_FORMAT = "Parquet"
"""The Parquet twins' ``format`` (see :func:`_resource`: a file to frictionless, not a table)."""
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# Declared, not sniffed: frictionless guesses a wrong delimiter for some valid files
# (e.g. a quoted cell holding '""'), so every CSV resource states exactly how it was written.
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True,
}
CHANGELOG_RESOURCE = "changelog"  # the release log (RELEASES.md) as a resource of the release
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


@dataclass(frozen=True)
class Figure:
    """A file drawn from the tables (e.g. an SVG), written as ``publish/<name>.<format>``."""

    name: str
    content: bytes
    format: str
    mediatype: str
    title: str
    description: str


@dataclass(frozen=True)
class StagedRelease:
    """A complete release written under ``staging``; nothing in the target root changed yet."""

    root: Path
    staging: Path
    descriptor: dict[str, Any]
    files: tuple[FileInfo, ...]
    lock: int = -1
    """The open, locked file that marks ``staging`` as in use (see :func:`make_staging`)."""










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


def _file_info(path: Path, root: Path) -> FileInfo:
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


def _resource(table: str, info: FileInfo, schema: Mapping[str, Any], schema_path: str,
              fmt: str) -> dict[str, Any]:
    csv_format = fmt == "csv"
    resource: dict[str, Any] = {"name": table if csv_format else f"{table}-parquet"}
    if csv_format:
        resource["type"] = "table"
    # The Parquet twin has no "type": Data Package v2 allows only "table" there, and frictionless
    # 5.21 reads a Parquet *table* without counting its bytes and cannot cast Arrow lists (false
    # byte-count and type errors). Its format is written "Parquet", which frictionless does not
    # take for its tabular "parquet", so to frictionless it is a file (bytes and hash checked);
    # datarelease checks its columns and values against the CSV twin (validate.twins).
    resource.update({
        "path": info.path,
        "format": fmt if csv_format else PARQUET_FORMAT,
        "mediatype": "text/csv" if csv_format else PARQUET_MEDIATYPE,
    })
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
    return {  # no "type": Data Package v2 knows only "table"; a Markdown file is a file to frictionless
        "name": CHANGELOG_RESOURCE,
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


def figure_resource(figure: Figure, info: FileInfo) -> dict[str, Any]:
    """A figure as a resource: a file (no schema) checked by its bytes and hash, like the changelog
    (no ``"type"``: Data Package v2 knows only ``"table"``; an SVG is a file to frictionless)."""
    return {
        "name": figure.name,
        "path": info.path,
        "format": figure.format,
        "mediatype": figure.mediatype,
        "encoding": "utf-8",
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": figure.title,
        "description": figure.description,
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


# --- staging folders: in use while their lock is held, removable once it is not ------------------
#
# A staging folder holds a file locked with flock(2) by the process that made it. The kernel
# releases the lock when that process ends however it ends (SIGKILL included), so a later run
# tells a folder left by a killed run (lock free) from one another run is using (lock held).

STAGING_PREFIX = ".datarelease-staging-"
_LOCK_NAME = ".datarelease-lock"
_UNLOCKED_GRACE = 60.0  # seconds: a folder without a lock file may be one being created


def make_staging(parent: Path, prefix: str = STAGING_PREFIX) -> tuple[Path, int]:
    """A fresh hidden folder in ``parent`` and the locked descriptor that marks it in use."""
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        lock = os.open(staging / _LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, lock


def release_staging(staging: Path, lock: int) -> None:
    """Remove a staging folder made by :func:`make_staging` and let go of its lock."""
    shutil.rmtree(staging, ignore_errors=True)
    if lock >= 0:
        with contextlib.suppress(OSError):
            os.close(lock)


def _in_use(folder: Path) -> bool:
    try:
        lock = os.open(folder / _LOCK_NAME, os.O_RDWR)
    except FileNotFoundError:
        with contextlib.suppress(OSError):
            return time.time() - folder.stat().st_mtime < _UNLOCKED_GRACE
        return False
    except OSError:
        return True
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(lock)
    return False


def remove_stale_staging(parent: Path, prefix: str = STAGING_PREFIX) -> list[Path]:
    """Remove staging folders in ``parent`` that no running process holds (a killed run's)."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for folder in parent.glob(f"{prefix}*"):
        if folder.is_dir() and not folder.is_symlink() and not _in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def stage_release(tables: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any], *,
                  root: Path, schemas_dir: Path, release_log: Path | None = None,
                  figures: Sequence[Figure] = ()) -> StagedRelease:
    """Write every table as CSV and Parquet plus ``datapackage.json`` into a staging folder.

    The staging folder mirrors the release root (``publish/``, ``schemas/``,
    ``datapackage.json``) so that it can be validated as it will be published. ``release_log``
    ``figures`` are written to ``publish/`` and listed after the tables. ``release_log``
    (``RELEASES.md`` in ``root``), when given, is listed last as the ``changelog`` resource; a copy
    in the staging folder is what is hashed and validated. It is an input: :func:`commit_release`
    leaves the file in ``root`` as it is.
    """
    recover_release(root)
    staging, lock = make_staging(root)
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
        for figure in figures:
            path = staging / "publish" / f"{figure.name}.{figure.format}"
            path.write_bytes(figure.content)
            info = _file_info(path, staging)
            resources.append(figure_resource(figure, info))
            files.append(info)
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
        release_staging(staging, lock)
        raise
    return StagedRelease(root, staging, descriptor, tuple(files), lock)


def discard_release(staged: StagedRelease) -> None:
    release_staging(staged.staging, staged.lock)


# --- the switch: journalled, so that a run killed half-way is rolled back by the next one ---------
#
# The release is two things in the root, publish/ and datapackage.json, and no rename moves two
# things at once. So the switch writes a journal first (naming the staging folder and which of
# the two existed), then moves the old ones into the staging folder and the new ones into the
# root, then deletes the journal: that deletion is the moment the new release counts. A run
# killed before it leaves the journal, and the next build (or recover_release) puts the old
# release back from the staging folder, rename by rename; every step is safe to repeat.

JOURNAL = ".datarelease-commit.json"
_RELEASE_ITEMS = ("publish", "datapackage.json")
COMMIT_STEPS = ("journal", "old publish", "old datapackage.json", "new publish",
                "new datapackage.json", "forget journal", "clean")
"""The steps of :func:`commit_release`, in order; ``step`` is called with each before it runs."""


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(root: Path, staging: Path, had: list[str]) -> None:
    temporary = root / f"{JOURNAL}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"staging": staging.name, "had": had}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / JOURNAL)
    _fsync_dir(root)


def commit_release(staged: StagedRelease, *, step: Callable[[str], None] | None = None) -> None:
    """Move the staged ``publish/`` and ``datapackage.json`` into the root, as one switch.

    Each move is a rename on the same file system, recorded in a journal first (see above), so
    a failure or a kill at any point leaves a root that :func:`recover_release` (run by every
    build) turns back into the previous release. ``step`` (for tests) is called with each of
    :data:`COMMIT_STEPS` before it runs. Schemas and the release log are inputs, not touched.
    """
    root, staging = staged.root, staged.staging
    hook = step or (lambda name: None)
    try:
        hook("journal")
        _write_journal(root, staging, [n for n in _RELEASE_ITEMS if (root / n).exists()])
        for name in _RELEASE_ITEMS:
            hook(f"old {name}")
            if (root / name).exists():
                os.replace(root / name, staging / f"{name}.previous")
        for name in _RELEASE_ITEMS:
            hook(f"new {name}")
            os.replace(staging / name, root / name)
        _fsync_dir(root)
        hook("forget journal")
        (root / JOURNAL).unlink()
        _fsync_dir(root)
    except BaseException:
        _roll_back(root)
        release_staging(staging, staged.lock)
        raise
    hook("clean")
    release_staging(staging, staged.lock)


def _roll_back(root: Path) -> bool:
    """Undo a switch the journal says did not finish; False when there is no journal."""
    journal = root / JOURNAL
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        name = str(record["staging"])
        had = set(record["had"])
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataReleaseError(f"{journal}: unreadable build journal ({exc}); restore publish/ "
                               "and datapackage.json from version control and delete it") from None
    if "/" in name or not name.startswith(STAGING_PREFIX):
        raise DataReleaseError(f"{journal}: names {name!r}, not a staging folder; delete it")
    staging = root / name
    for item in _RELEASE_ITEMS:
        current, previous, new_home = root / item, staging / f"{item}.previous", staging / item
        if previous.exists():  # the old one was moved out: bring it back
            if current.exists():
                _move_aside(current, new_home)
            os.replace(previous, current)
        elif item not in had and current.exists() and not new_home.exists():
            _move_aside(current, new_home)  # a first build's new file: there was nothing before
    _fsync_dir(root)
    journal.unlink()
    _fsync_dir(root)
    return True


def _move_aside(path: Path, to: Path) -> None:
    if to.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    else:
        to.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, to)


def recover_release(root: Path) -> bool:
    """Finish what a killed build left: roll back a half-done switch, remove stale staging.

    Returns True when a switch was rolled back. Raises when another build is switching now.
    """
    journal = root / JOURNAL
    if journal.exists():
        try:
            name = str(json.loads(journal.read_text(encoding="utf-8")).get("staging", ""))
        except (OSError, ValueError, AttributeError):
            name = ""
        if name and "/" not in name and (root / name).is_dir() and _in_use(root / name):
            raise DataReleaseError(f"another build is switching the release in {root} right now")
    rolled_back = _roll_back(root)
    remove_stale_staging(root)
    with contextlib.suppress(FileNotFoundError):
        (root / f"{JOURNAL}.tmp").unlink()
    return rolled_back

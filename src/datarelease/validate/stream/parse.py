"""Parsing: each piece of a file into an Arrow batch with pyarrow's CSV reader, or with Python's
``csv`` module (what frictionless reads with) where the fast path cannot be exact."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from datarelease.validate.arrays import bools, ints, strings
from datarelease.validate.stream.common import I64, Undecodable
from datarelease.validate.stream.read import (
    DECODE_ERRORS,
    RECORDED,
    Chunk,
    open_stream,
    record_ends,
    undecodable,
)
from datarelease.validate.stream.spec import TableSpec
from datarelease.validate.stream.transcode import HandOver, transcode

_NO_BYTES = ints([0])[0]
"""0 as an Arrow scalar: a Python 0 would go through ``pa.scalar`` (see ``validate.arrays``)."""

# --------------------------------------------------------------------------- parsing runs

SetAside = tuple[int | None, str]
"""A record pyarrow set aside (a cell count other than the header's): its number in the run
(from 1) when pyarrow knows it, and its text (without its line end)."""


@dataclass
class Batch:
    """The records of one run: the well-formed ones as a table of strings, the others apart."""

    table: pa.Table
    rows: I64
    """Row number of each table row."""
    odd: list[tuple[int, list[str]]]
    """(row number, cells) of records with a cell count other than the header's."""
    count: int
    """Records in the run."""
    encoding_errors: list[Undecodable]
    """The cells holding undecodable bytes."""


class Parser:
    """Turns runs of records into batches: pyarrow's CSV reader (one thread: the engine runs
    reading, parsing and checking side by side), Python's csv module where pyarrow cannot
    tell."""

    def __init__(self, spec: TableSpec) -> None:
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
        self.empty_is_missing = all("" in missing_values(f) for f in spec.fields)

    def _read_options(self, block_size: int = 1 << 20) -> pcsv.ReadOptions:
        # 1 MB blocks parse faster than one big block (they stay in cache); the columns come in
        # several chunks, which the checks take as they are.
        return pcsv.ReadOptions(column_names=self.names, use_threads=False, block_size=block_size)

    def _read_csv(self, data: Any, parse_options: pcsv.ParseOptions, invalid: list[SetAside],
                  carriage_returns: bool = True) -> pa.Table:
        """pyarrow's reading of a run; a record longer than a block (a geometry, a long text)
        makes it give up ("straddling object"), so such a run is read as one block (and the
        records it set aside before giving up are forgotten: they are set aside again). A run
        with a CR is read as one block too: where one of pyarrow's blocks ends between the CR
        and the LF of a CR LF inside a quoted cell, pyarrow (26) drops the LF from the cell."""
        if not carriage_returns:
            try:
                return pcsv.read_csv(pa.py_buffer(data), read_options=self._read_options(),
                                     parse_options=parse_options, convert_options=self.convert_options)
            except pa.ArrowInvalid as exc:
                if "straddling" not in str(exc):
                    raise
            invalid.clear()
        return pcsv.read_csv(pa.py_buffer(data), read_options=self._read_options(len(data) + 1),
                             parse_options=parse_options, convert_options=self.convert_options)

    def parse(self, chunk: Chunk, first_row: int) -> Batch:
        offset = chunk.offset
        if self.spec.encoding != "utf-8":  # a single-byte encoding: its runs read as UTF-8
            chunk.data = transcode(chunk.data, self.spec.encoding, self.spec.name)
        if self.width == 0 or chunk.irregular:
            return self._python(bytes(chunk.data), first_row, offset)
        invalid: list[SetAside] = []

        def on_invalid(row: Any) -> str:
            invalid.append((row.number, row.text))
            return "skip"

        parse_options = pcsv.ParseOptions(
            delimiter=self.spec.delimiter, quote_char=self.spec.quote, double_quote=True,
            escape_char=False, newlines_in_values=True, ignore_empty_lines=False,
            invalid_row_handler=on_invalid,
        )
        encoding_errors: list[Undecodable] = []
        data = chunk.data
        try:
            table = self._read_csv(data, parse_options, invalid, chunk.carriage_returns)
        except pa.ArrowInvalid as exc:
            if "UTF8" not in str(exc) and "utf8" not in str(exc).lower():
                raise
            encoding_errors, data = self._repair(bytes(data), first_row, offset)
            chunk.data = data
            invalid.clear()
            table = self._read_csv(data, parse_options, invalid, chunk.carriage_returns)
        needs_records = bool(invalid)
        if not needs_records and not self.empty_is_missing and table.num_rows:
            needs_records = self._has_empty_rows(table)
        if not needs_records:
            rows = np.arange(first_row, first_row + table.num_rows, dtype=np.int64)
            return Batch(table, rows, [], table.num_rows, encoding_errors)
        return self._with_records(data, table, invalid, first_row, encoding_errors)

    def _has_empty_rows(self, table: pa.Table) -> bool:
        empty = None
        for column in table.columns:
            is_empty = pc.equal(pc.utf8_length(column), _NO_BYTES)
            empty = is_empty if empty is None else pc.and_(empty, is_empty)
        return bool(pc.any(empty).as_py())

    def _with_records(self, data: Any, table: pa.Table, invalid: list[SetAside], first_row: int,
                      encoding_errors: list[Undecodable]) -> Batch:
        """Locate the records pyarrow set aside (wrong cell count) or could not tell apart (an
        empty line and a line of empty cells), reading those few with Python's csv module."""
        numbered = self._numbered(table, invalid, first_row, encoding_errors)
        if numbered is not None:
            return numbered
        data = bytes(data)
        texts = [text for _number, text in invalid]
        starts, ends = record_ends(data, self.quote)
        empty = ends == starts
        odd_mask = np.zeros(len(starts), dtype=bool)
        located = self._locate(data, texts, starts, ends)
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
            table = table.filter(bools(keep[~set_aside]))
        return Batch(table, record_rows[keep], odd, len(starts), encoding_errors)

    def _numbered(self, table: pa.Table, invalid: list[SetAside], first_row: int,
                  encoding_errors: list[Undecodable]) -> Batch | None:
        """The batch from the records pyarrow set aside as it numbered them (records of the
        run, from 1: what the rows are counted in), without looking for them in the bytes; None
        when it cannot be read so (a number unknown or out of order, or empty lines that Python
        reads as no cells, which only the bytes tell apart)."""
        if not self.empty_is_missing:
            return None
        count = table.num_rows + len(invalid)
        indices = [number - 1 if isinstance(number, int) else -1 for number, _text in invalid]
        if any(not 0 <= i < count for i in indices) or any(b <= a for a, b in itertools.pairwise(indices)):
            return None
        record_rows = np.arange(first_row, first_row + count, dtype=np.int64)
        odd = [(int(record_rows[i]),
                next(csv.reader(io.StringIO(text, newline=""), dialect=self.python_dialect), []))
               for i, (_number, text) in zip(indices, invalid, strict=True)]
        keep = np.ones(count, dtype=bool)
        keep[indices] = False
        return Batch(table, record_rows[keep], odd, count, encoding_errors)

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
                ) -> tuple[list[Undecodable], bytes]:
        """Where the undecodable bytes are (row, field, file offset), and the run with each
        replaced by U+FFFD."""
        errors, text = undecodable(data, self.quote, self.delimiter, first_row, offset)
        return errors, text.encode("utf-8")

    def python_from(self, start: int, skip: int, first_row: int) -> Iterator[Batch]:
        """Read the file from ``start`` with Python's csv module (exactly as frictionless
        does), skipping ``skip`` records first, in batches."""
        errors: list[int] = []  # Python's csv module cannot say where: one finding, at the first
        utf8 = self.spec.encoding == "utf-8"
        with open_stream(self.spec) as raw:
            raw.seek(start)
            text = io.TextIOWrapper(raw, encoding=self.spec.encoding,
                                    errors=DECODE_ERRORS if utf8 else "strict", newline="")
            records = csv.reader(text, dialect=self.python_dialect)
            for _ in range(skip):
                next(records, None)
            row = first_row
            while True:
                RECORDED.clear()
                try:
                    part = list(itertools.islice(records, _PYTHON_BATCH))
                except UnicodeDecodeError as exc:  # a byte a single-byte encoding leaves undefined
                    raise HandOver(self.spec.name) from exc
                if not part:
                    return
                batch = self._records(part, row, [])
                if RECORDED and not errors:
                    errors.append(row)
                    batch.encoding_errors.append((row, None, start, len(RECORDED)))
                row += len(part)
                yield batch

    def _python(self, data: bytes, first_row: int, offset: int) -> Batch:
        """Read a run with Python's csv module (exactly as frictionless does)."""
        encoding_errors: list[Undecodable] = []
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            RECORDED.clear()
            text = data.decode("utf-8", errors=DECODE_ERRORS)
            encoding_errors.append((first_row, None, offset, len(RECORDED)))
            RECORDED.clear()
        records = list(csv.reader(io.StringIO(text, newline=""), dialect=self.python_dialect))
        return self._records(records, first_row, encoding_errors)

    def _records(self, records: list[list[str]], first_row: int,
                 encoding_errors: list[Undecodable]) -> Batch:
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
        table = pa.table({name: strings(column)
                          for name, column in zip(self.names, columns, strict=True)})
        if not self.width:
            table = pa.table({})
        return Batch(table, np.array(rows, dtype=np.int64), odd, len(records), encoding_errors)

_PYTHON_BATCH = 65_536


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


def missing_values(f: Any) -> list[str]:
    values = f.missing_values
    if not f.has_defined("missing_values") and f.schema:
        values = f.schema.missing_values
    return [str(v) for v in values]

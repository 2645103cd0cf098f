"""The Parquet-twin check: every Parquet resource must hold the Arrow types its Table Schema asks
for and exactly the values of the CSV resource that shares that schema."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from datarelease.tableschema import arrow_schema, lexical, load_table_schema
from datarelease.validate.report import Finding, Report, ResourceSummary

__all__ = ["check_parquet"]

BATCH_ROWS = 128 * 1024  # rows compared at a time


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
        pairs = _aligned(source.iter_batches(batch_size=BATCH_ROWS), _csv_batches(
            root / csv_resource["path"], len(fields)))
        for values, cells in pairs:
            if values is None or cells is None:
                csv_rows = -1
                break
            for index, field in enumerate(fields):
                differs = pc.not_equal(lexical(values.column(index), field), cells.column(index))
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


def check_parquet(descriptor_path: Path, descriptor: Mapping[str, Any] | None = None) -> Report:
    """Compare every Parquet resource with the CSV resource that shares its Table Schema
    (``descriptor``: the descriptor already read, else ``descriptor_path`` is read as JSON)."""
    root = descriptor_path.parent
    if descriptor is None:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, Mapping)]
    csv_by_schema = {r["schema"]: r for r in resources
                     if _format(r) == "csv" and isinstance(r.get("schema"), str)}
    findings: list[Finding] = []
    summaries: list[ResourceSummary] = []
    for parquet in (r for r in resources if _format(r) == "parquet"):
        twin = csv_by_schema.get(parquet.get("schema"))
        if twin is None or not isinstance(parquet.get("schema"), str):
            continue
        schema = load_table_schema(root / parquet["schema"])
        found = _twin_findings(parquet, twin, schema, root)
        findings += found
        summaries.append(ResourceSummary(parquet["name"], parquet.get("path"), None, not found,
                                         len(found)))
    return Report(str(descriptor_path), tuple(findings), tuple(summaries))


def _format(resource: Mapping[str, Any]) -> str:
    return str(resource.get("format") or "").lower()  # the release writes "Parquet" (see package)

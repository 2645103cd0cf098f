"""Text cells a spreadsheet would read as a formula: a warning, never a change to the data.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before one of those) is run as a formula when the file is opened in Excel,
LibreOffice or Google Sheets ("CSV injection"). datarelease publishes data as its sources state
it, so it does not alter such cells: :func:`check_formulas` reports each text field that holds
them as one ``formula-injection`` finding of severity ``warning`` (the count and the first row),
which does not make a release invalid. The README tells consumers how to open the files safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from datarelease.tableschema import load_table_schema
from datarelease.validate.report import Finding, Report

__all__ = ["FORMULA_PREFIXES", "check_formulas"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PATTERN = "^[=+\\-@\\t\\r]"
_TEXT_TYPES = ("string",)
_BLOCK_BYTES = 8 * 1024 * 1024


def check_formulas(descriptor: Mapping[str, Any], root: Path) -> Report:
    """A ``formula-injection`` warning per text field of each local CSV table whose cells start
    like a formula. Tables it cannot read are left alone (validation reports what is wrong)."""
    findings: list[Finding] = []
    for resource in descriptor.get("resources") or []:
        if isinstance(resource, Mapping):
            findings += _resource_findings(resource, root)
    return Report(target=str(root), findings=tuple(findings), resources=())


def _resource_findings(resource: Mapping[str, Any], root: Path) -> list[Finding]:
    path = resource.get("path")
    fmt = str(resource.get("format") or Path(str(path)).suffix.lstrip(".")).lower()
    if not isinstance(path, str) or fmt not in ("csv", "tsv"):
        return []
    schema = _schema(resource, root)
    if schema is None:
        return []
    text_fields = [f["name"] for f in schema.get("fields", [])
                   if isinstance(f, Mapping) and f.get("type", "string") in _TEXT_TYPES
                   and isinstance(f.get("name"), str)]
    dialect = resource.get("dialect") if isinstance(resource.get("dialect"), Mapping) else {}
    assert isinstance(dialect, Mapping)
    try:
        counts = _scan(root / path, text_fields, str(dialect.get("delimiter") or
                                                     ("\t" if fmt == "tsv" else ",")),
                       str(dialect.get("quoteChar") or '"'))
    except (OSError, pa.ArrowException, ValueError):
        return []
    name = str(resource.get("name") or path)
    return [_finding(name, path, field, count, first) for field, (count, first) in counts.items()]


def _schema(resource: Mapping[str, Any], root: Path) -> Mapping[str, Any] | None:
    schema = resource.get("schema")
    if isinstance(schema, str):
        try:
            return load_table_schema(root / schema)
        except Exception:  # unreadable schemas are validation's to report
            return None
    return schema if isinstance(schema, Mapping) else None


def _scan(path: Path, fields: list[str], delimiter: str, quote: str) -> dict[str, tuple[int, int]]:
    """field → (cells that start like a formula, the first one's row, header = row 1)."""
    if not fields:
        return {}
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=_BLOCK_BYTES),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char=quote, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(fields, pa.string()),
                                             include_columns=fields, include_missing_columns=True,
                                             strings_can_be_null=False))
    found: dict[str, tuple[int, int]] = {}
    offset = 1  # the header row
    for batch in reader:
        for field in fields:
            column = batch.column(field)
            hits = pc.fill_null(pc.match_substring_regex(column, _PATTERN), False)
            count = pc.sum(hits).as_py() or 0
            if count:
                first = pc.index(hits, True).as_py()
                before = found.get(field)
                found[field] = (before[0] + count, before[1]) if before else (count, offset + first + 1)
        offset += batch.num_rows
    return found


def _finding(resource: str, path: str, field: str, count: int, row: int) -> Finding:
    cells = "1 cell starts" if count == 1 else f"{count} cells start"
    note = (f"{cells} with =, +, -, @, a tab or a carriage return (the first at row {row}): a "
            "spreadsheet may run it as a formula; the data is published as it is")
    return Finding(resource=resource, type="formula-injection", row_number=row, field_name=field,
                   field_number=None, message=f"Cells that look like formulas: {note}", note=note,
                   path=path, severity="warning")

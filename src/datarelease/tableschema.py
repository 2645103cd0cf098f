"""Table Schemas as this project reads them: loading one, the Arrow types its fields map to, and
the lexical (CSV) form of values. Shared by package, validate and diff; imports no engine."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from datarelease.errors import SchemaError

__all__ = ["arrow_schema", "arrow_type", "csv_cell", "lexical", "load_table_schema"]

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


def lexical(column: pa.Array, field: Mapping[str, Any]) -> pa.Array:
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

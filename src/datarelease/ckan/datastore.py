"""Table Schema → DataStore: column definitions and a CSV row's values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from datarelease.errors import SchemaError

# Table Schema types to PostgreSQL types the DataStore accepts; anything else is stored as text.
_DATASTORE_TYPES = {
    "string": "text", "integer": "int8", "number": "numeric", "boolean": "bool", "date": "date",
    "datetime": "timestamp", "time": "time", "year": "int4", "object": "json", "array": "json",
    "list": "_text",
}
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def datastore_fields(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    """DataStore column definitions, typed from the Table Schema, with its titles and descriptions."""
    return [{"id": f["name"], "type": _DATASTORE_TYPES.get(f.get("type", "string"), "text"),
             "info": {"label": f.get("title") or "", "notes": f.get("description") or ""}}
            for f in schema.get("fields", [])]


def datastore_primary_key(schema: Mapping[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def datastore_record(schema: Mapping[str, Any], row: Mapping[str, str], *, where: str) -> dict[str, Any]:
    """One CSV row as DataStore values: missing values as null, lists split, JSON parsed.

    Numbers, dates and times stay strings: PostgreSQL parses them exactly (no float rounding).
    """
    missing = set(schema.get("missingValues", [""]))
    record: dict[str, Any] = {}
    for field in schema.get("fields", []):
        name, kind, raw = field["name"], field.get("type", "string"), row.get(field["name"])
        if raw is None or raw in missing:
            record[name] = None
            continue
        try:
            record[name] = _cast(field, kind, raw)
        except ValueError as exc:
            raise SchemaError(f"{raw!r} is not a valid {kind} ({exc})", path=where,
                              location=f"field {name}") from None
    return record


def _cast(field: Mapping[str, Any], kind: str, raw: str) -> Any:
    if kind in ("integer", "year"):
        return int(raw)
    if kind == "boolean":
        if raw in field.get("trueValues", _TRUE):
            return True
        if raw in field.get("falseValues", _FALSE):
            return False
        raise ValueError("not one of its true or false values")
    if kind == "list":
        return raw.split(field.get("delimiter", ","))
    if kind in ("object", "array"):
        return json.loads(raw)
    return raw

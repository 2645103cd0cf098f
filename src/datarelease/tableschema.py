"""Table Schemas as this project reads them: loading one, the Arrow types its fields map to, the
lexical (CSV) form of values, and what changed between two schemas (each change marked breaking or
not). Shared by package, validate and diff; imports no engine."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from datarelease.errors import SchemaError

__all__ = ["SchemaChange", "arrow_schema", "arrow_type", "csv_cell", "lexical", "load_table_schema",
           "schema_changes"]

# Field properties that only document a field: changing them changes no data.
_DOC_PROPERTIES = {"description", "title", "example", "examples", "rdfType"}
# Schema properties that are compared separately (keys) or only document the schema.
_SCHEMA_HANDLED = {"fields", "primaryKey", "foreignKeys", "title", "description", "$schema"}

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


# --------------------------------------------------------------------------- schema changes


@dataclass(frozen=True)
class SchemaChange:
    """One change to a table's schema; ``breaking`` if it can break a consumer."""

    kind: str
    """``field-added``, ``field-removed``, ``field-retyped``, ``constraint-changed``,
    ``fields-reordered``, ``primary-key-changed``, ``foreign-keys-changed``,
    ``field-documented``, ``field-property-changed`` or ``schema-property-changed``."""
    field: str | None
    old: Any
    new: Any
    breaking: bool
    summary: str


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _type_of(f: Mapping[str, Any]) -> str:
    kind = str(f.get("type", "any"))
    return f"list of {f.get('itemType', 'string')}" if kind == "list" else kind


def _stricter(name: str, old: Any, new: Any) -> bool:
    """Whether changing constraint ``name`` from ``old`` to ``new`` can reject data once valid."""
    if new is None:
        return False
    if old is None:
        return name not in ("required", "unique") or bool(new)
    if name in ("required", "unique"):
        return bool(new) and not bool(old)
    try:
        if name in ("minimum", "minLength", "exclusiveMinimum"):
            return bool(new > old)
        if name in ("maximum", "maxLength", "exclusiveMaximum"):
            return bool(new < old)
    except TypeError:  # bounds of different kinds (a text and a number): assume stricter
        return True
    if name == "enum":
        if not isinstance(new, list) or not isinstance(old, list):
            return True
        return not set(map(str, new)) >= set(map(str, old))
    return True  # pattern, jsonSchema and anything else: a new rule may reject old data


def _constraint_changes(name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SchemaChange]:
    changes = []
    old_c, new_c = dict(old.get("constraints") or {}), dict(new.get("constraints") or {})
    old_c["format"], new_c["format"] = old.get("format"), new.get("format")
    for key in sorted(set(old_c) | set(new_c)):
        before, after = old_c.get(key), new_c.get(key)
        if key == "format":
            before = None if before in (None, "default") else before
            after = None if after in (None, "default") else after
        if before == after:
            continue
        stricter = _stricter(key, before, after)
        word = "stricter" if stricter else "looser"
        changes.append(SchemaChange(
            "constraint-changed", name, {key: before}, {key: after}, stricter,
            f"field '{name}': {key} {_show(before)} → {_show(after)} ({word})"))
    return changes


def _field_changes(name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SchemaChange]:
    changes = []
    if _type_of(old) != _type_of(new):
        changes.append(SchemaChange("field-retyped", name, _type_of(old), _type_of(new), True,
                                    f"field '{name}' retyped: {_type_of(old)} → {_type_of(new)}"))
    changes += _constraint_changes(name, old, new)
    for key in sorted((set(old) | set(new)) - {"name", "type", "format", "constraints", "itemType"}):
        if old.get(key) == new.get(key):
            continue
        documents = key in _DOC_PROPERTIES
        changes.append(SchemaChange(
            "field-documented" if documents else "field-property-changed", name,
            {key: old.get(key)}, {key: new.get(key)}, not documents,
            f"field '{name}': {key} changed" + ("" if documents else
                                                f" ({_show(old.get(key))} → {_show(new.get(key))})")))
    return changes


def schema_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SchemaChange]:
    """Every difference between two Table Schemas, each marked breaking or not."""
    old_fields = {f["name"]: f for f in old.get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("fields", [])}
    changes: list[SchemaChange] = []
    for name in old_fields.keys() - new_fields.keys():
        changes.append(SchemaChange("field-removed", name, _type_of(old_fields[name]), None, True,
                                    f"field '{name}' removed"))
    for name in [n for n in new_fields if n not in old_fields]:
        required = bool((new_fields[name].get("constraints") or {}).get("required"))
        changes.append(SchemaChange(
            "field-added", name, None, _type_of(new_fields[name]), required,
            f"field '{name}' added ({_type_of(new_fields[name])}, "
            f"{'required' if required else 'optional'})"))
    for name in [n for n in new_fields if n in old_fields]:
        changes += _field_changes(name, old_fields[name], new_fields[name])
    shared_old = [n for n in old_fields if n in new_fields]
    shared_new = [n for n in new_fields if n in old_fields]
    if shared_old != shared_new:
        changes.append(SchemaChange("fields-reordered", None, shared_old, shared_new, True,
                                    "fields reordered: CSV columns move"))
    if list(old.get("primaryKey") or []) != list(new.get("primaryKey") or []):
        changes.append(SchemaChange(
            "primary-key-changed", None, old.get("primaryKey"), new.get("primaryKey"), True,
            f"primary key {_show(old.get('primaryKey'))} → {_show(new.get('primaryKey'))}"))
    old_fk = sorted(json.dumps(k, sort_keys=True) for k in old.get("foreignKeys") or [])
    new_fk = sorted(json.dumps(k, sort_keys=True) for k in new.get("foreignKeys") or [])
    if old_fk != new_fk:
        changes.append(SchemaChange(
            "foreign-keys-changed", None, old.get("foreignKeys"), new.get("foreignKeys"), True,
            f"foreign keys changed ({len(set(new_fk) - set(old_fk))} added, "
            f"{len(set(old_fk) - set(new_fk))} removed)"))
    for key in sorted((set(old) | set(new)) - _SCHEMA_HANDLED):
        if old.get(key) != new.get(key):
            changes.append(SchemaChange(
                "schema-property-changed", None, {key: old.get(key)}, {key: new.get(key)}, True,
                f"schema {key} {_show(old.get(key))} → {_show(new.get(key))}"))
    return changes

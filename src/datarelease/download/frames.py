"""A downloaded or local release as typed pandas DataFrames (:func:`load`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from datarelease import tableschema
from datarelease.download.checks import safe_path
from datarelease.download.result import DESCRIPTOR_NAME
from datarelease.errors import SchemaError, VerificationError


def load(path: Path | str) -> dict[str, pd.DataFrame]:
    """A release (a folder holding ``datapackage.json``, or the descriptor) as typed DataFrames.

    One frame per table, keyed by the CSV resource's name; read from the table's Parquet twin
    (the resource sharing its schema, or named ``<table>-parquet``), else from the CSV with the
    Table Schema's types. Integers are ``Int64``, strings ``string``, booleans ``boolean``,
    numbers ``Float64`` (all nullable); dates, times and lists are Arrow-backed
    (``date32[day][pyarrow]``: values are ``datetime.date``).
    """
    descriptor_path = Path(path)
    if descriptor_path.is_dir():
        descriptor_path = descriptor_path / DESCRIPTOR_NAME
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        raise SchemaError(f"cannot read the descriptor: {exc}", path=descriptor_path) from None
    root = descriptor_path.parent
    resources = [r for r in descriptor.get("resources") or [] if isinstance(r, dict)]
    parquets = [r for r in resources if str(r.get("format", "")).lower() == "parquet"]
    frames: dict[str, pd.DataFrame] = {}
    used: set[int] = set()
    for resource in resources:
        if not _is_csv(resource):
            continue
        twin = _parquet_twin(resource, parquets)
        schema = _table_schema(resource, root, descriptor_path)
        if twin is not None:
            used.add(id(twin))
            frames[resource["name"]] = _read_parquet(_local(twin, root, descriptor_path), schema)
        else:
            frames[resource["name"]] = _read_csv(_local(resource, root, descriptor_path), resource,
                                                 schema)
    for twin in parquets:
        if id(twin) not in used:
            name = str(twin["name"]).removesuffix("-parquet")
            frames[name] = _read_parquet(_local(twin, root, descriptor_path),
                                         _table_schema(twin, root, descriptor_path))
    return frames


def _is_csv(resource: Mapping[str, Any]) -> bool:
    fmt = str(resource.get("format") or "").lower()
    path = str(resource.get("path") or "")
    return fmt in ("csv", "tsv") or (not fmt and path.lower().endswith((".csv", ".tsv")))


def _parquet_twin(resource: Mapping[str, Any], parquets: list[dict[str, Any]]) -> dict[str, Any] | None:
    for twin in parquets:
        if twin.get("name") == f"{resource['name']}-parquet":
            return twin
    schema = resource.get("schema")
    if isinstance(schema, str):
        return next((t for t in parquets if t.get("schema") == schema), None)
    return None


def _local(resource: Mapping[str, Any], root: Path, descriptor: Path) -> Path:
    try:
        return root / safe_path(resource.get("path"), f"resource '{resource.get('name')}'")
    except VerificationError as exc:
        raise SchemaError(str(exc), path=descriptor) from None


def _table_schema(resource: Mapping[str, Any], root: Path, descriptor: Path) -> dict[str, Any] | None:
    schema = resource.get("schema")
    if isinstance(schema, dict):
        return schema
    if isinstance(schema, str):
        try:
            return tableschema.load_table_schema(root / safe_path(schema, "schema"))
        except VerificationError as exc:
            raise SchemaError(str(exc), path=descriptor) from None
    return None


def _pandas_dtype(arrow: pa.DataType) -> Any:
    """The nullable pandas dtype for an Arrow type; None keeps pyarrow's default."""
    if pa.types.is_integer(arrow):
        return pd.Int64Dtype()
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return pd.StringDtype()
    if pa.types.is_boolean(arrow):
        return pd.BooleanDtype()
    if pa.types.is_floating(arrow):
        return pd.Float64Dtype()
    if (pa.types.is_date(arrow) or pa.types.is_time(arrow) or pa.types.is_list(arrow)
            or pa.types.is_large_list(arrow)):
        return pd.ArrowDtype(arrow)
    return None


def _frame(table: pa.Table) -> pd.DataFrame:
    frame: pd.DataFrame = table.to_pandas(types_mapper=_pandas_dtype)
    return frame


def _read_parquet(path: Path, schema: Mapping[str, Any] | None) -> pd.DataFrame:
    try:
        table = pq.read_table(path)
        if schema is not None:
            table = table.cast(tableschema.arrow_schema(schema))
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise SchemaError(f"cannot read as the Table Schema's types: {exc}", path=path) from None
    return _frame(table)


def _read_csv(path: Path, resource: Mapping[str, Any], schema: Mapping[str, Any] | None) -> pd.DataFrame:
    """CSV with the Table Schema's types: lists are read as text, then split on their delimiter."""
    dialect = resource.get("dialect")
    dialect = dialect if isinstance(dialect, dict) else {}
    missing = list((schema or {}).get("missingValues", [""]))
    read = pacsv.ReadOptions(encoding=str(resource.get("encoding") or "utf-8"))
    parse = pacsv.ParseOptions(delimiter=str(dialect.get("delimiter", ",")))
    types = {}
    if schema is not None:
        types = {f["name"]: pa.string() if f.get("type") == "list" else tableschema.arrow_type(f)
                 for f in schema["fields"]}
    convert = pacsv.ConvertOptions(column_types=types, null_values=missing, strings_can_be_null=True,
                                   true_values=["true", "True", "TRUE", "1"],
                                   false_values=["false", "False", "FALSE", "0"])
    try:
        table = pacsv.read_csv(path, read_options=read, parse_options=parse, convert_options=convert)
        for field in (schema or {}).get("fields", []):
            if field.get("type") == "list":
                table = _split_list(table, field)
    except (OSError, pa.ArrowException) as exc:
        raise SchemaError(f"cannot read as the Table Schema's types: {exc}", path=path) from None
    return _frame(table)


def _split_list(table: pa.Table, field: Mapping[str, Any]) -> pa.Table:
    name = field["name"]
    split = pc.split_pattern(table[name], pattern=str(field.get("delimiter", ",")))
    column = split.cast(tableschema.arrow_type(field))
    return table.set_column(table.schema.get_field_index(name), name, column)

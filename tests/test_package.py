from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Dialect, Resource, Schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.errors import SchemaError
from datarelease.package import (
    CSV_DIALECT,
    commit_release,
    stage_release,
    write_csv,
    write_parquet,
)
from datarelease.tableschema import arrow_schema, csv_cell, load_table_schema

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True}},
        {"name": "count", "type": "integer"},
        {"name": "share", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "flag", "type": "boolean"},
        {"name": "tags", "type": "list", "itemType": "string", "delimiter": "|"},
    ],
    "missingValues": [""],
    "primaryKey": ["id"],
}

# Text that CSV keeps as it is: no NUL, not empty (empty is the missing value), no delimiter in
# list items, no surrounding white space that a reader might strip.
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
_cell_text = _text.filter(lambda s: s == s.strip() and s != "")
_row = st.fixed_dictionaries({
    "id": _cell_text,
    "count": st.none() | st.integers(-(2**63), 2**63 - 1),
    "share": st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64),
    "day": st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    "flag": st.none() | st.booleans(),
    "tags": st.none() | st.lists(_cell_text.filter(lambda s: "|" not in s), min_size=1, max_size=3),
})


def test_arrow_types_come_from_the_table_schema() -> None:
    schema = arrow_schema(SCHEMA)
    assert schema.field("count").type == pa.int64()
    assert schema.field("day").type == pa.date32()
    assert schema.field("tags").type == pa.list_(pa.string())
    assert not schema.field("id").nullable and schema.field("count").nullable


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), (True, "true"), (False, "false"), (dt.date(2020, 9, 10), "2020-09-10"),
    (["a", "b"], "a|b"), (3, "3"), (0.5, "0.5"),
])
def test_csv_cells_use_table_schema_lexical_forms(value: object, expected: str) -> None:
    assert csv_cell(value, {"delimiter": "|"}) == expected


def test_csv_is_utf8_lf_rfc4180(tmp_path: Path) -> None:
    rows = [{"id": 'a "quoted", text', "count": 1, "tags": ["x", "y"]}, {"id": "å\nb"}]
    info = write_csv(rows, SCHEMA, tmp_path / "t.csv", tmp_path)
    data = (tmp_path / "t.csv").read_bytes()
    assert data == ('id,count,share,day,flag,tags\n"a ""quoted"", text",1,,,,x|y\n'
                    '"å\nb",,,,,\n').encode()
    assert info.bytes == len(data) and info.path == "t.csv"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, max_size=8, unique_by=lambda r: r["id"]))
def test_rows_survive_csv_and_parquet_unchanged(tmp_path: Path, rows: list[dict[str, Any]]) -> None:
    write_csv(rows, SCHEMA, tmp_path / "t.csv", tmp_path)
    write_parquet(rows, SCHEMA, tmp_path / "t.parquet", tmp_path)
    assert pq.read_table(tmp_path / "t.parquet").to_pylist() == rows
    resource = Resource(path="t.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(SCHEMA),
                        dialect=Dialect.from_descriptor(CSV_DIALECT))
    with resource:
        from_csv = [row.to_dict() for row in resource.row_stream]
    # frictionless reads numbers as Decimal; the shortest repr we write must round-trip to the float
    as_floats = [{k: float(v) if isinstance(v, Decimal) else v for k, v in r.items()} for r in from_csv]
    assert as_floats == rows


def test_a_broken_schema_is_named(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"fields": [{"type": "string"}]}')
    with pytest.raises(SchemaError, match=r"t\.json: a Table Schema needs"):
        load_table_schema(path)


def _stage(root: Path, schemas: Path, rows: list[dict[str, Any]]) -> Any:
    return stage_release({"t": rows}, {"name": "p", "version": "1.0.0"}, root=root,
                         schemas_dir=schemas)


def test_staging_is_deterministic_and_commit_replaces_the_release(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "t.json").write_text(json.dumps(SCHEMA))
    root = tmp_path / "root"
    root.mkdir()
    rows = [{"id": "a", "count": 2, "day": dt.date(2020, 1, 2), "tags": ["x"]}]
    first, second = _stage(root, schemas, rows), _stage(root, schemas, rows)
    for name in ["datapackage.json", "publish/t.csv", "publish/t.parquet"]:
        assert (first.staging / name).read_bytes() == (second.staging / name).read_bytes()
    assert (root / "publish").exists() is False
    commit_release(first)
    commit_release(second)
    descriptor = json.loads((root / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == ["t", "t-parquet"]
    csv_resource = descriptor["resources"][0]
    assert csv_resource["hash"] == "sha256:" + first.files[0].sha256
    assert csv_resource["bytes"] == (root / "publish/t.csv").stat().st_size
    assert sorted(p.name for p in root.iterdir()) == ["datapackage.json", "publish"]

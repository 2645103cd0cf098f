"""What changed between two releases: schemas, rows and metadata, table by table.

A *side* is a release folder, a ``datapackage.json``, a zip of a release, or (through
:func:`diff_any`) a dataset on a CKAN portal. Each side is opened as a folder
holding ``datapackage.json``; zips are unpacked into a temporary folder.

Rows are compared in DuckDB, never in Python lists, so a diff of two million-row tables streams
from the files and keeps memory bounded (``MEMORY_LIMIT``; DuckDB spills to a temporary folder;
``benchmarks/bench_diff.py``: two releases of a 1M-row table in about 3.5 s and 340 MiB, of a
4M-row table in about 12 s and 880 MiB, on two cores):

- a table with the same primary key on both sides is joined on that key: rows only in NEW are
  *added*, only in OLD *removed*, and rows in both whose shared fields differ are *changed*, with
  the fields that changed;
- a table without a primary key is compared as a multiset of rows (``EXCEPT ALL`` both ways): a
  row whose value changed shows as one removed and one added row, and the result says so;
- a primary key that cannot match rows (its fields are missing on the other side) is an
  :class:`IncompatibleKeysError`.

Rows are read from the Parquet twins when both sides have them (typed, columnar), otherwise from
the CSV files as text. Only fields present on both sides are compared; fields added or removed
show in the schema changes. The counts are exact; the examples are the first ``examples`` rows in
key order.

Every schema change carries ``breaking``: whether it can break a consumer (a removed or retyped
field, a stricter constraint, a changed key, a removed table). :mod:`datarelease.release` decides
the version bump from it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import duckdb

from datarelease.errors import IncompatibleKeysError, InputError, PortalError, SchemaError

if TYPE_CHECKING:
    from datarelease.ckan import Portal

__all__ = [
    "FORMATS",
    "ChangedRow",
    "IncompatibleKeysError",
    "MetadataChange",
    "ReleaseDiff",
    "RowDiff",
    "SchemaChange",
    "Side",
    "TableDiff",
    "diff_any",
    "diff_releases",
    "diff_sides",
    "open_side",
    "portal_side",
    "render",
    "schema_changes",
]

FORMATS = ("text", "markdown", "json")
MEMORY_LIMIT = "1GB"
"""DuckDB's memory limit for one diff; past it, joins and set operations spill to disk."""
DEFAULT_EXAMPLES = 5

# Field properties that only document a field: changing them changes no data.
_DOC_PROPERTIES = {"description", "title", "example", "examples", "rdfType"}
_FIELD_STRUCTURE = {"name", "type", "format", "constraints", "itemType"} | _DOC_PROPERTIES
# Schema properties that are compared separately (keys) or only document the schema.
_SCHEMA_HANDLED = {"fields", "primaryKey", "foreignKeys", "title", "description", "$schema"}
# Descriptor properties that are not metadata of the release as a whole.
_NOT_METADATA = {"resources", "$schema"}


# --------------------------------------------------------------------------- result data


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


@dataclass(frozen=True)
class ChangedRow:
    key: dict[str, Any]
    changes: dict[str, tuple[Any, Any]]
    """field → (old value, new value), only the fields that differ."""


@dataclass(frozen=True)
class RowDiff:
    method: Literal["primary-key", "multiset"]
    key: tuple[str, ...]
    """The fields rows are matched on (empty for a multiset comparison)."""
    compared_fields: tuple[str, ...]
    source: Literal["parquet", "csv"]
    old_rows: int
    new_rows: int
    added: int
    removed: int
    changed: int
    changed_fields: dict[str, int]
    """field → how many matched rows changed in it."""
    added_examples: tuple[dict[str, Any], ...]
    removed_examples: tuple[dict[str, Any], ...]
    changed_examples: tuple[ChangedRow, ...]

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class TableDiff:
    name: str
    status: Literal["added", "removed", "changed", "unchanged"]
    schema_changes: tuple[SchemaChange, ...]
    rows: RowDiff | None
    """``None`` when the table exists on one side only."""
    row_count: int | None = None
    """Rows on the side that has the table, when it exists on one side only."""


@dataclass(frozen=True)
class MetadataChange:
    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ReleaseDiff:
    old: str
    new: str
    old_version: str | None
    new_version: str | None
    tables: tuple[TableDiff, ...]
    metadata: tuple[MetadataChange, ...] = field(default=())

    @property
    def differs(self) -> bool:
        return bool(self.metadata) or any(t.status != "unchanged" for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["differs"] = self.differs
        return _plain(data)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- sides


@dataclass(frozen=True)
class Side:
    """An opened release: the folder that holds its ``datapackage.json``."""

    label: str
    root: Path
    descriptor: dict[str, Any]

    def tables(self) -> dict[str, dict[str, Any]]:
        """Tabular resources by name (the CSV ones; their Parquet twins are found by schema)."""
        return {r["name"]: r for r in self.descriptor.get("resources", [])
                if r.get("type") == "table" or r.get("format") == "csv"}

    def parquet_twin(self, resource: Mapping[str, Any]) -> Path | None:
        for other in self.descriptor.get("resources", []):
            if (other.get("format") == "parquet" and other.get("schema") == resource.get("schema")
                    and (self.root / other["path"]).is_file()):
                return self.root / str(other["path"])
        return None

    def schema(self, resource: Mapping[str, Any]) -> dict[str, Any]:
        schema = resource.get("schema") or {"fields": []}
        if isinstance(schema, str):
            path = self.root / schema
            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SchemaError(f"cannot read the Table Schema of '{resource['name']}': {exc}",
                                  path=path) from exc
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise SchemaError(f"the Table Schema of '{resource['name']}' has no 'fields' list",
                              path=self.root / "datapackage.json")
        return schema

    def data_path(self, resource: Mapping[str, Any]) -> Path:
        path = self.root / str(resource.get("path", ""))
        if not path.is_file():
            raise InputError(f"the data file of table '{resource['name']}' is missing", path=path)
        return path


def _read_descriptor(path: Path, label: str) -> dict[str, Any]:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the Data Package descriptor of {label}: {exc}",
                         path=path) from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise InputError("not a Data Package descriptor (no 'resources' list)", path=path)
    return descriptor


def _unzip(path: Path, workdir: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="side-", dir=workdir))
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)  # zipfile drops absolute paths and '..' from member names
    found = sorted(target.rglob("datapackage.json"), key=lambda p: (len(p.parts), str(p)))
    if not found:
        raise InputError("the zip holds no datapackage.json", path=path)
    return found[0].parent


def open_side(spec: str | Path, workdir: Path) -> Side:
    """A local side: a release folder, a ``datapackage.json`` or a zip (unpacked into ``workdir``)."""
    path = Path(spec)
    label = str(spec)
    if path.is_dir():
        root = path
    elif path.is_file() and zipfile.is_zipfile(path):
        root = _unzip(path, workdir)
    elif path.is_file():
        return Side(label, path.parent, _read_descriptor(path, label))
    else:
        raise InputError("no such release: expected a release folder, a datapackage.json or a zip",
                         path=path)
    return Side(label, root, _read_descriptor(root / "datapackage.json", label))


# --------------------------------------------------------------------------- schema changes


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
    if name in ("minimum", "minLength", "exclusiveMinimum"):
        return bool(new > old)
    if name in ("maximum", "maxLength", "exclusiveMaximum"):
        return bool(new < old)
    if name == "enum":
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


# --------------------------------------------------------------------------- rows


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Pair:
    """One table on both sides, registered as DuckDB views ``old_t`` and ``new_t``."""

    name: str
    old_schema: dict[str, Any]
    new_schema: dict[str, Any]
    source: Literal["parquet", "csv"]
    old_rows: int
    new_rows: int
    compared: tuple[str, ...]
    retyped: dict[str, str]
    """Fields whose column types differ: name → NEW's DuckDB type, which OLD's values are cast to
    (a value that does not cast counts as changed)."""


def _reader(path: Path, source: str) -> str:
    if source == "parquet":
        return f"read_parquet({_lit(str(path))})"
    # As text, exactly as written: the CSV dialect is the one package.CSV_DIALECT declares.
    return (f"read_csv({_lit(str(path))}, header=true, all_varchar=true, delim=',', quote='\"', "
            "escape='\"')")


def _register(con: duckdb.DuckDBPyConnection, name: str, old: Side, new: Side,
              old_res: Mapping[str, Any], new_res: Mapping[str, Any]) -> _Pair:
    old_schema, new_schema = old.schema(old_res), new.schema(new_res)
    old_pq, new_pq = old.parquet_twin(old_res), new.parquet_twin(new_res)
    source: Literal["parquet", "csv"] = "parquet" if old_pq and new_pq else "csv"
    old_path = old_pq if old_pq and new_pq else old.data_path(old_res)
    new_path = new_pq if old_pq and new_pq else new.data_path(new_res)
    con.execute(f"CREATE OR REPLACE TEMP VIEW old_t AS SELECT * FROM {_reader(old_path, source)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW new_t AS SELECT * FROM {_reader(new_path, source)}")
    old_types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE old_t)").fetchall())
    new_types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE new_t)").fetchall())
    compared = tuple(n for n in new_types if n in old_types)
    retyped = {n: str(new_types[n]) for n in compared if old_types[n] != new_types[n]}
    counts = con.execute("SELECT (SELECT count(*) FROM old_t), (SELECT count(*) FROM new_t)").fetchone()
    assert counts is not None
    return _Pair(name, old_schema, new_schema, source, int(counts[0]), int(counts[1]), compared, retyped)


def _col(pair: _Pair, side: str, name: str) -> str:
    """A column of the ``o`` (OLD) or ``n`` (NEW) side, OLD's cast to NEW's type when retyped."""
    ref = f"{side}.{_q(name)}"
    return f"TRY_CAST({ref} AS {pair.retyped[name]})" if side == "o" and name in pair.retyped else ref


def _matching_key(pair: _Pair) -> tuple[str, ...]:
    old_key = tuple(pair.old_schema.get("primaryKey") or ())
    new_key = tuple(pair.new_schema.get("primaryKey") or ())
    if isinstance(pair.old_schema.get("primaryKey"), str):
        old_key = (str(pair.old_schema["primaryKey"]),)
    if isinstance(pair.new_schema.get("primaryKey"), str):
        new_key = (str(pair.new_schema["primaryKey"]),)
    if not old_key and not new_key:
        return ()
    for key in (new_key, old_key):
        if key and all(k in pair.compared for k in key):
            return key
    raise IncompatibleKeysError(
        f"table '{pair.name}': rows cannot be matched: the primary key was "
        f"{_show(list(old_key) or None)} and is {_show(list(new_key) or None)}, and neither key's "
        f"fields exist on both sides (shared fields: {', '.join(pair.compared) or 'none'})")


def _check_unique(con: duckdb.DuckDBPyConnection, pair: _Pair, key: tuple[str, ...]) -> None:
    cols = ", ".join(_q(k) for k in key)
    for side in ("old_t", "new_t"):
        row = con.execute(f"SELECT {cols}, count(*) FROM {side} GROUP BY ALL HAVING count(*) > 1 "
                          "LIMIT 1").fetchone()
        if row is not None:
            which = "OLD" if side == "old_t" else "NEW"
            raise IncompatibleKeysError(
                f"table '{pair.name}': the primary key {_show(list(key))} is not unique in {which} "
                f"(e.g. {_show(dict(zip(key, row[:-1], strict=True)))} occurs {row[-1]} times); "
                "validate that release first")


def _keyed_rows(con: duckdb.DuckDBPyConnection, pair: _Pair, key: tuple[str, ...],
                examples: int) -> RowDiff:
    others = [n for n in pair.compared if n not in key]
    on = " AND ".join(f"{_col(pair, 'o', k)} = {_col(pair, 'n', k)}" for k in key)
    differs = {n: f"({_col(pair, 'o', n)} IS DISTINCT FROM {_col(pair, 'n', n)})" for n in others}
    any_differs = " OR ".join(differs.values()) or "false"
    joined = (f"FROM (SELECT *, true AS __o FROM old_t) o FULL OUTER JOIN "
              f"(SELECT *, true AS __n FROM new_t) n ON {on}")
    per_field = "".join(f", count(*) FILTER (WHERE o.__o AND n.__n AND {d})" for d in differs.values())
    row = con.execute(
        f"SELECT count(*) FILTER (WHERE o.__o IS NULL), count(*) FILTER (WHERE n.__n IS NULL), "
        f"count(*) FILTER (WHERE o.__o AND n.__n AND ({any_differs})){per_field} {joined}").fetchone()
    assert row is not None
    added, removed, changed = int(row[0]), int(row[1]), int(row[2])
    changed_fields = {n: int(c) for n, c in zip(others, row[3:], strict=True) if c}
    order = ", ".join(_q(k) for k in key)
    added_ex = _dicts(con, f"SELECT * FROM new_t ANTI JOIN old_t USING ({order}) ORDER BY {order} "
                           f"LIMIT {examples}") if added and not pair.retyped.keys() & set(key) else ()
    removed_ex = _dicts(con, f"SELECT * FROM old_t ANTI JOIN new_t USING ({order}) ORDER BY {order} "
                             f"LIMIT {examples}") if removed and not pair.retyped.keys() & set(key) else ()
    if pair.retyped.keys() & set(key):  # retyped key: match on OLD's values cast to NEW's type
        added_ex = _dicts(con, f"SELECT n.* EXCLUDE (__n) {joined} WHERE o.__o IS NULL "
                               f"ORDER BY {', '.join(_col(pair, 'n', k) for k in key)} LIMIT {examples}")
        removed_ex = _dicts(con, f"SELECT o.* EXCLUDE (__o) {joined} WHERE n.__n IS NULL "
                                 f"ORDER BY {', '.join(_col(pair, 'o', k) for k in key)} LIMIT {examples}")
    changed_ex: tuple[ChangedRow, ...] = ()
    if changed:
        pairs = [f"{_col(pair, 'o', n)}, n.{_q(n)}" for n in others]
        cols = ", ".join([_col(pair, "n", k) for k in key] + pairs)
        result = con.execute(f"SELECT {cols} {joined} WHERE o.__o AND n.__n AND ({any_differs}) "
                             f"ORDER BY {', '.join(_col(pair, 'n', k) for k in key)} LIMIT {examples}")
        changed_ex = tuple(_changed_row(values, key, others) for values in result.fetchall())
    return RowDiff("primary-key", key, pair.compared, pair.source, pair.old_rows, pair.new_rows,
                   added, removed, changed, changed_fields, added_ex, removed_ex, changed_ex)


def _changed_row(values: Sequence[Any], key: tuple[str, ...], others: list[str]) -> ChangedRow:
    rest = values[len(key):]
    changes = {}
    for i, name in enumerate(others):
        old, new = rest[2 * i], rest[2 * i + 1]
        if old != new and not (old is None and new is None):
            changes[name] = (_plain(old), _plain(new))
    return ChangedRow({k: _plain(v) for k, v in zip(key, values, strict=False)}, changes)


def _multiset_rows(con: duckdb.DuckDBPyConnection, pair: _Pair, examples: int) -> RowDiff:
    old_cols = ", ".join(_col(pair, "o", n) + f" AS {_q(n)}" for n in pair.compared) or "1"
    new_cols = ", ".join(_col(pair, "n", n) for n in pair.compared) or "1"
    old_sel, new_sel = f"SELECT {old_cols} FROM old_t o", f"SELECT {new_cols} FROM new_t n"
    con.execute(f"CREATE OR REPLACE TEMP TABLE added_t AS {new_sel} EXCEPT ALL {old_sel}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE removed_t AS {old_sel} EXCEPT ALL {new_sel}")
    try:
        counts = con.execute("SELECT (SELECT count(*) FROM added_t), (SELECT count(*) FROM removed_t)"
                             ).fetchone()
        assert counts is not None
        added_ex = _dicts(con, f"SELECT * FROM added_t ORDER BY ALL LIMIT {examples}")
        removed_ex = _dicts(con, f"SELECT * FROM removed_t ORDER BY ALL LIMIT {examples}")
    finally:
        con.execute("DROP TABLE IF EXISTS added_t; DROP TABLE IF EXISTS removed_t")
    return RowDiff("multiset", (), pair.compared, pair.source, pair.old_rows, pair.new_rows,
                   int(counts[0]), int(counts[1]), 0, {}, added_ex, removed_ex, ())


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[dict[str, Any], ...]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return tuple({n: _plain(v) for n, v in zip(names, row, strict=True)} for row in result.fetchall())


def _row_diff(con: duckdb.DuckDBPyConnection, pair: _Pair, examples: int) -> RowDiff:
    key = _matching_key(pair)
    if not key:
        return _multiset_rows(con, pair, examples)
    _check_unique(con, pair, key)
    return _keyed_rows(con, pair, key, examples)


# --------------------------------------------------------------------------- the diff


def _connect(workdir: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = {_lit(MEMORY_LIMIT)}")
    con.execute(f"SET temp_directory = {_lit(str(workdir / 'duckdb.tmp'))}")
    con.execute("SET preserve_insertion_order = false")
    return con


def _table_diff(con: duckdb.DuckDBPyConnection, name: str, old: Side, new: Side,
                examples: int) -> TableDiff:
    old_res, new_res = old.tables().get(name), new.tables().get(name)
    if old_res is None or new_res is None:
        side, res = (new, new_res) if old_res is None else (old, old_res)
        assert res is not None
        path = side.parquet_twin(res) or side.data_path(res)
        source = "parquet" if path.suffix == ".parquet" else "csv"
        count = con.execute(f"SELECT count(*) FROM {_reader(path, source)}").fetchone()
        return TableDiff(name, "added" if old_res is None else "removed",
                         (SchemaChange("table-added" if old_res is None else "table-removed", None, None,
                                       None, old_res is not None, f"table '{name}' "
                                       + ("added" if old_res is None else "removed")),),
                         None, int(count[0]) if count else None)
    pair = _register(con, name, old, new, old_res, new_res)
    changes = tuple(schema_changes(pair.old_schema, pair.new_schema))
    rows = _row_diff(con, pair, examples)
    status: Literal["changed", "unchanged"] = "changed" if changes or rows.differs else "unchanged"
    return TableDiff(name, status, changes, rows)


def _metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[MetadataChange]:
    changes = [MetadataChange(k, old.get(k), new.get(k))
               for k in sorted((set(old) | set(new)) - _NOT_METADATA) if old.get(k) != new.get(k)]
    old_res = {r.get("name"): r for r in old.get("resources", [])}
    for res in new.get("resources", []):
        before = old_res.get(res.get("name"))
        for key in ("title", "description"):
            if before is not None and before.get(key) != res.get(key):
                changes.append(MetadataChange(f"resources.{res['name']}.{key}", before.get(key),
                                              res.get(key)))
    return changes


def diff_sides(old: Side, new: Side, workdir: Path, *, examples: int = DEFAULT_EXAMPLES) -> ReleaseDiff:
    """Compare two opened releases; ``workdir`` takes DuckDB's spill files."""
    old_tables, new_tables = old.tables(), new.tables()
    names = list(old_tables) + [n for n in new_tables if n not in old_tables]
    con = _connect(workdir)
    try:
        tables = tuple(_table_diff(con, name, old, new, examples) for name in names)
    finally:
        con.close()
    return ReleaseDiff(old.label, new.label, _version(old.descriptor), _version(new.descriptor),
                       tables, tuple(_metadata_changes(old.descriptor, new.descriptor)))


def _version(descriptor: Mapping[str, Any]) -> str | None:
    version = descriptor.get("version")
    return None if version is None else str(version)


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder for unpacked sides and DuckDB's spill files, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="datarelease-diff-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def diff_releases(old: str | Path, new: str | Path, *, examples: int = DEFAULT_EXAMPLES) -> ReleaseDiff:
    """Compare two local releases (folder, ``datapackage.json`` or zip)."""
    with workspace() as work:
        return diff_sides(open_side(old, work), open_side(new, work), work, examples=examples)


# --------------------------------------------------------------------------- rendering


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, decimals as floats, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _show(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _rows_line(rows: RowDiff) -> str:
    if rows.method == "multiset":
        return (f"{rows.added} added, {rows.removed} removed ({rows.old_rows} → {rows.new_rows} rows; "
                "no primary key: compared as multisets of rows, so a changed row counts as one "
                "removed and one added)")
    fields = ", ".join(f"{n} ({c})" for n, c in rows.changed_fields.items())
    return (f"{rows.added} added, {rows.removed} removed, {rows.changed} changed "
            f"({rows.old_rows} → {rows.new_rows} rows, matched on {', '.join(rows.key)})"
            + (f"; changed fields: {fields}" if fields else ""))


def _example_lines(rows: RowDiff, bullet: str) -> list[str]:
    lines = [f"{bullet}added: {_show(r)}" for r in rows.added_examples]
    lines += [f"{bullet}removed: {_show(r)}" for r in rows.removed_examples]
    for row in rows.changed_examples:
        what = "; ".join(f"{n}: {_show(o)} → {_show(v)}" for n, (o, v) in row.changes.items())
        lines.append(f"{bullet}changed {_show(row.key)}: {what}")
    return lines


def _text(result: ReleaseDiff) -> str:
    lines = [f"Diff {result.old} ({result.old_version}) → {result.new} ({result.new_version})", ""]
    if not result.differs:
        return "\n".join([*lines, "No changes.", ""])
    for table in result.tables:
        if table.status == "unchanged":
            continue
        lines.append(f"{table.name}: {table.status}"
                     + (f" ({table.row_count} rows)" if table.row_count is not None else ""))
        lines += [f"  schema: {c.summary}" + (" [breaking]" if c.breaking else "")
                  for c in table.schema_changes if c.kind not in ("table-added", "table-removed")]
        if table.rows is not None and table.rows.differs:
            lines.append(f"  rows: {_rows_line(table.rows)}")
            lines += _example_lines(table.rows, "    ")
        lines.append("")
    unchanged = [t.name for t in result.tables if t.status == "unchanged"]
    if unchanged:
        lines += [f"unchanged: {', '.join(unchanged)}", ""]
    if result.metadata:
        lines.append("metadata:")
        lines += [f"  {m.key}: {_short(m.old)} → {_short(m.new)}" for m in result.metadata]
        lines.append("")
    return "\n".join(lines)


def _short(value: Any, width: int = 80) -> str:
    text = _show(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _markdown(result: ReleaseDiff) -> str:
    lines = [f"## Diff `{result.old}` ({result.old_version}) → `{result.new}` ({result.new_version})", ""]
    if not result.differs:
        return "\n".join([*lines, "No changes.", ""])
    lines += ["| table | status | added | removed | changed | schema changes |",
              "|---|---|---:|---:|---:|---|"]
    for t in result.tables:
        r = t.rows
        schema = "<br>".join(c.summary.replace("|", "\\|") + (" **breaking**" if c.breaking else "")
                             for c in t.schema_changes) or "–"
        if r is None:
            lines.append(f"| {t.name} | {t.status} | {t.row_count if t.status == 'added' else '–'} | "
                         f"{t.row_count if t.status == 'removed' else '–'} | – | {schema} |")
        else:
            changed = "n/a (multiset)" if r.method == "multiset" else str(r.changed)
            lines.append(f"| {t.name} | {t.status} | {r.added} | {r.removed} | {changed} | {schema} |")
    for t in result.tables:
        if t.rows is not None and t.rows.differs:
            lines += ["", f"### {t.name}", "", _rows_line(t.rows), ""]
            lines += [line.replace("|", "\\|") for line in _example_lines(t.rows, "- ")]
    if result.metadata:
        lines += ["", "### Metadata", ""]
        lines += [f"- `{m.key}`: {_short(m.old)} → {_short(m.new)}" for m in result.metadata]
    return "\n".join(lines) + "\n"


def render(result: ReleaseDiff, fmt: str) -> str:
    """The diff as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(result)
    if fmt == "text":
        return _text(result)
    raise ValueError(f"unknown diff format {fmt!r}; expected one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- sides on a portal


def portal_side(portal: Portal, name: str, version: str | None, workdir: Path, label: str,
                 token: str | None = None) -> Side:
    """Dataset ``name`` (or ``version`` of it) downloaded, verified and re-validated, as a side.

    ``token`` is sent with the file downloads (a :class:`~datarelease.ckan.Portal` keeps its own
    to itself); without it the files of a private dataset are refused.
    """
    from datarelease import download  # the consumer side: only portal sides pay for it

    target = Path(tempfile.mkdtemp(prefix="portal-", dir=workdir))
    result = download.download(portal.url, name, to=target, token=token, portal=portal, version=version)
    if any(f.check == download.MAPPED for f in result.files):
        raise PortalError(f"{label} was not published by datarelease (it has no datapackage.json "
                          "resource): pass --against with the previous release")
    descriptor: dict[str, Any] = json.loads(result.descriptor.read_text(encoding="utf-8"))
    return Side(label, target, descriptor)


def _open_any(spec: str | Path, workdir: Path, token: str | None) -> Side:
    """A local side, or ``<portal>/dataset/<name>[@<version>]`` (:func:`datarelease.download.
    parse_dataset_url`): that dataset, downloaded and verified."""
    if urlsplit(str(spec)).scheme not in ("http", "https"):
        return open_side(spec, workdir)
    from datarelease import download
    from datarelease.ckan import Portal

    url, name, version = download.parse_dataset_url(str(spec))
    return portal_side(Portal(url, token), name, version, workdir, str(spec), token)


def diff_any(old: str | Path, new: str | Path, *, examples: int = DEFAULT_EXAMPLES,
             token: str | None = None) -> ReleaseDiff:
    """:func:`diff_releases` where a side may also be a dataset on a CKAN portal
    (``https://portal/dataset/NAME``, or ``...NAME@1.2.0`` for a released version)."""
    with workspace() as work:
        return diff_sides(_open_any(old, work, token), _open_any(new, work, token), work,
                               examples=examples)

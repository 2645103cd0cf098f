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
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import duckdb
import yaml

from datarelease.errors import IncompatibleKeysError, InputError, PortalError, SchemaError, UnsafeInputError
from datarelease.untrusted import DESCRIPTOR_NAMES, find_descriptor, inside, is_remote, load_descriptor, unzip

if TYPE_CHECKING:
    from datarelease.ckan import Portal

__all__ = [
    "FORMATS",
    "ChangedRow",
    "IncompatibleKeysError",
    "MetadataChange",
    "NotCompared",
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
class NotCompared:
    """A resource the diff did not compare, and why (never counted as unchanged)."""

    name: str
    reason: str


@dataclass(frozen=True)
class ReleaseDiff:
    old: str
    new: str
    old_version: str | None
    new_version: str | None
    tables: tuple[TableDiff, ...]
    metadata: tuple[MetadataChange, ...] = field(default=())
    not_compared: tuple[NotCompared, ...] = field(default=())
    """Resources on either side that were not compared (remote, inline, another format, a file
    whose declared hash changed or is not declared, a table that cannot be read)."""

    @property
    def differs(self) -> bool:
        return bool(self.metadata) or any(t.status != "unchanged" for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["differs"] = self.differs
        return _plain(data)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- sides


# Formats frictionless reads as tables (a resource without "type" is a table when its format,
# or its path's extension, is one of these), and the ones the diff can read.
_TABULAR_FORMATS = {"csv", "tsv", "xlsx", "xls", "ods", "jsonl", "ndjson", "parquet", "parq", "sqlite",
                    "html", "gsheets", "inline", "pandas"}
_TABULAR_MEDIATYPES = {"text/csv": "csv", "text/tab-separated-values": "tsv"}
_COMPRESSIONS = {"gz", "bz2", "xz", "zip"}
_CSV_FORMATS = {"csv", "tsv"}
_PARQUET_FORMATS = {"parquet", "parq"}


def resource_name(resource: Mapping[str, Any]) -> str:
    """The resource's name; without one, the name frictionless gives it: its path's stem,
    lower-cased, every run of other characters than ``a-z 0-9 - . _ /`` a hyphen (``memory``
    for inline data)."""
    name = resource.get("name")
    if isinstance(name, str) and name:
        return name
    path = resource.get("path")
    path = path[0] if isinstance(path, list) and path else path
    if not isinstance(path, str) or not path:
        return "memory"
    stem = PurePosixPath(path.replace("\\", "/")).name.rsplit(".", 1)[0].lower()
    return re.sub(r"[^-a-z0-9._/]+", "-", stem).strip("-") or "name"


def _format(resource: Mapping[str, Any]) -> tuple[str, bool]:
    """(format, compressed): the declared format, else the path's extension, else the media type."""
    declared = str(resource.get("format") or "").lower()
    path = resource.get("path")
    path = path[0] if isinstance(path, list) and path else path
    suffixes = [s.lower().lstrip(".") for s in PurePosixPath(str(path or "")).suffixes]
    compressed = (bool(suffixes) and suffixes[-1] in _COMPRESSIONS) or str(
        resource.get("compression") or "") not in ("", "no")
    if compressed and suffixes and suffixes[-1] in _COMPRESSIONS:
        suffixes = suffixes[:-1]
    fmt = declared or (suffixes[-1] if suffixes else "")
    fmt = fmt or _TABULAR_MEDIATYPES.get(str(resource.get("mediatype") or "").lower(), "")
    return fmt, compressed


def _is_table(resource: Mapping[str, Any]) -> bool:
    kind = resource.get("type")
    if kind is not None:
        return bool(kind == "table")
    if str(resource.get("profile") or "") == "tabular-data-resource":
        return True
    inline_table = isinstance(resource.get("data"), list) and resource.get("schema") is not None
    return _format(resource)[0] in _TABULAR_FORMATS or inline_table


@dataclass(frozen=True)
class Side:
    """An opened release: the folder that holds its descriptor."""

    label: str
    root: Path
    descriptor: dict[str, Any]

    def resources(self) -> dict[str, Mapping[str, Any]]:
        """Every resource by name (frictionless's name for one without); the first of a name."""
        found: dict[str, Mapping[str, Any]] = {}
        for resource in self.descriptor.get("resources", []):
            if isinstance(resource, Mapping):
                found.setdefault(resource_name(resource), resource)
        return found

    def tables(self) -> dict[str, Mapping[str, Any]]:
        """Tables the diff compares, by name: local CSV/TSV tables and Parquet tables that are not
        the twin of a CSV table (twins are read in their CSV table's place)."""
        return {name: r for name, r in self.resources().items() if self._skip_reason(r) == ""}

    def skipped(self) -> dict[str, str]:
        """Resources the diff does not compare, by name, with the reason (twins are not here)."""
        reasons = {name: self._skip_reason(r) for name, r in self.resources().items()}
        return {name: reason for name, reason in reasons.items() if reason not in ("", "twin")}

    def _skip_reason(self, resource: Mapping[str, Any]) -> str:
        fmt, compressed = _format(resource)
        if fmt in _PARQUET_FORMATS and self._is_twin(resource):
            return "twin"  # whatever its type: a twin is read in its CSV table's place
        if not _is_table(resource):
            return "file"
        path = resource.get("path")
        if resource.get("data") is not None and path is None:
            return "inline data is not compared"
        if isinstance(path, list) and len(path) != 1:
            return "data in several parts is not compared"
        path = path[0] if isinstance(path, list) else path
        if not isinstance(path, str) or not path:
            return "it has no data path"
        if is_remote(path):
            return f"remote data is not fetched ({path})"
        if compressed:
            return "compressed data is not compared"
        if fmt not in _CSV_FORMATS | _PARQUET_FORMATS:
            return f"format {fmt or 'unknown'!r} is not compared (CSV, TSV and Parquet tables are)"
        dialect = resource.get("dialect")
        if isinstance(dialect, Mapping) and dialect.get("header") is False:
            return "a CSV table without a header row is not compared"
        return ""

    def _is_twin(self, parquet: Mapping[str, Any]) -> bool:
        schema = parquet.get("schema")
        return schema is not None and any(
            _format(other)[0] in _CSV_FORMATS and other.get("schema") == schema
            for other in self.resources().values() if other is not parquet)

    def source(self, resource: Mapping[str, Any]) -> Literal["parquet", "csv"]:
        return "parquet" if _format(resource)[0] in _PARQUET_FORMATS else "csv"

    def parquet_twin(self, resource: Mapping[str, Any]) -> Path | None:
        if self.source(resource) == "parquet":
            return self.data_path(resource)
        for other in self.resources().values():
            if (_format(other)[0] in _PARQUET_FORMATS and other.get("schema") == resource.get("schema")
                    and isinstance(other.get("path"), str)):
                path = inside(self.root, str(other["path"]))
                if path is not None and path.is_file():
                    return path
        return None

    def schema(self, resource: Mapping[str, Any]) -> dict[str, Any]:
        schema = resource.get("schema") or {"fields": []}
        name = resource_name(resource)
        if isinstance(schema, str):
            path = self._inside(schema, f"the Table Schema of '{name}'")
            try:
                schema = load_descriptor(path)
            except (OSError, ValueError, yaml.YAMLError) as exc:
                raise SchemaError(f"cannot read the Table Schema of '{name}': {exc}", path=path) from exc
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not all(
                isinstance(f, Mapping) and isinstance(f.get("name"), str) for f in schema["fields"]):
            raise SchemaError(f"the Table Schema of '{name}' has no 'fields' list of named fields",
                              path=self.root / "datapackage.json")
        return schema

    def data_path(self, resource: Mapping[str, Any]) -> Path:
        name = resource_name(resource)
        raw = resource.get("path", "")
        raw = raw[0] if isinstance(raw, list) and raw else raw
        path = self._inside(str(raw), f"the data file of table '{name}'")
        if not path.is_file():
            raise InputError(f"the data file of table '{name}' is missing", path=path)
        return path

    def _inside(self, relative: str, what: str) -> Path:
        path = inside(self.root, relative)
        if path is None:
            raise UnsafeInputError(f"{what} is outside the release ({relative!r}): absolute paths, "
                                   "'..' and symbolic links out of the release are refused",
                                   path=self.root)
        return path

    def dialect(self, resource: Mapping[str, Any]) -> tuple[str, str]:
        """(delimiter, quote character) of a CSV table: its inline dialect, else CSV's or TSV's."""
        dialect = resource.get("dialect")
        dialect = dialect if isinstance(dialect, Mapping) else {}
        default = "\t" if _format(resource)[0] == "tsv" else ","
        return str(dialect.get("delimiter") or default), str(dialect.get("quoteChar") or '"')


def _read_descriptor(path: Path, label: str) -> dict[str, Any]:
    try:
        descriptor = load_descriptor(path)
    except UnsafeInputError:
        raise
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the Data Package descriptor of {label}: {exc}",
                         path=path) from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise InputError("not a Data Package descriptor (no 'resources' list)", path=path)
    return descriptor


def _unzip(path: Path, workdir: Path) -> Path:
    target = unzip(path, workdir)  # within untrusted.LIMITS: members, bytes, ratio, no escapes
    found = sorted((p for name in DESCRIPTOR_NAMES for p in target.rglob(name)),
                   key=lambda p: (len(p.parts), DESCRIPTOR_NAMES.index(p.name), str(p)))
    if not found:
        raise InputError("the zip holds no datapackage.json", path=path)
    return found[0]


def open_side(spec: str | Path, workdir: Path) -> Side:
    """A local side: a release folder, a descriptor (``datapackage.json``, ``.yaml``) or a zip
    (unpacked into ``workdir`` within :data:`datarelease.untrusted.LIMITS`)."""
    path = Path(spec)
    label = str(spec)
    if path.is_dir():
        descriptor = find_descriptor(path)
    elif path.is_file() and zipfile.is_zipfile(path):
        descriptor = _unzip(path, workdir)
    elif path.is_file():
        descriptor = path
    else:
        raise InputError("no such release: expected a release folder, a datapackage.json or a zip",
                         path=path)
    return Side(label, descriptor.parent, _read_descriptor(descriptor, label))


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


class _Uncomparable(Exception):
    """A table that is on both sides but cannot be compared; the message says why."""


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


def _reader(path: Path, source: str, dialect: tuple[str, str] = (",", '"')) -> str:
    if source == "parquet":
        return f"read_parquet({_lit(str(path))})"
    # As text, exactly as written, in the table's dialect (datarelease's is package.CSV_DIALECT).
    delimiter, quote = (_lit(c) for c in dialect)
    return (f"read_csv({_lit(str(path))}, header=true, all_varchar=true, delim={delimiter}, "
            f"quote={quote}, escape={quote})")


def _register(con: duckdb.DuckDBPyConnection, name: str, old: Side, new: Side,
              old_res: Mapping[str, Any], new_res: Mapping[str, Any]) -> _Pair:
    old_schema, new_schema = old.schema(old_res), new.schema(new_res)
    old_pq, new_pq = old.parquet_twin(old_res), new.parquet_twin(new_res)
    source: Literal["parquet", "csv"] = "parquet" if old_pq and new_pq else "csv"
    if source == "csv" and "parquet" in (old.source(old_res), new.source(new_res)):
        raise _Uncomparable("one side is a Parquet table, the other a CSV table")
    old_path = old_pq if old_pq and new_pq else old.data_path(old_res)
    new_path = new_pq if old_pq and new_pq else new.data_path(new_res)
    old_reader = _reader(old_path, source, old.dialect(old_res))
    new_reader = _reader(new_path, source, new.dialect(new_res))
    con.execute(f"CREATE OR REPLACE TEMP VIEW old_t AS SELECT * FROM {old_reader}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW new_t AS SELECT * FROM {new_reader}")
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
        source = "parquet" if path == side.parquet_twin(res) else "csv"
        count = con.execute(f"SELECT count(*) FROM {_reader(path, source, side.dialect(res))}").fetchone()
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


def _metadata_changes(old: Side, new: Side) -> list[MetadataChange]:
    changes = [MetadataChange(k, old.descriptor.get(k), new.descriptor.get(k))
               for k in sorted((set(old.descriptor) | set(new.descriptor)) - _NOT_METADATA)
               if old.descriptor.get(k) != new.descriptor.get(k)]
    old_res = old.resources()
    for name, res in new.resources().items():
        before = old_res.get(name)
        for key in ("title", "description"):
            if before is not None and before.get(key) != res.get(key):
                changes.append(MetadataChange(f"resources.{name}.{key}", before.get(key), res.get(key)))
    return changes


def _files_not_compared(old: Side, new: Side) -> list[NotCompared]:
    """Resources that are not tables: the same declared hash on both sides means the same
    content; anything else is said, never passed off as unchanged."""
    old_skipped, new_skipped = old.skipped(), new.skipped()
    found = []
    for name in list(old_skipped) + [n for n in new_skipped if n not in old_skipped]:
        reason = new_skipped.get(name) or old_skipped[name]
        if reason != "file":
            found.append(NotCompared(name, reason))
            continue
        before, after = old.resources().get(name), new.resources().get(name)
        if before is None or after is None:
            change = "added" if before is None else "removed"
            found.append(NotCompared(name, f"a file, not a table; {change}"))
        elif not before.get("hash") or not after.get("hash"):
            found.append(NotCompared(name, "a file, not a table, without a declared hash"))
        elif before.get("hash") != after.get("hash"):
            found.append(NotCompared(name, "a file, not a table; its declared hash changed"))
    return found


def diff_sides(old: Side, new: Side, workdir: Path, *, examples: int = DEFAULT_EXAMPLES) -> ReleaseDiff:
    """Compare two opened releases; ``workdir`` takes DuckDB's spill files."""
    old_tables, new_tables = old.tables(), new.tables()
    names = list(old_tables) + [n for n in new_tables if n not in old_tables]
    skipped = _files_not_compared(old, new)
    skipped_names = {s.name for s in skipped}
    names = [n for n in names if n not in skipped_names]  # a table on one side, not comparable on the other
    con = _connect(workdir)
    tables = []
    try:
        for name in names:
            try:
                tables.append(_table_diff(con, name, old, new, examples))
            except _Uncomparable as exc:
                skipped.append(NotCompared(name, str(exc)))
            except duckdb.Error as exc:
                skipped.append(NotCompared(name, f"cannot be read: {_first_line(exc)}"))
    finally:
        con.close()
    return ReleaseDiff(old.label, new.label, _version(old.descriptor), _version(new.descriptor),
                       tuple(tables), tuple(_metadata_changes(old, new)), tuple(skipped))


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


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


def _not_compared_lines(result: ReleaseDiff, bullet: str) -> list[str]:
    return [f"{bullet}{n.name}: {n.reason}" for n in result.not_compared]


def _text(result: ReleaseDiff) -> str:
    lines = [f"Diff {result.old} ({result.old_version}) → {result.new} ({result.new_version})", ""]
    if result.not_compared:
        lines += ["not compared:", *_not_compared_lines(result, "  "), ""]
    if not result.differs:
        return "\n".join([*lines, "No changes in what was compared." if result.not_compared
                           else "No changes.", ""])
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
    if result.not_compared:
        lines += ["Not compared:", "", *(line.replace("|", "\\|") for line in
                                         _not_compared_lines(result, "- ")), ""]
    if not result.differs:
        return "\n".join([*lines, "No changes in what was compared." if result.not_compared
                           else "No changes.", ""])
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

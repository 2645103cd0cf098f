"""What changed between two releases: schemas, rows and metadata, table by table.

A *side* (:mod:`datarelease.sides`) is a release folder, a descriptor (``datapackage.json`` or
YAML), a zip of a release, or (through :func:`diff_any`) a dataset on a CKAN portal; zips are
unpacked into a temporary folder within :data:`datarelease.untrusted.LIMITS`. Tables are
recognised as frictionless recognises them; a resource that is not compared (another format,
inline or remote data, a file whose declared hash changed) is listed in
:attr:`ReleaseDiff.not_compared` with the reason, never counted as unchanged.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import duckdb

from datarelease.errors import IncompatibleKeysError
from datarelease.sides import Side, open_side, portal_side
from datarelease.tableschema import SchemaChange, schema_changes

if TYPE_CHECKING:
    pass

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

# Descriptor properties that are not metadata of the release as a whole.
_NOT_METADATA = {"resources", "$schema"}


# --------------------------------------------------------------------------- result data


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


# --------------------------------------------------------------------------- sides anywhere


def _open_any(spec: str | Path, workdir: Path, token: str | None,
              allow_insecure_http: bool = False) -> Side:
    """A local side, or ``<portal>/dataset/<name>[@<version>]`` (:func:`datarelease.download.
    parse_dataset_url`): that dataset, downloaded and verified."""
    if urlsplit(str(spec)).scheme not in ("http", "https"):
        return open_side(spec, workdir)
    from datarelease import download
    from datarelease.ckan import Portal

    url, name, version = download.parse_dataset_url(str(spec))
    return portal_side(Portal(url, token, allow_insecure_http=allow_insecure_http), name, version,
                       workdir, str(spec), token)


def diff_any(old: str | Path, new: str | Path, *, examples: int = DEFAULT_EXAMPLES,
             token: str | None = None, allow_insecure_http: bool = False) -> ReleaseDiff:
    """:func:`diff_releases` where a side may also be a dataset on a CKAN portal
    (``https://portal/dataset/NAME``, or ``...NAME@1.2.0`` for a released version)."""
    with workspace() as work:
        return diff_sides(_open_any(old, work, token, allow_insecure_http),
                          _open_any(new, work, token, allow_insecure_http), work,
                          examples=examples)

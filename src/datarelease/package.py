"""Rows → ``publish/<table>.csv`` and ``.parquet``, hashes and sizes, and ``datapackage.json``.

Column types come from the Table Schema, never from pandas' guesses: a ``date`` field is an Arrow
``date32`` and ``YYYY-MM-DD`` in CSV, an ``integer`` is ``int64``. Every file is hashed while it is
written. A release is first written into a staging folder next to the target and only moved into
place by :func:`commit_release`, so a failed build leaves ``publish/`` and ``datapackage.json`` as
they were. Output is deterministic to the byte for the same inputs and library versions. The
release log (``RELEASES.md``, when there is one) is listed as the ``changelog`` resource, with its
bytes and sha256 like every other file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from datarelease.errors import SchemaError
from datarelease.validate import Finding, Report, ResourceSummary

__all__ = [
    "CHANGELOG_RESOURCE",
    "CSV_DIALECT",
    "PARQUET_MEDIATYPE",
    "FileInfo",
    "StagedRelease",
    "arrow_schema",
    "changelog_resource",
    "check_parquet",
    "commit_release",
    "csv_cell",
    "discard_release",
    "load_table_schema",
    "stage_release",
    "write_csv",
    "write_parquet",
]

Row = Mapping[str, Any]
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# Declared, not sniffed: frictionless guesses a wrong delimiter for some valid files
# (e.g. a quoted cell holding '""'), so every CSV resource states exactly how it was written.
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True,
}
CHANGELOG_RESOURCE = "changelog"  # the release log (RELEASES.md) as a resource of the release
ROW_GROUP_ROWS = 128 * 1024  # large enough for good compression, small enough to skip by stats

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


@dataclass(frozen=True)
class FileInfo:
    """A written file: its path relative to the release root, size and sha256."""

    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class StagedRelease:
    """A complete release written under ``staging``; nothing in the target root changed yet."""

    root: Path
    staging: Path
    descriptor: dict[str, Any]
    files: tuple[FileInfo, ...]


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


class _HashingWriter(io.RawIOBase):
    """A binary file that hashes and counts what passes through it."""

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._target.write(chunk)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return len(chunk)


def write_csv(rows: Iterable[Row], schema: Mapping[str, Any], path: Path, root: Path) -> FileInfo:
    """UTF-8, ``\\n`` line ends, RFC 4180 quoting, header row; hashed while written."""
    fields = schema["fields"]
    with path.open("wb") as raw:
        hashing = _HashingWriter(raw)
        text = io.TextIOWrapper(hashing, encoding="utf-8", newline="", write_through=True)  # type: ignore[type-var]
        writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([f["name"] for f in fields])
        for row in rows:
            writer.writerow([csv_cell(row.get(f["name"]), f) for f in fields])
        text.flush()
        text.detach()
    return FileInfo(path.relative_to(root).as_posix(), hashing.size, hashing.sha256.hexdigest())


def _file_info(path: Path, root: Path) -> FileInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return FileInfo(path.relative_to(root).as_posix(), path.stat().st_size, digest.hexdigest())


def write_parquet(rows: Sequence[Row], schema: Mapping[str, Any], path: Path,
                  root: Path) -> FileInfo:
    """Parquet with column types from the Table Schema, zstd-compressed."""
    target = arrow_schema(schema)
    columns = {name: [row.get(name) for row in rows] for name in target.names}
    table = pa.Table.from_pydict(columns, schema=target)
    pq.write_table(table, path, compression="zstd", row_group_size=ROW_GROUP_ROWS,
                   write_statistics=True)
    return _file_info(path, root)


def _resource(table: str, info: FileInfo, schema: Mapping[str, Any], schema_path: str,
              fmt: str) -> dict[str, Any]:
    csv_format = fmt == "csv"
    resource: dict[str, Any] = {
        "name": table if csv_format else f"{table}-parquet",
        # frictionless 5.21 reads Parquet without counting bytes and cannot cast Arrow lists, so
        # the Parquet twin is a "file" to it (bytes and hash checked); datarelease checks its
        # columns and values against the CSV twin (see check_parquet).
        "type": "table" if csv_format else "file",
        "path": info.path,
        "format": fmt,
        "mediatype": "text/csv" if csv_format else PARQUET_MEDIATYPE,
    }
    if csv_format:
        resource["encoding"] = "utf-8"
        resource["dialect"] = dict(CSV_DIALECT)
    resource.update({
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": schema.get("title", table) + ("" if csv_format else " (Parquet)"),
        "description": schema.get("description", ""),
        "schema": schema_path,
    })
    return resource


def changelog_resource(info: FileInfo) -> dict[str, Any]:
    """The release log as a resource: a Markdown file, checked by its bytes and hash, no schema."""
    return {
        "name": CHANGELOG_RESOURCE,
        "type": "file",
        "path": info.path,
        "format": "md",
        "mediatype": "text/markdown",
        "encoding": "utf-8",
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": f"Release notes ({PurePosixPath(info.path).name})",
        "description": "What changed in each release of this dataset and why it has its version "
                       "number, newest first.",
    }


def build_descriptor(metadata: Mapping[str, Any], resources: list[dict[str, Any]]) -> dict[str, Any]:
    """``datapackage.json``: metadata keys in a fixed order, then the resources."""
    descriptor: dict[str, Any] = {"$schema": PROFILE}
    for key in ("name", "title", "description", "version", "homepage", "created", "keywords",
                "language", "licenses", "contributors", "publisher", "contactPoint", "themes",
                "spatialCoverage",
                "sources", "personalData", "rights"):
        if metadata.get(key) not in (None, "", []):
            descriptor[key] = metadata[key]
    descriptor["resources"] = resources
    return descriptor


def _stage_dir(root: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".datarelease-staging-", dir=root))


def stage_release(tables: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any], *,
                  root: Path, schemas_dir: Path, release_log: Path | None = None) -> StagedRelease:
    """Write every table as CSV and Parquet plus ``datapackage.json`` into a staging folder.

    The staging folder mirrors the release root (``publish/``, ``schemas/``,
    ``datapackage.json``) so that it can be validated as it will be published. ``release_log``
    (``RELEASES.md`` in ``root``), when given, is listed last as the ``changelog`` resource; a copy
    in the staging folder is what is hashed and validated. It is an input: :func:`commit_release`
    leaves the file in ``root`` as it is.
    """
    staging = _stage_dir(root)
    try:
        shutil.copytree(schemas_dir, staging / "schemas")
        (staging / "publish").mkdir()
        resources: list[dict[str, Any]] = []
        files: list[FileInfo] = []
        for table, rows in tables.items():
            schema_file = schemas_dir / f"{table}.json"
            schema = load_table_schema(schema_file)
            schema_ref = f"schemas/{table}.json"
            csv_info = write_csv(rows, schema, staging / "publish" / f"{table}.csv", staging)
            parquet_info = write_parquet(rows, schema, staging / "publish" / f"{table}.parquet",
                                         staging)
            resources.append(_resource(table, csv_info, schema, schema_ref, "csv"))
            resources.append(_resource(table, parquet_info, schema, schema_ref, "parquet"))
            files += [csv_info, parquet_info]
        if release_log is not None:
            relative = release_log.relative_to(root)
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(release_log, staging / relative)
            log_info = _file_info(staging / relative, staging)
            resources.append(changelog_resource(log_info))
            files.append(log_info)
        descriptor = build_descriptor(metadata, resources)
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StagedRelease(root, staging, descriptor, tuple(files))


def discard_release(staged: StagedRelease) -> None:
    shutil.rmtree(staged.staging, ignore_errors=True)


def commit_release(staged: StagedRelease) -> None:
    """Move the staged ``publish/`` and ``datapackage.json`` into the root.

    Each step is a rename on the same file system: ``publish/`` is swapped whole, then the
    descriptor replaces the old one. Schemas and the release log are inputs and are not touched.
    """
    root, staging = staged.root, staged.staging
    publish, previous = root / "publish", staging / "publish.previous"
    try:
        if publish.exists():
            os.replace(publish, previous)
        os.replace(staging / "publish", publish)
        os.replace(staging / "datapackage.json", root / "datapackage.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- the Parquet twins ----------------------------------------------------------------------------

def _parquet_finding(resource: Mapping[str, Any], note: str, row: int | None = None,
                     field: str | None = None) -> Finding:
    return Finding(resource=resource["name"], type="parquet-mismatch", row_number=row,
                   field_name=field, field_number=None,
                   message=f"The Parquet file does not match its CSV twin: {note}", note=note,
                   path=resource.get("path"))


def _twin_findings(parquet: Mapping[str, Any], csv_resource: Mapping[str, Any],
                   schema: Mapping[str, Any], root: Path) -> list[Finding]:
    """Columns must have the Table Schema's Arrow types; values must equal the CSV's cells."""
    try:
        table = pq.read_table(root / parquet["path"])
    except (OSError, pa.ArrowException) as exc:
        return [_parquet_finding(parquet, f"cannot be read as Parquet: {exc}")]
    expected = arrow_schema(schema)
    if table.schema.remove_metadata() != expected.remove_metadata():
        return [_parquet_finding(parquet, f"columns are {table.schema.remove_metadata()}, "
                                          f"the Table Schema asks for {expected.remove_metadata()}")]
    fields = schema["fields"]
    values = table.to_pylist()
    with (root / csv_resource["path"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    if len(rows) != len(values):
        return [_parquet_finding(parquet, f"{len(values)} rows, the CSV has {len(rows)}")]
    for row_number, (cells, record) in enumerate(zip(rows, values, strict=True), start=2):
        for field, cell in zip(fields, cells, strict=False):
            if csv_cell(record.get(field["name"]), field) != cell:
                return [_parquet_finding(parquet, "a value differs", row_number, field["name"])]
    return []


def check_parquet(descriptor_path: Path) -> Report:
    """Compare every Parquet resource with the CSV resource that shares its Table Schema."""
    root = descriptor_path.parent
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources = descriptor.get("resources", [])
    csv_by_schema = {r["schema"]: r for r in resources
                     if r.get("format") == "csv" and isinstance(r.get("schema"), str)}
    findings: list[Finding] = []
    summaries: list[ResourceSummary] = []
    for parquet in (r for r in resources if r.get("format") == "parquet"):
        twin = csv_by_schema.get(parquet.get("schema"))
        if twin is None or not isinstance(parquet.get("schema"), str):
            continue
        schema = load_table_schema(root / parquet["schema"])
        found = _twin_findings(parquet, twin, schema, root)
        findings += found
        summaries.append(ResourceSummary(parquet["name"], parquet.get("path"), None, not found,
                                         len(found)))
    return Report(str(descriptor_path), tuple(findings), tuple(summaries))

"""The release's ``datapackage.json``: the resource of each table's CSV and Parquet twin, of the
release log and of each figure, and the descriptor with its metadata keys in a fixed order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from datarelease.package.tables import FileInfo

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
PARQUET_FORMAT = "Parquet"
"""The Parquet twins' ``format`` (see :func:`table_resource`: a file to frictionless, not a table)."""
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# Declared, not sniffed: frictionless guesses a wrong delimiter for some valid files
# (e.g. a quoted cell holding '""'), so every CSV resource states exactly how it was written.
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True,
}
CHANGELOG_RESOURCE = "changelog"  # the release log (RELEASES.md) as a resource of the release


@dataclass(frozen=True)
class Figure:
    """A file drawn from the tables (e.g. an SVG), written as ``publish/<name>.<format>``."""

    name: str
    content: bytes
    format: str
    mediatype: str
    title: str
    description: str


def table_resource(table: str, info: FileInfo, schema: Mapping[str, Any], schema_path: str,
              fmt: str) -> dict[str, Any]:
    csv_format = fmt == "csv"
    resource: dict[str, Any] = {"name": table if csv_format else f"{table}-parquet"}
    if csv_format:
        resource["type"] = "table"
    # The Parquet twin has no "type": Data Package v2 allows only "table" there, and frictionless
    # 5.21 reads a Parquet *table* without counting its bytes and cannot cast Arrow lists (false
    # byte-count and type errors). Its format is written "Parquet", which frictionless does not
    # take for its tabular "parquet", so to frictionless it is a file (bytes and hash checked);
    # datarelease checks its columns and values against the CSV twin (validate.twins).
    resource.update({
        "path": info.path,
        "format": fmt if csv_format else PARQUET_FORMAT,
        "mediatype": "text/csv" if csv_format else PARQUET_MEDIATYPE,
    })
    if csv_format:
        resource["encoding"] = "utf-8"
        resource["dialect"] = dict(CSV_DIALECT)
    resource.update({
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": schema.get("title", table) + ("" if csv_format else " (Parquet)"),
        "description": _description(schema, table, csv_format),
        "schema": schema_path,
    })
    return resource


def _description(schema: Mapping[str, Any], table: str, csv_format: bool) -> str:
    """The table's description; a Parquet twin also says what it is and names its CSV twin."""
    text = str(schema.get("description", ""))
    if csv_format:
        return text
    return (f"Apache Parquet copy of the CSV resource {table!r}: the same rows and columns, typed "
            f"(read it with pyarrow, pandas or DuckDB). {text}").strip()


def changelog_resource(info: FileInfo) -> dict[str, Any]:
    """The release log as a resource: a Markdown file, checked by its bytes and hash, no schema."""
    return {  # no "type": Data Package v2 knows only "table"; a Markdown file is a file to frictionless
        "name": CHANGELOG_RESOURCE,
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


def figure_resource(figure: Figure, info: FileInfo) -> dict[str, Any]:
    """A figure as a resource: a file (no schema) checked by its bytes and hash, like the changelog
    (no ``"type"``: Data Package v2 knows only ``"table"``; an SVG is a file to frictionless)."""
    return {
        "name": figure.name,
        "path": info.path,
        "format": figure.format,
        "mediatype": figure.mediatype,
        "encoding": "utf-8",
        "bytes": info.bytes,
        "hash": f"sha256:{info.sha256}",
        "title": figure.title,
        "description": figure.description,
    }


def build_descriptor(metadata: Mapping[str, Any], resources: list[dict[str, Any]]) -> dict[str, Any]:
    """``datapackage.json``: metadata keys in a fixed order, then the resources."""
    descriptor: dict[str, Any] = {"$schema": PROFILE}
    for key in ("name", "title", "description", "version", "homepage", "created", "keywords",
                "language", "licenses", "contributors", "publisher", "contactPoint", "themes",
                "spatialCoverage", "temporalCoverage",
                "sources", "personalData", "rights"):
        if metadata.get(key) not in (None, "", []):
            descriptor[key] = metadata[key]
    descriptor["resources"] = resources
    return descriptor

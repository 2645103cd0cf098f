"""A release opened for comparison — a *side* of :mod:`datarelease.diff` and :mod:`datarelease.release`.

A side is a release folder, a descriptor (``datapackage.json``, or YAML), a zip (unpacked within
:data:`datarelease.untrusted.LIMITS`), or a dataset on a CKAN portal (downloaded and verified).
:class:`Side` says which of its resources are tables as frictionless recognises them (``"type":
"table"``, or a tabular format, path extension or media type), names a resource without a name
as frictionless does, tells which tables can be compared (local CSV, TSV and Parquet; a Parquet
twin is read in its CSV table's place) and why the others cannot, and keeps every path it reads
inside the release: absolute paths, ``..`` and symbolic links out are refused
(:class:`~datarelease.errors.UnsafeInputError`).
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

import yaml

from datarelease.errors import InputError, PortalError, SchemaError, UnsafeInputError
from datarelease.untrusted import DESCRIPTOR_NAMES, find_descriptor, inside, is_remote, load_descriptor, unzip

if TYPE_CHECKING:
    from datarelease.ckan import Portal

__all__ = ["Side", "open_side", "portal_side", "resource_name"]

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
        if is_remote(resource.get("schema")):
            return f"its Table Schema is remote and not fetched ({resource['schema']})"
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
        problem = _schema_problem(schema)
        if problem:
            raise SchemaError(f"the Table Schema of '{name}' {problem}", path=self.root / "datapackage.json")
        assert isinstance(schema, dict)
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


def _strings(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _schema_problem(schema: Any) -> str:
    """What makes ``schema`` unusable for a comparison ("" when nothing does): the shapes the
    diff relies on, checked before it relies on them."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return "has no 'fields' list"
    for index, field in enumerate(schema["fields"]):
        if not isinstance(field, Mapping) or not isinstance(field.get("name"), str):
            return f"has a field without a name (fields[{index}])"
        for key in ("type", "format", "itemType"):
            if field.get(key) is not None and not isinstance(field[key], str):
                return f"gives field '{field['name']}' a {key} that is not a string"
        if field.get("constraints") is not None and not isinstance(field["constraints"], Mapping):
            return f"gives field '{field['name']}' constraints that are not an object"
    if schema.get("primaryKey") is not None and not _strings(schema["primaryKey"]):
        return "has a primaryKey that is not a field name or a list of them"
    if schema.get("foreignKeys") is not None and not isinstance(schema["foreignKeys"], list):
        return "has foreignKeys that are not a list"
    return ""


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

"""A small package confirmed valid without an engine: start-up without frictionless or pyarrow.

frictionless alone takes about 0.3 s to import, pyarrow 0.15 s: more than it takes to read a
small table. :func:`confirm_valid` checks a small package in plain Python and returns the report
frictionless would give — no findings, each resource's row count — only when it can be sure of it,
and ``None`` otherwise; the caller then runs an engine, which finds and reports what is wrong.
It never reports an error itself, so it cannot report one differently from frictionless.

Being sure means doing what frictionless 5.21 does, step by step, with the same library calls,
and giving up on anything outside that: a descriptor holding a key frictionless's profiles know
but this module does not check (``licenses``, ``sources``, ``$schema``, ``dialect`` options other
than the defaults, ``foreignKeys``, field formats, ...), a resource that is not a local ``.csv``,
a type other than ``string``, ``integer``, ``number``, ``boolean``, ``date``, ``year`` and
``datetime``, a constraint other than ``required``, ``unique``, ``minLength``, ``maxLength``,
``minimum``, ``maximum`` and ``enum`` (on strings), a declared ``bytes`` or ``hash`` that does not
match, and every cell, header or row frictionless would report. Encodings are detected with the
same detector, dialects with the same sniffer on the same sample, cells read with the same
conversions (``int``, ``Decimal``, ``strptime``, dateutil's ``isoparse``).

Each rule here is tested against frictionless on packages built to break it
(``tests/test_validate_small.py``): wherever this module returns a report, frictionless's is equal.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any

from datarelease import untrusted
from datarelease.validate.report import Report, ResourceSummary

__all__ = ["confirm_valid"]

# frictionless 5.21's settings and profiles (tests compare them with frictionless's own)
NAME_PATTERN = re.compile(r"^([-a-z0-9._/])+$")
BUFFER_SIZE = 100000  # bytes the encoding is detected from
SAMPLE_SIZE = 100  # lines the CSV dialect is sniffed from
ENCODING_CONFIDENCE = 0.5
DELIMITERS = ",\t;|"
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
DATE_PATTERN = "%Y-%m-%d"
PACKAGE_KEYS = frozenset({"contributors", "created", "description", "homepage", "image", "keywords",
                          "licenses", "name", "profile", "resources", "sources", "title", "type",
                          "version"})
RESOURCE_KEYS = frozenset({"bytes", "compression", "data", "description", "dialect", "encoding",
                           "extrapaths", "fields", "format", "hash", "homepage", "innerpath",
                           "licenses", "mediatype", "name", "path", "profile", "rows", "schema",
                           "scheme", "sources", "title", "type"})

# what this module checks of those (a key frictionless knows, outside these: not sure)
_PACKAGE_CHECKED = {"name", "title", "description", "version", "resources", "homepage", "image",
                    "keywords", "licenses", "sources", "contributors", "profile"}
_RESOURCE_CHECKED = {"name", "path", "title", "description", "format", "mediatype", "encoding",
                     "schema", "dialect", "bytes", "hash", "homepage", "licenses", "sources",
                     "profile", "type"}
# the metadata-only keys, as frictionless's profiles describe them: a string, a list of strings,
# or a list of objects whose listed properties are strings
_TEXT = ("title", "description", "version", "homepage", "image")
_ITEMS = {"licenses": ("name", "path", "title"), "sources": ("title", "path", "email"),
          "contributors": ("title", "path", "email", "organisation", "role")}
_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
_SCHEMA_KEYS = {"fields", "primaryKey", "missingValues", "title", "description"}
_FIELD_KEYS = {"name", "type", "format", "title", "description", "constraints", "example"}
_DIALECT_DEFAULTS: dict[str, object] = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                                        "header": True}
_UTF8 = ("utf-8", "utf8", "utf-8-sig")
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.\-/]*\.csv")
_BOUND_TYPES = {"integer", "number", "year", "date"}


class NotSure(Exception):
    """Something this module does not mirror exactly, or that frictionless would report."""


Reader = Callable[[str], Any]


def confirm_valid(target: Path | str, descriptor_path: Path) -> Report | None:
    """The report frictionless gives for the JSON package at ``descriptor_path`` when it is
    certainly valid (``target`` names it, as the engines do), else ``None``."""
    if not _mirrors_installed_frictionless():
        return None
    try:
        descriptor = untrusted.load_descriptor(descriptor_path)
        summaries = tuple(_resource(resource, descriptor_path.parent)
                          for resource in _resources(descriptor))
    except Exception:  # not sure (NotSure), or anything unforeseen: the engine decides
        return None
    return Report(target=str(target), findings=(), resources=summaries)


MIRRORED_FRICTIONLESS = "5.21."


def _mirrors_installed_frictionless() -> bool:
    """This module mirrors one frictionless release: with another one installed it is not sure.
    (Its settings module is read, not imported: importing frictionless is what this avoids, and
    importlib.metadata alone costs 0.07 s.)"""
    import importlib.util

    spec = importlib.util.find_spec("frictionless")
    if spec is None or spec.origin is None:
        return False
    try:
        settings = (Path(spec.origin).parent / "settings.py").read_text(encoding="utf-8")
    except OSError:
        return False
    found = re.search(r'^VERSION = "([^"]+)"', settings, re.MULTILINE)
    return found is not None and found.group(1).startswith(MIRRORED_FRICTIONLESS)


def _resources(descriptor: Any) -> list[Mapping[str, Any]]:
    if not isinstance(descriptor, dict) or (PACKAGE_KEYS & descriptor.keys()) - _PACKAGE_CHECKED:
        raise NotSure("package keys")
    if any(key.startswith("$") for key in descriptor):
        raise NotSure("$schema")
    _name(descriptor.get("name"), optional=True)
    _metadata(descriptor)
    keywords = descriptor.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise NotSure("keywords")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise NotSure("resources")
    names = [r.get("name") if isinstance(r, dict) else None for r in resources]
    if len(set(names)) != len(names):
        raise NotSure("resource names")
    return resources


def _name(value: Any, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not NAME_PATTERN.search(value):
        raise NotSure("name")
    return value


def _metadata(descriptor: Mapping[str, Any]) -> None:
    """Keys that only describe: checked against frictionless's profile (and its one rule beyond
    it, a licence names a ``path`` or a ``name``)."""
    for key in _TEXT:
        _optional(descriptor, key, str)
    for key, properties in _ITEMS.items():
        items = descriptor.get(key, [])
        if not isinstance(items, list) or not all(
                isinstance(item, dict) and all(isinstance(item.get(p, ""), str) for p in properties)
                for item in items):
            raise NotSure(key)
        if key == "licenses" and not all(item.get("path") or item.get("name") for item in items):
            raise NotSure(key)
    if descriptor.get("profile", "data-package") not in _PROFILES:
        raise NotSure("profile")


def _optional(mapping: Mapping[str, Any], key: str, kind: type) -> Any:
    value = mapping.get(key)
    if value is not None and (not isinstance(value, kind) or (isinstance(value, bool) and kind is int)):
        raise NotSure(key)
    return value


def _resource(resource: Any, folder: Path) -> ResourceSummary:
    if not isinstance(resource, dict) or (RESOURCE_KEYS & resource.keys()) - _RESOURCE_CHECKED:
        raise NotSure("resource keys")
    name = _name(resource.get("name"))
    _metadata(resource)
    if resource.get("type", "table") != "table":
        raise NotSure("type")
    where = resource.get("path")
    # a plain relative path (frictionless also refuses "~", variables, "../" and "file:" paths)
    if not isinstance(where, str) or not _PLAIN_PATH.fullmatch(where) or ".." in where or "//" in where:
        raise NotSure("path")
    if resource.get("format", "csv") != "csv" or resource.get("mediatype", "text/csv") != "text/csv":
        raise NotSure("format")
    file = folder / where
    if file.is_symlink() or not file.is_file() or any(p.is_symlink() for p in file.parents
                                                        if folder in p.parents):
        raise NotSure("file")
    data = file.read_bytes()
    _check_size_and_hash(resource, data)
    text = io.TextIOWrapper(io.BytesIO(data), _encoding(resource.get("encoding"), data), newline="")
    fields, readers, missing, primary_key = _schema(resource.get("schema"))
    rows = _check_table(_records(text, resource.get("dialect")), fields, readers, missing, primary_key)
    return ResourceSummary(name=name, path=where, rows=rows, valid=True, error_count=0)


def _check_size_and_hash(resource: Mapping[str, Any], data: bytes) -> None:
    declared = _optional(resource, "bytes", int)
    if declared is not None and declared != len(data):
        raise NotSure("bytes")
    declared_hash = _optional(resource, "hash", str)
    if declared_hash is None:
        return
    algorithm, _, digest = declared_hash.rpartition(":")
    algorithm = algorithm or "md5"
    if algorithm not in ("md5", "sha256") or hashlib.new(algorithm, data).hexdigest() != digest:
        raise NotSure("hash")


def _encoding(declared: Any, data: bytes) -> str:
    """The encoding frictionless reads the file with (its detector, on its buffer); a UTF-8
    file only (anything else: not sure), strictly decodable."""
    if declared is None:
        import chardet  # as frictionless detects it: only an undeclared encoding pays (0.1 s)

        buffer = data[:BUFFER_SIZE]
        detector = chardet.UniversalDetector()
        for line in buffer.splitlines():
            detector.feed(line)
        detector.close()
        detected = detector.result["encoding"] or "utf-8"
        if (detector.result["confidence"] or 0) < ENCODING_CONFIDENCE:
            detected = "utf-8" if _decodes(buffer) else detected
        declared = "utf-8" if detected == "ascii" else detected
    if not isinstance(declared, str) or declared.lower().replace("_", "-") not in _UTF8:
        raise NotSure("encoding")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    data.decode(encoding)  # invalid UTF-8 (a ValueError): the engines report it
    return encoding


def _decodes(buffer: bytes) -> bool:
    try:
        buffer.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _records(text: io.TextIOWrapper, dialect: Any) -> Iterator[list[str]]:
    """The records as frictionless's CSV parser reads them: its sniffer on its sample decides
    what the descriptor leaves open."""
    dialect = {} if dialect is None else dialect
    if not isinstance(dialect, dict) or any(
            key not in _DIALECT_DEFAULTS and key != "lineTerminator" for key in dialect):
        raise NotSure("dialect")
    for key, value in dialect.items():
        if key != "lineTerminator" and (value != _DIALECT_DEFAULTS[key] or type(value) is not type(
                _DIALECT_DEFAULTS[key])):
            raise NotSure("dialect")
    if not isinstance(dialect.get("lineTerminator", ""), str):
        raise NotSure("dialect")
    sample: list[str] = []
    for line in text:
        sample.append(line)
        if len(sample) >= SAMPLE_SIZE:
            break
    delimiter = dialect.get("delimiter", DELIMITERS)
    try:
        sniffed: Any = csv.Sniffer().sniff("".join(sample), delimiter)
    except csv.Error:
        sniffed = csv.excel()
    config = csv.excel()
    config.delimiter = dialect.get("delimiter", sniffed.delimiter)
    config.quotechar = dialect.get("quoteChar", '"' if sniffed.quotechar == "'" else sniffed.quotechar)
    config.skipinitialspace = sniffed.skipinitialspace
    if sniffed.escapechar:  # frictionless then reads doubleQuote too: not mirrored
        raise NotSure("escapechar")
    return csv.reader(chain(sample, text), dialect=config)


def _schema(schema: Any) -> tuple[list[str], list[tuple[Reader, dict[str, Any]]], set[str], list[int]]:
    if not isinstance(schema, dict) or set(schema) - _SCHEMA_KEYS:
        raise NotSure("schema")
    fields = schema.get("fields")
    missing = schema.get("missingValues", [""])
    if (not isinstance(fields, list) or not fields
            or not isinstance(missing, list) or not all(isinstance(v, str) for v in missing)):
        raise NotSure("schema")
    names = [f.get("name") if isinstance(f, dict) else None for f in fields]
    if (len(set(names)) != len(names)
            or not all(isinstance(n, str) and n and n == n.strip() for n in names)):
        raise NotSure("field names")
    primary = schema.get("primaryKey", [])
    primary = [primary] if isinstance(primary, str) else primary
    if not isinstance(primary, list) or not all(name in names for name in primary):
        raise NotSure("primaryKey")
    readers = [_field(field) for field in fields]
    return [str(n) for n in names], readers, set(missing), [names.index(name) for name in primary]


def _field(field: Mapping[str, Any]) -> tuple[Reader, dict[str, Any]]:
    kind = field.get("type")
    allowed = _FIELD_KEYS | ({"trueValues", "falseValues"} if kind == "boolean" else set())
    if set(field) - allowed or field.get("format", "default") != "default":
        raise NotSure("field keys")
    for key in ("title", "description"):
        _optional(field, key, str)
    reader = _reader(field)
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise NotSure("constraints")
    checks: dict[str, Any] = {}
    for key, value in constraints.items():
        if (key in ("required", "unique") and type(value) is bool) or (
                key in ("minLength", "maxLength") and kind == "string" and type(value) is int):
            checks[key] = value
        elif key in ("minimum", "maximum") and kind in _BOUND_TYPES and (
                type(value) is int if kind != "date" else isinstance(value, str)):
            checks[key] = _certain(reader, value)
        elif key == "enum" and kind == "string" and isinstance(value, list) and value and all(
                isinstance(v, str) for v in value):
            checks[key] = value
        else:
            raise NotSure("constraint")
    return reader, checks


def _certain(reader: Reader, value: Any) -> Any:
    cast = reader(value)
    if cast is None:
        raise NotSure("bound")
    return cast


def _reader(field: Mapping[str, Any]) -> Reader:
    """frictionless's value reader for the field's type (default format), or not sure."""
    kind = field.get("type")
    if kind == "string":
        return lambda cell: cell
    if kind == "integer":
        return lambda cell: _or_none(lambda: int(cell.strip()) if isinstance(cell, str) else int(cell))
    if kind == "number":
        return lambda cell: _or_none(lambda: Decimal(cell.strip()) if isinstance(cell, str) else cell)
    if kind == "year":
        return _year
    if kind == "date":
        return lambda cell: _or_none(lambda: datetime.strptime(cell, DATE_PATTERN).date())
    if kind == "datetime":
        return _datetime
    if kind == "boolean":
        true_values = field.get("trueValues", list(TRUE_VALUES))
        false_values = field.get("falseValues", list(FALSE_VALUES))
        if not all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                   for v in (true_values, false_values)):
            raise NotSure("boolean values")
        mapping = {**{v: True for v in true_values}, **{v: False for v in false_values}}
        return mapping.get
    raise NotSure(f"type {kind!r}")


def _or_none(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except Exception:  # frictionless's readers turn every failure into "not this type"
        return None


def _year(cell: Any) -> int | None:
    if not isinstance(cell, int):
        if not isinstance(cell, str) or len(cell) != 4:
            return None
        value = _or_none(lambda: int(cell))
        if value is None:
            return None
        cell = value
    return cell if 0 <= cell <= 9999 else None


def _datetime(cell: Any) -> Any:
    if not isinstance(cell, str) or len(cell) < 19 or cell[16] != ":":
        return None
    # as frictionless reads datetimes: only datetime fields pay for the import
    from dateutil import parser  # type: ignore[import-untyped]

    return _or_none(lambda: parser.isoparse(cell))


def _check_table(records: Iterator[list[str]], names: list[str],
                 fields: list[tuple[Reader, dict[str, Any]]], missing: set[str],
                 primary_key: list[int]) -> int:
    """The number of data rows, when no header, row or cell would be reported."""
    if next(records, None) != names:
        raise NotSure("header")
    unique = [i for i, (_reader, checks) in enumerate(fields) if checks.get("unique")]
    seen: list[set[Any]] = [set() for _ in unique]
    keys: set[tuple[Any, ...]] = set()
    rows = 0
    for record in records:
        if len(record) != len(names):
            raise NotSure("cell count")
        values = [_cell(cell, reader, checks, missing)
                  for cell, (reader, checks) in zip(record, fields, strict=True)]
        if all(value is None for value in values):
            raise NotSure("blank row")
        for index, known in zip(unique, seen, strict=True):
            if values[index] is None or values[index] in known:
                raise NotSure("unique")
            known.add(values[index])
        if primary_key:
            key = tuple(values[i] for i in primary_key)
            if None in key or key in keys:
                raise NotSure("primary key")
            keys.add(key)
        rows += 1
    return rows


def _cell(cell: str, reader: Reader, checks: Mapping[str, Any], missing: set[str]) -> Any:
    if cell in missing:
        if checks.get("required"):
            raise NotSure("required")
        return None
    value = reader(cell)
    if value is None:
        raise NotSure("type")
    if value != value:  # NaN fails every bound; frictionless's enum and key checks: not mirrored
        raise NotSure("NaN")
    if "minLength" in checks and len(value) < checks["minLength"]:
        raise NotSure("minLength")
    if "maxLength" in checks and len(value) > checks["maxLength"]:
        raise NotSure("maxLength")
    if "minimum" in checks and not value >= checks["minimum"]:
        raise NotSure("minimum")
    if "maximum" in checks and not value <= checks["maximum"]:
        raise NotSure("maximum")
    if "enum" in checks and value not in checks["enum"]:
        raise NotSure("enum")
    return value

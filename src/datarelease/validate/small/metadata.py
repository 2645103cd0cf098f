"""The descriptor as frictionless 5.21 checks it: package and resource keys, names, metadata, the
resource's file, its declared ``bytes`` and ``hash`` — anything outside what is mirrored here is
:class:`NotSure`. frictionless reports metadata problems before it reads any data (and stops
there), so this module never reports one: it only decides whether the data can be read here."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# frictionless 5.21's settings and profiles (tests compare them with frictionless's own)
NAME_PATTERN = re.compile(r"^([-a-z0-9._/])+$")
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
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.\-/]*\.csv")


class NotSure(Exception):
    """Something this package does not mirror exactly: the engine decides."""


def package_resources(descriptor: Any) -> list[Mapping[str, Any]]:
    """The package's resources, once its own keys are known to be what frictionless accepts."""
    if not isinstance(descriptor, dict) or (PACKAGE_KEYS & descriptor.keys()) - _PACKAGE_CHECKED:
        raise NotSure("package keys")
    if any(key.startswith("$") for key in descriptor):
        raise NotSure("$schema")
    checked_name(descriptor.get("name"), optional=True)
    _metadata(descriptor)
    keywords = descriptor.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise NotSure("keywords")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources or not all(isinstance(r, dict)
                                                                   for r in resources):
        raise NotSure("resources")
    names = [r.get("name") for r in resources]
    if len(set(map(str, names))) != len(names):
        raise NotSure("resource names")
    return resources


def checked_name(value: Any, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not NAME_PATTERN.search(value):
        raise NotSure("name")
    return value


def _metadata(descriptor: Mapping[str, Any]) -> None:
    """Keys that only describe: checked against frictionless's profile (and its one rule beyond
    it, a licence names a ``path`` or a ``name``)."""
    for key in _TEXT:
        optional(descriptor, key, str)
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


def optional(mapping: Mapping[str, Any], key: str, kind: type) -> Any:
    value = mapping.get(key)
    if value is not None and (not isinstance(value, kind) or (isinstance(value, bool) and kind is int)):
        raise NotSure(key)
    return value


def resource_file(resource: Mapping[str, Any], folder: Path) -> tuple[str, str, bytes]:
    """The resource's name, its path as written, and its bytes: a plain local CSV file inside
    the package folder whose declared ``bytes`` and ``hash`` (if any) match."""
    if (RESOURCE_KEYS & resource.keys()) - _RESOURCE_CHECKED:
        raise NotSure("resource keys")
    name = checked_name(resource.get("name"))
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
    return name, where, data


def _check_size_and_hash(resource: Mapping[str, Any], data: bytes) -> None:
    declared = optional(resource, "bytes", int)
    if declared is not None and declared != len(data):
        raise NotSure("bytes")
    declared_hash = optional(resource, "hash", str)
    if declared_hash is None:
        return
    algorithm, _, digest = declared_hash.rpartition(":")
    algorithm = algorithm or "md5"
    if algorithm not in ("md5", "sha256") or hashlib.new(algorithm, data).hexdigest() != digest:
        raise NotSure("hash")

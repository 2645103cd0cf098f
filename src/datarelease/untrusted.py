"""Reading what a package brings, within limits: descriptors, zips and the paths in them.

A Data Package handed to ``validate`` or ``diff`` may come from anyone (a pull request in CI, a
download). Everything here treats it as hostile and bounded:

- **Descriptors** (``datapackage.json``/``.yaml``, resource, schema and dialect files) are read
  as frictionless reads them — JSON, or YAML when the name ends in ``.yaml``/``.yml`` — but
  never more than :attr:`Limits.descriptor_bytes` (:attr:`Limits.yaml_bytes` of YAML), never
  nested deeper than
  :attr:`Limits.depth`, and YAML with ``yaml.safe_load``'s types only (libyaml's parser when
  PyYAML has it) and at most :attr:`Limits.yaml_nodes` nodes once its aliases are expanded
  (no "billion laughs").
- **Zips** are unpacked member by member into a fresh folder: no absolute or ``..`` member
  names, no symbolic links, at most :attr:`Limits.zip_entries` members, at most
  :attr:`Limits.zip_bytes` in all and a compression ratio of at most :attr:`Limits.zip_ratio`
  — counted on the bytes actually written, not on what the zip's headers claim.
- **Paths** in a descriptor must stay in the package folder once symbolic links are followed.
- **Remote references** (a resource path, schema, dialect, resource descriptor or custom
  profile given as a URL, loopback addresses included) are listed by
  :func:`remote_references`, so that callers can refuse to fetch them unless asked.

A limit that is hit is an :class:`~datarelease.errors.UnsafeInputError` naming the file and
what was exceeded; nothing is half-written (a refused zip's folder is removed).
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from datarelease.errors import UnsafeInputError

__all__ = [
    "DESCRIPTOR_NAMES",
    "LIMITS",
    "Limits",
    "RemoteReference",
    "find_descriptor",
    "inside",
    "is_remote",
    "is_yaml",
    "load_descriptor",
    "parse_descriptor",
    "remote_references",
    "unzip",
]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What an untrusted package may make datarelease read or write."""

    descriptor_bytes: int = 16 * MiB
    """A descriptor file (package, resource, schema or dialect) larger than this is refused."""
    yaml_bytes: int = 2 * MiB
    """The same for YAML, which parses some twenty times slower than JSON (time stays bounded)."""
    depth: int = 64
    """Deepest nesting of objects and lists in a descriptor."""
    yaml_nodes: int = 1_000_000
    """Nodes of a YAML document once its aliases are expanded (or one per two bytes of the
    document, if that is more: aliases may not make more than plain text could)."""
    zip_entries: int = 10_000
    zip_bytes: int = 4 * 1024 * MiB
    """Bytes a zip may expand to, all members together."""
    zip_ratio: int = 200
    """Expanded bytes per compressed byte, for a member larger than 1 MiB once expanded."""


LIMITS = Limits()

DESCRIPTOR_NAMES = ("datapackage.json", "datapackage.yaml", "datapackage.yml")
"""The descriptors looked for in a package folder, in this order."""
_YAML_SUFFIXES = (".yaml", ".yml")
# Standard Data Package profiles are known to frictionless by name or URL: never fetched.
_STANDARD_PROFILE_HOSTS = ("datapackage.org", "specs.frictionlessdata.io")
_STANDARD_PROFILE_NAMES = ("data-package", "tabular-data-package", "fiscal-data-package",
                           "data-resource", "tabular-data-resource", "table-schema",
                           "table-dialect")


# --------------------------------------------------------------------------- descriptors


def is_yaml(path: Path | str) -> bool:
    return str(path).lower().endswith(_YAML_SUFFIXES)


def load_descriptor(path: Path, limits: Limits = LIMITS) -> Any:
    """A descriptor file's value (JSON, or YAML for ``.yaml``/``.yml``), within ``limits``.

    Raises :class:`UnsafeInputError` for a file over the limits, :class:`OSError` when it cannot
    be read, :class:`UnicodeDecodeError` and :class:`ValueError` (with the parser's words) when it
    is not UTF-8 JSON or YAML.
    """
    most = limits.yaml_bytes if is_yaml(path) else limits.descriptor_bytes
    with path.open("rb") as file:
        data = file.read(most + 1)
    if len(data) > most:
        raise UnsafeInputError(f"the descriptor is larger than {most} bytes", path=path)
    return parse_descriptor(data.decode("utf-8-sig"), yaml_text=is_yaml(path), limits=limits,
                            where=path)


def parse_descriptor(text: str, *, yaml_text: bool = False, limits: Limits = LIMITS,
                     where: Path | str | None = None) -> Any:
    """:func:`load_descriptor` for text already read."""
    most = limits.yaml_bytes if yaml_text else limits.descriptor_bytes
    if len(text) > most:
        raise UnsafeInputError(f"the descriptor is larger than {most} bytes", path=where)
    _check_nesting(text, yaml_text, limits, where)
    value = _parse_yaml(text, limits, where) if yaml_text else json.loads(text)
    return value


# A JSON string (escapes included) or one bracket: what nesting is counted on, at regex speed.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')
# libyaml when PyYAML has it (tens of times faster on a big file); the same safe types either way
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_nesting(text: str, yaml_text: bool, limits: Limits, where: Path | str | None) -> None:
    """Refuse deep JSON nesting before the parser recurses into it (RecursionError, or worse).
    YAML nesting is bounded on the parser's events (:func:`_parse_yaml`)."""
    if yaml_text:
        return
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limits.depth:
                raise UnsafeInputError(f"the descriptor is nested deeper than {limits.depth} levels",
                                       path=where)
        elif token in "]}":
            depth -= 1


def _parse_yaml(text: str, limits: Limits, where: Path | str | None) -> Any:
    _check_yaml_events(text, limits, where)
    return yaml.load(text, Loader=_SafeLoader)  # safe types only; aliases are shared, not copied


def _events(text: str, limits: Limits, where: Path | str | None) -> Iterator[yaml.Event]:
    try:
        yield from yaml.parse(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):  # libyaml's own limit, met while it scans ahead
            raise UnsafeInputError(f"the descriptor is nested deeper than {limits.depth} levels",
                                   path=where) from exc
        raise


def _check_yaml_events(text: str, limits: Limits, where: Path | str | None) -> None:
    """Depth and alias expansion, on the parser's events (it does not recurse, and nothing is
    built): every alias counts as the nodes of what it names, so a "billion laughs" document is
    refused on its first few kilobytes. Aliases may not make more nodes than plain text of the
    same size could hold (:attr:`Limits.yaml_nodes`, or one per two bytes if that is more)."""
    most = max(limits.yaml_nodes, len(text) // 2)
    sizes: dict[str, int] = {}  # anchor → nodes of the anchored node, expanded
    open_nodes: list[list[Any]] = []  # [anchor, nodes so far] of each collection being read
    expanded = 0
    for event in _events(text, limits, where):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_nodes) >= limits.depth:
                raise UnsafeInputError(f"the descriptor is nested deeper than {limits.depth} levels",
                                       path=where)
            open_nodes.append([event.anchor, 1])
            expanded += 1
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, nodes = open_nodes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, nodes = event.anchor, 1
            expanded += 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, nodes = None, sizes.get(str(event.anchor), 1)
            expanded += nodes
        else:
            continue
        if anchor is not None:
            sizes[str(anchor)] = nodes
        if open_nodes:
            open_nodes[-1][1] += nodes
        if expanded > most:
            raise UnsafeInputError(f"the YAML expands to more than {most} nodes (aliases of aliases?)",
                                   path=where)


def find_descriptor(folder: Path) -> Path:
    """The descriptor of a package folder: ``datapackage.json``, else ``datapackage.yaml``/``.yml``
    (the first that exists; ``datapackage.json`` when none does)."""
    for name in DESCRIPTOR_NAMES:
        if (folder / name).is_file():
            return folder / name
    return folder / DESCRIPTOR_NAMES[0]


# --------------------------------------------------------------------------- references


FETCHED_SCHEMES = ("http", "https", "ftp", "ftps", "s3")
"""URL schemes frictionless fetches (others, ``file:`` included, it refuses in its own words)."""


def is_remote(value: Any) -> bool:
    """Whether a path-like value is a URL that frictionless would fetch."""
    if not isinstance(value, str):
        return False
    return urlsplit(value.strip()).scheme.lower() in FETCHED_SCHEMES


def _custom_profile(value: Any) -> bool:
    if not isinstance(value, str) or value in _STANDARD_PROFILE_NAMES:
        return False
    host = urlsplit(value).hostname or ""
    return is_remote(value) and host not in _STANDARD_PROFILE_HOSTS


@dataclass(frozen=True)
class RemoteReference:
    resource: str | None
    """The resource's name (or its position, ``#2``); ``None`` for the package itself."""
    property: str
    """``path``, ``schema``, ``dialect``, ``profile`` or ``resources`` (a resource given as a URL)."""
    url: str


def remote_references(descriptor: Any, *, package: bool = True) -> list[RemoteReference]:
    """Every reference of a package (or, ``package=False``, resource) descriptor that would make
    frictionless fetch something: URLs as paths, schemas, dialects, resource descriptors, and
    custom profiles (``profile``, which frictionless fetches to validate against)."""
    if not isinstance(descriptor, Mapping):
        return []
    found: list[RemoteReference] = []
    resources = descriptor.get("resources") if package else [descriptor]
    if package and _custom_profile(descriptor.get("profile")):
        found.append(RemoteReference(None, "profile", str(descriptor["profile"])))
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, str):
            if is_remote(resource):
                found.append(RemoteReference(f"#{index + 1}", "resources", resource))
            continue
        if not isinstance(resource, Mapping):
            continue
        name = resource.get("name")
        label = name if isinstance(name, str) else f"#{index + 1}"
        paths = resource.get("path")
        for path in paths if isinstance(paths, list) else [paths]:
            if is_remote(path):
                found.append(RemoteReference(label, "path", str(path)))
        for key in ("schema", "dialect"):
            if is_remote(resource.get(key)):
                found.append(RemoteReference(label, key, str(resource[key])))
        if _custom_profile(resource.get("profile")):
            found.append(RemoteReference(label, "profile", str(resource["profile"])))
        schema = resource.get("schema")
        if isinstance(schema, Mapping) and _custom_profile(schema.get("profile")):
            found.append(RemoteReference(label, "schema.profile", str(schema["profile"])))
    return found


def inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` if it stays inside ``root`` once symbolic links are followed, else
    ``None`` (an absolute path, ``..`` out of the folder, or a link pointing out)."""
    if not relative or "\x00" in relative:
        return None
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or Path(relative).is_absolute() or ".." in pure.parts:
        return None
    base = root.resolve()
    candidate = (root / relative).resolve()
    return candidate if candidate == base or base in candidate.parents else None


# --------------------------------------------------------------------------- zips


def unzip(archive: Path, workdir: Path, limits: Limits = LIMITS) -> Path:
    """Unpack ``archive`` into a new folder under ``workdir`` within ``limits``; the folder.

    Raises :class:`UnsafeInputError` (and removes what was unpacked) for a member with an
    absolute or ``..`` name, a symbolic link, or more members or bytes than the limits allow.
    """
    target = Path(tempfile.mkdtemp(prefix="zip-", dir=workdir))
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            if len(members) > limits.zip_entries:
                raise UnsafeInputError(f"the zip has more than {limits.zip_entries} members",
                                       path=archive)
            written = 0
            for member in members:
                written += _extract(zipped, member, target, limits, limits.zip_bytes - written, archive)
    except zipfile.BadZipFile as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise UnsafeInputError(f"not a readable zip: {exc}", path=archive) from exc
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _extract(zipped: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, limits: Limits,
             budget: int, archive: Path) -> int:
    name = member.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    drive = bool(pure.parts) and ":" in pure.parts[0]  # C:\… on Windows
    if pure.is_absolute() or ".." in pure.parts or "\x00" in name or drive:
        raise UnsafeInputError(f"the zip member {name!r} points outside the package", path=archive)
    if stat.S_ISLNK(member.external_attr >> 16):
        raise UnsafeInputError(f"the zip member {name!r} is a symbolic link", path=archive)
    destination = target.joinpath(*pure.parts)
    if member.is_dir():
        destination.mkdir(parents=True, exist_ok=True)
        return 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with zipped.open(member) as source, destination.open("xb") as sink:
        for chunk in _chunks(source):
            written += len(chunk)
            if written > budget:
                raise UnsafeInputError(f"the zip expands to more than {limits.zip_bytes} bytes",
                                       path=archive)
            if written > MiB and written > limits.zip_ratio * max(member.compress_size, 1):
                raise UnsafeInputError(
                    f"the zip member {name!r} expands more than {limits.zip_ratio} times "
                    "(a zip bomb?)", path=archive)
            sink.write(chunk)
    return written


def _chunks(source: Any, size: int = MiB) -> Iterator[bytes]:
    while chunk := source.read(size):
        yield chunk

"""Small packages validated without an engine: start-up without frictionless or pyarrow.

frictionless alone takes about 0.3 s to import, pyarrow 0.15 s: more than it takes to read a
small table. :func:`validate_small` validates a small package in plain Python and returns the
report frictionless 5.21 would give — its findings (type and constraint errors, unique, primary
and foreign keys, blank rows, extra and missing cells, label errors), with the same rows, fields,
notes, messages and order, and each resource's summary — only when it can be sure of it, and
``None`` otherwise; the caller then runs an engine.

Being sure means doing what frictionless does, step by step, with the same library calls
(its encoding detector on its buffer, its CSV sniffer on its sample, ``int``, ``Decimal``,
``strptime``, dateutil's ``isoparse``, ``validators`` and ``rfc3986`` for string formats, Python's
``re`` for patterns), and giving up on anything outside that:

- :mod:`.metadata` — the descriptor: a key frictionless's profiles know but this package does not
  check (``$schema``, ``rows``, ``compression``, ...), a resource that is not a local ``.csv``,
  a declared ``bytes`` or ``hash`` that does not match;
- :mod:`.reading` — an encoding other than UTF-8, invalid UTF-8, dialect options other than
  ``delimiter``, ``quoteChar``, ``doubleQuote``, ``escapeChar``, ``skipInitialSpace``,
  ``header`` and ``lineTerminator``;
- :mod:`.fields` — a type other than ``string`` (formats ``default``, ``email``, ``uri``,
  ``uuid``), ``integer``, ``number``, ``boolean``, ``date``, ``year`` and ``datetime`` (default
  formats); constraints other than ``required``, ``unique``, ``minLength``/``maxLength`` and
  ``pattern`` (strings), ``minimum``/``maximum`` (integers, numbers, years, dates) and ``enum``
  (strings, integers); a NaN; a pattern Python's ``re`` cannot decide in time;
- :mod:`.rows` — a table without a header row or data, a blank label beyond the schema's fields;
  a foreign key to a resource that is not in the package, or not mirrored here.

Each rule here is tested against frictionless on packages built to break it, and on packages
mutated at random (``tests/test_validate_small*.py``): wherever this package returns a report,
frictionless's is equal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease import untrusted
from datarelease.validate.report import Report, ResourceSummary, finding_from_error
from datarelease.validate.small.fields import Field, schema_fields
from datarelease.validate.small.metadata import NotSure, package_resources, resource_file
from datarelease.validate.small.reading import dialect_of, records, text_of
from datarelease.validate.small.rows import ForeignKey, Table, check_rows, read_rows

__all__ = ["MIRRORED_FRICTIONLESS", "validate_small"]

MIRRORED_FRICTIONLESS = "5.21."


def validate_small(target: Path | str, descriptor_path: Path) -> Report | None:
    """The report frictionless gives for the JSON package at ``descriptor_path`` (``target``
    names it, as the engines do), when this package is sure of it, else ``None``."""
    if not _mirrors_installed_frictionless():
        return None
    try:
        descriptor = untrusted.load_descriptor(descriptor_path)
        package = _Package(package_resources(descriptor), descriptor_path.parent)
        findings, summaries = [], []
        omitted: Counter[str] = Counter()
        for name in package.names:
            resource = package.resource(name)
            table = package.validate(resource)
            findings += [finding_from_error(e, name, resource.path) for e in table.errors]
            omitted += table.omitted
            rows = table.count
            valid = not table.error_count
            summaries.append(ResourceSummary(name=name, path=resource.path,
                                             rows=rows if rows or valid else None,  # as frictionless
                                             valid=valid, error_count=table.error_count))
    except Exception:  # not sure (NotSure), or anything unforeseen: the engine decides
        return None
    return Report(target=str(target), findings=tuple(findings), resources=tuple(summaries),
                  omitted=tuple(sorted(omitted.items())))


def _mirrors_installed_frictionless() -> bool:
    """This package mirrors one frictionless release: with another one installed it is not sure.
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


@dataclass(frozen=True)
class _Resource:
    name: str
    path: str
    data: bytes
    encoding: Any
    dialect: Mapping[str, Any]
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[ForeignKey]


class _Package:
    """The package's resources, each read when first needed (a foreign key reads its target)."""

    def __init__(self, resources: list[Mapping[str, Any]], folder: Path) -> None:
        self.descriptors = {str(r.get("name")): r for r in resources}
        self.names = list(self.descriptors)
        self.folder = folder
        self._read: dict[str, _Resource] = {}

    def resource(self, name: str) -> _Resource:
        if name not in self._read:
            descriptor = self.descriptors[name]
            name, where, data = resource_file(descriptor, self.folder)
            fields, primary_key, foreign_keys = schema_fields(descriptor.get("schema"))
            self._read[name] = _Resource(
                name=name, path=where, data=data, encoding=descriptor.get("encoding"),
                dialect=dialect_of(descriptor.get("dialect")), fields=fields, primary_key=primary_key,
                foreign_keys=[ForeignKey(tuple(k["fields"]), k["resource"], tuple(k["reference"]))
                              for k in foreign_keys])
        return self._read[name]

    def validate(self, resource: _Resource, *, with_keys: bool = True) -> Table:
        """The resource's table checked as frictionless checks it (its foreign keys against
        lookups read first, as frictionless reads them when it opens the resource)."""
        lookups = self._lookups(resource) if with_keys else []
        table = Table(rows=None if with_keys else [])
        header, expected, rows = read_rows(records(text_of(resource.data, resource.encoding),
                                                   resource.dialect),
                                           resource.fields, resource.dialect.get("header"))
        table.add(header)
        check_rows(rows, expected, resource.primary_key, lookups, table)
        return table

    def _lookups(self, resource: _Resource) -> list[tuple[ForeignKey, set[tuple[Any, ...]]]]:
        """Each foreign key with the keys of its target: every row's values of the referenced
        fields, but rows where all of them are missing (frictionless's lookup)."""
        found = []
        for key in resource.foreign_keys:
            target = resource if key.resource in ("", resource.name) else None
            if target is None:
                if key.resource not in self.descriptors:
                    raise NotSure("foreign key to a resource not in the package")  # a resource-error
                target = self.resource(key.resource)
            keys: set[tuple[Any, ...]] = set()
            for row in self.validate(target, with_keys=False).rows or []:
                values = tuple(row.get(name) for name in key.reference)
                if set(values) != {None}:
                    keys.add(values)
            found.append((key, keys))
        return found

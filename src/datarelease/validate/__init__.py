"""Validate a Data Package, or one resource, against its Table Schemas; bad data is a report.

Two engines report the same findings. ``stream`` (the library's default,
:mod:`datarelease.validate.stream`) reads each CSV table once in columnar batches, at close to
the speed of the disk, in bounded memory; ``frictionless`` runs frictionless-py itself, the
reference (``engine="frictionless"``, ``datarelease validate --engine frictionless``); ``auto``
(the command line's default) picks frictionless for a package under 1 MB, where it is done before
the streaming engine has started. Either way every finding carries a frictionless error code
(``type-error``, ``constraint-error``, ``primary-key``, ``foreign-key``, ``hash-count``, ...) and
counts rows the way frictionless does (the header row is row 1). Foreign keys are checked across
the tables of a package. For a ``constraint-error`` or ``type-error``, :attr:`Finding.rule` says
which rule the cell broke (frictionless only says it in the note). The one intended difference,
invalid UTF-8, is described in :mod:`datarelease.validate.stream`.

``pattern`` constraints come from untrusted schemas: both engines match them in bounded time
(:mod:`datarelease.validate.patterns`: Python's ``re`` under a time limit per check, then RE2
where it decides exactly as Python would). A check neither can decide in time fails the cell
with a ``constraint-error`` whose note says the check was stopped — where frictionless hangs.

Nothing here raises for bad data. A descriptor that cannot be read (missing, not JSON, not an
object, not a valid Data Package) is a ``package-error`` / ``schema-error`` / ``resource-error``
finding like any other. Every error is reported: frictionless's default limit of 1,000 errors is
lifted (``limit_errors=0`` means "no limit" to frictionless), and no row limit is applied.

Findings keep the order frictionless emits them in: resource by resource (descriptor order),
header errors first, then rows in order, then whole-table checks (``row-count``, ``byte-count``,
``hash-count``). That order is deterministic, so every rendering is too.

Known frictionless 5.21 behaviours to be aware of (not worked around here):

- ``foreignKeys`` declared outside ``schema`` (on the resource itself, a v1-era habit) are
  silently ignored: such a package validates as if it had no foreign keys.
- A foreign key whose ``fields`` are not all present in the file's header is silently skipped.
- A foreign key to a resource that does not exist stops that resource's validation with one
  ``resource-error``; none of its rows are checked.
- A missing data file is a ``scheme-error`` ("No such file or directory"), not a ``file-error``.
- Without the optional extras, an ``.xlsx`` table is a ``format-error`` ("invalid excel file")
  and a JSON table an ``error`` ('Please install "frictionless[json]"').
- When the package descriptor itself is invalid, frictionless reports only the first problem
  and validates no data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from datarelease.validate.formats import FORMATS, render
from datarelease.validate.report import (
    DESCRIPTOR_NAME,
    FINDINGS_PER_KIND,
    Finding,
    Report,
    ResourceSummary,
    limit_findings,
    merge_reports,
)

__all__ = [
    "DCAT_KEYS",
    "DESCRIPTOR_NAME",
    "ENGINES",
    "FINDINGS_PER_KIND",
    "FORMATS",
    "Finding",
    "Report",
    "ResourceSummary",
    "limit_findings",
    "merge_reports",
    "render",
    "validate_package",
    "validate_release",
    "validate_resource",
]

DCAT_KEYS = ("publisher", "contactPoint", "themes", "spatialCoverage")
"""Descriptor keys that hold DCAT metadata (``dcat.DCAT_KEYS``; a test keeps the two equal)."""

ENGINES = ("auto", "stream", "frictionless")
"""The validation engines: ``stream`` (:mod:`datarelease.validate.stream`, the default) and
``frictionless`` (:mod:`datarelease.validate.reference`); ``auto`` (``datarelease validate``'s
default) is ``frictionless`` for a small package (see :func:`small_package`), ``stream`` otherwise."""

SMALL_PACKAGE_BYTES = 1 << 20
"""Below this much local data, frictionless itself validates faster than the streaming engine
starts: pyarrow takes 0.3 s and 85 MB to import, frictionless checks 1 MB in about that time."""

# The engines import frictionless and pyarrow (most of a second): only a validation pays for them.


def validate_package(
    path: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
    max_errors: int | None = None,
) -> Report:
    """Validate a Data Package: ``path`` is a ``datapackage.json`` or a folder holding one.

    Every resource is checked against its Table Schema, foreign keys across tables included,
    as are declared ``bytes``/``hash``. ``pick_errors`` keeps only the listed error types or
    frictionless tags (``"#header"``, ``"#row"``, ``"#cell"``, ...); ``skip_errors`` drops
    them. Both only filter data errors: a descriptor that cannot be read is always reported.
    An unknown type or tag is a ``ValueError`` (a typo must not make a report silently valid).

    ``engine``: ``"stream"`` (the default: each table read once, in columnar batches, with the
    same findings) or ``"frictionless"`` (the reference engine).

    The report keeps the first :data:`FINDINGS_PER_KIND` findings of each resource, type and
    field, and at most ``max_errors`` in all; every finding is counted (``Report.omitted``).
    """
    if _engine(engine) == "auto":
        descriptor = Path(path) / DESCRIPTOR_NAME if Path(path).is_dir() else Path(path)
        engine = "frictionless" if small_package(descriptor) else "stream"
    if engine == "stream":
        from datarelease.validate.stream import validate_package_streaming

        return validate_package_streaming(path, pick_errors=pick_errors, skip_errors=skip_errors,
                                          max_errors=max_errors)
    from datarelease.validate import reference

    report = reference.validate_package(path, pick_errors=pick_errors, skip_errors=skip_errors)
    return limit_findings(report, max_errors=max_errors)


def validate_resource(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
    max_errors: int | None = None,
) -> Report:
    """Validate one resource descriptor (a Data Resource dict) whose paths are relative to
    ``basepath``. Its schema (and dialect) may be inline or paths relative to ``basepath``.

    A foreign key can only refer to the resource itself here; use :func:`validate_package`
    for references across tables. ``pick_errors``/``skip_errors`` and ``engine`` as for
    :func:`validate_package`. The report's target is the resource's path, else its name.
    """
    if _engine(engine) == "auto":
        engine = "frictionless" if _small_resources([descriptor], Path(basepath)) else "stream"
    if engine == "stream":
        from datarelease.validate.stream import validate_resource_streaming

        return validate_resource_streaming(
            descriptor, basepath, pick_errors=pick_errors, skip_errors=skip_errors,
            max_errors=max_errors,
        )
    from datarelease.validate import reference

    report = reference.validate_resource(descriptor, basepath, pick_errors=pick_errors,
                                         skip_errors=skip_errors)
    return limit_findings(report, max_errors=max_errors)


def validate_release(path: Path, *, engine: str = "stream", max_errors: int | None = None) -> Report:
    """frictionless's checks of a Data Package plus ours (Parquet files equal their CSV twins, and
    the DCAT-AP record passes the DCAT-AP 3 SHACL shapes when the release has DCAT metadata).
    ``engine`` and ``max_errors`` as for :func:`validate_package`."""
    report = validate_package(path, engine=engine, max_errors=max_errors)
    descriptor = path / DESCRIPTOR_NAME if path.is_dir() else path
    if not report.valid or not descriptor.is_file():
        return report
    metadata = json.loads(descriptor.read_text(encoding="utf-8"))
    checks = [report]
    resources = metadata.get("resources") if isinstance(metadata, dict) else None
    if isinstance(resources, list) and any(isinstance(r, dict) and r.get("format") == "parquet"
                                           for r in resources):
        from datarelease.validate.twins import check_parquet  # pyarrow: only Parquet twins pay

        checks.append(check_parquet(descriptor))
    # rdflib takes 0.3-0.4 s to import: only releases with DCAT metadata pay for dcat
    if isinstance(metadata, dict) and any(metadata.get(key) for key in DCAT_KEYS):
        from datarelease import dcat

        if dcat.has_dcat_metadata(metadata):
            checks.append(dcat.check(descriptor))  # the DCAT-AP record against the DCAT-AP 3 shapes
    return limit_findings(merge_reports(report.target, *checks), max_errors=max_errors)


def small_package(descriptor_path: Path) -> bool:
    """Whether every resource is inline or a local file inside the package, together under
    :data:`SMALL_PACKAGE_BYTES`, each valid UTF-8 unless it declares another encoding (invalid
    UTF-8 is where the engines differ on purpose: the streaming engine reports it per cell)."""
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return False
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    return isinstance(resources, list) and _small_resources(resources, descriptor_path.parent)


def _small_resources(resources: Sequence[Any], folder: Path) -> bool:
    total = 0
    for resource in resources:
        if not isinstance(resource, Mapping):
            return False
        where = resource.get("path")
        if where is None and "data" in resource:
            continue
        if (not isinstance(where, str) or "://" in where or Path(where).is_absolute()
                or ".." in Path(where).parts):
            return False
        file = folder / where
        if not file.is_file():
            return False
        total += file.stat().st_size
        if total > SMALL_PACKAGE_BYTES:
            return False
        encoding = resource.get("encoding")
        if encoding is None or str(encoding).lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
            try:
                file.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return engine

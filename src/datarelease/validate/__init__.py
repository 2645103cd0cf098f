"""Validate a Data Package, or one resource, against its Table Schemas; bad data is a report.

Two engines report the same findings. ``stream`` (the default, :mod:`datarelease.validate.stream`)
reads each CSV table once in columnar batches, at close to the speed of the disk, in bounded
memory; ``frictionless`` runs frictionless-py itself, the reference (``engine="frictionless"``,
``datarelease validate --engine frictionless``). Either way every finding carries a frictionless
error code (``type-error``, ``constraint-error``, ``primary-key``, ``foreign-key``,
``hash-count``, ...) and counts rows the way frictionless does (the header row is row 1).
Foreign keys are checked across the tables of a package. For a ``constraint-error`` or
``type-error``, :attr:`Finding.rule` says which rule the cell broke (frictionless only says it in
the note). The one intended difference, invalid UTF-8, is described in :mod:`datarelease.validate.stream`.

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
from datarelease.validate.report import DESCRIPTOR_NAME, Finding, Report, ResourceSummary, merge_reports

__all__ = [
    "DESCRIPTOR_NAME",
    "ENGINES",
    "FORMATS",
    "Finding",
    "Report",
    "ResourceSummary",
    "merge_reports",
    "render",
    "validate_package",
    "validate_release",
    "validate_resource",
]

ENGINES = ("stream", "frictionless")
"""The validation engines: ``stream`` (:mod:`datarelease.validate.stream`, the default) and
``frictionless`` (:mod:`datarelease.validate.reference`)."""

# The engines import frictionless and pyarrow (most of a second): only a validation pays for them.


def validate_package(
    path: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
) -> Report:
    """Validate a Data Package: ``path`` is a ``datapackage.json`` or a folder holding one.

    Every resource is checked against its Table Schema, foreign keys across tables included,
    as are declared ``bytes``/``hash``. ``pick_errors`` keeps only the listed error types or
    frictionless tags (``"#header"``, ``"#row"``, ``"#cell"``, ...); ``skip_errors`` drops
    them. Both only filter data errors: a descriptor that cannot be read is always reported.
    An unknown type or tag is a ``ValueError`` (a typo must not make a report silently valid).

    ``engine``: ``"stream"`` (the default: each table read once, in columnar batches, with the
    same findings) or ``"frictionless"`` (the reference engine).
    """
    if _engine(engine) == "stream":
        from datarelease.validate.stream import validate_package_streaming

        return validate_package_streaming(path, pick_errors=pick_errors, skip_errors=skip_errors)
    from datarelease.validate import reference

    return reference.validate_package(path, pick_errors=pick_errors, skip_errors=skip_errors)


def validate_resource(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
) -> Report:
    """Validate one resource descriptor (a Data Resource dict) whose paths are relative to
    ``basepath``. Its schema (and dialect) may be inline or paths relative to ``basepath``.

    A foreign key can only refer to the resource itself here; use :func:`validate_package`
    for references across tables. ``pick_errors``/``skip_errors`` and ``engine`` as for
    :func:`validate_package`. The report's target is the resource's path, else its name.
    """
    if _engine(engine) == "stream":
        from datarelease.validate.stream import validate_resource_streaming

        return validate_resource_streaming(
            descriptor, basepath, pick_errors=pick_errors, skip_errors=skip_errors
        )
    from datarelease.validate import reference

    return reference.validate_resource(descriptor, basepath, pick_errors=pick_errors,
                                       skip_errors=skip_errors)


def validate_release(path: Path, *, engine: str = "stream") -> Report:
    """frictionless's checks of a Data Package plus ours (Parquet files equal their CSV twins, and
    the DCAT-AP record passes the DCAT-AP 3 SHACL shapes when the release has DCAT metadata).
    ``engine`` as for :func:`validate_package`."""
    report = validate_package(path, engine=engine)
    descriptor = path / DESCRIPTOR_NAME if path.is_dir() else path
    if not report.valid or not descriptor.is_file():
        return report
    from datarelease.validate.twins import check_parquet

    checks = [report, check_parquet(descriptor)]
    from datarelease import dcat  # rdflib takes 0.4 s to import: only releases with DCAT metadata pay

    if dcat.has_dcat_metadata(json.loads(descriptor.read_text(encoding="utf-8"))):
        checks.append(dcat.check(descriptor))  # the DCAT-AP record against the DCAT-AP 3 shapes
    return merge_reports(report.target, *checks)


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return engine

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

Nothing here raises for bad data. A descriptor that cannot be read (missing, not JSON or YAML,
not an object, not a valid Data Package, over the limits of :mod:`datarelease.untrusted`) is a
``package-error`` / ``schema-error`` / ``resource-error`` finding like any other.

A package is a folder (holding ``datapackage.json``, else ``datapackage.yaml``), a descriptor
file (JSON, or YAML when named ``*.yaml``/``*.yml``, e.g. ``my.package.yaml``), or a zip of a
package, unpacked within :class:`datarelease.untrusted.Limits` into a temporary folder.
Nothing is fetched unless asked: a resource path, schema, dialect, resource descriptor or custom
profile given as a URL is a ``remote-reference`` finding, and a path that a symbolic link takes
out of the package an ``unsafe-path`` finding, before any data is read; ``allow_remote=True``
(``--allow-remote``) lets frictionless fetch remote references.

Warnings (``Finding.severity == "warning"``) do not make a report invalid: ``formula-injection``
(:mod:`datarelease.validate.formulas`) is one.

Every error is reported: frictionless's default limit of 1,000 errors is lifted
(``limit_errors=0`` means "no limit" to frictionless), and no row limit is applied.

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

import dataclasses
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from datarelease import untrusted
from datarelease.errors import UnsafeInputError
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
    allow_remote: bool = False,
) -> Report:
    """Validate a Data Package: ``path`` is a descriptor (``datapackage.json``, a ``.yaml``
    descriptor), a folder holding one, or a zip of a package.

    Every resource is checked against its Table Schema, foreign keys across tables included,
    as are declared ``bytes``/``hash``. ``pick_errors`` keeps only the listed error types or
    frictionless tags (``"#header"``, ``"#row"``, ``"#cell"``, ...); ``skip_errors`` drops
    them. Both only filter data errors: a descriptor that cannot be read is always reported.
    An unknown type or tag is a ``ValueError`` (a typo must not make a report silently valid).

    ``engine``: ``"stream"`` (the default: each table read once, in columnar batches, with the
    same findings) or ``"frictionless"`` (the reference engine). ``allow_remote``: fetch remote
    references instead of reporting them.
    """
    _engine(engine)
    return _in_package(Path(path), lambda descriptor: _run_engine(
        descriptor, pick_errors, skip_errors, engine, allow_remote))


def _run_engine(descriptor: Path, pick_errors: Sequence[str], skip_errors: Sequence[str],
                engine: str, allow_remote: bool) -> Report:
    from datarelease.validate import reference

    reference.make_checklist(pick_errors, skip_errors)  # a wrong selector is the caller's error
    try:
        return _engine_report(descriptor, pick_errors, skip_errors, engine, allow_remote)
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, AssertionError,
            RecursionError) as exc:
        # frictionless 5.21 raises these on some malformed descriptors (a field that is not an
        # object, a path list holding an empty path, ...) instead of reporting them.
        note = f"the package cannot be validated as described: {type(exc).__name__}: {exc}".rstrip(": ")
        return Report(str(descriptor), (reference.package_finding(descriptor, note),), ())


def _engine_report(descriptor: Path, pick_errors: Sequence[str], skip_errors: Sequence[str],
                   engine: str, allow_remote: bool) -> Report:
    if engine == "stream":
        from datarelease.validate.stream import validate_package_streaming

        return validate_package_streaming(descriptor, pick_errors=pick_errors, skip_errors=skip_errors,
                                          allow_remote=allow_remote)
    from datarelease.validate import reference

    return reference.validate_package(descriptor, pick_errors=pick_errors, skip_errors=skip_errors,
                                      allow_remote=allow_remote)


def _in_package(path: Path, check: Callable[[Path], Report]) -> Report:
    """``check`` run on the package at ``path``: a folder or descriptor as it is, a zip unpacked
    (within the limits) into a temporary folder, removed afterwards; the report names the zip."""
    if not (path.is_file() and zipfile.is_zipfile(path)):
        return check(path)
    from datarelease.validate import reference

    with tempfile.TemporaryDirectory(prefix="datarelease-validate-") as work:
        try:
            root = untrusted.unzip(path, Path(work))
        except (UnsafeInputError, OSError) as exc:
            return Report(str(path), (reference.package_finding(path, f"zip refused: {exc}"),), ())
        found = sorted((p for name in untrusted.DESCRIPTOR_NAMES for p in root.rglob(name)),
                       key=lambda p: (len(p.parts), untrusted.DESCRIPTOR_NAMES.index(p.name), str(p)))
        if not found:
            return Report(str(path), (reference.package_finding(path, "the zip holds no datapackage.json"),
                                      ), ())
        return _relabel(check(found[0]), root, path)


def _relabel(report: Report, root: Path, archive: Path) -> Report:
    """Paths in the unpacked folder named as members of the zip (``pkg.zip/datapackage.json``)."""
    prefix = str(root)

    def place(value: str | None) -> str | None:
        if value is None or not value.startswith(prefix):
            return value
        return str(archive) + "/" + value[len(prefix):].lstrip("/")

    def words(text: str) -> str:
        return text.replace(prefix, str(archive))

    findings = tuple(dataclasses.replace(f, path=place(f.path), message=words(f.message), note=words(f.note))
                     for f in report.findings)
    summaries = tuple(dataclasses.replace(s, path=place(s.path)) for s in report.resources)
    return Report(str(archive), findings, summaries)


def validate_resource(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
    allow_remote: bool = False,
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
            descriptor, basepath, pick_errors=pick_errors, skip_errors=skip_errors,
            allow_remote=allow_remote,
        )
    from datarelease.validate import reference

    return reference.validate_resource(descriptor, basepath, pick_errors=pick_errors,
                                       skip_errors=skip_errors, allow_remote=allow_remote)


def validate_release(path: Path, *, engine: str = "stream", allow_remote: bool = False) -> Report:
    """frictionless's checks of a Data Package plus ours: Parquet files equal their CSV twins, the
    DCAT-AP record passes the DCAT-AP 3 SHACL shapes when the release has DCAT metadata, and
    text cells that a spreadsheet would run as formulas are warnings (``formula-injection``).
    ``path``, ``engine`` and ``allow_remote`` as for :func:`validate_package`."""
    _engine(engine)
    return _in_package(Path(path), lambda descriptor: _release_checks(descriptor, engine, allow_remote))


def _release_checks(path: Path, engine: str, allow_remote: bool) -> Report:
    report = _run_engine(path, (), (), engine, allow_remote)
    descriptor_path = untrusted.find_descriptor(path) if path.is_dir() else path
    if not report.valid or not descriptor_path.is_file():
        return report
    descriptor = untrusted.load_descriptor(descriptor_path)  # read and checked by the engine already
    from datarelease.validate.formulas import check_formulas
    from datarelease.validate.twins import check_parquet

    checks = [report, check_parquet(descriptor_path, descriptor)]
    from datarelease import dcat  # rdflib takes 0.4 s to import: only releases with DCAT metadata pay

    if dcat.has_dcat_metadata(descriptor):
        checks.append(dcat.check(descriptor_path))  # the DCAT-AP record against the DCAT-AP 3 shapes
    checks.append(check_formulas(descriptor, descriptor_path.parent))
    return merge_reports(report.target, *checks)


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return engine

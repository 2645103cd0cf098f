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

Every error is counted: frictionless's default limit of 1,000 errors is lifted (``limit_errors=0``
means "no limit" to frictionless), and no row limit is applied. A report lists the first
:data:`FINDINGS_PER_KIND` errors of each resource, type and field (and at most ``max_errors`` in
all, when asked) and counts the others (``Report.omitted``), so memory stays bounded.

``pattern`` constraints come from untrusted schemas: both engines match them in bounded time
(:mod:`datarelease.validate.patterns`: Python's ``re`` under a time limit per check, then RE2
where it decides exactly as Python would). A check neither can decide in time fails the cell
with a ``constraint-error`` whose note says the check was stopped — where frictionless hangs.

``engine="auto"`` (``datarelease validate``'s default) is ``frictionless`` for a package of under
:data:`SMALL_PACKAGE_BYTES` of local UTF-8 data, which frictionless has checked before the
streaming engine has started (pyarrow alone takes 0.3 s and 85 MB to import), ``stream`` otherwise.
Before either, a small package that :mod:`datarelease.validate.small` can validate in plain
Python (the common case: simple schemas, the common findings) gets frictionless's report from it,
without importing an engine (frictionless alone takes 0.3 s to import); anything it is not sure
of goes to the engine.

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
import json
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from datarelease import untrusted
from datarelease.errors import UnsafeInputError
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

ENGINES = ("auto", "stream", "frictionless")
"""The validation engines: ``stream`` (:mod:`datarelease.validate.stream`, the default) and
``frictionless`` (:mod:`datarelease.validate.reference`); ``auto`` picks one by size."""

SMALL_PACKAGE_BYTES = 1 << 20
"""Below this much local data, ``auto`` validates with frictionless (see the module)."""

DCAT_KEYS = ("publisher", "contactPoint", "themes", "spatialCoverage")
"""Descriptor keys that hold DCAT metadata (``dcat.DCAT_KEYS``; a test keeps the two equal)."""

# The engines import frictionless and pyarrow (most of a second): only a validation pays for them.


def validate_package(
    path: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
    allow_remote: bool = False,
    max_errors: int | None = None,
) -> Report:
    """Validate a Data Package: ``path`` is a descriptor (``datapackage.json``, a ``.yaml``
    descriptor), a folder holding one, or a zip of a package.

    Every resource is checked against its Table Schema, foreign keys across tables included,
    as are declared ``bytes``/``hash``. ``pick_errors`` keeps only the listed error types or
    frictionless tags (``"#header"``, ``"#row"``, ``"#cell"``, ...); ``skip_errors`` drops
    them. Both only filter data errors: a descriptor that cannot be read is always reported.
    An unknown type or tag is a ``ValueError`` (a typo must not make a report silently valid).

    ``engine``: ``"stream"`` (the default: each table read once, in columnar batches, with the
    same findings), ``"frictionless"`` (the reference engine) or ``"auto"``. ``allow_remote``: fetch
    remote references instead of reporting them. ``max_errors``: list at most this many errors.
    """
    _engine(engine)
    return _in_package(Path(path), lambda descriptor: _run_engine(
        descriptor, pick_errors, skip_errors, engine, allow_remote, max_errors))


def _run_engine(descriptor: Path, pick_errors: Sequence[str], skip_errors: Sequence[str],
                engine: str, allow_remote: bool, max_errors: int | None = None) -> Report:
    if engine == "auto":
        found = untrusted.find_descriptor(descriptor) if descriptor.is_dir() else descriptor
        engine = "frictionless" if small_package(found) else "stream"
        if engine == "frictionless" and not pick_errors and not skip_errors and not allow_remote:
            from datarelease.validate.small import validate_small  # no engine to import

            small = validate_small(descriptor, found)
            if small is not None:
                return limit_findings(small, max_errors=max_errors)
    from datarelease.validate import reference

    reference.make_checklist(pick_errors, skip_errors)  # a wrong selector is the caller's error
    try:
        return _engine_report(descriptor, pick_errors, skip_errors, engine, allow_remote, max_errors)
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, AssertionError,
            RecursionError) as exc:
        # frictionless 5.21 raises these on some malformed descriptors (a field that is not an
        # object, a path list holding an empty path, ...) instead of reporting them.
        note = f"the package cannot be validated as described: {type(exc).__name__}: {exc}".rstrip(": ")
        return Report(str(descriptor), (reference.package_finding(descriptor, note),), ())


def _engine_report(descriptor: Path, pick_errors: Sequence[str], skip_errors: Sequence[str],
                   engine: str, allow_remote: bool, max_errors: int | None) -> Report:
    if engine == "stream":
        from datarelease.validate.prehash import Prehash

        # the files' hashes start now, on a thread of their own, while the engine is imported
        prehash = Prehash.of_package(descriptor)
        try:
            from datarelease.validate.stream import validate_package_streaming

            return validate_package_streaming(descriptor, pick_errors=pick_errors, skip_errors=skip_errors,
                                              allow_remote=allow_remote, max_errors=max_errors,
                                              prehash=prehash)
        finally:
            prehash.close()
    from datarelease.validate import reference

    report = reference.validate_package(descriptor, pick_errors=pick_errors, skip_errors=skip_errors,
                                        allow_remote=allow_remote)
    return limit_findings(report, max_errors=max_errors)


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
    return Report(str(archive), findings, summaries, report.omitted)


def validate_resource(
    descriptor: Mapping[str, Any],
    basepath: Path | str,
    *,
    pick_errors: Sequence[str] = (),
    skip_errors: Sequence[str] = (),
    engine: str = "stream",
    allow_remote: bool = False,
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
            allow_remote=allow_remote, max_errors=max_errors,
        )
    from datarelease.validate import reference

    report = reference.validate_resource(descriptor, basepath, pick_errors=pick_errors,
                                         skip_errors=skip_errors, allow_remote=allow_remote)
    return limit_findings(report, max_errors=max_errors)


def validate_release(path: Path, *, engine: str = "stream", allow_remote: bool = False,
                     max_errors: int | None = None) -> Report:
    """frictionless's checks of a Data Package plus ours: Parquet files equal their CSV twins, the
    DCAT-AP record passes the DCAT-AP 3 SHACL shapes when the release has DCAT metadata, and
    text cells that a spreadsheet would run as formulas are warnings (``formula-injection``).
    ``path``, ``engine``, ``allow_remote`` and ``max_errors`` as for :func:`validate_package`."""
    _engine(engine)
    return _in_package(Path(path), lambda descriptor: _release_checks(descriptor, engine, allow_remote,
                                                                       max_errors))


def _release_checks(path: Path, engine: str, allow_remote: bool, max_errors: int | None) -> Report:
    report = _run_engine(path, (), (), engine, allow_remote, max_errors)
    descriptor_path = untrusted.find_descriptor(path) if path.is_dir() else path
    if not report.valid or not descriptor_path.is_file():
        return report
    descriptor = untrusted.load_descriptor(descriptor_path)  # read and checked by the engine already
    from datarelease.validate.formulas import check_formulas

    checks = [report]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if isinstance(resources, list) and any(  # the release writes "Parquet" (see package)
            isinstance(r, dict) and str(r.get("format") or "").lower() == "parquet" for r in resources):
        from datarelease.validate.twins import check_parquet  # pyarrow: only Parquet twins pay

        checks.append(check_parquet(descriptor_path, descriptor))
    # rdflib takes 0.3-0.4 s to import: only releases with DCAT metadata pay for dcat
    if isinstance(descriptor, dict) and any(descriptor.get(key) for key in DCAT_KEYS):
        from datarelease import dcat

        if dcat.has_dcat_metadata(descriptor):
            checks.append(dcat.check(descriptor_path))  # the DCAT-AP record against the DCAT-AP 3 shapes
    checks.append(check_formulas(descriptor, descriptor_path.parent))
    return limit_findings(merge_reports(report.target, *checks), max_errors=max_errors)


def small_package(descriptor_path: Path) -> bool:
    """Whether every resource is inline or a local file inside the package, together under
    :data:`SMALL_PACKAGE_BYTES`, each valid UTF-8 unless it declares another encoding (invalid
    UTF-8 is where the engines differ on purpose: the streaming engine reports it per cell).
    A JSON descriptor only (YAML and the rest go to the streaming engine)."""
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
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
        if file.is_symlink() or not file.is_file():
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

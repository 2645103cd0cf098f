"""The reference engine: frictionless-py itself, and the bridge from its reports to ours.

The names without a leading underscore are the internal API the streaming engine shares:
reading a descriptor, frictionless's checklist, and turning frictionless tasks into a :class:`Report`.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import frictionless
import frictionless.errors
import frictionless.schema.field
import yaml

from datarelease import untrusted
from datarelease.errors import UnsafeInputError
from datarelease.validate.patterns import check_pattern, undecided_note
from datarelease.validate.report import Finding, Report, ResourceSummary, finding_from_error

# Patterns come from untrusted schemas: frictionless's cell readers (both engines use them) match
# them in bounded time (see datarelease.validate.patterns).
frictionless.schema.field.check_pattern = check_pattern

NO_LIMIT = 0  # frictionless: a falsy limit_errors means "report every error"
MEMORY = "<memory>"  # frictionless's place for inline data


# --------------------------------------------------------------------------- reading descriptors


def descriptor_file(path: Path) -> Path:
    return untrusted.find_descriptor(path) if path.is_dir() else path


def load_descriptor(path: Path) -> dict[str, Any] | Finding:
    """The descriptor as a dict (JSON, or YAML for ``.yaml``/``.yml``, within
    :data:`datarelease.untrusted.LIMITS`), or the package-error finding saying why it cannot be read."""
    kind = "YAML" if untrusted.is_yaml(path) else "JSON"
    try:
        descriptor = untrusted.load_descriptor(path)
    except FileNotFoundError:
        return _package_finding(path, "descriptor not found")
    except UnsafeInputError as exc:
        return _package_finding(path, f"descriptor refused: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        return _package_finding(path, f"cannot read descriptor: {exc}")
    except (ValueError, yaml.YAMLError) as exc:
        return _package_finding(path, f"descriptor is not valid {kind}: {_one_line(str(exc))}")
    except RecursionError:  # a parser's own recursion, past the nesting check
        return _package_finding(path, "descriptor is nested too deeply")
    if not isinstance(descriptor, dict):
        return _package_finding(path, f"descriptor must be a {kind} object, not {type(descriptor).__name__}")
    return descriptor


def _one_line(text: str) -> str:
    return " ".join(text.split())


def package_finding(path: Path | str, note: str) -> Finding:
    """A ``package-error`` finding about the descriptor at ``path``."""
    return _package_finding(Path(path), note)


# --------------------------------------------------------------------------- references


def check_references(descriptor: Mapping[str, Any], basepath: Path, *, allow_remote: bool,
                     package: bool = True) -> list[Finding]:
    """What must stop a validation before frictionless opens anything: a remote reference
    (unless ``allow_remote``), a local path that a symbolic link takes out of ``basepath``, and a
    referenced descriptor file (schema, dialect, resource) over :data:`datarelease.untrusted.LIMITS`."""
    findings: list[Finding] = []
    if not allow_remote:
        findings += [_remote_finding(ref, basepath) for ref in
                     untrusted.remote_references(descriptor, package=package)]
    resources = descriptor.get("resources") if package else [descriptor]
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        label = _label(resource, index)
        if isinstance(resource, str):
            findings += _referenced_file(label, "resources", resource, basepath, allow_remote)
            continue
        if not isinstance(resource, Mapping):
            continue
        paths = resource.get("path")
        for path in paths if isinstance(paths, list) else [paths]:
            findings += _escape(label, "path", path, basepath)
        for key in ("schema", "dialect"):
            findings += _referenced_file(label, key, resource.get(key), basepath, allow_remote)
    return findings


def _label(resource: Any, index: int) -> str:
    name = resource.get("name") if isinstance(resource, Mapping) else None
    return name if isinstance(name, str) else f"#{index + 1}"


def _remote_finding(ref: untrusted.RemoteReference, basepath: Path) -> Finding:
    what = "the package" if ref.resource is None else f'resource "{ref.resource}"'
    note = (f'{what} refers to a remote {ref.property} "{ref.url}": remote references are not '
            "fetched unless asked (datarelease validate --allow-remote)")
    return Finding(resource=ref.resource, type="remote-reference", row_number=None, field_name=None,
                   field_number=None, message=f"Remote reference not fetched: {note}", note=note,
                   path=ref.url)


def _escape(label: str, key: str, value: Any, basepath: Path) -> list[Finding]:
    """A relative path without ``..`` that still leaves the folder: a symbolic link out of it.
    (Absolute and ``..`` paths are frictionless's to refuse, in its own words.)"""
    if not isinstance(value, str) or untrusted.is_remote(value) or not value:
        return []
    pure = Path(value)
    if pure.is_absolute() or ".." in pure.parts or untrusted.inside(basepath, value) is not None:
        return []
    note = f'resource "{label}": {key} "{value}" leads outside the package folder (a symbolic link)'
    return [Finding(resource=label, type="unsafe-path", row_number=None, field_name=None,
                    field_number=None, message=f"Path refused: {note}", note=note, path=value)]


def _referenced_file(label: str, key: str, value: Any, basepath: Path,
                     allow_remote: bool) -> list[Finding]:
    """A schema, dialect or resource descriptor given as a local file: inside the folder, and
    within the descriptor limits (frictionless reads it after us, so it must be safe to read)."""
    if not isinstance(value, str) or untrusted.is_remote(value):
        return []
    escaped = _escape(label, key, value, basepath)
    if escaped:
        return escaped
    path = untrusted.inside(basepath, value)
    if path is None or not path.is_file():
        return []  # frictionless reports a missing or unsafe file in its own words
    try:
        loaded = untrusted.load_descriptor(path)
    except UnsafeInputError as exc:
        note = f'resource "{label}": {key} "{value}" refused: {exc}'
        return [Finding(resource=label, type=f"{key.removesuffix('s')}-error", row_number=None,
                        field_name=None, field_number=None, message=f"Descriptor refused: {note}",
                        note=note, path=value)]
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return []  # frictionless reports what it cannot read, in its own words
    if key == "resources" and isinstance(loaded, Mapping):
        return check_references(loaded, basepath, allow_remote=allow_remote, package=False)
    if key == "schema" and not allow_remote and isinstance(loaded, Mapping):
        profile = {"name": label, "schema": loaded}
        return [_remote_finding(ref, basepath)
                for ref in untrusted.remote_references(profile, package=False)]
    return []


def _package_finding(path: Path, note: str) -> Finding:
    return Finding(
        resource=None,
        type="package-error",
        row_number=None,
        field_name=None,
        field_number=None,
        message=f"The data package has an error: {note}",
        note=note,
        path=str(path),
    )


def descriptor_data_path(descriptor: Any) -> str | None:
    """A resource's path as given: the path, or the first part of a multipart path."""
    if not isinstance(descriptor, Mapping):
        return None
    path = descriptor.get("path")
    if isinstance(path, list) and path:
        path = path[0]
    return path if isinstance(path, str) else None


def _paths_by_name(resources: Any) -> dict[str, str | None]:
    if not isinstance(resources, list):
        return {}
    return {
        resource["name"]: descriptor_data_path(resource)
        for resource in resources
        if isinstance(resource, Mapping) and isinstance(resource.get("name"), str)
    }


# --------------------------------------------------------------------------- frictionless calls
# The only functions that touch frictionless objects; they hand back plain data.


@dataclass(frozen=True)
class Task:
    name: str
    place: str | None
    rows: int | None
    valid: bool
    errors: tuple[dict[str, Any], ...]
    omitted: tuple[tuple[str, int], ...] = ()
    """(type, count) of errors found but not kept (the streaming engine keeps the first
    ``FINDINGS_PER_KIND`` of each type and field)."""


@dataclass(frozen=True)
class Outcome:
    errors: tuple[dict[str, Any], ...]  # not tied to a resource (the descriptor could not load)
    tasks: tuple[Task, ...]


@cache
def _known_error_selectors() -> frozenset[str]:
    """Every frictionless error type and tag, which pick/skip lists may name."""
    known: set[str] = set()
    for value in vars(frictionless.errors).values():
        if isinstance(value, type) and issubclass(value, frictionless.Error):
            known.add(value.type)
            known.update(value.tags)
    return frozenset(known)


def make_checklist(pick_errors: Sequence[str], skip_errors: Sequence[str]) -> frictionless.Checklist:
    if isinstance(pick_errors, str) or isinstance(skip_errors, str):
        raise TypeError("pick_errors and skip_errors are sequences of error types, not a str")
    unknown = sorted(set(pick_errors).union(skip_errors) - _known_error_selectors())
    if unknown:
        raise ValueError(f"unknown frictionless error type or tag: {', '.join(unknown)}")
    return frictionless.Checklist(pick_errors=list(pick_errors), skip_errors=list(skip_errors))


def run_package(
    descriptor: dict[str, Any] | Path, basepath: Path, checklist: frictionless.Checklist
) -> Outcome:
    """``descriptor``: a dict, or the descriptor's file, which frictionless then loads as its own
    command does (remote schemas and dialects are fetched, and reported, in its order)."""
    try:
        if isinstance(descriptor, Path):
            package = frictionless.Package(str(descriptor))
        else:
            package = frictionless.Package.from_descriptor(
                copy.deepcopy(descriptor), basepath=str(basepath)
            )
        report = package.validate(checklist, limit_errors=NO_LIMIT)
    except frictionless.FrictionlessException as exc:
        return Outcome(errors=exception_errors(exc), tasks=())
    return _outcome(report)


def run_resource(
    descriptor: Mapping[str, Any], basepath: Path, checklist: frictionless.Checklist
) -> Outcome:
    try:
        resource = frictionless.Resource.from_descriptor(
            copy.deepcopy(dict(descriptor)), basepath=str(basepath)
        )
        report = resource.validate(checklist, limit_errors=NO_LIMIT)
    except frictionless.FrictionlessException as exc:
        return Outcome(errors=exception_errors(exc), tasks=())
    return _outcome(report)


def exception_errors(exc: frictionless.FrictionlessException) -> tuple[dict[str, Any], ...]:
    return tuple(error.to_descriptor() for error in exc.to_errors())


def _outcome(report: frictionless.Report) -> Outcome:
    return Outcome(
        errors=tuple(error.to_descriptor() for error in report.errors),
        tasks=tuple(task_from_report(task) for task in report.tasks),
    )


def task_from_report(task: frictionless.ReportTask) -> Task:
    stats: Mapping[str, Any] = task.stats
    rows = stats.get("rows")
    if rows is None and task.tabular and task.valid and "fields" in stats:
        rows = 0  # frictionless leaves out a zero row count
    return Task(
        name=str(task.name),
        place=None if task.place == MEMORY else str(task.place),
        rows=rows,
        valid=bool(task.valid),
        errors=tuple(error.to_descriptor() for error in task.errors),
    )


# --------------------------------------------------------------------------- plain data → Report


def to_report(
    target: str,
    outcome: Outcome,
    resources: Any,
    default_resource: str | None,
    default_path: str | None,
) -> Report:
    paths = _paths_by_name(resources)
    findings = [_finding(error, default_resource, default_path) for error in outcome.errors]
    summaries = []
    omitted: Counter[str] = Counter()
    for task in outcome.tasks:
        path = paths.get(task.name, task.place)
        findings.extend(_finding(error, task.name, path) for error in task.errors)
        omitted.update(dict(task.omitted))
        summaries.append(
            ResourceSummary(
                name=task.name,
                path=path,
                rows=task.rows,
                valid=task.valid,
                error_count=len(task.errors) + sum(count for _kind, count in task.omitted),
            )
        )
    return Report(target=target, findings=tuple(findings), resources=tuple(summaries),
                  omitted=tuple(sorted(omitted.items())))


def _finding(error: Mapping[str, Any], resource: str | None, path: str | None) -> Finding:
    note = str(error.get("note", ""))
    if error.get("type") == "constraint-error" and note.startswith(_PATTERN_NOTE) and note.endswith('"'):
        note = undecided_note(note[len(_PATTERN_NOTE):-1], error.get("cell")) or note
        error = {**error, "note": note}
    return finding_from_error(error, resource, path)


_PATTERN_NOTE = 'constraint "pattern" is "'


# frictionless reads a descriptor file itself when its name ends so (others, e.g. .yml, as a dict)
_FRICTIONLESS_READS = (".json", ".yaml")


def open_package(path: Path | str, *, allow_remote: bool) -> tuple[Path, dict[str, Any]] | Report:
    """The descriptor's path and content, or the report that ends a validation there (the
    descriptor cannot be read, or it makes remote references that were not allowed)."""
    target = str(path)
    descriptor_path = descriptor_file(Path(path))
    loaded = load_descriptor(descriptor_path)
    if isinstance(loaded, Finding):
        return Report(target=target, findings=(loaded,), resources=())
    refused = check_references(loaded, descriptor_path.parent, allow_remote=allow_remote)
    if refused:
        return Report(target=target, findings=tuple(refused), resources=())
    return descriptor_path, loaded


def validate_package(path: Path | str, *, pick_errors: Sequence[str] = (),
                     skip_errors: Sequence[str] = (), allow_remote: bool = False) -> Report:
    """:func:`datarelease.validate.validate_package` with frictionless itself, which loads the
    package from its file as ``frictionless validate`` does (once :func:`check_references`
    has passed it)."""
    checklist = make_checklist(pick_errors, skip_errors)
    target = str(path)
    opened = open_package(path, allow_remote=allow_remote)
    if isinstance(opened, Report):
        return opened
    descriptor_path, loaded = opened
    source: dict[str, Any] | Path = loaded
    if descriptor_path.suffix in _FRICTIONLESS_READS:
        source = descriptor_path
    outcome = run_package(source, descriptor_path.parent, checklist)
    return to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))


def validate_resource(descriptor: Mapping[str, Any], basepath: Path | str, *,
                      pick_errors: Sequence[str] = (), skip_errors: Sequence[str] = (),
                      allow_remote: bool = False) -> Report:
    """:func:`datarelease.validate.validate_resource` with frictionless itself."""
    checklist = make_checklist(pick_errors, skip_errors)
    path = descriptor_data_path(descriptor)
    name = descriptor.get("name")
    name = name if isinstance(name, str) else None
    target = path or name or MEMORY
    refused = check_references(descriptor, Path(basepath), allow_remote=allow_remote, package=False)
    if refused:
        return Report(target=target, findings=tuple(refused), resources=())
    outcome = run_resource(descriptor, Path(basepath), checklist)
    return to_report(target, outcome, [descriptor], name, path)

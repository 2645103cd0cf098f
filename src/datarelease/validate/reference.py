"""The reference engine: frictionless-py itself, and the bridge from its reports to ours.

The names without a leading underscore are the internal API the streaming engine shares:
reading a descriptor, frictionless's checklist, and turning frictionless tasks into a :class:`Report`.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import frictionless
import frictionless.errors

from datarelease.validate.report import DESCRIPTOR_NAME, Finding, Report, ResourceSummary

"""The descriptor looked for when :func:`validate_package` is given a folder."""

NO_LIMIT = 0  # frictionless: a falsy limit_errors means "report every error"
MEMORY = "<memory>"  # frictionless's place for inline data


# --------------------------------------------------------------------------- reading descriptors


def descriptor_file(path: Path) -> Path:
    return path / DESCRIPTOR_NAME if path.is_dir() else path


def load_descriptor(path: Path) -> dict[str, Any] | Finding:
    """The descriptor as a dict, or the package-error finding saying why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return _package_finding(path, "descriptor not found")
    except (OSError, UnicodeDecodeError) as exc:
        return _package_finding(path, f"cannot read descriptor: {exc}")
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        return _package_finding(path, f"descriptor is not valid JSON: {exc}")
    if not isinstance(descriptor, dict):
        kind = type(descriptor).__name__
        return _package_finding(path, f"descriptor must be a JSON object, not {kind}")
    return descriptor


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
    descriptor: dict[str, Any], basepath: Path, checklist: frictionless.Checklist
) -> Outcome:
    try:
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
    for task in outcome.tasks:
        path = paths.get(task.name, task.place)
        findings.extend(_finding(error, task.name, path) for error in task.errors)
        summaries.append(
            ResourceSummary(
                name=task.name,
                path=path,
                rows=task.rows,
                valid=task.valid,
                error_count=len(task.errors),
            )
        )
    return Report(target=target, findings=tuple(findings), resources=tuple(summaries))


def _finding(error: Mapping[str, Any], resource: str | None, path: str | None) -> Finding:
    kind = str(error.get("type", "error"))
    note = str(error.get("note", ""))
    return Finding(
        resource=resource,
        type=kind,
        row_number=_optional_int(error.get("rowNumber")),
        field_name=_field_name(error),
        field_number=_optional_int(error.get("fieldNumber")),
        message=str(error.get("message", "")),
        note=note,
        path=path,
        rule=_rule(kind, note),
    )


_CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is ')
_TYPE_NOTE = re.compile(r'type is "[^"/]*/([^"]*)"')


def _rule(kind: str, note: str) -> str | None:
    """The rule a cell broke, read from frictionless's note (see :attr:`Finding.rule`)."""
    if kind == "constraint-error":
        match = _CONSTRAINT_NOTE.match(note)
        return match.group(1) if match else None
    if kind == "type-error":
        match = _TYPE_NOTE.match(note)
        return "format" if match and match.group(1) not in ("", "default") else "type"
    return None


def _optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _field_name(error: Mapping[str, Any]) -> str | None:
    name = error.get("fieldName")
    if name is not None:
        return str(name)
    names = error.get("fieldNames")  # foreign-key errors name every field of the key
    if isinstance(names, list) and names:
        return ", ".join(str(name) for name in names)
    return None


def validate_package(path: Path | str, *, pick_errors: Sequence[str] = (),
                     skip_errors: Sequence[str] = ()) -> Report:
    """:func:`datarelease.validate.validate_package` with frictionless itself."""
    checklist = make_checklist(pick_errors, skip_errors)
    target = str(path)
    descriptor_path = descriptor_file(Path(path))
    loaded = load_descriptor(descriptor_path)
    if isinstance(loaded, Finding):
        return Report(target=target, findings=(loaded,), resources=())
    outcome = run_package(loaded, descriptor_path.parent, checklist)
    return to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))


def validate_resource(descriptor: Mapping[str, Any], basepath: Path | str, *,
                      pick_errors: Sequence[str] = (), skip_errors: Sequence[str] = ()) -> Report:
    """:func:`datarelease.validate.validate_resource` with frictionless itself."""
    checklist = make_checklist(pick_errors, skip_errors)
    path = descriptor_data_path(descriptor)
    name = descriptor.get("name")
    name = name if isinstance(name, str) else None
    target = path or name or MEMORY
    outcome = run_resource(descriptor, Path(basepath), checklist)
    return to_report(target, outcome, [descriptor], name, path)

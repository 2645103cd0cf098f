"""Validate a Data Package, or one resource, against its Table Schemas; bad data is a report.

Two engines report the same findings. ``stream`` (the default, :mod:`datarelease.engine`)
reads each CSV table once in columnar batches, at close to the speed of the disk, in bounded
memory; ``frictionless`` runs frictionless-py itself, the reference (``engine="frictionless"``,
``datarelease validate --engine frictionless``). Either way every finding carries a frictionless
error code (``type-error``, ``constraint-error``, ``primary-key``, ``foreign-key``,
``hash-count``, ...) and counts rows the way frictionless does (the header row is row 1).
Foreign keys are checked across the tables of a package. For a ``constraint-error`` or
``type-error``, :attr:`Finding.rule` says which rule the cell broke (frictionless only says it in
the note). The one intended difference, invalid UTF-8, is described in :mod:`datarelease.engine`.

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

import copy
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import frictionless
import frictionless.errors

__all__ = [
    "DESCRIPTOR_NAME",
    "FORMATS",
    "Finding",
    "Report",
    "ResourceSummary",
    "merge_reports",
    "render",
    "validate_package",
    "validate_resource",
]

DESCRIPTOR_NAME = "datapackage.json"
"""The descriptor looked for when :func:`validate_package` is given a folder."""

FORMATS = ("text", "json", "github", "markdown", "junit")
"""The formats :func:`render` knows."""

ENGINES = ("stream", "frictionless")
"""The validation engines: ``stream`` (:mod:`datarelease.engine`, the default) and
``frictionless`` (the reference)."""

_NO_LIMIT = 0  # frictionless: a falsy limit_errors means "report every error"
_MEMORY = "<memory>"  # frictionless's place for inline data


# --------------------------------------------------------------------------- report data


@dataclass(frozen=True)
class Finding:
    """One error, as frictionless reports it (camelCase names in :meth:`Report.to_dict`)."""

    resource: str | None
    """The resource's name; ``None`` for a package-level finding."""
    type: str
    """The frictionless error code, e.g. ``"type-error"`` or ``"foreign-key"``."""
    row_number: int | None
    """The row as frictionless counts it (header row = 1); ``None`` if not about a row."""
    field_name: str | None
    """The field's name; for a ``foreign-key`` finding, the key's fields joined by ", "."""
    field_number: int | None
    message: str
    note: str
    """frictionless's note: the detail (which constraint, expected and actual values)."""
    path: str | None
    """The resource's path as given in the descriptor (the descriptor's for a package-level
    finding); ``None`` for inline data."""
    rule: str | None = None
    """Which rule a cell broke, which frictionless only says in the note: for a
    ``constraint-error`` the constraint (``required``, ``pattern``, ``enum``, ``minimum``, ...),
    for a ``type-error`` ``type`` or ``format`` (a non-default format such as ``uri``);
    ``None`` for every other finding. Written as ``rule`` in :meth:`to_dict` when set."""

    def to_dict(self) -> dict[str, Any]:
        data = {
            "resource": self.resource,
            "type": self.type,
            "rowNumber": self.row_number,
            "fieldName": self.field_name,
            "fieldNumber": self.field_number,
            "message": self.message,
            "note": self.note,
            "path": self.path,
        }
        if self.rule is not None:
            data["rule"] = self.rule
        return data


@dataclass(frozen=True)
class ResourceSummary:
    """How one resource fared."""

    name: str
    path: str | None
    rows: int | None
    """Data rows read; ``None`` when frictionless did not get as far as counting them."""
    valid: bool
    error_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "rows": self.rows,
            "valid": self.valid,
            "errorCount": self.error_count,
        }


@dataclass(frozen=True)
class Report:
    """Everything found when validating ``target``; valid when nothing was found."""

    target: str
    findings: tuple[Finding, ...]
    resources: tuple[ResourceSummary, ...]

    @property
    def valid(self) -> bool:
        return not self.findings

    def counts_by_type(self) -> dict[str, int]:
        """How many findings of each type, sorted by type."""
        counts = Counter(finding.type for finding in self.findings)
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, keys named as frictionless names them."""
        return {
            "valid": self.valid,
            "target": self.target,
            "errorCount": len(self.findings),
            "countsByType": self.counts_by_type(),
            "resources": [summary.to_dict() for summary in self.resources],
            "errors": [finding.to_dict() for finding in self.findings],
        }


# --------------------------------------------------------------------------- public entry points


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

    ``engine``: ``"stream"`` (the default, :mod:`datarelease.engine`: each table read once, in
    columnar batches, with the same findings) or ``"frictionless"`` (the reference engine).
    """
    if _engine(engine) == "stream":
        from datarelease.engine import validate_package_streaming

        return validate_package_streaming(path, pick_errors=pick_errors, skip_errors=skip_errors)
    checklist = _checklist(pick_errors, skip_errors)
    target = str(path)
    descriptor_path = _descriptor_file(Path(path))
    loaded = _load_descriptor(descriptor_path)
    if isinstance(loaded, Finding):
        return Report(target=target, findings=(loaded,), resources=())
    outcome = _run_package(loaded, descriptor_path.parent, checklist)
    return _to_report(target, outcome, loaded.get("resources"), None, str(descriptor_path))


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
        from datarelease.engine import validate_resource_streaming

        return validate_resource_streaming(
            descriptor, basepath, pick_errors=pick_errors, skip_errors=skip_errors
        )
    checklist = _checklist(pick_errors, skip_errors)
    path = _descriptor_data_path(descriptor)
    name = descriptor.get("name")
    name = name if isinstance(name, str) else None
    target = path or name or _MEMORY
    outcome = _run_resource(descriptor, Path(basepath), checklist)
    return _to_report(target, outcome, [descriptor], name, path)


def merge_reports(target: str, *reports: Report) -> Report:
    """One report from several (frictionless's plus our own checks), in the order given.

    Summaries of the same resource are combined: errors add up, it is valid only if valid in
    all, and the first known path and row count are kept.
    """
    findings = tuple(finding for report in reports for finding in report.findings)
    merged: dict[str, ResourceSummary] = {}
    for summary in (summary for report in reports for summary in report.resources):
        seen = merged.get(summary.name)
        merged[summary.name] = summary if seen is None else _combine(seen, summary)
    return Report(target=target, findings=findings, resources=tuple(merged.values()))


def render(report: Report, fmt: str) -> str:
    """The report as ``text``, ``json``, ``github`` (workflow commands), ``markdown`` or
    ``junit`` (XML). Deterministic: the same report always renders to the same string."""
    renderers = {
        "text": _render_text,
        "json": _render_json,
        "github": _render_github,
        "markdown": _render_markdown,
        "junit": _render_junit,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](report)


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return engine


# --------------------------------------------------------------------------- reading descriptors


def _descriptor_file(path: Path) -> Path:
    return path / DESCRIPTOR_NAME if path.is_dir() else path


def _load_descriptor(path: Path) -> dict[str, Any] | Finding:
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


def _descriptor_data_path(descriptor: Any) -> str | None:
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
        resource["name"]: _descriptor_data_path(resource)
        for resource in resources
        if isinstance(resource, Mapping) and isinstance(resource.get("name"), str)
    }


# --------------------------------------------------------------------------- frictionless calls
# The only functions that touch frictionless objects; they hand back plain data.


@dataclass(frozen=True)
class _Task:
    name: str
    place: str | None
    rows: int | None
    valid: bool
    errors: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class _Outcome:
    errors: tuple[dict[str, Any], ...]  # not tied to a resource (the descriptor could not load)
    tasks: tuple[_Task, ...]


@cache
def _known_error_selectors() -> frozenset[str]:
    """Every frictionless error type and tag, which pick/skip lists may name."""
    known: set[str] = set()
    for value in vars(frictionless.errors).values():
        if isinstance(value, type) and issubclass(value, frictionless.Error):
            known.add(value.type)
            known.update(value.tags)
    return frozenset(known)


def _checklist(pick_errors: Sequence[str], skip_errors: Sequence[str]) -> frictionless.Checklist:
    if isinstance(pick_errors, str) or isinstance(skip_errors, str):
        raise TypeError("pick_errors and skip_errors are sequences of error types, not a str")
    unknown = sorted(set(pick_errors).union(skip_errors) - _known_error_selectors())
    if unknown:
        raise ValueError(f"unknown frictionless error type or tag: {', '.join(unknown)}")
    return frictionless.Checklist(pick_errors=list(pick_errors), skip_errors=list(skip_errors))


def _run_package(
    descriptor: dict[str, Any], basepath: Path, checklist: frictionless.Checklist
) -> _Outcome:
    try:
        package = frictionless.Package.from_descriptor(
            copy.deepcopy(descriptor), basepath=str(basepath)
        )
        report = package.validate(checklist, limit_errors=_NO_LIMIT)
    except frictionless.FrictionlessException as exc:
        return _Outcome(errors=_exception_errors(exc), tasks=())
    return _outcome(report)


def _run_resource(
    descriptor: Mapping[str, Any], basepath: Path, checklist: frictionless.Checklist
) -> _Outcome:
    try:
        resource = frictionless.Resource.from_descriptor(
            copy.deepcopy(dict(descriptor)), basepath=str(basepath)
        )
        report = resource.validate(checklist, limit_errors=_NO_LIMIT)
    except frictionless.FrictionlessException as exc:
        return _Outcome(errors=_exception_errors(exc), tasks=())
    return _outcome(report)


def _exception_errors(exc: frictionless.FrictionlessException) -> tuple[dict[str, Any], ...]:
    return tuple(error.to_descriptor() for error in exc.to_errors())


def _outcome(report: frictionless.Report) -> _Outcome:
    return _Outcome(
        errors=tuple(error.to_descriptor() for error in report.errors),
        tasks=tuple(_task(task) for task in report.tasks),
    )


def _task(task: frictionless.ReportTask) -> _Task:
    stats: Mapping[str, Any] = task.stats
    rows = stats.get("rows")
    if rows is None and task.tabular and task.valid and "fields" in stats:
        rows = 0  # frictionless leaves out a zero row count
    return _Task(
        name=str(task.name),
        place=None if task.place == _MEMORY else str(task.place),
        rows=rows,
        valid=bool(task.valid),
        errors=tuple(error.to_descriptor() for error in task.errors),
    )


# --------------------------------------------------------------------------- plain data → Report


def _to_report(
    target: str,
    outcome: _Outcome,
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


def _combine(first: ResourceSummary, second: ResourceSummary) -> ResourceSummary:
    return ResourceSummary(
        name=first.name,
        path=first.path if first.path is not None else second.path,
        rows=first.rows if first.rows is not None else second.rows,
        valid=first.valid and second.valid,
        error_count=first.error_count + second.error_count,
    )


# --------------------------------------------------------------------------- rendering helpers


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _headline(report: Report) -> str:
    if report.valid:
        return f"valid: {report.target}"
    return f"invalid: {report.target} — {_plural(len(report.findings), 'error')}"


def _counts_line(report: Report) -> str:
    return ", ".join(f"{kind}: {count}" for kind, count in report.counts_by_type().items())


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _cell(value: object) -> str:
    return "-" if value is None else _one_line(str(value))


def _width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters take two)."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: set[int]) -> list[str]:
    """Aligned columns, two spaces apart; columns in ``right`` are right-aligned."""
    body = [list(headers), *(list(row) for row in rows)]
    widths = [max(_width(row[col]) for row in body) for col in range(len(headers))]
    lines = []
    for row in body:
        cells = []
        for col, text in enumerate(row):
            pad = " " * (widths[col] - _width(text))
            cells.append(pad + text if col in right else text + pad)
        lines.append("  ".join(cells).rstrip())
    return lines


# --------------------------------------------------------------------------- renderers


def _render_text(report: Report) -> str:
    lines = [_headline(report)]
    if report.resources:
        rows = [[s.name, _cell(s.rows), str(s.error_count)] for s in report.resources]
        lines += ["", *_table(["resource", "rows", "errors"], rows, right={1, 2})]
    if report.findings:
        rows = [
            [
                _cell(f.resource),
                _cell(f.row_number),
                _cell(f.field_name if f.field_name is not None else f.field_number),
                f.type,
                _one_line(f.message),
            ]
            for f in report.findings
        ]
        headers = ["resource", "row", "field", "type", "message"]
        lines += ["", *_table(headers, rows, right={1})]
        counts = [[kind, str(count)] for kind, count in report.counts_by_type().items()]
        lines += ["", *_table(["type", "count"], counts, right={1})]
    return "\n".join(lines) + "\n"


def _render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _render_github(report: Report) -> str:
    """GitHub Actions workflow commands: one ``::error`` per finding, then a ``::notice``.

    ``file=`` is the resource path as given in the descriptor, i.e. relative to the package
    folder, which is the repository root for this project's own release.
    """
    lines = []
    for finding in report.findings:
        props = []
        if finding.path is not None:
            props.append(f"file={_github_property(finding.path)}")
            if finding.row_number is not None:
                props.append(f"line={finding.row_number}")
        props.append(f"title={_github_property(finding.type)}")
        lines.append(f"::error {','.join(props)}::{_github_data(finding.message)}")
    summary = _headline(report)
    if not report.valid:
        summary += f" ({_counts_line(report)})"
    lines.append(f"::notice::{_github_data(summary)}")
    return "\n".join(lines) + "\n"


def _md(value: object) -> str:
    """A Markdown table cell: no pipes, newlines or raw HTML."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _md_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], right: set[int]
) -> list[str]:
    align = ["---:" if col in right else "---" for col in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md(value) for value in row) + " |" for row in rows]
    return lines


def _render_markdown(report: Report) -> str:
    mark = "✅" if report.valid else "❌"
    lines = [f"## {mark} {_md(_headline(report))}"]
    if report.resources:
        rows = [[s.name, s.path, s.rows, s.error_count] for s in report.resources]
        lines += ["", *_md_table(["resource", "path", "rows", "errors"], rows, right={2, 3})]
    if report.findings:
        counts = list(report.counts_by_type().items())
        lines += ["", *_md_table(["type", "count"], counts, right={1})]
        rows = [
            [f.resource, f.row_number, f.field_name, f.type, f.message] for f in report.findings
        ]
        headers = ["resource", "row", "field", "type", "message"]
        lines += ["", *_md_table(headers, rows, right={1})]
    return "\n".join(lines) + "\n"


_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can carry: characters it cannot are spelled out as escapes."""
    return _XML_ILLEGAL.sub(lambda match: ascii(match.group())[1:-1], text)


def _testcases(report: Report) -> dict[str | None, list[Finding]]:
    """Resource name → its findings, summaries first, then any other resource (None: package)."""
    cases: dict[str | None, list[Finding]] = {s.name: [] for s in report.resources}
    for finding in report.findings:
        cases.setdefault(finding.resource, []).append(finding)
    return cases


def _failure_line(finding: Finding) -> str:
    where = []
    if finding.row_number is not None:
        where.append(f"row {finding.row_number}")
    if finding.field_name is not None:
        where.append(f"field {finding.field_name}")
    prefix = f"{', '.join(where)}: " if where else ""
    return f"{prefix}[{finding.type}] {finding.message}"


def _render_junit(report: Report) -> str:
    """JUnit XML: one suite for the target, one test case per resource; a resource with
    findings has one ``<failure>`` listing them all (so ``failures`` counts failed resources)."""
    cases = _testcases(report)
    failures = sum(1 for findings in cases.values() if findings)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "datarelease validate", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": _xml(report.target), **counts, "skipped": "0"}
    )
    for name, findings in cases.items():
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _xml(report.target),
                "name": _xml(name if name is not None else "(package)"),
            },
        )
        if findings:
            kinds = sorted(Counter(finding.type for finding in findings).items())
            message = f"{_plural(len(findings), 'error')}: " + ", ".join(
                f"{kind}: {count}" for kind, count in kinds
            )
            failure = ET.SubElement(
                case, "failure", {"type": " ".join(k for k, _ in kinds), "message": _xml(message)}
            )
            failure.text = _xml("\n".join(_failure_line(finding) for finding in findings))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

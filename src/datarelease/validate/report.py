"""Validation reports as plain data: findings, resource summaries, a report, and merging reports.

No frictionless here: renderers, the CLI and other stages read reports without the engines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------- report data


DESCRIPTOR_NAME = "datapackage.json"
"""The descriptor's file name in a package folder (the place findings about it point to)."""


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
    severity: str = "error"
    """``error`` (the data does not validate) or ``warning`` (worth knowing; the report stays
    valid, e.g. ``formula-injection``). Written as ``severity`` in :meth:`to_dict` for warnings."""

    @property
    def is_error(self) -> bool:
        return self.severity != "warning"

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
        if not self.is_error:
            data["severity"] = self.severity
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


def finding_from_error(error: Mapping[str, Any], resource: str | None, path: str | None) -> Finding:
    """A finding from an error descriptor as frictionless writes it (``type``, ``rowNumber``,
    ``fieldName`` or ``fieldNames``, ``fieldNumber``, ``message``, ``note``)."""
    kind = str(error.get("type", "error"))
    note = str(error.get("note", ""))
    return Finding(
        resource=resource,
        type=kind,
        row_number=_optional_int(error.get("rowNumber")),
        field_name=field_name(error),
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


def field_name(error: Mapping[str, Any]) -> str | None:
    name = error.get("fieldName")
    if name is not None:
        return str(name)
    names = error.get("fieldNames")  # foreign-key errors name every field of the key
    if isinstance(names, list) and names:
        return ", ".join(str(name) for name in names)
    return None


FINDINGS_PER_KIND = 1000
"""Findings kept per resource, type and field (every one is counted): a million findings of one
kind would otherwise take gigabytes, and the first thousand say what is wrong."""


@dataclass(frozen=True)
class Report:
    """Everything found when validating ``target``; valid when no error was found (warnings
    are reported and do not count against it).

    ``findings`` holds the first :data:`FINDINGS_PER_KIND` findings of each resource, type and
    field (and at most ``max_errors`` in all, when asked); ``omitted`` counts, by type, the errors
    left out, so that counts and validity cover every finding."""

    target: str
    findings: tuple[Finding, ...]
    resources: tuple[ResourceSummary, ...]
    omitted: tuple[tuple[str, int], ...] = ()
    """(type, how many findings of it were left out), sorted by type."""

    @property
    def valid(self) -> bool:
        return not any(finding.is_error for finding in self.findings) and not self.omitted

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not finding.is_error)

    @property
    def error_count(self) -> int:
        """Every error, those left out included."""
        return len(self.errors) + self.omitted_count

    @property
    def omitted_count(self) -> int:
        return sum(count for _kind, count in self.omitted)

    def counts_by_type(self) -> dict[str, int]:
        """How many findings of each type (those left out included), sorted by type."""
        counts = Counter(finding.type for finding in self.findings)
        counts.update(dict(self.omitted))
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, keys named as frictionless names them."""
        data: dict[str, Any] = {
            "valid": self.valid,
            "target": self.target,
            "errorCount": self.error_count,
            "countsByType": self.counts_by_type(),
        }
        if self.omitted:
            data["omittedCount"] = self.omitted_count
        data["resources"] = [summary.to_dict() for summary in self.resources]
        data["errors"] = [finding.to_dict() for finding in self.errors]
        if self.warnings:
            data["warningCount"] = len(self.warnings)
            data["warnings"] = [finding.to_dict() for finding in self.warnings]
        return data


def limit_findings(report: Report, *, per_kind: int | None = FINDINGS_PER_KIND,
                   max_errors: int | None = None) -> Report:
    """The report with the first ``per_kind`` errors of each resource, type and field, and the
    first ``max_errors`` of those in all (None: no limit); the rest counted in ``omitted``.
    Warnings are kept as they are."""
    kept: list[Finding] = []
    seen: Counter[tuple[str | None, str, str | None]] = Counter()
    omitted: Counter[str] = Counter(dict(report.omitted))
    listed = 0
    for finding in report.findings:
        if not finding.is_error:
            kept.append(finding)
            continue
        key = (finding.resource, finding.type, finding.field_name)
        seen[key] += 1
        if (per_kind is not None and seen[key] > per_kind) or (
                max_errors is not None and listed >= max_errors):
            omitted[finding.type] += 1
        else:
            kept.append(finding)
            listed += 1
    if len(kept) == len(report.findings):
        return report
    return Report(report.target, tuple(kept), report.resources, tuple(sorted(omitted.items())))


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
    omitted: Counter[str] = Counter()
    for report in reports:
        omitted.update(dict(report.omitted))
    return Report(target=target, findings=findings, resources=tuple(merged.values()),
                  omitted=tuple(sorted(omitted.items())))


def _combine(first: ResourceSummary, second: ResourceSummary) -> ResourceSummary:
    return ResourceSummary(
        name=first.name,
        path=first.path if first.path is not None else second.path,
        rows=first.rows if first.rows is not None else second.rows,
        valid=first.valid and second.valid,
        error_count=first.error_count + second.error_count,
    )

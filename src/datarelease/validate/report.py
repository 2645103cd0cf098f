"""Validation reports as plain data: findings, resource summaries, a report, and merging reports.

No frictionless here: renderers, the CLI and other stages read reports without the engines.
"""

from __future__ import annotations

from collections import Counter
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


@dataclass(frozen=True)
class Report:
    """Everything found when validating ``target``; valid when no error was found (warnings
    are reported and do not count against it)."""

    target: str
    findings: tuple[Finding, ...]
    resources: tuple[ResourceSummary, ...]

    @property
    def valid(self) -> bool:
        return not any(finding.is_error for finding in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not finding.is_error)

    def counts_by_type(self) -> dict[str, int]:
        """How many findings of each type, sorted by type."""
        counts = Counter(finding.type for finding in self.findings)
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, keys named as frictionless names them."""
        data: dict[str, Any] = {
            "valid": self.valid,
            "target": self.target,
            "errorCount": len(self.errors),
            "countsByType": self.counts_by_type(),
            "resources": [summary.to_dict() for summary in self.resources],
            "errors": [finding.to_dict() for finding in self.errors],
        }
        if self.warnings:
            data["warningCount"] = len(self.warnings)
            data["warnings"] = [finding.to_dict() for finding in self.warnings]
        return data


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


def _combine(first: ResourceSummary, second: ResourceSummary) -> ResourceSummary:
    return ResourceSummary(
        name=first.name,
        path=first.path if first.path is not None else second.path,
        rows=first.rows if first.rows is not None else second.rows,
        valid=first.valid and second.valid,
        error_count=first.error_count + second.error_count,
    )

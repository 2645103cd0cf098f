"""The report formats: ``text``, ``json``, ``github`` (workflow commands), ``markdown``, ``junit``."""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence

from datarelease.validate.report import Finding, Report

FORMATS = ("text", "json", "github", "markdown", "junit")
"""The formats :func:`render` knows."""


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


# --------------------------------------------------------------------------- rendering helpers


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _headline(report: Report) -> str:
    warnings = f" ({_plural(len(report.warnings), 'warning')})" if report.warnings else ""
    if report.valid:
        return f"valid: {report.target}{warnings}"
    return f"invalid: {report.target} — {_plural(len(report.errors), 'error')}{warnings}"


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
        command = "error" if finding.is_error else "warning"
        lines.append(f"::{command} {','.join(props)}::{_github_data(finding.message)}")
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
    for finding in report.errors:  # warnings are not failures
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

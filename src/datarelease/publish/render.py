"""A plan and a publish's summary as a person reads them, and both as one JSON document."""

from __future__ import annotations

import json
from typing import Any

from datarelease.publish.actions import Plan, PublishSummary


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_plan(plan: Plan) -> str:
    """The plan as a person reads it."""
    where = f"on {plan.portal_url}"
    if plan.organization:
        verb = "to create" if plan.organization_action == "create" else ""
        where += f", organisation {plan.organization} {verb}".rstrip()
    lines = [f"Plan for dataset '{plan.name}' {where}"]
    headline = {"create": "create it (private until complete)", "update": "update it",
                "none": "nothing to do: the portal has this release"}[plan.dataset_action]
    lines.append(f"  dataset: {headline}")
    if plan.changes:
        lines.append("  metadata:")
        lines += [f"    {c.field}: {_short(c.old)} → {_short(c.new)}" for c in plan.changes]
    lines.append("  resources:")
    for r in plan.resources:
        size = f" ({r.bytes} bytes)" if r.sends_file else ""
        lines.append(f"    {r.action:<8} {r.key}{size}: {r.reason}")
    if plan.datastore:
        lines.append("  datastore:")
        lines += [f"    {d.action:<8} {d.key}: {d.reason}" for d in plan.datastore]
    if plan.make_public:
        lines.append("  then: make the dataset public")
    return "\n".join(lines)


def render_summary(summary: PublishSummary) -> str:
    c = summary.counters
    lines = [f"Published {summary.dataset_url}"] if summary.done else [
        f"Nothing to publish: {summary.dataset_url} has this release."]
    lines += [f"  {line}" for line in summary.done]
    lines.append(f"{c.calls} calls ({c.writes} writes), {c.bytes_sent} bytes sent "
                 f"({c.bytes_uploaded} bytes of files)")
    return "\n".join(lines)


def render_json(plan: Plan, summary: PublishSummary | None, *, dry_run: bool) -> str:
    """The plan and (unless a dry run) the summary of calls and bytes, as one JSON document."""
    return json.dumps({"dry_run": dry_run, "plan": plan.to_dict(),
                       "summary": summary.to_dict() if summary else None}, indent=2, ensure_ascii=False)

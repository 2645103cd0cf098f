"""A :class:`~datarelease.draft.Draft` as an annotation file: the format ``normalise`` reads, marked
``status: draft``, with a ``# why:`` comment above every proposed fact."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datarelease.draft import Draft

_FORMATS = {"text": "Plain-text export", "html": "Saved HTML page"}


def _scalar(value: object) -> str:
    """A YAML scalar: JSON's double-quoted strings are YAML too, and survive any character."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _why(lines: list[str], indent: str, why: str) -> None:
    lines.append(f"{indent}# why: {why}")


def render(draft: Draft) -> str:
    record = draft.record
    holder = draft.rights_holder or "(the publisher)"
    origin = f"{_FORMATS[record.format]} of a news page of {holder}, added with datarelease add."
    statement = (f"© {holder}. Title, lede and short quotations republished with attribution as "
                 "quotations; the full text is not republished.")
    lines = [
        f"# Draft annotation written by `datarelease add` for {record.source}. Check every fact",
        "# against the source: keep what is right, correct or delete the rest, add what is",
        "# missing, move proposed organisations into datasets/organisations.yaml, then delete the",
        "# `status: draft` line. Until then `datarelease build` leaves this source out.",
        "status: draft",
        "source:",
        f"  file: {_scalar(record.source)}",
    ]
    _why(lines, "  ", f"the publisher: {draft.publisher_why}")
    lines += [
        f"  publisher: {_scalar(draft.publisher)}",
        f"  page_title: {_scalar(record.title)}",
        f"  url: {_scalar(draft.url)}",
        f"  origin: {_scalar(origin)}",
        "  rights:",
        f"    holder: {_scalar(draft.rights_holder or None)}",
    ]
    _why(lines, "    ", "no licence for the full text is known: the safe default republishes the "
                        "title, the lede and the evidence quotes only")
    lines += [
        "    republication: excerpt",
        f"    statement: {_scalar(statement)}",
        "",
    ]
    _documents(lines, draft)
    _relationships(lines, draft)
    _proposed(lines, draft)
    return "\n".join(lines) + "\n"


def _documents(lines: list[str], draft: Draft) -> None:
    if not draft.documents:
        lines += ["# No policy document found: add any the page describes.",
                  "policy_documents: []", ""]
        return
    lines.append("policy_documents:")
    for document in draft.documents:
        _why(lines, "  ", document.why)
        lines += [
            f"  - key: {_scalar(document.key)}",
            f"    title: {_scalar(document.title)}",
            f"    type: {document.type}",
        ]
        _why(lines, "    ", document.issuer_why or "no organisation is named as the document's "
                                                   "author: fill in the issuer (a registry id)")
        lines.append(f"    issuer: {_scalar(document.issuer)}")
        if document.link:
            lines.append(f"    link: {_scalar(document.link)}")
        lines.append(f"    evidence: {_scalar(document.evidence)}")
        if document.roles:
            lines.append("    organisations:")
            for role in document.roles:
                _why(lines, "      ", role.why)
                lines += [f"      - organisation: {role.data['organisation']}",
                          f"        role: {role.data['role']}",
                          f"        evidence: {_scalar(role.data['evidence'])}"]
        if document.principles:
            lines.append("    principles:")
            for principle in document.principles:
                _why(lines, "      ", principle.why)
                lines += [f"      - text: {_scalar(principle.data['text'])}",
                          f"        evidence: {_scalar(principle.data['evidence'])}"]
    lines.append("")


def _relationships(lines: list[str], draft: Draft) -> None:
    if not draft.relationships:
        lines += ["relationships: []", ""]
        return
    lines.append("relationships:")
    for fact in draft.relationships:
        _why(lines, "  ", fact.why)
        lines += [f"  - subject: {fact.data['subject']}",
                  f"    predicate: {fact.data['predicate']}",
                  f"    object: {fact.data['object']}",
                  f"    evidence: {_scalar(fact.data['evidence'])}"]
    lines.append("")


def _proposed(lines: list[str], draft: Draft) -> None:
    if not draft.proposed:
        return
    lines += ["# Organisations the page names that are not in the registry. `add` never writes",
              "# datasets/organisations.yaml: add the ones the dataset needs there (with a stable",
              "# id), then delete this section.",
              "proposed_organisations:"]
    for org in draft.proposed:
        _why(lines, "  ", org.why)
        lines += [f"  - name: {_scalar(org.name)}",
                  f"    acronym: {_scalar(org.acronym)}",
                  f"    country: {_scalar(org.country or None)}  # a guess",
                  f"    type: {org.type}  # a guess",
                  f"    evidence: {_scalar(org.evidence)}"]

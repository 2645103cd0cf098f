"""Records + annotations + registry → rows for each table.

Rows are plain dicts of Python values (``str``, ``int``, ``datetime.date``, ``list[str]``, ``None``);
:mod:`datarelease.package` turns them into CSV and Parquet using the Table Schemas.

Ids are derived from what a steward controls and never edits by accident, so that correcting a
title, a lede, a principle's wording or an evidence quote keeps every id (consumers join on them):

* news item: ``source.id`` of the annotation when given, else ``news-`` + 12 hex of
  sha256("source", publisher, the source file's slug: its name without the suffix)
* policy document: its ``id`` when given, else ``doc-`` + 12 hex of sha256("key", issuer, key)
* principle: its ``id`` when given, else ``pr-`` + 12 hex of sha256(document id, its ``key`` or
  its position)
* relationship: ``rel-`` + 12 hex of sha256(subject, predicate, object)

An explicit ``id`` pins an id that was published before this rule (the seed's 0.1.0 ids were
derived from titles and texts); it must look like the ids the rule makes (``news-`` and 12 hex …).

Steward mistakes (unknown organisation, evidence not in its source, duplicates) are collected and
raised together as one :class:`~datarelease.errors.AnnotationError` naming the file and each item.
The steward's files themselves are read and checked by :mod:`datarelease.inputs` (re-exported
here: ``load_registry``, ``load_annotation``, ``load_metadata`` …).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease.errors import AnnotationError
from datarelease.extract import Record
from datarelease.inputs import (
    EVIDENCE_MIN_CHARS,
    EVIDENCE_MIN_WORDS,
    ORGANISATION_TYPES,
    REPUBLICATION,
    STATUSES,
    Annotation,
    Organisation,
    annotation_status,
    at_line,
    evidence_occurs,
    include_contacts,
    load_annotation,
    load_metadata,
    load_registry,
    normalise_text,
)
from datarelease.inputs import Problems as _Problems
from datarelease.inputs import comparable as _comparable
from datarelease.inputs import optional as _optional
from datarelease.inputs import pinned_id as _pinned_id
from datarelease.inputs import require as _require

__all__ = [
    "ORGANISATION_TYPES",
    "PREDICATES",
    "REPUBLICATION",
    "STATUSES",
    "Annotation",
    "Organisation",
    "Source",
    "Tables",
    "annotation_status",
    "evidence_occurs",
    "find_mentions",
    "include_contacts",
    "load_annotation",
    "load_metadata",
    "load_registry",
    "normalise",
    "normalise_text",
]

Row = dict[str, Any]
Tables = dict[str, list[Row]]

PREDICATES = (
    "part_of", "member_of", "sister_organisation_of", "collaborates_with", "provided_input_to",
)
DOCUMENT_TYPES = (
    "white_paper", "government_bill", "official_report", "strategy", "submission", "report", "other",
)
DOCUMENT_ROLES = ("lead", "contributor", "addressee")
_ACRONYM = re.compile(r"^[A-ZÅÄÖÆØ]{2,5}$")

def _stable_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(normalise_text(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:12]}"



@dataclass(frozen=True)
class Source:
    """A source document as extracted, with the text its evidence is checked against."""

    record: Record
    text: str
    sha256: str
    annotation: Annotation



# --- rows -----------------------------------------------------------------------------------------

def organisation_rows(organisations: Iterable[Organisation]) -> list[Row]:
    return [
        {
            "organisation_id": org.id, "name": org.name, "name_en": org.name_en,
            "acronym": org.acronym, "aliases": list(org.aliases), "country": org.country,
            "organisation_type": org.type, "parent_id": org.parent, "website": org.website,
        }
        for org in sorted(organisations, key=lambda o: o.id)
    ]


def news_item_id(annotation: Annotation) -> str:
    """The pinned ``source.id``, else derived from the publisher and the source file's slug."""
    if annotation.news_item_id:
        return annotation.news_item_id
    return _stable_id("news", "source", annotation.publisher, Path(annotation.source_file).stem)


def news_item_row(source: Source) -> Row:
    record, annotation = source.record, source.annotation
    shows_text = annotation.republication != "metadata"
    return {
        "news_item_id": news_item_id(annotation),
        "title": normalise_text(annotation.title or record.title),
        "published": record.published,
        "content_type": record.content_type,
        "content_label": record.content_label,
        "language": record.language,
        "publisher_id": annotation.publisher,
        "lede": normalise_text(record.lede) if shows_text else None,
        "body": unicodedata.normalize("NFC", record.body).strip()
        if annotation.republication == "full" else None,
        "republication": annotation.republication,
        "rights_holder": annotation.rights_holder,
        "rights_statement": annotation.rights_statement,
        "source_url": annotation.url,
        "source_file": annotation.source_file,
        "source_sha256": source.sha256,
    }


def find_mentions(text: str, organisations: Sequence[Organisation]) -> dict[str, list[str]]:
    """Organisation id → the terms found for it in ``text``, leftmost-longest, not overlapping.

    Acronyms match case-sensitively (``KS`` is not ``ks``); names and aliases ignore case. A
    Swedish or Norwegian genitive (``SKRs``, ``SKR:s``) counts as the name itself.
    """
    candidates: list[tuple[int, int, str, str]] = []
    for org in organisations:
        for term in org.terms():
            flags = 0 if _ACRONYM.match(term) else re.IGNORECASE
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?::s|s|'s|’s)?(?!\w)", flags)
            candidates += [(m.start(), -(m.end() - m.start()), org.id, term)
                           for m in pattern.finditer(text)]
    found: dict[str, list[str]] = {}
    taken_until = -1
    for start, negative_length, org_id, term in sorted(candidates):
        if start < taken_until:
            continue
        taken_until = start - negative_length
        found.setdefault(org_id, []).append(term)
    return found


def mention_rows(source: Source, news_id: str, organisations: Sequence[Organisation]) -> list[Row]:
    record = source.record
    text = "\n\n".join((record.title, record.lede, record.body))
    found = find_mentions(unicodedata.normalize("NFC", text), organisations)
    return [
        {"news_item_id": news_id, "organisation_id": org_id, "mention_count": len(terms),
         "matched_terms": sorted(set(terms))}
        for org_id, terms in sorted(found.items())
    ]


def link_rows(record: Record, news_id: str, documents_by_link: Mapping[str, str]) -> list[Row]:
    return [
        {"news_item_id": news_id, "position": position, "text": normalise_text(link.text),
         "href": link.href, "media_type": link.media_type,
         "policy_document_id": documents_by_link.get(_comparable(link.text))}
        for position, link in enumerate(record.links, start=1)
    ]


def contact_rows(record: Record, news_id: str) -> list[Row]:
    return [
        {"news_item_id": news_id, "position": position, "name": normalise_text(contact.name),
         "role": _optional({"r": contact.role}, "r"), "block": contact.block}
        for position, contact in enumerate(record.contacts, start=1)
    ]


@dataclass
class _Context:
    """What every curated fact from one source is checked against."""

    source: Source
    news_id: str
    known: frozenset[str]
    problems: _Problems

    def check_org(self, where: str, org_id: str) -> None:
        if org_id and org_id not in self.known:
            self.problems.add(where, f"unknown organisation '{org_id}' (not in the registry)")

    def evidence(self, where: str, item: Mapping[str, Any]) -> dict[str, str]:
        quote = _require(item, "evidence", where, self.problems)
        where = at_line(item, "evidence", where)
        if quote and (len(quote) < EVIDENCE_MIN_CHARS or len(quote.split()) < EVIDENCE_MIN_WORDS):
            self.problems.add(where, f"evidence \"{quote}\" is too short to show anything: quote "
                                     f"at least {EVIDENCE_MIN_WORDS} words and "
                                     f"{EVIDENCE_MIN_CHARS} characters of the source")
        elif quote and not evidence_occurs(quote, self.source.text):
            self.problems.add(
                where, f"evidence not found in {self.source.annotation.source_file}: \"{quote}\"")
        return {"source_news_item_id": self.news_id, "evidence": quote}


def _document_rows(ctx: _Context, index: int, doc: Mapping[str, Any], tables: Tables) -> str:
    where = f"policy_documents[{index}] ({doc.get('key', doc.get('title', '?'))})"
    title = _require(doc, "title", where, ctx.problems)
    issuer = _require(doc, "issuer", where, ctx.problems)
    ctx.check_org(where, issuer)
    doc_type = _require(doc, "type", where, ctx.problems)
    if doc_type and doc_type not in DOCUMENT_TYPES:
        ctx.problems.add(where, f"unknown type '{doc_type}', expected one of {', '.join(DOCUMENT_TYPES)}")
    key = _optional(doc, "key")
    doc_id = _pinned_id(doc, "doc", where, ctx.problems) or ""
    if not doc_id and not key:
        ctx.problems.add(where, "'key' is required (a short name for the document that stays the "
                                "same when its title is corrected; its id is derived from it)")
    elif not doc_id:
        doc_id = _stable_id("doc", "key", issuer, str(key))
    evidence = ctx.evidence(where, doc)
    tables["policy_documents"].append({
        "policy_document_id": doc_id, "title": title, "title_en": _optional(doc, "title_en"),
        "document_type": doc_type, "issuer_id": issuer, "issued": _optional(doc, "issued"),
        "language": _optional(doc, "language"), "url": _optional(doc, "url"), **evidence,
    })
    tables["policy_document_organisations"].append(
        {"policy_document_id": doc_id, "organisation_id": issuer, "role": "issuer", **evidence})
    for role_index, role in enumerate(doc.get("organisations") or []):
        role_where = f"{where}.organisations[{role_index}]"
        org_id = _require(role, "organisation", role_where, ctx.problems)
        ctx.check_org(role_where, org_id)
        role_name = _require(role, "role", role_where, ctx.problems)
        if role_name and role_name not in DOCUMENT_ROLES:
            expected = ", ".join(DOCUMENT_ROLES)
            ctx.problems.add(role_where, f"unknown role '{role_name}', expected one of {expected}")
        tables["policy_document_organisations"].append({
            "policy_document_id": doc_id, "organisation_id": org_id, "role": role_name,
            **ctx.evidence(role_where, role)})
    seen_texts: set[str] = set()
    for position, principle in enumerate(doc.get("principles") or [], start=1):
        principle_where = f"{where}.principles[{position - 1}]"
        text = _require(principle, "text", principle_where, ctx.problems)
        if text in seen_texts:
            ctx.problems.add(principle_where, "duplicate principle: the same text is listed twice")
        seen_texts.add(text)
        tables["policy_principles"].append({
            "principle_id": _pinned_id(principle, "pr", principle_where, ctx.problems)
            or _stable_id("pr", doc_id, _optional(principle, "key") or f"position {position}"),
            "policy_document_id": doc_id,
            "position": position, "text": text, "language": ctx.source.record.language,
            **ctx.evidence(principle_where, principle)})
    return doc_id


def _relationship_rows(ctx: _Context, index: int, rel: Mapping[str, Any], tables: Tables) -> None:
    statement = " ".join(str(rel.get(key, "?")) for key in ("subject", "predicate", "object"))
    where = f"relationships[{index}] ({statement})"
    subject = _require(rel, "subject", where, ctx.problems)
    predicate = _require(rel, "predicate", where, ctx.problems)
    obj = _require(rel, "object", where, ctx.problems)
    ctx.check_org(where, subject)
    ctx.check_org(where, obj)
    if predicate and predicate not in PREDICATES:
        ctx.problems.add(where, f"unknown predicate '{predicate}', expected one of {', '.join(PREDICATES)}")
    tables["organisation_relationships"].append({
        "relationship_id": _stable_id("rel", subject, predicate, obj), "subject_id": subject,
        "predicate": predicate, "object_id": obj, "basis": "annotation",
        **ctx.evidence(where, rel)})


def _curated_rows(ctx: _Context, tables: Tables) -> dict[str, str]:
    """Add the source's policy documents and relationships; return link text → document id."""
    annotation = ctx.source.annotation
    ctx.check_org("source.publisher", annotation.publisher)
    documents_by_link: dict[str, str] = {}
    link_texts = {_comparable(link.text) for link in ctx.source.record.links}
    for index, doc in enumerate(annotation.policy_documents):
        doc_id = _document_rows(ctx, index, doc, tables)
        link = _optional(doc, "link")
        if link is None:
            continue
        if _comparable(link) not in link_texts:
            ctx.problems.add(f"policy_documents[{index}]", f"link '{link}' is not a link in the source")
        documents_by_link[_comparable(link)] = doc_id
    for index, rel in enumerate(annotation.relationships):
        _relationship_rows(ctx, index, rel, tables)
    ids = [row["relationship_id"] for row in tables["organisation_relationships"]
           if row["source_news_item_id"] == ctx.news_id]
    if len(ids) != len(set(ids)):
        ctx.problems.add("relationships", "the same relationship is listed twice")
    return documents_by_link


def _registry_relationships(organisations: Iterable[Organisation]) -> list[Row]:
    return [
        {"relationship_id": _stable_id("rel", org.id, "part_of", org.parent),
         "subject_id": org.id, "predicate": "part_of", "object_id": org.parent,
         "basis": "registry", "source_news_item_id": None, "evidence": None}
        for org in organisations if org.parent
    ]


TABLES = (
    "organisations", "news_items", "news_item_links", "policy_documents",
    "policy_document_organisations", "policy_principles", "organisation_relationships",
    "organisation_mentions", "news_item_contacts",
)


def normalise(sources: Sequence[Source], organisations: Sequence[Organisation], *,
              include_contacts: bool = False) -> Tables:
    """Every table's rows, sorted by primary key. Raises AnnotationError for steward mistakes."""
    tables: Tables = {name: [] for name in TABLES}
    tables["organisations"] = organisation_rows(organisations)
    known = frozenset(org.id for org in organisations)
    seen_news: dict[str, str] = {}
    for source in sources:
        annotation = source.annotation
        news_id = news_item_id(annotation)
        if news_id in seen_news:
            raise AnnotationError(
                f"describes the same news item ({news_id}) as {seen_news[news_id]}",
                path=annotation.path)
        seen_news[news_id] = str(annotation.path)
        ctx = _Context(source, news_id, known, _Problems(annotation.path))
        documents_by_link = _curated_rows(ctx, tables)
        ctx.problems.raise_if_any()
        tables["news_items"].append(news_item_row(source))
        tables["news_item_links"] += link_rows(source.record, news_id, documents_by_link)
        tables["organisation_mentions"] += mention_rows(source, news_id, organisations)
        if include_contacts:
            tables["news_item_contacts"] += contact_rows(source.record, news_id)
    tables["organisation_relationships"] += _registry_relationships(organisations)
    if not include_contacts:
        del tables["news_item_contacts"]
    return {name: _sorted_unique(name, rows) for name, rows in tables.items()}


_KEYS = {
    "organisations": ("organisation_id",),
    "news_items": ("news_item_id",),
    "news_item_links": ("news_item_id", "position"),
    "policy_documents": ("policy_document_id",),
    "policy_document_organisations": ("policy_document_id", "organisation_id", "role"),
    "policy_principles": ("policy_document_id", "position"),
    "organisation_relationships": ("relationship_id",),
    "organisation_mentions": ("news_item_id", "organisation_id"),
    "news_item_contacts": ("news_item_id", "position"),
}


def _sorted_unique(table: str, rows: list[Row]) -> list[Row]:
    """Sort for deterministic output; identical duplicate facts (same id) are stated once."""
    key = _KEYS[table]
    unique: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        unique.setdefault(tuple("" if row[k] is None else row[k] for k in key), row)
    return [unique[k] for k in sorted(unique)]

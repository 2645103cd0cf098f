"""Records + annotations + registry → rows for each table.

Rows are plain dicts of Python values (``str``, ``int``, ``datetime.date``, ``list[str]``, ``None``);
:mod:`datarelease.package` turns them into CSV and Parquet using the Table Schemas.

Ids are derived from content so that the same fact gets the same id in every release:

* news item: ``news-`` + 12 hex of sha256(publisher, published, title)
* policy document: ``doc-`` + 12 hex of sha256(issuer, title)
* principle: ``pr-`` + 12 hex of sha256(policy document id, text)
* relationship: ``rel-`` + 12 hex of sha256(subject, predicate, object)

Steward mistakes (unknown organisation, evidence not in its source, duplicates) are collected and
raised together as one :class:`~datarelease.errors.AnnotationError` naming the file and each item.

Dataset metadata comes from ``datasets/dataset.yaml``, except the version once ``RELEASES.md`` (the
release log that ``datarelease release`` writes) exists: then it is the newest entry's.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from datarelease.errors import AnnotationError
from datarelease.extract import Record
from datarelease.versions import release_log_version

__all__ = [
    "ORGANISATION_TYPES",
    "PREDICATES",
    "REPUBLICATION",
    "Annotation",
    "Organisation",
    "Source",
    "Tables",
    "evidence_occurs",
    "find_mentions",
    "load_annotation",
    "load_metadata",
    "load_registry",
    "normalise",
    "normalise_text",
]

Row = dict[str, Any]
Tables = dict[str, list[Row]]

ORGANISATION_TYPES = (
    "government", "ministry", "parliament", "agency", "association_of_local_authorities",
    "municipality", "region", "other",
)
PREDICATES = (
    "part_of", "member_of", "sister_organisation_of", "collaborates_with", "provided_input_to",
)
DOCUMENT_TYPES = (
    "white_paper", "government_bill", "official_report", "strategy", "submission", "report", "other",
)
DOCUMENT_ROLES = ("lead", "contributor", "addressee")
REPUBLICATION = ("full", "excerpt", "metadata")

# Quote marks people type differ from the ones pages print; evidence compares them as equal.
_QUOTES = str.maketrans({
    "”": '"', "“": '"', "„": '"', "″": '"', "«": '"', "»": '"',
    "’": "'", "‘": "'", "‚": "'", "′": "'", "‹": "'", "›": "'",
})
_SPACE = re.compile(r"\s+")
_ACRONYM = re.compile(r"^[A-ZÅÄÖÆØ]{2,5}$")


def normalise_text(text: str) -> str:
    """NFC, trimmed, inner white space collapsed to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _comparable(text: str) -> str:
    return normalise_text(text).translate(_QUOTES)


def evidence_occurs(quote: str, source_text: str) -> bool:
    """True when ``quote`` occurs in ``source_text`` once white space and quotes are normalised."""
    wanted = _comparable(quote)
    return bool(wanted) and wanted in _comparable(source_text)


def _stable_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(normalise_text(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:12]}"


# --- inputs ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    name_en: str
    country: str
    type: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    website: str | None = None

    def terms(self) -> tuple[str, ...]:
        """Every name the organisation may be written as, without duplicates."""
        names = [self.name, self.acronym or "", *self.aliases]
        return tuple(dict.fromkeys(normalise_text(n) for n in names if n.strip()))


@dataclass(frozen=True)
class Annotation:
    """One steward file in ``datasets/annotations/``: provenance plus curated facts."""

    path: Path
    source_file: str
    publisher: str
    url: str | None
    page_title: str | None
    origin: str | None
    rights_holder: str
    rights_statement: str
    republication: str
    policy_documents: tuple[Mapping[str, Any], ...] = ()
    relationships: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Source:
    """A source document as extracted, with the text its evidence is checked against."""

    record: Record
    text: str
    sha256: str
    annotation: Annotation


@dataclass
class _Problems:
    """Collects every steward mistake in one file before reporting them together."""

    path: Path
    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if len(self.items) == 1:
            raise AnnotationError(self.items[0], path=self.path)
        if self.items:
            listed = "\n".join(f"  - {item}" for item in self.items)
            raise AnnotationError(f"{len(self.items)} problems:\n{listed}", path=self.path)


class _StewardLoader(yaml.SafeLoader):
    """YAML 1.2 booleans only: ``NO`` (Norway), ``on`` and ``yes`` stay text, as stewards mean."""


_StewardLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StewardLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def _load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"cannot read: {exc}", path=path) from exc
    try:
        return yaml.load(text, Loader=_StewardLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise AnnotationError(f"not valid YAML: {problem}", path=path, location=location) from exc


def _require(item: Mapping[str, Any], key: str, where: str, problems: _Problems) -> str:
    value = item.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        problems.add(where, f"'{key}' is required (a non-empty text)")
        return ""
    return normalise_text(str(value))


def _optional(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return normalise_text(str(value)) if value not in (None, "") else None


def load_registry(path: Path) -> list[Organisation]:
    """Read the organisation registry, checking ids, types and parents."""
    data = _load_yaml(path)
    problems = _Problems(path)
    entries = data.get("organisations") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise AnnotationError("expected a non-empty list under 'organisations'", path=path)
    organisations: list[Organisation] = []
    for index, entry in enumerate(entries):
        where = f"organisations[{index}]"
        if not isinstance(entry, dict):
            problems.add(where, "expected a mapping")
            continue
        where = f"{where} ({entry.get('id', '?')})"
        org_type = _require(entry, "type", where, problems)
        if org_type and org_type not in ORGANISATION_TYPES:
            problems.add(where, f"unknown type '{org_type}', expected one of {', '.join(ORGANISATION_TYPES)}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            problems.add(where, "'aliases' must be a list")
            aliases = []
        organisations.append(Organisation(
            id=_require(entry, "id", where, problems),
            name=_require(entry, "name", where, problems),
            name_en=_require(entry, "name_en", where, problems),
            country=_require(entry, "country", where, problems),
            type=org_type,
            acronym=_optional(entry, "acronym"),
            aliases=tuple(normalise_text(str(a)) for a in aliases),
            parent=_optional(entry, "parent"),
            website=_optional(entry, "website"),
        ))
    _check_registry_links(organisations, problems)
    problems.raise_if_any()
    return organisations


def _check_registry_links(organisations: Sequence[Organisation], problems: _Problems) -> None:
    seen: set[str] = set()
    for org in organisations:
        if org.id in seen:
            problems.add(f"organisation {org.id}", "duplicate id")
        seen.add(org.id)
    for org in organisations:
        if org.parent and org.parent not in seen:
            problems.add(f"organisation {org.id}", f"unknown parent organisation '{org.parent}'")


def load_annotation(path: Path) -> Annotation:
    """Read one annotation file: the source's provenance and rights, and the curated facts."""
    data = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise AnnotationError("expected a mapping with a 'source' section", path=path)
    problems = _Problems(path)
    source = data["source"]
    rights = source.get("rights") if isinstance(source.get("rights"), dict) else {}
    republication = _require(rights, "republication", "source.rights", problems)
    if republication and republication not in REPUBLICATION:
        problems.add("source.rights", f"republication must be one of {', '.join(REPUBLICATION)}")
    documents = data.get("policy_documents") or []
    relationships = data.get("relationships") or []
    for key, value in (("policy_documents", documents), ("relationships", relationships)):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.add(key, "expected a list of mappings")
    annotation = Annotation(
        path=path,
        source_file=_require(source, "file", "source", problems),
        publisher=_require(source, "publisher", "source", problems),
        url=_optional(source, "url"),
        page_title=_optional(source, "page_title"),
        origin=_optional(source, "origin"),
        rights_holder=_require(rights, "holder", "source.rights", problems),
        rights_statement=_require(rights, "statement", "source.rights", problems),
        republication=republication,
        policy_documents=tuple(documents) if isinstance(documents, list) else (),
        relationships=tuple(relationships) if isinstance(relationships, list) else (),
    )
    problems.raise_if_any()
    return annotation


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


def news_item_id(record: Record, publisher: str) -> str:
    return _stable_id("news", publisher, record.published.isoformat(), record.title.casefold())


def news_item_row(source: Source) -> Row:
    record, annotation = source.record, source.annotation
    shows_text = annotation.republication != "metadata"
    return {
        "news_item_id": news_item_id(record, annotation.publisher),
        "title": normalise_text(record.title),
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
        if quote and not evidence_occurs(quote, self.source.text):
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
    doc_id = _stable_id("doc", issuer, title.casefold())
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
            "principle_id": _stable_id("pr", doc_id, text), "policy_document_id": doc_id,
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
        news_id = news_item_id(source.record, annotation.publisher)
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


def load_metadata(path: Path, annotations: Sequence[Annotation], *,
                  created: str | None = None, release_log: Path | None = None) -> dict[str, Any]:
    """Dataset metadata from ``datasets/dataset.yaml``, shaped as Data Package properties.

    ``sources`` come from the annotations' provenance; ``personalData`` says what personal data the
    release holds, so that consumers need not guess. The version is the newest entry's of
    ``release_log`` (``RELEASES.md``) when that file exists, else ``dataset.yaml``'s ``version``
    (the steward's starting version): the tool never writes ``datasets/``.
    """
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise AnnotationError("expected a mapping of dataset metadata", path=path)
    problems = _Problems(path)
    for key in ("name", "title", "description", "version", "licenses"):
        if not data.get(key):
            problems.add(key, "is required")
    problems.raise_if_any()
    personal = data.get("personal_data") or {}
    contacts = bool(personal.get("contacts", False)) if isinstance(personal, dict) else False
    metadata = {key: data.get(key) for key in (
        "name", "title", "description", "version", "homepage", "keywords", "language",
        "licenses", "contributors", "publisher", "themes")}
    metadata["contactPoint"] = data.get("contact_point")  # DCAT-AP keys: see datarelease.dcat
    metadata["spatialCoverage"] = data.get("spatial_coverage")
    metadata["temporalCoverage"] = data.get("temporal_coverage")
    metadata["version"] = str(metadata["version"])
    if release_log is not None and release_log.is_file():
        metadata["version"] = release_log_version(release_log)
    metadata["created"] = created
    metadata["sources"] = [_source_entry(a) for a in annotations]
    metadata["rights"] = normalise_text(str(data.get("rights_note", ""))) or None
    metadata["personalData"] = {
        "contacts": "included" if contacts else "excluded",
        "note": "Names of contact persons printed on source pages are personal data. They are "
                + ("published in news_item_contacts because the dataset's metadata opts in."
                   if contacts else
                   "left out of this release; a steward can opt in with personal_data.contacts "
                   "in datasets/dataset.yaml."),
    }
    return metadata


def include_contacts(path: Path) -> bool:
    data = _load_yaml(path)
    personal = data.get("personal_data") if isinstance(data, dict) else None
    return bool(personal.get("contacts", False)) if isinstance(personal, dict) else False


def _source_entry(annotation: Annotation) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": annotation.page_title or annotation.source_file}
    if annotation.url:
        entry["path"] = annotation.url
    entry["publisher"] = annotation.publisher
    entry["file"] = f"datasets/sources/{annotation.source_file}"
    entry["rights"] = annotation.rights_statement
    entry["republication"] = annotation.republication
    return entry

"""The steward's inputs, read and checked: the organisation registry, the annotations and the
dataset metadata in ``datasets/`` (the tool never writes them).

Every mistake in one file is collected and raised together as one
:class:`~datarelease.errors.AnnotationError` naming the file and each item, with its line. YAML is
read by :mod:`datarelease.steward`: bounded, YAML 1.2 booleans only (``NO`` is Norway, and
``contacts: no`` is an error, not true), duplicate keys refused; then every file is checked
against its shape (:data:`REGISTRY_SHAPE`, :data:`ANNOTATION_SHAPE`, :data:`METADATA_SHAPE`):
unknown keys and values of the wrong type are errors. An annotation's ``source.file`` is a file name in
``datasets/sources/``, never a path; ``status: draft`` marks an annotation ``datarelease add``
wrote and nobody has reviewed yet; ``id:`` pins an id published before (see
:mod:`datarelease.normalise` for how ids are made).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datarelease import steward
from datarelease.errors import AnnotationError
from datarelease.versions import release_log_version

__all__ = [
    "ANNOTATION_SHAPE",
    "EVIDENCE_MIN_CHARS",
    "EVIDENCE_MIN_WORDS",
    "METADATA_SHAPE",
    "ORGANISATION_TYPES",
    "REGISTRY_SHAPE",
    "REPUBLICATION",
    "STATUSES",
    "Annotation",
    "Organisation",
    "Problems",
    "annotation_status",
    "at_line",
    "evidence_occurs",
    "include_contacts",
    "load_annotation",
    "load_metadata",
    "load_registry",
    "load_yaml",
    "normalise_text",
    "optional",
    "pinned_id",
    "require",
]

ORGANISATION_TYPES = (
    "government", "ministry", "parliament", "agency", "association_of_local_authorities",
    "municipality", "region", "other",
)
REPUBLICATION = ("full", "excerpt", "metadata")

# Quote marks people type differ from the ones pages print; evidence compares them as equal.
_QUOTES = str.maketrans({
    "”": '"', "“": '"', "„": '"', "″": '"', "«": '"', "»": '"',
    "’": "'", "‘": "'", "‚": "'", "′": "'", "‹": "'", "›": "'",
})
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, trimmed, inner white space collapsed to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def comparable(text: str) -> str:
    """The text as evidence is compared: normalised, with every quote mark the same."""
    return normalise_text(text).translate(_QUOTES)


# the source a page's many quotes are checked against, normalised once (the drafter checks
# every proposed fact's quote against the same page: normalising it each time is quadratic)
_comparable_source = functools.lru_cache(maxsize=4)(comparable)


def evidence_occurs(quote: str, source_text: str) -> bool:
    """True when ``quote`` occurs in ``source_text`` once white space and quotes are normalised."""
    wanted = comparable(quote)
    return bool(wanted) and wanted in _comparable_source(source_text)



_PINNED_ID = {prefix: re.compile(rf"{prefix}-[0-9a-f]{{12}}") for prefix in ("news", "doc", "pr")}
STATUSES = ("draft",)


def pinned_id(item: Mapping[str, Any], prefix: str, where: str, problems: Problems) -> str | None:
    """An explicit ``id`` of the item, which must look like the ids the rule derives."""
    value = item.get("id")
    if value is None:
        return None
    if not isinstance(value, str) or not _PINNED_ID[prefix].fullmatch(value.strip()):
        problems.add(where, f"'id' must be '{prefix}-' and 12 lower-case hex digits, got {value!r}")
        return None
    return value.strip()


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
    news_item_id: str | None = None
    """``source.id``: pins a news item id published before ids were derived from the slug."""
    title: str | None = None
    """``source.title``: the steward's correction of the page's title (default: as extracted)."""
    status: str | None = None
    """``status``: ``draft`` for an annotation written by ``datarelease add`` and not yet reviewed."""

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


@dataclass
class Problems:
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


def load_yaml(path: Path) -> Any:
    """A steward's YAML file, read within bounds (see :mod:`datarelease.steward`)."""
    return steward.load(path)


def at_line(container: Any, key: Any, where: str) -> str:
    """``where``, preceded by the line of ``container[key]`` when the YAML reader kept it."""
    line = steward.line_of(container, key)
    return f"line {line}, {where}" if line else where


def _check_shape(data: Any, shape: steward.Shape, path: Path) -> None:
    """Every unknown key and value of the wrong type in ``path``, raised together (exit 3)."""
    problems = Problems(path)
    steward.check(data, shape, "", problems.add, line=steward.line_of(data))
    problems.raise_if_any()


_T, _TR = steward.Key(steward.TEXT), steward.Key(steward.TEXT, required=True)
_EVIDENCED = {"evidence": _TR}
REGISTRY_SHAPE: steward.Shape = {"organisations": steward.Key([{
    "id": _TR, "name": _TR, "name_en": _TR, "country": _TR, "type": _TR, "acronym": _T,
    "aliases": steward.Key(steward.TEXTS), "parent": _T, "website": _T,
}], required=True)}
ANNOTATION_SHAPE: steward.Shape = {
    "status": _T,
    "source": steward.Key({
        "file": _TR, "publisher": _TR, "url": _T, "page_title": _T, "origin": _T, "id": _T,
        "title": _T,
        "rights": steward.Key({"holder": _TR, "statement": _TR, "republication": _TR},
                              required=True),
    }, required=True),
    "policy_documents": steward.Key([{
        "id": _T, "key": _T, "title": _TR, "title_en": _T, "type": _TR, "issuer": _TR,
        "issued": steward.Key(steward.DATE_OR_TEXT), "language": _T, "url": _T, "link": _T,
        **_EVIDENCED,
        "organisations": steward.Key([{"organisation": _TR, "role": _TR, **_EVIDENCED}]),
        "principles": steward.Key([{"id": _T, "key": _T, "text": _TR, **_EVIDENCED}]),
    }]),
    "relationships": steward.Key([{"subject": _TR, "predicate": _TR, "object": _TR,
                                   **_EVIDENCED}]),
    # written by `datarelease add` for the steward to move into the registry, then delete
    "proposed_organisations": steward.Key([{"name": _T, "acronym": _T, "country": _T,
                                            "type": _T, "evidence": _T}]),
}
_AGENT = {"title": _T, "path": _T, "email": _T}
METADATA_SHAPE: steward.Shape = {
    "name": _TR, "title": _TR, "description": _TR, "version": _TR, "homepage": _T,
    "keywords": steward.Key(steward.TEXTS), "language": steward.Key(steward.TEXT_OR_TEXTS),
    "licenses": steward.Key([{"name": _T, "path": _T, "title": _T}], required=True),
    "contributors": steward.Key([{**_AGENT, "givenName": _T, "familyName": _T, "organization": _T,
                                  "roles": steward.Key(steward.TEXTS), "role": _T}]),
    "publisher": steward.Key({**_AGENT, "type": _T}),
    "contact_point": steward.Key(_AGENT),
    "themes": steward.Key(steward.TEXTS), "spatial_coverage": steward.Key(steward.TEXTS),
    "rights_note": _T,
    "personal_data": steward.Key({"contacts": steward.Key(steward.BOOLEAN)}),
}
# Evidence is a quote that shows a fact: a word or two ("i", "KS") shows nothing and occurs in
# almost any text. It must have at least this many characters and words (after normalising).
EVIDENCE_MIN_CHARS = 12
EVIDENCE_MIN_WORDS = 2


def require(item: Mapping[str, Any], key: str, where: str, problems: Problems) -> str:
    value = item.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        problems.add(where, f"'{key}' is required (a non-empty text)")
        return ""
    return normalise_text(str(value))


def optional(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return normalise_text(str(value)) if value not in (None, "") else None


def load_registry(path: Path) -> list[Organisation]:
    """Read the organisation registry, checking ids, types and parents."""
    data = load_yaml(path)
    _check_shape(data, REGISTRY_SHAPE, path)
    problems = Problems(path)
    entries = data["organisations"]
    if not entries:
        raise AnnotationError("expected a non-empty list under 'organisations'", path=path)
    organisations: list[Organisation] = []
    lines: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        where = at_line(entries, index, f"organisations[{index}] ({entry.get('id', '?')})")
        lines.setdefault(str(entry.get("id")), steward.line_of(entries, index))
        org_type = require(entry, "type", where, problems)
        if org_type and org_type not in ORGANISATION_TYPES:
            problems.add(where, f"unknown type '{org_type}', expected one of {', '.join(ORGANISATION_TYPES)}")
        aliases = entry.get("aliases") or []
        organisations.append(Organisation(
            id=require(entry, "id", where, problems),
            name=require(entry, "name", where, problems),
            name_en=require(entry, "name_en", where, problems),
            country=require(entry, "country", where, problems),
            type=org_type,
            acronym=optional(entry, "acronym"),
            aliases=tuple(normalise_text(str(a)) for a in aliases),
            parent=optional(entry, "parent"),
            website=optional(entry, "website"),
        ))
    _check_registry_links(organisations, problems, lines)
    problems.raise_if_any()
    return organisations


def _check_registry_links(organisations: Sequence[Organisation], problems: Problems,
                          lines: Mapping[str, int | None]) -> None:
    def where(org_id: str) -> str:
        line = lines.get(org_id)
        return f"line {line}, organisation {org_id}" if line else f"organisation {org_id}"

    seen: set[str] = set()
    for org in organisations:
        if org.id in seen:
            problems.add(where(org.id), "duplicate id")
        seen.add(org.id)
    for org in organisations:
        if org.parent and org.parent not in seen:
            problems.add(where(org.id), f"unknown parent organisation '{org.parent}'")
    parents = {org.id: org.parent for org in organisations if org.parent}
    reported: set[str] = set()
    for org in organisations:  # a cycle of parents: an organisation is its own ancestor
        chain = [org.id]
        while (up := parents.get(chain[-1])) is not None and up not in chain:
            chain.append(up)
        if up is not None and up == org.id and org.id not in reported:
            reported.update(chain)
            problems.add(where(org.id), "parents form a cycle: " + " → ".join([*chain, org.id]))


def annotation_status(path: Path) -> tuple[str | None, str | None]:
    """An annotation's ``status`` and ``source.file``, read without checking the rest (a draft
    need not be complete)."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        return None, None
    source = data.get("source")
    file = source.get("file") if isinstance(source, dict) else None
    status = data.get("status")
    return (str(status) if status is not None else None,
            str(file) if isinstance(file, str) else None)


def load_annotation(path: Path) -> Annotation:
    """Read one annotation file: the source's provenance and rights, and the curated facts."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise AnnotationError("expected a mapping with a 'source' section", path=path)
    _check_shape(data, ANNOTATION_SHAPE, path)
    problems = Problems(path)
    source = data["source"]
    rights = source["rights"]
    republication = require(rights, "republication", "source.rights", problems)
    if republication and republication not in REPUBLICATION:
        problems.add("source.rights", f"republication must be one of {', '.join(REPUBLICATION)}")
    documents = data.get("policy_documents") or []
    relationships = data.get("relationships") or []
    status = optional(data, "status")
    if status is not None and status not in STATUSES:
        problems.add("status", f"unknown status '{status}': remove the line once the draft is "
                               "reviewed ('draft' is the only status)")
    annotation = Annotation(
        path=path,
        source_file=_source_file(source, problems),
        publisher=require(source, "publisher", "source", problems),
        url=optional(source, "url"),
        page_title=optional(source, "page_title"),
        origin=optional(source, "origin"),
        rights_holder=require(rights, "holder", "source.rights", problems),
        rights_statement=require(rights, "statement", "source.rights", problems),
        republication=republication,
        policy_documents=tuple(documents),
        relationships=tuple(relationships),
        news_item_id=pinned_id(source, "news", "source", problems),
        title=optional(source, "title"),
        status=status,
    )
    problems.raise_if_any()
    return annotation


def _source_file(source: Mapping[str, Any], problems: Problems) -> str:
    """``source.file``: a plain file name in ``datasets/sources/``, never a path out of it."""
    name = require(source, "file", "source", problems)
    if name and (name != Path(name).name or name in (".", "..") or "\\" in name):
        problems.add("source", f"'file' must be a file name in datasets/sources/, not a path: "
                               f"{name!r}")
        return ""
    return name


def load_metadata(path: Path, annotations: Sequence[Annotation], *,
                  created: str | None = None, release_log: Path | None = None) -> dict[str, Any]:
    """Dataset metadata from ``datasets/dataset.yaml``, shaped as Data Package properties.

    ``sources`` come from the annotations' provenance; ``personalData`` says what personal data the
    release holds, so that consumers need not guess. The version is the newest entry's of
    ``release_log`` (``RELEASES.md``) when that file exists, else ``dataset.yaml``'s ``version``
    (the steward's starting version): the tool never writes ``datasets/``.
    """
    data = _read_metadata(path)
    contacts = include_contacts(path, data)
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


def _read_metadata(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise AnnotationError("expected a mapping of dataset metadata", path=path)
    _check_shape(data, METADATA_SHAPE, path)
    problems = Problems(path)
    for key in ("name", "title", "description", "version", "licenses"):
        if not data.get(key):
            problems.add(at_line(data, key, key), "is required")
    problems.raise_if_any()
    return data


def include_contacts(path: Path, data: Mapping[str, Any] | None = None) -> bool:
    """``personal_data.contacts`` of ``dataset.yaml``: True only for the boolean ``true``."""
    data = _read_metadata(path) if data is None else data
    personal = data.get("personal_data") or {}
    return personal.get("contacts", False) is True


def _source_entry(annotation: Annotation) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": annotation.page_title or annotation.source_file}
    if annotation.url:
        entry["path"] = annotation.url
    entry["publisher"] = annotation.publisher
    entry["file"] = f"datasets/sources/{annotation.source_file}"
    entry["rights"] = annotation.rights_statement
    entry["republication"] = annotation.republication
    return entry

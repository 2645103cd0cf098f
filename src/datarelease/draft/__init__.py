"""Draft annotations for new sources: what ``datarelease add`` writes for a steward to review.

:func:`draft` reads one source (with :mod:`datarelease.extract`) and proposes, with rules kept in
per-language vocabularies (:mod:`datarelease.draft.vocabulary`) and the registry's names and
aliases, the annotation's facts: the ``source`` block, policy documents with their issuer, roles
and principles, relationships between organisations, and organisations the registry does not know
(``proposed_organisations``). Every proposal has an evidence quote that occurs in the source (as
the build checks it) and a ``# why`` comment. Nothing runs on a network and nothing is learnt:
the same page gives the same draft. Precision over recall: a fact the text does not state in a
recognisable way is left for the steward, and so is one it states as negated, wished, planned,
asked for or over (:mod:`datarelease.draft.modality`). Documents and issuers:
:mod:`~datarelease.draft.facts`; roles: :mod:`~datarelease.draft.roles`; principles:
:mod:`~datarelease.draft.principles` (lists) and :mod:`~datarelease.draft.prose` (prose);
relationships: :mod:`~datarelease.draft.relationships`; unknown organisations:
:mod:`~datarelease.draft.organisations`, :mod:`~datarelease.draft.names` and a gazetteer of
well-known bodies, :mod:`~datarelease.draft.bodies`.
Gold conventions of the benchmark sets: ``benchmarks/drafting/GOLD.md``.

:func:`render` writes a draft as an annotation file marked ``status: draft``, which ``build``
leaves out of the release until a steward has reviewed it and removed that line. :func:`add` copies
sources into ``datasets/sources/`` and writes their drafts. ``extract`` and ``normalise`` never
import this package.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from datarelease.draft import facts
from datarelease.draft.documents import find_documents
from datarelease.draft.headed import headed_principles
from datarelease.draft.organisations import Proposed, find_unknown
from datarelease.draft.parallel import parallel_principles
from datarelease.draft.parliamentary import government_documents
from datarelease.draft.principles import find_principles
from datarelease.draft.prose import find_prose_principles
from datarelease.draft.relationships import find_relationships
from datarelease.draft.render import render
from datarelease.draft.roles import find_roles
from datarelease.draft.statements import statement_roles
from datarelease.draft.text import OrganisationFinder
from datarelease.errors import InputError
from datarelease.extract import Record, read_source, read_source_bytes, read_text_source
from datarelease.normalise import Organisation, load_registry

__all__ = ["MAX_DRAFT_CHARS", "AddResult", "Draft", "add", "draft", "render"]

# A news page holds some thousands of characters; the rules take about 25 s per MB of text, so a
# page built to be huge (or a whole report saved as a page) is left to the steward.
MAX_DRAFT_CHARS = 300_000
_LANGUAGE_COUNTRY = {"sv": "SE", "nb": "NO", "nn": "NO", "da": "DK", "fi": "FI"}
# where each language is an official one: a ministry of these countries may be meant on the page
_SPOKEN_IN = {"sv": ("SE", "FI"), "nb": ("NO",), "nn": ("NO",), "da": ("DK",), "fi": ("FI",)}


@dataclass
class Draft:
    """A draft annotation: plain data, rendered by :func:`render`."""

    slug: str
    record: Record
    publisher: str | None
    publisher_why: str
    rights_holder: str
    url: str | None
    documents: list[facts.Document] = field(default_factory=list)
    relationships: list[facts.Fact] = field(default_factory=list)
    proposed: list[Proposed] = field(default_factory=list)


@dataclass(frozen=True)
class AddResult:
    source: Path  # where the source now is, inside datasets/sources/
    annotation: Path | None  # the draft written; None with --stdout or when one exists
    copied: bool  # False: the same file was already there
    text: str  # the draft, rendered
    note: str  # what happened, for the steward


def _publisher(path: Path, record_html: str | None, organisations: list[Organisation],
               given: str | None) -> tuple[str | None, str]:
    known = {org.id: org for org in organisations}
    if given is not None:
        if given not in known:
            raise InputError(f"--publisher '{given}' is not in the registry "
                             "(datasets/organisations.yaml)")
        return given, "given with --publisher"
    if record_html:
        site = re.search(r"<title[^>]*>[^<]*[|–—-]\s*([^<|]+?)\s*</title>", record_html, re.I)
        names = {t.casefold(): org.id for org in organisations for t in org.terms()}
        if site and site.group(1).strip().casefold() in names:
            return names[site.group(1).strip().casefold()], (
                f"the page's <title> names the site '{site.group(1).strip()}'")
    prefix = path.name.split("-", 1)[0].casefold()
    for org in organisations:
        slug = org.id.split("-", 1)[-1]
        if prefix in (slug, (org.acronym or "").casefold()):
            return org.id, f"the file name starts with '{prefix}', {org.id}'s short name"
    return None, "not found: set it (a registry id) or pass --publisher"


def draft(path: Path, organisations: list[Organisation], *, publisher: str | None = None) -> Draft:
    """Propose an annotation for the source at ``path`` (see the module)."""
    record = read_source(path)
    size = len(record.title) + len(record.lede) + len(record.body)
    if size > MAX_DRAFT_CHARS:
        raise InputError(f"its text is {size:,} characters, more than the {MAX_DRAFT_CHARS:,} "
                         "a news page holds: too long to draft, write its annotation by hand",
                         path=path)
    source_text = read_text_source(path)
    html = source_text if record.format == "html" else None
    publisher_id, why = _publisher(path, html, organisations, publisher)
    by_id = {org.id: org for org in organisations}
    holder = by_id[publisher_id] if publisher_id else None
    url = None
    if html:
        found = re.search(r"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"']([^\"']+)", html, re.I)
        url = found.group(1) if found and found.group(1).startswith("https://") else None
    vocabulary = facts.vocabulary(record.language)
    country = (holder.country if holder else _LANGUAGE_COUNTRY.get(record.language, "")) or ""
    finder = OrganisationFinder(organisations, publisher_id, vocabulary.we, country=country,
                                home=_SPOKEN_IN.get(record.language.split("-")[0], ()))
    documents = find_documents(record, source_text, finder, publisher_id)
    government_documents(documents, organisations)
    find_roles(record, source_text, documents, finder)
    statement_roles(record, source_text, documents, finder)
    find_principles(record, source_text, documents, finder)
    find_prose_principles(record, source_text, documents, finder)
    headed_principles(record, source_text, documents, finder)
    parallel_principles(record, source_text, documents, finder)
    return Draft(
        slug=path.stem, record=record, publisher=publisher_id, publisher_why=why,
        rights_holder=(f"{holder.name} ({holder.acronym})" if holder and holder.acronym
                       else holder.name if holder else ""),
        url=url, documents=documents,
        relationships=find_relationships(record, source_text, finder),
        proposed=find_unknown(record, source_text, finder, country,
                              titles=[d.title for d in documents]),
    )


def _copy_source(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` unless the same bytes are there; never overwrite others."""
    data = read_source_bytes(source)  # a source over the size limit is refused before copying
    if target.exists():
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
        raise InputError(f"datasets/sources/{target.name} already exists and is a different "
                         "file: rename the new source, or remove the old one first", path=source)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_new(target, data)
    return True


def _write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to a new file ``target`` whole or not at all."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.link(temporary, target)  # fails if target appeared meanwhile: nothing is overwritten
    finally:
        os.unlink(temporary)


def add(sources: list[Path], root: Path, *, publisher: str | None = None,
        stdout: bool = False) -> list[AddResult]:
    """Copy each source into ``root/datasets/sources/`` and write its draft annotation.

    Every source is read and drafted before anything is written, so a source that cannot be read
    leaves ``datasets/`` as it was. With ``stdout`` nothing is written at all.
    """
    datasets = root / "datasets"
    organisations = load_registry(datasets / "organisations.yaml")
    drafted: list[tuple[Path, Draft]] = []
    for source in sources:
        if not source.is_file():
            raise InputError("not a file", path=source)
        drafted.append((source, draft(source, organisations, publisher=publisher)))
    names = [source.name for source, _ in drafted]
    if len(set(names)) != len(names):
        raise InputError("two sources have the same file name: "
                         + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    results = []
    for source, result in drafted:
        text = render(result)
        target = datasets / "sources" / source.name
        annotation = datasets / "annotations" / f"{result.slug}.yaml"
        if stdout:
            results.append(AddResult(target, None, False, text, "printed, nothing written"))
            continue
        copied = _copy_source(source, target)
        if annotation.exists():
            results.append(AddResult(target, None, copied, text,
                                     f"{annotation.name} exists and was left as it is"))
            continue
        annotation.parent.mkdir(parents=True, exist_ok=True)
        _write_new(annotation, text.encode("utf-8"))
        results.append(AddResult(target, annotation, copied, text,
                                 "draft written: review it, then remove 'status: draft'"))
    return results

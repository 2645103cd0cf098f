"""The DCAT-AP record of a release: one ``dcat:Dataset`` and a ``dcat:Distribution`` per file.

National catalogues harvest DCAT-AP, not CKAN JSON. The record is built from ``datapackage.json``
alone (the build copies the DCAT keys a steward sets in ``datasets/dataset.yaml``: ``publisher``,
``contactPoint``, ``themes``, ``spatialCoverage``) and, once the release is on a portal, from the portal's
dataset (:class:`PortalRecord`: URIs, download URLs, issued and modified dates).

Every resource the record references is typed (licence documents, agents, concepts, media types,
places, rights statements, checksum algorithms): the DCAT-AP 3 range shapes check the class of
each, and a harvester cannot fetch it. Codes map to the EU vocabularies (data themes, languages,
countries, licences, file types); a code with no known URI is a :class:`SchemaError` naming the
key, never a silently dropped statement.

Before the release is published its URIs are URNs (``urn:datarelease:<name>:<version>...``) and
each distribution's access URL names the file in the release; after, they are the portal's URLs,
the ones ckanext-dcat uses too (``<portal>/dataset/<id>``, ``.../resource/<id>``).

:func:`check` validates a record with pySHACL against the official DCAT-AP 3.0.1 shapes and their
range shapes (``dcat_shapes/``); violations are findings, the recommended-property and deprecated-URI
shapes give warnings that do not fail the check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from datarelease.errors import PortalError, SchemaError, UnsafeInputError, ValidationFailed
from datarelease.untrusted import find_descriptor, load_descriptor
from datarelease.validate.report import Finding, Report
from datarelease.versions import latest_entry

if TYPE_CHECKING:
    from datarelease.ckan import Portal

__all__ = [
    "FORMATS",
    "PROFILES",
    "PortalRecord",
    "ShaclResult",
    "build_graph",
    "check",
    "check_graph",
    "has_dcat_metadata",
    "portal_dcat",
    "portal_record",
    "publisher_type_uri",
    "record",
    "record_of",
    "serialise",
    "theme_uri",
]

PROFILES = ("dcat-ap-3", "dcat-ap-se")
FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "xml": "pretty-xml"}
DCAT_KEYS = ("publisher", "contactPoint", "themes", "spatialCoverage")
"""Descriptor keys that only a release with DCAT metadata has."""

ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT3 = Namespace(str(DCAT))  # rdflib's DCAT namespace is closed at DCAT 2 (no dcat:version)
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SH = Namespace("http://www.w3.org/ns/shacl#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
SHAPES = Path(__file__).parent / "dcat_shapes"
_VIOLATION_SHAPES = ("dcat-ap-3.0.1-shapes.ttl", "dcat-ap-3.0.1-range.ttl")
_WARNING_SHAPES = ("dcat-ap-3.0.1-shapes-recommended.ttl", "dcat-ap-3.0.1-deprecateduris.ttl")

# http://publications.europa.eu/resource/authority/data-theme
THEMES = {"AGRI": "Agriculture, fisheries, forestry and food", "ECON": "Economy and finance",
          "EDUC": "Education, culture and sport", "ENER": "Energy", "ENVI": "Environment",
          "GOVE": "Government and public sector", "HEAL": "Health", "INTR": "International issues",
          "JUST": "Justice, legal system and public safety", "OP_DATPRO": "Provisional data",
          "REGI": "Regions and cities", "SOCI": "Population and society", "TECH": "Science and technology",
          "TRAN": "Transport"}
# http://data.europa.eu/r5r/ publisher types (ADMS), for the Swedish profile's dct:type of a publisher
PUBLISHER_TYPES = ("Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority",
                   "NationalAuthority", "NonGovernmentalOrganisation", "NonProfitOrganisation",
                   "PrivateIndividual(s)", "RegionalAuthority", "StandardisationBody",
                   "SupraNationalAuthority")
PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype"
# BCP-47 primary language → http://publications.europa.eu/resource/authority/language
LANGUAGES = {"sv": "SWE", "en": "ENG", "no": "NOR", "nb": "NOB", "nn": "NNO", "da": "DAN",
             "fi": "FIN", "is": "ISL", "se": "SME", "de": "DEU", "fr": "FRA", "es": "SPA",
             "it": "ITA", "nl": "NLD", "pl": "POL", "pt": "POR", "et": "EST", "lv": "LAV",
             "lt": "LIT"}
# ISO 3166-1 alpha-2 → http://publications.europa.eu/resource/authority/country (alpha-3 codes)
COUNTRIES = {"SE": "SWE", "NO": "NOR", "DK": "DNK", "FI": "FIN", "IS": "ISL", "DE": "DEU",
             "FR": "FRA", "GB": "GBR", "NL": "NLD", "EE": "EST", "LV": "LVA", "LT": "LTU"}
# SPDX licence id → http://publications.europa.eu/resource/authority/licence
LICENCES = {"cc-by-4.0": "CC_BY_4_0", "cc0-1.0": "CC0", "cc-by-sa-4.0": "CC_BYSA_4_0",
            "odbl-1.0": "ODC_BL", "odc-by-1.0": "ODC_BY", "pddl-1.0": "ODC_PDDL"}
_LICENCE_URLS = {"creativecommons.org/licenses/by/4.0": "CC_BY_4_0",
                 "creativecommons.org/publicdomain/zero/1.0": "CC0",
                 "creativecommons.org/licenses/by-sa/4.0": "CC_BYSA_4_0",
                 "opendatacommons.org/licenses/odbl/1-0": "ODC_BL",
                 "opendatacommons.org/licenses/by/1-0": "ODC_BY",
                 "opendatacommons.org/licenses/pddl/1-0": "ODC_PDDL"}
# Data Package format → http://publications.europa.eu/resource/authority/file-type
FILE_TYPES = {"csv": "CSV", "parquet": "PARQUET", "json": "JSON", "zip": "ZIP", "md": "TXT",
              "txt": "TXT", "xlsx": "XLSX", "ttl": "RDF_TURTLE", "svg": "SVG"}
# Data Package format → IANA media type, for a resource that declares none
MEDIA_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/json",
               "parquet": "application/vnd.apache.parquet", "zip": "application/zip", "md": "text/markdown",
               "txt": "text/plain",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "ttl": "text/turtle", "svg": "image/svg+xml"}
DESCRIPTOR = "datapackage.json"
_METADATA_LANGUAGE = "en"  # the language of titles and descriptions in datapackage.json


# --------------------------------------------------------------------------- portal data


@dataclass(frozen=True)
class PortalResource:
    uri: str
    download_url: str
    issued: str | None = None
    modified: str | None = None


@dataclass(frozen=True)
class PortalRecord:
    """Where a published release lives on a portal: the URIs and dates its record uses."""

    dataset_uri: str
    landing_page: str
    issued: str | None
    modified: str | None
    resources: dict[str, PortalResource] = field(default_factory=dict)
    """By Data Package resource name."""


def portal_record(portal_url: str, dataset: Mapping[str, Any]) -> PortalRecord:
    """The URIs and dates of a CKAN dataset (``package_show``), as ckanext-dcat forms them."""
    base = portal_url.rstrip("/")
    uri = f"{base}/dataset/{dataset['id']}"
    resources = {}
    for res in dataset.get("resources", []):
        name = res.get("datarelease_name") or res.get("name")
        page = f"{uri}/resource/{res['id']}"
        modified = res.get("last_modified") or res.get("metadata_modified")
        resources[str(name)] = PortalResource(page, str(res.get("url") or page),
                                              _timestamp(res.get("created")), _timestamp(modified))
    return PortalRecord(uri, f"{base}/dataset/{dataset['name']}", _timestamp(dataset.get("metadata_created")),
                        _timestamp(dataset.get("metadata_modified")), resources)


def _timestamp(value: Any) -> str | None:
    """CKAN's naive UTC timestamps (``2026-11-26T23:40:01.123456``) as ``...Z`` to the second."""
    if not isinstance(value, str) or not value:
        return None
    return value.split(".")[0].removesuffix("Z") + "Z" if "T" in value else value


# --------------------------------------------------------------------------- vocabularies


def _where(key: str) -> str:
    return f"{key} (datasets/dataset.yaml and datapackage.json)"


def _theme_code(code: str, index: int = 0) -> str:
    name = code.rsplit("/", 1)[-1].upper() if code.startswith(f"{EU}data-theme/") else code.upper()
    if name not in THEMES:
        raise SchemaError(f"unknown EU data theme {code!r}; use one of {', '.join(sorted(THEMES))}",
                          path="datapackage.json", location=_where(f"themes[{index}]"))
    return name


def theme_uri(code: str, index: int = 0) -> URIRef:
    """The EU data theme URI of a code (``GOVE``) or of the URI itself."""
    return URIRef(f"{EU}data-theme/{_theme_code(code, index)}")


def _theme(graph: Graph, code: str, index: int = 0) -> URIRef:
    name = _theme_code(code, index)
    return _concept(graph, f"{EU}data-theme", name, THEMES[name], "Data theme")


def publisher_type_uri(kind: str, key: str = "publisher") -> URIRef:
    """The ADMS publisher type URI of a type name (``NonProfitOrganisation``)."""
    if kind not in PUBLISHER_TYPES:
        raise SchemaError(f"unknown publisher type {kind!r}; use one of {', '.join(PUBLISHER_TYPES)}",
                          path="datapackage.json", location=_where(f"{key}.type"))
    return URIRef(f"{PUBLISHER_TYPE_SCHEME}/{kind}")


def language_uri(tag: str, index: int = 0) -> URIRef:
    primary = tag.split("-")[0].lower()
    if primary not in LANGUAGES:
        raise SchemaError(f"language {tag!r} has no known EU language URI; known: "
                          f"{', '.join(sorted(LANGUAGES))}", path="datapackage.json",
                          location=f"language[{index}]")
    return URIRef(f"{EU}language/{LANGUAGES[primary]}")


def country_uri(code: str, index: int = 0) -> URIRef:
    if code.startswith(("http://", "https://")):
        return URIRef(code)
    upper = COUNTRIES.get(code.upper(), code.upper())
    if not re.fullmatch(r"[A-Z]{3}", upper):
        raise SchemaError(f"place {code!r} is not an EU country code (three letters, e.g. SWE) or a URI",
                          path="datapackage.json", location=_where(f"spatialCoverage[{index}]"))
    return URIRef(f"{EU}country/{upper}")


def licence_uri(licence: Mapping[str, Any], index: int = 0) -> URIRef:
    """The EU licence URI for an SPDX id or a known licence URL; else the licence's own URL."""
    name = str(licence.get("name") or "").lower()
    path = str(licence.get("path") or "")
    bare = path.split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()
    code = LICENCES.get(name) or _LICENCE_URLS.get(bare)
    if code:
        return URIRef(f"{EU}licence/{code}")
    if path.startswith(("http://", "https://")):
        return URIRef(path)
    raise SchemaError(f"licence {licence.get('name') or licence.get('title')!r} has no known URI: use an "
                      f"SPDX id ({', '.join(sorted(LICENCES))}) or give its URL as 'path'",
                      path="datapackage.json", location=f"licenses[{index}]")


# --------------------------------------------------------------------------- the graph


def has_dcat_metadata(descriptor: Mapping[str, Any]) -> bool:
    return any(descriptor.get(key) for key in DCAT_KEYS)


def _text(graph: Graph, subject: URIRef | BNode, predicate: URIRef, value: Any) -> None:
    if value not in (None, ""):
        graph.add((subject, predicate, Literal(str(value), lang=_METADATA_LANGUAGE)))


def _typed(graph: Graph, uri: URIRef, *classes: URIRef) -> URIRef:
    for cls in classes:
        graph.add((uri, RDF.type, cls))
    return uri


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def _agent(graph: Graph, agent: Mapping[str, Any], key: str, profile: str) -> URIRef:
    path = str(agent.get("path") or "")
    if not path.startswith(("http://", "https://")):
        raise SchemaError("needs a URI as 'path' (the organisation's own identifier)",
                          path="datapackage.json", location=_where(key))
    uri = _typed(graph, URIRef(path), FOAF.Agent, FOAF.Organization)
    graph.add((uri, FOAF.name, Literal(str(agent.get("title") or path))))
    kind = agent.get("type")
    if not kind and profile == "dcat-ap-se":
        raise SchemaError("the Swedish profile (DCAT-AP-SE) requires the publisher's type (dct:type, "
                          f"one of {', '.join(PUBLISHER_TYPES)})", path="datapackage.json",
                          location=_where(f"{key}.type"))
    if kind:
        publisher_type_uri(str(kind), key)
        graph.add((uri, DCTERMS.type, _concept(graph, PUBLISHER_TYPE_SCHEME, str(kind), str(kind),
                                                "ADMS publisher type")))
    return uri


def _contact(graph: Graph, contact: Mapping[str, Any]) -> BNode:
    node = BNode()
    _typed(graph, node, VCARD.Kind, VCARD.Organization)  # type: ignore[arg-type]
    graph.add((node, VCARD.fn, Literal(str(contact.get("title") or contact.get("email") or ""))))
    if contact.get("email"):
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact['email']}")))
    if contact.get("path"):
        graph.add((node, VCARD.hasURL, URIRef(str(contact["path"]))))
    return node


def _periods(value: Any) -> list[Any]:
    return [] if not value else value if isinstance(value, list) else [value]


def _period(graph: Graph, period: Any, index: int) -> BNode:
    """A dct:PeriodOfTime from ``{start, end}`` (ISO dates, either may be missing)."""
    if not isinstance(period, Mapping) or not (period.get("start") or period.get("end")):
        raise SchemaError("a period needs a start or an end date (YYYY-MM-DD)", path="datapackage.json",
                          location=_where(f"temporalCoverage[{index}]"))
    node = BNode()
    _typed(graph, node, DCTERMS.PeriodOfTime)  # type: ignore[arg-type]
    for key, predicate in (("start", DCAT.startDate), ("end", DCAT.endDate)):
        if (literal := _date(str(period[key]) if period.get(key) else None)) is not None:
            graph.add((node, predicate, literal))
    return node


def _dataset_uris(descriptor: Mapping[str, Any], portal: PortalRecord | None) -> tuple[URIRef, str]:
    if portal is not None:
        return URIRef(portal.dataset_uri), portal.dataset_uri
    base = f"urn:datarelease:{descriptor['name']}:{descriptor.get('version', '0')}"
    return URIRef(base), base


def _distribution(graph: Graph, resource: Mapping[str, Any], base: str, licences: list[URIRef],
                  portal: PortalRecord | None, profile: str) -> URIRef:
    name = _resource_name(resource)
    on_portal = portal.resources.get(name) if portal else None
    uri = URIRef(on_portal.uri if on_portal else f"{base}:{name}")
    _typed(graph, uri, DCAT.Distribution)
    _text(graph, uri, DCTERMS.title, resource.get("title") or name)
    _text(graph, uri, DCTERMS.description, resource.get("description"))
    if on_portal:
        access = URIRef(on_portal.download_url)
        graph.add((uri, DCAT.accessURL, access))
        graph.add((uri, DCAT.downloadURL, access))
        for predicate, value in ((DCTERMS.issued, on_portal.issued), (DCTERMS.modified, on_portal.modified)):
            if (literal := _date(value)) is not None:
                graph.add((uri, predicate, literal))
    else:
        for access in _access_urls(resource, base):
            graph.add((uri, DCAT.accessURL, access))
    fmt = _resource_format(resource)
    if fmt in FILE_TYPES:
        graph.add((uri, DCTERMS.format, _typed(graph, URIRef(f"{EU}file-type/{FILE_TYPES[fmt]}"),
                                               DCTERMS.MediaTypeOrExtent)))
    mediatype = resource.get("mediatype") or MEDIA_TYPES.get(fmt)
    if mediatype:
        graph.add((uri, DCAT.mediaType, _typed(graph, URIRef(f"{IANA}{mediatype}"),
                                               DCTERMS.MediaType, DCTERMS.MediaTypeOrExtent)))
    if isinstance(resource.get("bytes"), int):
        graph.add((uri, DCAT.byteSize, Literal(resource["bytes"], datatype=XSD.nonNegativeInteger)))
    algorithm, _, digest = str(resource.get("hash") or "").rpartition(":")
    if digest and algorithm in ("sha256", ""):
        checksum = BNode()
        _typed(graph, checksum, SPDX.Checksum)  # type: ignore[arg-type]
        graph.add((checksum, SPDX.algorithm, _typed(graph, SPDX.checksumAlgorithm_sha256,
                                                    SPDX.ChecksumAlgorithm)))
        graph.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
        graph.add((uri, SPDX.checksum, checksum))
    for licence in licences[:1]:  # DCAT-AP: at most one licence per distribution
        graph.add((uri, DCTERMS.license, licence))
    graph.add((uri, DCATAP.availability, _concept(graph, f"{EU}planned-availability", "STABLE", "stable",
                                                  "Planned availability")))
    return uri


def _resource_name(resource: Mapping[str, Any]) -> str:
    name = resource.get("name")
    if isinstance(name, str) and name:
        return name
    first = _paths(resource)[:1]
    return PurePosixPath(first[0]).stem.lower() if first else "memory"  # as frictionless names it


def _paths(resource: Mapping[str, Any]) -> list[str]:
    path = resource.get("path")
    parts = path if isinstance(path, list) else [path]
    return [p for p in parts if isinstance(p, str) and p]


def _resource_format(resource: Mapping[str, Any]) -> str:
    """The declared format, else the data path's extension (``.csv`` → ``csv``), as frictionless
    reads it."""
    declared = str(resource.get("format") or "").lower()
    if declared:
        return declared
    first = _paths(resource)[:1]
    return PurePosixPath(first[0]).suffix.lstrip(".").lower() if first else ""


def _access_urls(resource: Mapping[str, Any], base: str) -> list[URIRef]:
    """Where the data is before the release is published: a URL path as it is, a file as a URN in
    the release; inline data lives in the descriptor itself."""
    paths = _paths(resource)
    if not paths:
        return [URIRef(f"{base}:{DESCRIPTOR}")]
    return [URIRef(p) if p.startswith(("http://", "https://")) else URIRef(f"{base}:{p}") for p in paths]


def _concept(graph: Graph, scheme: str, code: str, label: str, scheme_title: str) -> URIRef:
    """A concept of a controlled vocabulary, typed and labelled as the range shapes ask."""
    concept = _typed(graph, URIRef(f"{scheme}/{code}"), SKOS.Concept)
    graph.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    scheme_uri = _typed(graph, URIRef(scheme), SKOS.ConceptScheme)
    graph.add((scheme_uri, DCTERMS.title, Literal(scheme_title, lang="en")))
    graph.add((concept, SKOS.inScheme, scheme_uri))
    return concept


def build_graph(descriptor: Mapping[str, Any], *, profile: str = "dcat-ap-3",
                portal: PortalRecord | None = None, version_notes: str | None = None) -> Graph:
    """The DCAT-AP record of a Data Package descriptor (and of its place on a portal)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown DCAT profile {profile!r}; expected one of {', '.join(PROFILES)}")
    graph = Graph(bind_namespaces="core")
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("spdx", SPDX),
                       ("adms", ADMS), ("dcatap", DCATAP), ("skos", SKOS)):
        graph.bind(prefix, ns)
    dataset, base = _dataset_uris(descriptor, portal)
    _typed(graph, dataset, DCAT.Dataset)
    _text(graph, dataset, DCTERMS.title, descriptor.get("title") or descriptor["name"])
    _text(graph, dataset, DCTERMS.description, descriptor.get("description") or descriptor.get("title"))
    graph.add((dataset, DCTERMS.identifier, Literal(str(descriptor["name"]))))
    for keyword in descriptor.get("keywords") or []:
        _text(graph, dataset, DCAT.keyword, keyword)
    if descriptor.get("version"):
        graph.add((dataset, DCAT3.version, Literal(str(descriptor["version"]))))
    _text(graph, dataset, ADMS.versionNotes, version_notes)
    if descriptor.get("publisher"):
        graph.add((dataset, DCTERMS.publisher, _agent(graph, descriptor["publisher"], "publisher", profile)))
    if descriptor.get("contactPoint"):
        graph.add((dataset, DCAT.contactPoint, _contact(graph, descriptor["contactPoint"])))
    for i, code in enumerate(descriptor.get("themes") or []):
        graph.add((dataset, DCAT.theme, _theme(graph, str(code), i)))
    for i, tag in enumerate(descriptor.get("language") or []):
        graph.add((dataset, DCTERMS.language, _typed(graph, language_uri(str(tag), i),
                                                      DCTERMS.LinguisticSystem)))
    for i, code in enumerate(descriptor.get("spatialCoverage") or []):
        graph.add((dataset, DCTERMS.spatial, _typed(graph, country_uri(str(code), i), DCTERMS.Location)))
    for i, period in enumerate(_periods(descriptor.get("temporalCoverage"))):
        graph.add((dataset, DCTERMS.temporal, _period(graph, period, i)))
    graph.add((dataset, DCTERMS.accessRights, _typed(graph, URIRef(f"{EU}access-right/PUBLIC"),
                                                     DCTERMS.RightsStatement)))
    issued = portal.issued if portal else descriptor.get("created")
    modified = portal.modified if portal else None
    for predicate, value in ((DCTERMS.issued, issued), (DCTERMS.modified, modified)):
        if (literal := _date(value)) is not None:
            graph.add((dataset, predicate, literal))
    if portal is not None:
        graph.add((dataset, DCAT.landingPage, _typed(graph, URIRef(portal.landing_page), FOAF.Document)))
    if descriptor.get("homepage"):
        graph.add((dataset, FOAF.page, _typed(graph, URIRef(str(descriptor["homepage"])), FOAF.Document)))
    licences = [_typed(graph, licence_uri(lic, i), DCTERMS.LicenseDocument)
                for i, lic in enumerate(descriptor.get("licenses") or [])]
    for resource in (r for r in descriptor.get("resources", []) if isinstance(r, Mapping)):
        distribution = _distribution(graph, resource, base, licences, portal, profile)
        graph.add((dataset, DCAT.distribution, distribution))
    return graph


def serialise(graph: Graph, fmt: str = "ttl") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", auto_compact=True)
    return graph.serialize(format=FORMATS[fmt])


def record(descriptor_path: Path, *, profile: str = "dcat-ap-3", fmt: str = "ttl",
           portal: PortalRecord | None = None, version_notes: str | None = None) -> str:
    """The DCAT-AP record of the release at ``descriptor_path`` (a folder or its datapackage.json).

    Raises :class:`ValidationFailed` (with the report) when it violates the DCAT-AP 3 shapes.
    """
    return record_of(_load(descriptor_path), profile=profile, fmt=fmt, portal=portal,
                     version_notes=version_notes, where=str(descriptor_path))


def record_of(descriptor: Mapping[str, Any], *, profile: str = "dcat-ap-3", fmt: str = "ttl",
              portal: PortalRecord | None = None, version_notes: str | None = None,
              where: str = "datapackage.json") -> str:
    """:func:`record` of a descriptor already read."""
    graph = build_graph(descriptor, profile=profile, portal=portal, version_notes=version_notes)
    report = _report(where, check_graph(graph)[0])
    if not report.valid:
        raise ValidationFailed(f"the DCAT-AP record of {where} violates the DCAT-AP 3 shapes "
                               f"({len(report.findings)} violations); nothing was written", report)
    return serialise(graph, fmt)


def _load(path: Path) -> dict[str, Any]:
    descriptor_path = find_descriptor(path) if path.is_dir() else path
    try:
        descriptor = load_descriptor(descriptor_path)  # JSON or YAML, within untrusted.LIMITS
    except UnsafeInputError:
        raise
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SchemaError(f"cannot read the Data Package descriptor: {exc}", path=descriptor_path) from exc
    if not isinstance(descriptor, dict) or "name" not in descriptor:
        raise SchemaError("a Data Package descriptor needs a 'name'", path=descriptor_path)
    return descriptor


# --------------------------------------------------------------------------- SHACL


@dataclass(frozen=True)
class ShaclResult:
    severity: str
    """``Violation`` or ``Warning``."""
    focus: str
    path: str | None
    message: str
    shape: str


@cache
def _shapes(names: tuple[str, ...]) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def _results(data: Graph, shape_files: tuple[str, ...]) -> list[ShaclResult]:
    import pyshacl  # slow to import; only checks need it

    _, report, _ = pyshacl.validate(data, shacl_graph=_shapes(shape_files), inference="none",
                                    allow_warnings=True)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(node, SH.resultPath)
        results.append(ShaclResult(severity, str(report.value(node, SH.focusNode)),
                                   None if path is None else data.namespace_manager.normalizeUri(path),
                                   str(report.value(node, SH.resultMessage)),
                                   str(report.value(node, SH.sourceShape))))
    return sorted(results, key=lambda r: (r.severity, r.focus, r.path or "", r.message))


def check_graph(data: Graph) -> tuple[list[ShaclResult], list[ShaclResult]]:
    """(violations, warnings) of a DCAT-AP graph against the DCAT-AP 3.0.1 shapes."""
    violations = _results(data, _VIOLATION_SHAPES)
    warnings = [r for r in _results(data, _WARNING_SHAPES) if r.severity != "Violation"]
    return violations, warnings


def check(descriptor_path: Path, *, profile: str = "dcat-ap-3",
          portal: PortalRecord | None = None) -> Report:
    """The DCAT-AP record's SHACL violations as a validation report (warnings are not findings)."""
    try:
        graph = build_graph(_load(descriptor_path), profile=profile, portal=portal)
    except SchemaError as exc:
        return Report(str(descriptor_path), (_finding("dcat-metadata", str(exc), "", None),), ())
    return _report(str(descriptor_path), check_graph(graph)[0])


def _report(target: str, violations: list[ShaclResult]) -> Report:
    return Report(target, tuple(_finding("dcat-ap-shacl", f"DCAT-AP 3 shapes: {v.message}",
                                         f"focus node {v.focus}", v.path) for v in violations), ())


def _finding(kind: str, message: str, note: str, field_name: str | None) -> Finding:
    return Finding(resource=None, type=kind, row_number=None, field_name=field_name, field_number=None,
                   message=message, note=note, path="datapackage.json")


# --------------------------------------------------------------------------- the record on a portal


def portal_dcat(root: Path, portal: Portal, *, profile: str = "dcat-ap-3", fmt: str = "ttl") -> str:
    """The DCAT-AP record of the published release: portal URIs, download URLs and dates, the
    changelog as a distribution and its newest entry as ``adms:versionNotes``."""
    descriptor: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    dataset = portal.package_show(str(descriptor["name"]))
    if dataset is None:
        raise PortalError(f"{portal.url} has no dataset {descriptor['name']!r}: publish it first")
    record = portal_record(portal.url, dataset)
    return record_of(descriptor, profile=profile, fmt=fmt, portal=record,
                          version_notes=latest_entry(root), where=str(root))

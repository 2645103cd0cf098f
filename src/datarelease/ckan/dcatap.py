"""The DCAT-AP fields of a portal that runs ckanext-scheming with ckanext-dcat's DCAT-AP schema.

:func:`dcat_fields` fills them from the descriptor (codes become the EU vocabularies' URIs, from
:mod:`datarelease.dcat`, imported when used: rdflib is only needed for such a portal), and
:func:`dcat_back` reads them back into descriptor keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from datarelease.errors import SchemaError

if TYPE_CHECKING:
    from datarelease.ckan.portal import PortalSchema

# ckanext-dcat DCAT-AP fields that datarelease fills and maps back (:func:`dcat_fields`).
DCAT_DATASET_FIELDS = frozenset({"publisher", "contact", "theme", "language", "spatial_coverage",
                                  "temporal_coverage", "access_rights"})
DCAT_RESOURCE_FIELDS = frozenset({"license", "availability"})
ACCESS_RIGHTS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
AVAILABILITY_STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"


def _agent_field(agent: Any, key: str) -> list[dict[str, str]]:
    """A Data Package agent (title, path, email, type) as a scheming agent (name, uri, email, type)."""
    from datarelease import dcat

    if not isinstance(agent, Mapping):
        raise SchemaError("must be an object (title, path, email, type)", path="datapackage.json",
                          location=key)
    out = {"name": str(agent.get("title") or ""), "uri": str(agent.get("path") or ""),
           "email": str(agent.get("email") or "")}
    if agent.get("type"):
        out["type"] = str(dcat.publisher_type_uri(str(agent["type"]), key))
    return [{k: v for k, v in out.items() if v}]


def _contact_field(contact: Any) -> list[dict[str, str]]:
    if not isinstance(contact, Mapping):
        raise SchemaError("must be an object (title, email, path)", path="datapackage.json",
                          location="contactPoint")
    out = {"name": str(contact.get("title") or contact.get("email") or ""),
           "email": str(contact.get("email") or ""), "url": str(contact.get("path") or "")}
    return [{k: v for k, v in out.items() if v}]


def _temporal_field(coverage: Any) -> list[dict[str, str]]:
    periods = coverage if isinstance(coverage, list) else [coverage]
    out = []
    for i, period in enumerate(periods):
        if not isinstance(period, Mapping) or not (period.get("start") or period.get("end")):
            raise SchemaError("each period needs a start or an end date (YYYY-MM-DD)",
                              path="datapackage.json", location=f"temporalCoverage[{i}]")
        out.append({k: str(period[k]) for k in ("start", "end") if period.get(k)})
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# Descriptor key → (scheming field of ckanext-dcat's DCAT-AP schema, how to map the value).
_DCAT_FIELD_MAPPERS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "publisher": ("publisher", lambda v: _agent_field(v, "publisher")),
    "contactPoint": ("contact", _contact_field),
    "themes": ("theme", lambda v: [str(_dcat().theme_uri(str(c), i)) for i, c in enumerate(_list(v))]),
    "language": ("language", lambda v: [str(_dcat().language_uri(str(t), i))
                                        for i, t in enumerate(_list(v))]),
    "spatialCoverage": ("spatial_coverage", lambda v: [{"uri": str(_dcat().country_uri(str(c), i))}
                                                       for i, c in enumerate(_list(v))]),
    "temporalCoverage": ("temporal_coverage", _temporal_field),
}


def _dcat() -> Any:
    from datarelease import dcat  # rdflib: only needed for a portal with DCAT-AP fields

    return dcat


def dcat_fields(descriptor: Mapping[str, Any], schema: PortalSchema) -> tuple[dict[str, Any], set[str]]:
    """The DCAT-AP dataset fields of ``schema`` that the descriptor fills, and the descriptor keys
    they carry (those need no extra). Codes become the EU vocabularies' URIs."""
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, (name, mapper) in _DCAT_FIELD_MAPPERS.items():
        if name in schema.dataset_fields and descriptor.get(key):
            fields[name] = mapper(descriptor[key])
            used.add(key)
    if "access_rights" in schema.dataset_fields:
        fields["access_rights"] = ACCESS_RIGHTS_PUBLIC  # datarelease publishes open data
    return fields, used


def _last_segment(uri: Any) -> str:
    return str(uri).rstrip("/").rsplit("/", 1)[-1]


def _agent_back(agents: Any) -> dict[str, str] | None:
    agent = agents[0] if isinstance(agents, list) and agents and isinstance(agents[0], dict) else None
    if agent is None:
        return None
    out = {"title": agent.get("name"), "path": agent.get("uri") or agent.get("url"),
           "email": agent.get("email"),
           "type": _last_segment(agent["type"]) if agent.get("type") else None}
    return {k: str(v) for k, v in out.items() if v}


def _language_back(uri: Any) -> str:
    code = _last_segment(uri)
    return next((tag for tag, eu in _dcat().LANGUAGES.items() if eu == code), code)


def dcat_back(dataset: Mapping[str, Any]) -> dict[str, Any]:
    """The descriptor keys that :func:`dcat_fields` put into a scheming portal's DCAT-AP fields."""
    contact = _agent_back([{"name": c.get("name"), "email": c.get("email"), "url": c.get("url")}
                           for c in dataset.get("contact") or [] if isinstance(c, dict)])
    temporal = [{k: str(p[k]) for k in ("start", "end") if p.get(k)}
                for p in dataset.get("temporal_coverage") or [] if isinstance(p, dict)]
    out: dict[str, Any] = {
        "publisher": _agent_back(dataset.get("publisher")),
        "contactPoint": contact,
        "themes": [_last_segment(t) for t in dataset.get("theme") or []],
        "language": [_language_back(t) for t in dataset.get("language") or []],
        "spatialCoverage": [_last_segment(p["uri"]) for p in dataset.get("spatial_coverage") or []
                            if isinstance(p, dict) and p.get("uri")],
        "temporalCoverage": [p for p in temporal if p],
    }
    return {k: v for k, v in out.items() if v}


def dcat_resource_fields(descriptor: Mapping[str, Any], schema: PortalSchema) -> dict[str, Any]:
    """The DCAT-AP distribution fields every resource of the release shares: licence, availability."""
    fields: dict[str, Any] = {}
    licenses = descriptor.get("licenses") or []
    if "license" in schema.resource_fields and licenses:
        fields["license"] = str(_dcat().licence_uri(licenses[0]))
    if "availability" in schema.resource_fields:
        fields["availability"] = AVAILABILITY_STABLE
    return fields

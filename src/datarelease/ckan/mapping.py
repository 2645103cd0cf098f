"""The Data Package ⇄ CKAN dataset mapping, as pure functions.

:func:`dataset_from_package` and :func:`resource_fields` map a descriptor and its resources to
CKAN's fields (licences to the portal's ids, contributors to author and maintainer, keywords to
tags, every other key to extras); :func:`package_from_dataset` maps any CKAN dataset back to a
descriptor, including ones datarelease did not publish.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from datarelease.ckan.dcatap import DCAT_DATASET_FIELDS, DCAT_RESOURCE_FIELDS, dcat_back, dcat_fields
from datarelease.errors import SchemaError

if TYPE_CHECKING:
    from datarelease.ckan.portal import PortalSchema

# What publish puts between a Parquet resource's description and the link to its CSV twin.
TWIN_LINK = "\n\nCSV twin: "
HASH_ALGORITHM_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"  # what ckanext-dcat exports

# Data Package keys that have a CKAN field of their own; every other key goes to extras.
_MAPPED_PACKAGE_KEYS = frozenset({"name", "title", "description", "version", "keywords", "homepage",
                                  "licenses", "contributors", "resources"})
# Dataset keys that are CKAN's bookkeeping, not the publisher's metadata.
_CKAN_DATASET_INTERNALS = frozenset({
    "isopen", "num_tags", "num_resources", "state", "organization", "owner_org", "private", "type",
    "creator_user_id", "metadata_created", "metadata_modified", "groups", "revision_id",
    "relationships_as_subject", "relationships_as_object", "tracking_summary",
})
_CKAN_DATASET_MAPPED = frozenset({
    "notes", "url", "tags", "extras", "resources", "license_id", "license_title", "license_url",
    "author", "author_email", "maintainer", "maintainer_email",
})
_MAPPED_RESOURCE_KEYS = frozenset({"name", "title", "description", "path", "format", "mediatype",
                                   "bytes", "hash", "schema"})
_CKAN_RESOURCE_INTERNALS = frozenset({"position", "datastore_active", "state",
                                      "datastore_contains_all_records_of_source_file"})
# CKAN normalises some format names (ckan.lib.helpers.unified_resource_format); send them that way.
_CKAN_FORMATS = {"csv": "CSV", "json": "JSON", "parquet": "Parquet", "xlsx": "XLSX", "zip": "ZIP"}
# SPDX ids, as Data Packages name licences, to the ids of CKAN's default licence list.
_SPDX_TO_CKAN = {
    "cc-by-4.0": "cc-by", "cc-by-3.0": "cc-by", "cc-by-2.0": "cc-by",
    "cc-by-sa-4.0": "cc-by-sa", "cc-by-sa-3.0": "cc-by-sa", "cc0-1.0": "cc-zero",
    "odbl-1.0": "odc-odbl", "pddl-1.0": "odc-pddl", "odc-by-1.0": "odc-by",
    "cc-by-nc-4.0": "cc-nc", "cc-by-nc-2.0": "cc-nc", "ogl-uk-3.0": "uk-ogl",
    "gfdl-1.3-or-later": "gfdl", "gfdl-1.3-only": "gfdl",
}
_AUTHOR_ROLES = frozenset({"author", "creator"})
# Extras may not use a key of CKAN's dataset schema; such descriptor keys (e.g. Data Package v2's
# ``id``) are stored under this prefix.
_EXTRA_PREFIX = "datapackage_"
# (CKAN 2.11's default_create_package_schema; validator extra_key_not_in_root_schema).
_CKAN_ROOT_KEYS = frozenset({
    "id", "name", "title", "author", "author_email", "maintainer", "maintainer_email", "license_id",
    "notes", "url", "version", "state", "type", "owner_org", "private", "resources", "tags",
    "tag_string", "plugin_data", "extras", "save", "return_to", "relationships_as_object",
    "relationships_as_subject", "groups",
})


def _norm_url(url: Any) -> str:
    if not isinstance(url, str):
        return ""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()


def license_id_for(licenses: list[Mapping[str, Any]], portal_licenses: Sequence[Mapping[str, Any]], *,
                   where: str = "datapackage.json") -> str:
    """The portal's id for the first licence: by id, by SPDX alias, or by URL; '' for none.

    An unknown licence is an error in the descriptor, naming the portal's ids to choose from.
    """
    if not licenses:
        return ""
    first = licenses[0]
    ids = {str(lic["id"]).lower(): str(lic["id"]) for lic in portal_licenses}
    urls = {_norm_url(lic.get("url")): str(lic["id"]) for lic in portal_licenses if lic.get("url")}
    name = str(first.get("name") or "").lower()
    for candidate in (name, _SPDX_TO_CKAN.get(name, "")):
        if candidate in ids:
            return ids[candidate]
    if _norm_url(first.get("path")) in urls:
        return urls[_norm_url(first.get("path"))]
    label = first.get("name") or first.get("path") or first.get("title")
    raise SchemaError(f"licence {label!r} is not one the portal knows (by id, SPDX id or URL); "
                      f"use one of its licence ids: {', '.join(sorted(ids.values()))}",
                      path=where, location="licenses[0]")


def _roles(contributor: Mapping[str, Any]) -> set[str]:
    roles = contributor.get("roles")
    if isinstance(roles, list):
        return {str(r) for r in roles}
    role = contributor.get("role")  # Data Package v1
    return {str(role)} if role else set()


def _people(contributors: list[Mapping[str, Any]]) -> dict[str, Any]:
    """CKAN's author and maintainer: the first author/creator (or role-less) and first maintainer."""
    out: dict[str, Any] = {}
    author = next((c for c in contributors if _roles(c) & _AUTHOR_ROLES or not _roles(c)), None)
    maintainer = next((c for c in contributors if "maintainer" in _roles(c)), None)
    for field, person in (("author", author), ("maintainer", maintainer)):
        out[field] = person.get("title") if person else None
        out[f"{field}_email"] = person.get("email") if person else None
    return out


def _contributors_from_people(dataset: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for field in ("author", "maintainer"):
        if dataset.get(field):
            person = {"title": dataset[field], "email": dataset.get(f"{field}_email"), "roles": [field]}
            out.append({k: v for k, v in person.items() if v})
    return out


def _extra_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def unjsonify(value: Any) -> Any:
    """A JSON object or array written as a string back to data; any other value as it is."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            return value
        if isinstance(parsed, dict | list):
            return parsed
    return value


def dataset_from_package(descriptor: Mapping[str, Any], *, portal_licenses: Sequence[Mapping[str, Any]],
                         owner_org: str | None = None, schema: PortalSchema | None = None) -> dict[str, Any]:
    """The CKAN dataset fields for a Data Package descriptor (resources are mapped one by one).

    Licences and contributors go to CKAN's fields and, when those lose something, whole to extras;
    keywords become tags. On a portal with ckanext-dcat's DCAT-AP schema (``schema``), publisher,
    contact point, themes, languages, places and periods go to its fields. Every other descriptor
    key becomes an extra (JSON for non-strings).
    """
    licenses = list(descriptor.get("licenses") or [])
    contributors = list(descriptor.get("contributors") or [])
    dataset: dict[str, Any] = {
        "name": descriptor["name"],
        "title": descriptor.get("title") or descriptor["name"],
        "notes": descriptor.get("description") or "",
        "version": descriptor.get("version") or "",
        "url": descriptor.get("homepage") or "",
        "license_id": license_id_for(licenses, portal_licenses),
        "tags": [{"name": str(k)} for k in descriptor.get("keywords") or []],
        **_people(contributors),
    }
    used: set[str] = set()
    if schema is not None:
        fields, used = dcat_fields(descriptor, schema)
        dataset.update(fields)
        # DCAT-AP requires a description (the DCAT-AP schema makes notes required): as `dcat` does
        dataset["notes"] = dataset["notes"] or dataset["title"]
    extras = {k: v for k, v in descriptor.items() if k not in _MAPPED_PACKAGE_KEYS and k not in used}
    if licenses and licenses != [{"name": dataset["license_id"]}]:
        extras["licenses"] = licenses
    if contributors and contributors != _contributors_from_people(dataset):
        extras["contributors"] = contributors
    root_keys = _CKAN_ROOT_KEYS | (schema.dataset_fields if schema else frozenset())
    dataset["extras"] = [{"key": _EXTRA_PREFIX + k if k in root_keys else k, "value": _extra_value(v)}
                         for k, v in sorted(extras.items())]
    if owner_org:
        dataset["owner_org"] = owner_org
    return dataset


def resource_fields(resource: Mapping[str, Any], *, sha256: str, size: int,
                    schema: Mapping[str, Any] | None = None,
                    dcat: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The CKAN resource fields for one Data Package resource whose file has ``sha256`` and ``size``.

    ``datarelease_*`` fields are ours (other tools rewrite ``hash``: the DataStore loaders put
    an MD5 there); ``hash`` with ``hash_algorithm`` is for ckanext-dcat's checksum export.
    """
    fmt = str(resource.get("format") or "")
    fields: dict[str, Any] = {
        "name": resource.get("title") or resource["name"],
        "description": resource.get("description") or "",
        "format": _CKAN_FORMATS.get(fmt.lower(), fmt.upper()),
        "mimetype": resource.get("mediatype") or "",
        "hash": sha256,
        "hash_algorithm": HASH_ALGORITHM_SHA256,
        "datarelease_name": resource["name"],
        "datarelease_sha256": sha256,
        "datarelease_bytes": size,
    }
    if schema is not None:
        fields["schema"] = json.dumps(schema, ensure_ascii=False)
    fields.update(dcat or {})
    for key, value in resource.items():
        if key not in _MAPPED_RESOURCE_KEYS and key not in fields:
            fields[key] = value
    return fields


def _slug(name: str) -> str:
    """A Data Package resource name: lower case ASCII letters, digits and . _ - (accents dropped)."""
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in plain)
    return "-".join(part for part in slug.split("-") if part) or "resource"


def _resource_to_package(resource: Mapping[str, Any]) -> dict[str, Any]:
    ours = bool(resource.get("datarelease_name"))
    out: dict[str, Any] = {}
    for key, value in resource.items():
        if (key in _CKAN_RESOURCE_INTERNALS or key.startswith("datarelease_") or value is None
                or (ours and key in DCAT_RESOURCE_FIELDS)):
            continue
        if key in ("url", "size", "mimetype", "hash", "hash_algorithm"):
            continue
        out[key] = unjsonify(value)
    if ours and isinstance(out.get("description"), str):  # publish adds the link to a CSV twin
        out["description"] = out["description"].split(TWIN_LINK, 1)[0]
    out["name"] = resource["datarelease_name"] if ours else _slug(str(resource.get("name") or ""))
    if ours and resource.get("name"):
        out["title"] = resource["name"]
        out["format"] = str(resource.get("format") or "").lower()
    if resource.get("url"):
        out["path"] = resource["url"]
    size = resource.get("datarelease_bytes") if ours else resource.get("size")
    if size is not None:
        out["bytes"] = int(size)
    if resource.get("mimetype"):
        out["mediatype"] = resource["mimetype"]
    digest = _resource_hash(resource)
    if digest:
        out["hash"] = digest
    return {k: v for k, v in out.items() if v is not None}


def _resource_hash(resource: Mapping[str, Any]) -> str | None:
    if resource.get("datarelease_sha256"):
        return f"sha256:{resource['datarelease_sha256']}"
    digest = str(resource.get("hash") or "")
    algorithm = str(resource.get("hash_algorithm") or "").lower()
    if not digest:
        return None
    if algorithm:
        name = algorithm.rsplit("_", 1)[-1].rsplit("#", 1)[-1].replace("-", "")
        return f"{name}:{digest}"
    return digest  # Data Package: a hash without prefix is MD5


def _unprefixed(key: str) -> str:
    """An extra's descriptor key: prefixed when it clashed with a field of CKAN's or of the
    portal's schema (which one is not known here, so every prefixed key is restored)."""
    return key.removeprefix(_EXTRA_PREFIX)


def _licenses(dataset: Mapping[str, Any], from_extras: Any) -> list[dict[str, Any]]:
    """CKAN's licence first (someone may have changed it there), then the rest kept in extras."""
    rest = [dict(lic) for lic in from_extras] if isinstance(from_extras, list) else []
    license_id = str(dataset.get("license_id") or "")
    if not license_id:
        return rest
    if rest and _same_license(rest[0], license_id, dataset.get("license_url")):
        return rest
    first = {"name": license_id, "title": dataset.get("license_title"), "path": dataset.get("license_url")}
    return [first, *rest[1:]]


def _same_license(licence: Mapping[str, Any], license_id: str, license_url: Any) -> bool:
    name = str(licence.get("name") or "").lower()
    return (name == license_id.lower() or _SPDX_TO_CKAN.get(name) == license_id
            or (bool(license_url) and _norm_url(licence.get("path")) == _norm_url(license_url)))


def package_from_dataset(dataset: Mapping[str, Any]) -> dict[str, Any]:
    """A Data Package descriptor for a CKAN dataset, including ones datarelease did not publish.

    Extras come back as top-level keys (JSON objects and arrays decoded); CKAN's bookkeeping is
    dropped; resources map ``url``→``path``, ``size``→``bytes``, ``mimetype``→``mediatype``.
    Deleted resources are left out.
    """
    extras = {str(e["key"]): unjsonify(e.get("value")) for e in dataset.get("extras") or []}
    restored = {_unprefixed(k): extras.pop(k) for k in list(extras) if _unprefixed(k) != k}
    out: dict[str, Any] = {}
    for key, value in dataset.items():
        if key not in _CKAN_DATASET_INTERNALS | _CKAN_DATASET_MAPPED | DCAT_DATASET_FIELDS:
            out[key] = value
    out["description"] = dataset.get("notes")
    out["homepage"] = dataset.get("url")
    tags = [str(t["name"]) for t in dataset.get("tags") or []]
    if tags:
        out["keywords"] = tags
    licenses = _licenses(dataset, extras.pop("licenses", None))
    if licenses:
        out["licenses"] = [{k: v for k, v in lic.items() if v is not None} for lic in licenses]
    contributors = (dataset.get("contributors") or extras.pop("contributors", None)
                    or _contributors_from_people(dataset))
    if contributors:
        out["contributors"] = contributors
    out.update({k: v for k, v in extras.items() if k not in out})
    out.update({k: v for k, v in dcat_back(dataset).items() if k not in out})
    out.update(restored)  # the descriptor's own id etc. over CKAN's
    resources = [r for r in dataset.get("resources") or [] if r.get("state", "active") == "active"]
    if resources:
        out["resources"] = [_resource_to_package(r) for r in resources]
    return {k: v for k, v in out.items() if v is not None and v != ""}

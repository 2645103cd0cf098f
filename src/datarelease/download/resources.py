"""The portal's resources: the active ones, the one holding ``datapackage.json``, and the one
for each resource of the descriptor."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from datarelease.download.result import DESCRIPTOR_NAME
from datarelease.errors import PortalError, VerificationError


def active_resources(dataset: Mapping[str, Any]) -> list[dict[str, Any]]:
    resources = dataset.get("resources") or []
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise PortalError(f"dataset {str(dataset.get('name'))[:100]!r}: the portal's answer is not "
                          "a CKAN dataset (its resources are not a list of objects)")
    return [r for r in resources if r.get("state", "active") == "active"]


def url_name(resource: Mapping[str, Any]) -> str:
    return unquote(PurePosixPath(urlsplit(str(resource.get("url") or "")).path).name)


def descriptor_resource(dataset: Mapping[str, Any]) -> dict[str, Any] | None:
    """The resource holding ``datapackage.json``: publish names it so, else one whose URL ends so."""
    resources = active_resources(dataset)
    for test in (lambda r: r.get("datarelease_name") == DESCRIPTOR_NAME,
                 lambda r: r.get("name") == DESCRIPTOR_NAME,
                 lambda r: url_name(r) == DESCRIPTOR_NAME):
        found = [r for r in resources if test(r)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise VerificationError(f"dataset {dataset.get('name')}: {len(found)} resources claim "
                                    f"to be {DESCRIPTOR_NAME}; cannot tell which is the release")
    return None


def portal_resource(resources: list[dict[str, Any]], name: str, path: str) -> dict[str, Any] | None:
    """The CKAN resource for a descriptor resource: by datarelease's name, CKAN name, file name."""
    basename = PurePosixPath(path).name
    for test in (lambda r: r.get("datarelease_name") == name,
                 lambda r: not r.get("datarelease_name") and r.get("name") == name,
                 lambda r: not r.get("datarelease_name") and url_name(r) == basename):
        found = [r for r in resources if test(r)]
        if len(found) == 1:
            return found[0]
    return None

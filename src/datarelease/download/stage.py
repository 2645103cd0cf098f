"""Staging a release published with its ``datapackage.json``: the descriptor and every file it
lists downloaded into the staging folder, Table Schemas from the portal's copies, every mismatch
collected."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease.download.checks import declared_hash, differences, remote_references, safe_path
from datarelease.download.fetch import Fetcher
from datarelease.download.resources import active_resources, portal_resource
from datarelease.download.result import (
    DESCRIPTOR_NAME,
    RECORDED,
    SCHEMA_FROM_PORTAL,
    VERIFIED,
    DownloadedFile,
)
from datarelease.errors import VerificationError

_MAX_METADATA_BYTES = 64 << 20  # a descriptor or schema is JSON held in memory: cap what we accept


@dataclass
class Staged:
    files: list[DownloadedFile]
    notes: list[str]
    mismatches: list[str]
    verified: bool


def stage_release(dataset: Mapping[str, Any], entry: Mapping[str, Any], fetcher: Fetcher,
                   staging: Path) -> Staged:
    """Download the descriptor and everything it lists into ``staging``; collect every mismatch."""
    staged = Staged([], [], [], verified=True)
    descriptor_file = _fetch_descriptor(entry, fetcher, staging, staged)
    descriptor = read_descriptor(descriptor_file)
    remote = remote_references(descriptor)
    if remote:
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal refers to URLs that validating "
                                "it would fetch, or to custom profiles; a download never fetches "
                                "what the descriptor points to elsewhere: " + "; ".join(remote))
    resources = active_resources(dataset)
    seen: set[str] = set()
    listed: set[Any] = set()  # ids of the portal's resources the descriptor lists
    schemas: dict[str, list[dict[str, Any]]] = {}
    for index, resource in enumerate(descriptor["resources"]):
        name = str(resource.get("name") or f"#{index}")
        what = f"resource '{name}'"
        path = safe_path(resource.get("path"), what)
        if path in seen:
            raise VerificationError(f"{what} ({path}): two resources of {DESCRIPTOR_NAME} share "
                                    "this path")
        seen.add(path)
        on_portal = portal_resource(resources, name, path)
        if on_portal is None:
            staged.mismatches.append(f"{what} ({path}): the dataset on the portal has no resource "
                                     "for it")
            continue
        listed.add(on_portal.get("id"))
        _fetch_listed(resource, on_portal, name, path, fetcher, staging, staged)
        if isinstance(resource.get("schema"), str):
            schema_path = safe_path(resource["schema"], f"{what}, schema")
            schemas.setdefault(schema_path, []).append(on_portal)
    for schema_path, holders in schemas.items():
        if schema_path not in seen:
            _stage_schema(schema_path, holders, resources, fetcher, staging, staged)
    others = [str(r.get("name") or r.get("id")) for r in resources
              if r.get("id") not in listed and r.get("id") != entry.get("id")]
    if others:
        staged.notes.append(f"not in {DESCRIPTOR_NAME}, so not downloaded: {', '.join(others)}")
    return staged


def _fetch_descriptor(entry: Mapping[str, Any], fetcher: Fetcher, staging: Path,
                      staged: Staged) -> Path:
    dest = staging / DESCRIPTOR_NAME
    fetched = fetcher.fetch(str(entry.get("url") or ""), dest, label=DESCRIPTOR_NAME,
                            limit=_MAX_METADATA_BYTES)
    expected_sha = entry.get("datarelease_sha256")
    if expected_sha and fetched.digests["sha256"] != expected_sha:
        staged.mismatches.append(f"{DESCRIPTOR_NAME}: sha256 {fetched.digests['sha256']}, the "
                                 f"portal's resource says {expected_sha}")
    check = VERIFIED if expected_sha else RECORDED
    staged.files.append(DownloadedFile(DESCRIPTOR_NAME, None, fetched.bytes,
                                       fetched.digests["sha256"], check))
    return dest


def read_descriptor(path: Path) -> dict[str, Any]:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal is not JSON: {exc}") from None
    except RecursionError:
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal is nested too deeply to be a "
                                "Data Package descriptor") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal is not a Data Package descriptor "
                                "(a JSON object with a 'resources' list)")
    for key in ("$schema", "profile"):
        if key in descriptor and not isinstance(descriptor[key], str):
            raise VerificationError(f"{DESCRIPTOR_NAME} on the portal: '{key}' must be a text "
                                    f"(a profile name or URL), got {type(descriptor[key]).__name__}")
    if not all(isinstance(r, dict) for r in descriptor["resources"]):
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal: every resource must be an object")
    return descriptor


def _fetch_listed(resource: Mapping[str, Any], on_portal: Mapping[str, Any], name: str, path: str,
                  fetcher: Fetcher, staging: Path, staged: Staged) -> None:
    what = f"resource '{name}' ({path})"
    size = resource.get("bytes")
    declared = declared_hash(resource, what)
    algorithms = (declared[0],) if declared else ()
    limit = size if isinstance(size, int) else None
    try:
        fetched = fetcher.fetch(str(on_portal.get("url") or ""), staging / path, label=what,
                                limit=limit, algorithms=algorithms)
    except VerificationError as exc:
        staged.mismatches.append(str(exc))
        return
    differ = differences(fetched, size, declared)
    if differ:
        staged.mismatches.append(f"{what}: {'; '.join(differ)}")
    verifiable = isinstance(size, int) and declared is not None
    if not verifiable:
        staged.verified = False
        staged.notes.append(f"{what}: the descriptor gives no bytes and hash, so it cannot be "
                            "verified; its sha256 is recorded below")
    staged.files.append(DownloadedFile(path, name, fetched.bytes, fetched.digests["sha256"],
                                       VERIFIED if verifiable else RECORDED))


def _stage_schema(schema_path: str, holders: list[dict[str, Any]], resources: list[dict[str, Any]],
                  fetcher: Fetcher, staging: Path, staged: Staged) -> None:
    """A Table Schema referenced by path: a file on the portal if there is one, else the copy that
    publish keeps in the data resources' ``schema`` field, written to that path."""
    what = f"schema {schema_path}"
    as_file = portal_resource(resources, schema_path, schema_path)
    if as_file is not None:
        fetched = fetcher.fetch(str(as_file.get("url") or ""), staging / schema_path, label=what,
                                limit=_MAX_METADATA_BYTES)
        staged.files.append(DownloadedFile(schema_path, None, fetched.bytes, fetched.digests["sha256"],
                                           RECORDED))
        return
    copies = [c for c in (_schema_field(r, what) for r in holders) if c is not None]
    if not copies or any(c != copies[0] for c in copies):
        problem = "no resource carries it" if not copies else "the resources using it carry different copies"
        staged.mismatches.append(f"{what}: not on the portal as a file, and {problem}")
        return
    text = json.dumps(copies[0], indent=2, ensure_ascii=False) + "\n"  # as package writes schemas
    dest = staging / schema_path
    dest.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    dest.write_bytes(data)
    staged.files.append(DownloadedFile(schema_path, None, len(data), hashlib.sha256(data).hexdigest(),
                                       SCHEMA_FROM_PORTAL))


def _schema_field(resource: Mapping[str, Any], what: str) -> Any:
    value = resource.get("schema")
    if isinstance(value, str) and value:
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            raise VerificationError(f"{what}: the portal's copy is not JSON") from None
    return value if isinstance(value, dict) else None

"""Checks of a downloaded descriptor: paths that stay inside the folder, nothing that validating
it would fetch, declared hashes, and how a fetched file differs from what the descriptor says."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from datarelease import package
from datarelease.download.fetch import Fetched
from datarelease.download.result import DESCRIPTOR_NAME, STAGING_PREFIX
from datarelease.errors import VerificationError


def safe_path(path: Any, what: str) -> str:
    """A descriptor path that stays inside the target folder, as a normalised POSIX string.

    Absolute paths, ``..``, backslashes, drive letters and URLs are refused: a hostile descriptor
    must not write outside the folder it is downloaded into.
    """
    if not isinstance(path, str) or not path.strip():
        raise VerificationError(f"{what}: the path must be a relative file path, got {path!r}")
    parts = PurePosixPath(path).parts
    if ("\\" in path or path.startswith("/") or ":" in path or ".." in parts
            or not parts or parts == (".",)):
        raise VerificationError(f"{what}: refusing path {path!r}: a release's files must stay "
                                "inside the download folder (no absolute paths, '..', URLs or "
                                "drive letters)")
    normal = PurePosixPath(*[p for p in parts if p != "."]).as_posix()
    if normal == DESCRIPTOR_NAME or normal.split("/")[0].startswith(STAGING_PREFIX):
        raise VerificationError(f"{what}: refusing path {path!r}: it would overwrite "
                                f"{DESCRIPTOR_NAME} or the download's staging folder")
    return normal


# Profiles frictionless knows by heart (it fetches any other profile URL to validate against it).
_KNOWN_PROFILES = frozenset({
    "data-package", "tabular-data-package", "data-resource", "tabular-data-resource",
    package.PROFILE, "https://datapackage.org/profiles/2.0/dataresource.json",
    "https://datapackage.org/profiles/1.0/datapackage.json",
    "https://datapackage.org/profiles/1.0/dataresource.json",
})


def _is_remote(value: Any) -> bool:
    return isinstance(value, str) and ("://" in value or value.startswith("//"))


def remote_references(descriptor: Mapping[str, Any]) -> list[str]:
    """What in a downloaded descriptor would make validation fetch a URL, or read a custom
    profile (remote or a local path: neither is part of the download). Never done."""
    found = [f"package {key} {descriptor[key]!r}" for key in ("profile", "$schema")
             if descriptor.get(key) not in (None, *_KNOWN_PROFILES)]
    for index, resource in enumerate(descriptor.get("resources") or []):
        name = resource.get("name", f"#{index}") if isinstance(resource, dict) else f"#{index}"
        for key in ("schema", "dialect", "profile", "$schema"):
            value = resource.get(key) if isinstance(resource, dict) else None
            custom_profile = key in ("profile", "$schema") and value not in (None, *_KNOWN_PROFILES)
            if custom_profile or (_is_remote(value) and value not in _KNOWN_PROFILES):
                found.append(f"resource '{name}' {key} {value!r}")
    return found


def declared_hash(resource: Mapping[str, Any], what: str) -> tuple[str, str] | None:
    """(algorithm, hex) from a Data Package ``hash``; a bare hex digest is MD5 (the spec's default)."""
    value = resource.get("hash")
    if value in (None, ""):
        return None
    text = str(value)
    algorithm, _, digest = text.rpartition(":")
    algorithm = algorithm.lower() or "md5"
    if algorithm not in hashlib.algorithms_guaranteed:
        raise VerificationError(f"{what}: unsupported hash algorithm {algorithm!r} in {text!r}")
    return algorithm, digest.lower()


def differences(fetched: Fetched, size: Any, declared: tuple[str, str] | None) -> list[str]:
    out = []
    if isinstance(size, int) and fetched.bytes != size:
        out.append(f"{fetched.bytes} bytes, the descriptor says {size}")
    if declared is not None and fetched.digests[declared[0]] != declared[1]:
        out.append(f"{declared[0]} {fetched.digests[declared[0]]}, the descriptor says {declared[1]}")
    return out

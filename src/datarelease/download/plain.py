"""Staging a dataset without ``datapackage.json``: a descriptor mapped from CKAN's metadata, files
checked against CKAN's size where it gives one, their sha256 and bytes recorded."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from datarelease import package
from datarelease.ckan import package_from_dataset
from datarelease.download.checks import differences, safe_path
from datarelease.download.fetch import Fetcher
from datarelease.download.resources import active_resources, url_name
from datarelease.download.result import (
    DESCRIPTOR_NAME,
    MAPPED,
    RECORDED,
    SIZE_CHECKED,
    VERIFIED,
    DownloadedFile,
)
from datarelease.download.stage import Staged


def stage_plain(dataset: Mapping[str, Any], fetcher: Fetcher, staging: Path) -> Staged:
    """A dataset without ``datapackage.json``: map CKAN's metadata, fetch the files, record hashes."""
    staged = Staged([], [f"dataset {dataset.get('name')} has no {DESCRIPTOR_NAME} on the portal: "
                          "the descriptor was mapped from CKAN's metadata, files were checked "
                          "against CKAN's size where it gives one, and their sha256 is recorded"],
                     [], verified=False)
    descriptor = package_from_dataset(dataset)
    descriptor.setdefault("$schema", package.PROFILE)
    mapped = []
    names: set[str] = set()
    paths: set[str] = set()
    for resource, on_portal in zip(descriptor.get("resources") or [], active_resources(dataset), strict=True):
        if not on_portal.get("url"):
            staged.notes.append(f"resource '{resource.get('name')}' has no URL and was left out")
            continue
        mapped.append(_fetch_plain(resource, on_portal, fetcher, staging, staged, names, paths))
    descriptor["resources"] = mapped
    data = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    (staging / DESCRIPTOR_NAME).write_bytes(data)
    staged.files.insert(0, DownloadedFile(DESCRIPTOR_NAME, None, len(data),
                                          hashlib.sha256(data).hexdigest(), MAPPED))
    return staged


def _unique(candidate: str, taken: set[str], suffix: Callable[[int], str]) -> str:
    out, n = candidate, 1
    while out in taken:
        n += 1
        out = suffix(n)
    taken.add(out)
    return out


def _fetch_plain(resource: dict[str, Any], on_portal: Mapping[str, Any], fetcher: Fetcher,
                 staging: Path, staged: Staged, names: set[str], paths: set[str]) -> dict[str, Any]:
    name = _unique(str(resource["name"]), names, lambda n: f"{resource['name']}-{n}")
    base = _plain_filename(on_portal, name)
    stem, dot, ext = base.rpartition(".")
    path = _unique(f"data/{base}", paths,
                   lambda n: f"data/{stem}-{n}{dot}{ext}" if dot else f"data/{base}-{n}")
    path = safe_path(path, f"resource '{name}'")  # the file name came from the portal
    what = f"resource '{name}' ({path})"
    size = resource.get("bytes")
    ours = on_portal.get("datarelease_sha256")  # published by datarelease, descriptor missing
    fetched = fetcher.fetch(str(on_portal["url"]), staging / path, label=what,
                            limit=size if isinstance(size, int) else None)
    differ = differences(fetched, size, ("sha256", str(ours)) if ours else None)
    if differ:
        staged.mismatches.append(f"{what}: {'; '.join(differ).replace('the descriptor', 'CKAN')}")
    check = VERIFIED if ours else SIZE_CHECKED if isinstance(size, int) else RECORDED
    staged.files.append(DownloadedFile(path, name, fetched.bytes, fetched.digests["sha256"], check))
    fmt = str(resource.get("format") or PurePosixPath(path).suffix.lstrip(".")).lower()
    out = {k: v for k, v in resource.items() if k not in ("hash", "bytes", "path", "format")}
    out.update({"name": name, "path": path, "bytes": fetched.bytes,
                "hash": f"sha256:{fetched.digests['sha256']}"})
    if fmt:
        out["format"] = fmt
    if fmt in ("csv", "tsv"):
        out["type"] = "table"
    return out


def _plain_filename(resource: Mapping[str, Any], name: str) -> str:
    """A safe file name for a plain resource: its URL's last segment, else its name."""
    for candidate in (url_name(resource), name):
        safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in candidate).strip(".-")
        if safe:
            return safe
    return "resource"

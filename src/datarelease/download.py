"""The consumer side: fetch a published release from CKAN, verify it, re-validate it, load it.

:func:`download` reads the dataset with ``package_show``, finds its ``datapackage.json`` resource
and downloads the descriptor and every file it lists into a hidden staging folder inside the
target folder, streaming each file to disk and hashing it while it is written. Each file's
``bytes`` and ``hash`` are compared with the descriptor; Table Schemas referenced by path are
written from the copies publish keeps on the data resources. Only when every file verifies *and*
the staged release validates (frictionless plus the Parquet-vs-CSV check) are the files moved into
place, the descriptor last. Any mismatch raises :class:`VerificationError` naming every file that
differs; an invalid release raises :class:`ValidationFailed` with the report. Either way the
target folder is left as it was.

Consistency: the descriptor is the reference for every file, so a download that overlaps a
publish sees files that do not match it and fails; it never mixes tables of two releases. When
that happens and the dataset's ``metadata_modified`` moved while downloading, the download starts
again (a few times) before giving up.

Earlier versions: ``version="1.4.0"`` downloads the frozen dataset ``<name>-v1-4-0`` that
``datarelease release`` publishes for each version (:func:`datarelease.ckan.version_dataset_name`),
checks that its descriptor is that version and gives it back the release's own name and title
(:func:`datarelease.ckan.released_descriptor`), so the folder holds the release as it was built.

A dataset that datarelease did not publish (no ``datapackage.json`` resource) gets a descriptor
mapped from its CKAN metadata (:func:`datarelease.ckan.package_from_dataset`); its files are
checked against CKAN's ``size`` where CKAN has one, and their sha256 and bytes are recorded.

:func:`load` reads a downloaded or local release as typed pandas DataFrames.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import requests

from datarelease import __version__, package, tableschema, validate
from datarelease.ckan import (
    Portal,
    iter_body,
    package_from_dataset,
    released_descriptor,
)
from datarelease.errors import (
    DataReleaseError,
    NotAuthorizedError,
    PortalError,
    PortalUnavailable,
    SchemaError,
    ValidationFailed,
    VerificationError,
)
from datarelease.progress import Callback
from datarelease.versions import version_dataset_name

__all__ = [
    "DownloadResult", "DownloadedFile", "download", "load", "parse_dataset_url", "render",
]

DESCRIPTOR_NAME = "datapackage.json"

_CHUNK = 1 << 16
_MAX_METADATA_BYTES = 64 << 20  # a descriptor or schema is JSON held in memory: cap what we accept
DEFAULT_DEADLINE = 3600.0  # seconds for a whole download, however the portal behaves
DEFAULT_MAX_FILE_BYTES = 4 << 30  # a file whose descriptor gives no bytes may be at most this big
_ATTEMPTS = 3  # downloads that overlap a publish start again this often
_FETCH_RETRIES = 2
_STAGING_PREFIX = ".datarelease-download-"

# How a file's check went, as printed by the CLI.
VERIFIED = "verified"
SIZE_CHECKED = "size matches CKAN, sha256 recorded"
RECORDED = "not verifiable: sha256 recorded"
SCHEMA_FROM_PORTAL = "schema from the portal's resource metadata"
MAPPED = "mapped from CKAN's metadata"


@dataclass(frozen=True)
class DownloadedFile:
    """One file written into the target folder."""

    path: str
    """Relative to the target folder, POSIX separators."""
    resource: str | None
    """The descriptor's resource name; None for the descriptor and schemas."""
    bytes: int
    sha256: str
    check: str
    """What the file was checked against: ``VERIFIED`` (bytes and hash in the descriptor or in
    datarelease's CKAN fields), ``SIZE_CHECKED``, ``RECORDED``, ``SCHEMA_FROM_PORTAL`` or ``MAPPED``
    (a descriptor written here)."""


@dataclass(frozen=True)
class DownloadResult:
    descriptor: Path
    files: tuple[DownloadedFile, ...]
    verified: bool
    """True when the release had a descriptor on the portal and every data file matched it."""
    report: validate.Report
    """The re-validation of the downloaded release (always valid: invalid ones raise)."""
    notes: tuple[str, ...]
    """What could not be verified, and why."""


# --------------------------------------------------------------------------- where the dataset is


def parse_dataset_url(url: str) -> tuple[str, str, str | None]:
    """``https://host[/prefix]/dataset/<name>[@<version>][/...]`` → (portal URL, dataset name,
    version or None)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    if parts.scheme in ("http", "https") and "dataset" in segments:
        at = segments.index("dataset")
        name = unquote(segments[at + 1]) if at + 1 < len(segments) else ""
        if name:
            return (f"{parts.scheme}://{parts.netloc}{'/'.join(segments[:at])}",
                    *_split_version(name))
    raise DataReleaseError(f"{url!r} is not a dataset page URL (https://host/dataset/<name>); "
                           "give the portal URL and the dataset name instead")


def _split_version(dataset: str) -> tuple[str, str | None]:
    """``<name>@<version>`` → (name, version); a plain name has no version (CKAN names have no @)."""
    name, at, version = dataset.partition("@")
    if at and not (name and version):
        raise DataReleaseError(f"{dataset!r}: expected NAME@VERSION, e.g. roads@1.4.0")
    return name, version if at else None


def _locate(target: str, dataset: str | None, version: str | None) -> tuple[str, str, str | None]:
    url, name, given = (target, *_split_version(dataset)) if dataset else parse_dataset_url(target)
    if version and given and version != given:
        raise DataReleaseError(f"two versions asked for: {given} (in {dataset or target}) and {version}")
    return url, name, version or given


# --------------------------------------------------------------------------- fetching one file


@dataclass(frozen=True)
class _Fetched:
    bytes: int
    digests: dict[str, str]  # algorithm → hex; always has sha256


class _Fetcher:
    """Streams URLs to files, hashing while writing; sends the token to the portal's host only."""

    def __init__(self, session: requests.Session, portal_url: str, token: str | None,
                 timeout: float, progress: Callback | None, *, deadline: float | None = None,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
        self._session = session
        self._origin = _origin(portal_url)
        self._token = token or None
        self._timeout = timeout
        self._progress = progress
        self.deadline = deadline
        self.max_file_bytes = max_file_bytes

    def _request_timeout(self, label: str) -> float:
        if self.deadline is None:
            return self._timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PortalUnavailable(f"{label}: not finished within the time allowed (--timeout)")
        return min(self._timeout, left)

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": f"datarelease/{__version__}"}
        # a resource URL may point anywhere; the token is for the portal alone
        if self._token and _origin(url) == self._origin:
            headers["Authorization"] = self._token
        return headers

    def fetch(self, url: str, dest: Path, *, label: str, limit: int | None,
              algorithms: tuple[str, ...] = ()) -> _Fetched:
        """Write ``url`` to ``dest``; stop reading past ``limit`` bytes (more cannot verify), or
        past :attr:`max_file_bytes` when the size is not known. A connection that breaks or ends
        early is retried, then :class:`PortalUnavailable` (exit 4)."""
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise VerificationError(f"{label}: refusing to fetch {url!r}: only http:// and "
                                    "https:// URLs are downloaded")
        dest.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(_FETCH_RETRIES + 1):
            try:
                with self._session.get(url, headers=self._headers(url), stream=True,
                                       timeout=self._request_timeout(label)) as response:
                    self._check_status(response, url, label)
                    return self._write(response, dest, label, limit, algorithms)
            except requests.RequestException as exc:
                if attempt == _FETCH_RETRIES or not isinstance(exc, requests.ConnectionError
                                                               | requests.Timeout):
                    what = ("the connection broke or ended before the whole file arrived"
                            if isinstance(exc, requests.ConnectionError) else type(exc).__name__)
                    raise PortalUnavailable(f"{label}: cannot download {url} ({what}; "
                                            f"{attempt + 1} attempts)") from None
            except PortalUnavailable:  # a 5xx answer: worth another try
                if attempt == _FETCH_RETRIES:
                    raise
            time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _check_status(self, response: requests.Response, url: str, label: str) -> None:
        status = response.status_code
        if status == 200:
            return
        if status in (401, 403):
            hint = ("" if self._token else
                    " (a private dataset's files need a token: set CKAN_API_TOKEN or pass --api-token)")
            raise NotAuthorizedError(f"{label}: the portal refused to send {url} (HTTP {status}){hint}")
        if status == 404:
            raise VerificationError(f"{label}: the portal has no file at {url} (HTTP 404)")
        if status >= 500:
            raise PortalUnavailable(f"{label}: downloading {url} failed with HTTP {status}")
        raise PortalError(f"{label}: downloading {url} failed with HTTP {status}")

    def _write(self, response: requests.Response, dest: Path, label: str, limit: int | None,
               algorithms: tuple[str, ...]) -> _Fetched:
        hashers = {name: hashlib.new(name) for name in {"sha256", *algorithms}}
        size = 0
        cap = limit if limit is not None else self.max_file_bytes
        with dest.open("wb") as out:
            for chunk in iter_body(response, deadline=self.deadline, what=label, chunk=_CHUNK):
                size += len(chunk)
                if size > cap:
                    expected = (f"the {limit} bytes expected" if limit is not None else
                                f"{cap} bytes, the most accepted for a file whose size the "
                                "descriptor does not give (--max-file-bytes)")
                    raise VerificationError(f"{label}: the portal sent more than {expected}")
                out.write(chunk)
                for hasher in hashers.values():
                    hasher.update(chunk)
                if self._progress is not None:
                    self._progress(label, size, limit)
        return _Fetched(size, {name: h.hexdigest() for name, h in hashers.items()})


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


# --------------------------------------------------------------------------- descriptor checks


def _safe_path(path: Any, what: str) -> str:
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
    if normal == DESCRIPTOR_NAME or normal.split("/")[0].startswith(_STAGING_PREFIX):
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


def _remote_references(descriptor: Mapping[str, Any]) -> list[str]:
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


def _declared_hash(resource: Mapping[str, Any], what: str) -> tuple[str, str] | None:
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


def _differences(fetched: _Fetched, size: Any, declared: tuple[str, str] | None) -> list[str]:
    out = []
    if isinstance(size, int) and fetched.bytes != size:
        out.append(f"{fetched.bytes} bytes, the descriptor says {size}")
    if declared is not None and fetched.digests[declared[0]] != declared[1]:
        out.append(f"{declared[0]} {fetched.digests[declared[0]]}, the descriptor says {declared[1]}")
    return out


# --------------------------------------------------------------------------- the portal's resources


def _active(dataset: Mapping[str, Any]) -> list[dict[str, Any]]:
    resources = dataset.get("resources") or []
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise PortalError(f"dataset {str(dataset.get('name'))[:100]!r}: the portal's answer is not "
                          "a CKAN dataset (its resources are not a list of objects)")
    return [r for r in resources if r.get("state", "active") == "active"]


def _url_name(resource: Mapping[str, Any]) -> str:
    return unquote(PurePosixPath(urlsplit(str(resource.get("url") or "")).path).name)


def _descriptor_resource(dataset: Mapping[str, Any]) -> dict[str, Any] | None:
    """The resource holding ``datapackage.json``: publish names it so, else one whose URL ends so."""
    resources = _active(dataset)
    for test in (lambda r: r.get("datarelease_name") == DESCRIPTOR_NAME,
                 lambda r: r.get("name") == DESCRIPTOR_NAME,
                 lambda r: _url_name(r) == DESCRIPTOR_NAME):
        found = [r for r in resources if test(r)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise VerificationError(f"dataset {dataset.get('name')}: {len(found)} resources claim "
                                    f"to be {DESCRIPTOR_NAME}; cannot tell which is the release")
    return None


def _portal_resource(resources: list[dict[str, Any]], name: str, path: str) -> dict[str, Any] | None:
    """The CKAN resource for a descriptor resource: by datarelease's name, CKAN name, file name."""
    basename = PurePosixPath(path).name
    for test in (lambda r: r.get("datarelease_name") == name,
                 lambda r: not r.get("datarelease_name") and r.get("name") == name,
                 lambda r: not r.get("datarelease_name") and _url_name(r) == basename):
        found = [r for r in resources if test(r)]
        if len(found) == 1:
            return found[0]
    return None


# --------------------------------------------------------------------------- staging a release


@dataclass
class _Staged:
    files: list[DownloadedFile]
    notes: list[str]
    mismatches: list[str]
    verified: bool


def _stage_release(dataset: Mapping[str, Any], entry: Mapping[str, Any], fetcher: _Fetcher,
                   staging: Path) -> _Staged:
    """Download the descriptor and everything it lists into ``staging``; collect every mismatch."""
    staged = _Staged([], [], [], verified=True)
    descriptor_file = _fetch_descriptor(entry, fetcher, staging, staged)
    descriptor = _read_descriptor(descriptor_file)
    remote = _remote_references(descriptor)
    if remote:
        raise VerificationError(f"{DESCRIPTOR_NAME} on the portal refers to URLs that validating "
                                "it would fetch, or to custom profiles; a download never fetches "
                                "what the descriptor points to elsewhere: " + "; ".join(remote))
    resources = _active(dataset)
    seen: set[str] = set()
    listed: set[Any] = set()  # ids of the portal's resources the descriptor lists
    schemas: dict[str, list[dict[str, Any]]] = {}
    for index, resource in enumerate(descriptor["resources"]):
        name = str(resource.get("name") or f"#{index}")
        what = f"resource '{name}'"
        path = _safe_path(resource.get("path"), what)
        if path in seen:
            raise VerificationError(f"{what} ({path}): two resources of {DESCRIPTOR_NAME} share "
                                    "this path")
        seen.add(path)
        on_portal = _portal_resource(resources, name, path)
        if on_portal is None:
            staged.mismatches.append(f"{what} ({path}): the dataset on the portal has no resource "
                                     "for it")
            continue
        listed.add(on_portal.get("id"))
        _fetch_listed(resource, on_portal, name, path, fetcher, staging, staged)
        if isinstance(resource.get("schema"), str):
            schema_path = _safe_path(resource["schema"], f"{what}, schema")
            schemas.setdefault(schema_path, []).append(on_portal)
    for schema_path, holders in schemas.items():
        if schema_path not in seen:
            _stage_schema(schema_path, holders, resources, fetcher, staging, staged)
    others = [str(r.get("name") or r.get("id")) for r in resources
              if r.get("id") not in listed and r.get("id") != entry.get("id")]
    if others:
        staged.notes.append(f"not in {DESCRIPTOR_NAME}, so not downloaded: {', '.join(others)}")
    return staged


def _fetch_descriptor(entry: Mapping[str, Any], fetcher: _Fetcher, staging: Path,
                      staged: _Staged) -> Path:
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


def _read_descriptor(path: Path) -> dict[str, Any]:
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
                  fetcher: _Fetcher, staging: Path, staged: _Staged) -> None:
    what = f"resource '{name}' ({path})"
    size = resource.get("bytes")
    declared = _declared_hash(resource, what)
    algorithms = (declared[0],) if declared else ()
    limit = size if isinstance(size, int) else None
    try:
        fetched = fetcher.fetch(str(on_portal.get("url") or ""), staging / path, label=what,
                                limit=limit, algorithms=algorithms)
    except VerificationError as exc:
        staged.mismatches.append(str(exc))
        return
    differ = _differences(fetched, size, declared)
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
                  fetcher: _Fetcher, staging: Path, staged: _Staged) -> None:
    """A Table Schema referenced by path: a file on the portal if there is one, else the copy that
    publish keeps in the data resources' ``schema`` field, written to that path."""
    what = f"schema {schema_path}"
    as_file = _portal_resource(resources, schema_path, schema_path)
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


def _stage_plain(dataset: Mapping[str, Any], fetcher: _Fetcher, staging: Path) -> _Staged:
    """A dataset without ``datapackage.json``: map CKAN's metadata, fetch the files, record hashes."""
    staged = _Staged([], [f"dataset {dataset.get('name')} has no {DESCRIPTOR_NAME} on the portal: "
                          "the descriptor was mapped from CKAN's metadata, files were checked "
                          "against CKAN's size where it gives one, and their sha256 is recorded"],
                     [], verified=False)
    descriptor = package_from_dataset(dataset)
    descriptor.setdefault("$schema", package.PROFILE)
    mapped = []
    names: set[str] = set()
    paths: set[str] = set()
    for resource, on_portal in zip(descriptor.get("resources") or [], _active(dataset), strict=True):
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


def _fetch_plain(resource: dict[str, Any], on_portal: Mapping[str, Any], fetcher: _Fetcher,
                 staging: Path, staged: _Staged, names: set[str], paths: set[str]) -> dict[str, Any]:
    name = _unique(str(resource["name"]), names, lambda n: f"{resource['name']}-{n}")
    base = _plain_filename(on_portal, name)
    stem, dot, ext = base.rpartition(".")
    path = _unique(f"data/{base}", paths,
                   lambda n: f"data/{stem}-{n}{dot}{ext}" if dot else f"data/{base}-{n}")
    path = _safe_path(path, f"resource '{name}'")  # the file name came from the portal
    what = f"resource '{name}' ({path})"
    size = resource.get("bytes")
    ours = on_portal.get("datarelease_sha256")  # published by datarelease, descriptor missing
    fetched = fetcher.fetch(str(on_portal["url"]), staging / path, label=what,
                            limit=size if isinstance(size, int) else None)
    differ = _differences(fetched, size, ("sha256", str(ours)) if ours else None)
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
    for candidate in (_url_name(resource), name):
        safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in candidate).strip(".-")
        if safe:
            return safe
    return "resource"


# --------------------------------------------------------------------------- moving into place


@contextmanager
def _staging_folder(to: Path) -> Iterator[Path]:
    """A fresh hidden folder inside ``to`` (same file system, so moving out is a rename)."""
    if to.exists() and not to.is_dir():
        raise DataReleaseError(f"{to} is a file, not a folder to download into")
    created = not to.exists()
    to.mkdir(parents=True, exist_ok=True)
    package.remove_stale_staging(to, _STAGING_PREFIX)  # left by a killed download
    staging, lock = package.make_staging(to, _STAGING_PREFIX)
    try:
        yield staging
    finally:
        package.release_staging(staging, lock)
        if created and not any(to.iterdir()):
            to.rmdir()


def _commit(staging: Path, to: Path, files: list[DownloadedFile]) -> None:
    """Move every file into ``to``, the descriptor last, each an atomic rename."""
    ordered = sorted(files, key=lambda f: f.path == DESCRIPTOR_NAME)
    for f in ordered:
        target = to / f.path
        if target.is_dir() or any(p.exists() and not p.is_dir() for p in target.parents
                                  if p.is_relative_to(to) and p != to):
            raise DataReleaseError(f"{target}: cannot write the downloaded file there (a folder or "
                                   "file is in the way); nothing was changed")
    for f in ordered:
        target = to / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / f.path, target)


# --------------------------------------------------------------------------- download


def download(portal_url_or_dataset_page_url: str, dataset: str | None = None, *, to: Path,
             token: str | None = None, portal: Portal | None = None,
             progress: Callback | None = None, version: str | None = None,
             timeout: float = DEFAULT_DEADLINE, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
             allow_insecure_http: bool = False) -> DownloadResult:
    """Download a release (or any CKAN dataset) into ``to``; see the module docstring.

    ``dataset`` (or the page URL's name) may end in ``@<version>``, as ``version`` does: that
    released version, from its frozen dataset. ``token`` is sent with file downloads to the
    portal's own host (private datasets need it) and builds the :class:`Portal` when none is
    given. Raises :class:`VerificationError` when a file does not match its descriptor,
    :class:`ValidationFailed` when the verified release does not validate, :class:`PortalError`
    when the portal fails or has no such dataset or version; ``to`` is then left as it was.

    Bounded: the whole download takes at most ``timeout`` seconds (a portal that trickles
    bytes cannot hold it), a file whose size the descriptor does not give at most
    ``max_file_bytes``; the token is refused over ``http://`` to another machine unless
    ``allow_insecure_http``; URLs in the downloaded descriptor are never fetched.
    """
    url, name, version = _locate(portal_url_or_dataset_page_url, dataset, version)
    on_portal = version_dataset_name(name, version) if version else name
    deadline = time.monotonic() + timeout
    if portal is None:  # (a given portal checked its URL and token when it was made)
        portal = Portal(url, token, allow_insecure_http=allow_insecure_http, deadline=deadline)
    with requests.Session() as session:
        fetcher = _Fetcher(session, portal.url, token, portal.timeout, progress,
                           deadline=deadline, max_file_bytes=max_file_bytes)
        for attempt in range(1, _ATTEMPTS + 1):
            snapshot = _dataset(portal, name, version)
            try:
                return _download_once(snapshot, fetcher, Path(to), (name, version) if version else None)
            except VerificationError as exc:
                if not _changed(portal, on_portal, snapshot):
                    raise
                if attempt == _ATTEMPTS:
                    raise VerificationError(
                        f"dataset {on_portal} changed on the portal during each of {_ATTEMPTS} "
                        f"download attempts (a publish is under way?); try again later. Last: "
                        f"{exc}") from None
            time.sleep(attempt)
    raise AssertionError("unreachable: the loop returns or raises")


def _dataset(portal: Portal, name: str, version: str | None) -> dict[str, Any]:
    hint = "or it is private and no token with access to it was given"
    if version is None:
        found = portal.package_show(name)
        if found is None:
            raise PortalError(f"{portal.url} has no dataset {name!r} ({hint})")
        return found
    frozen = version_dataset_name(name, version)
    found = portal.package_show(frozen)
    if found is None:
        raise PortalError(f"{portal.url} has no version {version} of dataset {name!r} (no dataset "
                          f"{frozen!r}; {hint})")
    return found


def _changed(portal: Portal, name: str, snapshot: Mapping[str, Any]) -> bool:
    now = portal.package_show(name)
    return now is None or now.get("metadata_modified") != snapshot.get("metadata_modified")


def _download_once(dataset: Mapping[str, Any], fetcher: _Fetcher, to: Path,
                   released: tuple[str, str] | None) -> DownloadResult:
    with _staging_folder(to) as staging:
        entry = _descriptor_resource(dataset)
        staged = (_stage_release(dataset, entry, fetcher, staging) if entry is not None
                  else _stage_plain(dataset, fetcher, staging))
        if released is not None and not staged.mismatches:
            _as_released(staging, staged, dataset, *released)
        if staged.mismatches:
            listed = "\n".join(f"  - {m}" for m in staged.mismatches)
            raise VerificationError(
                f"{len(staged.mismatches)} file(s) of dataset {dataset.get('name')} do not match "
                f"{'its ' + DESCRIPTOR_NAME if entry is not None else 'CKAN'}; {to} was left as it "
                f"was:\n{listed}")
        report = validate.validate_release(staging / DESCRIPTOR_NAME)
        descriptor = to / DESCRIPTOR_NAME
        report = dataclasses.replace(report, target=str(descriptor))
        if not report.valid:
            raise ValidationFailed(f"the downloaded release of {dataset.get('name')} verifies but does "
                                   f"not validate ({len(report.findings)} errors); {to} was left as "
                                   "it was", report)
        _commit(staging, to, staged.files)
    return DownloadResult(descriptor, tuple(staged.files), staged.verified, report, tuple(staged.notes))


def _as_released(staging: Path, staged: _Staged, dataset: Mapping[str, Any], name: str,
                 version: str) -> None:
    """A frozen version dataset's descriptor, checked to be ``version``, with the release's own
    name and title back (written as package writes descriptors: the release byte for byte)."""
    path = staging / DESCRIPTOR_NAME
    frozen = _read_descriptor(path)
    if frozen.get("version") != version:
        staged.mismatches.append(f"{DESCRIPTOR_NAME}: dataset {dataset.get('name')} should hold "
                                 f"version {version} of {name}, its descriptor says version "
                                 f"{frozen.get('version')!r}")
        return
    data = (json.dumps(released_descriptor(frozen, name, version), indent=2, ensure_ascii=False)
            + "\n").encode("utf-8")
    path.write_bytes(data)
    at = next(i for i, f in enumerate(staged.files) if f.path == DESCRIPTOR_NAME)
    staged.files[at] = dataclasses.replace(staged.files[at], bytes=len(data),
                                           sha256=hashlib.sha256(data).hexdigest())


def render(result: DownloadResult) -> str:
    """What the CLI prints: each file with its size and check, then the verdict and any notes."""
    width = max(len(f.path) for f in result.files)
    lines = [f"Downloaded into {result.descriptor.parent}", ""]
    lines += [f"{f.path:<{width}}  {f.bytes:>10} bytes  {f.check}" for f in result.files]
    data = [f for f in result.files if f.resource is not None]
    lines.append("")
    if result.verified:
        lines.append(f"Verified: {len(data)} files match {DESCRIPTOR_NAME} (bytes and sha256).")
    lines += [f"Note: {note}" for note in result.notes]
    lines.append(f"Valid: {len(result.report.resources)} resources, 0 errors.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- load


def load(path: Path | str) -> dict[str, pd.DataFrame]:
    """A release (a folder holding ``datapackage.json``, or the descriptor) as typed DataFrames.

    One frame per table, keyed by the CSV resource's name; read from the table's Parquet twin
    (the resource sharing its schema, or named ``<table>-parquet``), else from the CSV with the
    Table Schema's types. Integers are ``Int64``, strings ``string``, booleans ``boolean``,
    numbers ``Float64`` (all nullable); dates, times and lists are Arrow-backed
    (``date32[day][pyarrow]``: values are ``datetime.date``).
    """
    descriptor_path = Path(path)
    if descriptor_path.is_dir():
        descriptor_path = descriptor_path / DESCRIPTOR_NAME
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        raise SchemaError(f"cannot read the descriptor: {exc}", path=descriptor_path) from None
    root = descriptor_path.parent
    resources = [r for r in descriptor.get("resources") or [] if isinstance(r, dict)]
    parquets = [r for r in resources if str(r.get("format", "")).lower() == "parquet"]
    frames: dict[str, pd.DataFrame] = {}
    used: set[int] = set()
    for resource in resources:
        if not _is_csv(resource):
            continue
        twin = _parquet_twin(resource, parquets)
        schema = _table_schema(resource, root, descriptor_path)
        if twin is not None:
            used.add(id(twin))
            frames[resource["name"]] = _read_parquet(_local(twin, root, descriptor_path), schema)
        else:
            frames[resource["name"]] = _read_csv(_local(resource, root, descriptor_path), resource,
                                                 schema)
    for twin in parquets:
        if id(twin) not in used:
            name = str(twin["name"]).removesuffix("-parquet")
            frames[name] = _read_parquet(_local(twin, root, descriptor_path),
                                         _table_schema(twin, root, descriptor_path))
    return frames


def _is_csv(resource: Mapping[str, Any]) -> bool:
    fmt = str(resource.get("format") or "").lower()
    path = str(resource.get("path") or "")
    return fmt in ("csv", "tsv") or (not fmt and path.lower().endswith((".csv", ".tsv")))


def _parquet_twin(resource: Mapping[str, Any], parquets: list[dict[str, Any]]) -> dict[str, Any] | None:
    for twin in parquets:
        if twin.get("name") == f"{resource['name']}-parquet":
            return twin
    schema = resource.get("schema")
    if isinstance(schema, str):
        return next((t for t in parquets if t.get("schema") == schema), None)
    return None


def _local(resource: Mapping[str, Any], root: Path, descriptor: Path) -> Path:
    try:
        return root / _safe_path(resource.get("path"), f"resource '{resource.get('name')}'")
    except VerificationError as exc:
        raise SchemaError(str(exc), path=descriptor) from None


def _table_schema(resource: Mapping[str, Any], root: Path, descriptor: Path) -> dict[str, Any] | None:
    schema = resource.get("schema")
    if isinstance(schema, dict):
        return schema
    if isinstance(schema, str):
        try:
            return tableschema.load_table_schema(root / _safe_path(schema, "schema"))
        except VerificationError as exc:
            raise SchemaError(str(exc), path=descriptor) from None
    return None


def _pandas_dtype(arrow: pa.DataType) -> Any:
    """The nullable pandas dtype for an Arrow type; None keeps pyarrow's default."""
    if pa.types.is_integer(arrow):
        return pd.Int64Dtype()
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return pd.StringDtype()
    if pa.types.is_boolean(arrow):
        return pd.BooleanDtype()
    if pa.types.is_floating(arrow):
        return pd.Float64Dtype()
    if (pa.types.is_date(arrow) or pa.types.is_time(arrow) or pa.types.is_list(arrow)
            or pa.types.is_large_list(arrow)):
        return pd.ArrowDtype(arrow)
    return None


def _frame(table: pa.Table) -> pd.DataFrame:
    frame: pd.DataFrame = table.to_pandas(types_mapper=_pandas_dtype)
    return frame


def _read_parquet(path: Path, schema: Mapping[str, Any] | None) -> pd.DataFrame:
    try:
        table = pq.read_table(path)
        if schema is not None:
            table = table.cast(tableschema.arrow_schema(schema))
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise SchemaError(f"cannot read as the Table Schema's types: {exc}", path=path) from None
    return _frame(table)


def _read_csv(path: Path, resource: Mapping[str, Any], schema: Mapping[str, Any] | None) -> pd.DataFrame:
    """CSV with the Table Schema's types: lists are read as text, then split on their delimiter."""
    dialect = resource.get("dialect")
    dialect = dialect if isinstance(dialect, dict) else {}
    missing = list((schema or {}).get("missingValues", [""]))
    read = pacsv.ReadOptions(encoding=str(resource.get("encoding") or "utf-8"))
    parse = pacsv.ParseOptions(delimiter=str(dialect.get("delimiter", ",")))
    types = {}
    if schema is not None:
        types = {f["name"]: pa.string() if f.get("type") == "list" else tableschema.arrow_type(f)
                 for f in schema["fields"]}
    convert = pacsv.ConvertOptions(column_types=types, null_values=missing, strings_can_be_null=True,
                                   true_values=["true", "True", "TRUE", "1"],
                                   false_values=["false", "False", "FALSE", "0"])
    try:
        table = pacsv.read_csv(path, read_options=read, parse_options=parse, convert_options=convert)
        for field in (schema or {}).get("fields", []):
            if field.get("type") == "list":
                table = _split_list(table, field)
    except (OSError, pa.ArrowException) as exc:
        raise SchemaError(f"cannot read as the Table Schema's types: {exc}", path=path) from None
    return _frame(table)


def _split_list(table: pa.Table, field: Mapping[str, Any]) -> pa.Table:
    name = field["name"]
    split = pc.split_pattern(table[name], pattern=str(field.get("delimiter", ",")))
    column = split.cast(tableschema.arrow_type(field))
    return table.set_column(table.schema.get_field_index(name), name, column)

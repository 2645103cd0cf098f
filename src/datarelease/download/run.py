"""One download: the dataset read, staged, verified and validated, then moved into place (the
descriptor last), started again when a publish changed the dataset meanwhile."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from datarelease import package, validate
from datarelease.ckan import Portal, released_descriptor
from datarelease.download.fetch import DEFAULT_MAX_FILE_BYTES, Fetcher
from datarelease.download.locate import locate
from datarelease.download.plain import stage_plain
from datarelease.download.resources import descriptor_resource
from datarelease.download.result import DESCRIPTOR_NAME, STAGING_PREFIX, DownloadedFile, DownloadResult
from datarelease.download.stage import Staged, read_descriptor, stage_release
from datarelease.errors import DataReleaseError, PortalError, ValidationFailed, VerificationError
from datarelease.progress import Callback
from datarelease.versions import version_dataset_name

DEFAULT_DEADLINE = 3600.0  # seconds for a whole download, however the portal behaves
_ATTEMPTS = 3  # downloads that overlap a publish start again this often


# --------------------------------------------------------------------------- moving into place


@contextmanager
def _staging_folder(to: Path) -> Iterator[Path]:
    """A fresh hidden folder inside ``to`` (same file system, so moving out is a rename)."""
    if to.exists() and not to.is_dir():
        raise DataReleaseError(f"{to} is a file, not a folder to download into")
    created = not to.exists()
    to.mkdir(parents=True, exist_ok=True)
    package.remove_stale_staging(to, STAGING_PREFIX)  # left by a killed download
    staging, lock = package.make_staging(to, STAGING_PREFIX)
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
    """Download a release (or any CKAN dataset) into ``to``; see the package docstring.

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
    url, name, version = locate(portal_url_or_dataset_page_url, dataset, version)
    on_portal = version_dataset_name(name, version) if version else name
    deadline = time.monotonic() + timeout
    if portal is None:  # (a given portal checked its URL and token when it was made)
        portal = Portal(url, token, allow_insecure_http=allow_insecure_http, deadline=deadline)
    with requests.Session() as session:
        fetcher = Fetcher(session, portal.url, token, portal.timeout, progress,
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


def _download_once(dataset: Mapping[str, Any], fetcher: Fetcher, to: Path,
                   released: tuple[str, str] | None) -> DownloadResult:
    with _staging_folder(to) as staging:
        entry = descriptor_resource(dataset)
        staged = (stage_release(dataset, entry, fetcher, staging) if entry is not None
                  else stage_plain(dataset, fetcher, staging))
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


def _as_released(staging: Path, staged: Staged, dataset: Mapping[str, Any], name: str,
                 version: str) -> None:
    """A frozen version dataset's descriptor, checked to be ``version``, with the release's own
    name and title back (written as package writes descriptors: the release byte for byte)."""
    path = staging / DESCRIPTOR_NAME
    frozen = read_descriptor(path)
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

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

The modules (this package's names are re-exported here, where they always were):

- ``locate``: where the dataset is (:func:`parse_dataset_url`);
- ``fetch``: one file streamed to disk, hashed while written, bounded;
- ``checks``: paths kept inside, nothing fetched, declared hashes, differences;
- ``resources``: the portal's resources, and the one for each resource of the descriptor;
- ``stage``: a release with its ``datapackage.json``, staged and verified;
- ``plain``: a dataset without one, its descriptor mapped from CKAN's metadata;
- ``run``: :func:`download`: staged, verified, validated, moved into place, started again if need be;
- ``result``: what a download gives back (:class:`DownloadResult`) and prints (:func:`render`);
- ``frames``: :func:`load`.
"""

from __future__ import annotations

from datarelease.download.fetch import DEFAULT_MAX_FILE_BYTES as DEFAULT_MAX_FILE_BYTES
from datarelease.download.frames import load
from datarelease.download.locate import parse_dataset_url
from datarelease.download.result import DESCRIPTOR_NAME as DESCRIPTOR_NAME
from datarelease.download.result import MAPPED as MAPPED
from datarelease.download.result import RECORDED as RECORDED
from datarelease.download.result import SCHEMA_FROM_PORTAL as SCHEMA_FROM_PORTAL
from datarelease.download.result import SIZE_CHECKED as SIZE_CHECKED
from datarelease.download.result import VERIFIED as VERIFIED
from datarelease.download.result import DownloadedFile, DownloadResult, render
from datarelease.download.run import DEFAULT_DEADLINE as DEFAULT_DEADLINE
from datarelease.download.run import download

__all__ = [
    "DownloadResult", "DownloadedFile", "download", "load", "parse_dataset_url", "render",
]

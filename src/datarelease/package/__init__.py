"""Rows → ``publish/<table>.csv`` and ``.parquet``, hashes and sizes, and ``datapackage.json``.

Column types come from the Table Schema, never from pandas' guesses: a ``date`` field is an Arrow
``date32`` and ``YYYY-MM-DD`` in CSV, an ``integer`` is ``int64``. Every file is hashed while it is
written. A release is first written into a staging folder next to the target and only moved into
place by :func:`commit_release`, so a failed build leaves ``publish/`` and ``datapackage.json`` as
they were. Output is deterministic to the byte for the same inputs and library versions. The
release log (``RELEASES.md``, when there is one) is listed as the ``changelog`` resource, with its
bytes and sha256 like every other file. Figures made from the tables (the organisation network
as SVG) are written to ``publish/`` and listed after the tables, as files with bytes and sha256.

The modules (this package's names are re-exported here, where they always were):

- ``tables``: one table written as CSV and Parquet in one pass, hashed as written;
- ``descriptor``: the resources and ``datapackage.json``;
- ``staging``: staging folders, locked while in use, removable once a killed run let go;
- ``stage``: a release written whole into a staging folder (:func:`stage_release`);
- ``switch``: the journalled switch into place (:func:`commit_release`, :func:`recover_release`).
"""

from __future__ import annotations

from datarelease.package.descriptor import (
    CHANGELOG_RESOURCE,
    CSV_DIALECT,
    PARQUET_MEDIATYPE,
    Figure,
    changelog_resource,
    figure_resource,
)
from datarelease.package.descriptor import PARQUET_FORMAT as PARQUET_FORMAT
from datarelease.package.descriptor import PROFILE as PROFILE
from datarelease.package.descriptor import build_descriptor as build_descriptor
from datarelease.package.stage import discard_release, stage_release
from datarelease.package.staging import STAGING_PREFIX as STAGING_PREFIX
from datarelease.package.staging import StagedRelease, make_staging, release_staging, remove_stale_staging
from datarelease.package.switch import COMMIT_STEPS, commit_release, recover_release
from datarelease.package.switch import JOURNAL as JOURNAL
from datarelease.package.tables import PIECE_ROWS as PIECE_ROWS
from datarelease.package.tables import ROW_GROUP_BYTES as ROW_GROUP_BYTES
from datarelease.package.tables import ROW_GROUP_ROWS as ROW_GROUP_ROWS
from datarelease.package.tables import FileInfo, RowGroups, write_csv, write_parquet, write_table
from datarelease.package.tables import Row as Row
from datarelease.package.tables import Source as Source

__all__ = [
    "CHANGELOG_RESOURCE",
    "COMMIT_STEPS",
    "CSV_DIALECT",
    "PARQUET_MEDIATYPE",
    "Figure",
    "FileInfo",
    "RowGroups",
    "StagedRelease",
    "changelog_resource",
    "commit_release",
    "discard_release",
    "figure_resource",
    "make_staging",
    "recover_release",
    "release_staging",
    "remove_stale_staging",
    "stage_release",
    "write_csv",
    "write_parquet",
    "write_table",
]

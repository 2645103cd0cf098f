"""A release written whole into a staging folder next to the target (:func:`stage_release`),
ready to be validated and switched into place, or discarded."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from datarelease.package.descriptor import (
    Figure,
    build_descriptor,
    changelog_resource,
    figure_resource,
    table_resource,
)
from datarelease.package.staging import StagedRelease, make_staging, release_staging
from datarelease.package.switch import recover_release
from datarelease.package.tables import FileInfo, Row, file_info, write_table
from datarelease.tableschema import load_table_schema


def stage_release(tables: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any], *,
                  root: Path, schemas_dir: Path, release_log: Path | None = None,
                  figures: Sequence[Figure] = ()) -> StagedRelease:
    """Write every table as CSV and Parquet plus ``datapackage.json`` into a staging folder.

    The staging folder mirrors the release root (``publish/``, ``schemas/``,
    ``datapackage.json``) so that it can be validated as it will be published. ``release_log``
    ``figures`` are written to ``publish/`` and listed after the tables. ``release_log``
    (``RELEASES.md`` in ``root``), when given, is listed last as the ``changelog`` resource; a copy
    in the staging folder is what is hashed and validated. It is an input: :func:`commit_release`
    leaves the file in ``root`` as it is.
    """
    recover_release(root)
    staging, lock = make_staging(root)
    try:
        shutil.copytree(schemas_dir, staging / "schemas")
        (staging / "publish").mkdir()
        resources: list[dict[str, Any]] = []
        files: list[FileInfo] = []
        for table, rows in tables.items():
            schema_file = schemas_dir / f"{table}.json"
            schema = load_table_schema(schema_file)
            schema_ref = f"schemas/{table}.json"
            csv_info, parquet_info = write_table(
                rows, schema, staging / "publish" / f"{table}.csv",
                staging / "publish" / f"{table}.parquet", staging)
            resources.append(table_resource(table, csv_info, schema, schema_ref, "csv"))
            resources.append(table_resource(table, parquet_info, schema, schema_ref, "parquet"))
            files += [csv_info, parquet_info]
        for figure in figures:
            path = staging / "publish" / f"{figure.name}.{figure.format}"
            path.write_bytes(figure.content)
            info = file_info(path, staging)
            resources.append(figure_resource(figure, info))
            files.append(info)
        if release_log is not None:
            relative = release_log.relative_to(root)
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(release_log, staging / relative)
            log_info = file_info(staging / relative, staging)
            resources.append(changelog_resource(log_info))
            files.append(log_info)
        descriptor = build_descriptor(metadata, resources)
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
    except BaseException:
        release_staging(staging, lock)
        raise
    return StagedRelease(root, staging, descriptor, tuple(files), lock)


def discard_release(staged: StagedRelease) -> None:
    release_staging(staged.staging, staged.lock)

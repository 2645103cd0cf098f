"""The local release as publish sees it: each file the descriptor lists, checked against its bytes
and sha256, with its CKAN resource fields; Parquet files linked to their CSV twins."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease import ckan
from datarelease.errors import SchemaError
from datarelease.publish.actions import DESCRIPTOR_KEY, DataStoreAction, ResourceAction

_DESCRIPTOR_RESOURCE = {
    "name": DESCRIPTOR_KEY, "title": "Data Package descriptor (datapackage.json)", "format": "json",
    "mediatype": "application/json",
    "description": "The Frictionless Data Package of this release: its metadata, the Table Schema of "
                   "every table and the size and sha256 of every file. Verify downloads against it.",
}


@dataclass(frozen=True)
class LocalFile:
    key: str
    path: Path
    sha256: str
    bytes: int
    fields: dict[str, Any]
    table: DataStoreAction | None  # a CSV table the DataStore can load (action filled in later)


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def find_descriptor(root_or_descriptor: Path) -> Path:
    path = Path(root_or_descriptor)
    return path / DESCRIPTOR_KEY if path.is_dir() else path


def _load_json(path: Path, where: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError("file not found", path=path) from None
    except ValueError as exc:
        raise SchemaError(f"not valid JSON ({exc})", path=where) from None


def load_descriptor(descriptor_path: Path) -> dict[str, Any]:
    descriptor = _load_json(descriptor_path, descriptor_path)
    if not isinstance(descriptor, dict) or not descriptor.get("name"):
        raise SchemaError("a Data Package descriptor with a name is needed to publish",
                          path=descriptor_path)
    return descriptor


def local_files(descriptor_path: Path, descriptor: Mapping[str, Any],
                 portal_schema: ckan.PortalSchema | None = None) -> list[LocalFile]:
    """Each file the descriptor lists, checked against its ``bytes`` and ``hash``."""
    root = descriptor_path.parent
    dcat = ckan.dcat_resource_fields(descriptor, portal_schema) if portal_schema else None
    files = []
    for index, resource in enumerate(descriptor.get("resources", [])):
        where = f"resources[{index}] ({resource.get('name')})"
        if not isinstance(resource.get("path"), str):
            raise SchemaError("only resources with one local path can be published",
                              path=descriptor_path, location=where)
        path = root / resource["path"]
        if not path.is_file():
            raise SchemaError(f"{resource['path']} does not exist; run 'datarelease build'",
                              path=descriptor_path, location=where)
        sha, size = _sha256(path)
        if resource.get("hash", f"sha256:{sha}") != f"sha256:{sha}" or resource.get("bytes", size) != size:
            raise SchemaError(f"{resource['path']} is not the file the descriptor describes (bytes or "
                              "sha256 differ); run 'datarelease build'", path=descriptor_path,
                              location=where)
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = _load_json(root / schema, descriptor_path)
        table = None
        if resource.get("type") == "table" and str(resource.get("format")).lower() == "csv" and schema:
            table = DataStoreAction(resource["name"], "", "", path=path, schema=schema,
                                    dialect=resource.get("dialect") or {},
                                    marker=_datastore_marker(sha, schema))
        fields = ckan.resource_fields(resource, sha256=sha, size=size, schema=schema, dcat=dcat)
        files.append(LocalFile(resource["name"], path, sha, size, fields, table))
    sha, size = _sha256(descriptor_path)
    fields = ckan.resource_fields(_DESCRIPTOR_RESOURCE, sha256=sha, size=size, dcat=dcat)
    files.append(LocalFile(DESCRIPTOR_KEY, descriptor_path, sha, size, fields, None))
    return files


def twins(files: Sequence[LocalFile | ResourceAction]) -> dict[str, LocalFile | ResourceAction]:
    """Each Parquet file's CSV twin (the CSV file of the same table: same path, .csv), by key."""
    csvs = {f.path.with_suffix(""): f for f in files if f.path and f.path.suffix == ".csv"}
    return {f.key: csvs[f.path.with_suffix("")] for f in files
            if f.path and f.path.suffix == ".parquet" and f.path.with_suffix("") in csvs}


def twin_link(description: str, twin: LocalFile | ResourceAction, dataset: str, twin_id: str) -> str:
    """The Parquet resource's description with a link to its CSV twin's page on the portal."""
    title = twin.fields.get("name") or twin.key
    base = description.split(ckan.TWIN_LINK, 1)[0]
    return f"{base}{ckan.TWIN_LINK}[{title}](/dataset/{dataset}/resource/{twin_id})"


def link_twins(files: list[LocalFile], dataset: str, ids: Mapping[str, str]) -> None:
    """Link each Parquet file's description to its CSV twin, where the twin is on the portal already
    (a new twin is linked by apply's last call, once it has an id)."""
    by_key = {f.key: f for f in files}
    for key, twin in twins(files).items():
        if twin.key in ids:
            fields = by_key[key].fields
            fields["description"] = twin_link(str(fields.get("description") or ""), twin, dataset,
                                               ids[twin.key])


def _datastore_marker(sha256: str, schema: Mapping[str, Any]) -> str:
    """What a DataStore table was loaded from: the CSV's sha256 and its Table Schema."""
    return hashlib.sha256(f"{sha256}\n{json.dumps(schema, sort_keys=True)}".encode()).hexdigest()

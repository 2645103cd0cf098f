"""Publish a release to a CKAN portal: :func:`plan` what would change, then :func:`apply` it.

The plan reads the dataset from the portal by name (never by search) and compares it with the
local release *by content*: each CKAN resource that datarelease publishes carries
``datarelease_name`` (its Data Package resource name, the stable key that keeps its id and
download URL), ``datarelease_sha256`` and ``datarelease_bytes``. Apply then goes in this order:

1. create the organisation (when asked for and missing) and the dataset, **private**;
2. one ``package_revise`` per new or changed file, streamed from disk;
3. load each new or changed table into the DataStore;
4. one last ``package_revise``: dataset metadata, resource metadata, deletions, DataStore markers,
   ``datapackage.json`` and, on a first publish, ``private: false``.

Every ``package_revise`` carries ``match`` on the dataset's ``metadata_modified`` as last seen, so
an edit made on the portal by someone else stops the publish with :class:`ConflictError` instead
of being overwritten. Until step 4 the portal still serves the previous ``datapackage.json``: a
consumer who downloads in between finds the changed files do not verify against it (a
verification error, never silently mixed tables). An interrupted publish leaves resources that a
re-run recognises by their key and content, so it converges without duplicates.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datarelease import ckan
from datarelease.errors import ConflictError, NotAuthorizedError, PortalError, SchemaError
from datarelease.progress import Callback

__all__ = [
    "DESCRIPTOR_KEY", "DataStoreAction", "FieldChange", "Plan",
    "PublishSummary", "ResourceAction", "apply", "plan", "render_plan", "render_summary",
]

DESCRIPTOR_KEY = "datapackage.json"  # datarelease_name of the descriptor's own CKAN resource
DATASTORE_CHUNK = 5000  # rows per DataStore call
TABLE_VIEW = "datatables_view"  # CKAN's table preview of a DataStore table
IMAGE_VIEW = "image_view"  # CKAN's view of an image resource (the organisation network's SVG)
_DESCRIPTOR_RESOURCE = {
    "name": DESCRIPTOR_KEY, "title": "Data Package descriptor (datapackage.json)", "format": "json",
    "mediatype": "application/json",
    "description": "The Frictionless Data Package of this release: its metadata, the Table Schema of "
                   "every table and the size and sha256 of every file. Verify downloads against it.",
}
_CONTENT_FIELDS = ("datarelease_sha256", "datarelease_bytes")
# Set with each upload but not compared afterwards: DataStore loaders rewrite ``hash`` (MD5).
_UPLOAD_ONLY_FIELDS = ("hash", "hash_algorithm")
_DATASET_FIELDS = ("title", "notes", "version", "url", "license_id", "author", "author_email",
                   "maintainer", "maintainer_email")


# -- plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ResourceAction:
    """What happens to one file's CKAN resource: upload, replace, update, keep or delete."""

    key: str
    action: str
    reason: str
    resource_id: str | None = None
    path: Path | None = None
    bytes: int = 0
    fields: Mapping[str, Any] = field(default_factory=dict)
    changed: tuple[str, ...] = ()
    view: bool = False  # its image view (IMAGE_VIEW) is to be made

    @property
    def sends_file(self) -> bool:
        return self.action in ("upload", "replace")


@dataclass(frozen=True)
class DataStoreAction:
    """What happens to one table in the DataStore: load, keep or drop."""

    key: str
    action: str
    reason: str
    marker: str = ""
    resource_id: str | None = None
    path: Path | None = None
    schema: Mapping[str, Any] | None = None
    dialect: Mapping[str, Any] = field(default_factory=dict)
    loaded: bool = False  # the portal has a DataStore table for it now
    view: bool = False  # its table view (TABLE_VIEW) is to be made


@dataclass(frozen=True)
class Plan:
    """What :func:`apply` will do; ``remote`` is the dataset as the plan read it."""

    portal_url: str
    name: str
    root: Path
    dataset_action: str  # create | update | none
    organization: str | None
    organization_action: str  # use | create
    dataset: Mapping[str, Any]
    changes: tuple[FieldChange, ...]
    resources: tuple[ResourceAction, ...]
    datastore: tuple[DataStoreAction, ...]
    make_public: bool
    remote: Mapping[str, Any] | None
    counters: ckan.Counters

    @property
    def dataset_url(self) -> str:
        return f"{self.portal_url}/dataset/{self.name}"

    @property
    def has_writes(self) -> bool:
        return self.dataset_action != "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "portal": self.portal_url, "dataset": self.name, "dataset_action": self.dataset_action,
            "organization": self.organization, "organization_action": self.organization_action,
            "metadata_changes": [{"field": c.field, "old": c.old, "new": c.new} for c in self.changes],
            "resources": [{"name": r.key, "action": r.action, "reason": r.reason,
                           "id": r.resource_id, "bytes": r.bytes, "changed": list(r.changed)}
                          for r in self.resources],
            "datastore": [{"name": d.key, "action": d.action, "reason": d.reason}
                          for d in self.datastore],
            "make_public": self.make_public,
            "calls": self.counters.calls,
        }


@dataclass(frozen=True)
class PublishSummary:
    """What a publish did and what it cost (plan and apply together)."""

    dataset_url: str
    done: tuple[str, ...]
    counters: ckan.Counters

    def to_dict(self) -> dict[str, Any]:
        c = self.counters
        return {"dataset_url": self.dataset_url, "done": list(self.done), "calls": c.calls,
                "writes": c.writes, "bytes_sent": c.bytes_sent, "bytes_uploaded": c.bytes_uploaded,
                "calls_by_action": dict(sorted(c.by_action.items()))}


# -- the local release ------------------------------------------------------------------------


@dataclass(frozen=True)
class _LocalFile:
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


def _descriptor_path(root_or_descriptor: Path) -> Path:
    path = Path(root_or_descriptor)
    return path / DESCRIPTOR_KEY if path.is_dir() else path


def _load_json(path: Path, where: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError("file not found", path=path) from None
    except ValueError as exc:
        raise SchemaError(f"not valid JSON ({exc})", path=where) from None


def _load_descriptor(descriptor_path: Path) -> dict[str, Any]:
    descriptor = _load_json(descriptor_path, descriptor_path)
    if not isinstance(descriptor, dict) or not descriptor.get("name"):
        raise SchemaError("a Data Package descriptor with a name is needed to publish",
                          path=descriptor_path)
    return descriptor


def _local_files(descriptor_path: Path, descriptor: Mapping[str, Any],
                 portal_schema: ckan.PortalSchema | None = None) -> list[_LocalFile]:
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
        files.append(_LocalFile(resource["name"], path, sha, size, fields, table))
    sha, size = _sha256(descriptor_path)
    fields = ckan.resource_fields(_DESCRIPTOR_RESOURCE, sha256=sha, size=size, dcat=dcat)
    files.append(_LocalFile(DESCRIPTOR_KEY, descriptor_path, sha, size, fields, None))
    return files


def _twins(files: Sequence[_LocalFile | ResourceAction]) -> dict[str, _LocalFile | ResourceAction]:
    """Each Parquet file's CSV twin (the CSV file of the same table: same path, .csv), by key."""
    csvs = {f.path.with_suffix(""): f for f in files if f.path and f.path.suffix == ".csv"}
    return {f.key: csvs[f.path.with_suffix("")] for f in files
            if f.path and f.path.suffix == ".parquet" and f.path.with_suffix("") in csvs}


def _twin_link(description: str, twin: _LocalFile | ResourceAction, dataset: str, twin_id: str) -> str:
    """The Parquet resource's description with a link to its CSV twin's page on the portal."""
    title = twin.fields.get("name") or twin.key
    base = description.split(ckan.TWIN_LINK, 1)[0]
    return f"{base}{ckan.TWIN_LINK}[{title}](/dataset/{dataset}/resource/{twin_id})"


def _link_twins(files: list[_LocalFile], dataset: str, ids: Mapping[str, str]) -> None:
    """Link each Parquet file's description to its CSV twin, where the twin is on the portal already
    (a new twin is linked by apply's last call, once it has an id)."""
    by_key = {f.key: f for f in files}
    for key, twin in _twins(files).items():
        if twin.key in ids:
            fields = by_key[key].fields
            fields["description"] = _twin_link(str(fields.get("description") or ""), twin, dataset,
                                               ids[twin.key])


def _datastore_marker(sha256: str, schema: Mapping[str, Any]) -> str:
    """What a DataStore table was loaded from: the CSV's sha256 and its Table Schema."""
    return hashlib.sha256(f"{sha256}\n{json.dumps(schema, sort_keys=True)}".encode()).hexdigest()


# -- plan -------------------------------------------------------------------------------------


def _same(old: Any, new: Any) -> bool:
    """Equal as CKAN stores it: None is '', numbers may come back as strings, JSON in strings,
    ckanext-scheming's repeating subfields come back with their empty subfields."""
    if old in (None, "", []) and new in (None, "", []):
        return True
    old, new = _without_empty(ckan.unjsonify(old)), _without_empty(ckan.unjsonify(new))
    if isinstance(old, dict | list) or isinstance(new, dict | list):
        return bool(old == new)
    return str(old) == str(new)


def _without_empty(value: Any) -> Any:
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, "", [], {})}
    return value


def _dataset_changes(remote: Mapping[str, Any] | None, desired: Mapping[str, Any],
                     portal_schema: ckan.PortalSchema | None) -> list[FieldChange]:
    remote = remote or {}
    # a scheming portal: also the DCAT-AP fields datarelease fills (or filled before and no more)
    dcat = sorted(k for k in (portal_schema.dataset_fields if portal_schema else ())
                  if k in desired or k in ckan.DCAT_DATASET_FIELDS)
    changes = [FieldChange(f, remote.get(f), desired.get(f)) for f in (*_DATASET_FIELDS, *dcat)
               if not _same(remote.get(f), desired.get(f))]
    if "owner_org" in desired and remote.get("owner_org") != desired["owner_org"]:
        changes.append(FieldChange("owner_org", remote.get("owner_org"), desired["owner_org"]))
    old_tags = sorted(t["name"] for t in remote.get("tags") or [])
    new_tags = sorted(t["name"] for t in desired["tags"])
    if old_tags != new_tags:
        changes.append(FieldChange("tags", old_tags, new_tags))
    old_extras = {e["key"]: e["value"] for e in remote.get("extras") or []}
    new_extras = {e["key"]: e["value"] for e in desired["extras"]}
    for key in sorted(old_extras.keys() | new_extras.keys()):
        if not _same(old_extras.get(key), new_extras.get(key)):
            changes.append(FieldChange(f"extras.{key}", old_extras.get(key), new_extras.get(key)))
    if remote and remote.get("state") != "active":
        changes.append(FieldChange("state", remote.get("state"), "active"))
    return changes


def _content_differs(remote: Mapping[str, Any], local: _LocalFile) -> str | None:
    """Why the portal's file is not the local one, or None when it is."""
    if remote.get("url_type") != "upload":
        return "the portal's resource has no uploaded file"
    old_sha = str(remote.get("datarelease_sha256") or "")
    if old_sha != local.sha256:
        return f"content changed (sha256 {old_sha[:12] or 'unknown'} → {local.sha256[:12]})"
    if not _same(remote.get("datarelease_bytes"), local.bytes):
        return f"size changed ({remote.get('datarelease_bytes')} → {local.bytes} bytes)"
    if remote.get("size") is not None and not _same(remote.get("size"), local.bytes):
        return f"the portal holds {remote.get('size')} bytes, not {local.bytes}: an upload did not finish"
    return None


def _resource_actions(remote: Mapping[str, Any] | None,
                      files: list[_LocalFile]) -> list[ResourceAction]:
    mine: dict[str, list[Mapping[str, Any]]] = {}
    actions: list[ResourceAction] = []
    for res in (remote or {}).get("resources") or []:
        if res.get("datarelease_name"):
            mine.setdefault(str(res["datarelease_name"]), []).append(res)
        else:
            actions.append(ResourceAction(str(res.get("name") or res["id"]), "keep",
                                          "not published by datarelease; left as it is", res["id"]))
    for local in files:
        candidates = mine.pop(local.key, [])
        # after an interrupted publish there may be two: keep the one that already has the content
        candidates.sort(key=lambda r: _content_differs(r, local) is not None)
        for extra in candidates[1:]:
            actions.append(ResourceAction(local.key, "delete", "duplicate left by an interrupted "
                                          "publish", extra["id"]))
        actions.append(_resource_action(candidates[0] if candidates else None, local))
    for key, resources in mine.items():
        for res in resources:
            actions.append(ResourceAction(key, "delete", "no longer in the release", res["id"]))
    return actions


def _is_image(fields: Mapping[str, Any]) -> bool:
    return str(fields.get("mimetype") or "").lower().startswith("image/")


def _resource_action(remote: Mapping[str, Any] | None, local: _LocalFile) -> ResourceAction:
    # an image gets CKAN's image view once; the marker says it was made (like datarelease_view of tables)
    view = _is_image(local.fields) and (remote or {}).get("datarelease_view") != IMAGE_VIEW

    def act(action: str, reason: str, changed: tuple[str, ...] = ()) -> ResourceAction:
        rid = remote["id"] if remote else None
        if view:
            reason += f"; add its image view ({IMAGE_VIEW})"
        return ResourceAction(local.key, action, reason, rid, local.path, local.bytes, local.fields,
                              changed, view)

    if remote is None:
        return act("upload", "new in this release")
    why = _content_differs(remote, local)
    if why:
        return act("replace", why)
    changed = tuple(k for k, v in local.fields.items()
                    if k not in _UPLOAD_ONLY_FIELDS and not _same(remote.get(k), v))
    if changed:
        return act("update", f"metadata changed: {', '.join(changed)}", changed)
    return act("keep", f"unchanged (sha256 {local.sha256[:12]})")


def _datastore_actions(files: list[_LocalFile], resources: list[ResourceAction],
                       remote: Mapping[str, Any] | None, enabled: bool) -> list[DataStoreAction]:
    by_id = {r["id"]: r for r in (remote or {}).get("resources") or []}
    current = {a.key: by_id.get(a.resource_id or "", {}) for a in resources if a.action != "delete"}
    actions = []
    for local in files:
        if local.table is None:
            continue
        res = current.get(local.key, {})
        loaded = bool(res.get("datastore_active"))
        if not enabled:
            if loaded and res.get("datarelease_datastore") != local.table.marker:
                actions.append(_with(local.table, "drop", "rows changed and --no-datastore: the old "
                                     "rows would be out of date", res))
            continue
        view = res.get("datarelease_view") != TABLE_VIEW
        if loaded and res.get("datarelease_datastore") == local.table.marker:
            actions.append(_with(local.table, "keep", "rows and Table Schema unchanged", res, view))
        elif not loaded:
            actions.append(_with(local.table, "load", "not in the DataStore yet", res, view))
        else:
            actions.append(_with(local.table, "load", "rows or Table Schema changed since the last "
                                 "load (or it did not finish)", res, view))
    for action in resources:
        res = by_id.get(action.resource_id or "", {})
        if action.action == "delete" and res.get("datastore_active"):
            actions.append(DataStoreAction(action.key, "drop", "its resource is deleted",
                                           resource_id=action.resource_id, loaded=True))
    return actions


def _with(table: DataStoreAction, action: str, reason: str, res: Mapping[str, Any],
          view: bool = False) -> DataStoreAction:
    if view:
        reason += f"; add its table view ({TABLE_VIEW})"
    return DataStoreAction(table.key, action, reason, table.marker, res.get("id"), table.path,
                           table.schema, table.dialect, bool(res.get("datastore_active")), view)


def _organization(portal: ckan.Portal, org: str | None,
                  remote: Mapping[str, Any] | None) -> tuple[str | None, str, str | None]:
    """The owner_org to set (an id, or the name of one to create), use | create, and its name."""
    if org is None:
        if remote is None:
            raise PortalError(f"{portal.url} has no dataset by this name yet: pass --org NAME, the "
                              "organisation to create it in (CKAN keeps private datasets in one)")
        return remote.get("owner_org"), "use", (remote.get("organization") or {}).get("name")
    found = portal.organization_show(org)
    if found is None:
        return org, "create", org
    return str(found["id"]), "use", str(found["name"])


def plan(root_or_descriptor: Path, portal: ckan.Portal, *, org: str | None = None,
         datastore: bool = True) -> Plan:
    """Compare the local release with the portal's dataset of the same name; change nothing."""
    start = portal.counters()
    descriptor_path = _descriptor_path(root_or_descriptor)
    descriptor = _load_descriptor(descriptor_path)
    portal_schema = portal.dataset_schema()
    files = _local_files(descriptor_path, descriptor, portal_schema)
    if portal.has_token and portal.whoami() is None:
        raise NotAuthorizedError(f"{portal.url} refused the API token (from CKAN_API_TOKEN or "
                                 "--api-token): it is not valid there (mistyped, expired or revoked)")
    name = str(descriptor["name"])
    remote = portal.package_show(name)
    if remote is not None and remote.get("name") != name:
        remote = None  # package_show also answers ids; a dataset *named* so is what we want
    _link_twins(files, name, {str(r["datarelease_name"]): str(r["id"])
                              for r in (remote or {}).get("resources") or [] if r.get("datarelease_name")})
    owner_org, org_action, org_name = _organization(portal, org, remote)
    desired = ckan.dataset_from_package(descriptor, portal_licenses=portal.license_list(),
                                        owner_org=owner_org, schema=portal_schema)
    changes = tuple(_dataset_changes(remote, desired, portal_schema))
    resources = _resource_actions(remote, files)
    ds_actions = _datastore_actions(files, resources, remote, datastore)
    has_descriptor = any(r.get("datarelease_name") == DESCRIPTOR_KEY
                         for r in (remote or {}).get("resources") or [])
    # private without our descriptor: a first publish that did not finish
    make_public = remote is None or (bool(remote.get("private")) and not has_descriptor)
    busy = (changes or make_public or org_action == "create"
            or any(r.action not in ("keep",) or r.view for r in resources)
            or any(d.action != "keep" or d.view for d in ds_actions))
    action = "create" if remote is None else "update" if busy else "none"
    return Plan(portal.url, name, descriptor_path.parent, action, org_name, org_action, desired,
                changes, tuple(resources), tuple(ds_actions),
                make_public, remote, portal.counters() - start)


# -- apply ------------------------------------------------------------------------------------


@dataclass
class _Run:
    """The dataset as this run last saw it, and what the run has done."""

    plan: Plan
    dataset_id: str
    modified: str
    done: list[str]
    ids: dict[str, str] = field(default_factory=dict)  # datarelease_name → resource id
    last: Mapping[str, Any] = field(default_factory=dict)  # the dataset as last seen

    def conflict(self, exc: ConflictError) -> ConflictError:
        already = f" Already done in this run: {'; '.join(self.done)}." if self.done else ""
        return ConflictError(
            f"the dataset '{self.plan.name}' on {self.plan.portal_url} was changed by someone else "
            f"while publishing ({exc}).{already} Look at the change on the portal, then run publish "
            "again: it plans against what is there now.")

    def match(self) -> dict[str, str]:
        return {"id": self.dataset_id, "metadata_modified": self.modified}

    def saw(self, package: Mapping[str, Any]) -> None:
        self.last = package
        self.modified = str(package["metadata_modified"])
        deleting = {a.resource_id for a in self.plan.resources if a.action == "delete"}
        for res in package.get("resources") or []:
            if res.get("datarelease_name") and res["id"] not in deleting:
                self.ids[str(res["datarelease_name"])] = str(res["id"])


def _check_unchanged(run: _Run, portal: ckan.Portal) -> None:
    """Stop before the first write when the dataset changed since the plan read it."""
    now = portal.package_show(run.dataset_id)
    before = run.plan.remote or {}
    if now is None or now.get("metadata_modified") != before.get("metadata_modified"):
        fields = sorted(k for k in (now or {}).keys() | before.keys()
                        if k not in ("metadata_modified", "resources")
                        and (now or {}).get(k) != before.get(k))
        what = f"fields changed there: {', '.join(fields)}" if fields else "its resources changed"
        if now is None:
            what = "it was deleted"
        raise run.conflict(ConflictError(f"since the plan, {what}; nothing was written"))


def _send_file(run: _Run, portal: ckan.Portal, action: ResourceAction,
               progress: Callback | None, extra: Mapping[str, Any] | None = None,
               filter: list[str] | None = None, update_keys: Mapping[str, Any] | None = None) -> None:
    """One package_revise that creates or replaces a resource with its file (and ``extra`` fields)."""
    assert action.path is not None
    keys = dict(update_keys or {})
    if action.action == "upload":
        keys["resources__extend"] = [dict(action.fields)]
        target = "resources__-1__upload"
    else:
        keys[f"resources__{action.resource_id}"] = dict(action.fields)
        target = f"resources__{action.resource_id}__upload"
    mimetype = str(action.fields.get("mimetype") or "application/octet-stream")
    with action.path.open("rb") as f:
        upload = ckan.Upload(f, action.path.name, mimetype)
        try:
            package = portal.package_revise(run.match(), update=extra, filter=filter, update_keys=keys,
                                            uploads={target: upload},
                                            progress=progress)
        except ConflictError as exc:
            raise run.conflict(exc) from None
    run.saw(package)
    verb = "uploaded" if action.action == "upload" else "replaced"
    run.done.append(f"{verb} {action.key} ({action.bytes} bytes)")


def _load_table(run: _Run, portal: ckan.Portal, action: DataStoreAction) -> None:
    assert action.path is not None and action.schema is not None
    resource_id = run.ids[action.key]
    if action.loaded:
        portal.datastore_delete(resource_id)  # a changed schema cannot be altered in place
    fields = ckan.datastore_fields(action.schema)
    key = ckan.datastore_primary_key(action.schema)
    rows = 0
    for number, chunk in enumerate(_chunks(action)):
        if number == 0:
            portal.datastore_create(resource_id, fields, chunk, primary_key=key)
        else:
            portal.datastore_upsert(resource_id, chunk)
        rows += len(chunk)
    if rows == 0:
        portal.datastore_create(resource_id, fields, [], primary_key=key)
    run.done.append(f"loaded {action.key} into the DataStore ({rows} row{'s' * (rows != 1)})")


def _saw_own_changes(run: _Run, portal: ckan.Portal) -> None:
    """Take the dataset as it is after this run's DataStore loads and views, unless someone else
    changed its metadata meanwhile (the resources' DataStore flags and views are ours)."""
    now = portal.package_show(run.dataset_id)
    if now is None:
        raise run.conflict(ConflictError("the dataset was deleted while publishing"))
    changed = sorted(k for k in now.keys() | run.last.keys()
                     if k not in ("metadata_modified", "resources") and now.get(k) != run.last.get(k))
    if changed:
        raise run.conflict(ConflictError(f"fields changed there meanwhile: {', '.join(changed)}"))
    run.saw(now)


def _add_view(run: _Run, portal: ckan.Portal, key: str, view_type: str, title: str) -> bool:
    """The resource's view, unless the portal made one itself (ckan.views.default_views)."""
    resource_id = run.ids[key]
    if any(v.get("view_type") == view_type for v in portal.resource_view_list(resource_id)):
        return False
    portal.resource_view_create(resource_id, view_type, title)
    run.done.append(f"added the {title.lower()} view of {key}")
    return True


def _chunks(action: DataStoreAction) -> Iterator[list[dict[str, Any]]]:
    assert action.path is not None and action.schema is not None
    dialect = action.dialect
    with action.path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=dialect.get("delimiter", ","),
                                quotechar=dialect.get("quoteChar", '"'))
        chunk: list[dict[str, Any]] = []
        for number, row in enumerate(reader, start=2):
            chunk.append(ckan.datastore_record(action.schema, row, where=f"{action.path}, row {number}"))
            if len(chunk) == DATASTORE_CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _final_revise(run: _Run, portal: ckan.Portal, loaded: list[DataStoreAction],
                  progress: Callback | None) -> None:
    """Metadata, resource metadata, deletions, DataStore markers, the descriptor, public: one call."""
    plan_ = run.plan
    update: dict[str, Any] = {}
    filter: list[str] = []
    changes = plan_.changes if plan_.dataset_action == "update" else ()  # create set them already
    for change in changes:
        name = change.field.split(".", 1)[0]
        if name in ("extras", "tags") or isinstance(plan_.dataset.get(name), list):
            if f"-{name}" not in filter:  # lists merge by position in package_revise: replace them
                filter.append(f"-{name}")
            update[name] = plan_.dataset[name]
        elif name == "state":
            update["state"] = "active"
        else:
            update[name] = plan_.dataset[name]
    if plan_.make_public:
        update["private"] = False
    keys: dict[str, dict[str, Any]] = {}
    for action in plan_.resources:
        if action.action == "update":
            keys[f"resources__{action.resource_id}"] = {k: action.fields[k] for k in action.changed}
        elif action.action == "delete":
            filter.append(f"-resources__{action.resource_id}")
    for table in loaded:
        keys.setdefault(f"resources__{run.ids[table.key]}", {})["datarelease_datastore"] = table.marker
    made_views = False
    for table in plan_.datastore:
        if table.view and table.action != "drop" and table.key in run.ids:
            made_views |= _add_view(run, portal, table.key, TABLE_VIEW, "Table")
            keys.setdefault(f"resources__{run.ids[table.key]}", {})["datarelease_view"] = TABLE_VIEW
    for action in plan_.resources:
        if action.view and action.action != "delete" and action.key in run.ids:
            made_views |= _add_view(run, portal, action.key, IMAGE_VIEW, "Image")
            keys.setdefault(f"resources__{run.ids[action.key]}", {})["datarelease_view"] = IMAGE_VIEW
    # CKAN 2.12 counts a DataStore load or drop (datastore_active) and a new view as changes of the
    # dataset (metadata_modified): read it again so that the last call matches what is there now
    dropped = any(t.action == "drop" and t.resource_id for t in plan_.datastore)
    if made_views or loaded or dropped:
        _saw_own_changes(run, portal)
    for key, twin in _twins(plan_.resources).items():
        action = next(a for a in plan_.resources if a.key == key)
        linked_already = ckan.TWIN_LINK in str(action.fields.get("description"))
        if key in run.ids and twin.key in run.ids and not linked_already:
            linked = _twin_link(str(action.fields.get("description") or ""), twin, plan_.name,
                                run.ids[twin.key])
            keys.setdefault(f"resources__{run.ids[key]}", {})["description"] = linked
    descriptor = next(a for a in plan_.resources if a.key == DESCRIPTOR_KEY)
    if descriptor.sends_file:
        _send_file(run, portal, descriptor, progress, update, filter, keys)
    elif update or filter or keys:
        try:
            run.saw(portal.package_revise(run.match(), update=update, filter=filter, update_keys=keys))
        except ConflictError as exc:
            raise run.conflict(exc) from None
    n_meta = len([a for a in plan_.resources if a.action == "update"])
    n_deleted = len([a for a in plan_.resources if a.action == "delete"])
    for what, count in (("updated metadata of", n_meta), ("deleted", n_deleted)):
        if count:
            run.done.append(f"{what} {count} resource{'s' * (count != 1)}")
    if changes:
        run.done.append(f"changed {len(changes)} metadata field{'s' * (len(changes) != 1)}")
    if plan_.make_public:
        run.done.append("made the dataset public")


def apply(plan: Plan, portal: ckan.Portal, progress: Callback | None = None) -> PublishSummary:
    """Make the portal hold the planned release; see the module docstring for the order and why."""
    start = portal.counters()
    if not plan.has_writes:
        return PublishSummary(plan.dataset_url, (), plan.counters)
    if not portal.has_token:
        raise NotAuthorizedError(f"publishing to {portal.url} needs an API token: set CKAN_API_TOKEN "
                                 "or pass --api-token")
    run = _start(plan, portal)
    for action in plan.resources:
        if action.sends_file and action.key != DESCRIPTOR_KEY:
            _send_file(run, portal, action, progress)
    loaded = []
    for table in plan.datastore:
        if table.action == "load":
            _load_table(run, portal, table)
            loaded.append(table)
        elif table.action == "drop" and table.resource_id:
            portal.datastore_delete(table.resource_id)
            run.done.append(f"dropped {table.key} from the DataStore")
    _final_revise(run, portal, loaded, progress)
    return PublishSummary(plan.dataset_url, tuple(run.done), plan.counters + (portal.counters() - start))


def _start(plan: Plan, portal: ckan.Portal) -> _Run:
    done = []
    if plan.organization_action == "create":
        assert plan.organization is not None
        try:
            portal.organization_create(plan.organization)
        except NotAuthorizedError as exc:
            raise NotAuthorizedError(f"the organisation '{plan.organization}' does not exist on "
                                     f"{plan.portal_url} and this token may not create it ({exc}); "
                                     "ask a portal administrator to create it") from None
        done.append(f"created organisation {plan.organization}")
    if plan.dataset_action == "create":
        try:
            created = portal.package_create({**plan.dataset, "private": True})
        except PortalError as exc:
            if "already in use" in str(exc):
                raise ConflictError(f"a dataset named '{plan.name}' appeared on {plan.portal_url} after "
                                    "the plan; nothing was written. Run publish again to plan "
                                    "against it.") from None
            raise
        done.append("created the dataset (private until complete)")
        run = _Run(plan, str(created["id"]), "", done)
        run.saw(created)
        return run
    remote = plan.remote or {}
    run = _Run(plan, str(remote["id"]), str(remote["metadata_modified"]), done)
    _check_unchanged(run, portal)
    run.saw(remote)
    return run


# -- rendering --------------------------------------------------------------------------------


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_plan(plan: Plan) -> str:
    """The plan as a person reads it."""
    where = f"on {plan.portal_url}"
    if plan.organization:
        verb = "to create" if plan.organization_action == "create" else ""
        where += f", organisation {plan.organization} {verb}".rstrip()
    lines = [f"Plan for dataset '{plan.name}' {where}"]
    headline = {"create": "create it (private until complete)", "update": "update it",
                "none": "nothing to do: the portal has this release"}[plan.dataset_action]
    lines.append(f"  dataset: {headline}")
    if plan.changes:
        lines.append("  metadata:")
        lines += [f"    {c.field}: {_short(c.old)} → {_short(c.new)}" for c in plan.changes]
    lines.append("  resources:")
    for r in plan.resources:
        size = f" ({r.bytes} bytes)" if r.sends_file else ""
        lines.append(f"    {r.action:<8} {r.key}{size}: {r.reason}")
    if plan.datastore:
        lines.append("  datastore:")
        lines += [f"    {d.action:<8} {d.key}: {d.reason}" for d in plan.datastore]
    if plan.make_public:
        lines.append("  then: make the dataset public")
    return "\n".join(lines)


def render_summary(summary: PublishSummary) -> str:
    c = summary.counters
    lines = [f"Published {summary.dataset_url}"] if summary.done else [
        f"Nothing to publish: {summary.dataset_url} has this release."]
    lines += [f"  {line}" for line in summary.done]
    lines.append(f"{c.calls} calls ({c.writes} writes), {c.bytes_sent} bytes sent "
                 f"({c.bytes_uploaded} bytes of files)")
    return "\n".join(lines)


def render_json(plan: Plan, summary: PublishSummary | None, *, dry_run: bool) -> str:
    """The plan and (unless a dry run) the summary of calls and bytes, as one JSON document."""
    return json.dumps({"dry_run": dry_run, "plan": plan.to_dict(),
                       "summary": summary.to_dict() if summary else None}, indent=2, ensure_ascii=False)

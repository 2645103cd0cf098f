""":func:`plan`: the local release compared with the portal's dataset *by content*, changing nothing.

Each CKAN resource that datarelease publishes carries ``datarelease_name`` (the stable key that
keeps its id and download URL), ``datarelease_sha256`` and ``datarelease_bytes``: a file is
uploaded, replaced, updated, kept or deleted by what they say, and a table loaded into the
DataStore, kept or dropped by its marker (the CSV's sha256 and its Table Schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datarelease import ckan
from datarelease.errors import NotAuthorizedError, PortalError
from datarelease.publish.actions import (
    DESCRIPTOR_KEY,
    IMAGE_VIEW,
    TABLE_VIEW,
    DataStoreAction,
    FieldChange,
    Plan,
    ResourceAction,
)
from datarelease.publish.local import LocalFile, find_descriptor, link_twins, load_descriptor, local_files

# Set with each upload but not compared afterwards: DataStore loaders rewrite ``hash`` (MD5).
_UPLOAD_ONLY_FIELDS = ("hash", "hash_algorithm")
_DATASET_FIELDS = ("title", "notes", "version", "url", "license_id", "author", "author_email",
                   "maintainer", "maintainer_email")


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


def _content_differs(remote: Mapping[str, Any], local: LocalFile) -> str | None:
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
                      files: list[LocalFile]) -> list[ResourceAction]:
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


def _resource_action(remote: Mapping[str, Any] | None, local: LocalFile) -> ResourceAction:
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


def _datastore_actions(files: list[LocalFile], resources: list[ResourceAction],
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
    descriptor_path = find_descriptor(root_or_descriptor)
    descriptor = load_descriptor(descriptor_path)
    portal_schema = portal.dataset_schema()
    files = local_files(descriptor_path, descriptor, portal_schema)
    if portal.has_token and portal.whoami() is None:
        raise NotAuthorizedError(f"{portal.url} refused the API token (from CKAN_API_TOKEN or "
                                 "--api-token): it is not valid there (mistyped, expired or revoked)")
    name = str(descriptor["name"])
    remote = portal.package_show(name)
    if remote is not None and remote.get("name") != name:
        remote = None  # package_show also answers ids; a dataset *named* so is what we want
    link_twins(files, name, {str(r["datarelease_name"]): str(r["id"])
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

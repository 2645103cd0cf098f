""":func:`apply`: the planned writes, in the order the package docstring gives and why.

Every ``package_revise`` carries ``match`` on the dataset's ``metadata_modified`` as this run last
saw it (:class:`_Run`), so an edit made on the portal by someone else stops the publish with
:class:`ConflictError` instead of being overwritten.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from datarelease import ckan
from datarelease.errors import ConflictError, NotAuthorizedError, PortalError
from datarelease.progress import Callback
from datarelease.publish.actions import (
    DESCRIPTOR_KEY,
    IMAGE_VIEW,
    TABLE_VIEW,
    DataStoreAction,
    Plan,
    PublishSummary,
    ResourceAction,
)
from datarelease.publish.local import twin_link, twins

DATASTORE_CHUNK = 5000  # rows per DataStore call


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
    for key, twin in twins(plan_.resources).items():
        action = next(a for a in plan_.resources if a.key == key)
        linked_already = ckan.TWIN_LINK in str(action.fields.get("description"))
        if key in run.ids and twin.key in run.ids and not linked_already:
            linked = twin_link(str(action.fields.get("description") or ""), twin, plan_.name,
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
    """Make the portal hold the planned release; see the package docstring for the order and why."""
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

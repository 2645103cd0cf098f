"""What a plan says, as plain data: the change of each metadata field, the action on each file's
CKAN resource and on each table's DataStore table, the :class:`Plan` itself, and what a publish
did (:class:`PublishSummary`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datarelease import ckan

DESCRIPTOR_KEY = "datapackage.json"  # datarelease_name of the descriptor's own CKAN resource
TABLE_VIEW = "datatables_view"  # CKAN's table preview of a DataStore table
IMAGE_VIEW = "image_view"  # CKAN's view of an image resource (the organisation network's SVG)


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

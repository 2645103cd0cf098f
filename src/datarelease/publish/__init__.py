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

The modules (this package's names are re-exported here, where they always were):

- ``actions``: what a plan says, as plain data (:class:`Plan`, :class:`PublishSummary` …);
- ``local``: the local release's files, checked against the descriptor, with their CKAN fields;
- ``planning``: :func:`plan`, by content, changing nothing;
- ``applying``: :func:`apply`, in the order above;
- ``render``: the plan and the summary for people (:func:`render_plan`) and as JSON.
"""

from __future__ import annotations

from datarelease.publish.actions import (
    DESCRIPTOR_KEY,
    DataStoreAction,
    FieldChange,
    Plan,
    PublishSummary,
    ResourceAction,
)
from datarelease.publish.actions import IMAGE_VIEW as IMAGE_VIEW
from datarelease.publish.actions import TABLE_VIEW as TABLE_VIEW
from datarelease.publish.applying import DATASTORE_CHUNK as DATASTORE_CHUNK
from datarelease.publish.applying import apply
from datarelease.publish.planning import plan
from datarelease.publish.render import render_json as render_json
from datarelease.publish.render import render_plan, render_summary

__all__ = [
    "DESCRIPTOR_KEY", "DataStoreAction", "FieldChange", "Plan",
    "PublishSummary", "ResourceAction", "apply", "plan", "render_plan", "render_summary",
]

"""Talking to a CKAN portal: the only package that imports ckanapi (in :mod:`.portal`).

:class:`Portal` wraps the few CKAN actions datarelease uses; its answers become our exceptions
(:mod:`datarelease.errors`) there and nowhere else, and the API token never appears in ``repr``,
messages or counters. The rest is pure functions: the Data Package ⇄ CKAN dataset mapping
(:func:`dataset_from_package`, :func:`resource_fields`, :func:`package_from_dataset`), the frozen
dataset that keeps each released version (:func:`version_dataset_name`, :func:`frozen_descriptor`,
:func:`released_descriptor`), and Table Schema → DataStore columns and values
(:func:`datastore_fields`, :func:`datastore_record`).

The modules, and this package's names (re-exported here, where they always were):

- ``transport``: the token kept safe, answers read as they arrive, streamed multipart uploads;
- ``portal``: :class:`Portal` (calls, retries, counters, CKAN's errors → ours), :class:`PortalSchema`;
- ``mapping``: the Data Package ⇄ CKAN dataset mapping;
- ``dcatap``: the DCAT-AP fields of a portal that runs ckanext-dcat's DCAT-AP schema;
- ``frozen``: the frozen dataset of each released version;
- ``datastore``: Table Schema → DataStore.
"""

from __future__ import annotations

from datarelease.ckan.datastore import datastore_fields, datastore_primary_key, datastore_record
from datarelease.ckan.dcatap import ACCESS_RIGHTS_PUBLIC as ACCESS_RIGHTS_PUBLIC
from datarelease.ckan.dcatap import AVAILABILITY_STABLE as AVAILABILITY_STABLE
from datarelease.ckan.dcatap import DCAT_DATASET_FIELDS as DCAT_DATASET_FIELDS
from datarelease.ckan.dcatap import dcat_fields as dcat_fields
from datarelease.ckan.dcatap import dcat_resource_fields as dcat_resource_fields
from datarelease.ckan.frozen import frozen_descriptor, released_descriptor
from datarelease.ckan.mapping import (
    HASH_ALGORITHM_SHA256,
    dataset_from_package,
    license_id_for,
    package_from_dataset,
    resource_fields,
    unjsonify,
)
from datarelease.ckan.mapping import TWIN_LINK as TWIN_LINK
from datarelease.ckan.portal import DEFAULT_RETRIES as DEFAULT_RETRIES
from datarelease.ckan.portal import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from datarelease.ckan.portal import MAX_ANSWER_BYTES as MAX_ANSWER_BYTES
from datarelease.ckan.portal import Counters, Portal, PortalSchema
from datarelease.ckan.transport import MIN_REDACTED as MIN_REDACTED
from datarelease.ckan.transport import Upload, check_token_transport, iter_body
from datarelease.ckan.transport import is_loopback as is_loopback
from datarelease.ckan.transport import redact as redact
from datarelease.versions import version_dataset_name as version_dataset_name

__all__ = [
    "HASH_ALGORITHM_SHA256",
    "Counters",
    "Portal",
    "PortalSchema",
    "Upload",
    "check_token_transport",
    "dataset_from_package",
    "datastore_fields",
    "datastore_primary_key",
    "datastore_record",
    "frozen_descriptor",
    "iter_body",
    "license_id_for",
    "package_from_dataset",
    "released_descriptor",
    "resource_fields",
    "unjsonify",
]

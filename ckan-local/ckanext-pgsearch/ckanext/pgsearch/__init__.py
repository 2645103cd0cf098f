"""pgsearch: let a DEVELOPMENT CKAN search its datasets without Solr. Never enable it on a real
portal: production CKAN portals run Solr, which this only stands in for.

Why it exists: this project's local CKAN (scripts/ckan-local) runs on machines where no Solr
can be installed, and CKAN has no setting that turns its search index off: without Solr,
package_create is rolled back with SearchIndexError and organization_create/_show answer HTTP 500.

What it does: in update_config it swaps CKAN's package index for one that stores nothing (the
datasets are in PostgreSQL already) and CKAN's package query for one that answers from
PostgreSQL (:mod:`ckanext.pgsearch.query`), so that package_search, the /dataset list, the
organisation pages, organisation dataset counts and ckanext-dcat's /catalog.* find the datasets.

It patches private names of ckan.lib.search (_INDICES, _QUERIES), checked against CKAN 2.11.6
and 2.12.0: keep the CKAN version pinned.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import ckan.plugins as p
from ckan.lib import search
from ckan.lib.search.common import SearchError
from ckanext.pgsearch.query import Search

log = logging.getLogger(__name__)


class PgSearchPackageIndex(search.PackageSearchIndex):
    """Indexing is a no-op: the query reads PostgreSQL's own tables."""

    def index_package(self, pkg_dict: Any, defer_commit: bool = False) -> None:
        return None

    def delete_package(self, pkg_dict: Any) -> None:
        return None

    def commit(self) -> None:
        return None

    def clear(self) -> None:
        return None


def _package(dataset_id: str) -> dict[str, Any] | None:
    """The dataset as package_show gives it; None (logged) for one that cannot be shown: Solr
    would still hold its last good copy, a search must not fail for one broken dataset."""
    try:
        return p.toolkit.get_action("package_show")({"ignore_auth": True, "use_cache": False},
                                                    {"id": dataset_id})
    except p.toolkit.ObjectNotFound:
        return None
    except Exception:  # e.g. extras that clash with the portal's dataset schema
        log.warning("pgsearch: package_show of %s failed; left out of the results", dataset_id,
                    exc_info=True)
        return None


def _field(dataset: dict[str, Any], name: str) -> Any:
    if name == "groups":
        return [g["name"] for g in dataset.get("groups") or []]
    if name == "organization":
        return (dataset.get("organization") or {}).get("name")
    return dataset.get(name)


class PgSearchPackageQuery(search.PackageSearchQuery):
    """package_search from PostgreSQL (see ckanext.pgsearch.query)."""

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        _, ids, _ = Search({"q": "*:*", "fq": "+state:(active OR draft OR deleted)"}, None).run(
            {"rows": max_results, "sort": "name asc"})
        return ids

    def get_index(self, reference: str) -> dict[str, Any]:
        # package_show catches SearchError and reads the dataset from PostgreSQL.
        raise SearchError("pgsearch: there is no search index on this portal")

    def run(self, query: Any, permission_labels: Any = None, **kwargs: Any) -> dict[str, Any]:
        query = dict(query)
        self.count, ids, self.facets = Search(query, permission_labels).run(query)
        fl = query.get("fl") or "name"
        fields = fl.split() if isinstance(fl, str) else list(fl)
        results: list[Any] = []
        for dataset_id in ids:
            dataset = _package(dataset_id)
            if dataset is None:
                continue
            if fields in (["id"], ["name"]):
                results.append(dataset[fields[0]])
                continue
            row: dict[str, Any] = {}
            for name in fields:
                if name in ("validated_data_dict", "data_dict"):
                    row[name] = json.dumps(dataset)
                else:
                    row[name] = _field(dataset, name)
            results.append(row)
        self.results = results
        return {"results": results, "count": self.count}


class PgSearchPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config: Any) -> None:
        search._INDICES["package"] = PgSearchPackageIndex
        search._QUERIES["package"] = PgSearchPackageQuery
        # Used by name: datastore's set_datastore_active_flag, bulk_update_*,
        # model_dictize.get_group_dataset_counts and tag_dictize.
        search.PackageSearchIndex = PgSearchPackageIndex
        search.PackageSearchQuery = PgSearchPackageQuery
        # Runs right after the plugins' update_config; only silences the traceback.
        search.check_solr_schema_version = lambda *args, **kwargs: False

"""nosolr: let a DEVELOPMENT CKAN run without Solr. Never enable it on a real portal.

Why it exists: this project's local CKAN (scripts/ckan-local) runs on machines where
no Solr can be installed, and CKAN has no setting that turns its search index off.
Without Solr, package_create is rolled back with SearchIndexError and
organization_create/_show answer HTTP 500 "Search Connection Error".

What it does: in update_config it swaps CKAN's package index and package query for
ones that store nothing and find nothing. Dataset search is therefore EMPTY on this
development portal: package_search always answers count 0, organization
package_count is 0, the /dataset list and ckanext-dcat's /catalog.* list no datasets.
package_show, package_list, resource_search and the DataStore read PostgreSQL and work.

It patches private names of ckan.lib.search (_INDICES, _QUERIES), checked against
CKAN 2.11.6 only: keep the CKAN version pinned.
"""
from typing import Any

import ckan.plugins as p
from ckan.lib import search
from ckan.lib.search.common import SearchError


class NoSolrPackageSearchIndex(search.PackageSearchIndex):
    """Indexing is a no-op: nothing is sent anywhere."""

    def index_package(self, pkg_dict: Any, defer_commit: bool = False) -> None:
        return None

    def delete_package(self, pkg_dict: Any) -> None:
        return None

    def commit(self) -> None:
        return None

    def clear(self) -> None:
        return None


class NoSolrPackageSearchQuery(search.PackageSearchQuery):
    """Every dataset search finds nothing (facets asked for come back empty)."""

    def get_all_entity_ids(self, max_results: int = 1000) -> list:
        return []

    def get_index(self, reference: str) -> dict:
        # package_show catches SearchError and reads the dataset from PostgreSQL.
        raise SearchError("nosolr: there is no search index on this portal")

    def run(self, query: Any, permission_labels: Any = None, **kwargs: Any) -> dict:
        fields = query.get("facet.field") or []
        if isinstance(fields, str):
            fields = [fields]
        self.count, self.results = 0, []
        self.facets = {field: {} for field in fields}
        return {"results": [], "count": 0}


class NoSolrPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config: Any) -> None:
        search._INDICES["package"] = NoSolrPackageSearchIndex
        search._QUERIES["package"] = NoSolrPackageSearchQuery
        # Used by name: datastore's set_datastore_active_flag, bulk_update_*,
        # model_dictize.get_group_dataset_counts and tag_dictize.
        search.PackageSearchIndex = NoSolrPackageSearchIndex
        search.PackageSearchQuery = NoSolrPackageSearchQuery
        # Runs right after the plugins' update_config; only silences the traceback.
        search.check_solr_schema_version = lambda *args, **kwargs: False

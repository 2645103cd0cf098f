"""Search on the development portal (ckan-local/ckanext-pgsearch), through the real portal.

Every test makes its own organisation with datasets in it and asks the portal's own
package_search, web pages and ckanext-dcat catalog, filtered to that organisation (the portal is
shared with other tests).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF

from datarelease import dcat, publish
from datarelease.ckan import Portal
from datarelease.errors import PortalError

pytestmark = pytest.mark.ckan


def _search(portal: Portal, **params: Any) -> dict[str, Any]:
    result: dict[str, Any] = portal.call("package_search", params)
    return result


def _names(result: dict[str, Any]) -> list[str]:
    return [d["name"] for d in result["results"]]


@pytest.fixture
def catalogue(ckan_portal: Portal, ckan_names: dict[str, str]) -> Iterator[dict[str, Any]]:
    """An organisation with three public datasets and a private one, each findable by one text source."""
    org = ckan_portal.organization_create(ckan_names["org"])
    word = uuid.uuid4().hex[:8]
    base = f"dr-search-{word}"
    specs = [
        {"name": f"{base}-a", "title": f"Harbour {word}alpha statistics", "notes": "Ships and ports.",
         "license_id": "cc-by", "tags": [{"name": "maritime"}, {"name": "transport"}],
         "resources": [{"name": "Arrivals table", "url": "http://example.invalid/a.csv", "format": "CSV"}]},
        {"name": f"{base}-b", "title": "Aardvark library loans",
         "notes": f"Books lent, by {word}beta branch.",
         "license_id": "cc-zero", "tags": [{"name": "culture"}],
         "resources": [{"name": "Loans", "url": "http://example.invalid/b.json", "format": "JSON"}]},
        {"name": f"{base}-c", "title": "Road works", "notes": "Planned closures.",
         "license_id": "cc-by", "tags": [{"name": f"{word}gamma"}, {"name": "transport"}],
         "resources": [{"name": f"Closures {word}delta", "url": "http://example.invalid/c.csv",
                        "format": "CSV"}]},
        {"name": f"{base}-private", "title": f"Secret {word}alpha notes", "notes": "Only members.",
         "license_id": "cc-by", "private": True, "tags": [{"name": "transport"}], "resources": []},
    ]
    for spec in specs:
        ckan_portal.package_create({**spec, "owner_org": org["id"]})
    yield {"org": ckan_names["org"], "org_id": org["id"], "word": word, "base": base}
    for spec in specs:
        ckan_portal.dataset_purge(spec["name"])


def test_free_text_over_titles_descriptions_tags_and_resource_names(ckan_portal: Portal,
                                                                    catalogue: dict[str, Any]) -> None:
    word, base, fq = catalogue["word"], catalogue["base"], f"organization:{catalogue['org']}"
    for query, expected in ((f"{word}alpha", [f"{base}-a"]), (f"{word}beta", [f"{base}-b"]),
                            (f"{word}gamma", [f"{base}-c"]), (f"{word}delta", [f"{base}-c"]),
                            ("ports", [f"{base}-a"]), (f"{word}nothing", [])):
        result = _search(ckan_portal, q=query, fq=fq)
        assert _names(result) == expected and result["count"] == len(expected), query


def test_filters_on_organisation_tags_formats_and_licence(ckan_portal: Portal,
                                                         catalogue: dict[str, Any]) -> None:
    base, org = catalogue["base"], f"organization:{catalogue['org']}"
    cases = {
        "": [f"{base}-a", f"{base}-b", f"{base}-c"],
        "tags:transport": [f"{base}-a", f"{base}-c"],
        'tags:"culture"': [f"{base}-b"],
        "res_format:JSON": [f"{base}-b"],
        "license_id:cc-by": [f"{base}-a", f"{base}-c"],
        "tags:transport -res_format:CSV": [],
        "license_id:(cc-zero OR cc-by) -tags:maritime": [f"{base}-b", f"{base}-c"],
    }
    for extra, expected in cases.items():
        result = _search(ckan_portal, fq=f"{org} {extra}", sort="name asc")
        assert _names(result) == expected, extra
    assert _search(ckan_portal, fq=f"owner_org:{catalogue['org_id']}")["count"] == 3
    with pytest.raises(PortalError, match="cannot filter on 'colour'"):
        _search(ckan_portal, fq="colour:red")


def test_facets_sort_and_paging(ckan_portal: Portal, catalogue: dict[str, Any]) -> None:
    base, fq = catalogue["base"], f"organization:{catalogue['org']}"
    result = _search(ckan_portal, fq=fq, rows=0,
                     **{"facet.field": '["tags", "res_format", "license_id", "organization"]'})
    assert result["count"] == 3 and result["results"] == []
    facets = result["facets"]
    assert facets["tags"] == {"transport": 2, "maritime": 1, "culture": 1, f"{catalogue['word']}gamma": 1}
    assert facets["res_format"] == {"CSV": 2, "JSON": 1}
    assert facets["license_id"] == {"cc-by": 2, "cc-zero": 1}
    assert facets["organization"] == {catalogue["org"]: 3}
    assert {i["name"]: i["count"] for i in result["search_facets"]["tags"]["items"]}["transport"] == 2
    names = [f"{base}-a", f"{base}-b", f"{base}-c"]
    assert _names(_search(ckan_portal, fq=fq, sort="name desc")) == names[::-1]
    assert _names(_search(ckan_portal, fq=fq, sort="title_string asc")) == [names[1], names[0], names[2]]
    pages = [_names(_search(ckan_portal, fq=fq, sort="name asc", rows=2, start=start)) for start in (0, 2)]
    assert pages == [names[:2], names[2:]]
    with pytest.raises(PortalError, match="sort"):
        _search(ckan_portal, fq=fq, sort="colour asc")


def test_private_datasets_only_for_those_allowed(ckan_portal: Portal, ckan_env: Any,
                                                 catalogue: dict[str, Any]) -> None:
    word, base, fq = catalogue["word"], catalogue["base"], f"organization:{catalogue['org']}"
    anonymous = Portal(ckan_env.url)
    assert _names(_search(anonymous, q=f"{word}alpha", fq=fq, include_private=True)) == [f"{base}-a"]
    assert _names(_search(ckan_portal, q=f"{word}alpha", fq=fq)) == [f"{base}-a"]
    found = _names(_search(ckan_portal, q=f"{word}alpha", fq=fq, include_private=True, sort="name asc"))
    assert found == [f"{base}-a", f"{base}-private"]


def test_the_web_pages_and_counts_list_the_datasets(ckan_portal: Portal, ckan_env: Any,
                                                    catalogue: dict[str, Any]) -> None:
    base, org = catalogue["base"], catalogue["org"]
    assert ckan_portal.call("organization_show", {"id": org})["package_count"] == 4  # a sysadmin
    assert Portal(ckan_env.url).call("organization_show", {"id": org})["package_count"] == 3
    page = requests.get(f"{ckan_portal.url}/organization/{org}", timeout=30)
    assert page.status_code == 200 and f"/dataset/{base}-a" in page.text
    assert f"/dataset/{base}-private" not in page.text  # anonymous
    query = {"q": catalogue["word"] + "beta"}
    listing = requests.get(f"{ckan_portal.url}/dataset/", params=query, timeout=30)
    assert listing.status_code == 200 and f"/dataset/{base}-b" in listing.text


def test_the_catalog_lists_a_published_release_and_conforms(ckan_portal: Portal, ckan_release: Path,
                                                            ckan_names: dict[str, str]) -> None:
    publish.apply(publish.plan(ckan_release, ckan_portal, org=ckan_names["org"]), ckan_portal)
    dataset = ckan_portal.package_show(ckan_names["dataset"])
    assert dataset is not None
    response = requests.get(f"{ckan_portal.url}/catalog.ttl",
                            params={"fq": f"organization:{ckan_names['org']}"}, timeout=60)
    response.raise_for_status()
    graph = Graph().parse(data=response.text, format="turtle")
    uri = URIRef(f"{ckan_portal.url}/dataset/{dataset['id']}")
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == {uri}
    assert (next(iter(graph.subjects(RDF.type, DCAT.Catalog))), DCAT.dataset, uri) in graph
    assert dcat.check_graph(graph)[0] == []

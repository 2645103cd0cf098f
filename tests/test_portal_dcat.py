"""The portal's own DCAT-AP export of a published release, and publishing to a plain CKAN.

The local portal runs ckanext-scheming with ckanext-dcat's DCAT-AP schema, the DCAT-AP 3 profile
and this repository's profile (ckan-local/ckanext-datarelease); the plain CKAN beside it runs
CKAN's own schema over the same databases. Both are real CKANs started by scripts/ckan-local.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from datarelease import dcat, publish
from datarelease.ckan import Portal
from datarelease.errors import PortalError

from .ckan_fixtures import REPO

pytestmark = pytest.mark.ckan

SPDX = "http://spdx.org/rdf/terms#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
EU = "http://publications.europa.eu/resource/authority/"
RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "xml": "xml"}


def _release(tmp_path: Path, name: str) -> Path:
    root = tmp_path / "release"
    root.mkdir(parents=True)
    for folder in ("publish", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = name
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return root


def _descriptor(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return data


def _export(portal_url: str, name: str, fmt: str) -> Graph:
    response = requests.get(f"{portal_url}/dataset/{name}.{fmt}", timeout=60)
    response.raise_for_status()
    return Graph().parse(data=response.text, format=RDF_FORMATS[fmt])


def _published(portal: Portal, root: Path, org: str) -> dict[str, Any]:
    publish.apply(publish.plan(root, portal, org=org), portal)
    dataset = portal.package_show(_descriptor(root)["name"])
    assert dataset is not None
    return dataset


def test_publish_fills_the_dcat_ap_fields_not_extras(ckan_portal: Portal, ckan_release: Path,
                                                     ckan_names: dict[str, str]) -> None:
    dataset = _published(ckan_portal, ckan_release, ckan_names["org"])
    local = _descriptor(ckan_release)
    assert dataset["publisher"][0]["uri"] == local["publisher"]["path"]
    assert dataset["publisher"][0]["type"].endswith("/NonProfitOrganisation")
    assert dataset["contact"][0]["email"] == local["contactPoint"]["email"]
    assert dataset["theme"] == [f"{EU}data-theme/{code}" for code in local["themes"]]
    assert dataset["language"] == [f"{EU}language/SWE", f"{EU}language/ENG"]
    assert [p["uri"] for p in dataset["spatial_coverage"]] == [
        f"{EU}country/{code}" for code in local["spatialCoverage"]]
    extras = {e["key"] for e in dataset.get("extras") or []}
    assert not extras & {"publisher", "contactPoint", "themes", "spatialCoverage", "language"}
    for resource in dataset["resources"]:
        assert resource["license"] == f"{EU}licence/CC_BY_4_0"
        assert resource["hash"] == resource["datarelease_sha256"]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_the_portal_export_conforms_to_dcat_ap_3_and_dcat_ap_se(
        fmt: str, ckan_portal: Portal, ckan_release: Path, ckan_names: dict[str, str]) -> None:
    dataset = _published(ckan_portal, ckan_release, ckan_names["org"])
    graph = _export(ckan_portal.url, ckan_names["dataset"], fmt)
    violations, _ = dcat.check_graph(graph)
    assert violations == []
    uri = URIRef(f"{ckan_portal.url}/dataset/{dataset['id']}")
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == {uri}
    local = _descriptor(ckan_release)
    # DCAT-AP-SE: a publisher with a name and an ADMS publisher type, a contact point with a name
    # and an e-mail address, a description, and a licence on each distribution
    publisher = graph.value(uri, DCTERMS.publisher)
    assert publisher == URIRef(local["publisher"]["path"])
    assert graph.value(publisher, FOAF.name) == Literal(local["publisher"]["title"])
    kind = graph.value(publisher, DCTERMS.type)
    assert kind == URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
    assert (kind, RDF.type, SKOS.Concept) in graph
    contact = graph.value(uri, DCAT.contactPoint)
    assert (contact, RDF.type, URIRef(f"{VCARD}Kind")) in graph
    email = URIRef(f"mailto:{local['contactPoint']['email']}")
    assert graph.value(contact, URIRef(f"{VCARD}hasEmail")) == email
    assert graph.value(contact, URIRef(f"{VCARD}fn")) is not None
    assert str(graph.value(uri, DCTERMS.description)) == local["description"]
    assert set(graph.objects(uri, DCAT.theme)) == {URIRef(f"{EU}data-theme/GOVE")}
    places = {URIRef(f"{EU}country/SWE"), URIRef(f"{EU}country/NOR")}
    assert set(graph.objects(uri, DCTERMS.spatial)) == places
    by_name = {r["datarelease_name"]: r for r in dataset["resources"]}
    for resource in local["resources"]:
        dist = URIRef(f"{uri}/resource/{by_name[resource['name']]['id']}")
        assert graph.value(dist, DCTERMS.license) == URIRef(f"{EU}licence/CC_BY_4_0")
        # the same EU file type as datarelease's own record gives it
        file_type = dcat.FILE_TYPES[resource["format"].lower()]
        assert graph.value(dist, DCTERMS["format"]) == URIRef(f"{EU}file-type/{file_type}")
        assert int(graph.value(dist, DCAT.byteSize)) == resource["bytes"]  # type: ignore[arg-type]
        checksum = graph.value(dist, URIRef(f"{SPDX}checksum"))
        assert f"sha256:{graph.value(checksum, URIRef(f'{SPDX}checksumValue'))}" == resource["hash"]
        if resource.get("mediatype"):
            media = URIRef(f"https://www.iana.org/assignments/media-types/{resource['mediatype']}")
            assert graph.value(dist, DCAT.mediaType) == media


def test_a_republish_without_change_writes_nothing_on_either_portal(
        ckan_portal: Portal, ckan_release: Path, ckan_names: dict[str, str],
        plain_ckan_portal: Portal, plain_ckan_names: dict[str, str], tmp_path: Path) -> None:
    for portal, root, org in ((ckan_portal, ckan_release, ckan_names["org"]),
                              (plain_ckan_portal, _release(tmp_path / "plain", plain_ckan_names["dataset"]),
                               plain_ckan_names["org"])):
        _published(portal, root, org)
        again = publish.plan(root, portal, org=org)
        assert again.dataset_action == "none" and again.changes == (), again.changes
        assert publish.apply(again, portal).counters.writes == 0


def test_a_plain_ckan_gets_the_metadata_as_extras(plain_ckan_portal: Portal, plain_ckan_names: dict[str, str],
                                                  tmp_path: Path) -> None:
    root = _release(tmp_path, plain_ckan_names["dataset"])
    assert plain_ckan_portal.dataset_schema() is None
    dataset = _published(plain_ckan_portal, root, plain_ckan_names["org"])
    local = _descriptor(root)
    extras = {e["key"]: json.loads(e["value"]) if e["value"][:1] in "[{" else e["value"]
              for e in dataset["extras"]}
    for key in ("publisher", "contactPoint", "themes", "spatialCoverage", "language"):
        assert extras[key] == local[key], key
    assert "theme" not in dataset and "publisher" not in dataset
    graph = _export(plain_ckan_portal.url, plain_ckan_names["dataset"], "ttl")
    assert set(graph.subjects(RDF.type, DCAT.Dataset))  # ckanext-dcat still exports it


def test_tables_get_a_preview_a_readable_dictionary_and_parquet_links_its_csv_twin(
        ckan_portal: Portal, ckan_release: Path, ckan_names: dict[str, str]) -> None:
    dataset = _published(ckan_portal, ckan_release, ckan_names["org"])
    local = _descriptor(ckan_release)
    by_name = {r["datarelease_name"]: r for r in dataset["resources"]}
    tables = [r for r in local["resources"] if r["format"] == "csv"]
    assert tables
    for table in tables:
        resource = by_name[table["name"]]
        views = ckan_portal.resource_view_list(resource["id"])
        assert [v["view_type"] for v in views] == [publish.TABLE_VIEW]
        schema = json.loads((ckan_release / table["schema"]).read_text(encoding="utf-8"))
        fields = ckan_portal.datastore_search(resource["id"], limit=0)["fields"]
        info = {f["id"]: f.get("info") or {} for f in fields if f["id"] != "_id"}
        for field in schema["fields"]:
            assert field.get("title") and info[field["name"]]["label"] == field["title"]
            assert info[field["name"]]["notes"] == field.get("description", "")
        twin = by_name[f"{table['name']}-parquet"]
        link = f"(/dataset/{ckan_names['dataset']}/resource/{resource['id']})"
        assert twin["description"].endswith(link) and "Apache Parquet" in twin["description"]
    # nothing more to do: a second publish neither adds views nor rewrites descriptions
    again = publish.plan(ckan_release, ckan_portal, org=ckan_names["org"])
    assert not again.has_writes


def test_a_dataset_with_dcat_extras_is_a_clear_error_on_the_scheming_portal(
        ckan_portal: Portal, plain_ckan_portal: Portal, plain_ckan_names: dict[str, str],
        tmp_path: Path) -> None:
    """The two portals share their databases: what the plain one stored in extras clashes with the
    DCAT-AP schema's fields of the same names (a portal switched to the schema sees the same)."""
    root = _release(tmp_path, plain_ckan_names["dataset"])
    _published(plain_ckan_portal, root, plain_ckan_names["org"])
    with pytest.raises(PortalError, match=r"published with its metadata in extras .* Purge it"):
        publish.plan(root, ckan_portal, org=plain_ckan_names["org"])

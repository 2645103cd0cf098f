from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from datarelease import dcat, validate
from datarelease.cli import main
from datarelease.errors import SchemaError, ValidationFailed

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "dcat"
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
DESCRIPTOR: dict[str, Any] = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))


def _release_copy(tmp_path: Path, **changes: Any) -> Path:
    root = tmp_path / "release"
    shutil.copytree(REPO / "publish", root / "publish")
    shutil.copytree(REPO / "schemas", root / "schemas")
    descriptor = {**copy.deepcopy(DESCRIPTOR), **changes}
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return root


@pytest.mark.parametrize("profile", dcat.PROFILES)
def test_the_seed_release_passes_the_dcat_ap_3_shapes(profile: str) -> None:
    violations, warnings = dcat.check_graph(dcat.build_graph(DESCRIPTOR, profile=profile))
    assert violations == []
    # Recommended properties the seed has no value for (temporal coverage, place geometry,
    # licence type) remain warnings, which do not fail the check.
    assert {(w.severity, w.path) for w in warnings} <= {
        ("Warning", "dct:temporal"), ("Warning", "dcat:bbox"), ("Warning", "dcat:centroid"),
        ("Warning", "dct:type")}


def test_the_record_describes_every_file() -> None:
    graph = dcat.build_graph(DESCRIPTOR)
    dataset = URIRef("urn:datarelease:innovation-public-sector-news:0.1.0")
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, URIRef(str(DCAT) + "version")) == Literal("0.1.0")
    assert set(graph.objects(dataset, DCAT.theme)) == {URIRef(f"{EU}data-theme/GOVE")}
    assert set(graph.objects(dataset, DCTERMS.language)) == {URIRef(f"{EU}language/SWE"),
                                                             URIRef(f"{EU}language/ENG")}
    assert set(graph.objects(dataset, DCTERMS.spatial)) == {URIRef(f"{EU}country/SWE"),
                                                            URIRef(f"{EU}country/NOR")}
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert publisher == URIRef("https://datarelease.invalid/")
    assert (publisher, RDF.type, FOAF.Agent) in graph
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:maintainers@datarelease.invalid")
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(DESCRIPTOR["resources"])
    for resource in DESCRIPTOR["resources"]:
        dist = URIRef(f"{dataset}:{resource['name']}")
        assert graph.value(dist, DCAT.byteSize) == Literal(resource["bytes"], datatype=XSD.nonNegativeInteger)
        checksum = graph.value(dist, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == resource["hash"].removeprefix("sha256:")
        assert graph.value(dist, DCTERMS.license) == URIRef(f"{EU}licence/CC_BY_4_0")
        assert graph.value(dist, DCAT.mediaType) == URIRef(
            f"https://www.iana.org/assignments/media-types/{resource['mediatype']}")
        expected = {"csv": "CSV", "parquet": "PARQUET", "svg": "SVG", "md": "TXT"}[resource["format"].lower()]
        assert graph.value(dist, DCTERMS.format) == URIRef(f"{EU}file-type/{expected}")


def test_every_referenced_resource_has_a_class() -> None:
    graph = dcat.build_graph(DESCRIPTOR)
    for _, p, o in graph:
        if isinstance(o, URIRef) and p != RDF.type and p not in (DCAT.accessURL, DCAT.downloadURL,
                                                                    VCARD.hasEmail, SPDX.algorithm):
            assert graph.value(o, RDF.type) is not None, f"{p} {o} has no class"


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "xml"])
def test_serialisations_carry_the_same_graph(fmt: str) -> None:
    graph = dcat.build_graph(DESCRIPTOR)
    text = dcat.serialise(graph, fmt)
    parsed = Graph().parse(data=text, format={"ttl": "turtle", "jsonld": "json-ld", "xml": "xml"}[fmt])
    assert isomorphic(graph, parsed)


def test_the_swedish_examples_fail_the_range_shapes_without_declared_classes() -> None:
    """The DCAT-AP-SE recommended example references licences, concepts, media types and places
    without declaring their classes, which the DCAT-AP 3 range shapes check."""
    example = Graph().parse(DATA / "dcat-ap-se-rekommenderat.ttl", format="turtle")
    violations, _ = dcat.check_graph(example)
    messages = sorted({v.message for v in violations})
    assert messages == [
        "Value does not have class dct:LicenseDocument",
        "Value does not have class dct:LinguisticSystem",
        "Value does not have class dct:Location",
        "Value does not have class dct:MediaTypeOrExtent",
        "Value does not have class dct:RightsStatement",
        "Value does not have class foaf:Document",
        "Value does not have class skos:Concept",
        "Value does not have class skos:ConceptScheme",
        "Value does not have class vcard:Kind",
        "Value is not of Node Kind sh:BlankNodeOrIRI",  # dct:format "text/csv", a literal
    ]
    mandatory = Graph().parse(DATA / "dcat-ap-se-obligatoriskt.ttl", format="turtle")
    assert sorted(v.message for v in dcat.check_graph(mandatory)[0]) == [
        "Value does not have class dct:LicenseDocument", "Value does not have class vcard:Kind"]


def test_the_swedish_mandatory_example_passes_once_its_classes_are_declared() -> None:
    example = Graph().parse(DATA / "dcat-ap-se-obligatoriskt.ttl", format="turtle")
    example.add((URIRef("http://creativecommons.org/publicdomain/zero/1.0/"), RDF.type,
                 DCTERMS.LicenseDocument))
    example.add((URIRef("https://example.com/contactpoint1"), RDF.type, VCARD.Kind))
    assert dcat.check_graph(example)[0] == []


def test_a_violation_is_reported() -> None:
    graph = dcat.build_graph(DESCRIPTOR)
    graph.remove((None, DCTERMS.title, None))
    violations, _ = dcat.check_graph(graph)
    assert {(v.path, v.message.split(" on ")[0]) for v in violations} == {
        ("dct:title", "Less than 1 values")}
    graph = dcat.build_graph(DESCRIPTOR)
    graph.remove((URIRef(f"{EU}data-theme/GOVE"), RDF.type, SKOS.Concept))
    assert [v.message for v in dcat.check_graph(graph)[0]] == ["Value does not have class skos:Concept"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"themes": ["NOPE"]}, r"themes\[0\] .*unknown EU data theme 'NOPE'; use one of AGRI, "),
    ({"licenses": [{"name": "my-own-licence"}]},
     r"licenses\[0\]: licence 'my-own-licence' has no known URI"),
    ({"language": ["sv", "xx"]}, r"language\[1\]: language 'xx' has no known EU language URI"),
    ({"spatialCoverage": ["Sverige"]}, r"spatialCoverage\[0\] .*not an EU country code"),
    ({"publisher": {"title": "Us"}}, r"publisher .*needs a URI as 'path'"),
    ({"publisher": {"title": "Us", "path": "https://x.invalid/", "type": "Club"}},
     r"unknown publisher type 'Club'"),
])
def test_metadata_without_a_known_uri_is_an_error(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        dcat.build_graph({**DESCRIPTOR, **changes})


def test_a_licence_with_a_url_is_its_own_licence_document() -> None:
    graph = dcat.build_graph({**DESCRIPTOR, "licenses": [{"name": "x", "path": "https://x.invalid/l"}]})
    assert (URIRef("https://x.invalid/l"), RDF.type, DCTERMS.LicenseDocument) in graph
    assert dcat.check_graph(graph)[0] == []


def test_the_swedish_profile_needs_the_publisher_type() -> None:
    publisher = {k: v for k, v in DESCRIPTOR["publisher"].items() if k != "type"}
    descriptor = {**DESCRIPTOR, "publisher": publisher}
    dcat.build_graph(descriptor, profile="dcat-ap-3")
    with pytest.raises(SchemaError, match=r"the Swedish profile .* requires the publisher's type"):
        dcat.build_graph(descriptor, profile="dcat-ap-se")


def test_portal_record_uses_the_portal_uris_and_dates() -> None:
    dataset = {"id": "d-1", "name": "people", "metadata_created": "2026-01-02T03:04:05.678901",
               "metadata_modified": "2026-01-03T00:00:00.1",
               "resources": [{"id": "r-1", "datarelease_name": "organisations",
                              "url": "http://ckan.test/dataset/d-1/resource/r-1/download/organisations.csv",
                              "created": "2026-01-02T03:04:06"}]}
    record = dcat.portal_record("http://ckan.test/", dataset)
    assert record.dataset_uri == "http://ckan.test/dataset/d-1"
    assert record.landing_page == "http://ckan.test/dataset/people"
    assert (record.issued, record.modified) == ("2026-01-02T03:04:05Z", "2026-01-03T00:00:00Z")
    graph = dcat.build_graph(DESCRIPTOR, portal=record)
    dist = URIRef("http://ckan.test/dataset/d-1/resource/r-1")
    assert graph.value(dist, DCAT.downloadURL) == URIRef(dataset["resources"][0]["url"])  # type: ignore[index]
    assert graph.value(URIRef(record.dataset_uri), DCTERMS.issued) == Literal(
        "2026-01-02T03:04:05Z", datatype=XSD.dateTime)
    assert dcat.check_graph(graph)[0] == []


def test_validate_includes_the_dcat_check(tmp_path: Path) -> None:
    good = validate.validate_release(REPO / "datapackage.json")
    assert good.valid
    bad = validate.validate_release(_release_copy(tmp_path, themes=["NOPE"]))
    assert [(f.type, f.path) for f in bad.findings] == [("dcat-metadata", "datapackage.json")]
    assert "unknown EU data theme 'NOPE'" in bad.findings[0].message


def test_validate_skips_the_dcat_check_without_dcat_metadata(tmp_path: Path) -> None:
    plain = {k: v for k, v in DESCRIPTOR.items() if k not in dcat.DCAT_KEYS}
    root = tmp_path / "plain"
    shutil.copytree(REPO / "publish", root / "publish")
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "datapackage.json").write_text(json.dumps({**plain, "licenses": [{"name": "weird"}]}),
                                           encoding="utf-8")
    assert validate.validate_release(root).valid


def test_record_refuses_a_violating_record(tmp_path: Path) -> None:
    root = _release_copy(tmp_path, title="", description="")
    with pytest.raises(ValidationFailed, match="violates the DCAT-AP 3 shapes"):
        dcat.record(root)


def test_cli_dcat(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dcat", str(REPO), "--format", "ttl", "--profile", "dcat-ap-se"])
    assert result.exit_code == 0, result.output
    assert (URIRef("urn:datarelease:innovation-public-sector-news:0.1.0"), RDF.type, DCAT.Dataset) in Graph(
    ).parse(data=result.output, format="turtle")
    bad = CliRunner().invoke(main, ["dcat", str(_release_copy(tmp_path, themes=["NOPE"]))])
    assert bad.exit_code == 3
    assert "unknown EU data theme 'NOPE'" in bad.output


def test_other_packages_inline_data_and_csv_paths_without_format() -> None:
    from rdflib import URIRef
    from rdflib.namespace import DCAT, DCTERMS

    descriptor = {"name": "other", "version": "1.0.0", "resources": [
        {"name": "inline", "data": [{"a": 1}]},
        {"name": "table", "path": "data/table.csv"},
    ]}
    graph = dcat.build_graph(descriptor)
    access = {str(s).rsplit(":", 1)[-1]: str(o) for s, o in graph.subject_objects(DCAT.accessURL)}
    assert access == {"inline": "urn:datarelease:other:1.0.0:datapackage.json",
                      "table": "urn:datarelease:other:1.0.0:data/table.csv"}
    assert not any("None" in str(o) for o in graph.objects())
    table = URIRef("urn:datarelease:other:1.0.0:table")
    assert str(graph.value(table, DCTERMS.format)).endswith("file-type/CSV")
    assert str(graph.value(table, DCAT.mediaType)).endswith("media-types/text/csv")

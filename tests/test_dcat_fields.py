"""The Data Package → DCAT-AP fields mapping for a portal with ckanext-dcat's scheming schema (pure)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datarelease import ckan, dcat
from datarelease.errors import SchemaError

REPO = Path(__file__).resolve().parent.parent
DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
EU = "http://publications.europa.eu/resource/authority/"
SCHEMA = ckan.PortalSchema(
    frozenset({"title", "notes", "publisher", "contact", "theme", "language", "spatial_coverage",
               "temporal_coverage", "access_rights", "identifier"}),
    frozenset({"license", "availability", "format"}))
LICENSES = [{"id": "cc-by", "url": "http://www.opendefinition.org/licenses/cc-by"}]


def test_the_dcat_keys_go_to_fields_and_out_of_extras() -> None:
    descriptor = {**DESCRIPTOR, "temporalCoverage": {"start": "2020-01-01", "end": "2020-12-31"},
                  "identifier": "kept as an extra"}
    dataset = ckan.dataset_from_package(descriptor, portal_licenses=LICENSES, schema=SCHEMA)
    assert dataset["publisher"] == [{"name": "datarelease maintainers", "uri": "https://datarelease.invalid/",
                                     "type": "http://purl.org/adms/publishertype/NonProfitOrganisation"}]
    assert dataset["contact"] == [{"name": "datarelease maintainers",
                                   "email": "maintainers@datarelease.invalid"}]
    assert dataset["theme"] == [f"{EU}data-theme/GOVE"]
    assert dataset["language"] == [f"{EU}language/SWE", f"{EU}language/ENG"]
    assert dataset["spatial_coverage"] == [{"uri": f"{EU}country/SWE"}, {"uri": f"{EU}country/NOR"}]
    assert dataset["temporal_coverage"] == [{"start": "2020-01-01", "end": "2020-12-31"}]
    assert dataset["access_rights"] == ckan.ACCESS_RIGHTS_PUBLIC
    extras = {e["key"] for e in dataset["extras"]}
    assert not extras & {"publisher", "contactPoint", "themes", "language", "spatialCoverage",
                         "temporalCoverage"}
    assert "datapackage_identifier" in extras  # a schema field's name: prefixed, not clashing
    back = ckan.package_from_dataset({**dataset, "extras": dataset["extras"]})
    for key in ("publisher", "contactPoint", "themes", "language", "spatialCoverage"):
        assert back[key] == descriptor[key], key
    assert back["temporalCoverage"] == [descriptor["temporalCoverage"]]
    assert back["identifier"] == "kept as an extra"


def test_without_a_schema_everything_stays_in_extras() -> None:
    dataset = ckan.dataset_from_package(DESCRIPTOR, portal_licenses=LICENSES)
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    assert json.loads(extras["publisher"]) == DESCRIPTOR["publisher"] and "theme" not in dataset


def test_distributions_get_the_eu_licence_and_availability() -> None:
    fields = ckan.dcat_resource_fields(DESCRIPTOR, SCHEMA)
    assert fields == {"license": f"{EU}licence/CC_BY_4_0", "availability": ckan.AVAILABILITY_STABLE}


@pytest.mark.parametrize(("key", "value", "message"), [
    ("themes", ["NOPE"], "unknown EU data theme"),
    ("temporalCoverage", [{"note": "no dates"}], r"temporalCoverage\[0\]"),
    ("publisher", "just a name", "must be an object"),
])
def test_a_bad_value_is_a_schema_error(key: str, value: object, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        ckan.dataset_from_package({**DESCRIPTOR, key: value}, portal_licenses=LICENSES, schema=SCHEMA)


def test_a_temporal_coverage_conforms_in_our_own_record() -> None:
    graph = dcat.build_graph({**DESCRIPTOR, "temporalCoverage": [{"start": "2020-09-10"}]})
    assert dcat.check_graph(graph)[0] == []

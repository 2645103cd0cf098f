from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from datarelease import ckan, dcat, diff, download, pipeline, publish, release, validate, versions
from datarelease.ckan import Portal
from datarelease.cli import main
from datarelease.errors import (
    BumpRefused,
    DataReleaseError,
    IncompatibleKeysError,
    InputError,
    PortalError,
    VersionError,
)

from .test_diff import PEOPLE, ROWS, TAG_ROWS, TAGS, _schema, make_release

REPO = Path(__file__).resolve().parent.parent
SPDX = "http://spdx.org/rdf/terms#"


# --------------------------------------------------------------------------- the decision


def _decision(tmp_path: Path, new_tables: dict[str, Any], **metadata: Any) -> release.Decision:
    old = make_release(tmp_path / "old", {"people": (PEOPLE, ROWS), "tags": (TAGS, TAG_ROWS)})
    new = make_release(tmp_path / "new", new_tables, **metadata)
    return release.decide(diff.diff_releases(old, new))


@pytest.mark.parametrize(("tables", "bump", "reason"), [
    ({"people": (PEOPLE, ROWS), "tags": (TAGS, TAG_ROWS)}, "none", None),
    ({"people": (PEOPLE, [*ROWS, {"id": "d", "name": "Di", "age": 1, "born": None}]),
      "tags": (TAGS, TAG_ROWS)}, "minor", "people: 1 row added"),
    ({"people": (PEOPLE, [{**ROWS[0], "age": 37}, *ROWS[1:]]), "tags": (TAGS, TAG_ROWS)},
     "patch", "people: 1 row changed (in age)"),
    ({"people": (PEOPLE, ROWS[:2]), "tags": (TAGS, TAG_ROWS)}, "patch", "people: 1 row removed"),
    ({"people": (_schema(email={"type": "string"}), ROWS), "tags": (TAGS, TAG_ROWS)},
     "minor", "people: field 'email' added (string, optional)"),
    ({"people": (_schema(name={"constraints": {}}), ROWS), "tags": (TAGS, TAG_ROWS)},
     "minor", "people: field 'name': required true → null (looser)"),
    ({"people": (_schema(name={"description": "The name."}), ROWS), "tags": (TAGS, TAG_ROWS)},
     "patch", "people: field 'name': description changed"),
    ({"people": (_schema(born=None), [{k: v for k, v in r.items() if k != "born"} for r in ROWS]),
      "tags": (TAGS, TAG_ROWS)}, "major", "people: field 'born' removed"),
    ({"people": (_schema(age={"type": "number"}), ROWS), "tags": (TAGS, TAG_ROWS)},
     "major", "people: field 'age' retyped: integer → number"),
    ({"people": (_schema(age={"constraints": {"minimum": 1}}), [r for r in ROWS if r["age"] != 0]),
      "tags": (TAGS, TAG_ROWS)}, "major", "people: field 'age': minimum 0 → 1 (stricter)"),
    ({"people": ({**PEOPLE, "primaryKey": ["id", "name"]}, ROWS), "tags": (TAGS, TAG_ROWS)},
     "major", 'people: primary key ["id"] → ["id", "name"]'),
    ({"people": (PEOPLE, ROWS)}, "major", "tags: table 'tags' removed"),
    ({"people": (PEOPLE, ROWS), "tags": (TAGS, TAG_ROWS), "more": (TAGS, [])}, "minor",
     "more: table 'more' added"),
])
def test_the_bump_follows_the_data_package_versioning_rules(
        tmp_path: Path, tables: dict[str, Any], bump: str, reason: str | None) -> None:
    decision = _decision(tmp_path, tables)
    assert decision.bump == bump
    shown = [f"{r.where}: {r.text}" for r in decision.reasons]
    assert shown == ([] if reason is None else [reason])
    if reason is not None:
        assert decision.reasons[0].level == bump


def test_metadata_changes(tmp_path: Path) -> None:
    licence = [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}]
    tables = {"people": (PEOPLE, ROWS), "tags": (TAGS, TAG_ROWS)}
    assert [(r.level, r.text) for r in _decision(tmp_path / "a", tables, licenses=licence).reasons] == [
        ("major", "the licence changed")]
    assert [(r.level, r.text) for r in _decision(tmp_path / "b", tables, title="Persons").reasons] == [
        ("patch", "title changed")]
    assert _decision(tmp_path / "c", tables, version="9.9.9").bump == "none"  # the version is ours


@pytest.mark.parametrize(("current", "bump", "expected"), [
    ("0.1.0", "patch", "0.1.1"), ("0.1.9", "minor", "0.2.0"), ("0.9.3", "major", "1.0.0"),
    ("1.2.3-rc.1+build.5", "patch", "1.2.4"),
])
def test_next_version(current: str, bump: str, expected: str) -> None:
    assert versions.next_version(current, bump) == expected


@pytest.mark.parametrize("version", ["0.1", "v1.0.0", "1.0.0.0", "01.0.0", None, 1])
def test_a_version_that_is_not_semver_is_an_error(version: Any) -> None:
    with pytest.raises(VersionError, match=r"is not a semantic version \(MAJOR.MINOR.PATCH"):
        versions.parse_version(version)


def test_version_dataset_names_and_descriptors() -> None:
    assert versions.version_dataset_name("people", "1.10.0") == "people-v1-10-0"
    with pytest.raises(DataReleaseError, match=r"version '1\.10' is not a semantic version"):
        versions.version_dataset_name("people", "1.10")
    descriptor = {"name": "people", "title": "People", "version": "1.10.0", "resources": []}
    frozen = ckan.frozen_descriptor(descriptor)
    assert frozen == {**descriptor, "name": "people-v1-10-0", "title": "People (version 1.10.0)"}
    back = ckan.released_descriptor(frozen, "people", "1.10.0")
    assert list(back.items()) == list(descriptor.items())  # the same keys in the same order


# --------------------------------------------------------------------------- releasing locally


@pytest.fixture
def two_builds(release_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed release built (OLD) and a copy changed by a steward and built (NEW)."""
    pipeline.build(release_root)
    old = tmp_path / "old"
    shutil.copytree(release_root, old)
    registry = release_root / "datasets" / "organisations.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("    acronym: SKR\n    aliases: []",
                        "    acronym: SKR\n    aliases: [Sveriges Kommuner och Landsting]")
    text += ("  - id: se-vinnova\n    name: Verket för innovationssystem\n"
             "    name_en: Sweden's Innovation Agency\n    acronym: Vinnova\n    aliases: [Vinnova]\n"
             "    country: SE\n    type: agency\n    website: https://www.vinnova.se/\n")
    registry.write_text(text, encoding="utf-8")
    pipeline.build(release_root)
    return old, release_root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_release_writes_the_changelog_and_rebuilds_with_its_version(two_builds: tuple[Path, Path]) -> None:
    old, root = two_builds
    datasets = _snapshot(root / "datasets")
    result = release.release(root, against=old, today="2026-11-27")
    assert (result.prepared.old_version, result.prepared.new_version, result.prepared.bump) == (
        "0.1.0", "0.2.0", "minor")
    assert _snapshot(root / "datasets") == datasets  # the tool never writes datasets/
    assert "version: 0.1.0\n" in (root / "datasets" / "dataset.yaml").read_text(encoding="utf-8")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "0.2.0"  # from RELEASES.md
    assert [r["name"] for r in descriptor["resources"]][-1] == "changelog"
    assert pipeline.check_release(root) == []  # a rebuild gives the same release, version included
    assert validate.validate_release(root / "datapackage.json").valid
    changelog = (root / "RELEASES.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Releases\n")
    assert "\n## 0.2.0 — 2026-11-27\n\n**Minor release** (0.1.0 → 0.2.0)" in changelog
    assert ("- minor: organisations: 1 row added\n"
            "- patch: organisations: 1 row changed (in aliases)\n") in changelog
    assert "| organisations | changed | 1 | 0 | 1 |" in changelog
    assert '  - changed `{"organisation_id": "se-skr"}`: aliases: [] → ["Sveriges Kommuner och Landsting"]' \
        in changelog
    assert versions.latest_entry(root) == result.prepared.entry
    rendered = release.render(result)
    assert rendered.startswith("Released 0.2.0 (minor, from 0.1.0).\n\nWhy minor: data or optional "
                               "structure was added; existing consumers keep working.\n"
                               "  minor  organisations: 1 row added\n")
    assert "\nPrepended the entry to RELEASES.md and rebuilt datapackage.json (version 0.2.0, from " \
           "RELEASES.md):\n" in rendered


def test_entries_are_prepended_and_a_rerun_replaces_its_own(two_builds: tuple[Path, Path]) -> None:
    old, root = two_builds
    (root / "RELEASES.md").write_text("# Releases\n\nintro\n\n## 0.1.0 — 2026-01-01\n\nFirst release.\n",
                                      encoding="utf-8")
    pipeline.build(root)  # the log is an input of the build: its newest entry is the version
    release.release(root, against=old, today="2026-11-27", bump="major")
    release.release(root, against=old, today="2026-11-28", bump="major")  # same version again
    headings = re.findall(r"(?m)^## .*$", (root / "RELEASES.md").read_text(encoding="utf-8"))
    assert headings == ["## 1.0.0 — 2026-11-28", "## 0.1.0 — 2026-01-01"]
    assert json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"] == "1.0.0"


def test_a_release_of_a_stale_build_is_refused(two_builds: tuple[Path, Path]) -> None:
    """What was diffed must be what gets released: the rebuild would otherwise add unseen changes."""
    old, root = two_builds
    registry = root / "datasets" / "organisations.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("aliases: [Vinnova]", "aliases: []"),
                        encoding="utf-8")
    before = _snapshot(root)
    with pytest.raises(InputError, match=r"the built release is not what .* builds now \(differs: "
                                         r"datapackage\.json, publish/organisations\.csv"):
        release.release(root, against=old)
    assert _snapshot(root) == before


def test_a_bump_smaller_than_the_diff_is_refused_and_nothing_is_written(
        release_root: Path, tmp_path: Path) -> None:
    pipeline.build(release_root)
    old = tmp_path / "old"
    shutil.copytree(release_root, old)
    schema_path = release_root / "schemas" / "organisations.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "website"]
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    pipeline.build(release_root)
    before = _snapshot(release_root)
    with pytest.raises(BumpRefused, match=r"--bump patch is refused: the changes need a major "
                       r"release because organisations: field 'website' removed\. Pass --force"):
        release.release(release_root, against=old, bump="patch")
    assert _snapshot(release_root) == before
    forced = release.release(release_root, against=old, bump="patch", force=True, today="2026-11-27")
    assert forced.prepared.new_version == "0.1.1"
    assert "The changes alone would make it a major release; patch was asked for and forced." in \
        forced.prepared.entry


def test_nothing_changed_is_not_a_release(release_root: Path) -> None:
    pipeline.build(release_root)
    with pytest.raises(BumpRefused, match="nothing changed since the last release"):
        release.release(release_root, against=release_root)


def test_bad_input_writes_nothing(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    old, root = two_builds
    before = _snapshot(root)
    bad = tmp_path / "bad-old"
    shutil.copytree(old, bad)
    descriptor = json.loads((bad / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "1.0"
    (bad / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(VersionError, match=r"version '1\.0' is not a semantic version"):
        release.release(root, against=bad)
    # OLD keyed on a field NEW does not have, and NEW's key field missing from OLD
    schema = json.loads((bad / "schemas" / "organisations.json").read_text(encoding="utf-8"))
    schema["fields"][0]["name"] = "org_id"
    schema["primaryKey"] = ["org_id"]
    (bad / "schemas" / "organisations.json").write_text(json.dumps(schema), encoding="utf-8")
    table = pq.read_table(bad / "publish" / "organisations.parquet")
    pq.write_table(table.rename_columns(["org_id", *table.column_names[1:]]),
                   bad / "publish" / "organisations.parquet")
    descriptor["version"] = "0.1.0"
    (bad / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(IncompatibleKeysError, match="table 'organisations': rows cannot be matched"):
        release.release(root, against=bad)
    with pytest.raises(InputError, match="no previous release to compare with"):
        release.release(root)
    assert _snapshot(root) == before


def test_cli_release(two_builds: tuple[Path, Path]) -> None:
    old, root = two_builds
    runner = CliRunner()
    dry = runner.invoke(main, ["release", "--root", str(root), "--against", str(old), "--dry-run"],
                        env={"CKAN_URL": ""})
    assert dry.exit_code == 0, dry.output
    assert dry.output.startswith("Would release 0.2.0 (minor, from 0.1.0).")
    assert "Dry run: nothing written or published." in dry.output
    refused = runner.invoke(main, ["release", "--root", str(root), "--against", str(old), "--bump", "patch"],
                            env={"CKAN_URL": ""})
    assert refused.exit_code == 3
    assert "Error: --bump patch is refused: the changes need a minor release" in refused.output
    done = runner.invoke(main, ["release", "--root", str(root), "--against", str(old), "--no-publish"],
                         env={"CKAN_URL": ""})
    assert done.exit_code == 0, done.output
    assert (root / "RELEASES.md").is_file()


# --------------------------------------------------------------------------- on the real CKAN


@pytest.fixture
def steward_root(tmp_path: Path, ckan_names: dict[str, str], ckan_portal: Portal) -> Iterator[Path]:
    """The seed's inputs named for the test, built; frozen version datasets are purged after."""
    root = tmp_path / "steward"
    shutil.copytree(REPO / "datasets", root / "datasets")
    shutil.copytree(REPO / "schemas", root / "schemas")
    metadata = root / "datasets" / "dataset.yaml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(re.sub(r"(?m)^name: .*$", f"name: {ckan_names['dataset']}", text), encoding="utf-8")
    pipeline.build(root)
    yield root
    for version in ("0.1.0", "0.2.0"):
        frozen = versions.version_dataset_name(ckan_names["dataset"], version)
        if ckan_portal.package_show(frozen) is not None:
            ckan_portal.dataset_purge(frozen)


def _change_registry(root: Path) -> None:
    registry = root / "datasets" / "organisations.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + (
        "  - id: se-vinnova\n    name: Verket för innovationssystem\n"
        "    name_en: Sweden's Innovation Agency\n    acronym: Vinnova\n    aliases: [Vinnova]\n"
        "    country: SE\n    type: agency\n"), encoding="utf-8")
    pipeline.build(root)


@pytest.mark.ckan
def test_releases_on_the_portal_keep_every_version(steward_root: Path, ckan_names: dict[str, str],
                                                   ckan_portal: Portal, tmp_path: Path) -> None:
    name = ckan_names["dataset"]
    first = release.release(steward_root, portal=ckan_portal, org=ckan_names["org"], today="2026-11-26")
    assert first.prepared.bump == "initial" and first.published is not None
    _change_registry(steward_root)
    second = release.release(steward_root, portal=ckan_portal, today="2026-11-27")
    assert (second.prepared.old_version, second.prepared.new_version) == ("0.1.0", "0.2.0")
    latest = ckan_portal.package_show(name)
    assert latest is not None and latest["version"] == "0.2.0"
    frozen = {v: ckan_portal.package_show(versions.version_dataset_name(name, v)) for v in ("0.1.0", "0.2.0")}
    assert {v: d["version"] for v, d in frozen.items() if d} == {"0.1.0": "0.1.0", "0.2.0": "0.2.0"}
    # the changelog is a resource of the release, and the entry is in it
    changelog = next(r for r in latest["resources"] if r.get("datarelease_name") == "changelog")
    text = requests.get(changelog["url"], timeout=30).content.decode("utf-8")
    assert text.startswith("# Releases\n")
    assert "## 0.2.0 — 2026-11-27" in text and "## 0.1.0 — 2026-11-26" in text
    assert text == (steward_root / "RELEASES.md").read_text(encoding="utf-8")
    # the build lists the changelog, so a plain publish of the same build keeps it: nothing to do
    plan = publish.plan(steward_root, ckan_portal)
    assert not plan.has_writes, publish.render_plan(plan)
    assert {(r.key, r.action) for r in plan.resources if r.key == "changelog"} == {("changelog", "keep")}
    frozen_020 = frozen["0.2.0"]
    assert frozen_020 is not None
    assert any(r.get("datarelease_name") == "changelog" for r in frozen_020["resources"])
    # the earlier version is still there, verified by a download (tests/test_download.py: byte for byte)
    download.download(ckan_portal.url, name, to=tmp_path / "v010", portal=ckan_portal, version="0.1.0")
    fetched = json.loads((tmp_path / "v010" / "datapackage.json").read_text(encoding="utf-8"))
    assert fetched["version"] == "0.1.0"
    rows = (tmp_path / "v010" / "publish" / "organisations.csv").read_text(encoding="utf-8").count("\n") - 1
    assert rows == 6
    again = CliRunner().invoke(main, ["release", "--root", str(steward_root), "--ckan-url", ckan_portal.url],
                               env={"CKAN_API_TOKEN": ""})
    assert again.exit_code == 3 and "nothing changed since the last release" in again.output
    with pytest.raises(PortalError, match=r"has no version 9\.9\.9 of dataset"):
        download.download(ckan_portal.url, name, to=tmp_path / "v999", portal=ckan_portal, version="9.9.9")
    # diff can take released versions on the portal as its sides
    result = diff.diff_any(f"{ckan_portal.url}/dataset/{name}@0.1.0", f"{ckan_portal.url}/dataset/{name}")
    organisations = next(t for t in result.tables if t.name == "organisations")
    assert organisations.rows is not None and organisations.rows.added == 1
    assert [m.key for m in result.metadata] == ["version"]
    # and dcat describes the release where it is published
    shown = CliRunner().invoke(main, ["dcat", str(steward_root), "--published",
                                      "--ckan-url", ckan_portal.url])
    assert shown.exit_code == 0, shown.output
    graph = Graph().parse(data=shown.output, format="turtle")
    assert (URIRef(f"{ckan_portal.url}/dataset/{latest['id']}"), RDF.type, DCAT.Dataset) in graph


def _ckan_dcat(portal_url: str, name: str) -> Graph:
    response = requests.get(f"{portal_url}/dataset/{name}.ttl", timeout=30)
    response.raise_for_status()
    return Graph().parse(data=response.text, format="turtle")


@pytest.mark.ckan
def test_ckanext_dcat_and_datarelease_describe_the_same_files(steward_root: Path, ckan_names: dict[str, str],
                                                               ckan_portal: Portal) -> None:
    """What ckanext-dcat on the portal (scheming, DCAT-AP 3 and ckanext-datarelease's profile)
    exports for the published dataset against what we write.

    Equal: the dataset and distribution URIs, the version, each file's sha256 and byte size, the
    themes, places, languages, publisher and each distribution's licence; both have no violation
    of the DCAT-AP 3 shapes. Different: ckanext-dcat lists ``datapackage.json`` as a distribution
    too (publish keeps it as a resource).
    """
    release.release(steward_root, portal=ckan_portal, org=ckan_names["org"], today="2026-11-26")
    theirs = _ckan_dcat(ckan_portal.url, ckan_names["dataset"])
    ours = Graph().parse(data=dcat.portal_dcat(steward_root, ckan_portal), format="turtle")
    dataset = next(iter(ours.subjects(RDF.type, DCAT.Dataset)))
    assert set(theirs.subjects(RDF.type, DCAT.Dataset)) == {dataset}
    version = URIRef(str(DCAT) + "version")
    assert theirs.value(dataset, version) == ours.value(dataset, version)
    our_dists = set(ours.objects(dataset, DCAT.distribution))
    their_dists = set(theirs.objects(dataset, DCAT.distribution))
    assert len(their_dists - our_dists) == 1 and our_dists <= their_dists  # datapackage.json
    checksum_value = URIRef(f"{SPDX}checksumValue")
    for dist in our_dists:
        for graph in (ours, theirs):
            assert graph.value(dist, DCAT.byteSize) is not None
        assert ours.value(dist, DCAT.byteSize).toPython() == theirs.value(dist, DCAT.byteSize).toPython()  # type: ignore[union-attr]
        ours_sum = ours.value(ours.value(dist, URIRef(f"{SPDX}checksum")), checksum_value)
        theirs_sum = theirs.value(theirs.value(dist, URIRef(f"{SPDX}checksum")), checksum_value)
        assert str(ours_sum) == str(theirs_sum)
        for predicate in (DCTERMS.license, DCTERMS["format"], DCAT.mediaType):
            assert theirs.value(dist, predicate) == ours.value(dist, predicate), (dist, predicate)
    assert dcat.check_graph(ours)[0] == []
    assert dcat.check_graph(theirs)[0] == []
    for predicate in (DCAT.theme, DCTERMS.spatial, DCTERMS.language, DCTERMS.publisher):
        assert set(theirs.objects(dataset, predicate)) == set(ours.objects(dataset, predicate)) != set()


@pytest.mark.ckan
def test_portal_dcat_needs_a_published_release(steward_root: Path, ckan_portal: Portal) -> None:
    with pytest.raises(PortalError, match="publish it first"):
        dcat.portal_dcat(steward_root, ckan_portal)



@pytest.mark.ckan
def test_a_half_replaced_latest_dataset_does_not_stop_the_next_release(
        steward_root: Path, ckan_names: dict[str, str], ckan_portal: Portal, tmp_path: Path) -> None:
    """A publish cut short leaves new bytes under the old descriptor in the latest dataset; the
    previous release is read from its frozen version dataset, which no publish touches."""
    from datarelease.ckan import Upload

    name = ckan_names["dataset"]
    release.release(steward_root, portal=ckan_portal, org=ckan_names["org"], today="2026-11-26")
    latest = ckan_portal.package_show(name)
    assert latest is not None
    organisations = next(r for r in latest["resources"] if r.get("datarelease_name") == "organisations")
    half = tmp_path / "organisations.csv"
    half.write_text("organisation_id\nhalf-written\n", encoding="utf-8")
    with half.open("rb") as handle:
        ckan_portal.resource_patch({"id": organisations["id"]}, upload=Upload(handle, "organisations.csv"))
    _change_registry(steward_root)
    result = release.release(steward_root, portal=ckan_portal, today="2026-11-27")
    assert (result.prepared.old_version, result.prepared.new_version) == ("0.1.0", "0.2.0")
    assert result.prepared.diff is not None and result.prepared.diff.old.endswith(f"/dataset/{name}@0.1.0")

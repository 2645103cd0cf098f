"""End to end: the seed release is built, states its facts, and bad input changes nothing."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datarelease.errors import AnnotationError, SchemaError, SourceError, ValidationFailed
from datarelease.pipeline import build, check_release
from datarelease.tableschema import csv_cell
from datarelease.validate import validate_release

from .conftest import REPO


def rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "publish" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every file of the release, to prove a failed build changed nothing."""
    files = [root / "datapackage.json", *sorted((root / "publish").glob("*"))]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file()}


@pytest.fixture
def built(release_root: Path) -> Path:
    build(release_root)
    return release_root


def test_seed_release_states_the_facts(built: Path) -> None:
    [news] = rows(built, "news_items")
    assert (news["publisher_id"], news["published"], news["content_type"], news["language"]) == \
        ("se-skr", "2020-09-10", "news", "sv")
    assert news["title"] == "Nationellt initiativ för offentlig innovation i Norge"
    docs = {d["title"]: d for d in rows(built, "policy_documents")}
    paper = docs["En innovativ offentlig sektor"]
    assert (paper["issuer_id"], paper["issued"], paper["document_type"]) == \
        ("no-government", "2020-06", "white_paper")
    roles = {(r["organisation_id"], r["role"]) for r in rows(built, "policy_document_organisations")
             if r["policy_document_id"] == paper["policy_document_id"]}
    assert {("no-kmd", "lead"), ("no-ks", "contributor")} <= roles
    principles = [p["text"] for p in rows(built, "policy_principles")
                  if p["policy_document_id"] == paper["policy_document_id"]]
    assert [p.split()[0] for p in principles] == ["Politiker", "Ledare", "Offentliga"]
    assert [p["position"] for p in rows(built, "policy_principles")] == ["1", "2", "3"]
    orgs = {o["organisation_id"]: o for o in rows(built, "organisations")}
    assert {"se-skr", "no-ks", "no-kmd", "no-government", "no-storting"} <= set(orgs)
    assert orgs["no-kmd"]["parent_id"] == "no-government"
    relations = {(r["subject_id"], r["predicate"], r["object_id"])
                 for r in rows(built, "organisation_relationships")}
    assert relations == {
        ("no-kmd", "part_of", "no-government"),
        ("se-skr", "sister_organisation_of", "no-ks"),
        ("se-skr", "provided_input_to", "se-government"),
    }
    mentioned = {m["organisation_id"] for m in rows(built, "organisation_mentions")}
    assert {"se-skr", "no-ks", "no-kmd", "no-government", "no-storting"} <= mentioned


def test_release_leaves_personal_data_out_and_says_so(built: Path) -> None:
    descriptor = json.loads((built / "datapackage.json").read_text())
    assert "news_item_contacts" not in {r["name"] for r in descriptor["resources"]}
    assert descriptor["personalData"]["contacts"] == "excluded"
    assert "Danerlöv" not in "".join(p.read_text() for p in (built / "publish").glob("*.csv"))


def test_opting_in_publishes_contacts(release_root: Path) -> None:
    meta = release_root / "datasets" / "dataset.yaml"
    meta.write_text(meta.read_text().replace("contacts: false", "contacts: true"))
    build(release_root)
    assert [(c["name"], c["role"]) for c in rows(release_root, "news_item_contacts")] == \
        [("Klas Danerlöv", "Handläggare")]


def test_the_committed_release_is_a_fresh_build() -> None:
    assert check_release(REPO) == []


def test_build_is_byte_reproducible_and_honours_source_date_epoch(
        release_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(release_root)
    first = snapshot(release_root)
    build(release_root)
    assert snapshot(release_root) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    build(release_root)
    descriptor = json.loads((release_root / "datapackage.json").read_text())
    assert descriptor["created"] == "2020-09-13T12:26:40Z"
    assert not list(release_root.glob(".datarelease-staging-*"))


def test_frictionless_validates_the_release(built: Path) -> None:
    report = frictionless.validate(str(built / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])
    assert validate_release(built / "datapackage.json").valid


def test_pandas_pyarrow_and_duckdb_read_the_same_values(built: Path) -> None:
    descriptor = json.loads((built / "datapackage.json").read_text())
    for resource in (r for r in descriptor["resources"] if r["format"] == "csv"):
        csv_path = built / resource["path"]
        parquet_path = csv_path.with_suffix(".parquet")
        arrow_rows = pq.read_table(parquet_path).to_pylist()
        duckdb_rows = duckdb.sql(f"SELECT * FROM read_parquet('{parquet_path}')").fetchall()
        assert [tuple(r.values()) for r in arrow_rows] == duckdb_rows
        pandas_rows = pd.read_parquet(parquet_path).to_dict("records")
        assert len(pandas_rows) == len(arrow_rows)
        as_text = [{k: csv_cell(v, {"delimiter": "|"}) for k, v in r.items()} for r in arrow_rows]
        assert as_text == rows(built, resource["name"])
        csv_by_duckdb = duckdb.sql(
            f"SELECT * FROM read_csv('{csv_path}', all_varchar=true, header=true)").fetchall()
        assert [tuple(v or "" for v in r.values()) for r in as_text] == \
            [tuple(v or "" for v in row) for row in csv_by_duckdb]
    news = pq.read_table(built / "publish/news_items.parquet")
    assert str(news.schema.field("published").type) == "date32[day]"
    principles = pq.read_table(built / "publish/policy_principles.parquet")
    assert str(principles.schema.field("position").type) == "int64"


def test_a_tampered_parquet_twin_is_reported(built: Path) -> None:
    path = built / "publish/policy_principles.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(0, 2), path)
    report = validate_release(built / "datapackage.json")
    assert {f.type for f in report.findings} >= {"hash-count"}


def test_a_parquet_twin_with_other_values_but_right_hash_is_reported(built: Path) -> None:
    path = built / "publish/policy_principles.parquet"
    table = pq.read_table(path)
    changed = table.set_column(3, table.schema.field(3), pa.array(["x", "y", "z"]))
    pq.write_table(changed, path)
    descriptor_path = built / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == "publish/policy_principles.parquet":
            resource["bytes"] = path.stat().st_size
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    descriptor_path.write_text(json.dumps(descriptor))
    [finding] = validate_release(descriptor_path).findings
    assert (finding.resource, finding.type, finding.row_number, finding.field_name) == \
        ("policy_principles-parquet", "parquet-mismatch", 2, "text")


# --- bad input: a clear error naming the file and item, and nothing half-written ------------------

def _break(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ANNOTATION = "datasets/annotations/skr-2020-09-10-norge.yaml"
SOURCE = "datasets/sources/skr-2020-09-10-norge.txt"

BAD_INPUTS: list[tuple[str, str, str, str, type[Exception], str]] = [
    ("evidence", ANNOTATION, "SKRs systerorganisation i Norge, KS",
     "SKRs systerorganisation i Danmark", AnnotationError,
     r"skr-2020-09-10-norge\.yaml: line \d+, relationships\[0\] \(se-skr sister_organisation_of no-ks\): "
     r"evidence not found in skr-2020-09-10-norge\.txt"),
    ("unknown organisation", ANNOTATION, "object: no-ks", "object: no-kx", AnnotationError,
     r"relationships\[0\] \(se-skr sister_organisation_of no-kx\): unknown organisation 'no-kx'"),
    ("broken yaml", ANNOTATION, "relationships:\n", "relationships: [\n", AnnotationError,
     r"skr-2020-09-10-norge\.yaml, line \d+, column \d+: not valid YAML"),
    ("unknown month", SOURCE, "10 september 2020", "10 septober 2020", SourceError,
     r"skr-2020-09-10-norge\.txt.*line 1.*septober"),
    ("impossible date", SOURCE, "10 september 2020", "31 februari 2020", SourceError,
     r"skr-2020-09-10-norge\.txt.*line 1"),
    ("missing date", SOURCE, "Publicerad: 10 september 2020\n", "", SourceError,
     r"skr-2020-09-10-norge\.txt"),
    ("registry parent", "datasets/organisations.yaml", "parent: no-government",
     "parent: no-regjering", AnnotationError, r"unknown parent organisation 'no-regjering'"),
    ("invalid schema", "schemas/news_items.json", '"fields": [', '"fields": [}', SchemaError,
     r"news_items\.json: cannot read Table Schema"),
]


@pytest.mark.parametrize(("relative", "old", "new", "error", "message"),
                         [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_named_and_nothing_is_written(
        built: Path, relative: str, old: str, new: str, error: type[Exception], message: str) -> None:
    before = snapshot(built)
    _break(built, relative, old, new)
    with pytest.raises(error, match=message):
        build(built)
    assert snapshot(built) == before
    assert not list(built.glob(".datarelease-staging-*"))


def test_empty_and_undecodable_sources(built: Path) -> None:
    before = snapshot(built)
    source = built / SOURCE
    for data in (b"", b"\x00\x01\x02binary\xff\xfe"):
        source.write_bytes(data)
        with pytest.raises(SourceError, match=r"skr-2020-09-10-norge\.txt"):
            build(built)
    assert snapshot(built) == before


def test_a_source_without_annotation_is_refused(built: Path) -> None:
    shutil.copy(built / SOURCE, built / "datasets/sources/other.txt")
    with pytest.raises(AnnotationError, match=r"other\.txt: source has no annotation file"):
        build(built)


def test_the_same_news_item_annotated_twice_is_refused(built: Path) -> None:
    shutil.copy(built / SOURCE, built / "datasets/sources/copy.txt")
    annotation = (built / ANNOTATION).read_text().replace(
        "file: skr-2020-09-10-norge.txt", "file: copy.txt")
    (built / "datasets/annotations/copy.yaml").write_text(annotation)
    with pytest.raises(AnnotationError, match=r"describes the same news item \(news-[0-9a-f]{12}\)"):
        build(built)


def test_data_that_breaks_a_schema_fails_validation_and_writes_nothing(built: Path) -> None:
    before = snapshot(built)
    _break(built, "datasets/organisations.yaml", "country: SE", "country: Sweden")
    with pytest.raises(ValidationFailed) as caught:
        build(built)
    report: Any = caught.value.report
    assert {(f.resource, f.type, f.field_name) for f in report.findings} >= {
        ("organisations", "constraint-error", "country")}
    assert snapshot(built) == before

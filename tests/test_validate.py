"""datarelease.validate: small packages written in tmp_path, and every render format."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import datarelease.validate as validate_module
from datarelease.validate import (
    FORMATS,
    Finding,
    Report,
    ResourceSummary,
    merge_reports,
    render,
    validate_package,
    validate_resource,
)

ORGS_SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "name", "type": "string"},
    ],
    "primaryKey": ["id"],
}
PEOPLE_SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "org_id", "type": "integer"},
    ],
    "primaryKey": ["id"],
    "foreignKeys": [{"fields": ["org_id"], "reference": {"resource": "orgs", "fields": ["id"]}}],
}


def write_package(
    folder: Path,
    tables: dict[str, str],
    schemas: dict[str, dict[str, Any]],
    **extra: dict[str, Any],
) -> Path:
    """Write <name>.csv for each table and a datapackage.json describing them."""
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
        resources.append(
            {"name": name, "path": f"{name}.csv", "schema": schemas[name], **extra.get(name, {})}
        )
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "test", "resources": resources}), encoding="utf-8")
    return descriptor


def two_tables(folder: Path, people: str = "id,org_id\n1,1\n2,2\n") -> Path:
    return write_package(
        folder,
        {"orgs": "id,name\n1,Acme\n2,Globex\n", "people": people},
        {"orgs": ORGS_SCHEMA, "people": PEOPLE_SCHEMA},
    )


def triples(report: Report) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(f.resource, f.row_number, f.field_name, f.type) for f in report.findings]


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "resource": "orgs",
        "type": "type-error",
        "row_number": 3,
        "field_name": "id",
        "field_number": 1,
        "message": 'Type error in the cell "x"',
        "note": 'type is "integer/default"',
        "path": "orgs.csv",
    }
    values.update(changes)
    return Finding(**values)


def tiny_report() -> Report:
    return Report(
        target="datapackage.json",
        findings=(
            finding(),
            finding(
                resource="people",
                type="foreign-key",
                row_number=12,
                field_name="org_id",
                field_number=None,
                message='values "9" not found',
                note="",
                path="people.csv",
            ),
        ),
        resources=(
            ResourceSummary(name="orgs", path="orgs.csv", rows=2, valid=False, error_count=1),
            ResourceSummary(name="people", path="people.csv", rows=10, valid=False, error_count=1),
        ),
    )


# --------------------------------------------------------------------------- the public API


def test_public_api_is_exactly_this() -> None:
    assert sorted(validate_module.__all__) == sorted(
        [
            "DESCRIPTOR_NAME",
            "FORMATS",
            "Finding",
            "Report",
            "ResourceSummary",
            "merge_reports",
            "render",
            "ENGINES",
            "validate_package",
            "validate_release",
            "validate_resource",
        ]
    )
    assert FORMATS == ("text", "json", "github", "markdown", "junit")


def test_report_data_is_frozen() -> None:
    report = tiny_report()
    with pytest.raises(AttributeError):
        report.target = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        report.findings[0].type = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- packages


def test_valid_package_with_a_foreign_key(tmp_path: Path) -> None:
    descriptor = two_tables(tmp_path / "pkg")

    report = validate_package(descriptor)

    assert report.valid, report.findings
    assert report.target == str(descriptor)
    assert report.findings == ()
    assert report.resources == (
        ResourceSummary(name="orgs", path="orgs.csv", rows=2, valid=True, error_count=0),
        ResourceSummary(name="people", path="people.csv", rows=2, valid=True, error_count=0),
    )
    assert report.counts_by_type() == {}


def test_a_folder_means_its_datapackage_json(tmp_path: Path) -> None:
    two_tables(tmp_path / "pkg", people="id,org_id\n1,9\n")

    report = validate_package(str(tmp_path / "pkg"))

    assert report.target == str(tmp_path / "pkg")
    assert triples(report) == [("people", 2, "org_id", "foreign-key")]


def test_foreign_key_violation_names_row_field_and_file(tmp_path: Path) -> None:
    descriptor = two_tables(tmp_path, people="id,org_id\n1,1\n2,3\n3,2\n4,7\n")

    report = validate_package(descriptor)

    assert not report.valid
    assert triples(report) == [
        ("people", 3, "org_id", "foreign-key"),
        ("people", 5, "org_id", "foreign-key"),
    ]
    first = report.findings[0]
    assert first.path == "people.csv"
    assert first.field_number is None
    assert 'values "3" not found in the lookup table "orgs"' in first.note
    assert [s.valid for s in report.resources] == [True, False]
    assert report.resources[1].error_count == 2


def test_type_errors(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "day", "type": "date"}]}
    rows = "id,day\n1,2024-01-31\ntwo,2024-02-01\n3,31/01/2024\n"
    descriptor = write_package(tmp_path, {"t": rows}, {"t": schema})

    report = validate_package(descriptor)

    assert [(f.row_number, f.field_name, f.field_number, f.type) for f in report.findings] == [
        (3, "id", 1, "type-error"),
        (4, "day", 2, "type-error"),
    ]
    assert report.findings[0].note == 'type is "integer/default"'
    assert 'cell "two"' in report.findings[0].message
    assert report.findings[1].path == "t.csv"


def test_constraint_errors_say_which_constraint(tmp_path: Path) -> None:
    schema = {
        "fields": [
            {"name": "code", "type": "string", "constraints": {"required": True}},
            {"name": "tag", "type": "string", "constraints": {"pattern": "[a-z]+"}},
            {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
            {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
        ]
    }
    rows = "code,tag,kind,n\nx,ok,a,1\n,ok,a,1\ny,NO,a,1\nz,ok,c,1\nw,ok,b,-5\n"
    descriptor = write_package(tmp_path, {"t": rows}, {"t": schema})

    report = validate_package(descriptor)

    assert [(f.row_number, f.field_name, f.type) for f in report.findings] == [
        (3, "code", "constraint-error"),
        (4, "tag", "constraint-error"),
        (5, "kind", "constraint-error"),
        (6, "n", "constraint-error"),
    ]
    notes = [f.note for f in report.findings]
    for constraint, note in zip(["required", "pattern", "enum", "minimum"], notes, strict=True):
        assert f'constraint "{constraint}"' in note


def test_duplicate_primary_key(tmp_path: Path) -> None:
    descriptor = write_package(
        tmp_path, {"orgs": "id,name\n1,a\n2,b\n1,c\n"}, {"orgs": ORGS_SCHEMA}
    )

    report = validate_package(descriptor)

    assert triples(report) == [("orgs", 4, None, "primary-key")]
    assert "row at position 2" in report.findings[0].note


def test_hash_and_bytes_mismatch(tmp_path: Path) -> None:
    text = "id,name\n1,a\n"
    good = {"bytes": len(text), "hash": "sha256:" + hashlib.sha256(text.encode()).hexdigest()}
    bad = {"bytes": len(text) + 1, "hash": "sha256:" + "0" * 64}
    ok = write_package(tmp_path / "ok", {"orgs": text}, {"orgs": ORGS_SCHEMA}, orgs=good)
    broken = write_package(tmp_path / "bad", {"orgs": text}, {"orgs": ORGS_SCHEMA}, orgs=bad)

    assert validate_package(ok).valid
    report = validate_package(broken)

    assert sorted(f.type for f in report.findings) == ["byte-count", "hash-count"]
    assert all(f.resource == "orgs" and f.path == "orgs.csv" for f in report.findings)


def test_missing_file_is_a_finding_and_other_tables_are_still_checked(tmp_path: Path) -> None:
    descriptor = two_tables(tmp_path)
    (tmp_path / "orgs.csv").write_text("id,name\n1,a\n1,b\n", encoding="utf-8")
    (tmp_path / "people.csv").unlink()

    report = validate_package(descriptor)

    by_resource = {f.resource: f for f in report.findings}
    assert by_resource["orgs"].type == "primary-key"
    assert by_resource["people"].type == "scheme-error"
    assert by_resource["people"].path == "people.csv"
    assert "No such file or directory" in by_resource["people"].note
    assert [s.valid for s in report.resources] == [False, False]


@pytest.mark.parametrize(
    ("content", "note"),
    [
        ("{not json", "descriptor is not valid JSON"),
        ("[1, 2]", "descriptor must be a JSON object, not list"),
        (b"\xff\xfe{}", "cannot read descriptor"),
    ],
)
def test_unreadable_descriptor_is_a_finding(
    tmp_path: Path, content: str | bytes, note: str
) -> None:
    descriptor = tmp_path / "datapackage.json"
    if isinstance(content, bytes):
        descriptor.write_bytes(content)
    else:
        descriptor.write_text(content, encoding="utf-8")

    report = validate_package(descriptor)

    assert not report.valid
    assert len(report.findings) == 1
    only = report.findings[0]
    assert (only.resource, only.type, only.path) == (None, "package-error", str(descriptor))
    assert note in only.note
    assert report.resources == ()


def test_missing_descriptor_is_a_finding(tmp_path: Path) -> None:
    report = validate_package(tmp_path)

    assert [(f.type, f.note) for f in report.findings] == [
        ("package-error", "descriptor not found")
    ]
    assert report.findings[0].path == str(tmp_path / "datapackage.json")


def test_invalid_descriptor_is_a_finding(tmp_path: Path) -> None:
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"resources": [{"path": "x.csv"}]}), encoding="utf-8")

    report = validate_package(descriptor)

    assert not report.valid
    assert report.findings[0].resource is None
    assert "'name' is a required property" in report.findings[0].message


def test_missing_schema_file_is_a_schema_error(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id\n1\n", encoding="utf-8")
    descriptor = tmp_path / "datapackage.json"
    resource = {"name": "t", "path": "t.csv", "schema": "schemas/t.json"}
    descriptor.write_text(json.dumps({"resources": [resource]}), encoding="utf-8")

    report = validate_package(descriptor)

    assert [f.type for f in report.findings] == ["schema-error"]


def test_every_error_is_reported_past_frictionless_default_limit(tmp_path: Path) -> None:
    rows = "".join(f"{i},bad\n" for i in range(1, 1501))
    descriptor = two_tables(tmp_path, people="id,org_id\n" + rows)

    report = validate_package(descriptor)

    assert len(report.findings) == 1500
    assert report.counts_by_type() == {"type-error": 1500}
    assert report.findings[-1].row_number == 1501
    assert report.resources[1] == ResourceSummary(
        name="people", path="people.csv", rows=1500, valid=False, error_count=1500
    )


def test_foreign_keys_outside_schema_are_ignored_by_frictionless(tmp_path: Path) -> None:
    """Documents a frictionless 5.21 behaviour (see the module docstring): a ``foreignKeys``
    on the resource rather than in its schema is silently ignored. If this starts failing,
    frictionless has changed and the docstring should say so."""
    schema = {k: v for k, v in PEOPLE_SCHEMA.items() if k != "foreignKeys"}
    descriptor = write_package(
        tmp_path,
        {"orgs": "id,name\n1,a\n", "people": "id,org_id\n1,9\n"},
        {"orgs": ORGS_SCHEMA, "people": schema},
        people={"foreignKeys": PEOPLE_SCHEMA["foreignKeys"]},
    )

    assert validate_package(descriptor).valid


def test_pick_and_skip_errors(tmp_path: Path) -> None:
    descriptor = two_tables(tmp_path, people="id,org_id\n1,1\n2,x\n1,9\n")

    everything = validate_package(descriptor)
    picked = validate_package(descriptor, pick_errors=["foreign-key"])
    picked_tag = validate_package(descriptor, pick_errors=["#cell"])
    skipped = validate_package(descriptor, skip_errors=["#cell", "primary-key"])

    assert everything.counts_by_type() == {"foreign-key": 1, "primary-key": 1, "type-error": 1}
    assert picked.counts_by_type() == {"foreign-key": 1}
    assert picked_tag.counts_by_type() == {"type-error": 1}
    assert skipped.counts_by_type() == {"foreign-key": 1}
    assert skipped.resources[1].error_count == 1


def test_unknown_error_selector_is_a_programming_error(tmp_path: Path) -> None:
    descriptor = two_tables(tmp_path)

    with pytest.raises(ValueError, match="type-eror"):
        validate_package(descriptor, pick_errors=["type-eror"])
    with pytest.raises(TypeError):
        validate_package(descriptor, skip_errors="type-error")


# --------------------------------------------------------------------------- one resource


def test_validate_resource_with_inline_data_and_self_reference(tmp_path: Path) -> None:
    descriptor = {
        "name": "tree",
        "data": [["id", "parent"], [1, None], [2, 1], [3, 7]],
        "schema": {
            "fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
            "foreignKeys": [{"fields": ["parent"], "reference": {"fields": ["id"]}}],
        },
    }

    report = validate_resource(descriptor, tmp_path)

    assert report.target == "tree"
    assert triples(report) == [("tree", 4, "parent", "foreign-key")]
    assert report.findings[0].path is None
    assert report.resources == (
        ResourceSummary(name="tree", path=None, rows=3, valid=False, error_count=1),
    )


def test_validate_resource_resolves_paths_against_basepath(tmp_path: Path) -> None:
    (tmp_path / "orgs.csv").write_text("id,name\n1,a\n1,b\n", encoding="utf-8")
    (tmp_path / "orgs.schema.json").write_text(json.dumps(ORGS_SCHEMA), encoding="utf-8")
    descriptor = {"name": "orgs", "path": "orgs.csv", "schema": "orgs.schema.json"}

    report = validate_resource(descriptor, str(tmp_path))

    assert report.target == "orgs.csv"
    assert triples(report) == [("orgs", 3, None, "primary-key")]
    assert descriptor == {"name": "orgs", "path": "orgs.csv", "schema": "orgs.schema.json"}


def test_validate_resource_never_raises_for_a_bad_descriptor(tmp_path: Path) -> None:
    report = validate_resource({"path": "x.csv"}, tmp_path)

    assert [(f.resource, f.type) for f in report.findings] == [(None, "resource-error")]
    assert report.target == "x.csv"


# --------------------------------------------------------------------------- merge


def test_merge_reports_keeps_order_and_combines_summaries() -> None:
    first = tiny_report()
    evidence = Report(
        target="evidence",
        findings=(finding(resource="people", type="evidence-quote", path=None),),
        resources=(
            ResourceSummary(name="people", path=None, rows=None, valid=False, error_count=1),
            ResourceSummary(name="sources", path=None, rows=None, valid=True, error_count=0),
        ),
    )

    merged = merge_reports("release", first, evidence)

    assert merged.target == "release"
    assert merged.findings == first.findings + evidence.findings
    assert merged.resources == (
        first.resources[0],
        ResourceSummary(name="people", path="people.csv", rows=10, valid=False, error_count=2),
        evidence.resources[1],
    )
    assert merged.counts_by_type() == {"evidence-quote": 1, "foreign-key": 1, "type-error": 1}
    assert merge_reports("empty").valid


# --------------------------------------------------------------------------- rendering


def test_render_text_exactly() -> None:
    assert render(tiny_report(), "text") == (
        "invalid: datapackage.json — 2 errors\n"
        "\n"
        "resource  rows  errors\n"
        "orgs         2       1\n"
        "people      10       1\n"
        "\n"
        "resource  row  field   type         message\n"
        'orgs        3  id      type-error   Type error in the cell "x"\n'
        'people     12  org_id  foreign-key  values "9" not found\n'
        "\n"
        "type         count\n"
        "foreign-key      1\n"
        "type-error       1\n"
    )


def test_render_text_valid_and_oddities() -> None:
    valid = Report(
        target="datapackage.json",
        findings=(),
        resources=(ResourceSummary(name="t", path="t.csv", rows=0, valid=True, error_count=0),),
    )
    assert render(valid, "text") == (
        "valid: datapackage.json\n\nresource  rows  errors\nt            0       0\n"
    )

    odd = Report(
        target="x",
        findings=(finding(resource=None, row_number=None, field_name=None, message="a\nb"),),
        resources=(),
    )
    text = render(odd, "text")
    assert text.startswith("invalid: x — 1 error\n")
    assert "-           -  1      type-error  a\\nb" in text


def test_render_json_keys() -> None:
    report = tiny_report()
    data = json.loads(render(report, "json"))

    assert list(data) == ["valid", "target", "errorCount", "countsByType", "resources", "errors"]
    assert data["valid"] is False
    assert data["errorCount"] == 2
    assert data["countsByType"] == {"foreign-key": 1, "type-error": 1}
    assert list(data["resources"][0]) == ["name", "path", "rows", "valid", "errorCount"]
    assert list(data["errors"][0]) == [
        "resource",
        "type",
        "rowNumber",
        "fieldName",
        "fieldNumber",
        "message",
        "note",
        "path",
    ]
    assert data["errors"][1]["fieldNumber"] is None
    assert render(report, "json") == json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def test_render_json_keeps_non_ascii() -> None:
    report = Report(target="t", findings=(finding(message="Grüße"),), resources=())
    assert "Grüße" in render(report, "json")


def test_render_github_escapes_data_and_properties() -> None:
    report = Report(
        target="datapackage.json",
        findings=(
            finding(path="dir,a:b.csv", message="100% wrong\r\nsecond line"),
            finding(
                resource=None, path=None, row_number=None, type="package-error", message="no file"
            ),
        ),
        resources=(),
    )

    lines = render(report, "github").splitlines()

    assert lines == [
        "::error file=dir%2Ca%3Ab.csv,line=3,title=type-error::100%25 wrong%0D%0Asecond line",
        "::error title=package-error::no file",
        "::notice::invalid: datapackage.json — 2 errors (package-error: 1, type-error: 1)",
    ]


def test_render_github_valid_is_just_a_notice() -> None:
    report = Report(target="datapackage.json", findings=(), resources=())
    assert render(report, "github") == "::notice::valid: datapackage.json\n"


def test_render_markdown_tables() -> None:
    report = Report(
        target="datapackage.json",
        findings=(finding(message="a | b <memory>"),),
        resources=(
            ResourceSummary(name="orgs", path="orgs.csv", rows=2, valid=False, error_count=1),
        ),
    )

    assert render(report, "markdown") == (
        "## ❌ invalid: datapackage.json — 1 error\n"
        "\n"
        "| resource | path | rows | errors |\n"
        "| --- | --- | ---: | ---: |\n"
        "| orgs | orgs.csv | 2 | 1 |\n"
        "\n"
        "| type | count |\n"
        "| --- | ---: |\n"
        "| type-error | 1 |\n"
        "\n"
        "| resource | row | field | type | message |\n"
        "| --- | ---: | --- | --- | --- |\n"
        "| orgs | 3 | id | type-error | a \\| b &lt;memory&gt; |\n"
    )
    valid = Report(target="dp.json", findings=(), resources=())
    assert render(valid, "markdown") == "## ✅ valid: dp.json\n"


def test_render_junit_parses_and_counts() -> None:
    report = merge_reports(
        "datapackage.json",
        tiny_report(),
        Report(
            target="x",
            findings=(finding(resource=None, message="bad \x00 byte", row_number=None),),
            resources=(
                ResourceSummary(name="ok", path="ok.csv", rows=1, valid=True, error_count=0),
            ),
        ),
    )

    root = ET.fromstring(render(report, "junit"))

    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert suite.get("name") == "datapackage.json"
    assert (suite.get("tests"), suite.get("failures")) == ("4", "3")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["orgs", "people", "ok", "(package)"]
    assert cases["ok"].find("failure") is None
    failure = cases["people"].find("failure")
    assert failure is not None
    assert failure.get("type") == "foreign-key"
    assert failure.get("message") == "1 error: foreign-key: 1"
    assert failure.text == 'row 12, field org_id: [foreign-key] values "9" not found'
    package_failure = cases["(package)"].find("failure")
    assert package_failure is not None and "bad \\x00 byte" in (package_failure.text or "")


def test_render_every_format_of_a_real_report(tmp_path: Path) -> None:
    report = validate_package(two_tables(tmp_path, people="id,org_id\n1,9\n"))

    for fmt in FORMATS:
        assert render(report, fmt) == render(report, fmt)
        assert "foreign-key" in render(report, fmt)


def test_render_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(tiny_report(), "xml")

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease import diff
from datarelease.cli import main
from datarelease.errors import IncompatibleKeysError, InputError
from datarelease.package import commit_release, stage_release

REPO = Path(__file__).resolve().parent.parent

PEOPLE: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "name", "type": "string", "constraints": {"required": True}},
        {"name": "age", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "born", "type": "date"},
    ],
    "missingValues": [""],
    "primaryKey": ["id"],
}
TAGS: dict[str, Any] = {  # no primary key: compared as a multiset
    "fields": [{"name": "person", "type": "string"}, {"name": "tag", "type": "string"}],
    "missingValues": [""],
}
ROWS: list[dict[str, Any]] = [
    {"id": "a", "name": "Ada", "age": 36, "born": None},
    {"id": "b", "name": "Bo", "age": 40, "born": None},
    {"id": "c", "name": "Cy", "age": None, "born": None},
]
TAG_ROWS: list[dict[str, Any]] = [
    {"person": "a", "tag": "x"}, {"person": "a", "tag": "x"}, {"person": "b", "tag": "y"}]


def make_release(root: Path, tables: Mapping[str, tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
                 *, version: str = "1.0.0", parquet: bool = True, **metadata: Any) -> Path:
    """A release folder built by datarelease's own packager (CSV + Parquet + datapackage.json)."""
    (root / "schemas").mkdir(parents=True, exist_ok=True)
    for name, (schema, _) in tables.items():
        (root / "schemas" / f"{name}.json").write_text(json.dumps(schema), encoding="utf-8")
    meta = {"name": "people", "title": "People", "version": version,
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
            **metadata}
    staged = stage_release({n: list(rows) for n, (_, rows) in tables.items()}, meta, root=root,
                           schemas_dir=root / "schemas")
    commit_release(staged)
    if not parquet:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["resources"] = [r for r in descriptor["resources"]
                                   if str(r["format"]).lower() != "parquet"]
        (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
        for path in (root / "publish").glob("*.parquet"):
            path.unlink()
    return root


def _people(root: Path, rows: Sequence[Mapping[str, Any]] = ROWS, schema: Mapping[str, Any] = PEOPLE,
            **kwargs: Any) -> Path:
    return make_release(root, {"people": (schema, rows), "tags": (TAGS, TAG_ROWS)}, **kwargs)


def test_a_release_equals_itself() -> None:
    result = diff.diff_releases(REPO, REPO / "datapackage.json")
    assert not result.differs
    assert all(t.status == "unchanged" and t.rows is not None and t.rows.source == "parquet"
               for t in result.tables)
    assert diff.render(result, "text").endswith("No changes.\n")


def test_rows_are_matched_on_the_primary_key(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new_rows = [{**ROWS[0], "age": 37, "born": dt.date(1815, 12, 10)}, ROWS[2],
                {"id": "d", "name": "Di", "age": 1, "born": None}]
    new = _people(tmp_path / "new", new_rows, version="1.1.0")
    result = diff.diff_releases(old, new)
    people = next(t for t in result.tables if t.name == "people")
    assert people.status == "changed" and people.schema_changes == ()
    rows = people.rows
    assert rows is not None
    assert (rows.method, rows.key) == ("primary-key", ("id",))
    assert (rows.added, rows.removed, rows.changed) == (1, 1, 1)
    assert rows.changed_fields == {"age": 1, "born": 1}
    assert rows.added_examples == ({"id": "d", "name": "Di", "age": 1, "born": None},)
    assert rows.removed_examples == ({"id": "b", "name": "Bo", "age": 40, "born": None},)
    assert rows.changed_examples == (diff.ChangedRow({"id": "a"}, {"age": (36, 37),
                                                                    "born": (None, "1815-12-10")}),)
    assert [m.key for m in result.metadata] == ["version"]
    assert next(t for t in result.tables if t.name == "tags").status == "unchanged"


def test_csv_only_releases_are_compared_as_text(tmp_path: Path) -> None:
    old = _people(tmp_path / "old", parquet=False)
    new = _people(tmp_path / "new", [{**ROWS[0], "age": 37}, *ROWS[1:]])  # has Parquet, old has not
    rows = next(t for t in diff.diff_releases(old, new).tables if t.name == "people").rows
    assert rows is not None and rows.source == "csv"
    assert rows.changed_examples == (diff.ChangedRow({"id": "a"}, {"age": ("36", "37")}),)


def test_tables_without_a_primary_key_are_multisets(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = make_release(tmp_path / "new", {
        "people": (PEOPLE, ROWS),
        "tags": (TAGS, [{"person": "a", "tag": "x"}, {"person": "b", "tag": "z"},
                        {"person": "b", "tag": "y"}, {"person": "b", "tag": "y"}])})
    result = diff.diff_releases(old, new)
    rows = next(t for t in result.tables if t.name == "tags").rows
    assert rows is not None and rows.method == "multiset" and rows.key == ()
    assert (rows.added, rows.removed, rows.changed) == (2, 1, 0)
    assert rows.added_examples == ({"person": "b", "tag": "y"}, {"person": "b", "tag": "z"})
    assert rows.removed_examples == ({"person": "a", "tag": "x"},)
    assert "no primary key: compared as multisets of rows" in diff.render(result, "text")
    assert "n/a (multiset)" in diff.render(result, "markdown")


def _schema(**changes: Any) -> dict[str, Any]:
    schema = copy.deepcopy(PEOPLE)
    fields = {f["name"]: f for f in schema["fields"]}
    for name, update in changes.items():
        if update is None:
            schema["fields"].remove(fields[name])
        elif name in fields:
            fields[name].update(update)
        else:
            schema["fields"].append({"name": name, **update})
    return schema


@pytest.mark.parametrize(("new", "kind", "breaking"), [
    (_schema(email={"type": "string"}), "field-added", False),
    (_schema(email={"type": "string", "constraints": {"required": True}}), "field-added", True),
    (_schema(born=None), "field-removed", True),
    (_schema(age={"type": "number"}), "field-retyped", True),
    (_schema(age={"constraints": {"minimum": 18}}), "constraint-changed", True),
    (_schema(age={"constraints": {}}), "constraint-changed", False),
    (_schema(name={"constraints": {"required": True, "maxLength": 10}}), "constraint-changed", True),
    (_schema(name={"constraints": {}}), "constraint-changed", False),
    (_schema(name={"constraints": {"required": True, "enum": ["Ada", "Bo"]}}), "constraint-changed", True),
    (_schema(name={"format": "email"}), "constraint-changed", True),
    (_schema(name={"description": "The name."}), "field-documented", False),
    (_schema(name={"bareNumber": False}), "field-property-changed", True),
    ({**PEOPLE, "primaryKey": ["id", "name"]}, "primary-key-changed", True),
    ({**PEOPLE, "missingValues": ["", "NA"]}, "schema-property-changed", True),
    ({**PEOPLE, "fields": [PEOPLE["fields"][1], PEOPLE["fields"][0], *PEOPLE["fields"][2:]]},
     "fields-reordered", True),
    ({**PEOPLE, "foreignKeys": [{"fields": ["id"], "reference": {"resource": "", "fields": ["id"]}}]},
     "foreign-keys-changed", True),
])
def test_schema_changes_say_whether_they_break(new: dict[str, Any], kind: str, breaking: bool) -> None:
    changes = diff.schema_changes(PEOPLE, new)
    assert [(c.kind, c.breaking) for c in changes] == [(kind, breaking)]
    assert diff.schema_changes(PEOPLE, copy.deepcopy(PEOPLE)) == []


def test_enum_widened_is_looser() -> None:
    old = _schema(name={"constraints": {"enum": ["Ada"]}})
    new = _schema(name={"constraints": {"enum": ["Ada", "Bo"]}})
    assert [(c.summary, c.breaking) for c in diff.schema_changes(old, new)] == [
        ('field \'name\': enum ["Ada"] → ["Ada", "Bo"] (looser)', False)]


def test_schema_changes_and_rows_together(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    schema = _schema(born=None, email={"type": "string"})
    new = _people(tmp_path / "new", [{k: v for k, v in r.items() if k != "born"} for r in ROWS], schema)
    table = next(t for t in diff.diff_releases(old, new).tables if t.name == "people")
    assert [c.kind for c in table.schema_changes] == ["field-removed", "field-added"]
    assert table.rows is not None and not table.rows.differs
    assert table.rows.compared_fields == ("id", "name", "age")


def test_a_changed_key_whose_fields_exist_on_both_sides_matches_on_the_new_key(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = _people(tmp_path / "new", schema={**PEOPLE, "primaryKey": ["id", "name"]})
    table = next(t for t in diff.diff_releases(old, new).tables if t.name == "people")
    assert table.rows is not None and table.rows.key == ("id", "name") and not table.rows.differs
    assert [c.kind for c in table.schema_changes] == ["primary-key-changed"]


def test_incompatible_primary_keys_are_an_error(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    schema = {**_schema(id=None, uid={"type": "string", "constraints": {"required": True}}),
              "primaryKey": ["uid"]}
    new = _people(tmp_path / "new", [{**{k: v for k, v in r.items() if k != "id"}, "uid": r["id"]}
                                     for r in ROWS], schema)
    with pytest.raises(IncompatibleKeysError, match=r"table 'people': rows cannot be matched: "
                       r"the primary key was \[\"id\"\] and is \[\"uid\"\]"):
        diff.diff_releases(old, new)


def test_a_duplicate_key_is_an_error(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = _people(tmp_path / "new", [*ROWS, ROWS[0]])
    with pytest.raises(IncompatibleKeysError, match=r"not unique in NEW .*\{\"id\": \"a\"\} occurs 2"):
        diff.diff_releases(old, new)


def test_tables_added_and_removed(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = make_release(tmp_path / "new", {"people": (PEOPLE, ROWS),
                                          "more": (PEOPLE, ROWS[:2])})
    result = diff.diff_releases(old, new)
    status = {t.name: (t.status, t.row_count, [c.breaking for c in t.schema_changes]) for t in result.tables}
    assert status == {"people": ("unchanged", None, []), "tags": ("removed", 3, [True]),
                      "more": ("added", 2, [False])}


def test_zip_and_descriptor_sides(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = _people(tmp_path / "new", ROWS[:2])
    archive = tmp_path / "new.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(new.rglob("*")):
            z.write(path, Path("people-1.0.0") / path.relative_to(new))
    result = diff.diff_releases(old / "datapackage.json", archive)
    rows = next(t for t in result.tables if t.name == "people").rows
    assert rows is not None and rows.removed == 1
    assert result.new == str(archive)


def test_a_missing_side_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such release"):
        diff.diff_releases(REPO, tmp_path / "nothing")
    (tmp_path / "x.zip").write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as z:
        z.writestr("readme.txt", "hi")
    with pytest.raises(InputError, match=r"the zip holds no datapackage\.json"):
        diff.diff_releases(REPO, tmp_path / "empty.zip")


def test_renderings(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = _people(tmp_path / "new", [{**ROWS[0], "name": "Ada L."}, *ROWS[1:]],
                  _schema(email={"type": "string"}), version="1.1.0")
    result = diff.diff_releases(old, new)
    text = diff.render(result, "text")
    assert text.splitlines()[2:6] == [
        "people: changed",
        "  schema: field 'email' added (string, optional)",
        "  rows: 0 added, 0 removed, 1 changed (3 → 3 rows, matched on id); changed fields: name (1)",
        '    changed {"id": "a"}: name: "Ada" → "Ada L."',
    ]
    assert "  version: \"1.0.0\" → \"1.1.0\"" in text
    markdown = diff.render(result, "markdown")
    assert "| people | changed | 0 | 0 | 1 | field 'email' added (string, optional) |" in markdown
    data = json.loads(diff.render(result, "json"))
    assert data["differs"] is True
    assert data["tables"][0]["rows"]["changed_examples"] == [
        {"key": {"id": "a"}, "changes": {"name": ["Ada", "Ada L."]}}]


def test_cli_diff(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new = _people(tmp_path / "new", ROWS[:1])
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json", "--examples", "1"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["tables"][0]["rows"]
    assert rows["removed"] == 2 and len(rows["removed_examples"]) == 1
    missing = CliRunner().invoke(main, ["diff", str(old), str(tmp_path / "nope")])
    assert missing.exit_code == 3
    assert "no such release" in missing.output


_key = st.text("abcdef", min_size=1, max_size=3)
_value = st.none() | st.integers(-5, 5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.dictionaries(_key, _value, max_size=12), new=st.dictionaries(_key, _value, max_size=12),
       tags_old=st.lists(st.sampled_from("xyz"), max_size=6),
       tags_new=st.lists(st.sampled_from("xyz"), max_size=6))
def test_counts_agree_with_python(tmp_path: Path, old: dict[str, int | None], new: dict[str, int | None],
                                  tags_old: list[str], tags_new: list[str]) -> None:
    work = tmp_path / "h"
    shutil.rmtree(work, ignore_errors=True)

    def release(name: str, ages: dict[str, int | None], tags: list[str]) -> Path:
        rows = [{"id": k, "name": k, "age": v, "born": None} for k, v in sorted(ages.items())]
        return make_release(work / name, {"people": (PEOPLE, rows),
                                          "tags": (TAGS, [{"person": "p", "tag": t} for t in tags])})

    result = diff.diff_releases(release("old", old, tags_old), release("new", new, tags_new))
    people, tags = (t.rows for t in result.tables)
    assert people is not None and tags is not None
    assert people.added == len(new.keys() - old.keys())
    assert people.removed == len(old.keys() - new.keys())
    assert people.changed == sum(1 for k in old.keys() & new.keys() if old[k] != new[k])
    assert tags.added == sum((Counter(tags_new) - Counter(tags_old)).values())
    assert tags.removed == sum((Counter(tags_old) - Counter(tags_new)).values())


def test_a_retyped_field_compares_old_values_cast_to_the_new_type(tmp_path: Path) -> None:
    old = _people(tmp_path / "old")
    new_rows = [{**r, "age": None if r["age"] is None else float(r["age"])} for r in ROWS]
    new_rows[1]["age"] = 40.5
    new = _people(tmp_path / "new", new_rows, _schema(age={"type": "number"}))
    table = next(t for t in diff.diff_releases(old, new).tables if t.name == "people")
    assert [c.kind for c in table.schema_changes] == ["field-retyped"]
    assert table.rows is not None and table.rows.changed == 1  # 36 == 36.0; 40 != 40.5
    assert table.rows.changed_examples == (diff.ChangedRow({"id": "b"}, {"age": (40.0, 40.5)}),)


# --------------------------------------------------------------------------- packages users bring


GDP_SCHEMA = {"fields": [{"name": "country", "type": "string"}, {"name": "year", "type": "integer"},
                         {"name": "value", "type": "number"}], "primaryKey": ["country", "year"]}


def _plain_package(root: Path, rows: str, **resource: Any) -> Path:
    """A package as others write it: a .csv path, no format, no type."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "gdp.csv").write_text(rows, encoding="utf-8")
    entry = {"name": "gdp", "path": "data/gdp.csv", "schema": GDP_SCHEMA, **resource}
    (root / "datapackage.json").write_text(json.dumps({"name": "gdp", "resources": [entry]}),
                                           encoding="utf-8")
    return root


GDP = "country,year,value\nSE,2020,1.0\nNO,2020,2.0\nDK,2020,3.0\n"


def test_a_csv_path_without_format_or_type_is_a_table(tmp_path: Path) -> None:
    old = _plain_package(tmp_path / "old", GDP)
    new = _plain_package(tmp_path / "new", "country,year,value\nSE,2020,1.5\nNO,2020,2.0\n")
    result = diff.diff_releases(old, new)
    (gdp,) = result.tables
    assert gdp.status == "changed" and gdp.rows is not None
    assert (gdp.rows.removed, gdp.rows.changed) == (1, 1)
    assert "No changes" not in diff.render(result, "text")


def test_resources_that_cannot_be_compared_are_said(tmp_path: Path) -> None:
    old = _plain_package(tmp_path / "old", GDP)
    descriptor = json.loads((old / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] += [
        {"name": "sheet", "path": "data/gdp.xlsx", "schema": GDP_SCHEMA},
        {"name": "inline", "type": "table", "data": [["a"], [1]]},
        {"name": "remote", "path": "http://127.0.0.1:9/gdp.csv"},
        {"name": "notes", "path": "notes.pdf"},
    ]
    (old / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = diff.diff_releases(old, old)
    reasons = {n.name: n.reason for n in result.not_compared}
    assert set(reasons) == {"sheet", "inline", "remote", "notes"}
    assert "xlsx" in reasons["sheet"] and "inline" in reasons["inline"] and "remote" in reasons["remote"]
    text = diff.render(result, "text")
    assert "No changes." not in text and "No changes in what was compared." in text
    assert "not compared:" in text and "  sheet: format 'xlsx'" in text
    assert json.loads(diff.render(result, "json"))["not_compared"][0]["name"] == "sheet"


def test_a_resource_without_a_name_is_named_from_its_path(tmp_path: Path) -> None:
    old = _plain_package(tmp_path / "old", GDP)
    new = _plain_package(tmp_path / "new", GDP + "FI,2020,4.0\n")
    for side in (old, new):
        descriptor = json.loads((side / "datapackage.json").read_text(encoding="utf-8"))
        del descriptor["resources"][0]["name"]
        (side / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = diff.diff_releases(old, new)
    assert [(t.name, t.rows.added if t.rows else None) for t in result.tables] == [("gdp", 1)]


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink"])
def test_diff_refuses_data_outside_the_release(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("country,year,value\nSECRET,1,1\n", encoding="utf-8")
    old = _plain_package(tmp_path / "old", GDP)
    new = _plain_package(tmp_path / "new", GDP)
    path = {"dotdot": "../secret.csv", "absolute": str(secret), "symlink": "data/link.csv"}[kind]
    if kind == "symlink":
        (new / "data" / "link.csv").symlink_to(secret)
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = path
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(InputError, match="outside the release"):
        diff.diff_releases(old, new)
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 3 and "SECRET" not in result.output
    assert "outside the release" in result.output


def test_diff_caps_what_a_zip_expands_to(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("datapackage.json", '{"name": "p", "resources": []}')
        z.writestr("publish/zeros.csv", b"0" * (64 * 1024 * 1024))
    result = CliRunner().invoke(main, ["diff", str(REPO), str(archive)])
    assert result.exit_code == 3 and "expands more than" in result.output


_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=4),
                   st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                            st.integers(), max_size=2))
_FIELD = st.fixed_dictionaries({"name": st.sampled_from(["country", "year", "value", "x"])}, optional={
    "type": st.sampled_from(["string", "integer", "number", "list", "bogus"]) | _VALUE,
    "constraints": st.dictionaries(st.sampled_from(["required", "minimum", "maximum", "enum", "pattern",
                                                    "unique", "maxLength"]), _VALUE, max_size=3) | _VALUE,
    "format": _VALUE, "description": _VALUE})
_SCHEMA = st.fixed_dictionaries({"fields": st.lists(_FIELD, max_size=4) | _VALUE}, optional={
    "primaryKey": st.sampled_from([["country"], "year", ["nope"], []]) | _VALUE,
    "foreignKeys": _VALUE, "missingValues": _VALUE})


@settings(max_examples=100, deadline=20_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old_schema=_SCHEMA, new_schema=_SCHEMA, resource=st.dictionaries(
    st.sampled_from(["name", "path", "type", "format", "data", "dialect", "mediatype", "hash"]), _VALUE,
    max_size=2))
def test_diff_of_any_two_schemas_is_a_result_or_a_clear_error(
        tmp_path_factory: pytest.TempPathFactory, old_schema: dict[str, Any], new_schema: dict[str, Any],
        resource: dict[str, Any]) -> None:
    """Whatever the schemas and resource properties: a diff or an input error (exit 0 or 3),
    never a traceback, nothing written in either release."""
    base = tmp_path_factory.mktemp("diffprop")
    old = _plain_package(base / "old", GDP, schema=old_schema, **resource)
    new = _plain_package(base / "new", GDP + "FI,2021,4.0\n", schema=new_schema, **resource)
    before = sorted(str(p) for p in base.rglob("*"))
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert isinstance(result.exception, SystemExit | type(None)), result.output
    assert result.exit_code in (0, 3), result.output
    assert sorted(str(p) for p in base.rglob("*")) == before

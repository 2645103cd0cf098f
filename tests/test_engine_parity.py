"""The streaming engine reports what frictionless reports: same findings, same order, same
messages, same resource summaries.

Inputs, each validated by both engines and compared whole (``Report`` equality):

- frictionless-py's own resource-validation cases (``tests/data/frictionless``, translated as in
  ``test_validate_conformance``);
- tables Hypothesis draws from a random Table Schema, with errors of every kind injected and
  written with every CSV quirk Python's csv module reads (quoted newlines, CR LF, stray quotes,
  empty lines, ragged rows), read in tiny blocks and with a tiny key budget too;
- real packages (``tests/data/packages``, see the README there) and this repository's release;
- a small release from ``benchmarks/generate.py`` with injected errors.

Where the engine differs from frictionless on purpose (invalid UTF-8), the difference is pinned
down at the end of this module.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from datarelease.validate import Report, validate_package, validate_resource
from datarelease.validate import stream as engine

from .test_validate_conformance import CASES, Untranslatable, case_id, translate

HERE = Path(__file__).parent
PACKAGES = HERE / "data" / "packages"
ROOT = HERE.parent


def both(path: Path, **options: Any) -> tuple[Report, Report]:
    return (
        validate_package(path, engine="stream", **options),
        validate_package(path, engine="frictionless", **options),
    )


def assert_same(stream: Report, reference: Report) -> None:
    assert stream.findings == reference.findings
    assert stream.resources == reference.resources
    assert stream == reference


# --------------------------------------------------------------------------- upstream cases


def runnable_cases() -> list[dict[str, Any]]:
    cases = []
    for case in CASES:
        try:
            translate(case["recipe"])
        except Untranslatable:
            continue
        cases.append(case)
    return cases


@pytest.mark.parametrize("case", runnable_cases(), ids=case_id)
def test_upstream_case_same_in_both_engines(case: dict[str, Any]) -> None:
    plan = translate(case["recipe"])
    options = {"pick_errors": plan.pick_errors, "skip_errors": plan.skip_errors}
    stream = validate_resource(plan.descriptor, plan.basepath, engine="stream", **options)
    reference = validate_resource(plan.descriptor, plan.basepath, engine="frictionless", **options)
    assert_same(stream, reference)


def test_most_upstream_csv_cases_are_streamed() -> None:
    """A tripwire: the parity above means little if the engine handed every case back."""
    streamed = []
    for case in runnable_cases():
        plan = translate(case["recipe"])
        table = engine.plan_resource(plan.descriptor, plan.basepath)
        if table is not None and table.streamed:
            streamed.append(case_id(case))
    assert len(streamed) >= 38, streamed


def test_block_size_does_not_change_upstream_findings() -> None:
    for case in runnable_cases():
        plan = translate(case["recipe"])
        options = {"pick_errors": plan.pick_errors, "skip_errors": plan.skip_errors}
        expected = validate_resource(plan.descriptor, plan.basepath, engine="frictionless", **options)
        actual = engine.validate_resource_streaming(plan.descriptor, plan.basepath, block_bytes=7, **options)
        assert actual == expected, case_id(case)


# --------------------------------------------------------------------------- generated tables

POOLS: dict[str, list[str]] = {
    "string": ["a", "b", "abc", "Åsa", "x y", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", "end\n",
               " lead", "1", "", "NA", "-", "news-0123456789ab", "http://x.se/a", "www.x.se",
               "mailto:a@b.se", "a@b.se", "ab", "é", "٣"],
    "integer": ["1", "2", "0", "-3", "+4", " 5", "007", "1_000", "1.0", "x", "", "NA", "-",
                "99999999999999999999", "٣", "12345678901234567"],
    "number": ["1", "1.5", "-0.25", "1e3", "NaN", "inf", "1,5", "x", "", "NA",
               "0.1000000000000000000001", "1.0", "2"],
    "boolean": ["true", "false", "True", "1", "0", "yes", "", "NA"],
    "date": ["2020-01-31", "2020-02-30", "2020-1-5", "31/01/2020", "", "0001-01-01",
             "2020-01-31T00:00:00", "2021-06-01"],
    "datetime": ["2020-01-31T10:00:00Z", "2020-01-31T10:00:00", "2020-01-31T11:00:00+01:00",
                 "2020-01-31 10:00:00", "x", ""],
    "year": ["2020", "0999", "99", "20200", "", "x", "2021"],
    "any": ["x", "1", "", "NA", "y"],
    "list": ["a|b", "a", "", "|", "a|b|c"],
}
KEY_TYPES = ["string", "integer", "number", "boolean", "date", "year", "any"]
PATTERNS = ["[a-z]+", "news-[0-9a-f]{12}", "a|b", r"\d+", "[^a]*", ".*", "(ab|c)+", "[A-Za-z ]{1,3}", r"\w+",
            "[a-c]{2}", "^[0-9]{1}$", r"a\.b", "[a-z]{3}"]
# No bounds on datetimes: frictionless 5.21 raises TypeError comparing an aware datetime with a
# naive bound (in both engines, as the engine uses frictionless's cell readers).
BOUNDS = {"integer": ["0", "2", 1], "number": ["0.5", "1", 2], "date": ["2020-01-31"],
          "year": ["2020", 2000]}
NAMES = ["id", "name", "Åsa", "a b", "x", "y", "ref"]


@st.composite
def table_schemas(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    fields = []
    for name in names:
        kind = draw(st.sampled_from(sorted(POOLS)))
        field: dict[str, Any] = {"name": name, "type": kind}
        constraints: dict[str, Any] = {}
        if draw(st.booleans()):
            constraints["required"] = True
        if kind in KEY_TYPES and draw(st.integers(0, 3)) == 0:
            constraints["unique"] = True
        if kind == "string":
            field["format"] = draw(st.sampled_from(["default", "default", "uri", "email"]))
            if draw(st.integers(0, 2)) == 0:
                constraints["pattern"] = draw(st.sampled_from(PATTERNS))
            if draw(st.integers(0, 3)) == 0:
                constraints["minLength"] = draw(st.integers(0, 3))
            if draw(st.integers(0, 3)) == 0:
                constraints["maxLength"] = draw(st.integers(1, 5))
        if kind in BOUNDS and draw(st.integers(0, 2)) == 0:
            constraints[draw(st.sampled_from(["minimum", "maximum"]))] = draw(st.sampled_from(BOUNDS[kind]))
        if kind in ("string", "integer", "any", "date", "boolean") and draw(st.integers(0, 3)) == 0:
            constraints["enum"] = draw(st.lists(st.sampled_from(POOLS[kind]), min_size=1, max_size=3,
                                                unique=True))
        if kind == "list":
            field["delimiter"] = "|"
            field["itemType"] = "string"
            if draw(st.booleans()):
                constraints[draw(st.sampled_from(["minLength", "maxLength"]))] = draw(st.integers(1, 2))
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields}
    schema["missingValues"] = draw(st.sampled_from([[""], ["", "NA"], ["-"], ["NA"]]))
    keyable = [f["name"] for f in fields if f["type"] in KEY_TYPES]
    if keyable and draw(st.booleans()):
        schema["primaryKey"] = draw(st.lists(st.sampled_from(keyable), min_size=1, max_size=2, unique=True))
    if len(keyable) >= 1 and draw(st.booleans()):
        source = draw(st.sampled_from(keyable))
        target = draw(st.sampled_from(keyable))
        schema["foreignKeys"] = [{"fields": [source],
                                  "reference": {"resource": draw(st.sampled_from(["", "t"])),
                                                "fields": [target]}}]
    return schema


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, Any], bytes]:
    schema = draw(table_schemas())
    fields = schema["fields"]
    labels = [f["name"] for f in fields]
    header_change = draw(st.integers(0, 9))
    if header_change == 0:
        labels = [*labels, "extra"]
    elif header_change == 1 and len(labels) > 1:
        labels = labels[:-1]
    elif header_change == 2:
        labels[0] = labels[0] + "_x"
    rows: list[list[str] | str] = []
    for _ in range(draw(st.integers(0, 12))):
        cells = [draw(st.sampled_from(POOLS[f["type"]])) for f in fields]
        change = draw(st.integers(0, 14))
        if change == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]
        elif change == 1:
            cells = [*cells, "surplus"]
        elif change == 2:
            cells = [""] * len(cells)
        elif change == 3:
            rows.append("")  # an empty line
            continue
        elif change == 4:
            rows.append(draw(st.sampled_from(['a"b,c', '"ab"c,d', '"x""y",z', ' "q",r'])))
            continue
        elif change == 5 and rows:
            previous = rows[draw(st.integers(0, len(rows) - 1))]
            if isinstance(previous, list):
                cells = list(previous)
        rows.append(cells)
    delimiter = draw(st.sampled_from([",", ",", ";"]))
    terminator = draw(st.sampled_from(["\n", "\r\n", "\n", "\r"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
    writer.writerow(labels)
    for row in rows:
        if isinstance(row, str):
            buffer.write(row.replace(",", delimiter) + terminator)
        else:
            writer.writerow(row)
    text = buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:
        text = text.rstrip("\r\n")  # no line end after the last record
    return schema, text.encode("utf-8")


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), block=st.sampled_from([1 << 20, 64, 5]), budget=st.sampled_from([1 << 20, 1]),
       pick=st.sampled_from([(), ("constraint-error",), ("#row",)]))
def test_generated_tables_same_in_both_engines(
    table: tuple[dict[str, Any], bytes], block: int, budget: int, pick: tuple[str, ...]
) -> None:
    schema, data = table
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "t.csv").write_bytes(data)
        descriptor = {"name": "t", "type": "table", "path": "t.csv", "schema": schema}
        reference = validate_resource(descriptor, folder, engine="frictionless", pick_errors=pick)
        stream = engine.validate_resource_streaming(descriptor, folder, pick_errors=pick, block_bytes=block,
                                                    key_memory=budget)
    assert_same(stream, reference)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(left=tables(), right=tables(), block=st.sampled_from([1 << 20, 9]))
def test_generated_packages_with_foreign_keys_across_tables(
    left: tuple[dict[str, Any], bytes], right: tuple[dict[str, Any], bytes], block: int
) -> None:
    (schema_a, data_a), (schema_b, data_b) = left, right
    sources = [f["name"] for f in schema_b["fields"] if f["type"] in KEY_TYPES]
    targets = [f["name"] for f in schema_a["fields"] if f["type"] in KEY_TYPES]
    assume(sources and targets)  # frictionless 5.21 raises TypeError on a list-typed key
    source, target = sources[0], targets[-1]
    schema_a = {**schema_a, "foreignKeys": [
        {"fields": [target], "reference": {"resource": "b", "fields": [source]}},
        *schema_a.get("foreignKeys", []),
    ]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.csv").write_bytes(data_a)
        (folder / "b.csv").write_bytes(data_b)
        descriptor = {"name": "p", "resources": [
            {"name": "a", "path": "a.csv", "schema": schema_a},
            {"name": "b", "path": "b.csv", "schema": schema_b},
        ]}
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        reference = validate_package(folder, engine="frictionless")
        stream = engine.validate_package_streaming(folder, block_bytes=block)
    assert_same(stream, reference)


# --------------------------------------------------------------------------- real packages


@pytest.mark.parametrize("name", sorted(p.name for p in PACKAGES.iterdir() if p.is_dir()))
def test_real_package_same_in_both_engines(name: str) -> None:
    assert_same(*both(PACKAGES / name))


def test_real_tables_are_streamed() -> None:
    plans = {p.name: p for folder in PACKAGES.iterdir() if folder.is_dir()
             for p in engine.plan_package(folder)}
    assert plans["vix-daily"].streamed
    assert plans["codes-all"].streamed
    assert not plans["units"].streamed  # a dialect the engine hands to frictionless
    assert plans["units"].reason


def test_this_repositorys_release_same_in_both_engines() -> None:
    stream, reference = both(ROOT / "datapackage.json")
    assert_same(stream, reference)
    assert stream.valid
    plans = {p.name: p.streamed for p in engine.plan_package(ROOT / "datapackage.json")}
    assert plans["news_items"] and plans["organisations"]
    assert not plans["news_items-parquet"]  # a file resource: bytes and hash, by frictionless


# --------------------------------------------------------------------------- the benchmark's shape


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("dr_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dr_generate"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_release_with_every_kind_of_error(tmp_path: Path) -> None:
    generate = load_generator()
    injected = generate.generate(tmp_path / "p", rows=3000, errors=2 * len(generate.KINDS), seed=7)
    stream, reference = both(tmp_path / "p")
    assert_same(stream, reference)
    found = {(f.resource, f.row_number) for f in stream.findings}
    for item in injected:
        assert (item.table, item.row_number) in found, item
    kinds = {f.type for f in stream.findings}
    assert kinds >= {"type-error", "constraint-error", "unique-error", "primary-key", "foreign-key",
                     "extra-cell", "missing-cell", "blank-row"}
    rules = {f.rule for f in stream.findings if f.type == "constraint-error"}
    assert rules >= {"pattern", "enum", "required", "minimum", "maximum"}


def test_spilled_keys_give_the_same_findings(tmp_path: Path) -> None:
    generate = load_generator()
    generate.generate(tmp_path / "p", rows=2000, errors=28, seed=3)
    reference = validate_package(tmp_path / "p", engine="frictionless")
    spilled = engine.validate_package_streaming(tmp_path / "p", key_memory=1)
    assert_same(spilled, reference)


# --------------------------------------------------------------------------- frictionless's blind spots


def test_foreign_keys_outside_the_schema_are_ignored_by_both(tmp_path: Path) -> None:
    """frictionless ignores ``foreignKeys`` declared on the resource (a v1-era habit), and so,
    for parity, does the engine: such a package validates as if it had none."""
    (tmp_path / "a.csv").write_text("id,ref\n1,9\n", encoding="utf-8")
    descriptor = {"name": "p", "resources": [{
        "name": "a", "path": "a.csv",
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "ref", "type": "integer"}]},
        "foreignKeys": [{"fields": ["ref"], "reference": {"resource": "", "fields": ["id"]}}],
    }]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    stream, reference = both(tmp_path)
    assert_same(stream, reference)
    assert stream.valid


def test_a_foreign_key_on_fields_missing_from_the_header_is_skipped_by_both(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id\n1\n2\n", encoding="utf-8")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "ref", "type": "integer"}],
              "foreignKeys": [{"fields": ["ref"], "reference": {"resource": "", "fields": ["id"]}}]}
    descriptor = {"name": "p", "resources": [{"name": "a", "path": "a.csv", "schema": schema}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    stream, reference = both(tmp_path)
    assert_same(stream, reference)
    assert [f.type for f in stream.findings] == ["missing-label"]


# --------------------------------------------------------------------------- differences on purpose


def test_invalid_utf8_is_reported_per_cell_where_frictionless_stops(tmp_path: Path) -> None:
    """frictionless stops at the 8 KB text chunk holding a bad byte, reports one
    ``encoding-error`` without a row and checks nothing after it. The engine reports the row,
    field and byte offset of each cell (once), checks every row, and closes with the count."""
    lines = [b"id,name"] + [b"%d,n%d" % (i, i) for i in range(1, 2000)]
    lines[1500] = b"1500,bad \xff byte"
    lines[1800] = b"x,after the bad byte"
    (tmp_path / "t.csv").write_bytes(b"\n".join(lines) + b"\n")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    descriptor = {"name": "t", "path": "t.csv", "schema": schema, "encoding": "utf-8"}
    reference = validate_resource(descriptor, tmp_path, engine="frictionless")
    stream = validate_resource(descriptor, tmp_path, engine="stream")
    assert [(f.type, f.row_number) for f in reference.findings] == [("encoding-error", None)]
    assert [(f.type, f.row_number, f.field_name) for f in stream.findings] == [
        ("encoding-error", 1501, "name"),
        ("type-error", 1801, "id"),
        ("encoding-error", None, None),  # the closing count
    ]
    assert "byte 14292" in stream.findings[0].note
    assert stream.resources[0].rows == 1999
    assert reference.resources[0].rows < 1500  # frictionless stopped reading


def test_an_undeclared_encoding_is_detected_by_frictionless_for_both(tmp_path: Path) -> None:
    """Without ``encoding``, frictionless guesses from the first 10 kB (here ISO 8859-3, since
    the bad byte comes later); the engine then reads the table in that encoding too (0xFF is
    a letter in ISO 8859-3), transcoded (:mod:`datarelease.validate.stream.transcode`)."""
    lines = [b"id,name"] + [b"%d,n%d" % (i, i) for i in range(1, 2000)]
    lines[1500] = b"1500,bad \xff byte"
    (tmp_path / "t.csv").write_bytes(b"\n".join(lines) + b"\n")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    descriptor = {"name": "t", "path": "t.csv", "schema": schema}
    plan = engine.plan_resource(descriptor, tmp_path)
    assert plan is not None and plan.streamed
    stream = validate_resource(descriptor, tmp_path, engine="stream")
    assert_same(stream, validate_resource(descriptor, tmp_path, engine="frictionless"))
    assert stream.valid

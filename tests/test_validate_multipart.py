"""Multipart resources (``"path": ["part-1.csv", "part-2.csv", ...]``): the streaming engine reads
them itself, in worker processes, and reports what ``frictionless validate`` reports.

frictionless 5 reads a multipart CSV resource as one byte stream: the parts one after the other,
every part after the first without its first line (up to its first LF), rows numbered across the
parts. Each test builds such a package and compares the engine's whole report with frictionless's
(``Report`` equality: findings, their order and words, resource summaries, omitted counts), with
worker processes (``workers=2``) and without (``workers=1``: the parts read here as one stream).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from datarelease.validate import Report, validate_package
from datarelease.validate import stream as engine

from .test_engine_parity import assert_same, load_generator, tables

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "name", "type": "string", "constraints": {"maxLength": 5}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
    ],
    "primaryKey": ["id"],
}


def write_package(folder: Path, parts: list[bytes], schema: dict[str, Any] | None = None,
                  others: list[dict[str, Any]] | None = None, **resource: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"part-{k}.csv" for k in range(1, len(parts) + 1)]
    for name, data in zip(names, parts, strict=True):
        (folder / name).write_bytes(data)
    descriptor = {"name": "p", "resources": [
        {"name": "t", "path": names, "schema": schema or SCHEMA, **resource}, *(others or [])]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def streamed(folder: Path, workers: int | None, **options: Any) -> tuple[Report, list[engine.PartDone]]:
    done: list[engine.PartDone] = []
    report = engine.validate_package_streaming(folder, workers=workers, on_part=done.append, **options)
    return report, done


def assert_parity(folder: Path, **options: Any) -> tuple[Report, list[engine.PartDone]]:
    reference = validate_package(folder, engine="frictionless", **options)
    alone, _ = streamed(folder, 1, **options)
    assert_same(alone, reference)
    parallel, done = streamed(folder, 2, **options)
    assert_same(parallel, reference)
    return reference, done


# --------------------------------------------------------------------------- parity


def test_errors_in_every_part_and_across_part_boundaries(tmp_path: Path) -> None:
    parts = [
        b"id,name,kind\n1,ok,a\n2,toolongname,b\nx,ok,a\n",
        b"id,name,kind\n3,ok,c\n1,dup,a\n\n,,\n4,ok,a,extra\n5,ok\n",  # a duplicate of part 1's key
        b"id,name,kind\r\n6,ok,a\r\n7,ok,b",  # CR LF, and no line end at the end of the part
        b"id,name,kind\n8,ok,a\n3,dup,b\n",  # its first record ends up inside part 3's last line
        b"",  # an empty part
        b"id,name,kind\n",  # a header only
        b"id,name,kind\n9,ok,a\n9,dup,b",
    ]
    reference, done = assert_parity(write_package(tmp_path / "p", parts))
    found = [(f.type, f.row_number) for f in reference.findings]
    assert ("unique-error", 6) not in found and ("primary-key", 6) in found  # row 6 repeats row 2
    assert ("extra-cell", 12) in found  # "7,ok,b" + "8,ok,a": one record with too many cells
    assert reference.resources[0].rows == 14
    assert len(done) >= 2


def test_foreign_keys_from_and_into_multipart_resources(tmp_path: Path) -> None:
    schema = {**SCHEMA, "foreignKeys": [
        {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["code"]}}]}
    kinds = {"name": "kinds", "path": "kinds.csv", "schema": {"fields": [
        {"name": "code", "type": "string"}], "primaryKey": ["code"]}}
    uses = {"name": "uses", "path": "uses.csv", "schema": {
        "fields": [{"name": "item", "type": "integer"}],
        "foreignKeys": [{"fields": ["item"], "reference": {"resource": "t", "fields": ["id"]}}]}}
    folder = write_package(tmp_path / "p", [
        b"id,name,kind\n1,a,a\n2,b,z\n",
        b"id,name,kind\n3,c,b\n4,d,q\n",
        b"id,name,kind\n5,e,a\n",
    ], schema, [kinds, uses])
    (folder / "kinds.csv").write_bytes(b"code\na\nb\n")
    (folder / "uses.csv").write_bytes(b"item\n1\n4\n5\n6\n2\n99\n")
    reference, _ = assert_parity(folder)
    assert [(f.resource, f.row_number) for f in reference.findings if f.type == "foreign-key"] == [
        ("t", 3), ("t", 5), ("uses", 5), ("uses", 7)]


def test_a_self_reference_across_parts(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
              "primaryKey": ["id"],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}]}
    assert_parity(write_package(tmp_path / "p", [
        b"id,parent\n1,\n2,5\n", b"id,parent\n3,1\n4,9\n", b"id,parent\n5,4\n6,2\n"], schema))


def test_limits_on_findings_are_frictionlesss(tmp_path: Path) -> None:
    rows = [b"id,name,kind\n" + b"".join(b"%d,n,zz\n" % (k * 100 + i) for i in range(40))
            for k in range(3)]
    folder = write_package(tmp_path / "p", rows)
    for limit in (None, 3, 50):
        reference, _ = assert_parity(folder, max_errors=limit)
        if limit is not None:
            assert len(reference.findings) == limit and reference.omitted


def test_without_a_header_no_line_is_dropped(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", [b"1,a,a\n2,b,b\n", b"3,c,c\n4,d,a\n"], dialect={"header": False},
                           schema={"fields": SCHEMA["fields"]})
    reference, _ = assert_parity(folder)
    assert reference.resources[0].rows == 4


def test_missing_values_and_a_label_without_a_field(tmp_path: Path) -> None:
    """The workers rebuild the fields from descriptors: the schema's missing values, and the
    artificial field frictionless makes for a label the schema does not have, must survive."""
    schema = {**SCHEMA, "missingValues": ["-", "NA"]}
    folder = write_package(tmp_path / "p", [
        b"id,name,kind,more\n1,-,a,x\n-,b,b,y\n",
        b"id,name,kind,more\n2,,NA,z\n3,NA,c\n",
    ], schema)
    reference, _ = assert_parity(folder)
    assert {"extra-label", "constraint-error", "missing-cell"} <= {f.type for f in reference.findings}


def test_a_quoted_cell_that_runs_into_the_next_part(tmp_path: Path) -> None:
    """A part that ends inside quotes: frictionless reads on in the next part (after dropping its
    first line); the engine reads such a table again in one stream."""
    parts = [b'id,name,kind\n1,"ab\n', b'id,name,kind\ncd",a\n2,x,q\n', b'id,name,kind\n3,"y\n"",z\n']
    assert_parity(write_package(tmp_path / "p", parts))


def test_the_generated_release_in_parts(tmp_path: Path) -> None:
    """The benchmark's release, news items in 5 parts: every kind of error, foreign keys from the
    parts into organisations and from relationships into the parts, duplicates across parts."""
    generate = load_generator()
    generate.generate(tmp_path / "one", rows=3000, errors=3 * len(generate.KINDS), seed=5)
    (tmp_path / "parts").mkdir()
    for name in ("schemas", "data"):
        (tmp_path / "parts" / name).mkdir()
    descriptor = json.loads((tmp_path / "one" / "datapackage.json").read_text(encoding="utf-8"))
    for path in [r["path"] for r in descriptor["resources"]] + [r["schema"] for r in descriptor["resources"]]:
        if "news_items.csv" not in path:
            (tmp_path / "parts" / path).write_bytes((tmp_path / "one" / path).read_bytes())
    (tmp_path / "parts" / "datapackage.json").write_bytes(
        (tmp_path / "one" / "datapackage.json").read_bytes())
    generate.split_package(tmp_path / "parts", 5, origin=tmp_path / "one")
    one = validate_package(tmp_path / "one", engine="frictionless")
    reference, done = assert_parity(tmp_path / "parts")
    # the same findings as the single file (bytes and hash still hold: the stream is its bytes)
    assert [(f.resource, f.type, f.row_number, f.message) for f in reference.findings] == [
        (f.resource, f.type, f.row_number, f.message) for f in one.findings]
    assert {"unique-error", "primary-key", "foreign-key", "blank-row", "extra-cell"} <= {
        f.type for f in reference.findings}
    assert len(done) == 5


# --------------------------------------------------------------------------- worker processes


def test_more_than_one_worker_process_checks_the_parts(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", [b"id,name,kind\n%d,a,a\n" % k for k in range(4)])
    report, done = streamed(folder, 2)
    assert report.valid and report.resources[0].rows == 4
    pids = {d.pid for d in done}
    assert len(pids) == 2 and os.getpid() not in pids
    assert sorted(p for d in done for p in d.parts) == [f"part-{k}.csv" for k in range(1, 5)]
    assert sum(d.records for d in done) == 4


def test_one_worker_reads_the_parts_here(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", [b"id,name,kind\n1,a,a\n", b"id,name,kind\n2,b,b\n"])
    report, done = streamed(folder, 1)
    assert report.valid and not done
    _, by_default = streamed(folder, None)
    assert not by_default  # a small table is not worth starting processes for


def test_a_part_with_invalid_utf8_is_placed_in_its_file(tmp_path: Path) -> None:
    """Invalid UTF-8 is the engine's documented difference (one finding per cell, with its row);
    for a multipart table the note names the part and the byte in it."""
    latin = "id,name,kind\n3,Åsa,a\n".encode("latin-1")
    folder = write_package(tmp_path / "p", [b"id,name,kind\n1,a,a\n2,b,b\n", latin, b"id,name,kind\n4,d,a\n"],
                           encoding="utf-8")
    for workers in (1, 2):
        report, _ = streamed(folder, workers)
        errors = [f for f in report.findings if f.type == "encoding-error"]
        assert [(f.row_number, f.field_name) for f in errors] == [(4, "name"), (None, None)]
        assert "byte 15 of part-2.csv (row 4, field 'name')" in errors[0].note


# --------------------------------------------------------------------------- untrusted parts


def test_a_missing_part_is_frictionlesss_scheme_error(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", [b"id,name,kind\n1,a,a\n", b"id,name,kind\n2,b,b\n"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"].insert(1, "gone.csv")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    reference = validate_package(folder, engine="frictionless")
    report, done = streamed(folder, 2)
    assert [(f.type, f.row_number) for f in report.findings] == [("scheme-error", None)]
    assert [f.message for f in report.findings] == [f.message for f in reference.findings]
    assert report.resources == reference.resources and not done


@pytest.mark.parametrize("part", ["../outside.csv", "/etc/hostname"])
def test_a_part_outside_the_folder_is_refused_as_frictionless_refuses_it(tmp_path: Path, part: str) -> None:
    folder = write_package(tmp_path / "p", [b"id,name,kind\n1,a,a\n"])
    (tmp_path / "outside.csv").write_bytes(b"id,name,kind\n2,b,b\n")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"].append(part)
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report, done = streamed(folder, 2)
    assert_same(report, validate_package(folder, engine="frictionless"))
    assert not report.valid and "not safe" in report.findings[0].message and not done


def test_a_part_that_links_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", [b"id,name,kind\n1,a,a\n", b"id,name,kind\n2,b,b\n"])
    (tmp_path / "secret.csv").write_bytes(b"id,name,kind\n3,c,c\n")
    (folder / "part-2.csv").unlink()
    (folder / "part-2.csv").symlink_to(tmp_path / "secret.csv")
    report, done = streamed(folder, 2)
    assert [f.type for f in report.findings] == ["unsafe-path"] and not done
    assert "part-2.csv" in report.findings[0].note


# --------------------------------------------------------------------------- any table, any cuts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), cuts=st.lists(st.floats(0, 1), max_size=3), at_line_ends=st.booleans(),
       first_lines=st.lists(st.sampled_from([b"id,name\n", b"junk\n", b'"a\nb"\n', b"\n"]),
                            min_size=3, max_size=3))
@example(  # schema-level missing values, an extra label: the fields a worker rebuilds
    table=({"fields": [{"name": "id", "type": "any", "constraints": {"unique": True, "enum": ["x"]}},
                       {"name": "name", "type": "any"}, {"name": "c", "type": "any"}],
            "missingValues": ["-"]}, b"id,name,c,more\n,,\n-,-,-\n"),
    cuts=[0.0], at_line_ends=True, first_lines=[b"id,name\n"] * 3)
def test_any_table_cut_anywhere_into_parts(table: tuple[dict[str, Any], bytes], cuts: list[float],
                                           at_line_ends: bool, first_lines: list[bytes]) -> None:
    """A generated table (every CSV quirk) cut at any bytes — inside records, quotes and
    characters — or just after line ends (some inside quoted cells) into parts, each after the
    first given a first line that frictionless drops."""
    schema, data = table
    at = {int(c * len(data)) for c in cuts}
    if at_line_ends:  # where a worker process can take over (unless the line end is quoted)
        at = {data.find(b"\n", a) + 1 for a in at} - {0}
    bounds = sorted(at - {len(data)})
    pieces = [data[a:b] for a, b in zip([0, *bounds], [*bounds, len(data)], strict=True)]
    parts = [pieces[0]] + [line + piece for line, piece in zip(first_lines, pieces[1:], strict=False)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp), parts, schema)
        reference = validate_package(folder, engine="frictionless")
        alone, _ = streamed(folder, 1)
        assert_same(alone, reference)
        if at_line_ends and len(parts) > 1 and len(data) % 3 == 0:  # processes are slow to start
            parallel, _ = streamed(folder, 2)
            assert_same(parallel, reference)


def test_an_exception_in_a_worker_is_raised_here(tmp_path: Path) -> None:
    """frictionless 5.21 raises TypeError comparing an aware datetime with a naive bound (the
    engine, with its cell readers, too): raised in a worker, it comes back as itself."""
    bound = {"minimum": "2020-01-01T00:00:00"}
    schema = {"fields": [{"name": "at", "type": "datetime", "constraints": bound}]}
    folder = write_package(tmp_path / "p", [b"at\n2021-01-01T00:00:00\n", b"at\n2021-01-01T00:00:00Z\n"],
                           schema)
    for workers in (1, 2):
        with pytest.raises(TypeError):
            streamed(folder, workers)

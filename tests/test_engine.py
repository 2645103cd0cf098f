"""datarelease.engine on bad input: each problem reported with its file, row and field, no crash,
the same as frictionless wherever frictionless reports it (see test_engine_parity for parity at
large), and the progress line."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner

from datarelease import engine
from datarelease.cli import main
from datarelease.validate import Report, validate_package, validate_resource

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "name", "type": "string"},
        {"name": "note", "type": "string"},
    ],
    "primaryKey": ["id"],
}


def package(folder: Path, data: bytes, schema: dict[str, Any] | None = None) -> Path:
    (folder / "t.csv").write_bytes(data)
    descriptor = {"name": "p", "resources": [
        {"name": "t", "path": "t.csv", "encoding": "utf-8", "schema": schema or SCHEMA},
    ]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder / "datapackage.json"


def where(report: Report) -> list[tuple[str | None, str, int | None, str | None]]:
    return [(f.path, f.type, f.row_number, f.field_name) for f in report.findings]


def same_as_frictionless(path: Path) -> Report:
    stream = validate_package(path, engine="stream")
    assert stream == validate_package(path, engine="frictionless")
    return stream


def rows(count: int, start: int = 1) -> bytes:
    return b"".join(b'%d,"name %d","a, b"\n' % (i, i) for i in range(start, start + count))


def test_a_malformed_line_near_the_end_of_a_long_file(tmp_path: Path) -> None:
    """Many blocks in, one line with a cell too many and one with a cell too few: both found at
    their rows, the engine reading the file a small block at a time."""
    data = b"id,name,note\n" + rows(20_000) + b'20001,"x",y,z\n20002,only\n' + rows(3, 20_003)
    path = package(tmp_path, data)
    with mock.patch.object(engine, "BLOCK_BYTES", 4096):
        report = same_as_frictionless(path)
    assert where(report) == [
        ("t.csv", "extra-cell", 20_002, ""),
        ("t.csv", "missing-cell", 20_003, "note"),
    ]
    assert report.resources[0].rows == 20_005


def test_mixed_line_endings(tmp_path: Path) -> None:
    data = b'id,name,note\r\n1,a,b\n2,c,d\r3,e,f\r\n4,"g\r\nh",i\n5,"j\rk",l\r\n6,x,y'
    path = package(tmp_path, data)
    for size in (1 << 20, 3):
        with mock.patch.object(engine, "BLOCK_BYTES", size):
            report = same_as_frictionless(path)
        assert report.valid
        assert report.resources[0].rows == 6


def test_a_carriage_return_at_a_block_boundary_is_not_a_blank_row(tmp_path: Path) -> None:
    data = b"id,name,note\r\n" + b"".join(b"%d,n,m\r\n" % i for i in range(1, 200))
    path = package(tmp_path, data)
    for size in range(5, 40):
        with mock.patch.object(engine, "BLOCK_BYTES", size):
            assert same_as_frictionless(path).valid


def test_an_invalid_utf8_byte_is_reported_at_its_row_and_field(tmp_path: Path) -> None:
    data = b"id,name,note\n" + rows(10) + b"11,bad \xc3\x28 name,ok\n" + rows(5, 12)
    path = package(tmp_path, data)
    report = validate_package(path, engine="stream")
    assert where(report) == [("t.csv", "encoding-error", 12, "name")]
    assert report.findings[0].field_number == 2
    offset = data.index(b"\xc3\x28")
    assert f"byte {offset}" in report.findings[0].note
    assert report.resources[0].rows == 16


def test_a_header_that_does_not_match_the_schema(tmp_path: Path) -> None:
    path = package(tmp_path, b"id,nam,note,extra\n1,a,b,c\n")
    report = same_as_frictionless(path)
    assert where(report) == [
        ("t.csv", "extra-label", None, ""),
        ("t.csv", "incorrect-label", None, "name"),
    ]


def test_an_unterminated_quote_takes_the_rest_of_the_file_as_python_reads_it(tmp_path: Path) -> None:
    data = b'id,name,note\n1,a,b\n2,"c,d\n3,e,f\n4,g,h\n'
    path = package(tmp_path, data)
    report = same_as_frictionless(path)
    assert where(report) == [("t.csv", "missing-cell", 3, "note")]


def test_an_unterminated_quote_in_the_middle_of_a_long_file(tmp_path: Path) -> None:
    plain = b"".join(b"%d,n,m\n" % i for i in range(2002, 4002))
    data = b"id,name,note\n" + rows(2000) + b'2001,"open,x\n' + plain
    path = package(tmp_path, data)
    with mock.patch.object(engine, "BLOCK_BYTES", 1000):
        report = same_as_frictionless(path)
    assert where(report) == [("t.csv", "missing-cell", 2002, "note")]
    assert report.resources[0].rows == 2001


def test_stray_quotes_are_read_as_pythons_csv_reads_them(tmp_path: Path) -> None:
    """A quote inside an unquoted cell, or text after a closing quote: the engine stops trusting
    quote parity and reads on with Python's csv module."""
    data = b"id,name,note\n" + rows(500) + b'501,a"b,c\n502,"x"y,z\n' + rows(500, 503)
    path = package(tmp_path, data)
    with mock.patch.object(engine, "BLOCK_BYTES", 512):
        report = same_as_frictionless(path)
    assert report.valid


def test_blank_rows_and_empty_lines(tmp_path: Path) -> None:
    data = b"id,name,note\n1,a,b\n\n,,\n2,c,d\n"
    report = same_as_frictionless(package(tmp_path, data))
    assert [(f.type, f.row_number) for f in report.findings] == [
        ("blank-row", 3), ("primary-key", 3), ("blank-row", 4), ("primary-key", 4),
    ]


def test_an_empty_line_is_not_a_row_of_empty_cells_when_empty_is_a_value(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}],
              "missingValues": ["NA"]}
    report = same_as_frictionless(package(tmp_path, b"a,b\nx,y\n\n,\n", schema))
    assert [(f.type, f.row_number) for f in report.findings] == [("blank-row", 3)]


def test_a_missing_file_is_frictionlesss_error(tmp_path: Path) -> None:
    descriptor = {"name": "t", "path": "nowhere.csv", "schema": SCHEMA}
    stream = validate_resource(descriptor, tmp_path, engine="stream")
    assert stream == validate_resource(descriptor, tmp_path, engine="frictionless")
    assert [f.type for f in stream.findings] == ["scheme-error"]


def test_a_bad_hash_and_byte_count(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(b"id,name,note\n1,a,b\n")
    descriptor = {"name": "t", "path": "t.csv", "schema": SCHEMA, "bytes": 5,
                  "hash": "sha256:" + "0" * 64, "rows": 3}
    stream = validate_resource(descriptor, tmp_path, engine="stream")
    assert stream == validate_resource(descriptor, tmp_path, engine="frictionless")
    assert [f.type for f in stream.findings] == ["hash-count", "byte-count", "row-count"]


def test_an_unknown_engine_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'fast'"):
        validate_package(tmp_path, engine="fast")


def test_plan_says_why_a_table_is_handed_to_frictionless(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(b"id;name\n1;a\n")
    (tmp_path / "t.csv.gz").write_bytes(b"")
    descriptor = {"name": "p", "resources": [
        {"name": "plain", "path": "t.csv", "dialect": {"delimiter": ";"}},
        {"name": "spaced", "path": "t.csv", "dialect": {"delimiter": ";", "skipInitialSpace": True}},
        {"name": "inline", "data": [["a"], ["1"]]},
    ]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    plans = {p.name: p for p in engine.plan_package(tmp_path)}
    assert plans["plain"].streamed and plans["plain"].reason == ""
    assert not plans["spaced"].streamed and "skipInitialSpace" in plans["spaced"].reason
    assert not plans["inline"].streamed and plans["inline"].reason == "inline data"


def test_progress_line_shows_rows_per_second(tmp_path: Path) -> None:
    path = package(tmp_path, b"id,name,note\n" + rows(3000))
    stream = io.StringIO()
    progress = engine._Progress(True, stream)
    with mock.patch.object(engine, "BLOCK_BYTES", 4096), \
            mock.patch.object(engine._Progress, "create", return_value=progress), \
            mock.patch.object(engine, "_PROGRESS_EVERY", 0.0):
        engine.validate_package_streaming(path)
    text = stream.getvalue()
    assert "t: " in text and "rows/s" in text and "3,000 rows" in text


def test_progress_is_quiet_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not engine._Progress.create(None).enabled
    assert engine._Progress.create(True).enabled


def test_cli_validate_engine_option(tmp_path: Path) -> None:
    path = package(tmp_path, b"id,name,note\n1,a,b\nx,c,d\n")
    runner = CliRunner()
    outputs = {}
    for name in ("stream", "frictionless"):
        result = runner.invoke(main, ["validate", str(path), "--engine", name, "--format", "json"])
        assert result.exit_code == 1, result.output
        outputs[name] = json.loads(result.output)
    assert outputs["stream"] == outputs["frictionless"]
    assert outputs["stream"]["errors"][0]["rule"] == "type"
    result = runner.invoke(main, ["validate", str(path), "--engine", "fast"])
    assert result.exit_code == 2

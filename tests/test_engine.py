"""datarelease.engine on bad input: each problem reported with its file, row and field, no crash,
the same as frictionless wherever frictionless reports it (see test_engine_parity for parity at
large); the progress line; and the single-pass table writer of datarelease.package that build
uses (CSV byte for byte as csv.writer writes it, Parquet row groups, hashes while writing)."""

from __future__ import annotations

import io
import json
import re
import time
import warnings
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease import package as pkg
from datarelease.cli import main
from datarelease.progress import Progress
from datarelease.tableschema import arrow_schema
from datarelease.validate import Report, patterns, validate_package, validate_resource
from datarelease.validate import stream as engine
from datarelease.validate.stream import scan
from datarelease.validate.twins import check_parquet

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


def same_as_frictionless(path: Path, block_bytes: int = engine.BLOCK_BYTES) -> Report:
    stream = engine.validate_package_streaming(path, block_bytes=block_bytes)
    assert stream == validate_package(path, engine="frictionless")
    return stream


def rows(count: int, start: int = 1) -> bytes:
    return b"".join(b'%d,"name %d","a, b"\n' % (i, i) for i in range(start, start + count))


def test_a_malformed_line_near_the_end_of_a_long_file(tmp_path: Path) -> None:
    """Many blocks in, one line with a cell too many and one with a cell too few: both found at
    their rows, the engine reading the file a small block at a time."""
    data = b"id,name,note\n" + rows(20_000) + b'20001,"x",y,z\n20002,only\n' + rows(3, 20_003)
    path = package(tmp_path, data)
    report = same_as_frictionless(path, 4096)
    assert where(report) == [
        ("t.csv", "extra-cell", 20_002, ""),
        ("t.csv", "missing-cell", 20_003, "note"),
    ]
    assert report.resources[0].rows == 20_005


def test_mixed_line_endings(tmp_path: Path) -> None:
    data = b'id,name,note\r\n1,a,b\n2,c,d\r3,e,f\r\n4,"g\r\nh",i\n5,"j\rk",l\r\n6,x,y'
    path = package(tmp_path, data)
    for size in (1 << 20, 3):
        report = same_as_frictionless(path, size)
        assert report.valid
        assert report.resources[0].rows == 6


def test_a_carriage_return_at_a_block_boundary_is_not_a_blank_row(tmp_path: Path) -> None:
    data = b"id,name,note\r\n" + b"".join(b"%d,n,m\r\n" % i for i in range(1, 200))
    path = package(tmp_path, data)
    for size in range(5, 40):
        assert same_as_frictionless(path, size).valid


def test_an_invalid_utf8_byte_is_reported_at_its_row_and_field(tmp_path: Path) -> None:
    data = b"id,name,note\n" + rows(10) + b"11,bad \xc3\x28 name,ok\n" + rows(5, 12)
    path = package(tmp_path, data)
    report = validate_package(path, engine="stream")
    assert where(report) == [("t.csv", "encoding-error", 12, "name"), ("t.csv", "encoding-error", None, None)]
    assert report.findings[0].field_number == 2
    offset = data.index(b"\xc3\x28")
    assert f"byte {offset}" in report.findings[0].note
    assert report.findings[1].note.startswith("1 cell with invalid UTF-8 (1 invalid byte sequence)")
    assert report.resources[0].rows == 16


def test_a_latin1_file_declared_utf8_gives_one_finding_per_cell_and_a_summary(tmp_path: Path) -> None:
    """Every accented letter is an invalid UTF-8 sequence; each cell is reported once (at its
    first), in row and field order, and one closing finding counts them all."""
    lines = [b"id,name,note"] + [f'{i},Åsa Öberg-Ström,"Malmö, Skåne"'.encode("latin-1")
                                 for i in range(1, 901)]
    lines[234] = b"234,plain,ascii"
    data = b"\n".join(lines) + b"\n"
    path = package(tmp_path, data)
    for block in (engine.BLOCK_BYTES, 4096):
        report = engine.validate_package_streaming(path, block_bytes=block)
        expected = [("t.csv", "encoding-error", row, name) for row in range(2, 902) if row != 235
                    for name in ("name", "note")]
        assert where(report) == [*expected, ("t.csv", "encoding-error", None, None)]
        first = data.index("Åsa".encode("latin-1"))
        assert f"byte {first}" in report.findings[0].note
        assert report.findings[-1].note.startswith(
            f"{len(expected)} cells with invalid UTF-8 ({899 * 5} invalid byte sequences)")
        assert report.resources[0].rows == 900


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
    report = same_as_frictionless(path, 1000)
    assert where(report) == [("t.csv", "missing-cell", 2002, "note")]
    assert report.resources[0].rows == 2001


def test_stray_quotes_are_read_as_pythons_csv_reads_them(tmp_path: Path) -> None:
    """A quote inside an unquoted cell, or text after a closing quote: the engine stops trusting
    quote parity and reads on with Python's csv module."""
    data = b"id,name,note\n" + rows(500) + b'501,a"b,c\n502,"x"y,z\n' + rows(500, 503)
    path = package(tmp_path, data)
    report = same_as_frictionless(path, 512)
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


def test_a_bad_hash_byte_field_and_row_count(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(b"id,name,note\n1,a,b\n")
    descriptor = {"name": "t", "path": "t.csv", "schema": SCHEMA, "bytes": 5,
                  "hash": "sha256:" + "0" * 64, "rows": 3, "fields": 4}
    stream = validate_resource(descriptor, tmp_path, engine="stream")
    assert stream == validate_resource(descriptor, tmp_path, engine="frictionless")
    assert [f.type for f in stream.findings] == ["hash-count", "byte-count", "field-count", "row-count"]


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
    progress = Progress(True, stream, every=0.0)
    engine.validate_package_streaming(path, block_bytes=4096, progress=progress)
    text = stream.getvalue()
    assert "t: " in text and "rows/s" in text and "3,000 rows" in text


def test_progress_is_quiet_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not Progress.create(None).enabled
    assert Progress.create(True).enabled


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


# --------------------------------------------------------------------------- packaging at speed
# package.write_table: one pass, CSV text formatted by Arrow compute, byte for byte what
# csv.writer writes from csv_cell; Parquet row groups; both hashed while written.

WRITE_SCHEMA: dict[str, Any] = {"fields": [
    {"name": "s", "type": "string"},
    {"name": "i", "type": "integer"},
    {"name": "b", "type": "boolean"},
    {"name": "d", "type": "date"},
    {"name": "n", "type": "number"},
    {"name": "t", "type": "datetime"},
    {"name": "l", "type": "list", "itemType": "string", "delimiter": "|"},
]}
TEXTS = st.one_of(
    st.none(),
    st.sampled_from(["", "a", "a,b", 'say "hi"', "two\nlines", " x ", "Åsa", 'é,"', '"', ",", "\n"]),
    st.text(max_size=6).filter(lambda t: "\r" not in t),  # csv.writer leaves a bare \r unquoted
)


@st.composite
def write_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    import datetime as dt

    rows = []
    for _ in range(draw(st.integers(0, 9))):
        rows.append({
            "s": draw(TEXTS),
            "i": draw(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1))),
            "b": draw(st.one_of(st.none(), st.booleans())),
            "d": draw(st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1)))),
            "n": draw(st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))),
            "t": draw(st.one_of(st.none(), st.datetimes())),
            "l": draw(st.one_of(st.none(), st.lists(TEXTS.filter(lambda t: t is not None), max_size=3))),
        })
    return rows


def csv_writer_bytes(rows: list[dict[str, Any]], schema: dict[str, Any]) -> bytes:
    import csv

    from datarelease.tableschema import csv_cell

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    fields = schema["fields"]
    writer.writerow([f["name"] for f in fields])
    for row in rows:
        writer.writerow([csv_cell(row.get(f["name"]), f) for f in fields])
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=write_rows(), group=st.sampled_from([1, 2, 1000]))
def test_streamed_csv_is_what_csv_writer_writes(rows: list[dict[str, Any]], group: int) -> None:
    import hashlib
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        csv_info, parquet_info = pkg.write_table(rows, WRITE_SCHEMA, root / "t.csv", root / "t.parquet",
                                                 root, groups=pkg.RowGroups(rows=group))
        data = (root / "t.csv").read_bytes()
        assert data == csv_writer_bytes(rows, WRITE_SCHEMA)
        assert (csv_info.bytes, csv_info.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        parquet = (root / "t.parquet").read_bytes()
        assert parquet_info.bytes == len(parquet)
        assert parquet_info.sha256 == hashlib.sha256(parquet).hexdigest()
        table = pq.read_table(root / "t.parquet")
        assert table.num_rows == len(rows)
        assert pq.ParquetFile(root / "t.parquet").metadata.num_row_groups == max(1, -(-len(rows) // group))


def test_a_lone_empty_cell_and_a_carriage_return_are_quoted(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "only", "type": "string"}]}
    pkg.write_csv([{"only": ""}, {"only": None}, {"only": "a\rb"}], schema, tmp_path / "t.csv", tmp_path)
    assert (tmp_path / "t.csv").read_bytes() == b'only\n""\n""\n"a\rb"\n'


def test_record_batches_and_dicts_write_the_same_bytes(tmp_path: Path) -> None:
    import datetime as dt

    rows = [{"s": f"r{i}", "i": i, "b": i % 2 == 0, "d": dt.date(2020, 1, 1 + i % 28), "n": i / 4,
             "t": dt.datetime(2020, 1, 1, 12, i % 60), "l": ["a", "b,c"]} for i in range(50)]
    table = pa.Table.from_pylist(rows, schema=arrow_schema(WRITE_SCHEMA))
    groups = pkg.RowGroups(rows=12, bytes=300, piece_rows=4)
    a = pkg.write_table(rows, WRITE_SCHEMA, tmp_path / "a.csv", tmp_path / "a.parquet", tmp_path,
                        groups=groups)
    b = pkg.write_table(table.to_batches(max_chunksize=7), WRITE_SCHEMA, tmp_path / "b.csv",
                        tmp_path / "b.parquet", tmp_path, groups=groups)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (a[0].sha256, a[1].sha256) == (b[0].sha256, b[1].sha256)  # the same row groups
    meta = pq.ParquetFile(tmp_path / "a.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sum(sizes) == 50 and max(sizes) <= 12 and len(sizes) > 50 // 12 + 1  # the byte cap cut some


def test_check_parquet_finds_a_difference_deep_in_the_table(tmp_path: Path) -> None:
    import datetime as dt

    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "d", "type": "date"}]}
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "t.json").write_text(json.dumps(schema), encoding="utf-8")
    rows = [{"id": i, "d": dt.date(2020, 1, 1)} for i in range(5000)]
    groups = pkg.RowGroups(rows=1000)
    pkg.write_table(rows, schema, tmp_path / "t.csv", tmp_path / "t.parquet", tmp_path, groups=groups)
    rows[3210]["d"] = dt.date(2021, 1, 1)
    pkg.write_parquet(rows, schema, tmp_path / "t.parquet", tmp_path, groups=groups)
    descriptor = {"resources": [
        {"name": "t", "path": "t.csv", "format": "csv", "schema": "schemas/t.json"},
        {"name": "t-parquet", "path": "t.parquet", "format": "parquet", "schema": "schemas/t.json"},
    ]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = check_parquet(tmp_path / "datapackage.json")
    assert [(f.type, f.row_number, f.field_name) for f in report.findings] == [
        ("parquet-mismatch", 3212, "d")]
    rows[3210]["d"] = dt.date(2020, 1, 1)
    pkg.write_parquet(rows[:-1], schema, tmp_path / "t.parquet", tmp_path)
    report = check_parquet(tmp_path / "datapackage.json")
    assert [f.note for f in report.findings] == ["4999 rows, the CSV has 5000"]


def test_write_table_progress_line(tmp_path: Path) -> None:
    stream = io.StringIO()
    pkg.write_table(({"s": str(i)} for i in range(25)), {"fields": [{"name": "s", "type": "string"}]},
                    tmp_path / "t.csv", tmp_path / "t.parquet", tmp_path,
                    progress=Progress(True, stream, every=0.0), groups=pkg.RowGroups(rows=10))
    assert "t: 25 rows in" in stream.getvalue() and "rows/s" in stream.getvalue()


def test_cells_larger_than_a_parse_block_validate_as_frictionless_does(tmp_path: Path) -> None:
    """Geometries and long texts (3 MB, 12 MB; 50 MB checked by hand): pyarrow gives up on a
    record longer than its block ("straddling object"), so the engine reads such a run whole, and
    a record longer than the read block is carried over in linear time; frictionless's findings
    (a repeated long text is a unique-error, an over-long one a maxLength error)."""
    geometry = "POLYGON((" + ",".join(f"{i} {i}.5" for i in range(300_000)) + "))"
    text = "lorem, ipsum \"dolor\"\n" * (12_000_000 // 21)
    schema = {"fields": [
        {"name": "id", "type": "integer"},
        {"name": "geom", "type": "string", "constraints": {"unique": True}},
        {"name": "body", "type": "string", "constraints": {"maxLength": 10_000_000}},
    ]}
    quoted = '"' + text.replace('"', '""') + '"'
    data = (f"id,geom,body\n1,\"{geometry}\",short\n2,x,{quoted}\n3,\"{geometry}\",b\n"
            f"4,y,z\n").encode()
    path = package(tmp_path, data, schema)
    for block in (engine.BLOCK_BYTES, 1 << 16):
        report = same_as_frictionless(path, block)
        assert where(report) == [
            ("t.csv", "constraint-error", 3, "body"),
            ("t.csv", "unique-error", 4, "geom"),
        ]
        assert report.resources[0].rows == 4


# --------------------------------------------------------------------------- untrusted patterns


def pattern_package(folder: Path, pattern: str, cells: list[str]) -> Path:
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "code", "type": "string", "constraints": {"pattern": pattern}}]}
    data = "id,code\n" + "".join(f"{i},{cell}\n" for i, cell in enumerate(cells, start=1))
    return package(folder, data.encode(), schema)


def test_a_catastrophic_pattern_is_decided_by_re2_in_both_engines(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """``(a+)+`` against 34 ``a`` and a ``b``: Python's ``re`` would take minutes a cell; it
    is stopped after the time limit and RE2 decides, exactly as Python would have."""
    monkeypatch.setattr(patterns, "PATTERN_SECONDS", 0.2)
    path = pattern_package(tmp_path, "(a+)+", ["a" * 34 + "b", "aaa", "a" * 35 + "c", "b"])
    started = time.monotonic()
    report = same_as_frictionless(path)
    assert time.monotonic() - started < 30  # a hang guard, not a speed target
    assert [(f.type, f.row_number, f.note) for f in report.findings] == [
        ("constraint-error", row, 'constraint "pattern" is "(a+)+"') for row in (2, 4, 5)]


def test_a_pattern_neither_engine_can_decide_in_time_is_a_finding(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A lookahead keeps RE2 out: the check is stopped, and the cell fails with a note saying so
    (in both engines, and in download's re-validation, which uses them)."""
    monkeypatch.setattr(patterns, "PATTERN_SECONDS", 0.2)
    path = pattern_package(tmp_path, "(a+)+(?!c)", ["a" * 34 + "b", "aaa"])
    for name in ("stream", "frictionless"):
        started = time.monotonic()
        report = validate_package(path, engine=name)
        assert time.monotonic() - started < 30
        found = [(f.type, f.row_number, f.rule) for f in report.findings]
        assert found == [("constraint-error", 2, "pattern")]
        assert "not decided: matching took longer than 0.2 s" in report.findings[0].note


def test_a_pattern_past_its_budget_is_matched_by_re2_first(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Many cells each just under the time limit would take hours: once a pattern has spent
    PATTERN_BUDGET in Python's ``re`` (0 here: after its first cell), RE2 decides first, and
    the small-package path hands the package on; the findings stay frictionless's."""
    monkeypatch.setattr(patterns, "PATTERN_BUDGET", 0.0)
    monkeypatch.setattr(patterns, "_python_spent", {})
    monkeypatch.setattr(patterns, "_patterns", {})
    cells = ["a" * 12 + "!", "aaa", "a" * 11 + "!", "aa"]
    path = pattern_package(tmp_path, "(a|a)*", cells)
    report = same_as_frictionless(path)
    assert [f.row_number for f in report.findings] == [2, 4]
    state = patterns._patterns["^(a|a)*$"]
    assert state.slow and state.spent > 0
    compiled = re.compile("(a|a)*")
    assert patterns.match_in_time(compiled, "aaa") is True  # the first: within the budget
    assert patterns.match_in_time(compiled, "aaa") is None  # then handed on


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text("ab.|*+?()[]^-$", min_size=1, max_size=8), st.lists(st.text("ab-\n", max_size=6), min_size=1,
                                                                      max_size=6))
def test_re2_decides_as_python_where_it_is_used(pattern: str, cells: list[str]) -> None:
    """Where :func:`patterns.re2_pattern` hands a pattern to RE2, RE2's verdict on a cell without
    a line feed is Python's (frictionless's) verdict."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible nested set" and the like
            compiled = re.compile(f"^{pattern}$")
    except re.error:
        return
    state = patterns._Pattern(compiled)
    for cell in cells:
        verdict = state.re2_match(cell)
        if verdict is not None:
            assert verdict == (compiled.match(cell) is not None), (pattern, cell)


# --------------------------------------------------------------------------- many findings


def many_findings(folder: Path, count: int) -> Path:
    """Every row a type error, every other row an enum error, every id repeated once."""
    schema = {"fields": [
        {"name": "id", "type": "integer", "constraints": {"unique": True}},
        {"name": "num", "type": "integer"},
        {"name": "code", "type": "string", "constraints": {"enum": ["ok"]}},
    ]}
    lines = [f"{i % (count // 2)},x{i},{'bad' if i % 2 else 'ok'}" for i in range(1, count + 1)]
    return package(folder, ("id,num,code\n" + "\n".join(lines) + "\n").encode(), schema)


def test_many_findings_keep_the_first_of_each_kind_and_count_every_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays bounded however many findings: the first of each type and field are kept
    (the same as frictionless's first), every one is counted, and the report says how many are
    not listed — whether the engine drops rows as it reads (a small pruning threshold) or not."""
    path = many_findings(tmp_path, 3000)
    reference = validate_package(path, engine="frictionless", max_errors=40)
    assert reference.error_count == 6000 and reference.omitted_count == 5960
    assert reference.counts_by_type() == {"constraint-error": 1500, "type-error": 3000, "unique-error": 1500}
    assert not reference.valid
    for prune_at in (50_000, 10):
        monkeypatch.setattr(scan, "_PRUNE_ROWS", prune_at)
        for block in (engine.BLOCK_BYTES, 2048):
            assert engine.validate_package_streaming(path, block_bytes=block, max_errors=40) == reference
    full = validate_package(path, engine="frictionless")
    assert full == engine.validate_package_streaming(path, block_bytes=2048)
    # the default: the first 1000 of each type and field
    assert full.error_count == 6000 and len(full.findings) == 1000 + 1000 + 1000
    assert full.omitted == (("constraint-error", 500), ("type-error", 2000), ("unique-error", 500))
    text = validate_package(path, max_errors=5)
    assert len(text.findings) == 5 and text.resources[0].error_count == 6000
    data = text.to_dict()
    assert data["errorCount"] == 6000 and data["omittedCount"] == 5995


def test_validate_max_errors_on_the_command_line(tmp_path: Path) -> None:
    path = many_findings(tmp_path, 400)
    result = CliRunner().invoke(main, ["validate", str(path), "--max-errors", "3", "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert len(data["errors"]) == 3 and data["errorCount"] == 800 and data["omittedCount"] == 797
    result = CliRunner().invoke(main, ["validate", str(path), "--max-errors", "3"])
    assert "800 errors (797 not listed)" in result.output


# --------------------------------------------------------------------------- fast paths, exactly


def _fine_and_reader(field: dict[str, Any], cells: list[str]) -> list[tuple[str, bool, bool]]:
    import frictionless

    from datarelease.validate.stream.cells import Column

    column = Column(0, frictionless.Schema.from_descriptor({"fields": [field]}).fields[0])
    assert column.kind == "fine", column.kind
    fine = column.check(pa.chunked_array([pa.array(cells, pa.string())])).suspect
    return [(cell, not bool(s), column.read(cell)[1] is None) for cell, s in zip(cells, fine, strict=True)]


_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")
_ISO = st.builds(lambda y, mo, d, h, mi, s, frac, zone: f"{y:04d}-{mo}-{d}T{h}:{mi}:{s}{frac}{zone}",
                 st.integers(0, 2400), _DIGITS, _DIGITS, _DIGITS, _DIGITS, _DIGITS,
                 st.sampled_from(["", ".5", ".123456", ".1234567", ","]),
                 st.sampled_from(["", "Z", "z", "+02:00", "-05:30", "+24:00", "+0200", "+23:59", " "]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ISO | st.text("0123456789-:TZ+. ", max_size=26), min_size=1, max_size=20))
def test_datetimes_the_fast_path_passes_are_datetimes_to_frictionless(cells: list[str]) -> None:
    """The vectorised datetime check passes a cell only if frictionless's reader reads it."""
    cells = [*cells, "2021-04-30T23:59:59.5+05:30", "2020-01-03T13:55:59Z"]
    canonical = _fine_and_reader({"name": "d", "type": "datetime"}, cells[-2:])
    assert all(fast for _cell, fast, _reader in canonical)
    for field in ({"name": "d", "type": "datetime"}, {"name": "t", "type": "time"}):
        values = cells if field["type"] == "datetime" else [c[11:] for c in cells]
        for cell, fast, reader in _fine_and_reader(field, values):
            assert reader or not fast, (field["type"], cell)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ISO.map(lambda cell: cell[:10]) | st.text("0123456789-+ ", max_size=11)
                | st.sampled_from(["2020-02-29", "2021-02-29", "0000-01-01", "0001-01-01", "9999-12-31"]),
                min_size=1, max_size=20))
def test_dates_and_years_the_fast_path_passes_are_read_by_frictionless(cells: list[str]) -> None:
    """The vectorised date and year checks pass a cell only if frictionless's reader reads it."""
    assert all(fast for _cell, fast, _reader in _fine_and_reader({"name": "d", "type": "date"},
                                                                 ["2020-01-03", "0001-12-31"]))
    for field in ({"name": "d", "type": "date"}, {"name": "y", "type": "year"}):
        values = cells if field["type"] == "date" else [c[:4] for c in cells] + [c[-4:] for c in cells]
        for cell, fast, reader in _fine_and_reader(field, values):
            assert reader or not fast, (field["type"], cell)


_JSON_SCALARS = (st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False)
                 | st.text())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_JSON_SCALARS, max_size=4).map(json.dumps) | st.text('[]1, "e.-\\\n', max_size=12),
                min_size=1, max_size=20))
def test_arrays_the_fast_path_passes_are_lists_to_frictionless(cells: list[str]) -> None:
    """The vectorised array check passes a cell only if frictionless's reader reads it."""
    cells = [*cells, "[1, 2.5]", '["a", null, true]', "[]"]
    checked = _fine_and_reader({"name": "a", "type": "array"}, cells)
    assert all(fast for _cell, fast, _reader in checked[-3:])
    for cell, fast, reader in checked:
        assert reader or not fast, cell


def _verdict(column: Any, cell: str) -> bool:
    """Whether frictionless's reader reads the cell without a note (False where it raises)."""
    try:
        return column.read(cell)[1] is None
    except TypeError:  # an aware datetime against a naive bound, or the reverse
        return False


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}") | _DIGITS


_NEAR_BOUNDS = st.builds(lambda y, mo, d, h, mi, s, frac, zone: f"{y}-{mo}-{d}T{h}:{mi}:{s}{frac}{zone}",
                         st.integers(1998, 2002), _two(1, 12), _two(1, 31), _two(0, 23), _two(0, 59),
                         _two(0, 59), st.sampled_from(["", ".5", ".000001", ".1234567"]),
                         st.sampled_from(["", "Z", "+02:00", "-05:30", "+00:00"]))
_BOUNDED = st.sampled_from([
    {"name": "d", "type": "datetime", "constraints": {"minimum": "2000-01-01T00:00:00"}},
    {"name": "d", "type": "datetime", "constraints": {"maximum": "2000-06-01T12:00:00.5", "required": True}},
    {"name": "d", "type": "datetime", "constraints": {"minimum": "2000-01-01T00:00:00+02:00",
                                                       "exclusiveMaximum": "2001-01-01T00:00:00Z"}},
    {"name": "d", "type": "date", "constraints": {"minimum": "1999-12-31", "exclusiveMaximum": "2001-03-01"}},
    {"name": "y", "type": "year", "constraints": {"exclusiveMinimum": 1999, "maximum": 2000}},
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BOUNDED, st.lists(_NEAR_BOUNDS | _ISO, min_size=1, max_size=20))
def test_bounds_the_fast_path_passes_are_kept_by_frictionless(field: dict[str, Any],
                                                              cells: list[str]) -> None:
    """The vectorised bound check passes a cell only if frictionless's reader reads it without
    a note (and does not raise comparing it with a bound); cells right at a bound included."""
    import frictionless

    from datarelease.validate.stream.cells import Column

    kind = field["type"]
    values = [c[:10] if kind == "date" else c[:4] if kind == "year" else c for c in cells]
    values += [str(v) for v in field["constraints"].values() if not isinstance(v, bool)]
    schema = {"$schema": "https://datapackage.org/profiles/2.0/tableschema.json", "fields": [field]}
    column = Column(0, frictionless.Schema.from_descriptor(schema).fields[0])
    assert column.kind == "fine" and column.range is not None
    suspect = column.check(pa.chunked_array([pa.array(values, pa.string())])).suspect
    for cell, flagged in zip(values, suspect, strict=True):
        assert flagged or _verdict(column, cell), (field, cell)
    assert not all(suspect), values  # the bounds themselves (the inclusive ones) pass


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text("0123456789 ,.-+eE_", max_size=12), min_size=1, max_size=20),
       st.sampled_from([{}, {"decimalChar": ","}, {"decimalChar": ",", "groupChar": " "},
                        {"groupChar": " "}, {"decimalChar": ",", "groupChar": "."}, {"groupChar": ","}]))
def test_numbers_the_fast_path_passes_are_numbers_to_frictionless(cells: list[str],
                                                                 chars: dict[str, str]) -> None:
    """The vectorised number check passes a cell only if frictionless's reader reads it."""
    for cell, fast, reader in _fine_and_reader({"name": "n", "type": "number", **chars}, cells):
        assert reader or not fast, (chars, cell)


def test_other_shapes_same_as_frictionless(tmp_path: Path) -> None:
    """The benchmark's other shapes (datetimes with Z and offsets, times, years, numbers with
    decimalChar/groupChar, custom booleans, email, uri, list, array, other missing values, a
    long unique string, a composite foreign key), with an error of each kind."""
    import importlib.util
    import sys

    source = Path(__file__).parent.parent / "benchmarks" / "shapes.py"
    spec = importlib.util.spec_from_file_location("shapes", source)
    assert spec is not None and spec.loader is not None
    shapes = importlib.util.module_from_spec(spec)
    sys.modules["shapes"] = shapes
    spec.loader.exec_module(shapes)
    injected = shapes.generate_mixed(tmp_path / "p", 3000, 40, 7)
    report = same_as_frictionless(tmp_path / "p" / "datapackage.json", 1 << 16)
    assert len(report.findings) >= len(injected)
    assert {f.row_number for f in report.findings if f.resource == "events"} >= {
        i.row for i in injected if i.kind != "unique"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.from_regex(r"[a-z_+.-]{0,3}[a-z0-9]{0,70}@[a-z0-9.-]{0,12}\.[a-z0-9-]{0,64}",
                              fullmatch=True) | st.text("abc@._-+1 A\u00e9", max_size=14),
                min_size=1, max_size=20))
def test_emails_the_fast_path_passes_are_emails_to_frictionless(cells: list[str]) -> None:
    cells = [*cells, "observer.1@station607.example.org"]
    checked = _fine_and_reader({"name": "e", "type": "string", "format": "email"}, cells)
    assert checked[-1][1]
    for cell, fast, reader in checked:
        assert reader or not fast, cell


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text("ab=+-@\t\r\n\",x ", max_size=5), min_size=2, max_size=2), max_size=8),
       st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_formula_scan_of_small_files_is_pyarrows(rows: list[list[str]], newline: str, ragged: bool) -> None:
    """Small files are scanned for formula-like cells with Python's csv module (no pyarrow at
    start-up): the same counts and first rows as pyarrow's scan, or the same refusal."""
    import csv as pycsv
    import tempfile

    from datarelease.validate import formulas

    buffer = io.StringIO(newline="")
    writer = pycsv.writer(buffer, lineterminator=newline)
    writer.writerow(["a", "b"])
    writer.writerows(rows)
    text = buffer.getvalue() + ("x,y,z" + newline if ragged else "")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(text, encoding="utf-8", newline="")
        outcomes = []
        for scan in (formulas._scan_small, formulas._scan_arrow):
            try:
                outcomes.append(scan(path, ["a", "b", "c"], ",", '"'))
            except (ValueError, pa.ArrowException):
                outcomes.append("refused")
        assert outcomes[0] == outcomes[1], (text, outcomes)


_H1 = st.one_of(st.integers(0, 2**64 - 1), st.integers(0, 2**40))  # small ones share a bucket


@settings(max_examples=200, deadline=None)
@given(known=st.lists(st.tuples(_H1, st.integers(0, 3)), max_size=60),
       probes=st.lists(st.tuples(_H1, st.integers(0, 3)), max_size=30),
       shared=st.lists(st.integers(0, 59), max_size=20))
def test_key_lookup_finds_exactly_the_known_pairs(known: list[tuple[int, int]],
                                                 probes: list[tuple[int, int]], shared: list[int]) -> None:
    """Buckets by the top bits of h1 (several keys a bucket, repeated h1 with other h2) find a
    pair exactly when it is known, as a set of pairs does."""
    import numpy as np

    from datarelease.validate.stream.keys import Lookup

    probes = probes + [(known[i][0], known[i][1] ^ (i % 2)) for i in shared if i < len(known)]
    lookup = Lookup.of(np.array([k for k, _ in known], np.uint64), np.array([v for _, v in known], np.uint64))
    found = lookup.contains(np.array([k for k, _ in probes], np.uint64),
                            np.array([v for _, v in probes], np.uint64))
    assert found.tolist() == [pair in set(known) for pair in probes]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200).map(lambda b: bytes(b"\n\r\",x"[c % 5] for c in b)), st.integers(1, 40))
def test_the_last_record_boundary_searched_from_the_end_is_the_last_one(data: bytes, window: int) -> None:
    """Searching back in growing windows finds the boundary a search of the whole block finds."""
    import numpy as np

    from datarelease.validate.stream.read import _last_boundary, _quotes

    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = _quotes(data, ord('"'))
    ends = np.flatnonzero((arr == 10) | (arr == 13))
    if ends.size and arr[ends[-1]] == 13 and ends[-1] == len(arr) - 1:
        ends = ends[:-1]
    outside = ends[(np.searchsorted(quotes, ends) % 2) == 0]
    expected = int(outside[-1]) + 1 if outside.size else None
    assert _last_boundary(data, quotes, window) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | st.text(max_size=40) | st.text(min_size=250, max_size=300),
                min_size=1, max_size=12))
def test_a_key_hash_does_not_depend_on_the_other_keys_of_its_batch(values: list[str | None]) -> None:
    """Each value is hashed alone as in any batch (long and short values side by side), and two
    values hash alike exactly when they are equal."""
    import numpy as np

    from datarelease.validate.stream.keys import hash_texts

    domain = np.ones(len(values), np.uint8)
    together = hash_texts(pa.array(values, pa.string()), domain)
    for i, value in enumerate(values):
        alone = hash_texts(pa.array([value], pa.string()), domain[:1])
        if value is not None:
            assert (together[0][i], together[1][i]) == (alone[0][0], alone[1][0])
    present = [(v, int(together[0][i]), int(together[1][i])) for i, v in enumerate(values) if v is not None]
    assert len({v for v, _a, _b in present}) == len({(a, b) for _v, a, b in present})


def test_bounds_of_datetimes_dates_and_years_same_as_frictionless(tmp_path: Path) -> None:
    """Bounded datetimes (naive and aware), dates and years, checked column-wise, report what
    frictionless reports: cells just outside each bound, at it, and ones the plain form leaves to
    the reader (29 February, a leap second, seven fraction digits)."""
    schema = {"fields": [
        {"name": "at", "type": "datetime", "constraints": {"minimum": "2020-01-01T00:00:00"}},
        {"name": "utc", "type": "datetime", "constraints": {"maximum": "2020-06-01T12:00:00+02:00"}},
        {"name": "day", "type": "date", "constraints": {"minimum": "2020-02-28", "maximum": "2020-03-01"}},
        {"name": "year", "type": "year", "constraints": {"minimum": 2000}},
    ]}
    cells = [("2019-12-31T23:59:59.999999", "2020-06-01T10:00:00Z", "2020-02-27", "1999"),
             ("2020-01-01T00:00:00", "2020-06-01T10:00:00.000001Z", "2020-02-28", "2000"),
             ("2020-02-29T00:00:00", "2020-06-01T12:00:00+02:00", "2020-02-29", "0042"),
             ("2020-01-01T00:00:60", "2020-06-01T11:00:00+00:00", "2020-03-02", "2001"),
             ("2020-01-01T00:00:00.1234567", "2020-06-01T12:30:00+00:30", "2020-03-01", "")]
    lines = ["at,utc,day,year"] + [",".join(row) for row in cells * 300]
    path = package(tmp_path, ("\n".join(lines) + "\n").encode(), schema)
    report = same_as_frictionless(path, 4096)
    assert {(f.field_name, f.row_number) for f in report.findings if f.row_number and f.row_number <= 6} == {
        ("at", 2), ("utc", 3), ("day", 2), ("year", 2), ("year", 4), ("at", 5), ("day", 5), ("utc", 5),
        ("utc", 6)}

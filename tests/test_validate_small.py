"""validate.small confirms a small package valid only where frictionless finds it valid, with the
same report; packages built to break each of its rules, and cells drawn by Hypothesis, are
compared with frictionless itself."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import frictionless
import frictionless.settings
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import reference, small, validate_package
from datarelease.validate.small import fields, metadata, reading

DATA = Path(__file__).parent / "data"
ROWS = [["1", "Åland", "2020-01-03", "12.5", "true", "2020", "2020-01-03T13:55:59Z"],
        ["2", "Bornholm, \"DK\"", "2021-02-28", "-3", "false", "1999", "2020-01-03T13:55:59+02:00"],
        ["3", "line\nbreak", "2020-02-29", "0.001", "1", "0042", "2021-12-31T23:59:59"]]
FIELDS: list[dict[str, Any]] = [
          {"name": "id", "type": "integer", "constraints": {"unique": True, "minimum": 1}},
          {"name": "place", "type": "string", "constraints": {"required": True, "maxLength": 20}},
          {"name": "day", "type": "date"},
          {"name": "amount", "type": "number", "constraints": {"maximum": 100}},
          {"name": "flag", "type": "boolean"},
          {"name": "year", "type": "year"},
          {"name": "at", "type": "datetime"}]


def write(folder: Path, rows: list[list[str]] | str, fields: list[dict[str, Any]] | None = None,
          **resource: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    table = folder / "table.csv"
    if isinstance(rows, str):
        table.write_text(rows, encoding="utf-8", newline="")
    else:
        with table.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([[f["name"] for f in fields or FIELDS], *rows])
    entry = {"name": "table", "path": "table.csv", "schema": {"fields": fields or FIELDS}, **resource}
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "pkg", "resources": [entry]}), encoding="utf-8")
    return descriptor


def agrees(descriptor: Path) -> bool:
    """Whether small answered for the package; where it did, frictionless's report is the same."""
    confirmed = small.validate_small(descriptor, descriptor)
    if confirmed is not None:
        assert confirmed == reference.validate_package(descriptor)
    return confirmed is not None


def test_the_constants_are_frictionless_own() -> None:
    from frictionless.formats.csv import parser

    assert metadata.NAME_PATTERN.pattern == frictionless.settings.NAME_PATTERN
    assert reading.BUFFER_SIZE == frictionless.settings.DEFAULT_BUFFER_SIZE
    assert reading.SAMPLE_SIZE == parser.SAMPLE_SIZE
    assert reading.ENCODING_CONFIDENCE == frictionless.settings.DEFAULT_ENCODING_CONFIDENCE
    assert list(fields.TRUE_VALUES) == frictionless.settings.DEFAULT_TRUE_VALUES
    assert list(fields.FALSE_VALUES) == frictionless.settings.DEFAULT_FALSE_VALUES
    assert fields.DATE_PATTERN == frictionless.settings.DEFAULT_DATE_PATTERN
    assert set(frictionless.Package.metadata_profile["properties"]) == metadata.PACKAGE_KEYS
    assert set(frictionless.Resource.metadata_profile["properties"]) == metadata.RESOURCE_KEYS


def test_a_plain_package_is_confirmed_as_frictionless_reports_it(tmp_path: Path) -> None:
    assert agrees(write(tmp_path, ROWS))
    assert agrees(write(tmp_path / "empty", []))


@pytest.mark.parametrize("rows, fields, resource", [
    ([["x", *ROWS[0][1:]]], None, {}),  # not an integer
    ([ROWS[0], ROWS[0]], None, {}),  # unique
    ([["0", *ROWS[0][1:]]], None, {}),  # minimum
    ([[*ROWS[0][:3], "100.5", *ROWS[0][4:]]], None, {}),  # maximum
    ([[*ROWS[0][:3], "NaN", *ROWS[0][4:]]], None, {}),
    ([[ROWS[0][0], "", *ROWS[0][2:]]], None, {}),  # required
    ([[*ROWS[0][:2], "2021-02-29", *ROWS[0][3:]]], None, {}),
    ([[*ROWS[0][:6], "2020-01-03 13:55"]], None, {}),
    ([[*ROWS[0][:5], "12345", ROWS[0][6]]], None, {}),
    ([ROWS[0][:-1]], None, {}),  # missing cell
    ([[*ROWS[0], "extra"]], None, {}),
    ([[""] * 7], [{**f, "constraints": {}} for f in FIELDS], {}),  # blank row
    ("id;place\n1;a\n2;b\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),  # sniffed ;
    ("id,place\n1,a\n", [FIELDS[0], {"name": "Place", "type": "string"}], {}),  # label
    ("\ufeffid,place\n1,a\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),  # BOM
    ("id,place\n1, a\n2, b\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),  # initial space
    ("id,place\n1,'a,b'\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),
    ("id,place\n1,~{x}\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),
    ("id,place\n 7 ,NA\n", [FIELDS[0], {"name": "place", "type": "string"}], {}),
    (ROWS, None, {"bytes": 3}),
    (ROWS, None, {"hash": "sha256:" + "0" * 64}),
    (ROWS, None, {"encoding": "latin-1"}),
    (ROWS, None, {"dialect": {"delimiter": ";"}}),
    (ROWS, None, {"dialect": {"delimiter": ",", "header": True, "lineTerminator": "\r\n"}}),
    (ROWS, None, {"name": "Table"}),
    (ROWS, None, {"licenses": [{"title": "no name, no path"}]}),
    (ROWS, None, {"profile": "https://example.org/profile.json"}),
    (ROWS, None, {"type": "file"}),
    (ROWS, None, {"format": "tsv"}),
])
def test_what_frictionless_reports_is_reported_the_same_or_left_to_it(
        tmp_path: Path, rows: list[list[str]] | str, fields: list[dict[str, Any]] | None,
        resource: dict[str, Any]) -> None:
    agrees(write(tmp_path, rows, fields, **resource))


def test_declared_bytes_hash_and_missing_values_are_read_as_frictionless_reads_them(tmp_path: Path) -> None:
    descriptor = write(tmp_path, ROWS)
    data = (tmp_path / "table.csv").read_bytes()
    loaded = json.loads(descriptor.read_text())
    loaded["resources"][0].update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest(),
                                  encoding="utf-8")
    loaded["resources"][0]["schema"]["missingValues"] = ["", "NA"]
    descriptor.write_text(json.dumps(loaded))
    assert agrees(descriptor)


def test_invalid_utf8_goes_to_the_engine(tmp_path: Path) -> None:
    descriptor = write(tmp_path, "id,place\n1,\xe5\n".encode("latin-1").decode("utf-8", "replace"),
                       [FIELDS[0], {"name": "place", "type": "string"}])
    (tmp_path / "table.csv").write_bytes(b"id,place\n1,\xe5land\n")
    assert small.validate_small(descriptor, descriptor) is None
    assert validate_package(descriptor, engine="auto") == reference.validate_package(descriptor)


CELL = st.text(st.sampled_from("0123456789-+.:eETZ ,_NaInfy"), max_size=26)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["integer", "number", "date", "datetime", "year", "boolean"]),
       cells=st.lists(CELL, min_size=1, max_size=3))
def test_cells_are_read_as_frictionless_reads_them(tmp_path: Path, kind: str, cells: list[str]) -> None:
    fields = [{"name": "value", "type": kind}, {"name": "n", "type": "integer"}]
    agrees(write(tmp_path / "h", [[cell, str(i)] for i, cell in enumerate(cells)], fields))


def test_every_small_package_the_tests_hold_agrees() -> None:
    confirmed = [agrees(path) for folder in ("packages", "real-packages")
                 for path in sorted((DATA / folder).glob("*/datapackage.json"))]
    assert sum(confirmed) >= 3  # currency-codes, donation-codes and donations (a pattern) at least


def test_a_confirmed_package_imports_no_engine(tmp_path: Path) -> None:
    descriptor = write(tmp_path, ROWS)
    code = ("import sys; from datarelease.cli import main; sys.argv = ['datarelease', 'validate', "
            f"{str(descriptor)!r}]\ntry:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code\n"
            "print(sorted(m for m in ('frictionless', 'pyarrow', 'pandas') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("folder", ["a..", "~x", "$x", "%x%"])
def test_a_path_frictionless_calls_unsafe_is_left_to_it(tmp_path: Path, folder: str) -> None:
    descriptor = write(tmp_path, ROWS)
    (tmp_path / folder).mkdir()
    (tmp_path / "table.csv").rename(tmp_path / folder / "table.csv")
    path = f"{folder}/table.csv" if folder != "a.." else "a../table.csv"
    loaded = json.loads(descriptor.read_text())
    loaded["resources"][0]["path"] = path
    descriptor.write_text(json.dumps(loaded))
    assert small.validate_small(descriptor, descriptor) is None
    assert not reference.validate_package(descriptor).valid


def test_the_version_it_mirrors_is_the_installed_frictionless() -> None:
    """Stock frictionless moves on: the mirror must be re-checked (and this constant moved) when the
    installed frictionless changes, else every small package would go to an engine."""
    import frictionless

    from datarelease.validate import small

    assert frictionless.__version__.startswith(small.MIRRORED_FRICTIONLESS)
    assert small._mirrors_installed_frictionless()

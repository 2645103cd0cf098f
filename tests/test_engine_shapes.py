"""The fast paths added for shapes nobody had generated (issue 11, sixth round), each exact.

``benchmarks/sweep_shapes.py`` found columns that went to frictionless's cell reader for every
distinct value: a ``pattern`` with ``\\d``, strings with ``minLength``/``maxLength`` near the
bounds, and keys (``unique``, primary, foreign) on dates, datetimes and years. Each now has a
vectorised path; here each is held to frictionless's own reader (Hypothesis), and whole
packages of those shapes to frictionless itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
import pytest
from frictionless import fields
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import validate_package
from datarelease.validate.arrays import strings
from datarelease.validate.patterns import re2_fine_pattern
from datarelease.validate.stream.cells import Column, canonical
from datarelease.validate.stream.keys import hash_texts

# --------------------------------------------------------------------------- patterns

_PATTERN_PIECES = st.sampled_from(["\\d", "\\w", "\\s", "\\D", "\\b", "[\\d]", "[^\\d]", "[a\\w]", "[]\\d]",
                                   "a", "0", "-", ".", "|", "*", "+", "?", "{2}", "(", ")", "[", "]", "^",
                                   "\\.", "\\-", "(?:", "\\1", "é"])
_CELL_CHARS = "a0Z_ -.\t\x1c\xa0é٣²ⅷ\n]"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PATTERN_PIECES, min_size=1, max_size=7).map("".join),
       st.lists(st.text(_CELL_CHARS, max_size=6), min_size=1, max_size=8))
def test_a_cell_the_re2_subset_passes_matches_in_python(pattern: str, cells: list[str]) -> None:
    """``re2_fine_pattern`` never passes a cell Python's ``re`` (frictionless's check) rejects:
    ``\\d``, ``\\w`` and ``\\s`` read as ASCII classes are subsets of Python's Unicode ones."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            compiled = re.compile(f"^{pattern}$")
    except re.error:
        return
    fine = re2_fine_pattern(pattern)
    if fine is None:
        return
    passed = pc.match_substring_regex(strings(cells), fine).to_pylist()
    for cell, ok in zip(cells, passed, strict=True):
        if ok and not cell.endswith("\n"):
            assert compiled.match(cell) is not None, (pattern, fine, cell)


def test_common_patterns_with_escapes_take_the_re2_subset() -> None:
    for pattern in ("[A-Z]{2}\\d{8}", "\\d{4}-\\d{2}-\\d{2}", "\\w+@\\w+\\.se", "[\\d ]+", "\\d+(\\.\\d+)?"):
        assert re2_fine_pattern(pattern) is not None, pattern
    for pattern in ("[^\\d]+", "\\D+", "\\bx", "(?i)x", "(a)\\1"):
        assert re2_fine_pattern(pattern) is None, pattern


# --------------------------------------------------------------------------- string lengths


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12) | st.text("aé€😀", max_size=12), min_size=1, max_size=20),
       st.sampled_from([{"minLength": 3}, {"maxLength": 5}, {"minLength": 2, "maxLength": 4},
                        {"minLength": 0, "maxLength": 0}]))
def test_string_lengths_are_judged_as_frictionless_judges_them(cells: list[str],
                                                                constraints: dict[str, int]) -> None:
    """With only length constraints, the vectorised check flags exactly the cells frictionless's
    reader has a note about (Python's ``len`` counts code points, as ``utf8_length`` does)."""
    column = Column(0, fields.StringField(name="s", constraints=constraints, missing_values=[]))
    suspect = column.check(strings(cells)).suspect
    for cell, flagged in zip(cells, suspect, strict=True):
        assert bool(flagged) == (column.read(cell)[1] is not None), (cell, constraints)


# --------------------------------------------------------------------------- key texts

_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")
_DATETIMES = st.builds(
    lambda y, mo, d, h, mi, s, frac, zone: f"{y:04d}-{mo}-{d}T{h}:{mi}:{s}{frac}{zone}",
    st.integers(0, 10000) | st.sampled_from([1, 9999, 1970, 2020]), _DIGITS, _DIGITS, _DIGITS, _DIGITS,
    _DIGITS, st.sampled_from(["", ".5", ".000000", ".123456", ".1234567"]),
    st.sampled_from(["", "Z", "+02:00", "-05:30", "+00:00", "+23:59", "-23:59"]))
_KEY_CELLS = {
    "datetime": _DATETIMES | st.sampled_from(["2020-01-01T01:00:00+01:00", "2020-01-01T00:00:00Z",
                                              "2020-01-01T00:00:00", "0001-01-01T00:30:00+01:00"]),
    "date": _DATETIMES.map(lambda cell: cell[:10]) | st.sampled_from(["2020-02-29", "2021-02-29", "1-01-01"]),
    "year": st.integers(-10, 10001).map(str) | st.sampled_from(["0000", "0042", "+200", " 2000"]),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_KEY_CELLS)).flatmap(
    lambda kind: st.tuples(st.just(kind), st.lists(_KEY_CELLS[kind] | st.sampled_from(["", "NA", "x"]),
                                                   min_size=1, max_size=25))),
       st.sampled_from([{}, {"unique": True}, {"required": True}, {"minimum": "2000"}]))
def test_date_datetime_and_year_key_hashes_are_those_of_the_cast_values(
        drawn: tuple[str, list[str]], constraints: dict[str, Any]) -> None:
    """Cells passed by the column's check are hashed column-wise (``canon.py``), the others
    read: every hash is that of ``canonical`` of frictionless's cast value."""
    kind, cells = drawn
    if "minimum" in constraints:  # (frictionless raises on a naive bound and an aware cell)
        bound = {"year": "2000", "date": "2000-01-01"}.get(kind)
        constraints = {"minimum": bound} if bound else {}
    field = {"datetime": fields.DatetimeField, "date": fields.DateField, "year": fields.YearField}[kind](
        name="k", constraints=constraints, missing_values=["", "NA"])
    column = Column(0, field)
    assert column.plain_keys
    array = strings(cells)
    outcome = column.check(array)
    hashed = column.key_hashes(array, outcome)
    for i, cell in enumerate(cells):
        target, _notes = column.read(cell)
        assert bool(hashed.null[i]) == (target is None), cell
        if target is None:
            continue
        text, domain = canonical(target)
        h1, h2 = hash_texts(strings([text]), np.array([domain], dtype=np.uint8))
        assert (hashed.h1[i], hashed.h2[i]) == (h1[0], h2[0]), (kind, cell, text)


_ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-5, minutes=-30))]
_INSTANTS = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                         timezones=st.none() | st.sampled_from(_ZONES))


@settings(max_examples=300, deadline=None)
@given(_INSTANTS, _INSTANTS)
def test_canonical_datetimes_are_equal_exactly_when_python_says_so(a: dt.datetime, b: dt.datetime) -> None:
    assert (canonical(a) == canonical(b)) == (a == b)
    assert canonical(a) == canonical(a.astimezone(dt.UTC) if a.tzinfo else a)


# --------------------------------------------------------------------------- whole packages


def _package(folder: Path, resources: list[tuple[str, str, dict[str, Any]]]) -> Path:
    descriptor: dict[str, Any] = {"name": "p", "resources": []}
    for name, data, schema in resources:
        (folder / f"{name}.csv").write_text(data, encoding="utf-8")
        descriptor["resources"].append({"name": name, "path": f"{name}.csv", "encoding": "utf-8",
                                        "schema": schema})
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder / "datapackage.json"


def _same(path: Path) -> list[tuple[str, int | None, str | None]]:
    stream = validate_package(path, engine="stream")
    reference = validate_package(path, engine="frictionless")
    assert stream == reference
    return [(f.type, f.row_number, f.field_name) for f in stream.findings]


def test_a_unique_datetime_is_the_same_instant_in_any_zone(tmp_path: Path) -> None:
    cells = ["2021-01-01T10:00:00Z", "2021-01-01T12:00:00+02:00", "2021-01-01T10:00:00",
             "2021-01-01T10:00:00.000000", "2021-01-01T10:00:00.5Z", "2021-01-01T10:00:00.500000+00:00",
             "2021-02-30T10:00:00", "2020-02-29T00:00:00Z", "2020-02-29T01:00:00+01:00"]
    data = "id,at\n" + "".join(f"{i},{cell}\n" for i, cell in enumerate(cells, start=1))
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "at", "type": "datetime", "constraints": {"unique": True}}]}
    found = _same(_package(tmp_path, [("t", data, schema)]))
    assert ("unique-error", 3, "at") in found and ("unique-error", 5, "at") in found
    assert ("type-error", 8, "at") in found and ("unique-error", 10, "at") in found


def test_a_foreign_key_on_dates_and_a_pattern_with_digits(tmp_path: Path) -> None:
    days = "day,label\n2020-01-01,a\n2020-02-29,b\n2021-12-31,c\n"
    visits = "id,day,ref\n1,2020-01-01,SE12345678\n2,2020-02-29,SE1234\n3,2020-01-02,se12345678\n" \
             "4,2021-12-31,SE١٢٣٤٥٦٧٨\n5,,SE00000000\n"
    found = _same(_package(tmp_path, [
        ("days", days, {"fields": [{"name": "day", "type": "date"}, {"name": "label", "type": "string"}],
                        "primaryKey": ["day"]}),
        ("visits", visits, {"fields": [{"name": "id", "type": "integer"}, {"name": "day", "type": "date"},
                                       {"name": "ref", "type": "string",
                                        "constraints": {"pattern": "[A-Z]{2}\\d{8}"}}],
                            "foreignKeys": [{"fields": ["day"], "reference": {"resource": "days",
                                                                              "fields": ["day"]}}]}),
    ]))
    assert sorted(found) == [("constraint-error", 3, "ref"), ("constraint-error", 4, "ref"),
                             ("foreign-key", 4, "day")]


# --------------------------------------------------------------------------- number bounds

_NUMBER_CELLS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1000, max_value=1000).map(str),
    st.integers(-10**20, 10**20).map(str),
    st.sampled_from(["0", "-0", "0.0", "10", "10.000000000000000001", "9.999999999999999999", "-10", "1e1",
                     "1 000,5", "1.000,5", "12 345", "007", "x", "", "NA", "10,0", "9,99"]),
)
_NUMBER_FIELDS = st.sampled_from([{}, {"decimal_char": ",", "group_char": " "},
                                  {"decimal_char": ",", "group_char": "."}, {"group_char": ","}])
_NUMBER_BOUNDS = st.sampled_from([{"minimum": 0}, {"maximum": 10}, {"exclusiveMinimum": -10, "maximum": 9.99},
                                  {"exclusiveMaximum": 10, "minimum": -0.001, "required": True},
                                  {"minimum": 1e1}, {"maximum": 10**19}])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NUMBER_CELLS, min_size=1, max_size=25), _NUMBER_FIELDS, _NUMBER_BOUNDS)
def test_number_bounds_pass_only_cells_frictionless_passes(cells: list[str], chars: dict[str, str],
                                                          constraints: dict[str, Any]) -> None:
    """A number cell the vectorised check passes (plain form, float strictly inside every
    bound) is one frictionless's reader has no note about."""
    options: dict[str, Any] = dict(chars)
    field = fields.NumberField(name="n", constraints=constraints, missing_values=["", "NA"], **options)
    column = Column(0, field)
    assert column.kind == "fine" and column.range is not None
    outcome = column.check(strings(cells))
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, (cell, chars, constraints)


# --------------------------------------------------------------------------- strptime formats

_FORMAT_PIECES = st.sampled_from(["%Y", "%m", "%d", "%H", "%M", "%S", "-", "/", ".", " ", ":", "T", "0", "%y",
                                  "%%", "%b", "x", "%f", "%S.%f"])
_FORMAT_CELLS = st.builds(lambda y, mo, d, h, mi, s: (y, mo, d, h, mi, s), st.integers(0, 9999),
                          st.integers(0, 13), st.integers(0, 32), st.integers(0, 25), st.integers(0, 61),
                          st.integers(0, 61))


def _written(format: str, parts: tuple[int, ...], short: bool) -> str:
    y, mo, d, h, mi, s = parts
    width = "" if short else "02"
    values = {"%Y": f"{y:04d}", "%m": f"{mo:{width}d}", "%d": f"{d:{width}d}", "%H": f"{h:{width}d}",
              "%M": f"{mi:{width}d}", "%S": f"{s:{width}d}", "%y": f"{y % 100:02d}", "%b": "Mar", "%%": "%",
              "%f": f"{(y * 7919 + s) % 1000000:06d}" if not short else f"{(y * 31 + mo) % 1000}"}
    for key, value in values.items():
        format = format.replace(key, value)
    return format


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FORMAT_PIECES, min_size=1, max_size=6).map("".join),
       st.lists(st.tuples(_FORMAT_CELLS, st.booleans()), min_size=1, max_size=12),
       st.lists(st.text("0123456789-/.: T", max_size=12), max_size=4),
       st.sampled_from(["date", "datetime", "time"]), st.booleans())
def test_cells_in_a_strptime_format_are_judged_and_keyed_as_frictionless_does(
        format: str, drawn: list[tuple[tuple[int, ...], bool]], noise: list[str], kind: str,
        unique: bool) -> None:
    """A cell the rewrite into ISO 8601 passes is one ``strptime`` reads, and its key hash is
    that of the value frictionless casts it to."""
    cells = [_written(format, parts, short) for parts, short in drawn] + noise
    maker = {"date": fields.DateField, "datetime": fields.DatetimeField, "time": fields.TimeField}[kind]
    column = Column(0, maker(name="k", format=format, constraints={"unique": True} if unique else {},
                             missing_values=[""]))
    array = strings(cells)
    outcome = column.check(array)
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, (format, kind, cell)
    if not column.plain_keys:
        return
    hashed = column.key_hashes(array, outcome)
    for i, cell in enumerate(cells):
        target, _notes = column.read(cell)
        assert bool(hashed.null[i]) == (target is None), cell
        if target is not None:
            text, domain = canonical(target)
            h1, h2 = hash_texts(strings([text]), np.array([domain], dtype=np.uint8))
            assert (hashed.h1[i], hashed.h2[i]) == (h1[0], h2[0]), (format, cell, text)


@pytest.mark.parametrize(("format", "cells"), [
    ("%f%m", ["1234512", "12345601", "0000001", "1", "123456712"]),
    ("%f%d", ["12345631", "1231", "99999912"]),
    ("%S%f", ["5912", "59123456", "591234567"]),
    ("%H:%M:%S.%f", ["10:00:00.5", "10:00:00.000001", "10:00:00.1234567", "10:00:00.", "23:59:59.999999"]),
    ("%Y-%m-%dT%H:%M:%S.%fZ", ["2020-01-31T10:00:00.123Z", "2020-02-29T10:00:00.1Z", "2020-01-31T10:00:00Z"]),
    ("%d.%m.%Y %H:%M:%S,%f", ["31.01.2020 10:00:00,123", "31.01.2020 10:00:00,1234567"]),
])
@pytest.mark.parametrize("kind", ["datetime", "time", "date"])
def test_fractions_of_a_second_are_judged_and_keyed_as_frictionless_does(
        format: str, cells: list[str], kind: str) -> None:
    """``%f`` reads one to six digits greedily: before another directive only all six are
    certain (``1234512`` in ``%f%m`` is 123451 µs in February, not 12345 µs in December)."""
    maker = {"date": fields.DateField, "datetime": fields.DatetimeField, "time": fields.TimeField}[kind]
    column = Column(0, maker(name="k", format=format, constraints={"unique": True}, missing_values=[""]))
    array = strings(cells)
    outcome = column.check(array)
    for cell, flagged in zip(cells, outcome.suspect, strict=True):
        if not flagged:
            assert column.read(cell)[1] is None, (format, kind, cell)
    hashed = column.key_hashes(array, outcome)
    for i, cell in enumerate(cells):
        target, _notes = column.read(cell)
        assert bool(hashed.null[i]) == (target is None), cell
        if target is not None:
            text, domain = canonical(target)
            h1, h2 = hash_texts(strings([text]), np.array([domain], dtype=np.uint8))
            assert (hashed.h1[i], hashed.h2[i]) == (h1[0], h2[0]), (format, cell, text)


def test_common_strptime_formats_take_the_rewrite() -> None:
    for format, kind in (("%d.%m.%Y", "date"), ("%d/%m/%Y %H:%M", "datetime"), ("%Y%m%d", "date"),
                         ("%H.%M", "time"), ("%m/%d/%Y", "datetime"), ("%Y-%m-%d %H:%M:%S.%f", "datetime"),
                         ("%H:%M:%S.%f", "time")):
        maker = {"date": fields.DateField, "datetime": fields.DatetimeField, "time": fields.TimeField}[kind]
        assert Column(0, maker(name="k", format=format)).kind == "fine", format


def test_a_unique_date_in_a_format_with_bounds(tmp_path: Path) -> None:
    cells = ["01.02.2020", "02.02.2020", "01.02.2020", "30.02.2020", "29.02.2020", "1.2.2020", "31.12.2030",
             "2020-02-01", "01.02.2020 ", "31.12.1999"]
    data = "id,day\n" + "".join(f"{i},{cell}\n" for i, cell in enumerate(cells, start=1))
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "day", "type": "date", "format": "%d.%m.%Y",
                          "constraints": {"unique": True, "minimum": "01.01.2000", "maximum": "31.12.2029"}}]}
    found = _same(_package(tmp_path, [("t", data, schema)]))
    assert ("unique-error", 4, "day") in found and ("unique-error", 7, "day") in found  # 1.2.2020 too
    assert ("constraint-error", 8, "day") in found and ("type-error", 5, "day") in found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NUMBER_CELLS | st.sampled_from(["0.10", "-00.500", "1" * 28, "1" * 29, "1." + "1" * 27,
                                                 "0." + "0" * 26 + "1", "-0,0", "1 000 000,000"]),
                min_size=1, max_size=25), _NUMBER_FIELDS)
def test_number_key_hashes_are_those_of_the_cast_values(cells: list[str], chars: dict[str, str]) -> None:
    options: dict[str, Any] = dict(chars)
    column = Column(0, fields.NumberField(name="n", constraints={"unique": True}, missing_values=["", "NA"],
                                          **options))
    assert column.plain_keys
    array = strings(cells)
    hashed = column.key_hashes(array, column.check(array))
    for i, cell in enumerate(cells):
        target, _notes = column.read(cell)
        assert bool(hashed.null[i]) == (target is None), cell
        if target is not None:
            text, domain = canonical(target)
            h1, h2 = hash_texts(strings([text]), np.array([domain], dtype=np.uint8))
            assert (hashed.h1[i], hashed.h2[i]) == (h1[0], h2[0]), (cell, chars, text)


# --------------------------------------------------------------------------- uuid

_UUIDS = st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper()) | st.uuids().map(lambda u: u.hex) \
    | st.uuids().map(lambda u: "{" + str(u) + "}") | st.text("0123456789abcdefABCDEFG-{} ", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_UUIDS, min_size=1, max_size=20))
def test_uuids_the_fast_path_passes_are_uuids_to_frictionless(cells: list[str]) -> None:
    column = Column(0, fields.StringField(name="u", format="uuid", constraints={"unique": True},
                                          missing_values=[""]))
    assert column.kind == "string" and column.text
    outcome = column.check(strings(cells))
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, cell


# --------------------------------------------------------------------------- time bounds

_TIMES = st.builds(lambda h, m, s, frac: f"{h}:{m}:{s}{frac}", _DIGITS, _DIGITS, _DIGITS,
                   st.sampled_from(["", ".5", ".000001", ".999999", ".1234567"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TIMES | st.sampled_from(["06:00:00", "05:59:59.999999", "18:00:00", "18:00:00.000001", "x"]),
                min_size=1, max_size=25),
       st.sampled_from([{"minimum": "06:00:00"}, {"maximum": "18:00:00"},
                        {"exclusiveMinimum": "06:00:00", "exclusiveMaximum": "18:00:00.5"}]))
def test_time_bounds_are_judged_as_frictionless_judges_them(cells: list[str],
                                                            constraints: dict[str, str]) -> None:
    column = Column(0, fields.TimeField(name="t", constraints=constraints, missing_values=[""]))
    assert column.kind == "fine" and column.range is not None
    outcome = column.check(strings(cells))
    plain = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?$")
    for cell, flagged in zip(cells, outcome.suspect, strict=True):
        noted = column.read(cell)[1] is not None
        assert noted or not flagged or not plain.match(cell), (cell, constraints)  # exact on plain cells
        assert flagged or not noted, (cell, constraints)


def test_a_unique_email_and_a_foreign_key_on_emails(tmp_path: Path) -> None:
    users = "mail\nanna@example.se\nbo@example.se\nanna@example.se\nAnna@Example.se\nnot-an-email\n\n"
    posts = "id,author\n1,anna@example.se\n2,Anna@Example.se\n3,carl@example.se\n4,not-an-email\n"
    found = _same(_package(tmp_path, [
        ("users", users, {"fields": [{"name": "mail", "type": "string", "format": "email",
                                      "constraints": {"unique": True}}]}),
        ("posts", posts, {"fields": [{"name": "id", "type": "integer"},
                                     {"name": "author", "type": "string", "format": "email"}],
                          "foreignKeys": [{"fields": ["author"], "reference": {"resource": "users",
                                                                               "fields": ["mail"]}}]}),
    ]))
    assert ("unique-error", 4, "mail") in found and ("foreign-key", 4, "author") in found


# --------------------------------------------------------------------------- geopoints

_COORDINATE = st.decimals(min_value=-200, max_value=200, places=4, allow_nan=False).map(str) \
    | st.sampled_from(["180", "-180.0", "180.0001", "90", "90.00", "-90.1", "09", "1e1", "", " 5", "+5"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_COORDINATE, _COORDINATE, st.sampled_from([",", ", ", " ,", ";"])).map(
    lambda t: t[0] + t[2] + t[1]) | st.text("0123456789.,- ", max_size=12), min_size=1, max_size=20))
def test_geopoints_the_fast_path_passes_are_geopoints_to_frictionless(cells: list[str]) -> None:
    column = Column(0, fields.GeopointField(name="g", missing_values=[""]))
    assert column.kind == "fine"
    outcome = column.check(strings(cells))
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, cell
    assert not column.check(strings(["12.5,57.7", "-180,-90", "180.000, 90.0", "0,0"])).suspect.any()


# --------------------------------------------------------------------------- objects

_JSON_SCALARS = (st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False)
                 | st.text())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.text(max_size=4), _JSON_SCALARS, max_size=4).map(json.dumps)
                | st.text('{}[]1:, "e.-\\\n', max_size=12), min_size=1, max_size=20))
def test_objects_the_fast_path_passes_are_dicts_to_frictionless(cells: list[str]) -> None:
    column = Column(0, fields.ObjectField(name="o", missing_values=[""]))
    assert column.kind == "fine"
    cells = [*cells, '{"n": 1, "tag": "t"}', "{}", '{ "a" : null }']
    outcome = column.check(strings(cells))
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, cell
    assert not outcome.suspect[-3:].any()


# --------------------------------------------------------------------------- no pandas

_ENGINE_RUN = """
import json, sys
from pathlib import Path
from datarelease.validate import validate_package
report = validate_package(Path(sys.argv[1]), engine="stream")
print(json.dumps({"errors": len(report.findings), "pandas": "pandas" in sys.modules}))
"""


def test_the_new_fast_paths_do_not_import_pandas(tmp_path: Path) -> None:
    """pyarrow converts a Python value with ``pa.scalar``, whose first question imports pandas
    (0.15-0.3 s): every path of this round runs here, with a cell of each kind it sets aside."""
    import subprocess
    import sys

    fields_: list[dict[str, Any]] = [
        {"name": "id", "type": "integer"},
        {"name": "label", "type": "string", "constraints": {"minLength": 3, "maxLength": 6}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]\\d{2}"}},
        {"name": "amount", "type": "number", "decimalChar": ",", "groupChar": " ",
         "constraints": {"minimum": 0, "unique": True}},
        {"name": "at", "type": "datetime", "constraints": {"unique": True}},
        {"name": "day", "type": "date", "format": "%d.%m.%Y", "constraints": {"unique": True}},
        {"name": "clock", "type": "time", "constraints": {"maximum": "18:00:00"}},
        {"name": "ref", "type": "string", "format": "uuid", "constraints": {"unique": True}},
        {"name": "mail", "type": "string", "format": "email", "constraints": {"unique": True}},
        {"name": "where", "type": "geopoint"},
        {"name": "meta", "type": "object"},
    ]
    rows = ["1,åäö,A12,\"1 000,5\",2020-01-01T00:00:00Z,01.02.2020,10:00:00,"
            "12345678-1234-1234-1234-123456789012,a@example.se,\"12.5,57.7\",\"{\"\"a\"\": 1}\"",
            "2,,B1,-1,2020-01-01T01:00:00+01:00,30.02.2020,19:00:00,x,A@example.se,\"200,1\",[1]",
            "3,ab,C99,\"1 000,50\",2020-02-29T00:00:00,1.2.2020,,12345678-1234-1234-1234-123456789012,"
            "a@example.se,,{}"]
    data = ",".join(f["name"] for f in fields_) + "\n" + "\n".join(rows) + "\n"
    path = _package(tmp_path, [("t", data, {"fields": fields_})])
    _same(path)
    done = subprocess.run([sys.executable, "-c", _ENGINE_RUN, str(path)], capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout)
    assert result["errors"] > 5 and not result["pandas"], result


# --------------------------------------------------------------------------- bareNumber: false

_AROUND_TEXT = st.text("aZ %€$£-.,٣+e\t", max_size=4)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_AROUND_TEXT, _NUMBER_CELLS, _AROUND_TEXT).map("".join), min_size=1, max_size=20),
       st.sampled_from([{}, {"decimal_char": ",", "group_char": " "}, {"group_char": ","},
                        {"decimal_char": ",", "group_char": "."}]),
       st.sampled_from(["number", "integer"]))
def test_numbers_with_text_around_are_judged_as_frictionless_judges_them(
        cells: list[str], chars: dict[str, str], kind: str) -> None:
    """``bareNumber: false``: a cell the vectorised check passes is one frictionless's reader
    (which strips text around the number with a Unicode regex) reads without a note."""
    options: dict[str, Any] = dict(chars) if kind == "number" else {}
    maker = fields.NumberField if kind == "number" else fields.IntegerField
    column = Column(0, maker(name="n", bare_number=False, missing_values=[""], **options))
    assert column.kind == "fine" and not column.plain_keys
    cells = [*cells, "EUR 12", "12 %", "-5 kr"]
    outcome = column.check(strings(cells))
    for cell, flagged, missing in zip(cells, outcome.suspect, outcome.missing, strict=True):
        if not flagged and not missing:
            assert column.read(cell)[1] is None, (cell, chars, kind)
    assert not outcome.suspect[-3:].any()


# --------------------------------------------------------------------------- keys on aware times

_TIMES = st.builds(
    lambda h, m, s, us, off: dt.time(h, m, s, us, tzinfo=None if off is None else dt.timezone(
        dt.timedelta(minutes=off))),
    st.integers(0, 23), st.sampled_from([0, 30, 59]), st.sampled_from([0, 1]), st.sampled_from([0, 5]),
    st.none() | st.sampled_from([0, 60, -60, 90, -90, 23 * 60, -23 * 60, 30]))


@st.composite
def _time_pairs(draw: st.DrawFn) -> tuple[dt.time, dt.time]:
    """Two times, often the same instant in another zone (or the naive time of the same clock)."""
    a = draw(_TIMES)
    if a.tzinfo is None or draw(st.integers(0, 2)) == 0:
        return a, draw(_TIMES | st.just(a.replace(tzinfo=None)))
    offset = draw(st.sampled_from([0, 60, -60, 90, 120, -23 * 60]))
    shift = offset - a.utcoffset() // dt.timedelta(minutes=1)
    minutes = a.hour * 60 + a.minute + shift
    if not 0 <= minutes < 24 * 60:
        return a, draw(_TIMES)
    zone = dt.timezone(dt.timedelta(minutes=offset))
    return a, dt.time(minutes // 60, minutes % 60, a.second, a.microsecond, tzinfo=zone)


@settings(max_examples=500, deadline=None)
@given(_time_pairs())
def test_time_key_texts_are_equal_exactly_when_python_says_so(pair: tuple[dt.time, dt.time]) -> None:
    """frictionless finds duplicates with Python's ``==`` (and hash): 10:00+01:00 is 09:00Z, an
    aware time is never a naive one; the engine's key texts must agree."""
    a, b = pair
    assert (canonical(a) == canonical(b)) == (a == b), (a, b)


def test_a_unique_time_in_two_zones_is_one_key(tmp_path: Path) -> None:
    """Found in round 11h: aware times were keyed by their text, so 10:00+01:00 and 09:00Z were
    two keys for the engine and one for frictionless."""
    cells = ["10:00:00+01:00", "09:00:00Z", "09:00:00", "23:30:00-01:00", "00:30:00Z", "08:00:00-01:00",
             "09:00:00.5Z", "10:00:00.5+01:00"]
    (tmp_path / "data.csv").write_text("id,t\n" + "".join(f"{i},{c}\n" for i, c in enumerate(cells)),
                                       encoding="utf-8")
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "t", "type": "time", "constraints": {"unique": True}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(
        {"name": "p", "resources": [{"name": "t", "path": "data.csv", "schema": schema}]}), encoding="utf-8")
    stream = validate_package(tmp_path, engine="stream")
    reference = validate_package(tmp_path, engine="frictionless")
    assert stream == reference
    assert [f.row_number for f in stream.findings if f.type == "unique-error"] == [3, 7, 9]

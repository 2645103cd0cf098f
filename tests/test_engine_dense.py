"""Error-dense columns (:mod:`datarelease.validate.stream.dense`): once a column has had the
first type errors a report lists, its cells that certainly fail their type are counted, not read.
Compared with frictionless itself on tables Hypothesis draws — integers with ``groupChar``
(which frictionless ignores for integers), numbers with a decimal comma nobody declared or with
``decimalChar``/``groupChar`` declared, cells that only look wrong (``1 000``, ``+5``, ``1_0``,
Arabic-Indic digits, ``Infinity``), missing values of a required field, blank and ragged rows,
keys — read in tiny blocks, with a report limit small enough that the counting starts early."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import stream as engine
from datarelease.validate import validate_resource
from datarelease.validate.stream.dense import never_cast

from .test_engine_parity import assert_same

INTEGER_CELLS = ["12", "1,234", "12,345,678", "1.5", "x", "-3", "1 000", "+5", "1_0", "_1", "٣٤",
                 "NA", "", " 7 ", "1e3", "0x10", "12a"]
DATE_CELLS = ["2020-12-31", "31.12.2020", "2020/12/31", "2020-1-5", "2020-01- 5", "٢٠٢٠-01-05", "2020-02-30",
              "x", "", "NA", "2020-12-31T00:00:00", "20201231"]
NUMBER_CELLS = ["1.5", "1,5", "12,50", "1.234,5", "1 234,5", "Infinity", "-inf", "nan", "1e-3",
                "x", "", "NA", "1_000.5", "٣.٥", "1'000", "12%", "€5"]
# (no "sNaN": frictionless raises comparing it with a bound)
NUMBER_SPECS = [{}, {"decimalChar": ","}, {"decimalChar": ",", "groupChar": "."},
                {"groupChar": ","}, {"groupChar": " "}, {"floatNumber": True}]


@st.composite
def dense_tables(draw: st.DrawFn) -> tuple[dict[str, Any], bytes]:
    count_field: dict[str, Any] = {"name": "count", "type": "integer",
                                   **draw(st.sampled_from([{"groupChar": ","}, {}, {"bareNumber": False}]))}
    amount_field: dict[str, Any] = {"name": "amount", "type": "number", **draw(st.sampled_from(NUMBER_SPECS))}
    for f in (count_field, amount_field):
        if draw(st.booleans()):
            bound = draw(st.sampled_from([{}, {"minimum": 2}, {"maximum": 100}, {"unique": True}]))
            f["constraints"] = {"required": True, **bound}
        elif draw(st.booleans()):
            f["constraints"] = {"unique": True}
    day_field: dict[str, Any] = {"name": "day", "type": "date"}
    if draw(st.booleans()):
        day_field["constraints"] = {"unique": True}
    fields = [{"name": "id", "type": "integer"}, count_field, amount_field, day_field]
    missing = draw(st.sampled_from([[""], ["", "NA"]]))
    schema: dict[str, Any] = {"fields": fields, "missingValues": missing}
    schema["primaryKey"] = draw(st.sampled_from([[], ["id"], ["count"], ["id", "amount"]]))
    # mostly error-dense: the bad cells are many, the others few
    bad_int = draw(st.lists(st.sampled_from(INTEGER_CELLS), min_size=1, max_size=4))
    bad_num = draw(st.lists(st.sampled_from(NUMBER_CELLS), min_size=1, max_size=4))
    bad_day = draw(st.lists(st.sampled_from(DATE_CELLS), min_size=1, max_size=4))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(["id", "count", "amount", "day"])
    for i in range(draw(st.integers(1, 60))):
        change = draw(st.integers(0, 19))
        if change == 0:
            buffer.write("\n")  # a blank line
            continue
        row = [str(i % 40), draw(st.sampled_from(bad_int)), draw(st.sampled_from(bad_num)),
               draw(st.sampled_from(bad_day))]
        if change == 1:
            row = row[:2]
        elif change == 2:
            row = [*row, "surplus"]
        elif change == 3:
            row = ["", "", "", ""]
        writer.writerow(row)
    return schema, buffer.getvalue().encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=dense_tables(), block=st.sampled_from([1 << 20, 40, 7]),
       limit=st.sampled_from([1, 2, 3, 5, 20, None]),
       scope=st.sampled_from([((), ()), (("type-error",), ()), ((), ("type-error",)),
                              (("#row",), ()), (("constraint-error",), ())]))
def test_error_dense_columns_same_in_both_engines(
        table: tuple[dict[str, Any], bytes], block: int, limit: int | None,
        scope: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    schema, data = table
    pick, skip = scope
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "t.csv").write_bytes(data)
        descriptor = {"name": "t", "type": "table", "path": "t.csv", "schema": schema}
        options: dict[str, Any] = {"pick_errors": pick, "skip_errors": skip, "max_errors": limit}
        reference = validate_resource(descriptor, folder, engine="frictionless", **options)
        stream = engine.validate_resource_streaming(descriptor, folder, block_bytes=block, **options)
    assert_same(stream, reference)


def test_a_million_type_errors_are_counted_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An integer with ``groupChar`` (every cell a type error): the first thousand read, the
    rest counted; the same report as frictionless's."""
    rows = 5000
    text = "id,count\n" + "".join(f'{i},"{(i + 1) * 1000:,}"\n' for i in range(rows))
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "count", "type": "integer", "groupChar": ","}], "primaryKey": ["id"]}
    descriptor = {"name": "t", "path": "t.csv", "schema": schema}
    reads = {"count": 0}
    from datarelease.validate.stream import cells

    original = cells.Column.read

    def counted(self: Any, cell: Any) -> Any:
        if self.name == "count":
            reads["count"] += 1
        return original(self, cell)

    monkeypatch.setattr(cells.Column, "read", counted)
    stream = engine.validate_resource_streaming(descriptor, tmp_path, block_bytes=4096)
    monkeypatch.undo()
    assert_same(stream, validate_resource(descriptor, tmp_path, engine="frictionless"))
    assert stream.omitted == (("type-error", rows - 1000),)
    assert 1000 <= reads["count"] < 1100  # the first thousand (and a few in the first batch's check)


@pytest.mark.parametrize(("field", "refused", "accepted"), [
    ({"type": "integer"}, ["1,0", "1.0", "x", "1e3", "'1'"], ["1", "-1", "+1", " 1", "1_0", "٣", "1 0", "_"]),
    ({"type": "integer", "groupChar": ","}, ["1,000"], ["1000"]),
    ({"type": "number"}, ["1,5", "12%", "x1"], ["1.5", "-Infinity", "NaN", "sNaN", "1e-3", "1_0", "٣"]),
    ({"type": "number", "decimalChar": ","}, ["1'5"], ["1,5", "1.5"]),
    ({"type": "number", "groupChar": " "}, ["1,5"], ["1 000.5"]),
])
def test_never_cast_refuses_only_what_the_reader_refuses(
        field: dict[str, Any], refused: list[str], accepted: list[str]) -> None:
    """The pattern's verdict checked against frictionless's own value reader."""
    import re

    import frictionless

    f = frictionless.Field.from_descriptor({"name": "x", **field})
    reader = f.create_value_reader()
    pattern = never_cast(f)
    assert pattern is not None
    for cell in refused:
        assert re.search(pattern, cell) and reader(cell) is None, cell
    for cell in accepted:
        assert not re.search(pattern, cell), cell


@settings(max_examples=2000, deadline=None)
@given(spec=st.sampled_from([{"type": "integer"}, {"type": "integer", "groupChar": ","}, {"type": "date"},
                             *({"type": "number", **n} for n in NUMBER_SPECS)]),
       cell=st.text(st.sampled_from("0123456789+-_.,eE '%xinfatyINFATYsS\t٣\u00a0/T:"), max_size=10)
       | st.sampled_from(INTEGER_CELLS + NUMBER_CELLS + DATE_CELLS))
def test_a_cell_never_cast_is_refused_by_frictionlesss_reader(spec: dict[str, Any], cell: str) -> None:
    import re

    import frictionless

    f = frictionless.Field.from_descriptor({"name": "x", **spec})
    pattern = never_cast(f)
    assert pattern is not None
    if re.search(pattern, cell):
        _value, notes = f.create_cell_reader()(cell)
        assert notes == {"type": f'type is "{f.type}/default"'} or cell == ""


@pytest.mark.parametrize("field", [{"type": "integer", "bareNumber": False}, {"type": "string"},
                                   {"type": "date", "format": "%d.%m.%Y"}, {"type": "boolean"}])
def test_other_fields_have_no_pattern(field: dict[str, Any]) -> None:
    import frictionless

    assert never_cast(frictionless.Field.from_descriptor({"name": "x", **field})) is None

"""The shapes of ``sweep_shapes.py``: one feature each (an ``id`` primary key and one or two
columns, or two tables for a foreign key), with a few seeded errors of the kinds frictionless
reports. ``SHAPES`` maps a name to a function of (rows, random generator) giving the tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Columns = dict[str, list[str]]


@dataclass
class Table:
    name: str
    fields: list[dict[str, Any]]
    columns: Columns
    schema: dict[str, Any] = field(default_factory=dict)  # primaryKey, foreignKeys, missingValues
    dialect: dict[str, Any] | None = None
    encoding: str = "utf-8"
    declare_encoding: bool = True
    """Whether the descriptor says ``encoding`` (else frictionless detects it from a sample)."""
    newline: str = "\n"
    bom: bool = False


Build = Callable[[int, np.random.Generator], list[Table]]
SHAPES: dict[str, Build] = {}


def shape(name: str) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        SHAPES[name] = build
        return build
    return register


# --------------------------------------------------------------------------- helpers


def ids(n: int) -> list[str]:
    return [str(i + 1) for i in range(n)]


def rows_for(rng: np.random.Generator, n: int, count: int = 6) -> list[int]:
    """Rows (0-based, never the first) to put errors in, spread over the table."""
    return sorted(rng.choice(np.arange(1, n), size=min(count, n - 1), replace=False).tolist())


def put(column: list[str], rows: list[int], values: list[str | None]) -> None:
    """Errors round-robin at ``rows``; None repeats the row before (a duplicate)."""
    for k, row in enumerate(rows):
        value = values[k % len(values)]
        column[row] = column[row - 1] if value is None else value


def one(n: int, name: str, spec: dict[str, Any], column: list[str], **schema: Any) -> list[Table]:
    fields = [{"name": "id", "type": "integer"}, {"name": name, **spec}]
    return [Table("items", fields, {"id": ids(n), name: column}, {"primaryKey": ["id"], **schema})]


def stamps(rng: np.random.Generator, n: int, distinct: bool = False) -> list[str]:
    """ISO 8601 datetimes (seconds) between 2017 and 2027; all distinct with ``distinct``."""
    if distinct:
        seconds = 1_500_000_000 + np.arange(n) * 97 + rng.integers(0, 90, n)
    else:
        seconds = rng.integers(1_500_000_000, 1_800_000_000, n)
    return np.array(seconds, dtype="datetime64[s]").astype(str).tolist()  # type: ignore[no-any-return]


def days(rng: np.random.Generator, n: int, distinct: bool = False) -> list[str]:
    start = np.datetime64("1900-01-01")
    offsets = np.arange(n) if distinct else rng.integers(0, 45_000, n)
    return (start + offsets.astype("timedelta64[D]")).astype(str).tolist()  # type: ignore[no-any-return]


def numbers(rng: np.random.Generator, n: int) -> list[float]:
    return (rng.integers(0, 10**9, n) / 100).tolist()  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- the shapes


@shape("datetime-z")
def _datetime_z(n: int, rng: np.random.Generator) -> list[Table]:
    col = [s + "Z" for s in stamps(rng, n)]
    put(col, rows_for(rng, n), ["2021-02-30T10:00:00Z", "2021-03-04T05:06Z", "yesterday"])
    return one(n, "at", {"type": "datetime"}, col)


@shape("datetime-offset")
def _datetime_offset(n: int, rng: np.random.Generator) -> list[Table]:
    zones = ["+02:00", "-05:30", "+00:00", "+01:00"]
    micro = rng.integers(0, 10**6, n).tolist()
    col = [f"{s}.{m:06d}{zones[i % 4]}" for i, (s, m) in enumerate(zip(stamps(rng, n), micro, strict=True))]
    put(col, rows_for(rng, n), ["2021-04-31T10:00:00+02:00", "2021-03-04 05:06:07+02:00"])
    return one(n, "at", {"type": "datetime"}, col)


@shape("datetime-unique")
def _datetime_unique(n: int, rng: np.random.Generator) -> list[Table]:
    col = stamps(rng, n, distinct=True)
    put(col, rows_for(rng, n), [None, "2021-13-01T00:00:00"])
    return one(n, "at", {"type": "datetime", "constraints": {"unique": True}}, col)


@shape("datetime-format")
def _datetime_format(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{s[8:10]}.{s[5:7]}.{s[:4]} {s[11:16]}" for s in stamps(rng, n)]
    put(col, rows_for(rng, n), ["31.02.2021 10:00", "2021-03-04T05:06:07"])
    return one(n, "at", {"type": "datetime", "format": "%d.%m.%Y %H:%M"}, col)


@shape("datetime-fraction")
def _datetime_fraction(n: int, rng: np.random.Generator) -> list[Table]:
    """Microseconds (``%f``), every stamp distinct (a unique key, as an event log's)."""
    micro = rng.integers(0, 1_000_000, n).tolist()
    col = [f"{s[:10]} {s[11:19]}.{u:06d}" for s, u in zip(stamps(rng, n, distinct=True), micro, strict=True)]
    put(col, rows_for(rng, n), ["2021-02-30 10:00:00.5", "2021-03-04 05:06:07", None])
    spec = {"type": "datetime", "format": "%Y-%m-%d %H:%M:%S.%f", "constraints": {"unique": True}}
    return one(n, "at", spec, col)


@shape("datetime-minimum")
def _datetime_minimum(n: int, rng: np.random.Generator) -> list[Table]:
    col = stamps(rng, n)
    put(col, rows_for(rng, n), ["2017-01-01T00:00:00", "2021-02-29T00:00:00"])
    return one(n, "at", {"type": "datetime", "constraints": {"minimum": "2017-07-14T00:00:00"}}, col)


@shape("date")
def _date(n: int, rng: np.random.Generator) -> list[Table]:
    col = days(rng, n)
    put(col, rows_for(rng, n), ["2021-02-30", "2021/03/04", "0000-01-01"])
    return one(n, "day", {"type": "date"}, col)


@shape("date-unique")
def _date_unique(n: int, rng: np.random.Generator) -> list[Table]:
    col = days(rng, n, distinct=True)
    put(col, rows_for(rng, n), [None, "1999-02-29"])
    return one(n, "day", {"type": "date", "constraints": {"unique": True}}, col)


@shape("date-format")
def _date_format(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{d[8:]}/{d[5:7]}/{d[:4]}" for d in days(rng, n)]
    put(col, rows_for(rng, n), ["30/02/2021", "2021-03-04"])
    return one(n, "day", {"type": "date", "format": "%d/%m/%Y"}, col)


@shape("date-maximum")
def _date_maximum(n: int, rng: np.random.Generator) -> list[Table]:
    col = days(rng, n)
    put(col, rows_for(rng, n), ["2030-01-01", "2021-02-30"])
    return one(n, "day", {"type": "date", "constraints": {"maximum": "2025-01-01"}}, col)


@shape("time")
def _time(n: int, rng: np.random.Generator) -> list[Table]:
    col = [s[11:] for s in stamps(rng, n)]
    put(col, rows_for(rng, n), ["25:00:00", "10:61:00", "noon"])
    return one(n, "clock", {"type": "time"}, col)


@shape("time-minimum")
def _time_minimum(n: int, rng: np.random.Generator) -> list[Table]:
    col = [s[11:] for s in stamps(rng, n)]
    for i in range(n):
        if col[i] < "06:00:00":
            col[i] = "06:" + col[i][3:]
    put(col, rows_for(rng, n), ["05:59:59", "24:00:01"])
    return one(n, "clock", {"type": "time", "constraints": {"minimum": "06:00:00"}}, col)


@shape("year")
def _year(n: int, rng: np.random.Generator) -> list[Table]:
    col = [str(y) for y in rng.integers(1900, 2030, n).tolist()]
    put(col, rows_for(rng, n), ["20x1", "12345", "-1"])
    return one(n, "season", {"type": "year"}, col)


@shape("yearmonth")
def _yearmonth(n: int, rng: np.random.Generator) -> list[Table]:
    col = [d[:7] for d in days(rng, n)]
    put(col, rows_for(rng, n), ["2021-13", "2021/03", "March"])
    return one(n, "month", {"type": "yearmonth"}, col)


@shape("number-decimal-group")
def _number_decimal_group(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{x:,.2f}".replace(",", " ").replace(".", ",") for x in numbers(rng, n)]
    put(col, rows_for(rng, n), ["12 345,6x", "1.5", "--3"])
    return one(n, "amount", {"type": "number", "decimalChar": ",", "groupChar": " "}, col)


@shape("number-minmax")
def _number_minmax(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{x:.2f}" for x in numbers(rng, n)]
    put(col, rows_for(rng, n), ["-0.01", "10000000.5", "x"])
    return one(n, "amount", {"type": "number", "constraints": {"minimum": 0, "maximum": 10_000_000}}, col)


@shape("number-unique")
def _number_unique(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{i * 1.25 + 0.5:.2f}" for i in range(n)]
    put(col, rows_for(rng, n), [None, "1e3x"])
    return one(n, "amount", {"type": "number", "constraints": {"unique": True}}, col)


@shape("number-enum")
def _number_enum(n: int, rng: np.random.Generator) -> list[Table]:
    col = [["0.5", "1", "1.5", "2"][k] for k in rng.integers(0, 4, n).tolist()]
    put(col, rows_for(rng, n), ["2.5", "one"])
    return one(n, "grade", {"type": "number", "constraints": {"enum": [0.5, 1, 1.5, 2]}}, col)


@shape("number-bare-false")
def _number_bare_false(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{x:.2f} %" for x in numbers(rng, n)]
    put(col, rows_for(rng, n), ["n/a %", "%"])
    return one(n, "share", {"type": "number", "bareNumber": False}, col)


@shape("integer-group")
def _integer_group(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{x:,}" for x in rng.integers(0, 10**8, n).tolist()]
    put(col, rows_for(rng, n), ["1.5", "12,3x"])
    return one(n, "count", {"type": "integer", "groupChar": ","}, col)


@shape("integer-group-unique")
def _integer_group_unique(n: int, rng: np.random.Generator) -> list[Table]:
    """As ``integer-group``, and ``unique``: every key read before round 11h."""
    col = [f"{x:,}" for x in (rng.permutation(n) * 1000 + 1000).tolist()]
    put(col, rows_for(rng, n), ["1.5", None])
    return one(n, "count", {"type": "integer", "groupChar": ",", "constraints": {"unique": True}}, col)


@shape("date-undeclared-format")
def _date_undeclared_format(n: int, rng: np.random.Generator) -> list[Table]:
    """Dates written ``31.12.2020`` in a field of the default format: every cell a type error."""
    col = [f"{d[8:10]}.{d[5:7]}.{d[:4]}" for d in days(rng, n)]
    put(col, rows_for(rng, n), ["2021-03-04", ""])
    return one(n, "day", {"type": "date"}, col)


@shape("number-decimal-comma")
def _number_decimal_comma(n: int, rng: np.random.Generator) -> list[Table]:
    """Numbers written with a decimal comma nobody declared: every cell a type error."""
    col = [f"{x:.2f}".replace(".", ",") for x in numbers(rng, n)]
    put(col, rows_for(rng, n), ["1.5", "x"])
    return one(n, "amount", {"type": "number"}, col)


@shape("integer-bare-false")
def _integer_bare_false(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"EUR {x}" for x in rng.integers(0, 10**6, n).tolist()]
    put(col, rows_for(rng, n), ["EUR", "EUR 1.5"])
    return one(n, "price", {"type": "integer", "bareNumber": False}, col)


@shape("integer-minmax-unique")
def _integer_minmax_unique(n: int, rng: np.random.Generator) -> list[Table]:
    col = [str(10 * i + 7) for i in range(n)]
    put(col, rows_for(rng, n), [None, "-5", "1e3"])
    spec = {"type": "integer", "constraints": {"unique": True, "minimum": 0, "maximum": 10 * n + 7}}
    return one(n, "code", spec, col)


@shape("boolean-custom")
def _boolean_custom(n: int, rng: np.random.Generator) -> list[Table]:
    col = [["ja", "nej", "J", "N"][k] for k in rng.integers(0, 4, n).tolist()]
    put(col, rows_for(rng, n), ["kanske", "true"])
    return one(n, "ok", {"type": "boolean", "trueValues": ["ja", "J"], "falseValues": ["nej", "N"]}, col)


@shape("boolean-key")
def _boolean_key(n: int, rng: np.random.Generator) -> list[Table]:
    flag = ["true" if i % 2 else "false" for i in range(n)]
    rows = rows_for(rng, n)
    put(flag, rows, ["maybe"])
    tables = one(n, "flag", {"type": "boolean"}, flag)
    tables[0].columns["id"] = [str(i // 2) for i in range(n)]
    tables[0].schema["primaryKey"] = ["id", "flag"]
    for row in rows[::2]:  # a repeated (id, flag)
        tables[0].columns["id"][row], flag[row] = tables[0].columns["id"][row - 1], flag[row - 1]
    return tables


@shape("duration")
def _duration(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"P{d}DT{h}H{m}M" for d, h, m in zip(*(rng.integers(0, k, n).tolist() for k in (30, 24, 60)),
                                                strict=True)]
    put(col, rows_for(rng, n), ["1 day", "PT"])
    return one(n, "took", {"type": "duration"}, col)


@shape("geopoint")
def _geopoint(n: int, rng: np.random.Generator) -> list[Table]:
    lon = (rng.integers(-17_000, 17_000, n) / 100).tolist()
    lat = (rng.integers(-8_000, 8_000, n) / 100).tolist()
    col = [f"{x},{y}" for x, y in zip(lon, lat, strict=True)]
    put(col, rows_for(rng, n), ["200,100", "12.5"])
    return one(n, "where", {"type": "geopoint"}, col)


@shape("string-length")
def _string_length(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"name {i} {'x' * (i % 20)}" for i in range(n)]
    put(col, rows_for(rng, n), ["ab", "y" * 41, "åäö"])
    return one(n, "label", {"type": "string", "constraints": {"minLength": 4, "maxLength": 40}}, col)


@shape("string-pattern")
def _string_pattern(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"{'ABCDEFGH'[i % 8]}{'XYZ'[i % 3]}-{i % 10000:04d}" for i in range(n)]
    put(col, rows_for(rng, n), ["ab-1234", "AB-12345", "AB1234"])
    return one(n, "code", {"type": "string", "constraints": {"pattern": "[A-Z]{2}-[0-9]{4}"}}, col)


@shape("string-pattern-escape")
def _string_pattern_escape(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"SE{i % 10**8:08d}" for i in range(n)]
    put(col, rows_for(rng, n), ["SE1234", "se12345678"])
    return one(n, "org", {"type": "string", "constraints": {"pattern": "[A-Z]{2}\\d{8}"}}, col)


@shape("string-enum")
def _string_enum(n: int, rng: np.random.Generator) -> list[Table]:
    values = ["news", "report", "press release", "blog"]
    col = [values[k] for k in rng.integers(0, 4, n).tolist()]
    put(col, rows_for(rng, n), ["blogg", "News"])
    return one(n, "kind", {"type": "string", "constraints": {"enum": values}}, col)


@shape("email")
def _email(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"person.{i}@unit{i % 977}.example.org" for i in range(n)]
    put(col, rows_for(rng, n), ["anna.example.org", "Anna@Example.org", "a@b"])
    return one(n, "mail", {"type": "string", "format": "email"}, col)


@shape("email-unique")
def _email_unique(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"user{i}@mail{i % 101}.example.se" for i in range(n)]
    put(col, rows_for(rng, n), [None, "User1@Example.se", "no-at-sign"])
    return one(n, "mail", {"type": "string", "format": "email", "constraints": {"unique": True}}, col)


@shape("uri-unique-long")
def _uri_unique_long(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"https://www.example.org/archive/{i % 97}/articles/{i:09d}/a-rather-long-slug-for-item-{i}"
           for i in range(n)]
    put(col, rows_for(rng, n), [None, "www.example.org/no-scheme"])
    return one(n, "url", {"type": "string", "format": "uri", "constraints": {"unique": True}}, col)


@shape("uuid")
def _uuid(n: int, rng: np.random.Generator) -> list[Table]:
    import uuid

    high = rng.integers(0, 2**62, n).tolist()
    col = [str(uuid.UUID(int=int(x) << 64 | i, version=4)) for i, x in enumerate(high)]
    put(col, rows_for(rng, n), ["not-a-uuid", "12345678-1234-1234-1234-12345678901"])
    return one(n, "ref", {"type": "string", "format": "uuid"}, col)


@shape("list")
def _list(n: int, rng: np.random.Generator) -> list[Table]:
    values = ["flood", "storm", "snow;ice", "heat;drought;fire", "wind"]
    col = [values[k] for k in rng.integers(0, 5, n).tolist()]
    put(col, rows_for(rng, n), ["", "a;;b"])
    return one(n, "tags", {"type": "list", "delimiter": ";", "constraints": {"required": True}}, col)


@shape("array")
def _array(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f"[{i % 97}, {i % 13}.5, {i}]" for i in range(n)]
    put(col, rows_for(rng, n), ["[1, 2", "{}", "3"])
    return one(n, "readings", {"type": "array"}, col)


@shape("object")
def _object(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f'{{"n": {i}, "tag": "t{i % 7}"}}' for i in range(n)]
    put(col, rows_for(rng, n), ["[1]", "{bad"])
    return one(n, "meta", {"type": "object"}, col)


@shape("fk-composite-cross")
def _fk_composite_cross(n: int, rng: np.random.Generator) -> list[Table]:
    regions = ["SE-AB", "SE-C", "NO-03", "FI-18", "DK-84"]
    parent = Table("stations", [{"name": "region", "type": "string"}, {"name": "no", "type": "integer"}],
                   {"region": [regions[i % 5] for i in range(n)], "no": [str(i // 5) for i in range(n)]},
                   {"primaryKey": ["region", "no"]})
    pick = rng.integers(0, n, n).tolist()
    child = Table("events", [{"name": "id", "type": "integer"}, {"name": "region", "type": "string"},
                             {"name": "no", "type": "integer"}],
                  {"id": ids(n), "region": [regions[k % 5] for k in pick], "no": [str(k // 5) for k in pick]},
                  {"primaryKey": ["id"], "foreignKeys": [{"fields": ["region", "no"], "reference": {
                      "resource": "stations", "fields": ["region", "no"]}}]})
    put(child.columns["no"], rows_for(rng, n), [str(n), "x"])
    return [parent, child]


@shape("fk-non-primary")
def _fk_non_primary(n: int, rng: np.random.Generator) -> list[Table]:
    parent = Table("units", [{"name": "id", "type": "integer"},
                             {"name": "code", "type": "string", "constraints": {"unique": True}}],
                   {"id": ids(n), "code": [f"U{i:07d}" for i in range(n)]}, {"primaryKey": ["id"]})
    child = Table("staff", [{"name": "id", "type": "integer"}, {"name": "unit", "type": "string"}],
                  {"id": ids(n), "unit": [f"U{k:07d}" for k in rng.integers(0, n, n).tolist()]},
                  {"primaryKey": ["id"], "foreignKeys": [{"fields": ["unit"], "reference": {
                      "resource": "units", "fields": ["code"]}}]})
    put(child.columns["unit"], rows_for(rng, n), ["U9999999x", "u0000001"])
    return [parent, child]


@shape("fk-self")
def _fk_self(n: int, rng: np.random.Generator) -> list[Table]:
    parents = [""] + [str(k + 1) for k in (rng.integers(0, np.arange(1, n))).tolist()]
    tables = one(n, "parent", {"type": "integer"}, parents,
                 foreignKeys=[{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}])
    put(parents, rows_for(rng, n), [str(n + 5), "0"])
    return tables


@shape("fk-date-key")
def _fk_date_key(n: int, rng: np.random.Generator) -> list[Table]:
    dates = days(rng, n, distinct=True)
    parent = Table("days", [{"name": "day", "type": "date"}, {"name": "note", "type": "string"}],
                   {"day": dates, "note": [f"d{i}" for i in range(n)]}, {"primaryKey": ["day"]})
    child = Table("visits", [{"name": "id", "type": "integer"}, {"name": "day", "type": "date"}],
                  {"id": ids(n), "day": [dates[k] for k in rng.integers(0, n, n).tolist()]},
                  {"primaryKey": ["id"], "foreignKeys": [{"fields": ["day"], "reference": {
                      "resource": "days", "fields": ["day"]}}]})
    put(child.columns["day"], rows_for(rng, n), ["3000-01-01", "1900-02-29"])
    return [parent, child]


@shape("missing-values")
def _missing_values(n: int, rng: np.random.Generator) -> list[Table]:
    marks = ["NA", "n/a", "-", "null", ".", ""]
    count = [marks[i % 6] if i % 3 == 0 else str(i) for i in range(n)]
    name = [f"n{i}" for i in range(n)]
    put(count, rows_for(rng, n), ["N/A", "x"])
    put(name, rows_for(rng, n), ["NA", "", "null"])  # a required name missing
    fields: list[dict[str, Any]] = [{"name": "id", "type": "integer"}, {"name": "count", "type": "integer"},
              {"name": "name", "type": "string", "constraints": {"required": True}}]
    return [Table("items", fields, {"id": ids(n), "count": count, "name": name},
                  {"primaryKey": ["id"], "missingValues": marks})]


@shape("quoted-newlines")
def _quoted_newlines(n: int, rng: np.random.Generator) -> list[Table]:
    col = [f'Line one of {i}, "quoted".\nLine two;\r\nend' if i % 3 else f"plain {i}" for i in range(n)]
    put(col, rows_for(rng, n), ["", None])
    return one(n, "body", {"type": "string", "constraints": {"required": True, "unique": True}}, col)


def _encoded(build: Build, **options: Any) -> Build:
    def variant(n: int, rng: np.random.Generator) -> list[Table]:
        tables = build(n, rng)
        for table in tables:
            for key, value in options.items():
                setattr(table, key, value)
        return tables
    return variant


def _text_and_number(n: int, rng: np.random.Generator) -> list[Table]:
    name = [f"Åsa Öberg {i}" for i in range(n)]
    amount = [f"{x:.2f}" for x in numbers(rng, n)]
    put(amount, rows_for(rng, n), ["1,5", "x"])
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
              {"name": "amount", "type": "number"}]
    return [Table("items", fields, {"id": ids(n), "name": name, "amount": amount}, {"primaryKey": ["id"]})]


SHAPES["bom"] = _encoded(_text_and_number, bom=True)
SHAPES["crlf"] = _encoded(_text_and_number, newline="\r\n")
SHAPES["semicolon"] = _encoded(_text_and_number, dialect={"csv": {"delimiter": ";"}})
SHAPES["latin1"] = _encoded(_text_and_number, encoding="latin-1")
SHAPES["utf16"] = _encoded(_text_and_number, encoding="utf-16")
SHAPES["latin1-undeclared"] = _encoded(_text_and_number, encoding="latin-1", declare_encoding=False)


@shape("cp1252")
def _cp1252(n: int, rng: np.random.Generator) -> list[Table]:
    """Windows-1252's own letters (the euro sign, curly quotes, a dash) in text, and a number."""
    tables = _text_and_number(n, rng)
    tables[0].columns["name"] = [f"\u201cÅsa\u201d \u2013 {i} \u20ac" for i in range(n)]
    tables[0].encoding = "cp1252"
    return tables

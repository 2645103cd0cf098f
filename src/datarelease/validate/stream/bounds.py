"""Bounds (``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``) of dates,
datetimes, times, years and numbers, checked column-wise on the cells the vectorised check
already passed.

frictionless reads each bound with the field's value reader and compares the cast cell with it
(``cell >= minimum``). Here the cells in the plain ISO 8601 form (or four-digit years) are cast by
pyarrow, which reads that form to the same instant (microseconds; an offset or ``Z`` taken to
UTC), and compared with the bound cast the same way. A cell whose zone does not match the
bound's (an aware datetime against a naive bound, or the reverse, which Python refuses to
compare: frictionless raises) is left to the reader, as is a time with an offset (a naive
time's bounds are compared on 1 January 2000, as pyarrow casts no text to a time), as is every
cell the plain form does not pass, and a whole field whose bounds frictionless cannot read (it
then raises or reports).

Numbers (read by frictionless as ``Decimal``) are compared as float64, cell and bound parsed by
the same pyarrow cast (its ``groupChar`` removed, its ``decimalChar`` made a point). Rounding to
a float never reverses an order, so a cell whose float is strictly inside the bound's is inside
and one strictly outside is outside; a cell whose float equals the bound's (the bound itself, or
a number too close to it for a float to tell) goes to the reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datarelease.validate.arrays import bool_scalar, bools, ints, string_scalar, strings, to_bools
from datarelease.validate.stream.common import Mask

BOUNDED_TYPES = ("date", "datetime", "year", "number", "time")
BOUND_NAMES = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_OUTSIDE = {"minimum": pc.less, "maximum": pc.greater,
            "exclusiveMinimum": pc.less_equal, "exclusiveMaximum": pc.greater_equal}
_TRUE = bool_scalar(True)
_NOTHING = string_scalar("")
_ZONE = "(?:Z|[+-][0-9]{2}:[0-9]{2})$"
# a float equal to the bound's is not decided: the reader compares the exact numbers
_OUTSIDE_OR_TIED = {"minimum": pc.less_equal, "maximum": pc.greater_equal,
                    "exclusiveMinimum": pc.less_equal, "exclusiveMaximum": pc.greater_equal}


@dataclass(frozen=True)
class Bounds:
    arrow_type: pa.DataType
    placeholder: str
    """A plain cell of the type, cast in place of the cells not checked here."""
    zoned: bool | None
    """Whether the bounds are aware datetimes (None: not datetimes)."""
    values: dict[str, Any]
    number_chars: tuple[str, str] | None = None
    """A number field's (decimalChar, groupChar) (None: not numbers)."""
    prefix: str = ""
    """Put before each cell before the cast (a date, for times)."""

    @classmethod
    def of(cls, field: Any, constraints: dict[str, Any]) -> Bounds | None:
        """The field's bounds as frictionless reads them, or None where they are not all of the
        field's type (and of one kind, naive or aware): the reader then judges every cell."""
        reader = field.create_value_reader()
        read = {name: reader(constraints[name]) for name in BOUND_NAMES
                if constraints.get(name) is not None}
        kind = str(field.type)
        values = list(read.values())
        if kind == "year" and all(type(v) is int for v in values):
            return cls._make(pa.int64(), "2000", None, read)
        if kind == "date" and all(type(v) is dt.date for v in values):
            return cls._make(pa.date32(), "2000-01-01", None, read)
        if kind == "number":
            return cls._numbers(field, read)
        if kind == "time" and all(type(v) is dt.time and v.utcoffset() is None for v in values):
            on_a_day = {name: dt.datetime.combine(_DAY, v) for name, v in read.items()}
            made = cls._make(pa.timestamp("us"), "00:00:00", False, on_a_day)
            return cls(made.arrow_type, made.placeholder, False, made.values, None, _DAY.isoformat() + "T")
        if kind == "datetime" and all(isinstance(v, dt.datetime) for v in values):
            aware = {v.utcoffset() is not None for v in values}
            if aware == {True}:
                return cls._make(pa.timestamp("us", "UTC"), "2000-01-01T00:00:00Z", True, read)
            if aware == {False}:
                return cls._make(pa.timestamp("us"), "2000-01-01T00:00:00", False, read)
        return None

    @classmethod
    def _numbers(cls, field: Any, read: dict[str, Any]) -> Bounds | None:
        if field.float_number or not all(
                (type(v) is int or (isinstance(v, Decimal) and v.is_finite())) for v in read.values()):
            return None
        texts = strings([format(Decimal(v), "f") for v in read.values()])
        cast = pc.cast(texts, pa.float64())
        values = {name: cast[i] for i, name in enumerate(read)}
        chars = (str(field.decimal_char), str(field.group_char)) if (
            field.has_defined("decimal_char") or field.has_defined("group_char")) else (".", "")
        return cls(pa.float64(), "0", None, values, chars)

    @classmethod
    def _make(cls, arrow_type: pa.DataType, placeholder: str, zoned: bool | None,
              read: dict[str, Any]) -> Bounds:
        values = {name: _scalar(value, arrow_type) for name, value in read.items()}
        return cls(arrow_type, placeholder, zoned, values)

    def outside(self, column: pa.Array, plain: Mask) -> Mask:
        """Cells that may break a bound: not ``plain`` (passed by the vectorised check), of the
        other zone kind, or cast outside a bound."""
        checked = plain.copy()
        if self.zoned is not None:
            zoned = to_bools(pc.match_substring_regex(column, _ZONE))  # a null is False
            checked &= zoned if self.zoned else ~zoned
        try:
            placeholder = string_scalar(self.placeholder)
            cells = pc.if_else(bools(checked), column, placeholder)
            if self.prefix:
                cells = pc.binary_join_element_wise(string_scalar(self.prefix), cells, _NOTHING)
            if self.number_chars is not None:
                decimal, group = self.number_chars
                if group:
                    cells = pc.replace_substring(cells, group, "")
                if decimal != ".":
                    cells = pc.replace_substring(cells, decimal, ".")
            cast = pc.cast(cells, self.arrow_type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # pragma: no cover - a safety net
            return np.ones(len(column), dtype=bool)
        bad: Mask = ~checked
        compare = _OUTSIDE if self.number_chars is None else _OUTSIDE_OR_TIED
        for name, bound in self.values.items():
            bad |= to_bools(pc.fill_null(compare[name](cast, bound), _TRUE))
        return bad


_EPOCH = dt.datetime(1970, 1, 1)
_DAY = dt.date(2000, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)


def _scalar(value: Any, arrow_type: pa.DataType) -> pa.Scalar:
    """``pa.scalar(value, arrow_type)`` for a year, a date or a datetime, from its integer count
    since 1970 (``pa.scalar`` imports pandas); an aware datetime is taken to UTC, as pyarrow does."""
    if arrow_type == pa.int64():
        return ints([value])[0]
    if arrow_type == pa.date32():
        return ints([(value - _EPOCH.date()).days]).cast(pa.int32()).cast(arrow_type)[0]
    epoch = _EPOCH if value.utcoffset() is None else _EPOCH.replace(tzinfo=dt.UTC)
    return ints([(value - epoch) // _MICROSECOND]).cast(arrow_type)[0]

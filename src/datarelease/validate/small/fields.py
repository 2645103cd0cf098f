"""Table Schema fields read as frictionless 5.21 reads them: its value readers (``int``,
``Decimal``, ``strptime``, dateutil's ``isoparse``, the ``validators`` and ``rfc3986`` checks of
string formats), its missing values, and its constraint checks in its order, with its notes —
for the types, formats and constraints listed here; any other is :class:`NotSure`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from datarelease.validate.patterns import match_in_time
from datarelease.validate.small.metadata import NotSure, optional

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
DATE_PATTERN = "%Y-%m-%d"
SCHEMA_KEYS = frozenset({"fields", "primaryKey", "foreignKeys", "missingValues", "title", "description"})
_FIELD_KEYS = {"name", "type", "format", "title", "description", "constraints", "example"}
_BOUND_TYPES = {"integer", "number", "year", "date"}
_STRING_FORMATS = ("default", "email", "uri", "uuid")
# each type's constraints, in the order frictionless checks them (its supported_constraints)
_ORDER = {"string": ("required", "minLength", "maxLength", "pattern", "enum"),
          "boolean": ("required", "enum")}
_BOUNDED = ("required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum")

Reader = Callable[[Any], Any]
Notes = dict[str, str]


@dataclass(frozen=True)
class Field:
    """One field: what frictionless's cell reader for it does, as plain data."""

    name: str
    kind: str
    format: str
    reader: Reader
    checks: tuple[tuple[str, Any, Any], ...]
    """(constraint, its value as written, its value as checked), in frictionless's order."""
    missing: frozenset[str]
    unique: bool

    def read(self, cell: str | None) -> tuple[Any, Notes]:
        """The cell's value and its notes: frictionless's ``cell_reader``, step by step."""
        notes: Notes = {}
        value: Any = None if cell is None or cell in self.missing else cell
        if value is not None:
            value = self.reader(value)
            if value is None:
                return None, {"type": f'type is "{self.kind}/{self.format}"'}
            if value != value:  # NaN: frictionless's key and enum checks are not mirrored
                raise NotSure("NaN")
        for name, written, checked in self.checks:
            if not _passes(name, checked, value):
                notes[name] = f'constraint "{name}" is "{written}"'
        return value, notes


def _passes(name: str, constraint: Any, value: Any) -> bool:
    if name == "required":
        return not (constraint and value is None)
    if value is None:
        return True
    if name == "minLength":
        return bool(len(value) >= constraint)
    if name == "maxLength":
        return bool(len(value) <= constraint)
    if name == "minimum":
        return bool(value >= constraint)
    if name == "maximum":
        return bool(value <= constraint)
    if name == "enum":
        return value in constraint
    verdict = match_in_time(constraint, value)  # "pattern": Python's re, as frictionless's
    if verdict is None:
        raise NotSure("pattern not decided in time")
    return verdict


def schema_fields(schema: Any) -> tuple[list[Field], list[str], list[dict[str, Any]]]:
    """The fields, the primary key and the foreign keys of a schema mirrored here."""
    if not isinstance(schema, dict) or set(schema) - SCHEMA_KEYS:
        raise NotSure("schema")
    fields = schema.get("fields")
    missing = schema.get("missingValues", [""])
    if (not isinstance(fields, list) or not fields or not all(isinstance(f, dict) for f in fields)
            or not isinstance(missing, list) or not all(isinstance(v, str) for v in missing)):
        raise NotSure("schema")
    names = [f.get("name") for f in fields]
    if (len(set(map(str, names))) != len(names)
            or not all(isinstance(n, str) and n and n == n.strip() for n in names)):
        raise NotSure("field names")
    primary = schema.get("primaryKey", [])
    primary = [primary] if isinstance(primary, str) else primary
    if not isinstance(primary, list) or not all(isinstance(n, str) and n in names for n in primary):
        raise NotSure("primaryKey")
    return ([_field(field, frozenset(missing)) for field in fields], primary,
            _foreign_keys(schema.get("foreignKeys", []), names))


def _foreign_keys(declared: Any, names: list[Any]) -> list[dict[str, Any]]:
    """Foreign keys as frictionless normalises them (a string is a list of one), each naming
    fields of this schema, as many as it names in the reference."""
    if not isinstance(declared, list):
        raise NotSure("foreignKeys")
    keys = []
    for key in declared:
        if not isinstance(key, dict) or set(key) - {"fields", "reference"}:
            raise NotSure("foreignKeys")
        reference = key.get("reference")
        if not isinstance(reference, dict) or set(reference) != {"resource", "fields"}:
            raise NotSure("foreignKeys")
        own, theirs = (_names(key.get("fields")), _names(reference.get("fields")))
        target = reference.get("resource")
        if (not own or len(own) != len(theirs) or not all(name in names for name in own)
                or not isinstance(target, str)):
            raise NotSure("foreignKeys")
        keys.append({"fields": own, "resource": target, "reference": theirs})
    return keys


def _names(value: Any) -> list[str]:
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NotSure("foreignKeys")
    return value


def _field(field: Mapping[str, Any], missing: frozenset[str]) -> Field:
    kind = field.get("type", "any")
    allowed = _FIELD_KEYS | ({"trueValues", "falseValues"} if kind == "boolean" else set())
    form = field.get("format", "default")
    if set(field) - allowed or form not in (_STRING_FORMATS if kind == "string" else ("default",)):
        raise NotSure("field keys")
    for key in ("title", "description"):
        optional(field, key, str)
    reader = _reader(field, form)
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise NotSure("constraints")
    order = _ORDER.get(kind, _BOUNDED)
    checks = []
    for key, value in constraints.items():
        if key != "unique" and key not in order:
            raise NotSure("constraint")
        checks.append((key, value, _constraint(kind, key, value, reader)))
    unique = constraints.get("unique", False)
    checks = sorted((c for c in checks if c[0] != "unique"), key=lambda c: order.index(c[0]))
    return Field(name=str(field["name"]), kind=kind, format=form, reader=reader,
                 checks=tuple(checks), missing=missing, unique=unique)


def _constraint(kind: str, key: str, value: Any, reader: Reader) -> Any:
    """The constraint as frictionless checks it (bounds and enums cast by the field's reader, a
    pattern anchored and compiled), when it is of a form mirrored here."""
    if key in ("required", "unique") and type(value) is bool:
        return value
    if key in ("minLength", "maxLength") and kind == "string" and type(value) is int:
        return value
    if key in ("minimum", "maximum") and kind in _BOUND_TYPES and type(value) in (
            (str, int) if kind != "date" else (str,)):
        return _certain(reader, value)  # as frictionless casts it ("0" is 0 for a number)
    if key == "enum" and kind in ("string", "integer") and isinstance(value, list) and value and all(
            type(v) is (str if kind == "string" else int) for v in value):
        return [_certain(reader, v) for v in value]
    if key == "pattern" and kind == "string" and isinstance(value, str):
        try:
            return re.compile(f"^{value}$")
        except (re.error, RecursionError, OverflowError) as exc:
            raise NotSure("pattern") from exc
    raise NotSure("constraint")


def _certain(reader: Reader, value: Any) -> Any:
    cast = reader(value)
    if cast is None:
        raise NotSure("bound")
    return cast


def _reader(field: Mapping[str, Any], form: str) -> Reader:
    """frictionless's value reader for the field's type and format, or not sure."""
    kind = field.get("type")
    if kind == "string":
        return _STRING_READERS[form]()
    if kind == "integer":
        return lambda cell: _or_none(lambda: int(cell.strip()) if isinstance(cell, str) else int(cell))
    if kind == "number":
        return lambda cell: _or_none(lambda: Decimal(cell.strip()) if isinstance(cell, str) else cell)
    if kind == "year":
        return _year
    if kind == "date":
        return lambda cell: _or_none(lambda: datetime.strptime(cell, DATE_PATTERN).date())
    if kind == "datetime":
        return _datetime
    if kind == "boolean":
        true_values = field.get("trueValues", list(TRUE_VALUES))
        false_values = field.get("falseValues", list(FALSE_VALUES))
        if not all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                   for v in (true_values, false_values)):
            raise NotSure("boolean values")
        mapping = {**{v: True for v in true_values}, **{v: False for v in false_values}}
        return mapping.get
    raise NotSure(f"type {kind!r}")


def _or_none(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except Exception:  # frictionless's readers turn every failure into "not this type"
        return None


def _year(cell: Any) -> int | None:
    if not isinstance(cell, int):
        if not isinstance(cell, str) or len(cell) != 4:
            return None
        value = _or_none(lambda: int(cell))
        if value is None:
            return None
        cell = value
    return cell if 0 <= cell <= 9999 else None


def _datetime(cell: Any) -> Any:
    if not isinstance(cell, str) or len(cell) < 19 or cell[16] != ":":
        return None
    # as frictionless reads datetimes: only datetime fields pay for the import
    from dateutil import parser  # type: ignore[import-untyped]

    return _or_none(lambda: parser.isoparse(cell))


# string formats: the libraries frictionless checks them with, imported only by fields that use them


def _plain() -> Reader:
    return lambda cell: cell


def _email() -> Reader:
    import validators

    return lambda cell: cell if isinstance(cell, str) and validators.email(cell) else None


def _uuid() -> Reader:
    import validators

    return lambda cell: cell if isinstance(cell, str) and validators.uuid(cell) else None


def _uri() -> Reader:
    import rfc3986  # type: ignore[import-untyped]

    def read(cell: Any) -> Any:
        if not isinstance(cell, str):
            return None
        validator = rfc3986.validators.Validator()
        validator.require_presence_of("scheme")
        try:
            validator.validate(rfc3986.uri_reference(cell))
        except rfc3986.exceptions.ValidationError:
            return None
        return cell

    return read


_STRING_READERS: dict[str, Callable[[], Reader]] = {"default": _plain, "email": _email,
                                                    "uuid": _uuid, "uri": _uri}

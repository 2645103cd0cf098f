"""A table's findings as frictionless 5.21 finds them, in plain Python: the header's label errors
(``fieldsMatch: exact``, frictionless's default), then row by row its ``Row`` (cells read lazily:
unique, primary-key and foreign-key fields first, a blank row replacing the row's other errors)
and its row stream's unique, primary-key and foreign-key checks, with its notes, messages and
numbering (header = row 1, blank lines counted)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from datarelease.validate.report import FINDINGS_PER_KIND, field_name
from datarelease.validate.small.fields import Field
from datarelease.validate.small.metadata import NotSure

ErrorDict = dict[str, Any]
SAMPLE_ROWS = 100  # records frictionless's detector looks at (its sample size)

# frictionless 5.21's message templates (a test compares them with its error classes')
TEMPLATES = {
    "type-error": 'Type error in the cell "{cell}" in row "{rowNumber}" and field "{fieldName}" at '
                  'position "{fieldNumber}": {note}',
    "constraint-error": 'The cell "{cell}" in row at position "{rowNumber}" and field "{fieldName}" '
                        'at position "{fieldNumber}" does not conform to a constraint: {note}',
    "unique-error": 'Row at position "{rowNumber}" has unique constraint violation in field '
                    '"{fieldName}" at position "{fieldNumber}": {note}',
    "primary-key": 'Row at position "{rowNumber}" violates the primary key: {note}',
    "foreign-key": 'Row at position "{rowNumber}" violates the foreign key: {note}',
    "blank-row": 'Row at position "{rowNumber}" is completely blank',
    "extra-cell": 'Row at position "{rowNumber}" has an extra value in field at position "{fieldNumber}"',
    "missing-cell": 'Row at position "{rowNumber}" has a missing cell in field "{fieldName}" at '
                    'position "{fieldNumber}"',
    "extra-label": 'There is an extra label "{label}" in header at position "{fieldNumber}"',
    "missing-label": 'There is a missing label in the header\'s field "{fieldName}" at position '
                     '"{fieldNumber}"',
    "blank-label": 'Label in the header in field at position "{fieldNumber}" is blank',
    "duplicate-label": 'Label "{label}" in the header at position "{fieldNumber}" is duplicated to a '
                       'label: {note}',
    "incorrect-label": 'Label "{label}" in field {fieldName} at position "{fieldNumber}" does not match '
                       'the field name in the schema',
}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:  # frictionless's safe_format: an unknown key is ""
        return ""


def error(kind: str, **values: Any) -> ErrorDict:
    """An error descriptor as frictionless writes it, message rendered from its template."""
    descriptor: ErrorDict = {"type": kind, "note": "", **values}
    descriptor["message"] = TEMPLATES[kind].format_map(_Blank(descriptor))
    return descriptor


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass
class Table:
    """What one resource's data turned out to hold: the first :data:`FINDINGS_PER_KIND` errors
    of each type and field (as reports list them) and how many more of each type there were, so
    a table where every cell is wrong costs a count, not a list (memory bounded however many)."""

    errors: list[ErrorDict] = field(default_factory=list)
    omitted: Counter[str] = field(default_factory=Counter)
    count: int = 0
    rows: list[Row] | None = None
    """The rows themselves, when asked for (a foreign key's lookup reads them)."""
    _kept: Counter[tuple[str, str | None]] = field(default_factory=Counter)

    def add(self, errors: Sequence[ErrorDict]) -> None:
        for found in errors:
            kind = (str(found.get("type")), field_name(found))
            self._kept[kind] += 1
            if self._kept[kind] > FINDINGS_PER_KIND:
                self.omitted[kind[0]] += 1
            else:
                self.errors.append(found)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(self.omitted.values())


# --------------------------------------------------------------------------- the header


def header_errors(labels: list[str], fields: Sequence[Field]) -> list[ErrorDict]:
    """frictionless's ``Header`` errors for labels matched to the fields by position."""
    found = [error("extra-label", label=label, fieldName="", fieldNumber=number)
             for number, label in enumerate(labels, start=1) if number > len(fields)]
    found += [error("missing-label", label="", fieldName=f.name, fieldNumber=len(labels) + offset + 1)
              for offset, f in enumerate(fields[len(labels):])]
    for number, (f, label) in enumerate(zip(fields, labels, strict=False), start=1):
        if not label:
            found.append(error("blank-label", label="", fieldName=f.name, fieldNumber=number))
            continue
        earlier = [str(n) for n, seen in enumerate(labels[:number - 1], start=1) if seen == label]
        if earlier:
            found.append(error("duplicate-label", note=f'at position "{", ".join(earlier)}"',
                               label=label, fieldName=f.name, fieldNumber=number))
        elif label != f.name:
            found.append(error("incorrect-label", label=label, fieldName=f.name, fieldNumber=number))
    return found


def expected_fields(labels: list[str], fields: Sequence[Field]) -> list[Field]:
    """The fields rows are read with: one per label, by position; a label beyond the schema gets
    a field of type ``any`` named after it (deduplicated as frictionless does)."""
    names = _deduplicated([f.name for f in fields[:len(labels)]] + labels[len(fields):])
    extra = names[len(fields):] if len(labels) > len(fields) else []
    if any(not label for label in labels[len(fields):]):
        raise NotSure("blank extra label")
    return [*fields[:len(labels)], *(_any_field(name) for name in extra)]


def _deduplicated(names: list[str]) -> list[str]:
    result: list[str] = []
    used: set[str] = set()
    for name in names:
        new, suffix = name, 2
        while new in used:
            new, suffix = f"{name}{suffix}", suffix + 1
        result.append(new)
        used.add(new)
    return result


def _any_field(name: str) -> Field:
    return Field(name=name, kind="any", format="default", reader=lambda cell: cell, checks=(),
                 missing=frozenset({""}), unique=False)


# --------------------------------------------------------------------------- rows


class Row:
    """frictionless's ``Row``: cells read when first asked for, errors in the order they arise."""

    def __init__(self, cells: list[str], fields: Sequence[Field], index: Mapping[str, int],
                 number: int) -> None:
        self.cells, self.fields, self.index, self.number = cells, fields, index, number
        self.values: dict[str, Any] = {}
        self.blank: set[str] = set()
        self._errors: list[ErrorDict] = []
        self._full = False

    def get(self, name: str) -> Any:
        """The value of a field (None for a field the row has not got, as ``Row.get``)."""
        position = self.index.get(name)
        if position is None:
            return None
        if name not in self.values:
            self._read(position)
        return self.values[name]

    def _read(self, position: int) -> None:
        f = self.fields[position]
        source = self.cells[position] if position < len(self.cells) else None
        value, notes = f.read(source)
        type_note = notes.pop("type", None)
        if value is None and not type_note:
            self.blank.add(f.name)
        common = {"cell": str(source), "rowNumber": self.number, "fieldName": f.name,
                  "fieldNumber": position + 1}
        if type_note:
            self._errors.append(error("type-error", note=type_note, **common))
        for note in notes.values():
            self._errors.append(error("constraint-error", note=note, **common))
        self.values[f.name] = value

    @property
    def errors(self) -> list[ErrorDict]:
        """Every error of the row (reading the cells not read yet), as ``Row.errors``."""
        if self._full:
            return self._errors
        for position, f in enumerate(self.fields):
            if f.name not in self.values:
                self._read(position)
        width = len(self.fields)
        self._errors += [error("extra-cell", cell=cell, rowNumber=self.number, fieldName="",
                               fieldNumber=number)
                         for number, cell in enumerate(self.cells[width:], start=width + 1)]
        self._errors += [error("missing-cell", cell="", rowNumber=self.number, fieldName=f.name,
                               fieldNumber=position + 1)
                         for position, f in enumerate(self.fields) if position >= len(self.cells)]
        if width == len(self.blank):
            self._errors = [error("blank-row", rowNumber=self.number)]
        self._full = True
        return self._errors


def read_rows(records: Iterator[list[str]], fields: Sequence[Field], header: bool | None) -> tuple[
        list[ErrorDict], list[Field], Iterator[Row]]:
    """The header's errors, the fields rows are read with, and the rows (cells read lazily).
    ``header``: the dialect's, None when it does not say (frictionless then detects it)."""
    table = list(records)
    if not table:
        raise NotSure("empty source")  # a source-error
    if header is None and _detected_header_row(table[:SAMPLE_ROWS]) != 1:
        raise NotSure("header row detected below the first")
    if header is False:
        return [], list(fields), _rows(iter(table), fields, 1)
    record = table[0]
    if not record:
        raise NotSure("no header")
    labels = ["" if cell is None else str(cell).strip() for cell in record]
    expected = expected_fields(labels, fields)
    return header_errors(labels, fields), expected, _rows(iter(table[1:]), expected, 2)


def _detected_header_row(sample: list[list[str]]) -> int:
    """The row frictionless's detector takes for the header when the dialect does not say: the
    first whose width is within a tenth of the sample's average width (else the first row)."""
    widths = [len(cells) for cells in sample]
    width = round(sum(widths) / len(widths))
    drift = max(round(width * 0.1), 1)
    match = range(width - drift, width + drift + 1)
    return next((number for number, size in enumerate(widths, start=1) if size in match), 1)


def _rows(records: Iterator[list[str]], fields: Sequence[Field], start: int) -> Iterator[Row]:
    index = {f.name: position for position, f in enumerate(fields)}
    for number, cells in enumerate(records, start=start):
        yield Row(cells, fields, index, number)


def check_rows(rows: Iterator[Row], fields: Sequence[Field], primary_key: Sequence[str],
               foreign_keys: Sequence[tuple[ForeignKey, set[tuple[Any, ...]]]],
               table: Table) -> None:
    """frictionless's row stream and baseline check: each row's errors, with the unique,
    primary-key and foreign-key errors it adds, into ``table``."""
    names = {f.name for f in fields}
    unique: dict[str, dict[Any, int]] = {f.name: {} for f in fields if f.unique}
    has_primary_key = bool(primary_key) and set(primary_key) <= names
    primary: dict[tuple[Any, ...], int] = {}
    groups = [(key, found) for key, found in foreign_keys if set(key.fields) <= names]
    for row in rows:
        table.count += 1
        if table.rows is not None:
            table.rows.append(row)
        for name, memory in unique.items():
            value = row.get(name)
            if value is not None:
                match = memory.get(value)
                memory[value] = row.number
                if match:
                    row.errors.append(error(
                        "unique-error", note=f"the same as in the row at position {match}",
                        cell=str(value), rowNumber=row.number, fieldName=name,
                        fieldNumber=row.index[name] + 1))
        if has_primary_key:
            _check_primary_key(row, primary_key, primary)
        for key, found in groups:
            values = tuple(row.get(name) for name in key.fields)
            if set(values) == {None} or values in found:
                continue
            note = (f'for "{", ".join(key.fields)}": values "{", ".join(str(v) for v in values)}" '
                    f'not found in the lookup table "{key.resource}" as "{", ".join(key.reference)}"')
            row.errors.append(error("foreign-key", note=note, rowNumber=row.number,
                                    fieldNames=list(key.fields)))
        table.add(row.errors)


def _check_primary_key(row: Row, primary_key: Sequence[str], seen: dict[tuple[Any, ...], int]) -> None:
    values = tuple(row.get(name) for name in primary_key)
    if set(values) == {None}:
        row.errors.append(error("primary-key", note='cells composing the primary keys are all "None"',
                                rowNumber=row.number))
        return
    match = seen.get(values)
    seen[values] = row.number
    if match:
        row.errors.append(error("primary-key", note=f"the same as in the row at position {match}",
                                rowNumber=row.number))

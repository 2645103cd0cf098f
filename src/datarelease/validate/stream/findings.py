"""What is wrong with a row, kept until a table's findings are put together, and how frictionless
orders a row's errors."""

from __future__ import annotations

import frictionless.errors as ferrors

from datarelease.validate.stream.cells import Column
from datarelease.validate.stream.common import ErrorDict, error_descriptor
from datarelease.validate.stream.spec import TableSpec


class Row:
    """What is wrong with one row, kept until the table's findings are put together."""

    __slots__ = ("blank", "cells", "extra", "fk", "missing_fields", "notes", "pk", "unique", "width")

    def __init__(self) -> None:
        self.notes: dict[int, tuple[dict[str, str], str]] = {}
        self.cells: list[str] | None = None
        self.extra: list[tuple[int, str]] = []
        self.missing_fields: list[int] = []
        self.blank = False
        self.unique: dict[int, int] = {}
        self.pk: int | None = None  # 0: every primary-key cell is None; else the earlier row
        self.fk: dict[int, str] = {}
        self.width = 0


def row_errors(spec: TableSpec, columns: list[Column], number: int, issue: Row) -> list[ErrorDict]:
    """The row's errors in the order frictionless's Row and row stream produce them."""
    errors: list[ErrorDict] = []
    names = [column.name for column in columns]
    processed: set[int] = set()
    full = False

    def cell_errors(index: int) -> list[ErrorDict]:
        found = issue.notes.get(index)
        if not found:
            return []
        notes, source = found
        column = columns[index]
        common = {"cell": source, "rowNumber": number, "fieldName": column.name,
                  "fieldNumber": index + 1}
        type_note = notes.get("type")
        out: list[ErrorDict] = []
        if type_note:
            out.append(error_descriptor(ferrors.TypeError, note=type_note, **common))
        for name, note in notes.items():
            if name != "type":
                out.append(error_descriptor(ferrors.ConstraintError, note=note, **common))
        return out

    def access(index: int) -> None:
        if not full and index not in processed:
            processed.add(index)
            errors.extend(cell_errors(index))

    def process() -> None:
        nonlocal errors, full
        if full:
            return
        for index in range(len(columns)):
            if index not in processed:
                processed.add(index)
                errors.extend(cell_errors(index))
        for field_number, cell in issue.extra:
            errors.append(error_descriptor(ferrors.ExtraCellError, note="", cell=cell, rowNumber=number,
                                 fieldName="", fieldNumber=field_number))
        for index in issue.missing_fields:
            errors.append(error_descriptor(ferrors.MissingCellError, note="", cell="", rowNumber=number,
                                 fieldName=columns[index].name, fieldNumber=index + 1))
        if issue.blank:
            errors = [error_descriptor(ferrors.BlankRowError, note="", rowNumber=number)]
        full = True

    if spec.unique:
        for index in spec.unique:
            access(index)
            previous = issue.unique.get(index)
            if previous:
                process()
                note = f"the same as in the row at position {previous}"
                errors.append(error_descriptor(ferrors.UniqueError, note=note, cell="", rowNumber=number,
                                     fieldName=columns[index].name, fieldNumber=index + 1))
    if spec.primary_key:
        for index in spec.primary_key:
            access(index)
        if issue.pk == 0:
            process()
            note = 'cells composing the primary keys are all "None"'
            errors.append(error_descriptor(ferrors.PrimaryKeyError, note=note, rowNumber=number))
        elif issue.pk:
            process()
            note = f"the same as in the row at position {issue.pk}"
            errors.append(error_descriptor(ferrors.PrimaryKeyError, note=note, rowNumber=number))
    for ref in spec.foreign_keys:
        indices = [names.index(n) for n in ref.target]
        for index in indices:
            access(index)
        display = issue.fk.get(ref.index)
        if display is not None:
            process()
            note = (f'for "{", ".join(ref.target)}": values "{display}" not found in the lookup '
                    f'table "{ref.label}" as "{", ".join(ref.source_key)}"')
            error = error_descriptor(ferrors.ForeignKeyError, note=note, rowNumber=number)
            error["fieldNames"] = list(ref.target)
            errors.append(error)
    process()
    return errors


def encoding_summary(cells: int, sequences: int) -> ErrorDict:
    """One closing ``encoding-error`` without a row (where frictionless reports its one): how
    many cells hold invalid UTF-8 (and how many invalid sequences), each reported once above."""
    note = (f"{cells} cell{'s' * (cells != 1)} with invalid UTF-8 ({sequences} invalid byte "
            f"sequence{'s' * (sequences != 1)}), each reported once: is the file UTF-8 as declared?")
    return error_descriptor(ferrors.EncodingError, note=note)

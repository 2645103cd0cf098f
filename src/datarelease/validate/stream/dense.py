"""Error-dense columns: once a column has had the first ``per_kind`` type errors that a report
lists, the cells that certainly fail their type are counted column-wise instead of read one by
one (an integer column with ``groupChar``, which frictionless ignores for integers, numbers
written with a decimal comma nobody declared, dates written ``31.12.2020`` in the default format:
a million type errors, a million reads).

frictionless's cell reader checks a cell's type first and, when the cast fails, notes only the
type (``type is "integer/default"``): the constraints are not checked. A present cell that
certainly fails the cast is therefore exactly one ``type-error`` of its field in a row that is
not blank. Rows are read in order, so once ``per_kind`` type errors of a field have been seen
(in earlier batches), every later one is beyond the findings a report lists: it is counted, and
its row is not kept for it (any other finding of that row, in another field or a key, is kept as
before; a row's findings are listed whole, so only the listing of this one changes, and the
report lists the first ``per_kind`` of each type and field).

A cell certainly fails the cast when it holds an ASCII character the cast never accepts:

* ``integer`` (``bareNumber`` true): ``int(cell.strip())`` accepts digits, a sign, underscores
  between digits and whitespace only;
* ``number`` (``bareNumber`` true): ``Decimal`` (or ``float``) of the cell with its
  ``groupChar`` removed and its ``decimalChar`` made a point accepts digits, a sign, a point,
  an exponent (``e``/``E``), underscores, whitespace and the letters of ``Infinity``, ``Inf``,
  ``NaN`` and ``sNaN``; a character of the ``groupChar`` or ``decimalChar`` is never counted as
  certain;
* ``date`` in the default format: ``strptime(cell, "%Y-%m-%d")`` matches digits, the two ``-``
  and a space (``%d`` may be written `` 5``) only: ``31.12.2020`` certainly fails.

Such a cell casts to nothing, so it is no key either: a ``unique`` or key column's hashes skip
it without the reader too (:meth:`~.cells.Column.key_hashes`). Every other cell (and every cell
of other types) is read by the reader, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import frictionless.errors as ferrors
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datarelease.validate.arrays import bools, to_bools
from datarelease.validate.stream.common import I64, Mask

_PRINTABLE = {chr(c) for c in range(0x21, 0x7F)}
_INTEGER_OK = set("0123456789+-_")
_NUMBER_OK = _INTEGER_OK | set(".eE") | set("InfinityNaNs") | set("INFINITYnAS")
_DATE_OK = set("0123456789-")


def never_cast(f: Any) -> str | None:
    """An RE2 pattern of cells the field's type reader certainly refuses (a character it never
    accepts), or None where none is known."""
    kind = str(f.type)
    if not getattr(f, "bare_number", True):
        return None
    if kind == "integer":
        refused = _PRINTABLE - _INTEGER_OK
    elif kind == "number":
        marks = set(str(getattr(f, "decimal_char", ".") or "")) | set(str(getattr(f, "group_char", "") or ""))
        refused = _PRINTABLE - _NUMBER_OK - marks
    elif kind == "date" and str(f.format or "default") == "default":
        refused = _PRINTABLE - _DATE_OK
    else:
        return None
    return "[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in sorted(refused)) + "]"


class DenseColumns:
    """Counts each column's type errors in row order; once a column has had ``per_kind`` of them,
    takes its later cells that certainly fail their type out of the reading, counted."""

    def __init__(self, fields: list[Any], per_kind: int, wanted: bool) -> None:
        """``wanted``: whether the report's scope takes ``type-error`` (else they are not counted)."""
        self.per_kind = per_kind
        self.wanted = wanted
        self.patterns = [never_cast(f) for f in fields]
        self.names = [str(f.name) for f in fields]
        self.seen = [0] * len(fields)
        """Per column: type errors seen so far, all of them in rows before those in hand."""

    def noted(self, index: int, notes: dict[str, str]) -> None:
        """A cell of the column has these notes (from the reader)."""
        if "type" in notes:
            self.seen[index] += 1

    def skip(self, index: int, flagged: I64, cells: pa.Array, missing: Mask,
             dropped: Counter[tuple[str, str | None]]) -> tuple[I64, pa.Array]:
        """The suspect cells of a batch's column (their positions, in row order, and the cells)
        still to read: the present ones (``missing``: of the batch) certainly failing their type
        that come after the column's first ``per_kind`` type errors are counted instead."""
        pattern = self.patterns[index]
        if pattern is None or not len(cells):
            return flagged, cells
        certain = to_bools(pc.match_substring_regex(cells, pattern)) & ~missing[flagged]
        need = self.per_kind - self.seen[index]
        if need > 0:  # the first `need` certain ones are read (they may be among the first listed)
            certain &= np.cumsum(certain) > need
        count = int(np.count_nonzero(certain))
        if not count:
            return flagged, cells
        self.seen[index] += count
        if self.wanted:
            dropped[(ferrors.TypeError.type, self.names[index])] += count
        keep = ~certain
        return flagged[keep], cells.filter(bools(keep))

"""Key texts of plain cells, column-wise: the text :func:`~.cells.canonical` gives the value
frictionless's reader casts the cell to, without calling the reader.

Keys (``unique``, primary and foreign keys) are compared by hashes of a canonical text and a
domain per cast value (:func:`~.cells.canonical`). For a cell that passed its column's check
(the plain form the reader certainly accepts, see :mod:`.cells`) that text is known from the
cell alone:

* an integer: ``int(cell)`` written back (no sign for zero, no leading zeros) — pyarrow's cast;
* a year: the same, of its four digits;
* a date (``YYYY-MM-DD``, the default format): the cell itself, which is ``date.isoformat()``;
* a number (read as ``Decimal``) of at most 28 characters: its ``groupChar`` removed, its
  ``decimalChar`` made a point, leading zeros and a fraction's trailing zeros dropped, and no
  sign on zero — ``str(int(value))`` of an integral value, else ``format(value.normalize(), "f")``
  (exact: ``normalize`` rounds to 28 digits, which such a cell never has);
* a datetime in the plain ISO 8601 form: the microseconds since 1970 of the instant it names,
  naive (domain 4) or, with ``Z`` or an offset, in UTC (domain 5) — pyarrow casts that form to
  the same microseconds as dateutil's reader (tested with Hypothesis).

Every other cell (a suspect, or a type not listed) is read by the reader, as before.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datarelease.validate.arrays import bools, ints, string_scalar, to_bools, to_ints
from datarelease.validate.stream.common import Mask

PLAIN_KEY_TYPES = ("integer", "year", "date", "datetime", "number")
_ZONE = "(?:Z|[+-][0-9]{2}:[0-9]{2})$"
_PLACEHOLDERS = {"integer": "0", "year": "2000", "date": "2000-01-01", "datetime": "2000-01-01T00:00:00",
                 "number": "0"}
NUMBER_CHARS = 28
"""The longest number cell hashed here (longer ones are read: ``Decimal.normalize`` rounds)."""
_NUMBER_STEPS = (("(\\.[0-9]*?)0+$", "\\1"), ("\\.$", ""), ("^(-?)0+([0-9])", "\\1\\2"), ("^-0$", "0"))


def plain_key_texts(kind: str, column: pa.Array, plain: Mask,
                    number_chars: tuple[str, str] = (".", "")) -> tuple[pa.Array, np.ndarray]:
    """Canonical texts and domains of the ``plain`` cells of a column of type ``kind`` (one of
    :data:`PLAIN_KEY_TYPES`; a number's (decimalChar, groupChar) in ``number_chars``); the other
    places hold a placeholder's, to be overwritten."""
    n = len(column)
    everywhere = bool(plain.all())
    cells = column if everywhere else pc.if_else(bools(plain), column, string_scalar(_PLACEHOLDERS[kind]))
    if kind == "number":
        decimal, group = number_chars
        if group:
            cells = pc.replace_substring(cells, group, "")
        if decimal != ".":
            cells = pc.replace_substring(cells, decimal, ".")
        for pattern, replacement in _NUMBER_STEPS:
            cells = pc.replace_substring_regex(cells, pattern, replacement)
        return cells, np.full(n, 2, dtype=np.uint8)
    if kind == "date":
        return cells, np.full(n, 3, dtype=np.uint8)
    if kind in ("integer", "year"):
        return pc.cast(pc.cast(cells, pa.int64()), pa.string()), np.full(n, 2, dtype=np.uint8)
    zoned = to_bools(pc.match_substring_regex(cells, _ZONE))
    micros = np.zeros(n, dtype=np.int64)
    for aware, arrow_type in ((False, pa.timestamp("us")), (True, pa.timestamp("us", "UTC"))):
        where = zoned if aware else ~zoned
        if where.any():
            part = cells.filter(bools(where)) if not where.all() else cells
            micros[where] = to_ints(pc.cast(pc.cast(part, arrow_type), pa.int64()))
    texts = pc.cast(ints(micros), pa.string())
    return texts, np.where(zoned, 5, 4).astype(np.uint8)

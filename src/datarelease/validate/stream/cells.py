"""Cell checks: vectorised checks per column that sort cells into certainly fine and suspect;
suspects go through frictionless's own cell readers, which write the notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datarelease.validate.arrays import bools, ints, string_scalar, strings, to_bools, to_ints
from datarelease.validate.patterns import re2_fine_pattern
from datarelease.validate.stream.bounds import BOUND_NAMES, BOUNDED_TYPES, Bounds
from datarelease.validate.stream.canon import NUMBER_CHARS, PLAIN_KEY_TYPES, plain_key_texts
from datarelease.validate.stream.common import I64, Mask
from datarelease.validate.stream.dense import never_cast
from datarelease.validate.stream.keys import NAN, Hashed, hash_texts
from datarelease.validate.stream.parse import missing_values
from datarelease.validate.stream.strptime import iso_rewrite

_MEMO_LIMIT = 200_000


# Cells that frictionless's readers certainly accept (subsets of what they accept, in RE2 syntax):
# a cell these match needs no reader; any other goes to the reader, which writes the note.
_DATE = ("(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-"  # year 0 is not a date
         "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|"
         "(?:0[13578]|1[02])-31)")  # 29 February goes to the reader (leap years)
_CLOCK = ("(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?"
          "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?")
_JSON_WS = "[ \\t\\n\\r]*"
_JSON_TEXT = '"[^"\\\\\\x00-\\x1f]*"'
_JSON_ONE = f"(?:-?(?:0|[1-9][0-9]{{0,17}})(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|{_JSON_TEXT}|true|false|null)"
_JSON_SEP = f"{_JSON_WS},{_JSON_WS}"
_JSON_PAIR = f"{_JSON_TEXT}{_JSON_WS}:{_JSON_WS}{_JSON_ONE}"
_FINE = {
    # datetime: frictionless asks for cell[16] == ":" and 19 characters, then dateutil's isoparse
    "datetime": f"^{_DATE}T{_CLOCK}$",
    # time: cell[5] == ":" and 8 characters, then isoparse("2000-01-01T" + cell)
    "time": f"^{_CLOCK}$",
    # date: strptime(cell, "%Y-%m-%d"), which reads every such date of years 1 to 9999
    "date": f"^{_DATE}$",
    # year: four characters that int() reads as 0 to 9999
    "year": "^[0-9]{4}$",
    # geopoint: "lon,lat", each stripped and read by Decimal, then |lon| <= 180 and |lat| <= 90
    "geopoint": "^-?(?:180(?:\\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\\.[0-9]+)?), ?"
                "-?(?:90(?:\\.0+)?|[1-8]?[0-9](?:\\.[0-9]+)?)$",
    # array (without arrayItem): json.loads gives a list; here a flat list of plain JSON scalars
    # (integers of at most 18 digits: Python refuses to read an int of more than 4,300)
    "array": f"^\\[{_JSON_WS}(?:{_JSON_ONE}(?:{_JSON_SEP}{_JSON_ONE})*)?{_JSON_WS}\\]$",
    # object: json.loads gives a dict; here a flat object of plain keys and JSON scalars
    "object": f"^\\{{{_JSON_WS}(?:{_JSON_PAIR}(?:{_JSON_SEP}{_JSON_PAIR})*)?{_JSON_WS}\\}}$",
}
# email: validators.email, for lower-case ASCII dot-atoms and domains of labels of at most 63
# characters with a letter last (the local part's length, at most 64, and the domain's, at most
# 253, are checked apart)
_EMAIL = ("^[a-z0-9_+-]+(?:\\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
          "[a-z0-9][a-z0-9-]{0,61}[a-z]$")
_URI = "^[a-zA-Z][a-zA-Z0-9+.-]*:"
# uuid: validators.uuid, i.e. uuid.UUID(cell), which reads every such cell (8-4-4-4-12 hex digits)
_UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_TEXT_FORMATS = {"default": "", "uri": _URI, "uuid": _UUID}
"""String formats whose cast value is the cell itself, with the regex of cells they certainly pass."""
_INTEGER = "^-?[0-9]{1,18}$"
_ZERO = string_scalar("0")
_NO_CHARS = ints([0])[0]


@dataclass
class CellOutcome:
    """What the checks found in one column of a batch."""

    missing: Mask
    suspect: Mask


class Column:
    """One field: vectorised checks that find the cells frictionless could object to, and
    frictionless's own cell reader for those."""

    def __init__(self, index: int, f: Any) -> None:
        self.index = index
        self.field = f
        self.name = str(f.name)
        self.type = str(f.type)
        self.format = str(f.format or "default")
        self.constraints: dict[str, Any] = dict(f.constraints or {})
        self.missing = missing_values(f)
        self.missing_array = strings(self.missing) if self.missing else None
        self.reader = f.create_cell_reader()
        self.never = never_cast(f)
        """Cells the reader certainly refuses to cast (:mod:`~datarelease.validate.stream.dense`)."""
        self.memo: dict[str | None, tuple[Any, dict[str, str] | None]] = {}
        self.judged: pa.Array | None = strings([])
        self.noted: pa.Array = strings([])
        self.rewrite: tuple[str, str] | None = None
        """A strptime format's cells as ISO 8601 (see :mod:`~datarelease.validate.stream.strptime`)."""
        self.kind = self._kind()
        self.pattern: str | None = None
        self.enum: pa.Array | None = None
        self.bounds: dict[str, int] = {}
        self.range: Bounds | None = None
        self._prepare()

    # which vectorised path the column takes
    def _kind(self) -> str:
        if self.type == "string" and self.format in _TEXT_FORMATS:
            return "string"
        self.fine = self._fine_regex()
        if self.fine is not None:
            return "fine"
        if self.type == "any":
            return "any"
        if self.type == "integer" and self.field.bare_number:
            return "integer"
        if (self.type == "list" and getattr(self.field, "item_type", "string") == "string"
                and not {"minLength", "maxLength"} & set(self.constraints)):
            return "list"
        return "memo"

    def _fine_regex(self) -> str | None:
        """A regex of cells the field's reader certainly accepts, when its only constraints are
        ``required`` and ``unique`` (both checked apart) or, for dates, datetimes, times, years
        and numbers, bounds (see :mod:`~datarelease.validate.stream.bounds`): dates and times in
        ISO 8601 (or in a strptime format rewritten to it: ``self.rewrite``), years, numbers."""
        allowed = {"required", "unique"}
        if self.type in ("date", "datetime", "time") and self.format not in ("default", "any"):
            self.rewrite = iso_rewrite(self.format, self.type)
        plain_format = self.format == "default" or self.rewrite is not None
        if self.type in BOUNDED_TYPES and plain_format and getattr(self.field, "bare_number", True):
            allowed.update(BOUND_NAMES)
        if set(self.constraints) - allowed:
            return None
        if self.type in _FINE and plain_format and not getattr(self.field, "array_item", None):
            return _FINE[self.type]
        if self.type == "string" and self.format == "email":
            return _EMAIL
        if self.type in ("integer", "number") and not self.field.bare_number:
            return _text_around_number(self.field)
        if self.type == "number":
            return _number_regex(self.field)
        return None

    def _prepare(self) -> None:
        c = self.constraints
        if self.kind == "string":
            if c.get("pattern") is not None:
                self.pattern = re2_fine_pattern(str(c["pattern"]))
                if self.pattern is None:
                    self.kind = "memo"
                    return
            if c.get("enum") is not None:
                value_reader = self.field.create_value_reader()
                allowed = [value_reader(v) for v in c["enum"]]
                self.enum = strings([v for v in allowed if isinstance(v, str)])
            for name in ("minLength", "maxLength"):
                if c.get(name) is not None:
                    if not isinstance(c[name], int) or isinstance(c[name], bool):
                        self.kind = "memo"
                        return
                    self.bounds[name] = c[name]
        elif self.kind == "any":
            if c.get("enum") is not None:
                self.enum = strings([v for v in c["enum"] if isinstance(v, str)])
        elif self.kind == "fine" and set(c) & set(BOUND_NAMES):
            self.range = Bounds.of(self.field, c)
            if self.range is None:
                self.kind = "memo"
        elif self.kind == "integer":
            value_reader = self.field.create_value_reader()
            for name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                if c.get(name) is not None:
                    bound = value_reader(c[name])
                    if not _int64(bound):
                        self.kind = "memo"
                        return
                    self.bounds[name] = bound
            if c.get("enum") is not None:
                allowed = [value_reader(v) for v in c["enum"]]
                if not all(_int64(v) for v in allowed):
                    self.kind = "memo"
                    return
                self.enum = ints(allowed)

    def _noted(self, column: pa.Array) -> Mask:
        """Cells frictionless's reader has a note about, judging each distinct value once."""
        encoded = pc.dictionary_encode(column)
        dictionary = encoded.dictionary
        fresh = dictionary
        if self.judged is not None and len(self.judged):
            fresh = dictionary.filter(pc.invert(pc.is_in(dictionary, value_set=self.judged)))
        noted = [cell for cell in fresh.to_pylist() if self.read(cell)[1] is not None]
        if noted:
            self.noted = pa.concat_arrays([self.noted, strings(noted)])
        if len(fresh):
            judged = fresh if self.judged is None else pa.concat_arrays([self.judged, fresh])
            self.judged = judged if len(judged) <= _MEMO_LIMIT else None
            if self.judged is None:
                self.noted = strings([])  # start over: judge again batch by batch
                noted_here = np.fromiter((self.read(cell)[1] is not None for cell in dictionary.to_pylist()),
                                         dtype=bool, count=len(dictionary))
                return noted_here[to_ints(encoded.indices)]
        if not len(self.noted):
            return np.zeros(len(column), dtype=bool)
        flags = to_bools(pc.is_in(dictionary, value_set=self.noted))
        return flags[to_ints(encoded.indices)]

    def read(self, cell: str | None) -> tuple[Any, dict[str, str] | None]:
        """frictionless's verdict on one cell (memoised)."""
        known = self.memo.get(cell)
        if known is None:
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            target, notes = self.reader(cell)
            known = (target, dict(notes) if notes else None)
            self.memo[cell] = known
        return known

    def check(self, column: pa.ChunkedArray | pa.Array) -> CellOutcome:
        """Missing cells and suspect cells (those that may carry a note) of a column."""
        n = len(column)
        lengths = _byte_lengths(column)
        if self.missing == [""]:
            missing = lengths == 0
        elif self.missing_array is not None:
            missing = to_bools(pc.is_in(column, value_set=self.missing_array))
        else:
            missing = np.zeros(n, dtype=bool)
        required = bool(self.constraints.get("required"))
        suspect = missing.copy() if required else np.zeros(n, dtype=bool)
        present = ~missing
        if self.kind == "memo":
            suspect |= present & self._noted(one_chunk(column))
            return CellOutcome(missing, suspect)
        bad: Mask | None = None
        if self.kind == "string":
            if self.format != "default":
                bad = _or(bad, pc.invert(pc.match_substring_regex(column, _TEXT_FORMATS[self.format])))
            if self.pattern is not None:
                ok = pc.and_(pc.match_substring_regex(column, self.pattern),
                             pc.invert(pc.ends_with(column, "\n")))
                bad = _or(bad, pc.invert(ok))
            if self.bounds:
                bad = _or(bad, self._outside_lengths(column, lengths))
            if self.enum is not None:
                bad = _or(bad, pc.invert(pc.is_in(column, value_set=self.enum)))
        elif self.kind == "any":
            if self.enum is not None:
                bad = _or(bad, pc.invert(pc.is_in(column, value_set=self.enum)))
        elif self.kind == "fine":
            assert self.fine is not None
            if self.rewrite is not None:
                bad = _or(bad, pc.invert(pc.match_substring_regex(column, self.rewrite[0])))
                column = self.iso(column)
            bad = _or(bad, pc.invert(pc.match_substring_regex(column, self.fine)))
            if self.fine == _EMAIL:  # ASCII only: bytes are characters
                at = to_ints(pc.find_substring(column, "@"))
                bad |= (at > 64) | (lengths - at - 1 > 253)
            if self.range is not None:
                bad |= self.range.outside(one_chunk(column), ~bad)
        elif self.kind == "integer":
            plain = pc.match_substring_regex(column, _INTEGER)
            bad = _or(bad, pc.invert(plain))
            if self.bounds or self.enum is not None:
                values = pc.cast(pc.if_else(plain, column, _ZERO), pa.int64())
                for name, op in (("minimum", pc.less), ("maximum", pc.greater),
                                 ("exclusiveMinimum", pc.less_equal),
                                 ("exclusiveMaximum", pc.greater_equal)):
                    if name in self.bounds:
                        bad = _or(bad, op(values, ints([self.bounds[name]])[0]))
                if self.enum is not None:
                    bad = _or(bad, pc.invert(pc.is_in(values, value_set=self.enum)))
        if bad is not None:
            suspect |= present & bad
        return CellOutcome(missing, suspect)

    @property
    def number_chars(self) -> tuple[str, str]:
        """(decimalChar, groupChar) as the number reader applies them (none unless declared)."""
        f = self.field
        if self.type != "number" or not (f.has_defined("decimal_char") or f.has_defined("group_char")):
            return ".", ""
        return str(f.decimal_char), str(f.group_char)

    def iso(self, column: pa.Array | pa.ChunkedArray) -> Any:
        """The column with its cells in the field's strptime format written in ISO 8601 (the
        others as they are: the check has made them suspects)."""
        if self.rewrite is None:
            return column
        pattern, replacement = self.rewrite
        return pc.replace_substring_regex(column, pattern, replacement)

    def _outside_lengths(self, column: pa.Array | pa.ChunkedArray, lengths: I64) -> Mask:
        """Cells whose length may break ``minLength``/``maxLength``. A character takes one to four
        bytes in UTF-8, so byte lengths settle most cells; the rest are counted in code points,
        which is what Python's ``len`` counts."""
        low, high = self.bounds.get("minLength", 0), self.bounds.get("maxLength")
        unsure = lengths < 4 * low
        if high is not None:
            unsure |= lengths > high
        if not unsure.any():
            return unsure
        # only the unsure cells are counted (a batch's column is not copied into one chunk)
        # (as int64, the fill value's type: a fill of another type is converted by pa.scalar,
        # which imports pandas)
        counted = pc.cast(pc.utf8_length(column.filter(bools(unsure))), pa.int64())
        chars = to_ints(pc.fill_null(counted, _NO_CHARS))
        outside = (chars < low) if high is None else (chars < low) | (chars > high)
        result = np.zeros(len(lengths), dtype=bool)
        result[np.flatnonzero(unsure)[outside]] = True
        return result

    @property
    def vectorised(self) -> bool:
        """Whether :meth:`check` runs no cell reader (then it may run on any thread: a reader's
        pattern check keeps its time limit only in the main thread, see
        :mod:`~datarelease.validate.patterns`)."""
        return self.kind != "memo"

    def hashes_without_reader(self, outcome: CellOutcome) -> bool:
        """Whether :meth:`key_hashes` runs no cell reader for a batch with this outcome: a text
        or plain-integer column where every present cell passed the vectorised check."""
        return (self.text or self.plain_keys) and not bool((outcome.suspect & ~outcome.missing).any())

    @property
    def plain_keys(self) -> bool:
        """Whether the key texts of the cells passed by :meth:`check` are known without the
        reader (:mod:`~datarelease.validate.stream.canon`)."""
        if self.type == "number":
            return self.kind == "fine" and self.field.bare_number and not self.field.float_number
        if self.type == "integer":
            return self.kind == "integer"
        return self.kind == "fine" and self.type in PLAIN_KEY_TYPES

    @property
    def text(self) -> bool:
        """Whether the cast value is the cell's text itself (emails included)."""
        if self.kind == "fine":
            return self.fine == _EMAIL
        return self.kind in ("string", "any") and self.type in ("string", "any")

    def text_nulls(self, column: pa.Array, outcome: CellOutcome) -> Mask:
        """Where a text column's cast value is None: a missing cell, or one that does not cast
        (a uri without a scheme)."""
        null = outcome.missing.copy()
        for i in np.flatnonzero(outcome.suspect & ~outcome.missing).tolist():
            target, notes = self.read(column[i].as_py())
            if (notes and "type" in notes) or target is None:
                null[i] = True
        return null

    def key_hashes(self, column: pa.Array, outcome: CellOutcome) -> Hashed:
        """Hashes of the cast values (None where the cell is missing or does not cast)."""
        column = one_chunk(column)
        n = len(column)
        null = outcome.missing.copy()
        if self.text:
            null = self.text_nulls(column, outcome)
            h1, h2 = hash_texts(column, np.full(n, 1, dtype=np.uint8))
            return Hashed(h1, h2, null, np.zeros(n, dtype=bool))
        if self.plain_keys:
            # check() makes every present cell outside the plain form a suspect: the others are
            # plain (no second regex pass); a plain suspect (out of bounds) is read as well
            plain = ~outcome.suspect & ~outcome.missing
            if self.type == "number":
                plain &= _byte_lengths(column) <= NUMBER_CHARS
            canon, domain = plain_key_texts(self.type, self.iso(column), plain, self.number_chars)
            canon_list: list[Any] = canon.to_pylist() if not plain.all() else []
            if canon_list:
                unread = ~plain & ~outcome.missing
                if self.never is not None and unread.any():  # no cast: no key (an error-dense column)
                    never = unread & to_bools(pc.match_substring_regex(column, self.never))
                    unread &= ~never
                    null |= never
                    domain[never] = 0  # canonical(None)
                    for i in np.flatnonzero(never).tolist():
                        canon_list[i] = None
                for i in np.flatnonzero(unread).tolist():
                    target, _notes = self.read(column[i].as_py())
                    text, dom = canonical(target)
                    canon_list[i] = text
                    domain[i] = dom
                    if target is None:
                        null[i] = True
                canon = strings(canon_list)
            h1, h2 = hash_texts(canon, domain)
            return Hashed(h1, h2, null, domain == NAN)
        # every other type: frictionless's cast value, per distinct cell
        encoded = pc.dictionary_encode(column)
        dictionary = encoded.dictionary.to_pylist()
        indices = to_ints(encoded.indices)
        texts_d: list[str | None] = []
        domains_d = np.zeros(len(dictionary), dtype=np.uint8)
        null_d = np.zeros(len(dictionary), dtype=bool)
        for j, cell in enumerate(dictionary):
            target, _notes = self.read(cell)
            text, dom = canonical(target)
            texts_d.append(text)
            domains_d[j] = dom
            null_d[j] = target is None
        d1, d2 = hash_texts(strings(texts_d), domains_d)
        return Hashed(d1[indices], d2[indices], null | null_d[indices], domains_d[indices] == NAN)

    def display(self, cell: str | None) -> str:
        """``str`` of the cast value, as frictionless writes it in a foreign-key note."""
        target, _notes = self.read(cell)
        return str(target)


def _number_regex(f: Any, bare: bool = True) -> str | None:
    """Numbers frictionless's reader certainly accepts: digits, a sign, ``groupChar`` between
    digits and one ``decimalChar`` (``bareNumber: false`` strips text around: see
    :func:`_text_around_number`, which passes ``bare=False``)."""
    if bare and not f.bare_number:
        return None
    decimal, group = str(f.decimal_char), str(f.group_char)
    chars = decimal + group
    if len(decimal) != 1 or len(group) > 1 or decimal == group or any(c.isdigit() or c in "-" for c in chars):
        return None
    if not {"decimal_char", "group_char", "bare_number"} & set(f.list_defined()):
        decimal, group = ".", ""  # no processing: Decimal() reads the cell as it is
    groups = f"(?:{_literal(group)}[0-9]+)*" if group else ""
    return f"^-?[0-9]+{groups}(?:{_literal(decimal)}[0-9]+)?$"


# Text frictionless strips around a number when ``bareNumber`` is false (its regex strips any
# run before the first "-" or Unicode digit and any run of non-digits at the end): a few
# characters that are certainly neither
_AROUND = "[A-Za-z %$\\x{20AC}\\x{A3}\\x{A5}]*"


def _text_around_number(f: Any) -> str | None:
    """Numbers and integers with ``bareNumber: false`` that the reader certainly accepts: a
    plain number (as :func:`_number_regex`; an integer of at most 18 digits) between runs of
    letters, spaces and currency or percent signs (``EUR 12,50``, ``12.5 %``)."""
    if f.type == "integer":
        return f"^{_AROUND}-?[0-9]{{1,18}}{_AROUND}$"
    plain = _number_regex(f, bare=False)
    if plain is None:
        return None
    return f"^{_AROUND}{plain[1:-1]}{_AROUND}$"


def _literal(char: str) -> str:
    """One character as an RE2 literal."""
    return char if char.isascii() and char.isalnum() else f"\\x{{{ord(char):X}}}"


def one_chunk(column: Any) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    return column


def _int64(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _or(left: Mask | None, right: Any) -> Mask:
    """Either mask (the right one numpy or pyarrow booleans), as numpy."""
    mask: Mask = right if isinstance(right, np.ndarray) else to_bools(right)
    return mask if left is None else left | mask


def _byte_lengths(column: pa.Array | pa.ChunkedArray) -> I64:
    """The UTF-8 length in bytes of every string (from the offsets, without touching the text)."""
    if isinstance(column, pa.ChunkedArray):
        if column.num_chunks == 1:
            return _byte_lengths(column.chunk(0))
        return np.concatenate([_byte_lengths(chunk) for chunk in column.chunks] or [np.zeros(0, np.int64)])
    if column.type == pa.string():
        offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)
    else:
        offsets = np.frombuffer(column.buffers()[1], dtype=np.int64)
    offsets = offsets[column.offset:column.offset + len(column) + 1]
    return np.diff(offsets).astype(np.int64)


_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_UTC = _EPOCH.replace(tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def canonical(value: Any) -> tuple[str | None, int]:
    """Text and domain such that two cast values are equal in Python exactly when both are."""
    if value is None:
        return None, 0
    if isinstance(value, str):
        return value, 1
    if isinstance(value, bool):
        return ("1" if value else "0"), 2
    if isinstance(value, int):
        return str(value), 2
    if isinstance(value, float):
        if value != value:
            return "nan", NAN
        value = Decimal(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan", NAN
        if value.is_infinite():
            return ("inf" if value > 0 else "-inf"), 2
        if value == value.to_integral_value():
            return str(int(value)), 2
        return format(value.normalize(), "f"), 2
    if isinstance(value, dt.datetime):  # microseconds since 1970 (UTC if aware), as canon.py writes
        if value.tzinfo is not None and value.utcoffset() is not None:
            return str((value - _EPOCH_UTC) // _MICROSECOND), 5
        return str((value.replace(tzinfo=None) - _EPOCH) // _MICROSECOND), 4
    if isinstance(value, dt.date):
        return value.isoformat(), 3
    if isinstance(value, dt.time):
        offset = value.utcoffset()
        if offset is not None:
            # Python compares aware times by their minutes less the offset (not wrapped at
            # midnight): 10:00+01:00 == 09:00Z; an aware time never equals a naive one
            minutes = value.hour * 60 + value.minute - offset // dt.timedelta(minutes=1)
            return f"{minutes}:{value.second}:{value.microsecond}", 7
        return value.isoformat(), 6
    return repr(value), 8

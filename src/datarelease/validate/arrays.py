"""Arrow arrays built from their buffers, so that pyarrow does not import pandas.

``pa.array`` and ``pa.scalar`` (and a compute function handed a list, a numpy array or a Python
scalar, which it converts with them) first ask pyarrow's pandas shim whether the value is a pandas
object, and the shim's first question imports pandas: 0.15–0.3 s of CPU at every start, for a
library the engine never uses. The helpers here build the same arrays from numpy buffers, which
never ask; a value they cannot build that way (a string that is not valid Unicode, text over the
32-bit offsets of ``pa.string()``) goes to ``pa.array`` as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

_MAX_STRING_BYTES = 2**31 - 1
"""The largest offset of a ``pa.string()`` array."""


def strings(values: Sequence[str | None]) -> pa.Array:
    """A ``pa.string()`` array of ``values`` (``None`` is null), as ``pa.array(values, pa.string())``."""
    try:
        encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    except UnicodeEncodeError:  # a lone surrogate: let pyarrow raise what it raises
        return pa.array(values, pa.string())
    n = len(encoded)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=n), out=offsets[1:])
    if offsets[-1] > _MAX_STRING_BYTES:
        return pa.array(values, pa.string())
    valid = np.fromiter((v is not None for v in values), dtype=bool, count=n)
    validity = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(pa.string(), n, [validity, pa.py_buffer(offsets.astype(np.int32)),
                                                  pa.py_buffer(b"".join(encoded))])


def string_scalar(value: str) -> pa.Scalar:
    """``pa.scalar(value, pa.string())``."""
    return strings([value])[0]


def bools(mask: npt.ArrayLike) -> pa.Array:
    """A ``pa.bool_()`` array of a boolean mask (numpy array or list), without nulls."""
    flags = np.asarray(mask, dtype=bool)
    return pa.Array.from_buffers(pa.bool_(), len(flags),
                                 [None, pa.py_buffer(np.packbits(flags, bitorder="little"))])


def ints(values: npt.ArrayLike) -> pa.Array:
    """A ``pa.int64()`` array of integers (numpy array or list), without nulls."""
    numbers = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(numbers), [None, pa.py_buffer(numbers)])


def bool_scalar(value: bool) -> pa.Scalar:
    """``pa.scalar(value)`` for a bool."""
    return bools([value])[0]


def _chunks(values: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return list(values.chunks) if isinstance(values, pa.ChunkedArray) else [values]


def _bits(buffer: pa.Buffer, offset: int, length: int) -> npt.NDArray[np.bool_]:
    raw = np.frombuffer(buffer, dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little", count=offset + length)[offset:].astype(bool)


def to_bools(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.bool_]:
    """``np.asarray(values, dtype=bool)`` of a boolean array (a null is False), read from its
    bits: pyarrow's own conversion to numpy imports pandas."""
    if not pa.types.is_boolean(values.type):
        return np.asarray(values, dtype=bool)
    parts = [np.zeros(0, dtype=bool)]
    for chunk in _chunks(values):
        if not len(chunk):
            continue
        validity, data = chunk.buffers()
        flags = _bits(data, chunk.offset, len(chunk))
        if validity is not None and chunk.null_count:
            flags &= _bits(validity, chunk.offset, len(chunk))
        parts.append(flags)
    return np.concatenate(parts)


def to_ints(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.int64]:
    """``np.asarray(values, dtype=np.int64)`` of an integer array without nulls, read from its
    buffer (anything else is converted by pyarrow, as before)."""
    if values.null_count or not pa.types.is_integer(values.type):
        return np.asarray(values, dtype=np.int64)
    kind = "int" if pa.types.is_signed_integer(values.type) else "uint"
    dtype = np.dtype(f"{kind}{values.type.bit_width}")
    parts = [np.zeros(0, dtype=np.int64)]
    for chunk in _chunks(values):
        if len(chunk):
            raw = np.frombuffer(chunk.buffers()[1], dtype=dtype, count=chunk.offset + len(chunk))
            parts.append(raw[chunk.offset:].astype(np.int64))
    return np.concatenate(parts)

"""Tables in a single-byte encoding (Latin-1, Windows-1252, the other ISO 8859 and Windows code
pages, ...) read as UTF-8: each run of records transcoded on the fly, exactly as frictionless's
text stream decodes it.

frictionless reads a table through ``io.TextIOWrapper(bytes, encoding)`` and Python's ``csv``
module. For an encoding of one character per byte whose first 128 bytes are ASCII (a "charmap"
codec), decoding is stateless and byte by byte, so:

* the quote, the delimiter, CR and LF are the same bytes as in UTF-8: the reader cuts the
  file at record boundaries, counts and hashes its ORIGINAL bytes, as for UTF-8;
* a run of whole records decoded on its own gives the text frictionless decodes there; written
  back as UTF-8 it is parsed (by pyarrow, or Python's ``csv``) into the same cells;
* a run of ASCII bytes (most of them) needs no transcoding at all.

A byte the code page leaves undefined (Windows-1252's 0x81, 0x8D, 0x8F, 0x90, 0x9D, ...) makes
frictionless stop the table with one ``encoding-error`` wherever its text buffer happens to be:
the engine does not imitate that. :class:`HandOver` is raised and the table is validated by
frictionless itself (:mod:`.run`), so those findings are frictionless's own. The run then
starts again, once: before it does, every other table in a single-byte encoding is searched for
such bytes (a byte table over its blocks, at the speed of the disk), so that a package of many
such tables is not read once per table.

Multi-byte encodings (UTF-16, the CJK ones) are not transcoded: their bytes do not keep the quote
and line ends apart from the text, and they are handed to frictionless when planned.
"""

from __future__ import annotations

import codecs
import functools
import importlib
from typing import IO

import numpy as np


class HandOver(Exception):
    """A table's bytes hold a sequence its declared encoding cannot decode: validate it with
    frictionless (raised from the scan; its findings so far are dropped)."""

    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


UTF8 = ("utf-8", "utf-8-sig")
_ASCII = "".join(chr(b) for b in range(128))


@functools.cache
def single_byte(encoding: str) -> bool:
    """Whether ``encoding`` (a codec name) decodes each byte on its own to one character, the
    first 128 bytes to ASCII: Latin-1, or a codec whose decoder is its 256-entry table."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return False
    if info.name in ("iso8859-1", "ascii"):  # built in, without a table (ASCII: undefined above 127)
        return True
    try:
        module = importlib.import_module("encodings." + info.name.replace("-", "_"))
    except ImportError:
        return False
    table = getattr(module, "decoding_table", None)
    if not isinstance(table, str) or len(table) != 256 or table[:128] != _ASCII:
        return False
    # The codec decodes with that table (undefined entries are U+FFFE): byte for byte.
    try:
        decoded = info.decode(bytes(range(256)), "replace")[0]
    except Exception:
        return False
    return bool(decoded == table.replace("\ufffe", "\ufffd"))


def undefined_bytes(encoding: str) -> bytes:
    """The bytes a single-byte encoding leaves undefined (Windows-1252's 0x81, 0x8D, ...)."""
    undefined = bytearray()
    for byte in range(256):
        try:
            bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            undefined.append(byte)
    return bytes(undefined)


def holds_undefined(stream: IO[bytes], encoding: str, block: int = 8 << 20) -> bool:
    """Whether a stream holds a byte the single-byte encoding leaves undefined (read in blocks)."""
    undefined = undefined_bytes(encoding)
    if not undefined:
        return False
    table = np.zeros(256, dtype=bool)
    table[list(undefined)] = True
    while data := stream.read(block):
        if bool(table[np.frombuffer(data, dtype=np.uint8)].any()):
            return True
    return False


def transcode(data: bytes | bytearray | memoryview, encoding: str, table: str) -> bytes | memoryview:
    """The UTF-8 bytes of a run decoded as ``encoding`` (ASCII runs as they are); a byte the
    encoding does not define raises :class:`HandOver`."""
    raw = data if isinstance(data, bytes) else bytes(data)
    if raw.isascii():
        return data if isinstance(data, memoryview) else raw
    try:
        return raw.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandOver(table) from exc


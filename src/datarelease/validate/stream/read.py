"""Reading: a thread that reads a file in blocks, hashes them, and cuts them at record boundaries
found from quote positions; and the lenient UTF-8 codec that records where bytes were bad."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import queue
import threading
from typing import Any

import numpy as np

from datarelease.validate.prehash import Prehash
from datarelease.validate.stream.common import CR, I64, LF, QUEUE_DEPTH, Undecodable
from datarelease.validate.stream.spec import Segment, TableSpec
from datarelease.validate.stream.transcode import transcode

# --------------------------------------------------------------------------- the bytes of a table


def open_stream(spec: TableSpec) -> io.BufferedReader:
    """The bytes frictionless reads for the table: its file, or its parts one after the other."""
    if not spec.parts:
        return open(spec.path, "rb")  # the caller closes it
    return io.BufferedReader(_Joined(spec.parts), buffer_size=1 << 20)


def stream_size(spec: TableSpec) -> int:
    """The size of the stream as planned (for the share of progress)."""
    if not spec.parts:
        return spec.path.stat().st_size
    return sum(part.end - part.start for part in spec.parts)


def part_offset(parts: tuple[Segment, ...], offset: int) -> tuple[Segment, int]:
    """The part holding a byte of the joined stream, and that byte's offset in the part's file."""
    for part in parts:
        length = part.end - part.start
        if offset < length or part is parts[-1]:
            return part, part.start + offset
        offset -= length
    raise ValueError("no parts")


class _Joined(io.RawIOBase):
    """The parts of a multipart resource read as one stream, each from its ``start``."""

    def __init__(self, parts: tuple[Segment, ...]) -> None:
        super().__init__()
        self.parts = parts
        self.index = -1
        self.handle: io.BufferedReader | None = None
        self._open(0, 0)

    def _open(self, index: int, skip: int) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        self.index = index
        if index < len(self.parts):
            self.handle = open(self.parts[index].path, "rb")  # noqa: SIM115 - closed in close()
            self.handle.seek(self.parts[index].start + skip)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self.handle is not None:
            got: int = self.handle.readinto(buffer)
            if got:
                return got
            self._open(self.index + 1, 0)
        return 0

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET:
            raise io.UnsupportedOperation("only absolute seeks")
        part, at = part_offset(self.parts, offset)
        self._open(self.parts.index(part), at - part.start)
        return offset

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        super().close()


# --------------------------------------------------------------------------- reading CSV bytes


class Chunk:
    """A run of whole records: their bytes and where they start in the file. A chunk with
    ``python_from`` set instead says: from this file offset on (after skipping ``skip``
    records), read the file with Python's csv module, because quote parity cannot be trusted."""

    __slots__ = ("carriage_returns", "data", "irregular", "offset", "python_from", "skip")

    def __init__(self, data: Any, offset: int, irregular: bool = False,
                 python_from: int | None = None, skip: int = 0, carriage_returns: bool = True) -> None:
        self.data = data
        self.offset = offset
        self.irregular = irregular
        self.python_from = python_from
        self.skip = skip
        self.carriage_returns = carriage_returns
        """Whether the bytes may hold a CR (True unless known not to: see ``Parser._read_csv``)."""


class Reader(threading.Thread):
    """Reads a file in blocks, hashes and counts its bytes, and cuts it into runs of whole
    records after the header, handing them over through a bounded queue."""

    def __init__(self, spec: TableSpec, block_bytes: int, prehash: Prehash | None = None) -> None:
        super().__init__(daemon=True, name=f"datarelease-read-{spec.name}")
        self.spec = spec
        self.block_bytes = block_bytes
        self.prehash = prehash
        self.hashed_ahead = 0
        """Bytes at the start of the stream that the prehash has hashed (into ``digest``)."""
        self.queue: queue.Queue[Chunk | BaseException | None] = queue.Queue(maxsize=QUEUE_DEPTH)
        self.size = 0
        self.digest: Any = hashlib.new(spec.hash_algorithm) if spec.hash_algorithm else None
        self.stop = threading.Event()
        self.quote = ord(spec.quote)
        self.delimiter = ord(spec.delimiter)
        self.header_errors: list[Undecodable] = []
        self.clean_end = False
        """Whether the stream ended with a line end that is certainly outside quotes (a part read
        on its own then ends where frictionless, reading the parts as one stream, ends a record)."""

    def run(self) -> None:
        try:
            self._read()
        except BaseException as exc:
            self._put(exc)
        else:
            self._put(None)

    def _put(self, item: Chunk | BaseException | None) -> None:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _read(self) -> None:
        carry = b""
        base = 0  # file offset of the first byte of the data in hand
        header_left = self.spec.header_records
        first = True
        with open_stream(self.spec) as handle:
            self._claim(handle)
            while not self.stop.is_set():
                # A record longer than a block (a long quoted text) is carried over: read at
                # least as much again as is carried, so that a long record costs linear time.
                buffer = bytearray(len(carry) + max(self.block_bytes, len(carry)))
                buffer[: len(carry)] = carry
                got = handle.readinto(memoryview(buffer)[len(carry):])
                if got:
                    self._hash(memoryview(buffer)[len(carry):len(carry) + got])
                    self.size += got
                del buffer[len(carry) + got:]
                data: bytes | bytearray = buffer
                carry = b""
                at_end = not got
                if first:
                    first = False
                    if self.spec.skip_bom and data.startswith(codecs.BOM_UTF8):
                        data, base = data[3:], 3
                if header_left:
                    offset, taken = _skip_records(data, header_left, self.quote, at_end)
                    head = bytes(data[:offset])
                    if not _regular(head, _quotes(head, self.quote), self.quote, self.delimiter):
                        self._python(handle, 3 if self.spec.skip_bom and base >= 3 else 0,
                                     self.spec.header_records)
                        return
                    row = self.spec.header_records - header_left + 1
                    if self.spec.encoding == "utf-8":
                        bad, _text = undecodable(head, self.quote, self.delimiter, row, base)
                        self.header_errors += bad
                    else:  # frictionless read the labels; a byte it cannot decode: HandOver
                        transcode(head, self.spec.encoding, self.spec.name)
                    header_left -= taken
                    data, base = data[offset:], base + offset
                    if header_left and not at_end:
                        carry = bytes(data)
                        continue
                quotes = _quotes(data, self.quote)
                if at_end:
                    regular = _regular(data, quotes, self.quote, self.delimiter)
                    if data:
                        self._put(Chunk(memoryview(data), base, not regular,
                                        carriage_returns=data.find(b"\r") >= 0))
                    self.clean_end = regular and not header_left and (not data or data[-1] == LF)
                    return
                cut = _last_boundary(data, quotes)
                if cut is None:
                    carry = bytes(data)
                    continue
                inside = quotes[: int(np.searchsorted(quotes, cut))]
                if not _regular(memoryview(data)[:cut], inside, self.quote, self.delimiter):
                    self._python(handle, base, 0)
                    return
                self._put(Chunk(memoryview(data)[:cut], base, carriage_returns=data.find(b"\r", 0, cut) >= 0))
                carry, base = bytes(memoryview(data)[cut:]), base + cut

    def _python(self, handle: io.BufferedReader, start: int, skip: int) -> None:
        """Hand the rest of the file to Python's csv module; only hash and count from here."""
        self._put(Chunk(b"", start, python_from=start, skip=skip))
        while not self.stop.is_set():
            block = handle.read(self.block_bytes)
            if not block:
                return
            self._hash(memoryview(block))
            self.size += len(block)

    def _claim(self, handle: io.BufferedReader) -> None:
        """Take over what the prehash has hashed of this file (a single file, hashed from its start)."""
        if self.digest is None or self.prehash is None or self.spec.parts or self.spec.hash_algorithm is None:
            return
        claimed = self.prehash.claim(self.spec.path, self.spec.hash_algorithm, os.fstat(handle.fileno()))
        if claimed is not None:
            self.digest, self.hashed_ahead = claimed

    def _hash(self, data: memoryview) -> None:
        """Hash bytes read at the current end of the stream (``size``), but those hashed ahead."""
        if self.digest is None:
            return
        skip = self.hashed_ahead - self.size
        if skip < len(data):
            self.digest.update(data[max(0, skip):])


def _quotes(data: Any, quote: int) -> I64:
    return np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == quote)


def _last_boundary(data: bytes | bytearray, quotes: I64, window: int = 1 << 16) -> int | None:
    """The offset just after the last line end that quote parity puts outside quotes (never
    between a CR and the LF that may follow it), or None. Searched from the end in windows that
    grow fourfold (the last record is near the end; a long quoted cell holds many line ends, and
    carried-over bytes are searched again with every block: linear time either way)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    stop = len(arr)
    while stop > 0:
        start = max(0, stop - window)
        part = arr[start:stop]
        ends = np.flatnonzero((part == LF) | (part == CR)) + start
        if stop == len(arr) and ends.size and arr[ends[-1]] == CR and ends[-1] == len(arr) - 1:
            ends = ends[:-1]  # a CR at the very end may be the first half of a CR LF
        outside = ends[(np.searchsorted(quotes, ends) % 2) == 0]
        if outside.size:
            return int(outside[-1]) + 1
        stop, window = start, window * 4
    return None


def _regular(data: Any, quotes: I64, quote: int, delimiter: int) -> bool:
    """Whether every quote opens a field, closes it, or is a doubled quote inside it: then quote
    parity tells exactly where Python's csv module is inside a quoted field."""
    if not quotes.size:
        return True
    if quotes.size % 2:
        return False  # an unterminated quote (at the very end): let Python's csv module read it
    arr = np.frombuffer(data, dtype=np.uint8)
    opens = quotes[0::2]
    closes = quotes[1::2]
    before = arr[np.maximum(opens - 1, 0)]
    ok_open = (opens == 0) | (before == delimiter) | (before == LF) | (before == CR)
    escaped = np.zeros(len(opens), dtype=bool)
    escaped[1:] = opens[1:] == closes[: len(opens) - 1] + 1
    if not bool(np.all(ok_open | escaped)):
        return False
    after = arr[np.minimum(closes + 1, len(arr) - 1)]
    ok_close = ((closes == len(arr) - 1) | (after == delimiter) | (after == LF) | (after == CR)
                | (after == quote))
    return bool(np.all(ok_close))


def record_ends(data: Any, quote: int) -> tuple[I64, I64]:
    """(start, end) of every record of a regular run; ``end`` excludes the line end."""
    arr = np.frombuffer(data, dtype=np.uint8)
    size = len(arr)
    quotes = np.flatnonzero(arr == quote)
    breaks = np.flatnonzero((arr == LF) | (arr == CR) if b"\r" in data else arr == LF)
    breaks = breaks[(np.searchsorted(quotes, breaks) % 2) == 0]
    # In CR LF, the LF ends nothing: the record ended at the CR.
    lf_after_cr = np.zeros(len(breaks), dtype=bool)
    if len(breaks) > 1:
        lf_after_cr[1:] = ((breaks[1:] == breaks[:-1] + 1) & (arr[breaks[1:]] == LF)
                           & (arr[breaks[:-1]] == CR))
    ends = breaks[~lf_after_cr].astype(np.int64)
    following = np.minimum(ends + 1, max(size - 1, 0))
    crlf = (arr[ends] == CR) & (ends + 1 < size) & (arr[following] == LF)
    starts = np.concatenate([np.zeros(1, np.int64), ends + 1 + crlf.astype(np.int64)])
    if size == 0 or starts[-1] >= size:
        starts = starts[:-1]
    all_ends = np.concatenate([ends, np.array([size], np.int64)])[: len(starts)]
    return starts, all_ends


def undecodable(data: bytes, quote: int, delimiter: int, first_row: int, offset: int
                ) -> tuple[list[Undecodable], str]:
    """Every cell of a regular run of records that holds undecodable bytes, once (row, field
    number, file offset of its first invalid sequence, how many it holds; in file order), and
    the run's text with U+FFFD in their place. A Latin-1 file declared UTF-8 has an invalid
    sequence in every accented letter: one finding per cell, not per byte."""
    RECORDED.clear()
    text = data.decode("utf-8", errors=DECODE_ERRORS)
    bad = np.array(RECORDED, dtype=np.int64)
    RECORDED.clear()
    if not bad.size:
        return [], text
    starts, _ends = record_ends(data, quote)
    if not len(starts):
        starts = np.zeros(1, np.int64)
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == quote)
    delims = np.flatnonzero(arr == delimiter)
    delims = delims[(np.searchsorted(quotes, delims) % 2) == 0]
    record = np.maximum(np.searchsorted(starts, bad, side="right") - 1, 0)
    field = np.searchsorted(delims, bad) - np.searchsorted(delims, starts[record]) + 1
    cell = record * (int(field.max()) + 1) + field
    _keys, first, counts = np.unique(cell, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    errors: list[Undecodable] = [
        (first_row + int(record[i]), int(field[i]), offset + int(bad[i]), int(n))
        for i, n in zip(first[order].tolist(), counts[order].tolist(), strict=True)]
    return errors, text


def _skip_records(data: Any, count: int, quote: int, at_end: bool) -> tuple[int, int]:
    """(bytes taken by up to ``count`` complete records at the start of ``data``, how many)."""
    starts, _ends = record_ends(data, quote)
    complete = len(starts) if at_end else len(starts) - 1
    take = max(0, min(count, complete))
    offset = int(starts[take]) if take < len(starts) else len(data)
    return offset, take


LENIENT_UTF8 = "datarelease-lenient-utf-8"


class _LenientDecoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
        return codecs.utf_8_decode(data, "replace", final)


def _lenient_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != LENIENT_UTF8:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=LENIENT_UTF8, encode=utf8.encode,
        decode=lambda data, errors="strict": codecs.utf_8_decode(data, "replace", True),
        incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_LenientDecoder,
        streamreader=utf8.streamreader, streamwriter=utf8.streamwriter,
    )


codecs.register(_lenient_codec)
DECODE_ERRORS = "datarelease-engine-replace"
RECORDED: list[int] = []


def _record_decode_error(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    RECORDED.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error(DECODE_ERRORS, _record_decode_error)

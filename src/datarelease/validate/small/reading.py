"""A small CSV file read as frictionless 5.21 reads it: the same encoding detector on the same
buffer, the same CSV sniffer on the same sample, the dialect options it passes to Python's
``csv`` module — and :class:`NotSure` for anything else (another encoding, invalid UTF-8, header
rows, comment rows, ...)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from datarelease.validate.small.metadata import NotSure

BUFFER_SIZE = 100000  # bytes the encoding is detected from
SAMPLE_SIZE = 100  # lines the CSV dialect is sniffed from
ENCODING_CONFIDENCE = 0.5
DELIMITERS = ",\t;|"
_UTF8 = ("utf-8", "utf8", "utf-8-sig")
# the dialect options mirrored, with the JSON type each must have (frictionless's profile)
_DIALECT_KEYS: dict[str, type] = {"delimiter": str, "quoteChar": str, "doubleQuote": bool,
                                  "escapeChar": str, "skipInitialSpace": bool, "header": bool,
                                  "lineTerminator": str,
                                  "caseSensitiveHeader": bool}  # a v1 key frictionless 5 ignores
_ONE_CHARACTER = ("delimiter", "quoteChar", "escapeChar")


def text_of(data: bytes, declared: Any) -> io.TextIOWrapper:
    """The file's text as frictionless decodes it (UTF-8 only; invalid UTF-8 is the engines')."""
    return io.TextIOWrapper(io.BytesIO(data), _encoding(declared, data), newline="")


def _encoding(declared: Any, data: bytes) -> str:
    """The encoding frictionless reads the file with (its detector, on its buffer); a UTF-8
    file only (anything else: not sure), strictly decodable."""
    if declared is None:
        import chardet  # as frictionless detects it: only an undeclared encoding pays (0.1 s)

        buffer = data[:BUFFER_SIZE]
        detector = chardet.UniversalDetector()
        for line in buffer.splitlines():
            detector.feed(line)
        detector.close()
        detected = detector.result["encoding"] or "utf-8"
        if (detector.result["confidence"] or 0) < ENCODING_CONFIDENCE:
            detected = "utf-8" if _decodes(buffer) else detected
        declared = "utf-8" if detected == "ascii" else detected
    if not isinstance(declared, str) or declared.lower().replace("_", "-") not in _UTF8:
        raise NotSure("encoding")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    data.decode(encoding)  # invalid UTF-8 (a ValueError): the engines report it
    return encoding


def _decodes(buffer: bytes) -> bool:
    try:
        buffer.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def dialect_of(dialect: Any) -> Mapping[str, Any]:
    """The resource's dialect, when it holds only options mirrored here (as frictionless's v1
    dialect: flat CSV options, ``header``), each of the type frictionless's profile asks for."""
    dialect = {} if dialect is None else dialect
    if not isinstance(dialect, dict) or set(dialect) - set(_DIALECT_KEYS):
        raise NotSure("dialect")
    for key, value in dialect.items():
        if type(value) is not _DIALECT_KEYS[key] or (key in _ONE_CHARACTER and len(str(value)) != 1):
            raise NotSure("dialect")
    if dialect.get("lineTerminator") == "":
        raise NotSure("dialect")
    return dialect


def records(text: io.TextIOWrapper, dialect: Mapping[str, Any]) -> Iterator[list[str]]:
    """The records as frictionless's CSV parser reads them: its sniffer on its sample decides
    what the dialect leaves open."""
    sample: list[str] = []
    for line in text:
        sample.append(line)
        if len(sample) >= SAMPLE_SIZE:
            break
    try:
        sniffed: Any = csv.Sniffer().sniff("".join(sample), dialect.get("delimiter", DELIMITERS))
    except csv.Error:
        sniffed = csv.excel()
    escape = dialect.get("escapeChar", sniffed.escapechar)
    config = csv.excel()
    config.delimiter = dialect.get("delimiter", sniffed.delimiter)
    config.quotechar = dialect.get("quoteChar", '"' if sniffed.quotechar == "'" else sniffed.quotechar)
    config.skipinitialspace = dialect.get("skipInitialSpace", sniffed.skipinitialspace)
    config.escapechar = escape
    config.doublequote = dialect.get("doubleQuote", True) if escape else True
    if len({config.delimiter, config.quotechar, escape} - {None}) < (3 if escape else 2):
        raise NotSure("dialect characters")  # Python's csv refuses (or misreads) these
    return csv.reader(chain(sample, text), dialect=config)

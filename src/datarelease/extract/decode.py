"""A source document's bytes → NFC text with ``\\n`` line ends, or a SourceError saying why not.

UTF-8 (with or without a BOM) is read as UTF-8. A file that is not UTF-8 *as a whole* (no
multi-byte UTF-8 sequence in it, or more bytes that are not UTF-8 than sequences that are) is an
export in a legacy encoding: Windows-1252, else Latin-1. A UTF-8 file with a stray invalid byte is
not silently re-read as Windows-1252 (that would turn every å, ä and ö into two wrong characters):
it is an error naming the byte's offset. NUL bytes or other control characters mean the file is
not text.

A source is at most :data:`MAX_SOURCE_BYTES` (10 MB): a news page is tens of kilobytes, and
extraction holds the decoded text and (for HTML) its parse tree, several times the file's size;
a larger file is refused before it is read, so memory stays bounded whatever is put in
``datasets/sources/``.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from datarelease.errors import SourceError

__all__ = ["MAX_SOURCE_BYTES", "decode_source", "read_bytes"]

MAX_SOURCE_BYTES = 10 * 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A well-formed multi-byte UTF-8 sequence (RFC 3629, without overlongs and surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NEWLINE = "\n"
_NL = b"\n"


def read_bytes(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The file's bytes, or a SourceError when it is larger than ``limit``: the size is checked
    before reading, and no more than ``limit + 1`` bytes are ever read (a file that grows, or a
    pipe, cannot get past it)."""
    try:
        with path.open("rb") as file:
            size = _size(file.fileno())
            if size is not None and size > limit:
                raise _too_large(path, size, limit)
            data = file.read(limit + 1)
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror or error}", path=path) from None
    if len(data) > limit:
        raise _too_large(path, None, limit)
    return data


def _size(fileno: int) -> int | None:
    status = os.fstat(fileno)
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(path: Path, size: int | None, limit: int) -> SourceError:
    found = f"is {_megabytes(size)}" if size is not None else "is larger than that"
    return SourceError(
        f"{found}; a source may be at most {_megabytes(limit)} (a news page is tens of "
        "kilobytes): save the article itself, not a site dump or an archive",
        path=path)


# Documents a steward may save instead of the page's text, known by their first bytes.
_DOCUMENT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a Word, OpenDocument or Excel file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)


def decode_source(data: bytes, path: Path) -> str:
    """Decode a source document's bytes to NFC text with ``\\n`` line ends (see the module)."""
    for signature, what in _DOCUMENT_SIGNATURES:
        if data.startswith(signature):
            raise SourceError(
                f"is {what}, not a text export or a saved HTML page: save the page as HTML, or "
                "copy its text into a UTF-8 .txt file",
                path=path, location="line 1",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            "contains NUL bytes: this is a binary file (or UTF-16), not a text export; "
            "save it as UTF-8",
            path=path, location=f"line {data.count(_NL, 0, nul) + 1}",
        )
    text = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control is not None:
        raise SourceError(
            f"contains the control character U+{ord(control.group()):04X}: this is not a text "
            "file",
            path=path, location=f"line {text.count(_NEWLINE, 0, control.start()) + 1}",
        )
    if not text.strip():
        raise SourceError("the file is empty", path=path, location="line 1")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        valid = len(_UTF8_MULTIBYTE.findall(data))
        invalid = _count_invalid(data)
        if valid and valid >= invalid:
            offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            raise SourceError(
                f"is UTF-8 but has an invalid byte 0x{data[offset]:02X} at byte offset {offset}: "
                "fix or remove that byte (the file is not re-read as Windows-1252, which would "
                "garble its other letters)",
                path=path, location=f"line {data.count(_NL, 0, offset) + 1}",
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _count_invalid(data: bytes) -> int:
    """Bytes that are not part of a valid UTF-8 sequence."""
    return len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1 - data.count(
        "\ufffd".encode())

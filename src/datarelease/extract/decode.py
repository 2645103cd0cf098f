"""A source document's bytes → NFC text with ``\\n`` line ends, or a SourceError saying why not.

UTF-8 (with or without a BOM) is read as UTF-8. A file that is not UTF-8 *as a whole* (no
multi-byte UTF-8 sequence in it, or more bytes that are not UTF-8 than sequences that are) is an
export in a legacy encoding: Windows-1252, else Latin-1. A UTF-8 file with a stray invalid byte is
not silently re-read as Windows-1252 (that would turn every å, ä and ö into two wrong characters):
it is an error naming the byte's offset. NUL bytes or other control characters mean the file is
not text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from datarelease.errors import SourceError

__all__ = ["decode_source", "read_bytes"]

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A well-formed multi-byte UTF-8 sequence (RFC 3629, without overlongs and surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NEWLINE = "\n"
_NL = b"\n"


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror or error}", path=path) from None


def decode_source(data: bytes, path: Path) -> str:
    """Decode a source document's bytes to NFC text with ``\\n`` line ends (see the module)."""
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

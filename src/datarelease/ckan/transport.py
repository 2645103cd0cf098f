"""What goes over the wire to a portal, below the Action API.

The API token is kept out of messages (:func:`redact`) and is refused over plain ``http://`` to
another machine (:func:`check_token_transport`). Answers are read as they arrive, bounded by a
deadline (:func:`iter_body`); uploads are ``multipart/form-data`` bodies streamed from the open
file (:class:`Upload`, :class:`MultipartBody`), never held in memory.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import MaxRetryError, NewConnectionError

from datarelease.errors import (
    DataReleaseError,
    PortalUnavailable,
)
from datarelease.progress import Callback

_CHUNK = 64 * 1024


MIN_REDACTED = 8
"""Tokens shorter than this are not searched for in messages: a real token is long (CKAN's are
JWTs), and taking every "t" out of a message would only make it unreadable."""


def redact(text: str, token: str | None) -> str:
    """``text`` with ``token`` replaced by ``<token>``."""
    return text.replace(token, "<token>") if token and len(token) >= MIN_REDACTED else text


def is_loopback(url: str) -> bool:
    """True when ``url``'s host is this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_token_transport(url: str, token: str | None, *, allow_insecure_http: bool) -> None:
    """Refuse to send a token in clear (``http://``) to another machine unless allowed."""
    if token and urlsplit(url).scheme.lower() == "http" and not is_loopback(url) \
            and not allow_insecure_http:
        raise DataReleaseError(
            f"refusing to send the API token over plain http:// to {urlsplit(url).hostname}: "
            "anyone on the way could read it. Use the portal's https:// URL, or pass "
            "--allow-insecure-http (allow_insecure_http=True in Python) if this network is yours")


def iter_body(response: requests.Response, *, deadline: float | None, what: str,
              chunk: int = _CHUNK) -> Iterator[bytes]:
    """A streamed response's body, chunk by chunk as it arrives.

    Reads return what has arrived (``read1``), so a portal that sends a byte every few seconds
    cannot keep one read waiting; past ``deadline`` (a :func:`time.monotonic` time) it stops with
    :class:`PortalUnavailable`. A connection that ends before ``Content-Length`` is reached, or
    breaks, is a :class:`requests.ConnectionError` (callers retry those).
    """
    raw = response.raw
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise PortalUnavailable(f"{what}: not finished within the time allowed (--timeout); "
                                    "the portal is too slow or stalling")
        try:
            data = raw.read1(chunk, decode_content=True)
        except (Urllib3Error, OSError) as exc:
            raise requests.ConnectionError(f"the connection broke ({type(exc).__name__})") from None
        if not data:
            return
        yield data


@dataclass(frozen=True)
class Upload:
    """A file to send as a multipart part, read from disk while it is sent (never held in memory)."""

    file: IO[bytes]
    filename: str
    mimetype: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return os.fstat(self.file.fileno()).st_size


class MultipartBody:
    """A ``multipart/form-data`` body that reads file parts from disk as http.client asks for them.

    ``requests`` builds multipart bodies in memory; this one has a known length (so CKAN gets a
    ``Content-Length``) and streams, reporting every chunk to ``progress``.
    """

    def __init__(self, fields: Mapping[str, str], files: Mapping[str, Upload],
                 progress: Callback | None = None) -> None:
        self.boundary = f"datarelease-{os.urandom(16).hex()}"
        self._segments: list[bytes | Upload] = []
        for name, value in fields.items():
            self._segments.append(self._head(name) + b"\r\n" + value.encode("utf-8") + b"\r\n")
        for name, upload in files.items():
            head = self._head(name, upload.filename) + f"Content-Type: {upload.mimetype}\r\n\r\n".encode()
            self._segments += [head, upload, b"\r\n"]
        self._segments.append(f"--{self.boundary}--\r\n".encode())
        self._length = sum(s.size if isinstance(s, Upload) else len(s) for s in self._segments)
        self._progress = progress
        self._chunks: Iterator[bytes] = self._iter_chunks()
        self._pending = b""
        self.sent = 0  # bytes handed to the connection
        self.file_sent = 0  # of which file content

    def _head(self, name: str, filename: str | None = None) -> bytes:
        disposition = f'form-data; name="{_quote(name)}"'
        if filename is not None:
            disposition += f'; filename="{_quote(filename)}"'
        return f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\n".encode()

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[bytes]:  # makes requests treat the body as a stream
        return self

    def __next__(self) -> bytes:
        chunk = self.read(_CHUNK)
        if not chunk:
            raise StopIteration
        return chunk

    def _iter_chunks(self) -> Iterator[bytes]:
        for segment in self._segments:
            if isinstance(segment, bytes):
                yield segment
                continue
            segment.file.seek(0)
            done = 0
            while chunk := segment.file.read(_CHUNK):
                self.file_sent += len(chunk)
                done += len(chunk)
                if self._progress is not None:
                    self._progress(segment.filename, done, segment.size)
                yield chunk

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self._pending += chunk
        if size < 0:
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:size], self._pending[size:]
        self.sent += len(out)
        return out


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def never_sent(exc: requests.RequestException) -> bool:
    """True when the connection could not be opened, so CKAN never saw the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError)

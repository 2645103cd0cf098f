"""Fetching one file: streamed to disk, hashed while written, bounded in bytes and time, retried
when the connection breaks; the token goes to the portal's own host only."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from datarelease import __version__
from datarelease.ckan import iter_body
from datarelease.errors import NotAuthorizedError, PortalError, PortalUnavailable, VerificationError
from datarelease.progress import Callback

_CHUNK = 1 << 16
DEFAULT_MAX_FILE_BYTES = 4 << 30  # a file whose descriptor gives no bytes may be at most this big
_FETCH_RETRIES = 2


@dataclass(frozen=True)
class Fetched:
    bytes: int
    digests: dict[str, str]  # algorithm → hex; always has sha256


class Fetcher:
    """Streams URLs to files, hashing while writing; sends the token to the portal's host only."""

    def __init__(self, session: requests.Session, portal_url: str, token: str | None,
                 timeout: float, progress: Callback | None, *, deadline: float | None = None,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
        self._session = session
        self._origin = _origin(portal_url)
        self._token = token or None
        self._timeout = timeout
        self._progress = progress
        self.deadline = deadline
        self.max_file_bytes = max_file_bytes

    def _request_timeout(self, label: str) -> float:
        if self.deadline is None:
            return self._timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PortalUnavailable(f"{label}: not finished within the time allowed (--timeout)")
        return min(self._timeout, left)

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": f"datarelease/{__version__}"}
        # a resource URL may point anywhere; the token is for the portal alone
        if self._token and _origin(url) == self._origin:
            headers["Authorization"] = self._token
        return headers

    def fetch(self, url: str, dest: Path, *, label: str, limit: int | None,
              algorithms: tuple[str, ...] = ()) -> Fetched:
        """Write ``url`` to ``dest``; stop reading past ``limit`` bytes (more cannot verify), or
        past :attr:`max_file_bytes` when the size is not known. A connection that breaks or ends
        early is retried, then :class:`PortalUnavailable` (exit 4)."""
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise VerificationError(f"{label}: refusing to fetch {url!r}: only http:// and "
                                    "https:// URLs are downloaded")
        dest.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(_FETCH_RETRIES + 1):
            try:
                with self._session.get(url, headers=self._headers(url), stream=True,
                                       timeout=self._request_timeout(label)) as response:
                    self._check_status(response, url, label)
                    return self._write(response, dest, label, limit, algorithms)
            except requests.RequestException as exc:
                if attempt == _FETCH_RETRIES or not isinstance(exc, requests.ConnectionError
                                                               | requests.Timeout):
                    what = ("the connection broke or ended before the whole file arrived"
                            if isinstance(exc, requests.ConnectionError) else type(exc).__name__)
                    raise PortalUnavailable(f"{label}: cannot download {url} ({what}; "
                                            f"{attempt + 1} attempts)") from None
            except PortalUnavailable:  # a 5xx answer: worth another try
                if attempt == _FETCH_RETRIES:
                    raise
            time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _check_status(self, response: requests.Response, url: str, label: str) -> None:
        status = response.status_code
        if status == 200:
            return
        if status in (401, 403):
            hint = ("" if self._token else
                    " (a private dataset's files need a token: set CKAN_API_TOKEN or pass --api-token)")
            raise NotAuthorizedError(f"{label}: the portal refused to send {url} (HTTP {status}){hint}")
        if status == 404:
            raise VerificationError(f"{label}: the portal has no file at {url} (HTTP 404)")
        if status >= 500:
            raise PortalUnavailable(f"{label}: downloading {url} failed with HTTP {status}")
        raise PortalError(f"{label}: downloading {url} failed with HTTP {status}")

    def _write(self, response: requests.Response, dest: Path, label: str, limit: int | None,
               algorithms: tuple[str, ...]) -> Fetched:
        hashers = {name: hashlib.new(name) for name in {"sha256", *algorithms}}
        size = 0
        cap = limit if limit is not None else self.max_file_bytes
        with dest.open("wb") as out:
            for chunk in iter_body(response, deadline=self.deadline, what=label, chunk=_CHUNK):
                size += len(chunk)
                if size > cap:
                    expected = (f"the {limit} bytes expected" if limit is not None else
                                f"{cap} bytes, the most accepted for a file whose size the "
                                "descriptor does not give (--max-file-bytes)")
                    raise VerificationError(f"{label}: the portal sent more than {expected}")
                out.write(chunk)
                for hasher in hashers.values():
                    hasher.update(chunk)
                if self._progress is not None:
                    self._progress(label, size, limit)
        return Fetched(size, {name: h.hexdigest() for name, h in hashers.items()})


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()

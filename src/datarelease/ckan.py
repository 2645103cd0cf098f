"""Talking to a CKAN portal: the only module that imports ckanapi.

:class:`Portal` wraps the few CKAN actions datarelease uses. It sends every call itself over a
``requests`` session (injectable, so tests point a real client at a loopback proxy) and hands the
response to ckanapi, which turns CKAN's error envelope back into typed exceptions; those become
ours (:mod:`datarelease.errors`) here and nowhere else. The API token is kept private: it is sent
in the ``Authorization`` header only, and never appears in ``repr``, messages or counters.

Calls are counted (``calls``, ``bytes_sent``, ``calls_by_action``) for the publish summary.
Reads are retried with exponential backoff on connection errors, timeouts and 5xx; writes only
when the request cannot have reached CKAN (connection refused) or CKAN said 503/429, because a
write that failed half-way may have been applied and must not be applied twice.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import requests
from ckanapi.common import reverse_apicontroller_action
from ckanapi.errors import (
    CKANAPIError,
    NotAuthorized,
    NotFound,
    SearchError,
    SearchIndexError,
    SearchQueryError,
    ServerIncompatibleError,
    ValidationError,
)
from urllib3.exceptions import MaxRetryError, NewConnectionError

from datarelease import __version__
from datarelease.errors import (
    NotAuthorizedError,
    PortalError,
    PortalUnavailable,
    PortalValidationError,
)

__all__ = ["Portal", "Upload"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
_RETRY_STATUS_FOR_WRITES = frozenset({429, 503})  # CKAN (or its proxy) did not run the action
_CHUNK = 64 * 1024

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Upload:
    """A file to send as a multipart part, read from disk while it is sent (never held in memory)."""

    file: IO[bytes]
    filename: str
    mimetype: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return os.fstat(self.file.fileno()).st_size


class _MultipartBody:
    """A ``multipart/form-data`` body that reads file parts from disk as http.client asks for them.

    ``requests`` builds multipart bodies in memory; this one has a known length (so CKAN gets a
    ``Content-Length``) and streams, reporting every chunk to ``progress``.
    """

    def __init__(self, fields: Mapping[str, str], files: Mapping[str, Upload],
                 progress: Progress | None = None) -> None:
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
        self.sent = 0

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
            while chunk := segment.file.read(_CHUNK):
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
        if self._progress is not None and out:
            self._progress(len(out))
        return out


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the connection could not be opened, so CKAN never saw the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError)


class Portal:
    """A CKAN portal reached over its Action API.

    ``token`` is the API token (sent as ``Authorization``); ``timeout`` is seconds per request;
    ``retries`` how often a failed call is retried, waiting ``backoff * 2**attempt`` seconds;
    ``rate_limit`` the most calls per second (None: no limit); ``session`` an injectable
    :class:`requests.Session`.
    """

    def __init__(self, url: str, token: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.5,
                 rate_limit: float | None = None, session: requests.Session | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise PortalError(f"the portal URL must start with http:// or https://, got {url!r}")
        if rate_limit is not None and rate_limit <= 0:
            raise PortalError(f"the rate limit must be a positive number of calls per second, "
                              f"got {rate_limit}")
        self.url = url.rstrip("/")
        self.__token = token or None
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.rate_limit = rate_limit
        self._session = session or requests.Session()
        self._lock = threading.Lock()
        self._last_call = 0.0
        self.calls = 0
        self.bytes_sent = 0
        self.calls_by_action: Counter[str] = Counter()

    def __repr__(self) -> str:
        token = "set" if self.__token else "none"
        return f"Portal(url={self.url!r}, token=<{token}>)"

    __str__ = __repr__

    @property
    def has_token(self) -> bool:
        return self.__token is not None

    # -- transport ---------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": f"datarelease/{__version__}"}
        if self.__token:
            headers["Authorization"] = self.__token
        return headers

    def _throttle(self) -> None:
        if self.rate_limit is None:
            return
        with self._lock:
            wait = self._last_call + 1.0 / self.rate_limit - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_call = time.monotonic()

    def _redact(self, text: str) -> str:
        return text.replace(self.__token, "<token>") if self.__token else text

    def _post(self, action: str, body: Callable[[], tuple[bytes | _MultipartBody, str]], *,
              write: bool) -> tuple[int, str]:
        """POST an action, retrying as the module docstring says; returns (status, text)."""
        url = f"{self.url}/api/3/action/{action}"
        for attempt in range(self.retries + 1):
            data, content_type = body()
            self._throttle()
            self.calls += 1
            self.calls_by_action[action] += 1
            try:
                response = self._session.post(
                    url, data=data, headers={**self._headers(), "Content-Type": content_type},
                    timeout=self.timeout, allow_redirects=False)
            except requests.RequestException as exc:
                self.bytes_sent += data.sent if isinstance(data, _MultipartBody) else 0
                if (write and not _never_sent(exc)) or attempt == self.retries:
                    raise self._unavailable(action, exc, write=write) from None
            else:
                self.bytes_sent += data.sent if isinstance(data, _MultipartBody) else len(data)
                status = response.status_code
                retry = status in _RETRY_STATUS_FOR_WRITES or (not write and status >= 500)
                if not retry or attempt == self.retries:
                    return status, response.text
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _unavailable(self, action: str, exc: requests.RequestException, *, write: bool) -> PortalError:
        what = type(exc).__name__
        if isinstance(exc, requests.Timeout):
            what = f"no answer within {self.timeout:g} s"
        elif _never_sent(exc):
            what = "connection refused"
        if write and not _never_sent(exc):
            return PortalUnavailable(
                f"{self.url}: the connection failed during {action} ({what}); the portal may or "
                "may not have applied it. Run the same command again: publishing converges.")
        return PortalUnavailable(f"{self.url} is not reachable ({what}) after "
                                 f"{self.retries + 1} attempts at {action}")

    def call(self, action: str, data: Mapping[str, Any] | None = None, *, write: bool = False) -> Any:
        """Run one action with a JSON body; CKAN errors become ours."""
        payload = json.dumps(dict(data or {})).encode("utf-8")
        status, text = self._post(action, lambda: (payload, "application/json"), write=write)
        return self._result(action, status, text)

    def call_upload(self, action: str, fields: Mapping[str, Any], files: Mapping[str, Upload], *,
                    progress: Progress | None = None) -> Any:
        """Run a write action as multipart/form-data, streaming ``files`` from disk.

        Non-string field values are sent as JSON, which CKAN's ``json_or_string`` decodes.
        """
        strings = {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}

        def body() -> tuple[_MultipartBody, str]:
            multipart = _MultipartBody(strings, files, progress)
            return multipart, multipart.content_type

        try:
            status, text = self._post(action, body, write=True)
        except PortalUnavailable as exc:
            names = ", ".join(u.filename for u in files.values())
            raise PortalUnavailable(f"{exc} (uploading {names})") from None
        if status == 413:
            raise self._too_large(files, "the web server in front of CKAN refused the request size")
        try:
            return self._result(action, status, text)
        except PortalValidationError as exc:
            if "File upload too large" in json.dumps(exc.error_dict):
                raise self._too_large(files, "ckan.max_resource_size, 10 MB unless the portal "
                                             "configures it") from None
            raise

    @staticmethod
    def _too_large(files: Mapping[str, Upload], limit: str) -> PortalValidationError:
        sizes = ", ".join(f"{u.filename} ({u.size} bytes)" for u in files.values())
        return PortalValidationError(
            f"{sizes}: larger than the portal's upload limit ({limit})",
            {"upload": ["File upload too large"]})

    def _result(self, action: str, status: int, text: str) -> Any:
        try:
            return reverse_apicontroller_action(action, status, text)
        except NotFound:
            raise
        except ValidationError as exc:
            errors = _error_dict(exc)
            raise PortalValidationError(
                self._redact(f"{self.url} refused {action}: {_summarise(errors)}"), errors) from None
        except NotAuthorized as exc:
            raise self._not_authorized(action, exc) from None
        except (SearchError, SearchIndexError, SearchQueryError) as exc:
            raise PortalError(self._redact(f"{self.url}: {action} failed in CKAN's search index: "
                                           f"{exc}")) from None
        except ServerIncompatibleError:
            raise PortalError(f"{self.url} does not answer like a CKAN Action API "
                              f"({action}: HTTP {status})") from None
        except CKANAPIError:
            snippet = " ".join(text.split())[:200]
            cls = PortalUnavailable if status >= 500 else PortalError
            raise cls(self._redact(f"{self.url}: {action} failed with HTTP {status}: {snippet}")) from None

    def _not_authorized(self, action: str, exc: NotAuthorized) -> NotAuthorizedError:
        detail = _error_dict(exc).get("message", "")
        if not self.__token:
            return NotAuthorizedError(f"{self.url} refused {action}: no API token was given "
                                      "(set CKAN_API_TOKEN or pass --api-token)")
        if self.whoami() is None:
            return NotAuthorizedError(
                f"{self.url} refused the API token (from CKAN_API_TOKEN or --api-token): it is "
                "not valid there (mistyped, expired or revoked), so CKAN treated the call as "
                f"anonymous and refused {action}")
        return NotAuthorizedError(self._redact(
            f"{self.url} refused {action}: the API token's user may not do this ({detail})"))

    # -- read actions ------------------------------------------------------------------------

    def status_show(self) -> dict[str, Any]:
        result: dict[str, Any] = self.call("status_show")
        return result

    def whoami(self) -> dict[str, Any] | None:
        """The user the token belongs to; None when CKAN treats the caller as anonymous."""
        if not self.__token:
            return None
        try:
            user: dict[str, Any] = self.call("user_show")  # no id: CKAN answers the caller
        except NotFound:
            return None
        return user

    def package_show(self, name_or_id: str) -> dict[str, Any] | None:
        """The dataset, or None when the portal has none by that name or id (never searches)."""
        return self._show("package_show", name_or_id)

    def organization_show(self, name_or_id: str) -> dict[str, Any] | None:
        return self._show("organization_show", name_or_id, include_datasets=False)

    def _show(self, action: str, name_or_id: str, **extra: Any) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] = self.call(action, {"id": name_or_id, **extra})
        except NotFound:
            return None
        return result

    def license_list(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.call("license_list")
        return result

    def package_activity_list(self, name_or_id: str, limit: int = 100) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._require("package_activity_list",
                                                     {"id": name_or_id, "limit": limit})
        return result

    def datastore_search(self, resource_id: str, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._require("datastore_search", {"resource_id": resource_id,
                                                                    **params})
        return result

    def _require(self, action: str, data: Mapping[str, Any], *, write: bool = False) -> Any:
        """A call whose NotFound is an error, not an answer."""
        try:
            return self.call(action, data, write=write)
        except NotFound as exc:
            raise PortalError(f"{self.url}: {action} found nothing for "
                              f"{data.get('id') or data.get('resource_id')!r} ({exc})") from None


def _error_dict(exc: CKANAPIError) -> dict[str, Any]:
    errors = getattr(exc, "error_dict", None)
    if errors is None and exc.args and isinstance(exc.args[0], dict):
        errors = exc.args[0]
    if errors is None:
        errors = getattr(exc, "extra_msg", None)
    if not isinstance(errors, dict):
        return {"message": str(errors)}
    return {k: v for k, v in errors.items() if k != "__type"}


def _summarise(errors: Mapping[str, Any]) -> str:
    parts = []
    for key, value in errors.items():
        if isinstance(value, list):
            value = "; ".join(json.dumps(v) if isinstance(v, dict) else str(v) for v in value)
        parts.append(f"{key}: {value}")
    return ", ".join(parts) or "no details"

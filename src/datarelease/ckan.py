"""Talking to a CKAN portal: the only module that imports ckanapi.

:class:`Portal` wraps the few CKAN actions datarelease uses. It sends every call itself over a
``requests`` session (injectable, so tests point a real client at a loopback proxy) and hands the
response to ckanapi, which turns CKAN's error envelope back into typed exceptions; those become
ours (:mod:`datarelease.errors`) here and nowhere else. The API token is kept private: it is sent
in the ``Authorization`` header only, and never appears in ``repr``, messages or counters.

Calls are counted (:meth:`Portal.counters`: calls, writes, bytes sent, bytes of files) for the
publish summary. Reads are retried with exponential backoff on connection errors, timeouts and
5xx; writes only when the request cannot have reached CKAN (connection refused) or CKAN said
503/429, because a write that failed half-way may have been applied and must not be applied
twice. Uploads are multipart bodies streamed from the open file, never held in memory.

The rest is pure functions: the Data Package ⇄ CKAN dataset mapping (:func:`dataset_from_package`,
:func:`resource_fields`, :func:`package_from_dataset`), the frozen dataset that keeps each released
version (:func:`version_dataset_name`, :func:`frozen_descriptor`, :func:`released_descriptor`), and
Table Schema → DataStore columns and values (:func:`datastore_fields`, :func:`datastore_record`).
"""

from __future__ import annotations

import ipaddress
import json
import os
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import IO, Any
from urllib.parse import urlsplit

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
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import MaxRetryError, NewConnectionError

from datarelease import __version__
from datarelease.errors import (
    ConflictError,
    DataReleaseError,
    NotAuthorizedError,
    PortalError,
    PortalUnavailable,
    PortalValidationError,
    SchemaError,
)
from datarelease.progress import Callback
from datarelease.versions import version_dataset_name

__all__ = [
    "HASH_ALGORITHM_SHA256",
    "Counters",
    "Portal",
    "PortalSchema",
    "Upload",
    "check_token_transport",
    "dataset_from_package",
    "datastore_fields",
    "datastore_primary_key",
    "datastore_record",
    "frozen_descriptor",
    "iter_body",
    "license_id_for",
    "package_from_dataset",
    "released_descriptor",
    "resource_fields",
    "unjsonify",
]

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
_RETRY_STATUS_FOR_WRITES = frozenset({429, 503})  # CKAN (or its proxy) did not run the action
_CHUNK = 64 * 1024
MAX_ANSWER_BYTES = 32 << 20  # an Action API answer is JSON held in memory: cap what we accept


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


class _MultipartBody:
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


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the connection could not be opened, so CKAN never saw the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError)


@dataclass(frozen=True)
class Counters:
    """What a :class:`Portal` sent: HTTP calls (retries included), writes, request bytes."""

    calls: int = 0
    writes: int = 0
    bytes_sent: int = 0
    bytes_uploaded: int = 0
    by_action: Mapping[str, int] = dataclass_field(default_factory=dict)

    def __sub__(self, other: Counters) -> Counters:
        actions = {k: n - other.by_action.get(k, 0) for k, n in self.by_action.items()}
        return Counters(self.calls - other.calls, self.writes - other.writes,
                        self.bytes_sent - other.bytes_sent, self.bytes_uploaded - other.bytes_uploaded,
                        {k: n for k, n in actions.items() if n})

    def __add__(self, other: Counters) -> Counters:
        actions = Counter(self.by_action)
        actions.update(other.by_action)
        return Counters(self.calls + other.calls, self.writes + other.writes,
                        self.bytes_sent + other.bytes_sent, self.bytes_uploaded + other.bytes_uploaded,
                        dict(actions))


class Portal:
    """A CKAN portal reached over its Action API.

    ``token`` is the API token (sent as ``Authorization``); ``timeout`` is seconds per request;
    ``retries`` how often a failed call is retried, waiting ``backoff * 2**attempt`` seconds;
    ``rate_limit`` the most calls per second (None: no limit); ``session`` an injectable
    :class:`requests.Session`. A token is refused over ``http://`` to a host that is not loopback
    unless ``allow_insecure_http``. ``deadline`` (a :func:`time.monotonic` time) bounds every call
    as a whole; answers larger than ``max_answer_bytes`` are refused, never read whole.
    """

    def __init__(self, url: str, token: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.5,
                 rate_limit: float | None = None, session: requests.Session | None = None,
                 allow_insecure_http: bool = False, deadline: float | None = None,
                 max_answer_bytes: int = MAX_ANSWER_BYTES) -> None:
        if not url.startswith(("http://", "https://")):
            raise PortalError(f"the portal URL must start with http:// or https://, got {url!r}")
        check_token_transport(url, token, allow_insecure_http=allow_insecure_http)
        if rate_limit is not None and rate_limit <= 0:
            raise PortalError(f"the rate limit must be a positive number of calls per second, "
                              f"got {rate_limit}")
        self.url = url.rstrip("/")
        self.__token = token or None
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.rate_limit = rate_limit
        self.deadline = deadline  # time.monotonic() by which every call must be answered
        self.max_answer_bytes = max_answer_bytes
        self._session = session or requests.Session()
        self._lock = threading.Lock()
        self._last_call = 0.0
        self.calls = 0  # HTTP requests made, retries included
        self.writes = 0  # of which to actions that change the portal
        self.bytes_sent = 0  # request bodies, JSON and multipart
        self.bytes_uploaded = 0  # of which file content
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
        return redact(text, self.__token)

    def _redacted(self, exc: DataReleaseError) -> DataReleaseError:
        """``exc`` with the token taken out of its message (and CKAN's error dict)."""
        if any(self._redact(str(a)) != str(a) for a in exc.args):
            exc.args = tuple(self._redact(str(a)) for a in exc.args)
        if isinstance(exc, PortalValidationError):
            exc.error_dict = json.loads(self._redact(json.dumps(exc.error_dict)))
        return exc

    def _request_timeout(self, action: str) -> float:
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PortalUnavailable(f"{self.url}: {action} not started: the time allowed "
                                    "(--timeout) is used up")
        return min(self.timeout, left)

    def _read_answer(self, response: requests.Response, action: str) -> str:
        """The answer's text, read as it arrives, refused past ``max_answer_bytes``."""
        what = f"{self.url}: {action}"
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_answer_bytes:
            raise PortalError(f"{what}: the answer is {declared} bytes, more than the "
                              f"{self.max_answer_bytes} accepted")
        body = bytearray()
        for data in iter_body(response, deadline=self.deadline, what=what):
            body += data
            if len(body) > self.max_answer_bytes:
                raise PortalError(f"{what}: the answer is more than the {self.max_answer_bytes} "
                                  "bytes accepted")
        return body.decode("utf-8", errors="replace")

    def _post(self, action: str, body: Callable[[], tuple[bytes | _MultipartBody, str]], *,
              write: bool) -> tuple[int, str]:
        """POST an action, retrying as the module docstring says; returns (status, text)."""
        url = f"{self.url}/api/3/action/{action}"
        for attempt in range(self.retries + 1):
            data, content_type = body()
            self._throttle()
            self.calls += 1
            self.writes += write
            self.calls_by_action[action] += 1
            timeout = self._request_timeout(action)
            try:
                with self._session.post(
                        url, data=data, headers={**self._headers(), "Content-Type": content_type},
                        timeout=timeout, allow_redirects=False, stream=True) as response:
                    status = response.status_code
                    text = self._read_answer(response, action)
            except requests.RequestException as exc:
                self._count_body(data, complete=False)
                if (write and not _never_sent(exc)) or attempt == self.retries:
                    raise self._unavailable(action, exc, write=write) from None
            else:
                self._count_body(data, complete=True)
                retry = status in _RETRY_STATUS_FOR_WRITES or (not write and status >= 500)
                if not retry or attempt == self.retries:
                    return status, text
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _count_body(self, data: bytes | _MultipartBody, *, complete: bool) -> None:
        if isinstance(data, _MultipartBody):
            self.bytes_sent += data.sent
            self.bytes_uploaded += data.file_sent
        elif complete:
            self.bytes_sent += len(data)

    def counters(self) -> Counters:
        """A snapshot of the counters; subtract two to get what happened in between."""
        return Counters(self.calls, self.writes, self.bytes_sent, self.bytes_uploaded,
                        dict(self.calls_by_action))

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
        """Run one action with a JSON body; CKAN errors become ours (never holding the token)."""
        payload = json.dumps(dict(data or {})).encode("utf-8")
        try:
            status, text = self._post(action, lambda: (payload, "application/json"), write=write)
            return self._result(action, status, text)
        except DataReleaseError as exc:
            raise self._redacted(exc) from None

    def call_upload(self, action: str, fields: Mapping[str, Any], files: Mapping[str, Upload], *,
                    progress: Callback | None = None) -> Any:
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
            raise self._redacted(PortalUnavailable(f"{exc} (uploading {names})")) from None
        except DataReleaseError as exc:
            raise self._redacted(exc) from None
        if status == 413:
            raise self._too_large(files, "the web server in front of CKAN refused the request size")
        try:
            return self._result(action, status, text)
        except PortalValidationError as exc:
            if "File upload too large" in json.dumps(exc.error_dict):
                raise self._too_large(files, "ckan.max_resource_size, 10 MB unless the portal "
                                             "configures it") from None
            raise self._redacted(exc) from None
        except DataReleaseError as exc:
            raise self._redacted(exc) from None

    @staticmethod
    def _too_large(files: Mapping[str, Upload], limit: str) -> PortalValidationError:
        sizes = ", ".join(f"{u.filename} ({u.size} bytes)" for u in files.values())
        return PortalValidationError(
            f"{sizes}: larger than the portal's upload limit ({limit})",
            {"upload": ["File upload too large"]})

    def _result(self, action: str, status: int, text: str) -> Any:
        try:
            return reverse_apicontroller_action(action, status, text)
        except NotFound as exc:
            exc.args = tuple(self._redact(str(a)) for a in exc.args)
            raise
        except (KeyError, TypeError, RecursionError):  # {"success": true} without a result, …
            raise PortalError(f"{self.url} does not answer like a CKAN Action API ({action}: "
                              f"HTTP {status}, not a CKAN answer)") from None
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
            snippet = " ".join(self._redact(text).split())[:200]  # redacted before it is cut
            if status < 500 and not _is_json(text):
                raise PortalError(self._redact(
                    f"{self.url} does not answer like a CKAN Action API ({action}: HTTP "
                    f"{status}, {snippet[:80]!r})")) from None
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
        try:
            return self._show("package_show", name_or_id)
        except PortalError as exc:
            if "placed against subschema" not in str(exc):
                raise
            raise PortalError(
                f"{self.url} cannot show the dataset {name_or_id!r}: it was published with its metadata "
                "in extras (publisher, contactPoint...) before the portal ran ckanext-scheming's DCAT-AP "
                "schema, whose fields of the same names it now clashes with. Purge it on the portal "
                "(or publish under another name), then publish again.") from None

    def organization_show(self, name_or_id: str) -> dict[str, Any] | None:
        return self._show("organization_show", name_or_id, include_datasets=False)

    def _show(self, action: str, name_or_id: str, **extra: Any) -> dict[str, Any] | None:
        try:
            result = self.call(action, {"id": name_or_id, **extra})
        except NotFound:
            return None
        if not isinstance(result, dict):
            raise PortalError(f"{self.url} does not answer like a CKAN Action API ({action} "
                              f"gave {type(result).__name__}, not an object)")
        return result

    def dataset_schema(self) -> PortalSchema | None:
        """The portal's ckanext-scheming dataset schema; None when it runs CKAN's own (no scheming)."""
        payload = json.dumps({"type": "dataset"}).encode("utf-8")
        action = "scheming_dataset_schema_show"
        status, text = self._post(action, lambda: (payload, "application/json"), write=False)
        if status == 400 and "Action name not known" in text[:500]:
            return None
        try:
            result = self._result(action, status, text)
        except NotFound:
            return None
        if not isinstance(result, dict):
            raise PortalError(f"{self.url}: {action} did not answer a schema")
        return PortalSchema.of(result)

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

    # -- write actions -----------------------------------------------------------------------

    def package_create(self, dataset: Mapping[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self.call("package_create", dataset, write=True)
        return result

    def package_patch(self, dataset: Mapping[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self._require("package_patch", dataset, write=True)
        return result

    def package_revise(self, match: Mapping[str, Any], *, update: Mapping[str, Any] | None = None,
                       filter: list[str] | None = None, update_keys: Mapping[str, Any] | None = None,
                       uploads: Mapping[str, Upload] | None = None,
                       progress: Callback | None = None) -> dict[str, Any]:
        """Change a dataset only if it still matches ``match`` (CKAN locks the row to compare).

        ``update_keys`` are CKAN's flattened keys without the ``update__`` prefix, e.g.
        ``{"resources__<id>": {...}}``; ``uploads`` map such keys (``resources__-1__upload``) to files.
        A dataset that no longer matches raises :class:`ConflictError`; nothing was written then.
        """
        fields: dict[str, Any] = {"match": dict(match)}
        if update:
            fields["update"] = dict(update)
        if filter:
            fields["filter"] = filter
        fields.update({f"update__{k}": v for k, v in (update_keys or {}).items()})
        try:
            if uploads:
                files = {f"update__{k}": v for k, v in uploads.items()}
                result = self.call_upload("package_revise", fields, files, progress=progress)
            else:
                result = self._require("package_revise", fields, write=True)
        except PortalValidationError as exc:
            if "match" not in exc.error_dict:
                raise
            unmatched = ", ".join(map(str, exc.error_dict["match"]))
            raise ConflictError(
                f"{self.url}: dataset {match.get('id') or match.get('name')} changed on the portal "
                f"after it was read ({unmatched} no longer as read); nothing was overwritten") from None
        package: dict[str, Any] = result["package"]
        return package

    def resource_view_list(self, resource_id: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._require("resource_view_list", {"id": resource_id})
        return result

    def resource_view_create(self, resource_id: str, view_type: str, title: str) -> dict[str, Any]:
        result: dict[str, Any] = self.call("resource_view_create", {
            "resource_id": resource_id, "view_type": view_type, "title": title}, write=True)
        return result

    def resource_create(self, resource: Mapping[str, Any], upload: Upload | None = None,
                        progress: Callback | None = None) -> dict[str, Any]:
        return self._resource_write("resource_create", resource, upload, progress)

    def resource_patch(self, resource: Mapping[str, Any], upload: Upload | None = None,
                       progress: Callback | None = None) -> dict[str, Any]:
        return self._resource_write("resource_patch", resource, upload, progress)

    def _resource_write(self, action: str, resource: Mapping[str, Any], upload: Upload | None,
                        progress: Callback | None) -> dict[str, Any]:
        if upload is None:
            result: dict[str, Any] = self._require(action, resource, write=True)
        else:
            result = self.call_upload(action, resource, {"upload": upload}, progress=progress)
        return result

    def resource_delete(self, resource_id: str) -> None:
        self._require("resource_delete", {"id": resource_id}, write=True)

    def organization_create(self, name: str, title: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self.call("organization_create", {"name": name, "title": title or name},
                                           write=True)
        return result

    def datastore_create(self, resource_id: str, fields: list[dict[str, Any]],
                         records: list[dict[str, Any]], primary_key: list[str] | None = None) -> None:
        # force: resources with uploaded files are "read-only" to the DataStore without it
        data: dict[str, Any] = {"resource_id": resource_id, "force": True, "fields": fields,
                                "records": records}
        if primary_key:
            data["primary_key"] = primary_key
        self._require("datastore_create", data, write=True)

    def datastore_upsert(self, resource_id: str, records: list[dict[str, Any]],
                         method: str = "insert") -> None:
        self._require("datastore_upsert", {"resource_id": resource_id, "force": True,
                                           "records": records, "method": method}, write=True)

    def datastore_delete(self, resource_id: str) -> bool:
        """Drop the resource's DataStore table; False when it had none."""
        try:
            self.call("datastore_delete", {"resource_id": resource_id, "force": True}, write=True)
        except NotFound:
            return False
        return True

    def dataset_purge(self, name_or_id: str) -> None:
        self._require("dataset_purge", {"id": name_or_id}, write=True)

    def organization_purge(self, name_or_id: str) -> None:
        self._require("organization_purge", {"id": name_or_id}, write=True)

    def _require(self, action: str, data: Mapping[str, Any], *, write: bool = False) -> Any:
        """A call whose NotFound is an error, not an answer."""
        try:
            return self.call(action, data, write=write)
        except NotFound as exc:
            what = data.get("id") or data.get("resource_id")
            raise PortalError(self._redact(f"{self.url}: {action} found nothing for {what!r} "
                                           f"({exc})")) from None


@dataclass(frozen=True)
class PortalSchema:
    """The field names of a portal's ckanext-scheming dataset schema (dataset and resource)."""

    dataset_fields: frozenset[str]
    resource_fields: frozenset[str]

    @classmethod
    def of(cls, schema: Mapping[str, Any]) -> PortalSchema:
        def names(key: str) -> frozenset[str]:
            fields = schema.get(key)
            return frozenset(str(f["field_name"]) for f in fields if isinstance(f, dict)
                             and f.get("field_name")) if isinstance(fields, list) else frozenset()
        return cls(names("dataset_fields"), names("resource_fields"))


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


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


# -- the Data Package ⇄ CKAN dataset mapping (pure functions) ---------------------------------

# What publish puts between a Parquet resource's description and the link to its CSV twin.
TWIN_LINK = "\n\nCSV twin: "
HASH_ALGORITHM_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"  # what ckanext-dcat exports

# Data Package keys that have a CKAN field of their own; every other key goes to extras.
_MAPPED_PACKAGE_KEYS = frozenset({"name", "title", "description", "version", "keywords", "homepage",
                                  "licenses", "contributors", "resources"})
# Dataset keys that are CKAN's bookkeeping, not the publisher's metadata.
_CKAN_DATASET_INTERNALS = frozenset({
    "isopen", "num_tags", "num_resources", "state", "organization", "owner_org", "private", "type",
    "creator_user_id", "metadata_created", "metadata_modified", "groups", "revision_id",
    "relationships_as_subject", "relationships_as_object", "tracking_summary",
})
_CKAN_DATASET_MAPPED = frozenset({
    "notes", "url", "tags", "extras", "resources", "license_id", "license_title", "license_url",
    "author", "author_email", "maintainer", "maintainer_email",
})
# ckanext-dcat DCAT-AP fields that datarelease fills and maps back (:func:`dcat_fields`).
DCAT_DATASET_FIELDS = frozenset({"publisher", "contact", "theme", "language", "spatial_coverage",
                                  "temporal_coverage", "access_rights"})
_DCAT_RESOURCE_FIELDS = frozenset({"license", "availability"})
_MAPPED_RESOURCE_KEYS = frozenset({"name", "title", "description", "path", "format", "mediatype",
                                   "bytes", "hash", "schema"})
_CKAN_RESOURCE_INTERNALS = frozenset({"position", "datastore_active", "state",
                                      "datastore_contains_all_records_of_source_file"})
# CKAN normalises some format names (ckan.lib.helpers.unified_resource_format); send them that way.
_CKAN_FORMATS = {"csv": "CSV", "json": "JSON", "parquet": "Parquet", "xlsx": "XLSX", "zip": "ZIP"}
# SPDX ids, as Data Packages name licences, to the ids of CKAN's default licence list.
_SPDX_TO_CKAN = {
    "cc-by-4.0": "cc-by", "cc-by-3.0": "cc-by", "cc-by-2.0": "cc-by",
    "cc-by-sa-4.0": "cc-by-sa", "cc-by-sa-3.0": "cc-by-sa", "cc0-1.0": "cc-zero",
    "odbl-1.0": "odc-odbl", "pddl-1.0": "odc-pddl", "odc-by-1.0": "odc-by",
    "cc-by-nc-4.0": "cc-nc", "cc-by-nc-2.0": "cc-nc", "ogl-uk-3.0": "uk-ogl",
    "gfdl-1.3-or-later": "gfdl", "gfdl-1.3-only": "gfdl",
}
_AUTHOR_ROLES = frozenset({"author", "creator"})
# Extras may not use a key of CKAN's dataset schema; such descriptor keys (e.g. Data Package v2's
# ``id``) are stored under this prefix.
_EXTRA_PREFIX = "datapackage_"
# (CKAN 2.11's default_create_package_schema; validator extra_key_not_in_root_schema).
_CKAN_ROOT_KEYS = frozenset({
    "id", "name", "title", "author", "author_email", "maintainer", "maintainer_email", "license_id",
    "notes", "url", "version", "state", "type", "owner_org", "private", "resources", "tags",
    "tag_string", "plugin_data", "extras", "save", "return_to", "relationships_as_object",
    "relationships_as_subject", "groups",
})


def _norm_url(url: Any) -> str:
    if not isinstance(url, str):
        return ""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()


def license_id_for(licenses: list[Mapping[str, Any]], portal_licenses: Sequence[Mapping[str, Any]], *,
                   where: str = "datapackage.json") -> str:
    """The portal's id for the first licence: by id, by SPDX alias, or by URL; '' for none.

    An unknown licence is an error in the descriptor, naming the portal's ids to choose from.
    """
    if not licenses:
        return ""
    first = licenses[0]
    ids = {str(lic["id"]).lower(): str(lic["id"]) for lic in portal_licenses}
    urls = {_norm_url(lic.get("url")): str(lic["id"]) for lic in portal_licenses if lic.get("url")}
    name = str(first.get("name") or "").lower()
    for candidate in (name, _SPDX_TO_CKAN.get(name, "")):
        if candidate in ids:
            return ids[candidate]
    if _norm_url(first.get("path")) in urls:
        return urls[_norm_url(first.get("path"))]
    label = first.get("name") or first.get("path") or first.get("title")
    raise SchemaError(f"licence {label!r} is not one the portal knows (by id, SPDX id or URL); "
                      f"use one of its licence ids: {', '.join(sorted(ids.values()))}",
                      path=where, location="licenses[0]")


def _roles(contributor: Mapping[str, Any]) -> set[str]:
    roles = contributor.get("roles")
    if isinstance(roles, list):
        return {str(r) for r in roles}
    role = contributor.get("role")  # Data Package v1
    return {str(role)} if role else set()


def _people(contributors: list[Mapping[str, Any]]) -> dict[str, Any]:
    """CKAN's author and maintainer: the first author/creator (or role-less) and first maintainer."""
    out: dict[str, Any] = {}
    author = next((c for c in contributors if _roles(c) & _AUTHOR_ROLES or not _roles(c)), None)
    maintainer = next((c for c in contributors if "maintainer" in _roles(c)), None)
    for field, person in (("author", author), ("maintainer", maintainer)):
        out[field] = person.get("title") if person else None
        out[f"{field}_email"] = person.get("email") if person else None
    return out


def _contributors_from_people(dataset: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for field in ("author", "maintainer"):
        if dataset.get(field):
            person = {"title": dataset[field], "email": dataset.get(f"{field}_email"), "roles": [field]}
            out.append({k: v for k, v in person.items() if v})
    return out


def _extra_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def unjsonify(value: Any) -> Any:
    """A JSON object or array written as a string back to data; any other value as it is."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            return value
        if isinstance(parsed, dict | list):
            return parsed
    return value


# -- DCAT-AP fields of a portal that runs ckanext-scheming with ckanext-dcat's DCAT-AP schema ----

ACCESS_RIGHTS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
AVAILABILITY_STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"


def _agent_field(agent: Any, key: str) -> list[dict[str, str]]:
    """A Data Package agent (title, path, email, type) as a scheming agent (name, uri, email, type)."""
    from datarelease import dcat

    if not isinstance(agent, Mapping):
        raise SchemaError("must be an object (title, path, email, type)", path="datapackage.json",
                          location=key)
    out = {"name": str(agent.get("title") or ""), "uri": str(agent.get("path") or ""),
           "email": str(agent.get("email") or "")}
    if agent.get("type"):
        out["type"] = str(dcat.publisher_type_uri(str(agent["type"]), key))
    return [{k: v for k, v in out.items() if v}]


def _contact_field(contact: Any) -> list[dict[str, str]]:
    if not isinstance(contact, Mapping):
        raise SchemaError("must be an object (title, email, path)", path="datapackage.json",
                          location="contactPoint")
    out = {"name": str(contact.get("title") or contact.get("email") or ""),
           "email": str(contact.get("email") or ""), "url": str(contact.get("path") or "")}
    return [{k: v for k, v in out.items() if v}]


def _temporal_field(coverage: Any) -> list[dict[str, str]]:
    periods = coverage if isinstance(coverage, list) else [coverage]
    out = []
    for i, period in enumerate(periods):
        if not isinstance(period, Mapping) or not (period.get("start") or period.get("end")):
            raise SchemaError("each period needs a start or an end date (YYYY-MM-DD)",
                              path="datapackage.json", location=f"temporalCoverage[{i}]")
        out.append({k: str(period[k]) for k in ("start", "end") if period.get(k)})
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# Descriptor key → (scheming field of ckanext-dcat's DCAT-AP schema, how to map the value).
_DCAT_FIELD_MAPPERS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "publisher": ("publisher", lambda v: _agent_field(v, "publisher")),
    "contactPoint": ("contact", _contact_field),
    "themes": ("theme", lambda v: [str(_dcat().theme_uri(str(c), i)) for i, c in enumerate(_list(v))]),
    "language": ("language", lambda v: [str(_dcat().language_uri(str(t), i))
                                        for i, t in enumerate(_list(v))]),
    "spatialCoverage": ("spatial_coverage", lambda v: [{"uri": str(_dcat().country_uri(str(c), i))}
                                                       for i, c in enumerate(_list(v))]),
    "temporalCoverage": ("temporal_coverage", _temporal_field),
}


def _dcat() -> Any:
    from datarelease import dcat  # rdflib: only needed for a portal with DCAT-AP fields

    return dcat


def dcat_fields(descriptor: Mapping[str, Any], schema: PortalSchema) -> tuple[dict[str, Any], set[str]]:
    """The DCAT-AP dataset fields of ``schema`` that the descriptor fills, and the descriptor keys
    they carry (those need no extra). Codes become the EU vocabularies' URIs."""
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, (name, mapper) in _DCAT_FIELD_MAPPERS.items():
        if name in schema.dataset_fields and descriptor.get(key):
            fields[name] = mapper(descriptor[key])
            used.add(key)
    if "access_rights" in schema.dataset_fields:
        fields["access_rights"] = ACCESS_RIGHTS_PUBLIC  # datarelease publishes open data
    return fields, used


def _last_segment(uri: Any) -> str:
    return str(uri).rstrip("/").rsplit("/", 1)[-1]


def _agent_back(agents: Any) -> dict[str, str] | None:
    agent = agents[0] if isinstance(agents, list) and agents and isinstance(agents[0], dict) else None
    if agent is None:
        return None
    out = {"title": agent.get("name"), "path": agent.get("uri") or agent.get("url"),
           "email": agent.get("email"),
           "type": _last_segment(agent["type"]) if agent.get("type") else None}
    return {k: str(v) for k, v in out.items() if v}


def _language_back(uri: Any) -> str:
    code = _last_segment(uri)
    return next((tag for tag, eu in _dcat().LANGUAGES.items() if eu == code), code)


def _dcat_back(dataset: Mapping[str, Any]) -> dict[str, Any]:
    """The descriptor keys that :func:`dcat_fields` put into a scheming portal's DCAT-AP fields."""
    contact = _agent_back([{"name": c.get("name"), "email": c.get("email"), "url": c.get("url")}
                           for c in dataset.get("contact") or [] if isinstance(c, dict)])
    temporal = [{k: str(p[k]) for k in ("start", "end") if p.get(k)}
                for p in dataset.get("temporal_coverage") or [] if isinstance(p, dict)]
    out: dict[str, Any] = {
        "publisher": _agent_back(dataset.get("publisher")),
        "contactPoint": contact,
        "themes": [_last_segment(t) for t in dataset.get("theme") or []],
        "language": [_language_back(t) for t in dataset.get("language") or []],
        "spatialCoverage": [_last_segment(p["uri"]) for p in dataset.get("spatial_coverage") or []
                            if isinstance(p, dict) and p.get("uri")],
        "temporalCoverage": [p for p in temporal if p],
    }
    return {k: v for k, v in out.items() if v}


def dcat_resource_fields(descriptor: Mapping[str, Any], schema: PortalSchema) -> dict[str, Any]:
    """The DCAT-AP distribution fields every resource of the release shares: licence, availability."""
    fields: dict[str, Any] = {}
    licenses = descriptor.get("licenses") or []
    if "license" in schema.resource_fields and licenses:
        fields["license"] = str(_dcat().licence_uri(licenses[0]))
    if "availability" in schema.resource_fields:
        fields["availability"] = AVAILABILITY_STABLE
    return fields


def dataset_from_package(descriptor: Mapping[str, Any], *, portal_licenses: Sequence[Mapping[str, Any]],
                         owner_org: str | None = None, schema: PortalSchema | None = None) -> dict[str, Any]:
    """The CKAN dataset fields for a Data Package descriptor (resources are mapped one by one).

    Licences and contributors go to CKAN's fields and, when those lose something, whole to extras;
    keywords become tags. On a portal with ckanext-dcat's DCAT-AP schema (``schema``), publisher,
    contact point, themes, languages, places and periods go to its fields. Every other descriptor
    key becomes an extra (JSON for non-strings).
    """
    licenses = list(descriptor.get("licenses") or [])
    contributors = list(descriptor.get("contributors") or [])
    dataset: dict[str, Any] = {
        "name": descriptor["name"],
        "title": descriptor.get("title") or descriptor["name"],
        "notes": descriptor.get("description") or "",
        "version": descriptor.get("version") or "",
        "url": descriptor.get("homepage") or "",
        "license_id": license_id_for(licenses, portal_licenses),
        "tags": [{"name": str(k)} for k in descriptor.get("keywords") or []],
        **_people(contributors),
    }
    used: set[str] = set()
    if schema is not None:
        fields, used = dcat_fields(descriptor, schema)
        dataset.update(fields)
        # DCAT-AP requires a description (the DCAT-AP schema makes notes required): as `dcat` does
        dataset["notes"] = dataset["notes"] or dataset["title"]
    extras = {k: v for k, v in descriptor.items() if k not in _MAPPED_PACKAGE_KEYS and k not in used}
    if licenses and licenses != [{"name": dataset["license_id"]}]:
        extras["licenses"] = licenses
    if contributors and contributors != _contributors_from_people(dataset):
        extras["contributors"] = contributors
    root_keys = _CKAN_ROOT_KEYS | (schema.dataset_fields if schema else frozenset())
    dataset["extras"] = [{"key": _EXTRA_PREFIX + k if k in root_keys else k, "value": _extra_value(v)}
                         for k, v in sorted(extras.items())]
    if owner_org:
        dataset["owner_org"] = owner_org
    return dataset


def resource_fields(resource: Mapping[str, Any], *, sha256: str, size: int,
                    schema: Mapping[str, Any] | None = None,
                    dcat: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The CKAN resource fields for one Data Package resource whose file has ``sha256`` and ``size``.

    ``datarelease_*`` fields are ours (other tools rewrite ``hash``: the DataStore loaders put
    an MD5 there); ``hash`` with ``hash_algorithm`` is for ckanext-dcat's checksum export.
    """
    fmt = str(resource.get("format") or "")
    fields: dict[str, Any] = {
        "name": resource.get("title") or resource["name"],
        "description": resource.get("description") or "",
        "format": _CKAN_FORMATS.get(fmt.lower(), fmt.upper()),
        "mimetype": resource.get("mediatype") or "",
        "hash": sha256,
        "hash_algorithm": HASH_ALGORITHM_SHA256,
        "datarelease_name": resource["name"],
        "datarelease_sha256": sha256,
        "datarelease_bytes": size,
    }
    if schema is not None:
        fields["schema"] = json.dumps(schema, ensure_ascii=False)
    fields.update(dcat or {})
    for key, value in resource.items():
        if key not in _MAPPED_RESOURCE_KEYS and key not in fields:
            fields[key] = value
    return fields


# -- released versions: each release is also a frozen dataset that later releases never touch -----


def _version_title(title: str, version: str) -> str:
    return f"{title} (version {version})"


def frozen_descriptor(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """The release's descriptor as its frozen version dataset holds it: only ``name`` and
    ``title`` differ (``<name>-v1-4-0``, ``<title> (version 1.4.0)``); keys keep their order."""
    name, version = str(descriptor["name"]), str(descriptor["version"])
    title = str(descriptor.get("title") or name)
    return {**descriptor, "name": version_dataset_name(name, version),
            "title": _version_title(title, version)}


def released_descriptor(frozen: Mapping[str, Any], name: str, version: str) -> dict[str, Any]:
    """The inverse of :func:`frozen_descriptor`: the release's own ``name`` and ``title`` back."""
    title = str(frozen.get("title") or name).removesuffix(_version_title("", version))
    return {**frozen, "name": name, "title": title}


def _slug(name: str) -> str:
    """A Data Package resource name: lower case ASCII letters, digits and . _ - (accents dropped)."""
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in plain)
    return "-".join(part for part in slug.split("-") if part) or "resource"


def _resource_to_package(resource: Mapping[str, Any]) -> dict[str, Any]:
    ours = bool(resource.get("datarelease_name"))
    out: dict[str, Any] = {}
    for key, value in resource.items():
        if (key in _CKAN_RESOURCE_INTERNALS or key.startswith("datarelease_") or value is None
                or (ours and key in _DCAT_RESOURCE_FIELDS)):
            continue
        if key in ("url", "size", "mimetype", "hash", "hash_algorithm"):
            continue
        out[key] = unjsonify(value)
    if ours and isinstance(out.get("description"), str):  # publish adds the link to a CSV twin
        out["description"] = out["description"].split(TWIN_LINK, 1)[0]
    out["name"] = resource["datarelease_name"] if ours else _slug(str(resource.get("name") or ""))
    if ours and resource.get("name"):
        out["title"] = resource["name"]
        out["format"] = str(resource.get("format") or "").lower()
    if resource.get("url"):
        out["path"] = resource["url"]
    size = resource.get("datarelease_bytes") if ours else resource.get("size")
    if size is not None:
        out["bytes"] = int(size)
    if resource.get("mimetype"):
        out["mediatype"] = resource["mimetype"]
    digest = _resource_hash(resource)
    if digest:
        out["hash"] = digest
    return {k: v for k, v in out.items() if v is not None}


def _resource_hash(resource: Mapping[str, Any]) -> str | None:
    if resource.get("datarelease_sha256"):
        return f"sha256:{resource['datarelease_sha256']}"
    digest = str(resource.get("hash") or "")
    algorithm = str(resource.get("hash_algorithm") or "").lower()
    if not digest:
        return None
    if algorithm:
        name = algorithm.rsplit("_", 1)[-1].rsplit("#", 1)[-1].replace("-", "")
        return f"{name}:{digest}"
    return digest  # Data Package: a hash without prefix is MD5


def _unprefixed(key: str) -> str:
    """An extra's descriptor key: prefixed when it clashed with a field of CKAN's or of the
    portal's schema (which one is not known here, so every prefixed key is restored)."""
    return key.removeprefix(_EXTRA_PREFIX)


def _licenses(dataset: Mapping[str, Any], from_extras: Any) -> list[dict[str, Any]]:
    """CKAN's licence first (someone may have changed it there), then the rest kept in extras."""
    rest = [dict(lic) for lic in from_extras] if isinstance(from_extras, list) else []
    license_id = str(dataset.get("license_id") or "")
    if not license_id:
        return rest
    if rest and _same_license(rest[0], license_id, dataset.get("license_url")):
        return rest
    first = {"name": license_id, "title": dataset.get("license_title"), "path": dataset.get("license_url")}
    return [first, *rest[1:]]


def _same_license(licence: Mapping[str, Any], license_id: str, license_url: Any) -> bool:
    name = str(licence.get("name") or "").lower()
    return (name == license_id.lower() or _SPDX_TO_CKAN.get(name) == license_id
            or (bool(license_url) and _norm_url(licence.get("path")) == _norm_url(license_url)))


def package_from_dataset(dataset: Mapping[str, Any]) -> dict[str, Any]:
    """A Data Package descriptor for a CKAN dataset, including ones datarelease did not publish.

    Extras come back as top-level keys (JSON objects and arrays decoded); CKAN's bookkeeping is
    dropped; resources map ``url``→``path``, ``size``→``bytes``, ``mimetype``→``mediatype``.
    Deleted resources are left out.
    """
    extras = {str(e["key"]): unjsonify(e.get("value")) for e in dataset.get("extras") or []}
    restored = {_unprefixed(k): extras.pop(k) for k in list(extras) if _unprefixed(k) != k}
    out: dict[str, Any] = {}
    for key, value in dataset.items():
        if key not in _CKAN_DATASET_INTERNALS | _CKAN_DATASET_MAPPED | DCAT_DATASET_FIELDS:
            out[key] = value
    out["description"] = dataset.get("notes")
    out["homepage"] = dataset.get("url")
    tags = [str(t["name"]) for t in dataset.get("tags") or []]
    if tags:
        out["keywords"] = tags
    licenses = _licenses(dataset, extras.pop("licenses", None))
    if licenses:
        out["licenses"] = [{k: v for k, v in lic.items() if v is not None} for lic in licenses]
    contributors = (dataset.get("contributors") or extras.pop("contributors", None)
                    or _contributors_from_people(dataset))
    if contributors:
        out["contributors"] = contributors
    out.update({k: v for k, v in extras.items() if k not in out})
    out.update({k: v for k, v in _dcat_back(dataset).items() if k not in out})
    out.update(restored)  # the descriptor's own id etc. over CKAN's
    resources = [r for r in dataset.get("resources") or [] if r.get("state", "active") == "active"]
    if resources:
        out["resources"] = [_resource_to_package(r) for r in resources]
    return {k: v for k, v in out.items() if v is not None and v != ""}


# -- Table Schema → DataStore ---------------------------------------------------------------------

# Table Schema types to PostgreSQL types the DataStore accepts; anything else is stored as text.
_DATASTORE_TYPES = {
    "string": "text", "integer": "int8", "number": "numeric", "boolean": "bool", "date": "date",
    "datetime": "timestamp", "time": "time", "year": "int4", "object": "json", "array": "json",
    "list": "_text",
}
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def datastore_fields(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    """DataStore column definitions, typed from the Table Schema, with its titles and descriptions."""
    return [{"id": f["name"], "type": _DATASTORE_TYPES.get(f.get("type", "string"), "text"),
             "info": {"label": f.get("title") or "", "notes": f.get("description") or ""}}
            for f in schema.get("fields", [])]


def datastore_primary_key(schema: Mapping[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def datastore_record(schema: Mapping[str, Any], row: Mapping[str, str], *, where: str) -> dict[str, Any]:
    """One CSV row as DataStore values: missing values as null, lists split, JSON parsed.

    Numbers, dates and times stay strings: PostgreSQL parses them exactly (no float rounding).
    """
    missing = set(schema.get("missingValues", [""]))
    record: dict[str, Any] = {}
    for field in schema.get("fields", []):
        name, kind, raw = field["name"], field.get("type", "string"), row.get(field["name"])
        if raw is None or raw in missing:
            record[name] = None
            continue
        try:
            record[name] = _cast(field, kind, raw)
        except ValueError as exc:
            raise SchemaError(f"{raw!r} is not a valid {kind} ({exc})", path=where,
                              location=f"field {name}") from None
    return record


def _cast(field: Mapping[str, Any], kind: str, raw: str) -> Any:
    if kind in ("integer", "year"):
        return int(raw)
    if kind == "boolean":
        if raw in field.get("trueValues", _TRUE):
            return True
        if raw in field.get("falseValues", _FALSE):
            return False
        raise ValueError("not one of its true or false values")
    if kind == "list":
        return raw.split(field.get("delimiter", ","))
    if kind in ("object", "array"):
        return json.loads(raw)
    return raw

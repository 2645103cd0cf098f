"""The portal client: :class:`Portal` wraps the few CKAN actions datarelease uses.

It sends every call itself over a ``requests`` session (injectable, so tests point a real client
at a loopback proxy) and hands the response to ckanapi, which turns CKAN's error envelope back into
typed exceptions; those become ours (:mod:`datarelease.errors`) here and nowhere else, so this is
the only module that imports ckanapi. The API token is kept private: it is sent in the
``Authorization`` header only, and never appears in ``repr``, messages or counters.

Calls are counted (:meth:`Portal.counters`: calls, writes, bytes sent, bytes of files) for the
publish summary. Reads are retried with exponential backoff on connection errors, timeouts and
5xx; writes only when the request cannot have reached CKAN (connection refused) or CKAN said
503/429, because a write that failed half-way may have been applied and must not be applied
twice. Uploads are multipart bodies streamed from the open file, never held in memory.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

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

from datarelease import __version__
from datarelease.ckan.transport import (
    MultipartBody,
    Upload,
    check_token_transport,
    iter_body,
    never_sent,
    redact,
)
from datarelease.errors import (
    ConflictError,
    DataReleaseError,
    NotAuthorizedError,
    PortalError,
    PortalUnavailable,
    PortalValidationError,
)
from datarelease.progress import Callback

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
_RETRY_STATUS_FOR_WRITES = frozenset({429, 503})  # CKAN (or its proxy) did not run the action


MAX_ANSWER_BYTES = 32 << 20  # an Action API answer is JSON held in memory: cap what we accept


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

    def _post(self, action: str, body: Callable[[], tuple[bytes | MultipartBody, str]], *,
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
                if (write and not never_sent(exc)) or attempt == self.retries:
                    raise self._unavailable(action, exc, write=write) from None
            else:
                self._count_body(data, complete=True)
                retry = status in _RETRY_STATUS_FOR_WRITES or (not write and status >= 500)
                if not retry or attempt == self.retries:
                    return status, text
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _count_body(self, data: bytes | MultipartBody, *, complete: bool) -> None:
        if isinstance(data, MultipartBody):
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
        elif never_sent(exc):
            what = "connection refused"
        if write and not never_sent(exc):
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

        def body() -> tuple[MultipartBody, str]:
            multipart = MultipartBody(strings, files, progress)
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

"""A counting, fault-injecting HTTP proxy on loopback, in front of the real local CKAN.

Tests point a real :class:`datarelease.ckan.Portal` at :attr:`Proxy.url` and then read what went
over the wire: every request's method, CKAN action and body size. The proxy can also answer the
next requests with an HTTP error, run a callback before forwarding the n-th request (to make a
concurrent edit at an exact moment), and cut the connection from the n-th request on: before
forwarding (CKAN never sees it) or after (CKAN applied it, the client never hears back).
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Actions that only read; everything else counts as a write.
READ_ACTIONS = frozenset({
    "status_show", "user_show", "package_show", "organization_show", "license_list",
    "package_activity_list", "datastore_search", "datastore_info", "resource_show",
    "scheming_dataset_schema_show", "package_search", "resource_view_list",
})
MAX_BODY = 512 * 1024 * 1024  # a bound on what one request may carry through the proxy
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-connection", "content-length"}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    body_bytes: int
    status: int | None  # None: the proxy cut the connection

    @property
    def action(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]

    @property
    def is_write(self) -> bool:
        return "/api/" in self.path and self.action not in READ_ACTIONS


class Proxy:
    """Forwards to ``upstream`` (a loopback URL) and records each request in :attr:`seen`."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"the test proxy only forwards to loopback, not {upstream}")
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.seen: list[Seen] = []
        self.cut_from: int | None = None  # 1-based number of the first request to cut
        self.cut_after_forwarding = False
        self.before: dict[int, Callable[[], None]] = {}  # request number → run before forwarding
        self._fail: list[int] = []  # statuses to answer the next requests with
        self._lock = threading.Lock()
        self._count = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    # -- what tests set and read -------------------------------------------------------------

    def cut(self, after: int, *, forwarded: bool) -> None:
        """Cut every request after the first ``after`` ones; ``forwarded``: CKAN still gets it."""
        self.cut_from = after + 1
        self.cut_after_forwarding = forwarded

    def fail_next(self, count: int, status: int = 503) -> None:
        with self._lock:
            self._fail += [status] * count

    def reset(self) -> None:
        with self._lock:
            self.seen.clear()
            self.cut_from = None
            self.before.clear()
            self._fail.clear()
            self._count = 0

    @property
    def writes(self) -> list[Seen]:
        return [s for s in self.seen if s.is_write]

    def actions(self) -> list[str]:
        return [s.action for s in self.seen]

    def body_bytes(self, *, writes_only: bool = False) -> int:
        return sum(s.body_bytes for s in self.seen if s.is_write or not writes_only)

    # -- the server --------------------------------------------------------------------------

    def _next(self) -> tuple[int, int | None]:
        with self._lock:
            self._count += 1
            return self._count, (self._fail.pop(0) if self._fail else None)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: simple to cut

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    self.send_error(413)
                    return
                number, fail = proxy._next()
                body = self.rfile.read(length) if length else b""
                cut = proxy.cut_from is not None and number >= proxy.cut_from
                if cut and not proxy.cut_after_forwarding:
                    self._record(len(body), None)
                    self._drop()
                    return
                if fail is not None:
                    self._record(len(body), fail)
                    self.send_error(fail)
                    return
                hook = proxy.before.get(number)
                if hook is not None:
                    hook()
                status, reason, headers, payload = self._upstream(body)
                self._record(len(body), None if cut else status)
                if cut:
                    self._drop()
                    return
                self.send_response(status, reason)
                for name, value in headers:
                    if name.lower() not in _HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _upstream(self, body: bytes) -> tuple[int, str, list[tuple[str, str]], bytes]:
                conn = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=120)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                    headers["Content-Length"] = str(len(body))
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    response = conn.getresponse()
                    return response.status, response.reason, response.getheaders(), response.read()
                finally:
                    conn.close()

            def _record(self, size: int, status: int | None) -> None:
                with proxy._lock:
                    proxy.seen.append(Seen(self.command, self.path, size, status))

            def _drop(self) -> None:
                self.close_connection = True
                self.connection.shutdown(2)  # SHUT_RDWR: the client sees the connection end

            do_GET = do_POST = _forward

        return Handler

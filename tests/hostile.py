"""A hostile (or merely broken) CKAN portal on 127.0.0.1, for tests of what datarelease does with it.

Each route is a function that writes the whole answer itself through the request handler, so a
test can echo request headers, trickle bytes, promise more bytes than it sends, or never stop.
Every request is recorded (method, path, headers) in :attr:`HostilePortal.seen`.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = Callable[[BaseHTTPRequestHandler], None]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is what these tests do on purpose: no stack trace."""


class HostilePortal:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.stop = threading.Event()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                portal.seen.append((self.command, path, dict(self.headers)))
                route = portal.routes.get(path)
                if route is None:
                    send(self, 404, b'{"success": false, "error": {"__type": "Not Found Error", '
                                    b'"message": "Not found"}}')
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

            do_GET = do_POST = _handle

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HostilePortal:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, path: str) -> int:
        return sum(1 for _, p, _ in self.seen if p == path)

    def action(self, name: str, route: Route) -> None:
        self.routes[f"/api/3/action/{name}"] = route

    def file(self, name: str, route: Route) -> str:
        self.routes[f"/files/{name}"] = route
        return f"{self.url}/files/{name}"


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes,
         content_type: str = "application/json", length: int | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()
    if length is not None and length != len(body):
        handler.close_connection = True


def ok(result: Any) -> Route:
    body = json.dumps({"success": True, "result": result}).encode()
    return lambda h: send(h, 200, body)


def raw(status: int, body: bytes, content_type: str = "application/json") -> Route:
    return lambda h: send(h, status, body, content_type)


def echo_headers(status: int, content_type: str = "text/html", lead: str = "") -> Route:
    """A proxy's error page that shows the request it got, headers and all (the Authorization
    header first, after ``lead``)."""
    def route(h: BaseHTTPRequestHandler) -> None:
        headers = sorted(h.headers.items(), key=lambda kv: kv[0] != "Authorization")
        lines = " ".join(f"{k}: {v}" for k, v in headers)
        send(h, status, f"{lead}{lines} <html><body>Bad request</body></html>".encode(),
             content_type)
    return route


def echo_headers_json(status: int, error_type: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        headers = dict(h.headers.items())
        body = {"success": False, "error": {"__type": error_type, "message": json.dumps(headers),
                                            "headers": [json.dumps(headers)]}}
        send(h, status, json.dumps(body).encode())
    return route


def trickle(portal: HostilePortal, size: int, every: float) -> Route:
    """Promise ``size`` bytes and send one every ``every`` seconds."""
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(size))
        h.end_headers()
        for _ in range(size):
            if portal.stop.wait(every):
                return
            h.wfile.write(b"x")
            h.wfile.flush()
    return route


def cut_short(declared: int, body: bytes) -> Route:
    """Promise ``declared`` bytes, send ``body`` (fewer), and close the connection."""
    return lambda h: send(h, 200, body, "text/csv", length=declared)


def endless(portal: HostilePortal) -> Route:
    """No Content-Length; bytes until the client goes away."""
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/csv")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        chunk = b"a,b\n" * 16384
        while not portal.stop.is_set():
            h.wfile.write(chunk)
    return route


def dataset(portal: HostilePortal, descriptor: dict[str, Any], files: dict[str, Route],
            name: str = "hostile") -> dict[str, Any]:
    """A CKAN dataset whose datapackage.json resource is ``descriptor``, with ``files`` served."""
    resources = [{"id": "dp", "name": "datapackage.json",
                  "url": portal.file("datapackage.json", ok_bytes(json.dumps(descriptor).encode()))}]
    for index, (path, route) in enumerate(files.items()):
        resources.append({"id": f"r{index}", "name": path.rsplit(".", 1)[0],
                          "url": portal.file(path, route)})
    found = {"name": name, "metadata_modified": "2026-01-01T00:00:00", "resources": resources}
    portal.action("package_show", ok(found))
    return found


def ok_bytes(body: bytes, content_type: str = "application/json") -> Route:
    return lambda h: send(h, 200, body, content_type)


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False

"""Issue 9, items 11 and 13 (and 23 for portals): a hostile or broken portal, served by the tests
on 127.0.0.1 (tests/hostile.py), never gets the token printed, never holds a download for ever,
never fills the disk, never makes datarelease fetch elsewhere, and never causes a traceback."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from datarelease import ckan, download
from datarelease.errors import (
    DataReleaseError,
    PortalError,
    PortalUnavailable,
    VerificationError,
)

from . import hostile

TOKEN = "tok-3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f1a-secret"


def _leaks(text: str) -> bool:
    """True when ``text`` holds the token or any 12 characters of it (a message cut mid-token)."""
    return any(TOKEN[i:i + 12] in text for i in range(len(TOKEN) - 11))


@pytest.fixture
def portal() -> Iterator[hostile.HostilePortal]:
    with hostile.HostilePortal() as server:
        yield server


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
         ) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "CKAN_API_TOKEN_FILE"}
    full.update({"CKAN_API_TOKEN": TOKEN, **(env or {})})
    return subprocess.run([sys.executable, "-m", "datarelease", *args], capture_output=True,
                          text=True, timeout=timeout, env=full, check=False)


def _descriptor(**resource: object) -> dict[str, object]:
    return {"name": "hostile", "resources": [{"name": "t", "path": "t.csv", "format": "csv",
                                              **resource}]}


# --- item 11: the token ------------------------------------------------------------------------

@pytest.mark.parametrize("route", [
    hostile.echo_headers(400), hostile.echo_headers(403), hostile.echo_headers(418, "text/plain"),
    hostile.echo_headers(502), hostile.echo_headers(400, lead="x" * 50),
    hostile.echo_headers_json(409, "Validation Error"),
    hostile.echo_headers_json(404, "Not Found Error"),
    hostile.echo_headers_json(400, "Search Query Error"),
    hostile.echo_headers_json(400, "Some Other Error"),
], ids=["400-html", "403-html", "418-text", "502-html", "400-cut-in-the-token", "409-validation",
        "404-not-found",
        "400-search", "400-unknown"])
def test_an_answer_that_echoes_the_token_never_puts_it_in_a_message(
        portal: hostile.HostilePortal, route: hostile.Route, request: pytest.FixtureRequest) -> None:
    portal.action("package_show", route)
    portal.action("package_patch", route)
    client = ckan.Portal(portal.url, TOKEN, retries=0, timeout=5)
    calls = [lambda: client.package_patch({"id": "x"})]
    if "404" not in request.node.name:  # package_show's 404 is an answer (None), not an error
        calls.append(lambda: client.package_show("x"))
    for call in calls:
        with pytest.raises(DataReleaseError) as caught:
            call()
        assert not _leaks(str(caught.value))
        assert not _leaks(repr(caught.value.args))
        assert TOKEN not in json.dumps(getattr(caught.value, "error_dict", {}))
    assert portal.seen[0][2]["Authorization"] == TOKEN  # the portal did get it (and echoed it)


def test_the_cli_never_prints_the_token_from_an_echoing_portal(portal: hostile.HostilePortal,
                                                               tmp_path: Path) -> None:
    portal.action("package_show", hostile.echo_headers(400))
    done = _cli("download", portal.url, "x", "--to", str(tmp_path / "out"))
    assert done.returncode == 4, done.stderr
    assert not _leaks(done.stdout + done.stderr)
    assert "does not answer like a CKAN Action API" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_token_is_refused_over_http_to_another_host_unless_allowed() -> None:
    with pytest.raises(DataReleaseError, match=r"refusing to send the API token over plain "
                                               r"http:// to portal\.example"):
        ckan.Portal("http://portal.example", TOKEN)
    assert ckan.Portal("http://portal.example", TOKEN, allow_insecure_http=True).has_token
    assert ckan.Portal("http://portal.example").url == "http://portal.example"  # no token: fine
    assert ckan.Portal("https://portal.example", TOKEN).has_token
    for loopback in ("http://127.0.0.1:5000", "http://localhost:5000", "http://[::1]:5000",
                     "http://127.8.9.10"):
        assert ckan.Portal(loopback, TOKEN).has_token


@pytest.mark.parametrize("command", [
    ["download", "http://192.0.2.1/dataset/x", "--to", "{tmp}/out"],
    ["publish", "--ckan-url", "http://192.0.2.1", "--root", "{tmp}", "--dry-run"],
    ["diff", "http://192.0.2.1/dataset/x", "http://192.0.2.1/dataset/y"],
])
def test_the_cli_refuses_a_token_over_plain_http_before_any_connection(
        tmp_path: Path, command: list[str]) -> None:
    done = _cli(*[c.format(tmp=tmp_path) for c in command], timeout=60)
    assert done.returncode == 2, done.stderr
    assert "refusing to send the API token over plain http:// to 192.0.2.1" in done.stderr
    assert "--allow-insecure-http" in done.stderr
    assert TOKEN not in done.stdout + done.stderr


def test_the_token_can_come_from_a_file(portal: hostile.HostilePortal, tmp_path: Path) -> None:
    portal.action("package_show", hostile.raw(404, b'{"success": false, "error": '
                                                   b'{"__type": "Not Found Error"}}'))
    token_file = tmp_path / "token"
    token_file.write_text("file-token-1234567890\n", encoding="utf-8")
    token_file.chmod(0o600)
    env = {"CKAN_API_TOKEN": ""}
    done = _cli("download", portal.url, "x", "--to", str(tmp_path / "o"), "--api-token-file",
                str(token_file), env=env)
    assert done.returncode == 4, done.stderr
    done = _cli("download", portal.url, "x", "--to", str(tmp_path / "o"),
                env={**env, "CKAN_API_TOKEN_FILE": str(token_file)})
    assert done.returncode == 4, done.stderr
    assert [h.get("Authorization") for _, _, h in portal.seen] == ["file-token-1234567890"] * 2
    assert "file-token" not in done.stdout + done.stderr
    both = _cli("download", portal.url, "x", "--to", str(tmp_path / "o"), "--api-token-file",
                str(token_file))
    assert both.returncode == 2 and "not both" in both.stderr
    missing = _cli("download", portal.url, "x", "--to", str(tmp_path / "o"), "--api-token-file",
                   str(tmp_path / "nope"), env=env)
    assert missing.returncode == 2 and "cannot read the API token file" in missing.stderr


# --- item 13: download from a hostile portal -----------------------------------------------------

def test_a_portal_that_trickles_cannot_hold_a_download_for_ever(portal: hostile.HostilePortal,
                                                                tmp_path: Path) -> None:
    hostile.dataset(portal, _descriptor(), {"t.csv": hostile.trickle(portal, 10_000, 0.2)})
    started = time.monotonic()
    with pytest.raises(PortalUnavailable, match="not finished within the time allowed"):
        download.download(portal.url, "hostile", to=tmp_path / "out", timeout=2.0)
    assert time.monotonic() - started < 15
    assert not (tmp_path / "out").exists()
    started = time.monotonic()
    done = _cli("download", portal.url, "hostile", "--to", str(tmp_path / "out"), "--timeout", "2")
    assert done.returncode == 4, done.stderr
    assert "not finished within the time allowed (--timeout)" in done.stderr
    assert time.monotonic() - started < 20


def test_a_slow_api_answer_is_bounded_by_the_deadline_too(portal: hostile.HostilePortal,
                                                           tmp_path: Path) -> None:
    portal.action("package_show", hostile.trickle(portal, 10_000, 0.2))
    started = time.monotonic()
    with pytest.raises(PortalUnavailable, match="time allowed"):
        download.download(portal.url, "hostile", to=tmp_path / "out", timeout=2.0)
    assert time.monotonic() - started < 15


def test_a_file_of_unknown_size_is_capped(portal: hostile.HostilePortal, tmp_path: Path) -> None:
    hostile.dataset(portal, _descriptor(), {"t.csv": hostile.endless(portal)})
    with pytest.raises(VerificationError, match=r"more than 300000 bytes.*--max-file-bytes"):
        download.download(portal.url, "hostile", to=tmp_path / "out", max_file_bytes=300_000)
    assert not (tmp_path / "out").exists()


def test_api_answers_are_read_with_a_size_cap(portal: hostile.HostilePortal) -> None:
    portal.action("package_show", hostile.endless(portal))  # no Content-Length, never ends
    client = ckan.Portal(portal.url, retries=0, timeout=5, max_answer_bytes=1 << 20)
    with pytest.raises(PortalError, match=r"more than the 1048576 bytes accepted"):
        client.package_show("x")
    portal.action("package_show", hostile.ok({"name": "x" * 2_000_000}))
    with pytest.raises(PortalError, match=r"answer is \d+ bytes, more than the 1048576"):
        client.package_show("x")


def test_a_dropped_connection_is_retried_then_exit_4_without_a_traceback(
        portal: hostile.HostilePortal, tmp_path: Path) -> None:
    hostile.dataset(portal, _descriptor(bytes=1000), {"t.csv": hostile.cut_short(1000, b"a,b\n1,2\n")})
    with pytest.raises(PortalUnavailable, match="connection broke or ended before the whole file"):
        download.download(portal.url, "hostile", to=tmp_path / "out")
    assert portal.requests_to("/files/t.csv") == 3
    done = _cli("download", portal.url, "hostile", "--to", str(tmp_path / "out"))
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("key", ["dialect", "schema", "profile", "$schema"])
def test_urls_in_a_downloaded_descriptor_are_never_fetched(portal: hostile.HostilePortal,
                                                           tmp_path: Path, key: str) -> None:
    bait = portal.file("bait.json", hostile.ok_bytes(b'{"delimiter": ";"}'))
    hostile.dataset(portal, _descriptor(**{key: bait}), {"t.csv": hostile.ok_bytes(b"a\n1\n")})
    with pytest.raises(VerificationError, match=rf"refers to URLs.*{re.escape(key)} '{bait}'"):
        download.download(portal.url, "hostile", to=tmp_path / "out")
    assert portal.requests_to("/files/bait.json") == 0


@pytest.mark.parametrize(("body", "expected"), [
    (b"[" * 200_000, "nested too deeply"), (b"{not json", "is not JSON"),
    (b'{"resources": 1}', "not a Data Package descriptor"),
])
def test_a_junk_descriptor_is_a_verification_error(portal: hostile.HostilePortal, tmp_path: Path,
                                                   body: bytes, expected: str) -> None:
    hostile.dataset(portal, {}, {})
    portal.routes["/files/datapackage.json"] = hostile.ok_bytes(body)
    with pytest.raises(VerificationError, match=expected):
        download.download(portal.url, "hostile", to=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_resource_url_that_is_not_http_is_refused(portal: hostile.HostilePortal,
                                                    tmp_path: Path) -> None:
    found = hostile.dataset(portal, _descriptor(), {"t.csv": hostile.ok_bytes(b"a\n1\n")})
    found["resources"][1]["url"] = "file:///etc/passwd"
    portal.action("package_show", hostile.ok(found))
    with pytest.raises(VerificationError, match="only http:// and https:// URLs"):
        download.download(portal.url, "hostile", to=tmp_path / "out")


def _staging(target: Path) -> list[Path]:
    return list(target.glob(".datarelease-download-*")) if target.exists() else []


def test_ctrl_c_removes_the_staging_folder(portal: hostile.HostilePortal, tmp_path: Path) -> None:
    hostile.dataset(portal, _descriptor(), {"t.csv": hostile.trickle(portal, 100_000, 0.05)})
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "datarelease", "download", portal.url,
                                "hostile", "--to", str(target)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "CKAN_API_TOKEN": ""})
    assert hostile.wait_for(lambda: any((s / "t.csv").exists() for s in _staging(target)))
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]


def test_a_killed_downloads_staging_folder_is_removed_next_time(portal: hostile.HostilePortal,
                                                                tmp_path: Path) -> None:
    hostile.dataset(portal, _descriptor(), {"t.csv": hostile.trickle(portal, 100_000, 0.05)})
    target = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "datarelease", "download", portal.url,
                                "hostile", "--to", str(target)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "CKAN_API_TOKEN": ""})
    assert hostile.wait_for(lambda: any((s / "t.csv").exists() for s in _staging(target)))
    process.kill()
    process.communicate(timeout=60)
    left = _staging(target)
    assert len(left) == 1  # SIGKILL: nothing could clean up
    hostile.dataset(portal, _descriptor(bytes=3), {"t.csv": hostile.cut_short(3, b"a\n")})
    with pytest.raises(PortalUnavailable):
        download.download(portal.url, "hostile", to=target)
    assert _staging(target) == []


# --- property: whatever package_show answers, a result or a documented error ----------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "resources", "url", "id", "state", "datarelease_name",
                         "datarelease_sha256", "size", "metadata_modified", "x"]), inner,
        max_size=4),
    max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=st.one_of(
    _JSON.map(lambda r: json.dumps({"success": True, "result": r}).encode()),
    _JSON.map(lambda r: json.dumps(r).encode()),
    st.binary(max_size=200),
), status=st.sampled_from([200, 200, 200, 400, 404, 409, 500]))
def test_any_package_show_answer_is_a_result_or_a_documented_error(
        portal: hostile.HostilePortal, tmp_path: Path, answer: bytes, status: int) -> None:
    portal.action("package_show", hostile.raw(status, answer))
    portal.routes["/files/d"] = hostile.ok_bytes(b"a\n1\n")
    target = tmp_path / "out"
    before = sorted(p.name for p in tmp_path.iterdir())
    client = ckan.Portal(portal.url, retries=0, timeout=5, backoff=0)
    try:
        download.download(portal.url, "x", to=target, portal=client, timeout=20)
    except DataReleaseError as exc:
        assert exc.exit_code in (1, 2, 3, 4, 5)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "out") == \
        [n for n in before if n != "out"]
    assert _staging(target) == []


_RESOURCE_KEYS = st.sampled_from(["name", "path", "format", "bytes", "hash", "schema", "dialect",
                                  "profile", "type", "encoding", "mediatype"])
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.text(max_size=12),
                    st.sampled_from(["t.csv", "../t.csv", "/etc/passwd", "sub/t.csv", "sha256:00",
                                     "md5:zz", "datapackage.json", "csv", "x:y", "C:\\t.csv",
                                     ".datarelease-download-x/t.csv", "http://127.0.0.1:9/x"]),
                    st.lists(st.text(max_size=3), max_size=2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resources=st.lists(st.dictionaries(_RESOURCE_KEYS, _VALUES, max_size=6), max_size=3),
       extra=st.dictionaries(st.sampled_from(["name", "profile", "$schema", "version"]), _VALUES,
                             max_size=2))
@example(resources=[], extra={"$schema": True})  # crashed the validation engine (AttributeError)
@example(resources=[], extra={"profile": "datapackage.json"})  # read a local file as a profile
def test_any_downloaded_descriptor_is_a_release_or_a_documented_error(
        portal: hostile.HostilePortal, tmp_path: Path, resources: list[dict[str, object]],
        extra: dict[str, object]) -> None:
    """Whatever datapackage.json the portal serves: no traceback, nothing outside the target."""
    hostile.dataset(portal, {**extra, "resources": resources},
                    {"t.csv": hostile.ok_bytes(b"a,b\n1,2\n", "text/csv")})
    target = tmp_path / "out"
    outside = sorted(p.name for p in tmp_path.iterdir() if p.name != "out")
    client = ckan.Portal(portal.url, retries=0, timeout=5, backoff=0)
    try:
        download.download(portal.url, "hostile", to=target, portal=client, timeout=20)
    except DataReleaseError as exc:
        assert exc.exit_code in (1, 2, 3, 4, 5)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "out") == outside
    assert _staging(target) == []
    if target.exists():
        for path in target.rglob("*"):
            assert path.resolve().is_relative_to(target.resolve())

"""consume: ``datarelease.load`` / ``connect`` against the real local CKAN, through a sha256-keyed cache.

Every HTTP request of a load is counted: the test's loopback proxy (tests/proxy.py) is set as the
HTTP proxy of the process, so the portal's API calls and the file downloads both go through it.
Releases are published with the project's own publish and release (each test its own names,
purged after), as tests/test_download.py does.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import datarelease
from datarelease import ckan, consume, download, pipeline, publish, release, versions
from datarelease.errors import DataReleaseError, PortalError

from .ckan_fixtures import CkanEnv
from .proxy import Proxy

# --------------------------------------------------------------------------- helpers


def _build(root: Path, name: str) -> Path:
    metadata = root / "datasets" / "dataset.yaml"
    metadata.write_text(re.sub(r"(?m)^name: .*$", f"name: {name}", metadata.read_text(encoding="utf-8")),
                        encoding="utf-8")
    pipeline.build(root)
    return root


def _change(root: Path) -> None:
    """A patch-sized change: one organisation's English name."""
    registry = root / "datasets" / "organisations.yaml"
    old = "name_en: Swedish Association of Local Authorities and Regions"
    registry.write_text(registry.read_text(encoding="utf-8").replace(old, old + " (SALAR)"),
                        encoding="utf-8")
    pipeline.build(root)


def _publish(env: CkanEnv, root: Path, org: str) -> None:
    portal = ckan.Portal(env.url, env.token, backoff=0.05)
    publish.apply(publish.plan(root, portal, org=org, datastore=False), portal)


def _same_frames(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(want)
    for name, frame in want.items():
        pd.testing.assert_frame_equal(got[name], frame)


def _files_fetched(proxy: Proxy) -> list[str]:
    """Requests that fetched a file (not an API call)."""
    return [s.path for s in proxy.seen if "/api/" not in s.path]


@pytest.fixture
def counting(ckan_env: CkanEnv, monkeypatch: pytest.MonkeyPatch) -> Iterator[Proxy]:
    """Every HTTP request of this process goes through the counting proxy (a forward proxy here)."""
    with Proxy(ckan_env.url) as proxy:
        for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        yield proxy


@pytest.fixture
def names(ckan_names: dict[str, str], ckan_portal: ckan.Portal) -> Iterator[dict[str, str]]:
    """This test's dataset and organisation; the frozen version datasets are purged too."""
    yield ckan_names
    for version in ("0.1.0", "0.1.1"):
        frozen = versions.version_dataset_name(ckan_names["dataset"], version)
        if ckan_portal.package_show(frozen) is not None:
            ckan_portal.dataset_purge(frozen)


# --------------------------------------------------------------------------- the latest release


def test_a_second_load_asks_the_portal_once_and_downloads_nothing(
        ckan_env: CkanEnv, names: dict[str, str], release_root: Path, tmp_path: Path,
        counting: Proxy) -> None:
    root = _build(release_root, names["dataset"])
    _publish(ckan_env, root, names["org"])
    url = f"{ckan_env.url}/dataset/{names['dataset']}"
    cache = tmp_path / "cache"
    resources = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["resources"]

    counting.reset()
    first = datarelease.load(url, cache_dir=cache, token=ckan_env.token)
    _same_frames(first, download.load(root))
    assert len(_files_fetched(counting)) == len(resources) + 1  # and the descriptor

    counting.reset()
    second = datarelease.load(url, cache_dir=cache, token=ckan_env.token)
    assert counting.actions() == ["package_show"]  # one metadata request, no file
    _same_frames(second, first)

    _change(root)  # the portal moves on: the next load sees it and downloads the new release
    _publish(ckan_env, root, names["org"])
    counting.reset()
    third = datarelease.load(url, cache_dir=cache, token=ckan_env.token)
    assert counting.actions()[0] == "package_show" and _files_fetched(counting)
    _same_frames(third, download.load(root))
    assert "(SALAR)" in " ".join(third["organisations"]["name_en"].dropna())
    # the old release is no longer pointed at, so its files left the cache; unchanged ones stayed
    blobs = {p.name for p in (cache / "blobs").glob("*/*")}
    manifests = list((cache / "trees").glob("*.json"))
    assert len(manifests) == 1
    assert blobs == {f["sha256"] for f in json.loads(manifests[0].read_text())}


def test_concurrent_loads_download_once_and_connect_gives_every_table(
        ckan_env: CkanEnv, names: dict[str, str], release_root: Path, tmp_path: Path,
        counting: Proxy) -> None:
    root = _build(release_root, names["dataset"])
    _publish(ckan_env, root, names["org"])
    url = f"{ckan_env.url}/dataset/{names['dataset']}"
    cache = tmp_path / "cache"
    counting.reset()
    results: list[dict[str, pd.DataFrame]] = []
    failures: list[BaseException] = []

    def one() -> None:
        try:
            results.append(datarelease.load(url, cache_dir=cache, token=ckan_env.token))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == [] and len(results) == 3
    want = download.load(root)
    for got in results:
        _same_frames(got, want)
    descriptor_fetches = [p for p in _files_fetched(counting) if p.endswith("/datapackage.json")]
    assert len(descriptor_fetches) == 1  # the others waited, then found it cached

    counting.reset()
    con = datarelease.connect(url, cache_dir=cache, token=ckan_env.token)
    assert counting.actions() == ["package_show"]
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    tables = {row[0] for row in views}
    assert tables == set(want)
    for name, frame in want.items():
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone() == (len(frame),)
    sql = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'organisations'").fetchone()
    assert sql is not None and str(cache / "trees") in sql[0] and "read_parquet" in sql[0]
    relationships = want["organisation_relationships"]
    ids = con.execute("SELECT list(relationship_id ORDER BY relationship_id) "
                      "FROM organisation_relationships").fetchone()
    assert ids == (sorted(relationships["relationship_id"]),)
    con.close()


# --------------------------------------------------------------------------- pinned versions


def test_a_cached_pinned_version_needs_no_request_and_is_verified(
        ckan_env: CkanEnv, names: dict[str, str], release_root: Path, tmp_path: Path,
        counting: Proxy) -> None:
    root = _build(release_root, names["dataset"])
    portal = ckan.Portal(ckan_env.url, ckan_env.token, backoff=0.05)
    release.release(root, portal=portal, org=names["org"], today="2026-12-01")  # latest + 0.1.0
    v1 = download.load(root)
    cache = tmp_path / "cache"
    pinned = f"{ckan_env.url}/dataset/{names['dataset']}@0.1.0"
    latest = f"{ckan_env.url}/dataset/{names['dataset']}"

    counting.reset()
    _same_frames(datarelease.load(pinned, cache_dir=cache, token=ckan_env.token), v1)
    assert _files_fetched(counting)
    counting.reset()
    _same_frames(datarelease.load(pinned, cache_dir=cache, token=ckan_env.token), v1)
    assert counting.seen == []  # pinned and cached: zero requests
    counting.reset()
    datarelease.load(pinned, cache_dir=cache, token=ckan_env.token, refresh=True)
    assert counting.actions() == ["package_show"]

    # the latest is the same release: same files, so the same tree, and nothing new downloaded
    counting.reset()
    _same_frames(datarelease.load(latest, cache_dir=cache, token=ckan_env.token), v1)
    assert len(list((cache / "trees").glob("*.json"))) == 1

    # a cached file that changed on disk is noticed, dropped and downloaded again
    blob = next(p for p in (cache / "blobs").glob("*/*")
                if p.stat().st_size > 100 and p.read_bytes().startswith(b"organisation_id,"))
    blob.chmod(0o644)
    blob.write_bytes(blob.read_bytes().replace(b"SKR", b"XYZ"))
    counting.reset()
    _same_frames(datarelease.load(pinned, cache_dir=cache, token=ckan_env.token), v1)
    assert _files_fetched(counting)
    assert b"SKR" in blob.read_bytes()

    # bounded: with room for one release, loading another evicts the least recently used
    _change(root)
    release.release(root, portal=portal, today="2026-12-02")  # latest is now 0.1.1
    counting.reset()
    v2 = datarelease.load(latest, cache_dir=cache, token=ckan_env.token, max_bytes=1)
    _same_frames(v2, download.load(root))
    assert len(list((cache / "trees").glob("*.json"))) == 1
    assert len(list((cache / "refs").glob("*.json"))) == 1
    counting.reset()
    datarelease.load(pinned, cache_dir=cache, token=ckan_env.token, max_bytes=1)
    assert _files_fetched(counting)  # 0.1.0 had been evicted


def test_a_missing_dataset_or_version_is_a_portal_error(
        ckan_env: CkanEnv, names: dict[str, str], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(PortalError, match="no dataset"):
        datarelease.load(f"{ckan_env.url}/dataset/{names['dataset']}", cache_dir=cache)
    with pytest.raises(PortalError, match=r"no version 9\.9\.9"):
        datarelease.load(f"{ckan_env.url}/dataset/{names['dataset']}@9.9.9", cache_dir=cache)
    assert list(cache.glob("refs/*.json")) == []


# --------------------------------------------------------------------------- no portal needed


def test_a_local_folder_loads_in_place(release_root: Path) -> None:
    pipeline.build(release_root)
    _same_frames(datarelease.load(release_root), download.load(release_root))
    _same_frames(datarelease.load(str(release_root / "datapackage.json")), download.load(release_root))
    con = datarelease.connect(release_root)
    assert con.execute("SELECT count(*) FROM organisations").fetchone() == (
        len(download.load(release_root)["organisations"]),)
    con.close()


def test_a_table_without_parquet_is_still_a_view(release_root: Path) -> None:
    pipeline.build(release_root)
    descriptor = release_root / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"] = [r for r in data["resources"] if r["name"] != "organisations-parquet"]
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    con = consume.connect(release_root)
    frame = con.execute("SELECT * FROM organisations ORDER BY organisation_id").df()
    assert list(frame["organisation_id"]) == sorted(download.load(release_root)["organisations"]
                                                    ["organisation_id"])
    con.close()


@pytest.mark.parametrize("url", [
    "https://data.example.org/dataset/roads",
    "https://data.example.org/catalogue/dataset/roads@1.4.0",
    'https://data.example.org/dataset/a"b\\c',
])
def test_the_snippet_is_python_that_loads_that_url(url: str) -> None:
    code = consume.snippet(url)
    calls = [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr in ("load", "connect")]
    assert {c.func.attr for c in calls} == {"load", "connect"}  # type: ignore[attr-defined]
    assert all(isinstance(c.args[0], ast.Constant) and c.args[0].value == url for c in calls)


@pytest.mark.parametrize("url", ["https://data.example.org/roads", "https://x/dataset/roads@1.4"])
def test_the_snippet_refuses_what_is_not_a_dataset_url(url: str) -> None:
    with pytest.raises(DataReleaseError):
        consume.snippet(url)


def test_importing_datarelease_does_not_import_the_consumer_side() -> None:
    code = ("import sys, datarelease\n"
            "print(sorted(m for m in ('pandas', 'duckdb', 'requests', 'datarelease.consume') "
            "if m in sys.modules))\n"
            "assert datarelease.load.__module__ == 'datarelease.consume'\n"
            "print('datarelease.consume' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
    with pytest.raises(AttributeError):
        datarelease.nothing_like_this  # noqa: B018


def test_the_cache_is_per_user_and_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATARELEASE_CACHE_DIR", str(tmp_path / "named"))
    assert consume.default_cache_dir() == tmp_path / "named"
    monkeypatch.delenv("DATARELEASE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert consume.default_cache_dir() == tmp_path / "xdg" / "datarelease" / "releases"
    monkeypatch.setenv("DATARELEASE_CACHE_MAX_BYTES", "1000")
    cache = consume._cache(None, None)
    assert cache.max_bytes == 1000 and (cache.root.stat().st_mode & 0o777) == 0o700
    monkeypatch.setenv("DATARELEASE_CACHE_MAX_BYTES", "lots")
    with pytest.raises(DataReleaseError, match="DATARELEASE_CACHE_MAX_BYTES"):
        consume._cache(None, None)


@pytest.mark.parametrize("call", [consume.load, consume.fetch, consume.connect])
def test_a_token_is_not_sent_over_plain_http_unless_allowed(tmp_path: Path, call: object,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python API refuses what the CLI refuses, and names its own opt-in."""
    import socket

    def no_connection(*args: object) -> None:
        raise AssertionError("a connection was attempted before the refusal")

    monkeypatch.setattr(socket.socket, "connect", no_connection)
    with pytest.raises(DataReleaseError, match=r"allow_insecure_http=True"):
        call("http://192.0.2.1/dataset/x", token="secret-token-0123456789",  # type: ignore[operator]
             cache_dir=tmp_path)

"""Fixtures for tests against the real local CKAN (``scripts/ckan-local start``).

The portal's URL and sysadmin token come from the env file named by ``DATARELEASE_CKAN_ENV_FILE``
or printed by ``scripts/ckan-local env``. When no portal answers, the tests are skipped locally
but fail when ``CI`` is set: CI must never pass by silently skipping the portal tests.
Every test gets its own dataset name and organisation name (uuid suffix); both are purged after.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from datarelease.ckan import Portal
from datarelease.errors import PortalError

from .proxy import Proxy

REPO = Path(__file__).resolve().parent.parent


def _env_file() -> Path | None:
    named = os.environ.get("DATARELEASE_CKAN_ENV_FILE")
    if named:
        return Path(named)
    try:
        out = subprocess.run([str(REPO / "scripts" / "ckan-local"), "env"], capture_output=True,
                             text=True, timeout=30, check=False)
    except OSError:
        return None
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def _no_portal(reason: str) -> None:
    message = f"no local CKAN: {reason} (start it with scripts/ckan-local start)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class CkanEnv:
    """The local portal's URL and sysadmin token; the token stays out of reprs (pytest prints them)."""

    url: str
    token: str = field(repr=False)

    def as_env(self) -> dict[str, str]:
        return {"CKAN_URL": self.url, "CKAN_API_TOKEN": self.token}


def _portal_env(url_key: str) -> CkanEnv:
    path = _env_file()
    if path is None or not path.is_file():
        _no_portal("no env file")
    assert path is not None
    env = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            env[key.strip()] = value.strip()
    if not env.get(url_key) or not env.get("CKAN_API_TOKEN"):
        _no_portal(f"{path} lacks {url_key} or CKAN_API_TOKEN")
    try:
        Portal(env[url_key], retries=0, timeout=5).status_show()
    except PortalError as exc:
        _no_portal(str(exc))
    return CkanEnv(env[url_key], env["CKAN_API_TOKEN"])


@pytest.fixture(scope="session")
def ckan_env() -> CkanEnv:
    """CKAN_URL and CKAN_API_TOKEN of the local portal (ckanext-scheming with ckanext-dcat's
    DCAT-AP schema), which answered status_show."""
    return _portal_env("CKAN_URL")


@pytest.fixture(scope="session")
def plain_ckan_env() -> CkanEnv:
    """The plain CKAN beside it (CKAN_PLAIN_URL: CKAN's own dataset schema, same databases)."""
    return _portal_env("CKAN_PLAIN_URL")


@pytest.fixture
def plain_ckan_portal(plain_ckan_env: CkanEnv) -> Portal:
    return Portal(plain_ckan_env.url, plain_ckan_env.token, backoff=0.05)


@pytest.fixture
def ckan_portal(ckan_env: CkanEnv) -> Portal:
    """A sysadmin client of the local portal, talking to it directly."""
    return Portal(ckan_env.url, ckan_env.token, backoff=0.05)


@pytest.fixture
def ckan_proxy(ckan_env: CkanEnv) -> Iterator[Proxy]:
    with Proxy(ckan_env.url) as running:
        yield running


@pytest.fixture
def proxied_portal(ckan_proxy: Proxy, ckan_env: CkanEnv) -> Portal:
    """A sysadmin client of the local portal that goes through the counting proxy."""
    return Portal(ckan_proxy.url, ckan_env.token, backoff=0.05)


def _fresh_names(portal: Portal) -> Iterator[dict[str, str]]:
    suffix = uuid.uuid4().hex[:10]
    chosen = {"dataset": f"dr-test-{suffix}", "org": f"dr-test-org-{suffix}"}
    yield chosen
    if portal.package_show(chosen["dataset"]) is not None:
        portal.dataset_purge(chosen["dataset"])
    if portal.organization_show(chosen["org"]) is not None:
        portal.organization_purge(chosen["org"])


@pytest.fixture
def ckan_names(ckan_portal: Portal) -> Iterator[dict[str, str]]:
    """A fresh dataset name and organisation name; whatever exists by them is purged after."""
    yield from _fresh_names(ckan_portal)


@pytest.fixture
def plain_ckan_names(plain_ckan_portal: Portal) -> Iterator[dict[str, str]]:
    """The same for the plain CKAN (a dataset with DCAT extras is purged through it)."""
    yield from _fresh_names(plain_ckan_portal)


@pytest.fixture
def ckan_release(tmp_path: Path, ckan_names: dict[str, str]) -> Path:
    """A copy of this repository's built release (descriptor, publish/, schemas/) named for the test."""
    root = tmp_path / "release"
    root.mkdir()
    for folder in ("publish", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = ckan_names["dataset"]
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return root

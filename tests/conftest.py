"""Shared fixtures: a throw-away copy of this repository's release inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def release_root(tmp_path: Path) -> Path:
    """A copy of datasets/ and schemas/ to build into, so tests never touch the repository."""
    root = tmp_path / "release"
    root.mkdir()
    shutil.copytree(REPO / "datasets", root / "datasets")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


# Fixtures for the real local CKAN (portal, counting proxy, per-test names): tests/ckan_fixtures.py
from .ckan_fixtures import (  # noqa: E402
    ckan_env,
    ckan_names,
    ckan_portal,
    ckan_proxy,
    ckan_release,
    plain_ckan_env,
    plain_ckan_names,
    plain_ckan_portal,
    proxied_portal,
)

__all__ = ["ckan_env", "ckan_names", "ckan_portal", "ckan_proxy", "ckan_release", "plain_ckan_env",
           "plain_ckan_names", "plain_ckan_portal", "proxied_portal"]

"""End to end on the real local CKAN: a steward adds a new page, reviews the draft, builds,
validates and releases it (tests/ckan_fixtures.py: skipped without a portal, failing in CI)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datarelease import ckan
from datarelease.ckan import Portal
from datarelease.cli import main

from .ckan_fixtures import CkanEnv

REPO = Path(__file__).resolve().parent.parent
NEW_PAGE = Path(__file__).parent / "data" / "drafting" / "ks-2021-10-12-veileder.txt"


@pytest.fixture
def steward(tmp_path: Path, ckan_names: dict[str, str], ckan_portal: Portal) -> Iterator[Path]:
    """The seed's inputs under a dataset name of the test's; frozen versions purged after."""
    root = tmp_path / "steward"
    shutil.copytree(REPO / "datasets", root / "datasets")
    shutil.copytree(REPO / "schemas", root / "schemas")
    metadata = root / "datasets" / "dataset.yaml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(re.sub(r"(?m)^name: .*$", f"name: {ckan_names['dataset']}", text),
                        encoding="utf-8")
    yield root
    for version in ("0.1.0", "0.2.0"):
        frozen = ckan.version_dataset_name(ckan_names["dataset"], version)
        if ckan_portal.package_show(frozen) is not None:
            ckan_portal.dataset_purge(frozen)


def _run(args: list[str], env: dict[str, str] | None = None) -> str:
    done = CliRunner().invoke(main, args, env=env)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.mark.ckan
def test_add_review_build_validate_release(steward: Path, ckan_env: CkanEnv,
                                           ckan_names: dict[str, str],
                                           ckan_portal: Portal) -> None:
    root = str(steward)
    env = ckan_env.as_env()
    _run(["build", "--root", root])
    first = _run(["release", "--root", root, "--org", ckan_names["org"]], env)
    assert "First release: 0.1.0" in first

    # the steward adds a new page: a draft that build leaves out
    added = _run(["add", str(NEW_PAGE), "--root", root])
    assert "draft written" in added
    draft_path = steward / "datasets" / "annotations" / "ks-2021-10-12-veileder.yaml"
    built = _run(["build", "--root", root])
    assert "1 draft not released: ks-2021-10-12-veileder.yaml" in built
    nothing = CliRunner().invoke(main, ["release", "--root", root], env=env)
    assert nothing.exit_code == 3 and "nothing changed since the last release" in nothing.output

    # review: check the facts, drop the proposed organisation (not needed), remove the draft mark
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    assert draft["status"] == "draft"
    [document] = draft["policy_documents"]
    assert (document["title"], document["issuer"]) == ("Innovasjon i kommunene", "no-ks")
    reviewed = draft_path.read_text(encoding="utf-8").replace("status: draft\n", "")
    reviewed = reviewed[:reviewed.index("# Organisations the page names")]
    draft_path.write_text(reviewed, encoding="utf-8")

    built = _run(["build", "--root", root])
    assert "draft" not in built
    _run(["build", "--root", root, "--check"])
    _run(["build", "--root", root, "--strict"])
    _run(["validate", str(steward / "datapackage.json")])
    second = _run(["release", "--root", root], env)
    assert "Released 0.2.0 (minor, from 0.1.0)" in second
    assert "news_items: 1 row added" in second and "policy_principles: 3 rows added" in second
    latest = ckan_portal.package_show(ckan_names["dataset"])
    assert latest is not None and latest["version"] == "0.2.0"
    news = next(r for r in latest["resources"] if r.get("datarelease_name") == "news_items"
                and r.get("format", "").lower() == "csv")
    assert news["datarelease_sha256"]
    assert (steward / "RELEASES.md").read_text(encoding="utf-8").startswith("# Releases\n")

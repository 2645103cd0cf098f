"""download: fetch a release from the real local CKAN, verify it, refuse what does not verify; load.

Portal tests publish with :mod:`datarelease.publish` (or build datasets through :class:`Portal`
calls where publish would not make them), each under its own dataset name, purged after. They skip
when no local CKAN answers, and fail instead when ``CI`` is set (tests/ckan_fixtures.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner

from datarelease import ckan, download, pipeline, publish, release, versions
from datarelease.cli import main
from datarelease.errors import (
    DataReleaseError,
    NotAuthorizedError,
    SchemaError,
    ValidationFailed,
    VerificationError,
)
from datarelease.progress import Callback

from .ckan_fixtures import CkanEnv

# --------------------------------------------------------------------------- the local portal


@dataclass(frozen=True)
class Site:
    url: str
    token: str = field(repr=False)  # never in a failure report

    def portal(self) -> ckan.Portal:
        return ckan.Portal(self.url, self.token, backoff=0.05)


@dataclass(frozen=True)
class Names:
    dataset: str
    org: str


@pytest.fixture
def site(ckan_env: CkanEnv) -> Site:
    """The local portal (tests/ckan_fixtures.py skips, or fails in CI, when none answers)."""
    return Site(ckan_env.url, ckan_env.token)


@pytest.fixture
def names(ckan_names: dict[str, str]) -> Names:
    """This test's own dataset and organisation names (purged after by the shared fixture)."""
    return Names(ckan_names["dataset"], ckan_names["org"])


# --------------------------------------------------------------------------- releases


def _build(root: Path, name: str) -> Path:
    """Build the release in ``root`` and name it ``name`` (the dataset publish creates)."""
    pipeline.build(root)
    descriptor = root / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["name"] = name
    descriptor.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return root


def _second_release(release_root: Path, tmp_path: Path, name: str) -> Path:
    """The same release with one organisation's English name changed: organisations differs."""
    root = tmp_path / "release-v2"
    shutil.copytree(release_root / "datasets", root / "datasets")
    shutil.copytree(release_root / "schemas", root / "schemas")
    registry = root / "datasets" / "organisations.yaml"
    text = registry.read_text(encoding="utf-8")
    old = "name_en: Swedish Association of Local Authorities and Regions"
    assert old in text
    registry.write_text(text.replace(old, old + " (SALAR)"), encoding="utf-8")
    return _build(root, name)


def _publish(site: Site, root: Path, names: Names,
             progress: Callback | None = None) -> None:
    portal = site.portal()
    publish.apply(publish.plan(root, portal, org=names.org, datastore=False), portal, progress)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _release_files(root: Path) -> dict[str, bytes]:
    """What a download of ``root``'s release must hold: the descriptor, its files and schemas."""
    resources = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    wanted = ({"datapackage.json"} | {r["path"] for r in resources}
              | {r["schema"] for r in resources if "schema" in r})
    return {k: v for k, v in _files(root).items() if k in wanted}


def _resource(site: Site, dataset: str, datarelease_name: str) -> dict[str, Any]:
    shown = site.portal().package_show(dataset)
    assert shown is not None
    return next(r for r in shown["resources"] if r.get("datarelease_name") == datarelease_name)


@pytest.fixture
def published(site: Site, names: Names, release_root: Path) -> Path:
    return _published(site, names, release_root)


def _published(site: Site, names: Names, release_root: Path) -> Path:
    root = _build(release_root, names.dataset)
    _publish(site, root, names)
    return root


# --------------------------------------------------------------------------- round trip


def test_a_published_release_downloads_byte_for_byte_and_verifies(
        site: Site, names: Names, published: Path, tmp_path: Path) -> None:
    to = tmp_path / "out"
    result = download.download(site.url, names.dataset, to=to, token=site.token)

    assert _files(to) == _release_files(published)  # schemas too, as the repository has them
    assert result.verified and result.report.valid and not result.notes
    data = {f.path: f for f in result.files if f.resource is not None}
    resources = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert len(data) == len(resources) and {f.check for f in data.values()} == {download.VERIFIED}
    assert data["publish/organisations.csv"].resource == "organisations"
    assert data["publish/organisations.csv"].sha256 == hashlib.sha256(
        (published / "publish/organisations.csv").read_bytes()).hexdigest()
    assert result.descriptor == to / "datapackage.json"
    assert not list(to.glob(".datarelease-*"))  # the staging folder is gone
    for table, frame in download.load(to).items():
        pd.testing.assert_frame_equal(frame, download.load(published)[table])


def test_a_dataset_page_url_works_and_a_private_dataset_needs_the_token(
        site: Site, names: Names, published: Path, tmp_path: Path) -> None:
    site.portal().package_patch({"id": names.dataset, "private": True})
    page = f"{site.url}/dataset/{names.dataset}"

    with pytest.raises(NotAuthorizedError, match="no API token was given"):
        download.download(page, to=tmp_path / "anonymous")
    assert not (tmp_path / "anonymous").exists()

    result = download.download(page, to=tmp_path / "out", token=site.token)
    assert result.verified
    assert _files(tmp_path / "out") == _release_files(published)


def test_the_cli_prints_every_file_as_verified(site: Site, names: Names, published: Path,
                                               tmp_path: Path) -> None:
    to = tmp_path / "out"
    result = CliRunner().invoke(main, ["download", site.url, names.dataset, "--to", str(to)],
                                env={"CKAN_API_TOKEN": site.token})
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"Downloaded into {to}"
    csv_line = next(line for line in lines if line.startswith("publish/organisations.csv "))
    size = (published / "publish/organisations.csv").stat().st_size
    assert csv_line.split() == ["publish/organisations.csv", str(size), "bytes", "verified"]
    count = len(json.loads((published / "datapackage.json").read_text(encoding="utf-8"))["resources"])
    assert f"Verified: {count} files match datapackage.json (bytes and sha256)." in lines
    assert lines[-1] == f"Valid: {count} resources, 0 errors."
    assert site.token not in result.stdout


# --------------------------------------------------------------------------- what must not verify


def test_a_file_tampered_with_on_the_portal_is_named_and_nothing_changes(
        site: Site, names: Names, published: Path, tmp_path: Path) -> None:
    to = tmp_path / "out"
    download.download(site.url, names.dataset, to=to, token=site.token)
    before = _files(to)
    tampered = tmp_path / "organisations.csv"
    tampered.write_bytes((published / "publish/organisations.csv").read_bytes()
                         .replace(b"Regjeringen", b"Regjeringem"))  # same size, other bytes
    resource = _resource(site, names.dataset, "organisations")
    with tampered.open("rb") as f:
        site.portal().resource_patch({"id": resource["id"]}, ckan.Upload(f, "organisations.csv", "text/csv"))

    with pytest.raises(VerificationError) as raised:
        download.download(site.url, names.dataset, to=to, token=site.token)
    message = str(raised.value)
    assert "resource 'organisations' (publish/organisations.csv): sha256" in message
    assert "1 file(s)" in message  # only the tampered file
    assert _files(to) == before
    assert not list(to.glob(".datarelease-*"))

    fresh = tmp_path / "fresh"
    cli = CliRunner().invoke(main, ["download", f"{site.url}/dataset/{names.dataset}", "--to", str(fresh),
                                    "--api-token", site.token])
    assert cli.exit_code == 5
    assert "publish/organisations.csv" in cli.stderr and cli.stderr.startswith("Error: ")
    assert not fresh.exists()


def test_a_hostile_descriptor_path_is_refused(site: Site, names: Names, tmp_path: Path) -> None:
    payload = b"a,b\n1,2\n"
    sha = hashlib.sha256(payload).hexdigest()
    evil = {"name": "evil", "path": "../evil.csv", "format": "csv", "bytes": len(payload),
            "hash": f"sha256:{sha}"}
    descriptor = {"name": names.dataset, "resources": [evil]}
    _upload_dataset(site, names, tmp_path / "upload", {
        "evil.csv": (payload, ckan.resource_fields(evil, sha256=sha, size=len(payload))),
        "datapackage.json": _descriptor_upload(descriptor)})

    to = tmp_path / "nested" / "out"
    with pytest.raises(VerificationError, match=r"resource 'evil': refusing path '\.\./evil\.csv'"):
        download.download(site.url, names.dataset, to=to, token=site.token)
    assert not (tmp_path / "nested" / "evil.csv").exists()
    assert not to.exists()


def test_a_release_that_verifies_but_does_not_validate_is_not_written(
        site: Site, names: Names, release_root: Path, tmp_path: Path) -> None:
    root = _build(release_root, names.dataset)
    csv_path = root / "publish/organisations.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b",NO,", b",Norway,", 1))  # breaks a pattern
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(r for r in descriptor["resources"] if r["name"] == "organisations")
    entry["bytes"] = csv_path.stat().st_size  # the descriptor tells the truth about the bad file
    entry["hash"] = f"sha256:{hashlib.sha256(csv_path.read_bytes()).hexdigest()}"
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    _publish(site, root, names)

    to = tmp_path / "out"
    with pytest.raises(ValidationFailed, match="verifies but does not validate") as raised:
        download.download(site.url, names.dataset, to=to, token=site.token)
    found = {(f.resource, f.type) for f in raised.value.report.findings}
    assert ("organisations", "constraint-error") in found
    assert not to.exists()


def _descriptor_upload(descriptor: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    data = json.dumps(descriptor).encode()
    fields = ckan.resource_fields({"name": "datapackage.json", "format": "json"},
                                  sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return data, fields


def _upload_dataset(site: Site, names: Names, folder: Path,
                    files: dict[str, tuple[bytes, dict[str, Any]]], **dataset: Any) -> None:
    """A public dataset with one uploaded resource per file, made with plain Portal calls."""
    portal = site.portal()
    org = portal.organization_create(names.org)
    # notes: the portal's DCAT-AP schema requires a description
    created = portal.package_create({"name": names.dataset, "owner_org": org["id"],
                                     "notes": "A test dataset.", **dataset})
    folder.mkdir()
    for filename, (data, fields) in files.items():
        (folder / filename).write_bytes(data)
        with (folder / filename).open("rb") as f:
            portal.resource_create({**fields, "package_id": created["id"]}, ckan.Upload(f, filename))


# --------------------------------------------------------------------------- a publish under way


class _Interrupted(Exception):
    """Stops a publish after its first file, as a crash or a cut connection would."""


def _stop_after(files: int) -> Callback:
    """A progress callback that interrupts the publish when a file after the first ``files`` starts."""
    started: list[str] = []

    def progress(label: str, done: int, total: int | None) -> None:
        if not started or started[-1] != label:
            started.append(label)
            if len(started) > files:
                raise _Interrupted(label)

    return progress


def _once(action: Callable[[], None]) -> Callback:
    """A download progress callback that runs ``action`` once, right after the descriptor arrived."""
    done = False

    def progress(label: str, received: int, expected: int | None) -> None:
        nonlocal done
        if not done:
            done = True
            action()

    return progress


def test_a_publish_half_way_gives_a_verification_error_never_mixed_tables(
        site: Site, names: Names, release_root: Path, tmp_path: Path) -> None:
    _published(site, names, release_root)
    v2 = _second_release(release_root, tmp_path, names.dataset)

    def half_publish() -> None:
        with pytest.raises(_Interrupted):  # organisations.csv is replaced, nothing else
            _publish(site, v2, names, progress=_stop_after(1))

    to = tmp_path / "out"
    with pytest.raises(VerificationError, match=r"resource 'organisations' \(publish/organisations\.csv\)"):
        download.download(site.url, names.dataset, to=to, token=site.token, progress=_once(half_publish))
    assert not to.exists()


def test_a_publish_that_completes_during_a_download_gives_the_new_release(
        site: Site, names: Names, release_root: Path, tmp_path: Path) -> None:
    v1 = _published(site, names, release_root)
    v1_files = _release_files(v1)
    v2 = _second_release(release_root, tmp_path, names.dataset)
    assert _release_files(v2)["publish/organisations.csv"] != v1_files["publish/organisations.csv"]

    to = tmp_path / "out"
    result = download.download(site.url, names.dataset, to=to, token=site.token,
                               progress=_once(lambda: _publish(site, v2, names)))
    assert result.verified
    assert _files(to) == _release_files(v2)


# --------------------------------------------------------------------------- not published by us


def test_a_plain_ckan_dataset_downloads_with_a_descriptor_mapped_from_ckan(
        site: Site, names: Names, tmp_path: Path) -> None:
    cities = b"city,population\nOslo,709000\nBergen,291000\n"
    rivers = b"river,length_km\nGlomma,621\n"
    _upload_dataset(site, names, tmp_path / "upload", {
        "cities.csv": (cities, {"name": "Cities of Norway", "format": "CSV"}),
        "rivers.csv": (rivers, {"name": "Rivers", "format": "CSV", "description": "Long ones"}),
    }, title="Norway in numbers", notes="Two small tables.", license_id="cc-by",
        tags=[{"name": "norway"}])

    to = tmp_path / "out"
    result = download.download(site.url, names.dataset, to=to)

    assert not result.verified
    assert any("no datapackage.json on the portal" in note for note in result.notes)
    assert _files(to)["data/cities.csv"] == cities and _files(to)["data/rivers.csv"] == rivers
    descriptor = json.loads((to / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"], descriptor["keywords"]) == \
        (names.dataset, "Norway in numbers", ["norway"])
    assert descriptor["licenses"][0]["name"] == "cc-by"
    by_path = {r["path"]: r for r in descriptor["resources"]}
    assert set(by_path) == {"data/cities.csv", "data/rivers.csv"}
    assert by_path["data/cities.csv"]["bytes"] == len(cities)
    assert by_path["data/cities.csv"]["hash"] == f"sha256:{hashlib.sha256(cities).hexdigest()}"
    assert by_path["data/rivers.csv"]["description"] == "Long ones"
    checks = {f.path: f.check for f in result.files}
    assert checks == {"datapackage.json": download.MAPPED, "data/cities.csv": download.SIZE_CHECKED,
                      "data/rivers.csv": download.SIZE_CHECKED}  # CKAN knows the size of uploads
    assert result.report.valid

    frames = download.load(to)
    cities_frame = frames[by_path["data/cities.csv"]["name"]]
    assert cities_frame["city"].tolist() == ["Oslo", "Bergen"]
    assert cities_frame["population"].tolist() == [709000, 291000]


# --------------------------------------------------------------------------- without a portal


def test_load_returns_typed_frames_from_the_parquet_files(release_root: Path) -> None:
    pipeline.build(release_root)
    frames = download.load(release_root)

    assert set(frames) == {r["name"] for r in json.loads(
        (release_root / "datapackage.json").read_text())["resources"] if r["format"] == "csv"}
    news = frames["news_items"]
    assert news["published"].dtype == pd.ArrowDtype(pa.date32())
    assert news["published"].iloc[0] == dt.date(2020, 9, 10)
    assert news["news_item_id"].dtype == pd.StringDtype()
    assert frames["policy_principles"]["position"].dtype == pd.Int64Dtype()
    assert frames["policy_principles"]["position"].tolist() == [1, 2, 3]
    aliases = frames["organisations"]["aliases"]
    assert aliases.dtype == pd.ArrowDtype(pa.list_(pa.string()))
    assert frames["organisations"]["acronym"].isna().any()  # missing values stay missing


def test_load_reads_csv_with_the_table_schema_types_when_there_is_no_parquet(release_root: Path) -> None:
    pipeline.build(release_root)
    from_parquet = download.load(release_root / "datapackage.json")
    descriptor_path = release_root / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r["format"].lower() != "parquet"]
    descriptor_path.write_text(json.dumps(descriptor))

    from_csv = download.load(release_root)
    assert set(from_csv) == set(from_parquet)
    # CSV cannot tell an empty list from a missing one (both are ""): Table Schema reads missing
    aliases = from_parquet["organisations"]["aliases"]
    assert aliases.map(len).min() == 0 and not aliases.isna().any()
    assert from_csv["organisations"]["aliases"].isna().sum() == (aliases.map(len) == 0).sum()
    from_parquet["organisations"]["aliases"] = aliases.where(aliases.map(len) > 0, None)
    for table, frame in from_csv.items():
        pd.testing.assert_frame_equal(frame, from_parquet[table], check_dtype=True)


@pytest.mark.parametrize("path", ["../x.csv", "/etc/passwd", "publish/../../x.csv", "C:/x.csv",
                                  "https://example.org/x.csv", "publish\\..\\x.csv", "datapackage.json"])
def test_load_refuses_paths_outside_the_release(tmp_path: Path, path: str) -> None:
    (tmp_path / "datapackage.json").write_text(json.dumps(
        {"name": "x", "resources": [{"name": "x", "path": path, "format": "csv"}]}))
    with pytest.raises(SchemaError, match="refusing path"):
        download.load(tmp_path)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://data.example.org/dataset/roads", ("https://data.example.org", "roads", None)),
    ("https://data.example.org/ckan/dataset/roads/resource/abc?x=1",
     ("https://data.example.org/ckan", "roads", None)),
    ("http://127.0.0.1:5000/dataset/a%20b/", ("http://127.0.0.1:5000", "a b", None)),
    ("https://data.example.org/dataset/roads@1.4.0/", ("https://data.example.org", "roads", "1.4.0")),
])
def test_dataset_page_urls_name_portal_dataset_and_version(
        url: str, expected: tuple[str, str, str | None]) -> None:
    assert download.parse_dataset_url(url) == expected


@pytest.mark.parametrize("url", ["https://data.example.org/", "https://data.example.org/dataset/",
                                 "ftp://x/dataset/roads"])
def test_other_urls_need_a_dataset_name(url: str) -> None:
    with pytest.raises(DataReleaseError, match="give the portal URL and the dataset name"):
        download.parse_dataset_url(url)


# --------------------------------------------------------------------------- earlier versions


@pytest.mark.parametrize(("args", "message"), [
    (["https://data.example.org", "roads", "--version", "1.4"],
     "Error: version '1.4' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)\n"),
    (["https://data.example.org", "roads@1.4.0", "--version", "1.5.0"],
     "Error: two versions asked for: 1.4.0 (in roads@1.4.0) and 1.5.0\n"),
    (["https://data.example.org/dataset/roads@"],
     "Error: 'roads@': expected NAME@VERSION, e.g. roads@1.4.0\n"),
])
def test_a_version_that_cannot_be_asked_for_is_a_usage_error(
        tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["download", *args, "--to", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (2, message)
    assert not (tmp_path / "out").exists()


@pytest.fixture
def frozen_purged(site: Site, names: Names) -> Iterator[None]:
    """The frozen version datasets that release publishes are purged after (before the org)."""
    yield
    portal = site.portal()
    for version in ("0.1.0", "0.1.1"):
        frozen = versions.version_dataset_name(names.dataset, version)
        if portal.package_show(frozen) is not None:
            portal.dataset_purge(frozen)


def test_an_earlier_version_downloads_byte_for_byte_as_it_was_released(
        site: Site, names: Names, release_root: Path, tmp_path: Path, frozen_purged: None) -> None:
    metadata = release_root / "datasets" / "dataset.yaml"
    metadata.write_text(re.sub(r"(?m)^name: .*$", f"name: {names.dataset}",
                               metadata.read_text(encoding="utf-8")), encoding="utf-8")
    pipeline.build(release_root)
    first = release.release(release_root, portal=site.portal(), org=names.org, today="2026-11-26")
    v1 = _release_files(release_root)
    registry = release_root / "datasets" / "organisations.yaml"
    text = registry.read_text(encoding="utf-8")
    old = "name_en: Swedish Association of Local Authorities and Regions"
    registry.write_text(text.replace(old, old + " (SALAR)"), encoding="utf-8")
    pipeline.build(release_root)
    second = release.release(release_root, portal=site.portal(), today="2026-11-27")
    assert (first.prepared.new_version, second.prepared.new_version) == ("0.1.0", "0.1.1")
    assert _release_files(release_root)["publish/organisations.csv"] != v1["publish/organisations.csv"]

    cli_to = tmp_path / "cli"
    shown = CliRunner().invoke(main, ["download", site.url, names.dataset, "--version", "0.1.0",
                                      "--to", str(cli_to)], env={"CKAN_API_TOKEN": site.token})
    assert (shown.exit_code, shown.stderr) == (0, "")
    resources = len(json.loads(v1["datapackage.json"])["resources"])
    assert f"Verified: {resources} files match datapackage.json (bytes and sha256)." in shown.stdout
    assert _files(cli_to) == v1  # the descriptor too: the release's own name and title are back

    result = download.download(site.url, names.dataset, to=tmp_path / "lib", token=site.token,
                               version="0.1.0")
    assert result.verified and result.report.valid and not result.notes
    assert _files(tmp_path / "lib") == v1
    assert next(f for f in result.files if f.path == "datapackage.json").sha256 == hashlib.sha256(
        v1["datapackage.json"]).hexdigest()
    page = download.download(f"{site.url}/dataset/{names.dataset}@0.1.0", to=tmp_path / "page",
                             token=site.token)
    assert _files(tmp_path / "page") == v1 and page.verified
    latest = download.download(site.url, names.dataset, to=tmp_path / "latest", token=site.token)
    assert _files(tmp_path / "latest") == _release_files(release_root) and latest.verified

    missing = CliRunner().invoke(main, ["download", site.url, names.dataset, "--version", "9.9.9",
                                        "--to", str(tmp_path / "none")], env={"CKAN_API_TOKEN": site.token})
    assert (missing.exit_code, missing.stderr) == (4, (
        f"Error: {site.url} has no version 9.9.9 of dataset '{names.dataset}' (no dataset "
        f"'{names.dataset}-v9-9-9'; or it is private and no token with access to it was given)\n"))
    assert not (tmp_path / "none").exists()

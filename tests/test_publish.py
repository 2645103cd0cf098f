"""datarelease.publish against the real local CKAN: plan and apply, idempotence, conflicts, faults.

Every test publishes a copy of this repository's release under its own dataset and organisation
name; what went over the wire is read from the counting proxy (tests/proxy.py) on loopback.
"""

from __future__ import annotations

import csv
import hashlib
import json
import socket
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import requests
from click.testing import CliRunner

from datarelease import ckan, publish
from datarelease.ckan import Portal
from datarelease.cli import main
from datarelease.errors import ConflictError, NotAuthorizedError, PortalError, PortalUnavailable

from .ckan_fixtures import CkanEnv
from .proxy import Proxy

pytestmark = pytest.mark.ckan

TABLES = 8
# CSV and Parquet per table, the organisation network (SVG), and datapackage.json
FILES = 2 * TABLES + 1 + 1
IMAGES = 1  # the organisation network (SVG): it gets CKAN's image view


# -- helpers: change a copy of the release, read the portal like a consumer ----------------------


def _descriptor(root: Path) -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def _write_descriptor(root: Path, descriptor: dict[str, Any]) -> None:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (root / "datapackage.json").write_text(text, encoding="utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def change_table(root: Path, table: str, column: str, value: str) -> None:
    """Set ``column`` of the first row of ``table`` in its CSV and its Parquet twin, and re-describe them."""
    csv_path, parquet_path = root / f"publish/{table}.csv", root / f"publish/{table}.parquet"
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index(column)] = value
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    arrow = pq.read_table(parquet_path)
    records = arrow.to_pylist()
    records[0][column] = value
    pq.write_table(pa.Table.from_pylist(records, schema=arrow.schema), parquet_path)
    descriptor = _descriptor(root)
    for resource in descriptor["resources"]:
        if resource["path"] in (f"publish/{table}.csv", f"publish/{table}.parquet"):
            data = (root / resource["path"]).read_bytes()
            resource["bytes"], resource["hash"] = len(data), f"sha256:{_sha256(data)}"
    _write_descriptor(root, descriptor)


def remove_table(root: Path, table: str) -> None:
    descriptor = _descriptor(root)
    gone = (table, f"{table}-parquet")
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in gone]
    _write_descriptor(root, descriptor)
    (root / f"publish/{table}.csv").unlink()
    (root / f"publish/{table}.parquet").unlink()


def ours(dataset: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The dataset's datarelease resources by key; fails on a duplicate key."""
    keys = Counter(r.get("datarelease_name") for r in dataset["resources"])
    duplicates = [k for k, n in keys.items() if k and n > 1]
    assert not duplicates, f"duplicate resources: {duplicates}"
    return {r["datarelease_name"]: r for r in dataset["resources"] if r.get("datarelease_name")}


def consumer_check(dataset: dict[str, Any], token: str | None = None) -> list[str]:
    """Download like a consumer: the descriptor, then every file it lists, by the portal's URLs.

    Returns the names of files that do not match the descriptor (a verification error).
    """
    headers = {"Authorization": token} if token else {}
    resources = ours(dataset)
    descriptor = requests.get(resources["datapackage.json"]["url"], headers=headers, timeout=30).json()
    bad = []
    for resource in descriptor["resources"]:
        remote = resources.get(resource["name"])
        data = requests.get(remote["url"], headers=headers, timeout=30).content if remote else b""
        if f"sha256:{_sha256(data)}" != resource["hash"] or len(data) != resource["bytes"]:
            bad.append(resource["name"])
    return bad


def local_hashes(root: Path) -> dict[str, str]:
    hashes = {r["name"]: r["hash"].removeprefix("sha256:") for r in _descriptor(root)["resources"]}
    hashes["datapackage.json"] = _sha256((root / "datapackage.json").read_bytes())
    return hashes


def published(portal: Portal, root: Path, org: str, **kwargs: Any) -> publish.PublishSummary:
    return publish.apply(publish.plan(root, portal, org=org, **kwargs), portal)


def assert_converged(portal: Portal, root: Path, org: str) -> dict[str, Any]:
    """The portal holds exactly the local release, public, and a new plan has nothing to do."""
    dataset = portal.package_show(_descriptor(root)["name"])
    assert dataset is not None and dataset["private"] is False
    assert {k: r["datarelease_sha256"] for k, r in ours(dataset).items()} == local_hashes(root)
    assert consumer_check(dataset) == []
    again = publish.plan(root, portal, org=org)
    assert again.dataset_action == "none", publish.render_plan(again)
    return dataset


def _actions(plan: publish.Plan) -> dict[str, str]:
    return {r.key: r.action for r in plan.resources}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the scenarios -------------------------------------------------------------------------------


def test_first_publish(proxied_portal: Portal, ckan_proxy: Proxy, ckan_portal: Portal,
                       ckan_release: Path, ckan_names: dict[str, str], ckan_env: CkanEnv) -> None:
    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    assert ckan_proxy.writes == []  # planning only reads
    assert (plan.dataset_action, plan.organization_action, plan.make_public) == ("create", "create", True)
    assert set(_actions(plan).values()) == {"upload"} and len(plan.resources) == FILES
    assert [d.action for d in plan.datastore] == ["load"] * TABLES
    text = publish.render_plan(plan)
    assert "dataset: create it (private until complete)" in text and "then: make the dataset public" in text

    summary = publish.apply(plan, proxied_portal)

    writes = Counter(s.action for s in ckan_proxy.writes)
    assert writes == {"organization_create": 1, "package_create": 1, "package_revise": FILES,
                      "datastore_create": TABLES, "resource_view_create": TABLES + IMAGES}
    sizes = {r["name"]: r["bytes"] for r in _descriptor(ckan_release)["resources"]}
    descriptor_bytes = (ckan_release / "datapackage.json").stat().st_size
    assert summary.counters.bytes_uploaded == sum(sizes.values()) + descriptor_bytes
    assert summary.counters.calls == len(ckan_proxy.seen)

    dataset = ckan_portal.package_show(ckan_names["dataset"])
    assert dataset is not None and dataset["private"] is False
    assert dataset["organization"]["name"] == ckan_names["org"]
    resources = ours(dataset)
    assert set(resources) == set(local_hashes(ckan_release))
    # the descriptor was the last file written
    last = max(r["last_modified"] for r in dataset["resources"])
    assert last == resources["datapackage.json"]["last_modified"]
    files = {r["name"]: Path(r["path"]).name for r in _descriptor(ckan_release)["resources"]}
    files["datapackage.json"] = "datapackage.json"
    for key, resource in resources.items():
        assert resource["url"].endswith(f"/dataset/{dataset['id']}/resource/{resource['id']}/download/"
                                        f"{files[key]}")
        assert resource["hash"] == resource["datarelease_sha256"]
        assert resource["hash_algorithm"] == ckan.HASH_ALGORITHM_SHA256
    assert consumer_check(dataset) == []  # anonymous downloads verify: it is public

    # the activity stream has the publish as few, whole changes
    activities = ckan_portal.package_activity_list(dataset["id"])
    # CKAN records each new table view too; 2.12 also each DataStore load (its datastore_active flag)
    loads = TABLES if ckan_portal.status_show()["ckan_version"].startswith("2.12") else 0
    assert len(activities) == 1 + FILES + TABLES + IMAGES + loads
    # the SVG is shown by CKAN's image view, each table by its table view
    views = {key: [v["view_type"] for v in ckan_portal.resource_view_list(res["id"])]
             for key, res in resources.items()}
    assert views["organisation_network"] == [publish.IMAGE_VIEW]
    assert resources["organisation_network"]["datarelease_view"] == publish.IMAGE_VIEW
    assert sum(v == [publish.TABLE_VIEW] for v in views.values()) == TABLES
    assert sum(v == [] for v in views.values()) == FILES - TABLES - IMAGES


def test_the_mapping_against_what_ckan_stores(ckan_portal: Portal, ckan_release: Path,
                                             ckan_names: dict[str, str], ckan_env: CkanEnv) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    dataset = ckan_portal.package_show(ckan_names["dataset"])
    assert dataset is not None
    local = _descriptor(ckan_release)
    assert dataset["license_id"] == "cc-by" and dataset["notes"] == local["description"]
    assert sorted(t["name"] for t in dataset["tags"]) == sorted(local["keywords"])
    assert dataset["author"] == local["contributors"][0]["title"]
    assert dataset["maintainer_email"] == local["contributors"][0]["email"]

    back = ckan.package_from_dataset(dataset)
    for key, value in local.items():
        if key == "keywords":
            assert sorted(back[key]) == sorted(value)  # CKAN sorts tags
        elif key != "resources":
            assert back[key] == value, key
    by_name = {r["name"]: r for r in back["resources"]}
    for resource in local["resources"]:
        mapped = by_name[resource["name"]]
        if "schema" in resource:
            schema = json.loads((ckan_release / resource["schema"]).read_text(encoding="utf-8"))
            assert mapped["schema"] == schema
        else:  # a file such as the organisation network (SVG)
            assert "schema" not in mapped
        # CKAN keeps formats upper-case ("Parquet"): the mapping back writes them lower-case
        assert mapped["format"] == resource["format"].lower(), resource["name"]
        for key in ("title", "description", "mediatype", "bytes", "hash", "type"):
            assert mapped.get(key) == resource.get(key), (resource["name"], key)

    # the organisation network is an image the portal can show (an image view needs these)
    network = ours(dataset)["organisation_network"]
    assert (network["format"], network["mimetype"]) == ("SVG", "image/svg+xml")
    assert requests.get(network["url"], timeout=30).content == (
        ckan_release / "publish/organisation_network.svg").read_bytes()

    # ckanext-dcat exports our checksum
    turtle = requests.get(f"{ckan_env.url}/dataset/{ckan_names['dataset']}.ttl", timeout=30).text
    assert local["resources"][0]["hash"].removeprefix("sha256:") in turtle
    assert "checksumAlgorithm_sha256" in turtle


def test_datastore_is_typed_and_keyed(ckan_portal: Portal, ckan_release: Path,
                                      ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    dataset = ckan_portal.package_show(ckan_names["dataset"])
    assert dataset is not None
    organisations = ours(dataset)["organisations"]
    assert organisations["datastore_active"] is True
    found = ckan_portal.datastore_search(organisations["id"], limit=100)
    with (ckan_release / "publish/organisations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert found["total"] == len(rows)
    types = {f["id"]: f["type"] for f in found["fields"]}
    assert types["organisation_id"] == "text" and types["aliases"] == "_text"
    first = next(r for r in found["records"] if r["organisation_id"] == rows[0]["organisation_id"])
    assert first["aliases"] == rows[0]["aliases"].split("|")
    assert first["parent_id"] is None  # a missing value, not ""
    links = ours(dataset)["news_item_links"]
    link_types = {f["id"]: f["type"] for f in ckan_portal.datastore_search(links["id"])["fields"]}
    assert "int8" in link_types.values()  # integers are integers, not text
    # the Table Schema's primary key is the DataStore's: a duplicate is refused
    with pytest.raises(PortalError):
        ckan_portal.datastore_upsert(organisations["id"], [{"organisation_id": rows[0]["organisation_id"]}],
                                     method="insert")


def test_republish_without_change_writes_nothing(proxied_portal: Portal, ckan_proxy: Proxy,
                                                 ckan_portal: Portal, ckan_release: Path,
                                                 ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    before = ckan_portal.package_show(ckan_names["dataset"])
    assert before is not None
    activities = len(ckan_portal.package_activity_list(before["id"]))

    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    summary = publish.apply(plan, proxied_portal)

    assert plan.dataset_action == "none" and not plan.has_writes
    assert set(_actions(plan).values()) == {"keep"} and {d.action for d in plan.datastore} == {"keep"}
    assert not any(r.view for r in plan.resources)  # the SVG has its image view already
    assert ckan_proxy.writes == [] and ckan_proxy.body_bytes(writes_only=True) == 0
    assert summary.counters.writes == 0 and summary.counters.bytes_uploaded == 0
    # the portal's dataset schema, user, dataset, organisation, licences
    assert summary.counters.calls == len(ckan_proxy.seen) == 5
    after = ckan_portal.package_show(ckan_names["dataset"])
    assert after is not None and after["metadata_modified"] == before["metadata_modified"]
    assert len(ckan_portal.package_activity_list(before["id"])) == activities


def test_one_table_changed(proxied_portal: Portal, ckan_proxy: Proxy, ckan_portal: Portal,
                           ckan_release: Path, ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    before = ckan_portal.package_show(ckan_names["dataset"])
    assert before is not None
    change_table(ckan_release, "organisations", "name_en", "Government of Norway (changed)")

    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    changed = {k: a for k, a in _actions(plan).items() if a != "keep"}
    assert changed == {"organisations": "replace", "organisations-parquet": "replace",
                       "datapackage.json": "replace"}
    assert {d.key: d.action for d in plan.datastore if d.action != "keep"} == {"organisations": "load"}
    assert plan.changes == ()
    ckan_proxy.reset()
    summary = publish.apply(plan, proxied_portal)

    sizes = [(ckan_release / p).stat().st_size for p in
             ("publish/organisations.csv", "publish/organisations.parquet", "datapackage.json")]
    assert summary.counters.bytes_uploaded == sum(sizes)
    assert Counter(s.action for s in ckan_proxy.writes) == {"package_revise": 3, "datastore_delete": 1,
                                                             "datastore_create": 1}
    after = assert_converged(ckan_portal, ckan_release, ckan_names["org"])
    # ids and download URLs are stable
    assert {k: (r["id"], r["url"]) for k, r in ours(after).items()} == \
        {k: (r["id"], r["url"]) for k, r in ours(before).items()}
    rows = ckan_portal.datastore_search(ours(after)["organisations"]["id"], q="changed")["records"]
    assert [r["name_en"] for r in rows] == ["Government of Norway (changed)"]


def test_a_table_removed(ckan_portal: Portal, ckan_release: Path, ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    before = ckan_portal.package_show(ckan_names["dataset"])
    assert before is not None
    remove_table(ckan_release, "policy_principles")

    plan = publish.plan(ckan_release, ckan_portal, org=ckan_names["org"])
    deleted = {r.key: r.reason for r in plan.resources if r.action == "delete"}
    assert deleted == {"policy_principles": "no longer in the release",
                       "policy_principles-parquet": "no longer in the release"}
    assert {d.key: d.action for d in plan.datastore if d.action != "keep"} == {"policy_principles": "drop"}
    assert "delete   policy_principles: no longer in the release" in publish.render_plan(plan)
    publish.apply(plan, ckan_portal)

    after = assert_converged(ckan_portal, ckan_release, ckan_names["org"])
    assert "policy_principles" not in ours(after) and len(after["resources"]) == FILES - 2
    with pytest.raises(PortalError):  # its DataStore table went with it
        ckan_portal.datastore_search(ours(before)["policy_principles"]["id"])


def test_a_metadata_only_change(proxied_portal: Portal, ckan_proxy: Proxy, ckan_portal: Portal,
                                ckan_release: Path, ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    descriptor = _descriptor(ckan_release)
    descriptor["title"] = "A new title"
    descriptor["keywords"] = [*descriptor["keywords"][:-1], "open data"]
    _write_descriptor(ckan_release, descriptor)

    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    assert {c.field for c in plan.changes} == {"title", "tags"}
    assert {k: a for k, a in _actions(plan).items() if a != "keep"} == {"datapackage.json": "replace"}
    ckan_proxy.reset()
    summary = publish.apply(plan, proxied_portal)

    assert summary.counters.bytes_uploaded == (ckan_release / "datapackage.json").stat().st_size
    assert [s.action for s in ckan_proxy.writes] == ["package_revise"]  # metadata and descriptor at once
    after = assert_converged(ckan_portal, ckan_release, ckan_names["org"])
    assert after["title"] == "A new title"
    assert sorted(t["name"] for t in after["tags"]) == sorted(descriptor["keywords"])


def test_a_concurrent_edit_between_plan_and_apply(proxied_portal: Portal, ckan_proxy: Proxy,
                                                  ckan_portal: Portal, ckan_release: Path,
                                                  ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    change_table(ckan_release, "organisations", "name_en", "changed")
    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    ckan_portal.package_patch({"id": ckan_names["dataset"], "notes": "Edited on the portal."})
    edited = ckan_portal.package_show(ckan_names["dataset"])
    ckan_proxy.reset()

    with pytest.raises(ConflictError) as raised:
        publish.apply(plan, proxied_portal)

    message = str(raised.value)
    assert f"the dataset '{ckan_names['dataset']}'" in message and "was changed by someone else" in message
    assert "fields changed there: notes" in message and "nothing was written" in message
    assert ckan_proxy.writes == []
    assert ckan_portal.package_show(ckan_names["dataset"]) == edited


def test_a_concurrent_edit_during_apply(proxied_portal: Portal, ckan_proxy: Proxy, ckan_portal: Portal,
                                        ckan_release: Path, ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    change_table(ckan_release, "organisations", "name_en", "changed")
    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    ckan_proxy.reset()
    # apply: 1 package_show (check), 2 the CSV, 3 the Parquet: edit just before the Parquet goes
    def edit_elsewhere() -> None:
        ckan_portal.package_patch({"id": ckan_names["dataset"], "notes": "Edited on the portal."})

    ckan_proxy.before[3] = edit_elsewhere
    with pytest.raises(ConflictError) as raised:
        publish.apply(plan, proxied_portal)

    assert "Already done in this run: replaced organisations" in str(raised.value)
    now = ckan_portal.package_show(ckan_names["dataset"])
    assert now is not None and now["notes"] == "Edited on the portal."  # not overwritten
    assert ours(now)["organisations-parquet"]["datarelease_sha256"] != local_hashes(ckan_release)[
        "organisations-parquet"]
    # the old descriptor still rules: the half-published table does not verify
    assert consumer_check(now) == ["organisations"]


def test_a_wrong_token(ckan_env: CkanEnv, ckan_portal: Portal, ckan_release: Path,
                       ckan_names: dict[str, str]) -> None:
    token = "wrong-token-0123456789abcdef"
    with pytest.raises(NotAuthorizedError) as raised:
        publish.plan(ckan_release, Portal(ckan_env.url, token), org=ckan_names["org"])
    assert "refused the API token" in str(raised.value) and token not in str(raised.value)

    result = CliRunner().invoke(main, ["publish", "--root", str(ckan_release), "--org", ckan_names["org"]],
                                env={"CKAN_URL": ckan_env.url, "CKAN_API_TOKEN": token})
    assert result.exit_code == 4
    assert "Error: " in result.output and "refused the API token" in result.output
    assert token not in result.output
    assert ckan_portal.package_show(ckan_names["dataset"]) is None
    assert ckan_portal.organization_show(ckan_names["org"]) is None


def test_a_token_whose_user_may_not_publish_there(ckan_env: CkanEnv, ckan_portal: Portal, ckan_release: Path,
                                                 ckan_names: dict[str, str]) -> None:
    ckan_portal.organization_create(ckan_names["org"])
    user = ckan_portal.call("user_create", {"name": ckan_names["org"] + "-user", "password": "pw-" + "x" * 12,
                                            "email": f"{ckan_names['org']}@example.invalid"}, write=True)
    try:
        token = ckan_portal.call("api_token_create", {"user": user["name"], "name": "test"},
                                 write=True)["token"]
        outsider = Portal(ckan_env.url, token)
        plan = publish.plan(ckan_release, outsider, org=ckan_names["org"])
        assert (plan.dataset_action, plan.organization_action) == ("create", "use")
        with pytest.raises(NotAuthorizedError) as raised:
            publish.apply(plan, outsider)
        message = str(raised.value)
        assert "refused package_create: the API token's user may not do this" in message
        assert token not in message
        assert ckan_portal.package_show(ckan_names["dataset"]) is None
    finally:
        ckan_portal.call("user_delete", {"id": user["id"]}, write=True)


def test_the_portal_down(ckan_release: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(PortalUnavailable, match=r"is not reachable \(connection refused\)"):
        publish.plan(ckan_release, Portal(url, "t", retries=1, backoff=0.01), org="x")
    result = CliRunner().invoke(main, ["publish", "--root", str(ckan_release), "--org", "x"],
                                env={"CKAN_URL": url, "CKAN_API_TOKEN": "t"})
    assert result.exit_code == 4
    assert f"Error: {url} is not reachable (connection refused)" in result.output


# apply's requests on a first publish: 1 organisation, 2 dataset, then the files but the descriptor,
# the DataStore tables, the table views and the image view (a read, then a write each), the dataset
# read again, the last
FIRST_VIEW_WRITE = 2 + (FILES - 1) + TABLES + 2
LAST = 2 + (FILES - 1) + 3 * TABLES + 2 * IMAGES + 2


@pytest.mark.parametrize(("after", "forwarded"), [(0, True), (1, True), (6, False), (9, True), (20, True),
                                                   (FIRST_VIEW_WRITE - 1, True), (LAST - 1, False),
                                                   (LAST - 1, True)])
def test_an_interrupted_first_publish_converges(after: int, forwarded: bool, proxied_portal: Portal,
                                                ckan_proxy: Proxy, ckan_portal: Portal, ckan_release: Path,
                                                ckan_names: dict[str, str], ckan_env: CkanEnv) -> None:
    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    ckan_proxy.reset()
    ckan_proxy.cut(after, forwarded=forwarded)
    with pytest.raises(PortalUnavailable) as raised:
        publish.apply(plan, proxied_portal)
    assert "Run the same command again" in str(raised.value)
    assert ckan_proxy.seen[-1].status is None  # the proxy did cut it

    half = ckan_portal.package_show(ckan_names["dataset"])
    if half is not None and not (after == LAST - 1 and forwarded):
        assert half["private"] is True  # nobody sees a half-published first release
        with pytest.raises(NotAuthorizedError):
            Portal(ckan_env.url).package_show(ckan_names["dataset"])

    rerun = publish.plan(ckan_release, ckan_portal, org=ckan_names["org"])
    assert not any(r.action == "delete" and "duplicate" in r.reason for r in rerun.resources)
    publish.apply(rerun, ckan_portal)
    dataset = assert_converged(ckan_portal, ckan_release, ckan_names["org"])
    assert len(dataset["resources"]) == FILES


def test_an_interrupted_update_never_serves_mixed_tables(proxied_portal: Portal, ckan_proxy: Proxy,
                                                         ckan_portal: Portal, ckan_release: Path,
                                                         ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    change_table(ckan_release, "organisations", "name_en", "changed")
    change_table(ckan_release, "news_items", "title", "A changed title")
    plan = publish.plan(ckan_release, proxied_portal, org=ckan_names["org"])
    ckan_proxy.reset()
    ckan_proxy.cut(3, forwarded=True)  # check, organisations CSV and Parquet; then news_items CSV, unheard
    with pytest.raises(PortalUnavailable):
        publish.apply(plan, proxied_portal)

    between = ckan_portal.package_show(ckan_names["dataset"])
    assert between is not None
    # the portal still serves the old descriptor: what changed fails verification, loudly
    assert consumer_check(between) == ["organisations", "organisations-parquet", "news_items"]

    publish.apply(publish.plan(ckan_release, ckan_portal, org=ckan_names["org"]), ckan_portal)
    assert_converged(ckan_portal, ckan_release, ckan_names["org"])


def test_a_deleted_dataset_is_restored(ckan_portal: Portal, ckan_release: Path,
                                       ckan_names: dict[str, str]) -> None:
    published(ckan_portal, ckan_release, ckan_names["org"])
    ckan_portal.call("package_delete", {"id": ckan_names["dataset"]}, write=True)
    plan = publish.plan(ckan_release, ckan_portal, org=ckan_names["org"])
    assert [(c.field, c.old, c.new) for c in plan.changes] == [("state", "deleted", "active")]
    publish.apply(plan, ckan_portal)
    assert assert_converged(ckan_portal, ckan_release, ckan_names["org"])["state"] == "active"


def test_without_datastore(proxied_portal: Portal, ckan_proxy: Proxy, ckan_portal: Portal,
                           ckan_release: Path, ckan_names: dict[str, str]) -> None:
    published(proxied_portal, ckan_release, ckan_names["org"], datastore=False)
    assert not [s for s in ckan_proxy.seen if s.action.startswith("datastore_")]
    dataset = ckan_portal.package_show(ckan_names["dataset"])
    assert dataset is not None and not any(r["datastore_active"] for r in dataset["resources"])
    # turning it on later loads every table, without touching a file
    plan = publish.plan(ckan_release, ckan_portal, org=ckan_names["org"])
    assert set(_actions(plan).values()) == {"keep"}
    assert [d.action for d in plan.datastore] == ["load"] * TABLES
    assert publish.apply(plan, ckan_portal).counters.bytes_uploaded == 0


def test_progress_is_reported_for_every_byte(ckan_portal: Portal, ckan_release: Path,
                                             ckan_names: dict[str, str]) -> None:
    shown: dict[str, list[tuple[int, int | None]]] = {}

    def progress(label: str, done: int, total: int | None) -> None:
        shown.setdefault(label, []).append((done, total))

    publish.apply(publish.plan(ckan_release, ckan_portal, org=ckan_names["org"]), ckan_portal,
                  progress=progress)
    assert set(shown) == {Path(r["path"]).name for r in _descriptor(ckan_release)["resources"]} | {
        "datapackage.json"}
    for calls in shown.values():  # every byte counted once, in order, up to the file's size
        done = [d for d, _ in calls]
        assert done == sorted(done) and done[-1] == calls[-1][1]


def test_the_cli(ckan_env: CkanEnv, ckan_portal: Portal, ckan_release: Path,
                 ckan_names: dict[str, str]) -> None:
    runner = CliRunner()
    args = ["publish", "--root", str(ckan_release), "--org", ckan_names["org"]]
    dry = runner.invoke(main, [*args, "--dry-run"], env=ckan_env.as_env())
    assert dry.exit_code == 0, dry.output
    assert "dataset: create it (private until complete)" in dry.output
    assert ckan_portal.package_show(ckan_names["dataset"]) is None  # --dry-run changed nothing

    result = runner.invoke(main, [*args, "--format", "json", "--rate-limit", "100"], env=ckan_env.as_env())
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["plan"]["dataset_action"] == "create" and out["dry_run"] is False
    summary = out["summary"]
    assert summary["dataset_url"] == f"{ckan_env.url}/dataset/{ckan_names['dataset']}"
    # each table view and the image view is made after a read of the resource's views (none made by
    # the portal), then the dataset is read again (CKAN 2.12 counts new views as a change of it)
    assert summary["writes"] == 2 + FILES + 2 * TABLES + IMAGES
    assert summary["calls"] == summary["writes"] + 5 + TABLES + IMAGES + 1
    assert summary["bytes_uploaded"] > 0 and summary["bytes_sent"] > summary["bytes_uploaded"]
    assert "made the dataset public" in summary["done"]

    again = runner.invoke(main, args, env=ckan_env.as_env())
    assert again.exit_code == 0
    assert "dataset: nothing to do: the portal has this release" in again.output
    assert "Nothing to publish" in again.output and "0 writes" in again.output
    for output in (dry.output, result.output, again.output):
        assert ckan_env.token not in output


def test_the_cli_needs_a_portal(ckan_release: Path) -> None:
    result = CliRunner().invoke(main, ["publish", "--root", str(ckan_release)], env={"CKAN_URL": ""})
    assert result.exit_code == 2 and "pass --ckan-url or set CKAN_URL" in result.output

"""Publish this repository's release to the local CKAN and count what goes over the wire.

Three publishes of a copy of the release (the repository is never changed), each through a
counting proxy on loopback (``tests/proxy.py``) in front of the portal:

1. first publish (dataset, organisation, every file, the DataStore);
2. the same release again (should write nothing and upload no byte);
3. one table changed (``organisations``: one cell in its CSV and its Parquet twin).

For each it prints the HTTP calls the proxy saw (reads and writes), the request bytes it saw, and
datarelease's own counters (calls, bytes sent, bytes of files uploaded). The dataset gets a unique
name (the release's name plus a suffix) and is purged at the end with its organisation, unless
``--keep``.

    scripts/ckan-local start
    .venv/bin/python benchmarks/publish_seed.py [--format json]

The portal comes from CKAN_URL and CKAN_API_TOKEN, else from ``scripts/ckan-local env``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from datarelease import publish
from datarelease.ckan import Portal

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.proxy import Proxy  # noqa: E402  (the same proxy the tests use)


def _portal_env() -> tuple[str, str]:
    url, token = os.environ.get("CKAN_URL"), os.environ.get("CKAN_API_TOKEN")
    if url and token:
        return url, token
    out = subprocess.run([str(REPO / "scripts" / "ckan-local"), "env"], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        sys.exit("no portal: set CKAN_URL and CKAN_API_TOKEN, or run scripts/ckan-local start")
    lines = Path(out.stdout.strip()).read_text(encoding="utf-8").splitlines()
    env = dict(line.split("=", 1) for line in lines if "=" in line)
    return env["CKAN_URL"], env["CKAN_API_TOKEN"]


def _copy_release(target: Path, name: str) -> None:
    for folder in ("publish", "schemas"):
        shutil.copytree(REPO / folder, target / folder)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = name
    _write(target, descriptor)


def _write(root: Path, descriptor: dict[str, Any]) -> None:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (root / "datapackage.json").write_text(text, encoding="utf-8")


def _change_one_table(root: Path, table: str = "organisations", column: str = "name_en") -> None:
    """Change one cell of the table's first row in its CSV and Parquet twin; re-describe both files."""
    csv_path, parquet_path = root / f"publish/{table}.csv", root / f"publish/{table}.parquet"
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index(column)] += " (changed)"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    arrow = pq.read_table(parquet_path)
    records = arrow.to_pylist()
    records[0][column] += " (changed)"
    pq.write_table(pa.Table.from_pylist(records, schema=arrow.schema), parquet_path)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] in (f"publish/{table}.csv", f"publish/{table}.parquet"):
            data = (root / resource["path"]).read_bytes()
            resource["bytes"], resource["hash"] = len(data), f"sha256:{hashlib.sha256(data).hexdigest()}"
    _write(root, descriptor)


def _run(label: str, root: Path, portal: Portal, proxy: Proxy, org: str) -> dict[str, Any]:
    proxy.reset()
    started = time.monotonic()
    plan = publish.plan(root, portal, org=org)
    summary = publish.apply(plan, portal)
    seconds = time.monotonic() - started
    c = summary.counters
    return {
        "scenario": label, "seconds": round(seconds, 2),
        "proxy_calls": len(proxy.seen), "proxy_writes": len(proxy.writes),
        "proxy_request_bytes": proxy.body_bytes(), "proxy_write_bytes": proxy.body_bytes(writes_only=True),
        "calls": c.calls, "writes": c.writes, "bytes_sent": c.bytes_sent, "bytes_uploaded": c.bytes_uploaded,
        "files_sent": sorted(r.key for r in plan.resources if r.sends_file),
        "by_action": dict(sorted(c.by_action.items())),
    }


def _table(results: list[dict[str, Any]]) -> str:
    head = (f"{'scenario':<24}{'calls':>6}{'writes':>7}{'request bytes':>14}{'file bytes':>11}{'files':>6}"
            f"{'s':>6}")
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(f"{r['scenario']:<24}{r['proxy_calls']:>6}{r['proxy_writes']:>7}"
                     f"{r['proxy_request_bytes']:>14}{r['bytes_uploaded']:>11}{len(r['files_sent']):>6}"
                     f"{r['seconds']:>6}")
    lines.append("")
    for r in results:
        lines.append(f"{r['scenario']}: {', '.join(f'{k} {n}' for k, n in r['by_action'].items())}")
        if r["files_sent"]:
            lines.append(f"  files sent: {', '.join(r['files_sent'])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--keep", action="store_true", help="do not purge the dataset afterwards")
    args = parser.parse_args()
    url, token = _portal_env()
    base = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["name"]
    suffix = uuid.uuid4().hex[:6]
    name, org = f"{base}-bench-{suffix}", f"datarelease-bench-{suffix}"
    direct = Portal(url, token)
    results = []
    with tempfile.TemporaryDirectory() as tmp, Proxy(url) as proxy:
        root = Path(tmp) / "release"
        _copy_release(root, name)
        portal = Portal(proxy.url, token)
        try:
            results.append(_run("first publish", root, portal, proxy, org))
            results.append(_run("no-change re-publish", root, portal, proxy, org))
            _change_one_table(root)
            results.append(_run("one table changed", root, portal, proxy, org))
        finally:
            if not args.keep:
                if direct.package_show(name) is not None:
                    direct.dataset_purge(name)
                if direct.organization_show(org) is not None:
                    direct.organization_purge(org)
    if args.format == "json":
        print(json.dumps({"portal": url, "dataset": name, "results": results}, indent=2))
    else:
        print(f"Publishing {REPO / 'datapackage.json'} (as {name}) to {url} through a counting proxy\n")
        print(_table(results))


if __name__ == "__main__":
    main()
